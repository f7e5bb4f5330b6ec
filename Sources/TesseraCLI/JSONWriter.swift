// A small JSON writer for `list --json`: arrays of flat objects, pretty-printed with two-space
// indentation, strings escaped per RFC 8259 (ExportFormat.swift's jsonQuoted).

/// Builds JSON text into bytes.
struct JSONWriter {
    private(set) var bytes: [UInt8] = []
    private var depth = 0
    private var needsComma = false
    private var isEmpty = true

    mutating func beginArray() { open(UInt8(ascii: "[")) }
    mutating func endArray() { close(UInt8(ascii: "]")) }
    mutating func beginObject() { element(); open(UInt8(ascii: "{")) }
    mutating func endObject() { close(UInt8(ascii: "}")) }

    mutating func member(_ name: String, string: String) {
        memberName(name)
        bytes += jsonQuoted(Array(string.utf8))!
    }

    mutating func member(_ name: String, number: Int) {
        memberName(name)
        bytes += Array(String(number).utf8)
    }

    /// Writes a string member from bytes; `false` (and nothing written) when they are not UTF-8.
    mutating func member(_ name: String, bytes value: [UInt8]) -> Bool {
        guard let quoted = jsonQuoted(value) else { return false }
        memberName(name)
        bytes += quoted
        return true
    }

    private mutating func element() {
        if needsComma { bytes.append(UInt8(ascii: ",")) }
        newline()
    }

    private mutating func memberName(_ name: String) {
        element()
        bytes += jsonQuoted(Array(name.utf8))! + [UInt8(ascii: ":"), 0x20]
        needsComma = true
        isEmpty = false
    }

    private mutating func open(_ c: UInt8) {
        bytes.append(c)
        depth += 1
        needsComma = false
        isEmpty = true
    }

    private mutating func close(_ c: UInt8) {
        depth -= 1
        if !isEmpty { newline() }
        bytes.append(c)
        needsComma = true
        isEmpty = false
    }

    private mutating func newline() {
        if depth == 0 && bytes.isEmpty { return }
        bytes.append(0x0a)
        bytes += repeatElement(0x20, count: depth * 2)
    }
}
