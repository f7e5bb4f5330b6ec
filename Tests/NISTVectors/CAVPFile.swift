// A parser for NIST CAVP .rsp files and the key = value vector files of RFC collections:
// `[Name = value]` section headers, `Key = value` records separated by blank lines, bare words
// (such as `FAIL`) as flags, `#` comments.

import Foundation

/// One test case: its fields, the flags it carries and the section headers in force.
struct CAVPRecord {
    var fields: [String: String] = [:]
    var flags: Set<String> = []
    var section: [String: String] = [:]

    /// The hex field `name` as bytes (an empty value is zero bytes).
    func bytes(_ name: String) -> [UInt8]? {
        guard let hex = fields[name] else { return nil }
        return bytesFromHexForTests(hex)
    }

    /// The integer field or section header `name`.
    func int(_ name: String) -> Int? {
        (fields[name] ?? section[name]).flatMap { Int($0) }
    }
}

/// A parsed vector file.
struct CAVPFile {
    let name: String
    let records: [CAVPRecord]
    /// The raw text, for cross-checking counts.
    let text: String

    /// Reads `Vectors/<relativePath>` beside this source file.
    init(_ relativePath: String) throws {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("Vectors").appendingPathComponent(relativePath)
        let text = try String(contentsOf: url, encoding: .utf8)
        self.init(name: relativePath, text: text)
    }

    init(name: String, text: String) {
        self.name = name
        self.text = text
        var records: [CAVPRecord] = []
        var section: [String: String] = [:]
        var current = CAVPRecord()
        var sectionIsFresh = false
        func flush() {
            if !current.fields.isEmpty {
                current.section = section
                records.append(current)
            }
            current = CAVPRecord()
        }
        for rawLine in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline) {
            let line = rawLine.trimmingCharacters(in: .whitespacesAndNewlines)
            if line.isEmpty { flush(); continue }
            if line.hasPrefix("#") { continue }
            if line.hasPrefix("[") && line.hasSuffix("]") {
                flush()
                if !sectionIsFresh { section = [:] }
                sectionIsFresh = true
                let inner = line.dropFirst().dropLast()
                if let eq = inner.firstIndex(of: "=") {
                    section[inner[..<eq].trimmingCharacters(in: .whitespaces)] =
                        inner[inner.index(after: eq)...].trimmingCharacters(in: .whitespaces)
                } else {
                    section[String(inner)] = ""
                }
                continue
            }
            sectionIsFresh = false
            if let eq = line.firstIndex(of: "=") {
                current.fields[line[..<eq].trimmingCharacters(in: .whitespaces)] =
                    line[line.index(after: eq)...].trimmingCharacters(in: .whitespaces)
            } else {
                current.flags.insert(line)
            }
        }
        flush()
        self.records = records
    }

    /// How many lines of the raw text start with `prefix` (to cross-check the parsed count).
    func lineCount(startingWith prefix: String) -> Int {
        text.split(whereSeparator: \.isNewline).filter { $0.hasPrefix(prefix) }.count
    }
}

/// Hex to bytes for test data (a test-side copy would hide bugs in the library's decoder, so
/// this uses its own few lines).
func bytesFromHexForTests(_ hex: String) -> [UInt8]? {
    let chars = Array(hex.utf8)
    guard chars.count % 2 == 0 else { return nil }
    var out = [UInt8]()
    out.reserveCapacity(chars.count / 2)
    var i = 0
    while i < chars.count {
        guard let byte = UInt8(String(decoding: chars[i..<i + 2], as: UTF8.self), radix: 16) else { return nil }
        out.append(byte)
        i += 2
    }
    return out
}
