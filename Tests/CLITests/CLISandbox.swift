// The harness of the end-to-end tests: the built `tessera` binary (next to the test bundle, or
// $TESSERA_CLI_BINARY), run with Foundation's Process in a fresh temporary folder, with a clean
// environment (PATH, HOME and what the test adds), and checks that apply to every run.
import Foundation
import XCTest

/// The `tessera` executable under test.
let tesseraBinary: String = {
    if let path = ProcessInfo.processInfo.environment["TESSERA_CLI_BINARY"] { return path }
    let bundle = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
    var dir = bundle.deletingLastPathComponent()
    // On Linux the runner is .build/<triple>/release/TesseraPackageTests.xctest; on macOS it
    // is a bundle inside that folder.
    for _ in 0..<4 {
        let candidate = dir.appendingPathComponent("tessera").path
        if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        dir = dir.deletingLastPathComponent()
    }
    return bundle.deletingLastPathComponent().appendingPathComponent("tessera").path
}()

/// A temporary folder with a store, and the environment `tessera` runs with.
final class Sandbox {
    let directory: String
    var environment: [String: String]
    /// Values that must never appear on standard error.
    var secrets: [[UInt8]] = []
    var storePath: String { directory + "/secrets.tessera.json" }

    init() throws {
        directory = try temporaryDirectory()
        environment = ["PATH": "/usr/local/bin:/usr/bin:/bin", "HOME": directory, "LC_ALL": "C"]
    }

    deinit {
        try? FileManager.default.removeItem(atPath: directory)
    }

    /// A sandbox with a master-key store created by `tessera init` (the key in TESSERA_MASTER_KEY).
    static func withStore(file: StaticString = #filePath, line: UInt = #line) throws -> Sandbox {
        let box = try Sandbox()
        let result = try box.run(["init"])
        XCTAssertEqual(result.status, 0, result.err, file: file, line: line)
        let key = result.out.trimmingCharacters(in: .newlines)
        XCTAssertEqual(key.count, 64, file: file, line: line)
        box.environment["TESSERA_MASTER_KEY"] = key
        box.secrets.append(Array(key.utf8))
        return box
    }

    /// Runs tessera with `arguments`; checks that no known secret (value or key) is on stderr.
    @discardableResult
    func run(_ arguments: [String], stdin: [UInt8]? = nil, env extra: [String: String] = [:],
             file: StaticString = #filePath, line: UInt = #line) throws -> ProcessResult {
        let result = try runProcess(tesseraBinary, arguments, directory: directory, stdin: stdin,
                                    environment: environment.merging(extra) { $1 })
        for secret in secrets where secret.count >= 4 {
            XCTAssertFalse(contains(result.stderr, secret),
                           "a secret appeared on standard error of \(arguments)", file: file, line: line)
        }
        return result
    }

    /// `tessera set KEY` with `value` on standard input; the value is then a known secret.
    func set(_ key: String, _ value: String, env: String? = nil, file: StaticString = #filePath, line: UInt = #line) throws {
        secrets.append(Array(value.utf8))
        var arguments = ["set", key]
        if let env { arguments += ["--env", env] }
        let result = try run(arguments, stdin: Array(value.utf8), file: file, line: line)
        XCTAssertEqual(result.status, 0, result.err, file: file, line: line)
    }

    func storeBytes() throws -> [UInt8] {
        Array(try Data(contentsOf: URL(fileURLWithPath: storePath)))
    }

    func write(_ name: String, _ bytes: [UInt8]) throws {
        try Data(bytes).write(to: URL(fileURLWithPath: directory + "/" + name))
    }
}

/// `true` when `needle` occurs in `haystack`.
func contains(_ haystack: [UInt8], _ needle: [UInt8]) -> Bool {
    guard !needle.isEmpty, haystack.count >= needle.count else { return needle.isEmpty }
    for i in 0...(haystack.count - needle.count) where haystack[i] == needle[0] {
        if Array(haystack[i..<(i + needle.count)]) == needle { return true }
    }
    return false
}

/// Asserts the exit status and that stderr is one "tessera: error:" line, optionally followed by
/// one "tessera: hint:" line (warnings may come before).
func assertError(_ result: ProcessResult, _ code: Int32, _ fragment: String? = nil,
                 file: StaticString = #filePath, line: UInt = #line) {
    XCTAssertEqual(result.status, code, "stderr: \(result.err)", file: file, line: line)
    // Warnings (each perhaps with a hint) may come first; then one error line, one hint at most.
    let all = result.err.split(separator: "\n")
    let lines = Array(all.drop { !$0.hasPrefix("tessera: error: ") })
    XCTAssertTrue(all.prefix(all.count - lines.count).allSatisfy { $0.hasPrefix("tessera: warning: ") || $0.hasPrefix("tessera: hint: ") },
                  "stderr: \(result.err)", file: file, line: line)
    XCTAssertTrue(lines.first?.hasPrefix("tessera: error: ") == true, "stderr: \(result.err)", file: file, line: line)
    XCTAssertLessThanOrEqual(lines.count, 2, "stderr: \(result.err)", file: file, line: line)
    if lines.count == 2 {
        XCTAssertTrue(lines[1].hasPrefix("tessera: hint: "), "stderr: \(result.err)", file: file, line: line)
    }
    XCTAssertFalse(result.err.contains("Fatal error") || result.err.contains("Stack dump"), file: file, line: line)
    if let fragment {
        XCTAssertTrue(result.err.contains(fragment), "expected '\(fragment)' in: \(result.err)", file: file, line: line)
    }
}
