// A parser for NIST CAVP .rsp files and the key = value text files of cryptography-vectors
// (RFC 4231, 5869, 6070, 7914 transcriptions): `[section]` headers, `#` comments, and records
// of `KEY = value` lines separated by blank lines. Tests find files via #filePath.

import Foundation
import XCTest

/// One record: the `KEY = value` lines of one blank-line-separated block.
struct VectorRecord {
    /// The most recent `[...]` header before the record (without brackets), or "".
    var section: String
    /// The fields in file order; keys are kept as written.
    var fields: [(key: String, value: String)]
    /// The 1-based line number of the record's first field, for failure messages.
    var line: Int
    /// Bare words on their own line inside the record, such as CAVP's `FAIL`.
    var flags: Set<String> = []

    /// The value of `key`, or nil.
    subscript(_ key: String) -> String? {
        fields.first(where: { $0.key == key })?.value
    }

    /// The value of `key` decoded from hex; fails the test (and returns []) when absent or bad.
    func hex(_ key: String, file: StaticString = #filePath, line: UInt = #line) -> [UInt8] {
        guard let text = self[key], let bytes = bytesFromHexString(text) else {
            XCTFail("record at line \(self.line): missing or bad hex field \(key)", file: file, line: line)
            return []
        }
        return bytes
    }

    /// The value of `key` as an integer; fails the test (and returns 0) when absent or bad.
    func int(_ key: String, file: StaticString = #filePath, line: UInt = #line) -> Int {
        guard let text = self[key], let value = Int(text) else {
            XCTFail("record at line \(self.line): missing or bad integer field \(key)", file: file, line: line)
            return 0
        }
        return value
    }
}

/// A parsed vector file.
struct VectorFile {
    /// The file's records in order.
    var records: [VectorRecord]
    /// The file name, for messages.
    var name: String
    /// The raw text, to cross-check parsed counts against the file's own lines.
    var text: String

    /// Parses `text`.
    init(text: String, name: String = "") {
        self.name = name
        self.text = text
        records = []
        var section = ""
        var current: VectorRecord? = nil
        var lineNumber = 0
        for rawLine in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline) {
            lineNumber += 1
            let line = rawLine.trimmingCharacters(in: .whitespacesAndNewlines)
            if line.isEmpty {
                if let r = current { records.append(r) }
                current = nil
                continue
            }
            if line.hasPrefix("#") { continue }
            if line.hasPrefix("[") && line.hasSuffix("]") {
                if let r = current { records.append(r) }
                current = nil
                section = String(line.dropFirst().dropLast()).trimmingCharacters(in: .whitespaces)
                continue
            }
            guard let eq = line.firstIndex(of: "=") else {
                current?.flags.insert(line)
                continue
            }
            let key = line[..<eq].trimmingCharacters(in: .whitespaces)
            let value = line[line.index(after: eq)...].trimmingCharacters(in: .whitespaces)
            if current == nil { current = VectorRecord(section: section, fields: [], line: lineNumber) }
            current!.fields.append((key, value))
        }
        if let r = current { records.append(r) }
    }

    /// How many lines of the raw text start with `prefix`.
    func lineCount(startingWith prefix: String) -> Int {
        text.split(whereSeparator: \.isNewline).filter { $0.hasPrefix(prefix) }.count
    }

    /// Loads `Vectors/<relativePath>` next to this source file.
    init(vectors relativePath: String) throws {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("Vectors").appendingPathComponent(relativePath)
        self.init(text: try String(contentsOf: url, encoding: .utf8), name: relativePath)
    }

    /// The records, with a record that lacks `startKey` appended to the one before it (for
    /// transcriptions that put a blank line inside a record, like RFC 5869 test case 2).
    func mergingContinuations(startKey: String) -> [VectorRecord] {
        var out: [VectorRecord] = []
        for r in records {
            if r[startKey] == nil, !out.isEmpty {
                out[out.count - 1].fields += r.fields
            } else {
                out.append(r)
            }
        }
        return out
    }
}

/// Hex decoding for vector files (upper or lower case; "" is empty).
func bytesFromHexString(_ text: String) -> [UInt8]? {
    let utf8 = Array(text.utf8)
    guard utf8.count % 2 == 0 else { return nil }
    func nibble(_ c: UInt8) -> UInt8? {
        switch c {
        case 48...57: return c - 48
        case 97...102: return c - 87
        case 65...70: return c - 55
        default: return nil
        }
    }
    var out = [UInt8]()
    out.reserveCapacity(utf8.count / 2)
    var i = 0
    while i < utf8.count {
        guard let hi = nibble(utf8[i]), let lo = nibble(utf8[i + 1]) else { return nil }
        out.append(hi << 4 | lo)
        i += 2
    }
    return out
}

/// Lower-case hex, for messages.
func hexOf<S: Sequence<UInt8>>(_ bytes: S) -> String {
    bytes.map { String(format: "%02x", $0) }.joined()
}
