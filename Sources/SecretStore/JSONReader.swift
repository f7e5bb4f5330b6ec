// A small, strict JSON (RFC 8259) reader for the store file.
//
// Why not JSONSerialization: the reader must refuse what other readers would resolve
// differently (duplicate member names: Python keeps the last, others the first), it is the fuzz
// target, so it must be self-contained and bounded (nesting depth 32), and a pull interface lets
// the store decode 10,000 secrets without building a tree (StoreFile+Decode.swift).
//
// Objects keep their members in file order as (name, value) pairs; numbers are integers only
// (-?(0|[1-9][0-9]*), fitting Int64; the format has no other numbers); strings are checked to
// be valid UTF-8 with escapes decoded (surrogate pairs joined, lone surrogates refused). Errors
// carry a byte offset and what was expected, never the text at that offset.

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
/// The deepest nesting of containers accepted (a bound for the fuzzer and the stack).
let maxJSONDepth = 32

/// The tokenizer under both the generic tree parser (`parseJSON`) and the store's
/// schema-directed decoder (StoreFile+Decode.swift), which pulls members and values one at a time and
/// builds the model without an intermediate tree.
struct JSONReader {
    let bytes: UnsafeRawBufferPointer
    var position = 0
    /// Open containers entered through the pull interface.
    var depth = 0

    init(bytes: UnsafeRawBufferPointer) { self.bytes = bytes }

    // MARK: pull interface

    /// Enters an object: whitespace, then '{'.
    mutating func enterObject() throws(JSONSyntaxError) {
        skipWhitespace()
        guard position < bytes.count, bytes[position] == UInt8(ascii: "{") else { throw fail("'{'") }
        depth += 1
        guard depth <= maxJSONDepth else { throw fail("less nesting") }
        position += 1
    }

    /// Moves to the opening quote of the next member's name, past a ',' after the first one:
    /// `true` there, `false` once the closing '}' is consumed.
    private mutating func atMemberName(_ first: inout Bool) throws(JSONSyntaxError) -> Bool {
        skipWhitespace()
        guard position < bytes.count else { throw fail(first ? "a member name or '}'" : "',' or '}'") }
        if bytes[position] == UInt8(ascii: "}") { position += 1; depth -= 1; return false }
        if !first {
            guard bytes[position] == UInt8(ascii: ",") else { throw fail("',' or '}'") }
            position += 1
            skipWhitespace()
        }
        first = false
        guard position < bytes.count, bytes[position] == UInt8(ascii: "\"") else { throw fail("a member name") }
        return true
    }

    /// Consumes the ':' after a member name.
    private mutating func consumeColon() throws(JSONSyntaxError) {
        skipWhitespace()
        guard position < bytes.count, bytes[position] == UInt8(ascii: ":") else { throw fail("':'") }
        position += 1
    }

    /// The next member's name, with its ':' consumed, or `nil` once the closing '}' is read.
    /// `first` is the caller's per-object flag, initially `true`.
    mutating func nextMember(_ first: inout Bool) throws(JSONSyntaxError) -> String? {
        guard try atMemberName(&first) else { return nil }
        let name = try string()
        try consumeColon()
        return name
    }

    /// The next member of an object whose member names are fixed: the index of its name in
    /// `table` (−1 for a name not in it, then readable with ``lastMemberName``), or `nil` once
    /// the closing '}' is read. Names are matched on the file's bytes, packed into two words,
    /// without making Strings (a String per member name was ~10% of a 10,000-secret open).
    mutating func nextMember(_ first: inout Bool, in table: MemberTable) throws(JSONSyntaxError) -> Int? {
        guard try atMemberName(&first) else { return nil }
        let start = position + 1
        var end = start
        while end < bytes.count, bytes[end] != UInt8(ascii: "\""), bytes[end] != UInt8(ascii: "\\"), bytes[end] >= 0x20 { end += 1 }
        var index = -1
        if end < bytes.count, bytes[end] == UInt8(ascii: "\"") {
            index = table.index(of: UnsafeRawBufferPointer(rebasing: bytes[start..<end]))
            position = end + 1
            lastMemberRange = start..<end
        } else {
            // Escapes (never in a schema name) or an error: decode, then match.
            let name = try string()
            lastMemberRange = nil
            lastEscapedName = name
            var copy = name
            index = copy.withUTF8 { table.index(of: UnsafeRawBufferPointer($0)) }
        }
        try consumeColon()
        return index
    }

    /// A timestamp string, checked on the file's bytes before a String is made.
    mutating func readTimestamp() throws(JSONSyntaxError) -> String? {
        guard nextIsString() else { throw fail("a string") }
        let start = position + 1
        if bytes.count - start > 20, bytes[start + 20] == UInt8(ascii: "\""),
           unixSeconds(timestamp: UnsafeRawBufferPointer(rebasing: bytes[start..<(start + 20)])) != nil {
            position = start + 21
            return String(decoding: UnsafeRawBufferPointer(rebasing: bytes[start..<(start + 20)]), as: UTF8.self)
        }
        _ = try string()
        return nil
    }

