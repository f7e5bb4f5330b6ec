// Reading NAME/value pairs back from what `export` writes (and from hand-written files).
//
// dotenv and shell (one parser): one assignment per line, `NAME=VALUE` or `export NAME=VALUE`;
// blank lines and lines starting with `#` are skipped. VALUE is read as POSIX sh reads a word,
// without expansion: '...' keeps every byte (and may span lines), "..." honours the backslash
// escapes \\ \" \$ \` and line continuation, an unquoted backslash escapes the next byte, and
// adjacent pieces join ('it'\''s' is it's). As in dotenv files, unquoted blanks inside a value
// are kept (`A=two words`); a `#` after a blank starts a comment; trailing blanks are dropped.
// `$` is taken literally (no variable expansion).
//
// json: one object whose members are strings (RFC 8259), \uXXXX escapes with surrogate pairs.
//
// Errors name the line, never a value.

/// A parse error in an import file: a line number and what is wrong.
package struct ImportParseError: Error, Equatable {
    package let line: Int
    package let message: String
}

/// The pairs of a dotenv or shell file, in file order.
package func parseDotenv(_ text: [UInt8]) throws(ImportParseError) -> [(key: String, value: [UInt8])] {
    var parser = ByteScanner(text)
    var pairs = [(key: String, value: [UInt8])]()
    while !parser.atEnd {
        parser.skip { $0 == 0x20 || $0 == 0x09 }
        if parser.atEnd { break }
        if parser.peek == 0x0a || parser.peek == 0x0d {
            parser.advance()
            continue
        }
        if parser.peek == UInt8(ascii: "#") {
            parser.skip { $0 != 0x0a }
            continue
        }
        let lineNumber = parser.line
        var name = parser.take { $0 != UInt8(ascii: "=") && $0 != 0x20 && $0 != 0x09 && $0 != 0x0a }
        if name == Array("export".utf8) && !parser.atEnd && (parser.peek == 0x20 || parser.peek == 0x09) {
            parser.skip { $0 == 0x20 || $0 == 0x09 }
            name = parser.take { $0 != UInt8(ascii: "=") && $0 != 0x20 && $0 != 0x09 && $0 != 0x0a }
        }
        guard !name.isEmpty, !parser.atEnd, parser.peek == UInt8(ascii: "=") else {
            throw ImportParseError(line: lineNumber, message: "expected NAME=VALUE")
        }
        parser.advance()
        let value = try parseShellWord(&parser)
        // After the value: blanks, then a comment or the end of the line.
        parser.skip { $0 == 0x20 || $0 == 0x09 || $0 == 0x0d }
        if !parser.atEnd && parser.peek == UInt8(ascii: "#") {
            parser.skip { $0 != 0x0a }
        }
        if !parser.atEnd && parser.peek != 0x0a {
            throw ImportParseError(line: parser.line, message: "unexpected text after the value of \(String(decoding: name, as: UTF8.self))")
        }
        pairs.append((String(decoding: name, as: UTF8.self), value))
    }
    return pairs
}

/// One sh word starting at the scanner, quotes removed, no expansion.
private func parseShellWord(_ parser: inout ByteScanner) throws(ImportParseError) -> [UInt8] {
    var out = [UInt8]()
    while !parser.atEnd {
        let c = parser.peek
        switch c {
        case 0x27:  // '...': literal
            let start = parser.line
            parser.advance()
            out += parser.take { $0 != 0x27 }
            guard !parser.atEnd else { throw ImportParseError(line: start, message: "unterminated single quote") }
            parser.advance()
        case 0x22:  // "...": \\ \" \$ \` and \newline are escapes, any other backslash is literal
            let start = parser.line
            parser.advance()
            while true {
                guard !parser.atEnd else { throw ImportParseError(line: start, message: "unterminated double quote") }
                let d = parser.next()
                if d == 0x22 { break }
                if d == 0x5c && !parser.atEnd {
                    let e = parser.peek
                    if e == 0x5c || e == 0x22 || e == 0x24 || e == 0x60 {
                        out.append(parser.next())
                        continue
                    }
                    if e == 0x0a {
                        parser.advance()
                        continue
                    }
                }
                out.append(d)
            }
        case 0x5c:  // backslash outside quotes escapes the next byte; before a newline it joins lines
            parser.advance()
            guard !parser.atEnd else { return out }
            let e = parser.next()
            if e != 0x0a { out.append(e) }
        case 0x20, 0x09:
            // Blanks inside an unquoted value are kept (dotenv's `A=two words`); before the end
            // of the line or a `#` comment they end the value.
            let blanks = parser.remaining.prefix { $0 == 0x20 || $0 == 0x09 }
            let after = parser.remaining.dropFirst(blanks.count).first
            if after == nil || after == 0x0a || after == 0x0d || after == UInt8(ascii: "#") { return out }
            out += blanks
            parser.advance(blanks.count)
        case 0x0a, 0x0d:
            return out
        default:
            out.append(parser.next())
        }
    }
    return out
}

