// JSON values as a tree, for the generic parser (`parseJSON`, used by tests, the fuzz target
// and the version check on a malformed file), and the member table the schema decoder matches
// names with. The tokens come from JSONReader.swift.

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A parsed JSON value.
package enum JSONValue: Equatable, Sendable {
    case object([(String, JSONValue)])
    case array([JSONValue])
    case string(String)
    case integer(Int)
    case bool(Bool)
    case null

    package static func == (a: JSONValue, b: JSONValue) -> Bool {
        switch (a, b) {
        case let (.object(x), .object(y)):
            return x.count == y.count && zip(x, y).allSatisfy { $0.0 == $1.0 && $0.1 == $1.1 }
        case let (.array(x), .array(y)): return x == y
        case let (.string(x), .string(y)): return x == y
        case let (.integer(x), .integer(y)): return x == y
        case let (.bool(x), .bool(y)): return x == y
        case (.null, .null): return true
        default: return false
        }
    }
}

/// A JSON syntax error: where, and what was expected there.
package struct JSONSyntaxError: Error, Equatable {
    package var offset: Int
    package var expected: String
}

/// Parses one JSON document (surrounding whitespace allowed, nothing else after it).
package func parseJSON(_ bytes: UnsafeRawBufferPointer) throws(JSONSyntaxError) -> JSONValue {
    var parser = JSONReader(bytes: bytes)
    parser.skipWhitespace()
    let value = try parser.value(depth: 0)
    parser.skipWhitespace()
    guard parser.position == bytes.count else { throw JSONSyntaxError(offset: parser.position, expected: "end of file") }
    return value
}

/// Parses one JSON document from an array of bytes.
package func parseJSON(_ bytes: [UInt8]) throws(JSONSyntaxError) -> JSONValue {
    let result: Result<JSONValue, JSONSyntaxError> = bytes.withUnsafeBytes { raw in
        do throws(JSONSyntaxError) { return .success(try parseJSON(raw)) } catch { return .failure(error) }
    }
    return try result.get()
}


extension JSONReader {
    mutating func value(depth: Int) throws(JSONSyntaxError) -> JSONValue {
        guard position < bytes.count else { throw fail("a value") }
        switch bytes[position] {
        case UInt8(ascii: "{"): return try object(depth: depth + 1)
        case UInt8(ascii: "["): return try array(depth: depth + 1)
        case UInt8(ascii: "\""): return .string(try string())
        case UInt8(ascii: "t"): try literal("true"); return .bool(true)
        case UInt8(ascii: "f"): try literal("false"); return .bool(false)
        case UInt8(ascii: "n"): try literal("null"); return .null
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return .integer(try integer())
        default: throw fail("a value")
        }
    }

    mutating func literal(_ word: StaticString) throws(JSONSyntaxError) {
        let n = word.utf8CodeUnitCount
        guard bytes.count - position >= n else { throw fail("'\(word)'") }
        for i in 0..<n where bytes[position + i] != word.utf8Start[i] { throw fail("'\(word)'") }
        position += n
    }

    mutating func object(depth: Int) throws(JSONSyntaxError) -> JSONValue {
        guard depth <= maxJSONDepth else { throw fail("less nesting") }
        position += 1  // {
        var members: [(String, JSONValue)] = []
        skipWhitespace()
        if position < bytes.count && bytes[position] == UInt8(ascii: "}") { position += 1; return .object(members) }
        while true {
            skipWhitespace()
            guard position < bytes.count, bytes[position] == UInt8(ascii: "\"") else { throw fail("a member name") }
            let name = try string()
            skipWhitespace()
            guard position < bytes.count, bytes[position] == UInt8(ascii: ":") else { throw fail("':'") }
            position += 1
            skipWhitespace()
            members.append((name, try value(depth: depth)))
            skipWhitespace()
            guard position < bytes.count else { throw fail("',' or '}'") }
            if bytes[position] == UInt8(ascii: ",") { position += 1; continue }
            if bytes[position] == UInt8(ascii: "}") { position += 1; return .object(members) }
            throw fail("',' or '}'")
        }
    }

    mutating func array(depth: Int) throws(JSONSyntaxError) -> JSONValue {
        guard depth <= maxJSONDepth else { throw fail("less nesting") }
        position += 1  // [
        var elements: [JSONValue] = []
        skipWhitespace()
        if position < bytes.count && bytes[position] == UInt8(ascii: "]") { position += 1; return .array(elements) }
        while true {
            skipWhitespace()
            elements.append(try value(depth: depth))
            skipWhitespace()
            guard position < bytes.count else { throw fail("',' or ']'") }
            if bytes[position] == UInt8(ascii: ",") { position += 1; continue }
            if bytes[position] == UInt8(ascii: "]") { position += 1; return .array(elements) }
            throw fail("',' or ']'")
        }
    }
}

/// The member names of one object of a fixed schema, each packed as (length, first 8 bytes,
/// next 8 bytes) for matching without Strings. Names are at most 16 bytes.
struct MemberTable: Sendable {
    let names: [StaticString]
    private let keys: [(Int, UInt64, UInt64)]

    init(_ names: [StaticString]) {
        self.names = names
        keys = names.map { name in
            precondition(name.utf8CodeUnitCount <= 16)
            return MemberTable.pack(UnsafeRawBufferPointer(start: name.utf8Start, count: name.utf8CodeUnitCount))
        }
    }

    static func pack(_ raw: UnsafeRawBufferPointer) -> (Int, UInt64, UInt64) {
        var w0: UInt64 = 0, w1: UInt64 = 0
        for i in 0..<min(raw.count, 8) { w0 |= UInt64(raw[i]) << (8 * UInt64(i)) }
        if raw.count > 8 { for i in 8..<min(raw.count, 16) { w1 |= UInt64(raw[i]) << (8 * UInt64(i - 8)) } }
        return (raw.count, w0, w1)
    }

    /// The index of `raw` among the names, or −1.
    func index(of raw: UnsafeRawBufferPointer) -> Int {
        guard raw.count <= 16 else { return -1 }
        let (n, w0, w1) = MemberTable.pack(raw)
        for i in keys.indices where keys[i].0 == n && keys[i].1 == w0 && keys[i].2 == w1 { return i }
        return -1
    }

    /// The name at `index`, as text (for error messages).
    func name(_ index: Int) -> String { names[index].description }
}