    /// Where the last name read by ``nextMember(_:in:)`` lies in the file (nil when escaped).
    private var lastMemberRange: Range<Int>?
    private var lastEscapedName = ""

    /// The last member name read by ``nextMember(_:in:)``, as text (for error messages).
    func lastMemberName() -> String {
        guard let range = lastMemberRange else { return lastEscapedName }
        return String(decoding: UnsafeRawBufferPointer(rebasing: bytes[range]), as: UTF8.self)
    }

    /// Enters an array: whitespace, then '['.
    mutating func enterArray() throws(JSONSyntaxError) {
        skipWhitespace()
        guard position < bytes.count, bytes[position] == UInt8(ascii: "[") else { throw fail("'['") }
        depth += 1
        guard depth <= maxJSONDepth else { throw fail("less nesting") }
        position += 1
    }

    /// `true` when another element follows (its separator consumed), `false` once ']' is read.
    mutating func nextElement(_ first: inout Bool) throws(JSONSyntaxError) -> Bool {
        skipWhitespace()
        guard position < bytes.count else { throw fail("a value or ']'") }
        if bytes[position] == UInt8(ascii: "]") { position += 1; depth -= 1; return false }
        if !first {
            guard bytes[position] == UInt8(ascii: ",") else { throw fail("',' or ']'") }
            position += 1
        }
        first = false
        return true
    }

    /// `true` when the next value is a string.
    mutating func nextIsString() -> Bool {
        skipWhitespace()
        return position < bytes.count && bytes[position] == UInt8(ascii: "\"")
    }

    /// `true` when the next value is an integer.
    mutating func nextIsInteger() -> Bool {
        skipWhitespace()
        guard position < bytes.count else { return false }
        let c = bytes[position]
        return c == UInt8(ascii: "-") || (c >= UInt8(ascii: "0") && c <= UInt8(ascii: "9"))
    }

    /// A string value.
    mutating func readString() throws(JSONSyntaxError) -> String {
        guard nextIsString() else { throw fail("a string") }
        return try string()
    }

    /// An integer value.
    mutating func readInteger() throws(JSONSyntaxError) -> Int {
        guard nextIsInteger() else { throw fail("an integer") }
        return try integer()
    }

    /// A string value holding canonical base64, decoded straight from the file's bytes; `nil`
    /// when the string is not canonical base64 (or longer than `maxLength` characters).
    mutating func readBase64(maxLength: Int) throws(JSONSyntaxError) -> [UInt8]? {
        guard nextIsString() else { throw fail("a string") }
        let start = position + 1
        var end = start
        while end < bytes.count, bytes[end] != UInt8(ascii: "\""), bytes[end] != UInt8(ascii: "\\"), bytes[end] >= 0x20 { end += 1 }
        if end < bytes.count, bytes[end] == UInt8(ascii: "\"") {
            position = end + 1
            guard end - start <= maxLength else { return nil }
            return base64Decode(UnsafeRawBufferPointer(rebasing: bytes[start..<end]))
        }
        // Escapes or an error: the general path (an escaped character is never base64).
        let text = try string()
        guard text.utf8.count <= maxLength else { return nil }
        return base64Decode(text)
    }

    /// Only whitespace may follow.
    mutating func finish() throws(JSONSyntaxError) {
        skipWhitespace()
        guard position == bytes.count else { throw fail("end of file") }
    }

    // MARK: tokens (shared by both interfaces)

    mutating func skipWhitespace() {
        while position < bytes.count {
            let c = bytes[position]
            guard c == 0x20 || c == 0x0a || c == 0x0d || c == 0x09 else { return }
            position += 1
        }
    }

    func fail(_ expected: String) -> JSONSyntaxError { JSONSyntaxError(offset: position, expected: expected) }

    mutating func integer() throws(JSONSyntaxError) -> Int {
        let start = position
        var negative = false
        if bytes[position] == UInt8(ascii: "-") { negative = true; position += 1 }
        guard position < bytes.count, bytes[position] >= UInt8(ascii: "0"), bytes[position] <= UInt8(ascii: "9")
        else { throw fail("a digit") }
        if bytes[position] == UInt8(ascii: "0"), position + 1 < bytes.count,
           bytes[position + 1] >= UInt8(ascii: "0"), bytes[position + 1] <= UInt8(ascii: "9") {
            throw fail("no leading zero")
        }
        var magnitude: Int64 = 0
        while position < bytes.count, bytes[position] >= UInt8(ascii: "0"), bytes[position] <= UInt8(ascii: "9") {
            let digit = Int64(bytes[position] - UInt8(ascii: "0"))
            let (m, o1) = magnitude.multipliedReportingOverflow(by: 10)
            let (s, o2) = m.addingReportingOverflow(digit)
            guard !o1, !o2 else { position = start; throw fail("an integer within 64 bits") }
            magnitude = s
            position += 1
        }
        if position < bytes.count,
           bytes[position] == UInt8(ascii: ".") || bytes[position] == UInt8(ascii: "e") || bytes[position] == UInt8(ascii: "E") {
            throw fail("an integer (the format has no fractions or exponents)")
        }
        return Int(negative ? -magnitude : magnitude)
    }