/// The members of a JSON object of strings, in file order.
package func parseJSONObject(_ text: [UInt8]) throws(ImportParseError) -> [(key: String, value: [UInt8])] {
    var parser = ByteScanner(text)
    var pairs = [(key: String, value: [UInt8])]()
    if parser.remaining.starts(with: [0xef, 0xbb, 0xbf]) { parser.advance(3) }
    parser.skipJSONSpace()
    guard !parser.atEnd, parser.next() == UInt8(ascii: "{") else {
        throw ImportParseError(line: parser.line, message: "expected a JSON object")
    }
    parser.skipJSONSpace()
    if !parser.atEnd && parser.peek == UInt8(ascii: "}") {
        parser.advance()
    } else {
        while true {
            parser.skipJSONSpace()
            let key = try parseJSONString(&parser)
            parser.skipJSONSpace()
            guard !parser.atEnd, parser.next() == UInt8(ascii: ":") else {
                throw ImportParseError(line: parser.line, message: "expected ':' after a member name")
            }
            parser.skipJSONSpace()
            guard !parser.atEnd, parser.peek == 0x22 else {
                throw ImportParseError(line: parser.line, message: "the value of \(String(decoding: key, as: UTF8.self)) is not a string")
            }
            let value = try parseJSONString(&parser)
            pairs.append((String(decoding: key, as: UTF8.self), value))
            parser.skipJSONSpace()
            guard !parser.atEnd else { throw ImportParseError(line: parser.line, message: "unterminated object") }
            let c = parser.next()
            if c == UInt8(ascii: "}") { break }
            guard c == UInt8(ascii: ",") else {
                throw ImportParseError(line: parser.line, message: "expected ',' or '}'")
            }
        }
    }
    parser.skipJSONSpace()
    guard parser.atEnd else { throw ImportParseError(line: parser.line, message: "text after the JSON object") }
    return pairs
}

private func parseJSONString(_ parser: inout ByteScanner) throws(ImportParseError) -> [UInt8] {
    let start = parser.line
    guard !parser.atEnd, parser.next() == 0x22 else {
        throw ImportParseError(line: start, message: "expected a string")
    }
    var out = [UInt8]()
    while true {
        guard !parser.atEnd else { throw ImportParseError(line: start, message: "unterminated string") }
        let c = parser.next()
        if c == 0x22 { break }
        if c < 0x20 { throw ImportParseError(line: parser.line, message: "control character in a string") }
        guard c == 0x5c else { out.append(c); continue }
        guard !parser.atEnd else { throw ImportParseError(line: start, message: "unterminated string") }
        switch parser.next() {
        case 0x22: out.append(0x22)
        case 0x5c: out.append(0x5c)
        case 0x2f: out.append(0x2f)
        case UInt8(ascii: "b"): out.append(0x08)
        case UInt8(ascii: "f"): out.append(0x0c)
        case UInt8(ascii: "n"): out.append(0x0a)
        case UInt8(ascii: "r"): out.append(0x0d)
        case UInt8(ascii: "t"): out.append(0x09)
        case UInt8(ascii: "u"):
            var scalar = try parseHex4(&parser)
            if scalar >= 0xd800 && scalar < 0xdc00 {
                // A high surrogate must be followed by \u and a low surrogate.
                guard parser.remaining.starts(with: [0x5c, UInt8(ascii: "u")]) else {
                    throw ImportParseError(line: parser.line, message: "unpaired surrogate in a string")
                }
                parser.advance(2)
                let low = try parseHex4(&parser)
                guard low >= 0xdc00 && low < 0xe000 else {
                    throw ImportParseError(line: parser.line, message: "unpaired surrogate in a string")
                }
                scalar = 0x10000 + ((scalar - 0xd800) << 10) + (low - 0xdc00)
            } else if scalar >= 0xdc00 && scalar < 0xe000 {
                throw ImportParseError(line: parser.line, message: "unpaired surrogate in a string")
            }
            out += Array(String(Character(Unicode.Scalar(scalar)!)).utf8)
        default:
            throw ImportParseError(line: parser.line, message: "invalid escape in a string")
        }
    }
    guard String(validating: out, as: UTF8.self) != nil else {
        throw ImportParseError(line: start, message: "string is not valid UTF-8")
    }
    return out
}

private func parseHex4(_ parser: inout ByteScanner) throws(ImportParseError) -> UInt32 {
    var v: UInt32 = 0
    for _ in 0..<4 {
        guard !parser.atEnd else { throw ImportParseError(line: parser.line, message: "short \\u escape") }
        let c = parser.next()
        let d: UInt32
        switch c {
        case 0x30...0x39: d = UInt32(c - 0x30)
        case 0x61...0x66: d = UInt32(c - 0x61 + 10)
        case 0x41...0x46: d = UInt32(c - 0x41 + 10)
        default: throw ImportParseError(line: parser.line, message: "invalid \\u escape")
        }
        v = v << 4 | d
    }
    return v
}

/// A cursor over bytes that counts lines.
struct ByteScanner {
    private let bytes: [UInt8]
    private var index = 0
    private(set) var line = 1

    init(_ bytes: [UInt8]) { self.bytes = bytes }

    var atEnd: Bool { index >= bytes.count }
    var peek: UInt8 { bytes[index] }
    var remaining: ArraySlice<UInt8> { bytes[index...] }

    mutating func next() -> UInt8 {
        let c = bytes[index]
        index += 1
        if c == 0x0a { line += 1 }
        return c
    }

    mutating func advance(_ n: Int = 1) {
        for _ in 0..<n where !atEnd { _ = next() }
    }

    mutating func skip(while predicate: (UInt8) -> Bool) {
        while !atEnd && predicate(bytes[index]) { _ = next() }
    }

    mutating func take(while predicate: (UInt8) -> Bool) -> [UInt8] {
        let start = index
        skip(while: predicate)
        return Array(bytes[start..<index])
    }

    mutating func skipJSONSpace() {
        skip { $0 == 0x20 || $0 == 0x09 || $0 == 0x0a || $0 == 0x0d }
    }
}
