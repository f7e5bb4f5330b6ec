// The store file's canonical JSON layout (docs/FORMAT.md §1), written as a stream: members
// sorted by the UTF-8 bytes of their names, two-space indent, one member or element per line,
// "name": value, empty containers as {} and [], a final newline. Strings escape '"', '\\' and
// controls (\b \f \n \r \t, else \u00XX) and nothing else: '/' and non-ASCII stay as they are.
// The same content always gives the same bytes, so a one-secret change is a one-block git diff.

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Serialises `value` in the store's canonical layout (see the comment atop this file).
package func serializeJSON(_ value: JSONValue) -> [UInt8] {
    var writer = JSONStreamWriter()
    writer.value(value)
    return writer.finish()
}

/// The canonical layout, written as a stream: the caller gives members in sorted order (the
/// tree path sorts them), the writer does commas, newlines and indentation.
struct JSONStreamWriter {
    var out: [UInt8] = []
    /// Per open container: has it had a member or element yet?
    private var started: [Bool] = []

    init(capacity: Int = 1 << 16) { out.reserveCapacity(capacity) }

    /// Starts the next member or element of the innermost container.
    private mutating func next() {
        guard !started.isEmpty else { return }
        if started[started.count - 1] { out.append(UInt8(ascii: ",")) }
        started[started.count - 1] = true
        out.append(0x0a)
        appendIndent(started.count, &out)
    }

    mutating func beginObject() { out.append(UInt8(ascii: "{")); started.append(false) }
    mutating func beginArray() { out.append(UInt8(ascii: "[")); started.append(false) }

    mutating func endObject() { close(UInt8(ascii: "}")) }
    mutating func endArray() { close(UInt8(ascii: "]")) }

    private mutating func close(_ bracket: UInt8) {
        if started.removeLast() {
            out.append(0x0a)
            appendIndent(started.count, &out)
        }
        out.append(bracket)
    }

    /// Writes `"name": ` as the next member; the value follows.
    mutating func member(_ name: String) {
        next()
        writeString(name, into: &out)
        out.append(UInt8(ascii: ":")); out.append(0x20)
    }

    /// Starts the next array element; the value follows.
    mutating func element() { next() }

    mutating func string(_ s: String) { writeString(s, into: &out) }

    mutating func integer(_ n: Int) {
        if n < 0 { out.append(UInt8(ascii: "-")) }
        var digits: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8,
                     UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) =
            (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        var m = n.magnitude
        var count = 0
        withUnsafeMutableBytes(of: &digits) { buf in
            repeat { buf[count] = UInt8(ascii: "0") + UInt8(m % 10); m /= 10; count += 1 } while m > 0
            for i in stride(from: count - 1, through: 0, by: -1) { out.append(buf[i]) }
        }
    }

    /// Member `"name": "text"`.
    mutating func member(_ name: String, string text: String) { member(name); string(text) }
    /// Member `"name": n`.
    mutating func member(_ name: String, integer n: Int) { member(name); integer(n) }

    /// Any JSON value, objects with members sorted by UTF-8 bytes.
    mutating func value(_ value: JSONValue) {
        switch value {
        case let .object(members):
            beginObject()
            for (name, member) in members.sorted(by: { utf8Less($0.0, $1.0) }) { self.member(name); self.value(member) }
            endObject()
        case let .array(elements):
            beginArray()
            for element in elements { self.element(); self.value(element) }
            endArray()
        case let .string(s): string(s)
        case let .integer(n): integer(n)
        case let .bool(b): out.append(contentsOf: (b ? "true" : "false").utf8)
        case .null: out.append(contentsOf: "null".utf8)
        }
    }

    /// The bytes, with the final newline.
    mutating func finish() -> [UInt8] {
        precondition(started.isEmpty, "unclosed JSON container")
        out.append(0x0a)
        return out
    }
}

func appendIndent(_ level: Int, _ out: inout [UInt8]) {
    for _ in 0..<(2 * level) { out.append(0x20) }
}

func writeString(_ s: String, into out: inout [UInt8]) {
    out.append(0x22)
    var s = s
    let clean = s.withUTF8 { bytes in
        // Fast path: nothing to escape (names, times, base64) is copied in one append.
        for c in bytes where c < 0x20 || c == 0x22 || c == 0x5c { return false }
        out.append(contentsOf: bytes)
        return true
    }
    if clean { out.append(0x22); return }
    for c in s.utf8 {
        switch c {
        case 0x22: out.append(0x5c); out.append(0x22)
        case 0x5c: out.append(0x5c); out.append(0x5c)
        case 0x08: out.append(0x5c); out.append(UInt8(ascii: "b"))
        case 0x0c: out.append(0x5c); out.append(UInt8(ascii: "f"))
        case 0x0a: out.append(0x5c); out.append(UInt8(ascii: "n"))
        case 0x0d: out.append(0x5c); out.append(UInt8(ascii: "r"))
        case 0x09: out.append(0x5c); out.append(UInt8(ascii: "t"))
        case 0..<0x20:
            let digits: [UInt8] = Array("0123456789abcdef".utf8)
            out.append(contentsOf: "\\u00".utf8)
            out.append(digits[Int(c >> 4)]); out.append(digits[Int(c & 15)])
        default: out.append(c)
        }
    }
    out.append(0x22)
}

/// Order of key and environment names, which are ASCII (NameValidation.swift): for ASCII,
/// String's `<` is byte order, and its memcmp fast path was 5x cheaper than `utf8Less` on a
/// 10,000-secret listing (callgrind).
@inline(__always)
func nameLess(_ a: String, _ b: String) -> Bool { a < b }

/// Byte-wise order of the UTF-8 encodings (the writer's member order for any JSON), by memcmp.
package func utf8Less(_ a: String, _ b: String) -> Bool {
    var a = a, b = b
    return a.withUTF8 { pa in
        b.withUTF8 { pb in
            let n = Swift.min(pa.count, pb.count)
            let c = n == 0 ? 0 : memcmp(pa.baseAddress!, pb.baseAddress!, n)
            return c != 0 ? c < 0 : pa.count < pb.count
        }
    }
}

