// A reader for NIST CAVP AESAVS ".rsp" files (AESAVS, "The Advanced Encryption Standard
// Algorithm Validation Suite", 2002, §6): "#" comments, "[ENCRYPT]"/"[DECRYPT]" section lines,
// then records of "NAME = hexvalue" lines separated by blank lines, each opening with COUNT.

import Foundation
import Tessera

/// One record of an AESAVS file: its section and its fields (names upper-case, values as read).
struct AESAVSRecord {
    var section: String
    var fields: [String: String]

    /// The hex field `name` as bytes; fails the caller's test through a precondition if absent.
    func bytes(_ name: String) -> [UInt8] {
        guard let text = fields[name], let value = bytesFromHex(text) else {
            preconditionFailure("AESAVS record without valid \(name): \(fields)")
        }
        return value
    }
}

/// The records of the AESAVS file at `url`, in file order.
func parseAESAVS(_ url: URL) throws -> [AESAVSRecord] {
    let text = try String(contentsOf: url, encoding: .utf8)
    var records: [AESAVSRecord] = []
    var section = ""
    var current: [String: String] = [:]
    func flush() {
        if !current.isEmpty { records.append(AESAVSRecord(section: section, fields: current)) }
        current = [:]
    }
    for raw in text.split(separator: "\n", omittingEmptySubsequences: false) {
        let line = raw.trimmingCharacters(in: .whitespacesAndNewlines)
        if line.isEmpty { flush(); continue }
        if line.hasPrefix("#") { continue }
        if line.hasPrefix("[") && line.hasSuffix("]") {
            flush()
            section = String(line.dropFirst().dropLast())
            continue
        }
        guard let eq = line.firstIndex(of: "=") else { continue }
        let name = line[..<eq].trimmingCharacters(in: .whitespaces).uppercased()
        if name == "COUNT" { flush() }
        current[name] = line[line.index(after: eq)...].trimmingCharacters(in: .whitespaces)
    }
    flush()
    return records
}

/// The folder of the official vector files.
let vectorsDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .appendingPathComponent("Vectors")