    mutating func string() throws(JSONSyntaxError) -> String {
        position += 1  // opening quote
        let start = position
        var ascii = true
        // Fast path: no escapes.
        while position < bytes.count {
            let c = bytes[position]
            if c == UInt8(ascii: "\"") {
                let slice = UnsafeRawBufferPointer(rebasing: bytes[start..<position])
                position += 1
                if ascii { return String(decoding: slice, as: UTF8.self) }
                guard let s = String(validating: slice, as: UTF8.self) else {
                    position = start
                    throw fail("valid UTF-8 in a string")
                }
                return s
            }
            if c == UInt8(ascii: "\\") { break }
            if c < 0x20 { throw fail("no control character in a string") }
            if c >= 0x80 { ascii = false }
            position += 1
        }
        // Slow path: decode escapes into a byte buffer.
        var out = [UInt8](UnsafeRawBufferPointer(rebasing: bytes[start..<position]))
        while true {
            guard position < bytes.count else { throw fail("'\"'") }
            let c = bytes[position]
            if c == UInt8(ascii: "\"") { position += 1; break }
            if c < 0x20 { throw fail("no control character in a string") }
            if c != UInt8(ascii: "\\") { out.append(c); position += 1; continue }
            position += 1
            guard position < bytes.count else { throw fail("an escape") }
            let e = bytes[position]
            position += 1
            switch e {
            case UInt8(ascii: "\""): out.append(0x22)
            case UInt8(ascii: "\\"): out.append(0x5c)
            case UInt8(ascii: "/"): out.append(0x2f)
            case UInt8(ascii: "b"): out.append(0x08)
            case UInt8(ascii: "f"): out.append(0x0c)
            case UInt8(ascii: "n"): out.append(0x0a)
            case UInt8(ascii: "r"): out.append(0x0d)
            case UInt8(ascii: "t"): out.append(0x09)
            case UInt8(ascii: "u"):
                var scalar = try hex4()
                if (0xD800..<0xDC00).contains(scalar) {
                    guard bytes.count - position >= 6, bytes[position] == UInt8(ascii: "\\"),
                          bytes[position + 1] == UInt8(ascii: "u") else { throw fail("a low surrogate") }
                    position += 2
                    let low = try hex4()
                    guard (0xDC00..<0xE000).contains(low) else { throw fail("a low surrogate") }
                    scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                } else if (0xDC00..<0xE000).contains(scalar) {
                    throw fail("no lone surrogate")
                }
                appendUTF8(scalar, to: &out)
            default:
                position -= 1
                throw fail("a valid escape")
            }
        }
        guard let s = String(validating: out, as: UTF8.self) else { throw fail("valid UTF-8 in a string") }
        return s
    }

    mutating func hex4() throws(JSONSyntaxError) -> UInt32 {
        guard bytes.count - position >= 4 else { throw fail("four hex digits") }
        var v: UInt32 = 0
        for _ in 0..<4 {
            let c = bytes[position]
            let d: UInt32
            switch c {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): d = UInt32(c - UInt8(ascii: "0"))
            case UInt8(ascii: "a")...UInt8(ascii: "f"): d = UInt32(c - UInt8(ascii: "a") + 10)
            case UInt8(ascii: "A")...UInt8(ascii: "F"): d = UInt32(c - UInt8(ascii: "A") + 10)
            default: throw fail("four hex digits")
            }
            v = v << 4 | d
            position += 1
        }
        return v
    }
}

private func appendUTF8(_ scalar: UInt32, to out: inout [UInt8]) {
    switch scalar {
    case 0..<0x80:
        out.append(UInt8(scalar))
    case 0x80..<0x800:
        out.append(UInt8(0xC0 | scalar >> 6)); out.append(UInt8(0x80 | scalar & 0x3F))
    case 0x800..<0x10000:
        out.append(UInt8(0xE0 | scalar >> 12)); out.append(UInt8(0x80 | scalar >> 6 & 0x3F))
        out.append(UInt8(0x80 | scalar & 0x3F))
    default:
        out.append(UInt8(0xF0 | scalar >> 18)); out.append(UInt8(0x80 | scalar >> 12 & 0x3F))
        out.append(UInt8(0x80 | scalar >> 6 & 0x3F)); out.append(UInt8(0x80 | scalar & 0x3F))
    }
}
