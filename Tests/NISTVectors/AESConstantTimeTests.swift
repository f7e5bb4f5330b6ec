// Runs the CTCheck program's "aes" check under valgrind memcheck: the key schedule, ctr32 and
// encrypt(blocks:) on keys and data held in never-written memory must produce no
// "Conditional jump or move depends on uninitialised value(s)" and no "Use of uninitialised
// value" (a secret-dependent branch or address). The check was seen to fail on purpose: a
// 256-entry table indexed by a key byte in the key schedule gave 31 "Use of uninitialised
// value" errors and exit status 99; a branch on a state bit in the last round gave
// "Conditional jump or move depends on uninitialised value(s)" and exit status 99.
// Requires valgrind (scripts/test.sh installs it); without it this test fails, never passes.

import Foundation
import XCTest

final class AESConstantTimeTests: XCTestCase {
    func testAESCoreUnderMemcheck() throws {
        let result = try runUnderMemcheck(check: "aes")
        XCTAssertEqual(result.status, 0, "memcheck found secret-dependent branches or addresses:\n\(result.log)")
        XCTAssertTrue(result.log.contains("ERROR SUMMARY: 0 errors"), result.log)
        XCTAssertTrue(result.stdout.contains("aes: key schedule"), "the check did not run to its end:\n\(result.stdout)")
    }
}

/// The CTCheck executable built beside the test bundle (`swift test -c release` builds it).
private func ctCheckExecutable() throws -> URL {
    var candidates: [URL] = []
    let here = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
    candidates.append(here.appendingPathComponent("CTCheck"))
    candidates.append(Bundle.main.bundleURL.appendingPathComponent("CTCheck"))
    candidates.append(Bundle.main.bundleURL.deletingLastPathComponent().appendingPathComponent("CTCheck"))
    for url in candidates where FileManager.default.isExecutableFile(atPath: url.path) {
        return url
    }
    XCTFail("CTCheck not found next to the tests (looked at \(candidates.map(\.path))); build it with `swift build -c release`")
    throw CocoaError(.fileNoSuchFile)
}

/// Exit status, valgrind's log and the program's output of `valgrind --tool=memcheck CTCheck check`.
private func runUnderMemcheck(check: String) throws -> (status: Int32, log: String, stdout: String) {
    let valgrind = ["/usr/bin/valgrind", "/usr/local/bin/valgrind"].first {
        FileManager.default.isExecutableFile(atPath: $0)
    }
    guard let valgrind else {
        XCTFail("valgrind is not installed: the constant-time check cannot run (apt-get install valgrind; scripts/test.sh does it)")
        throw CocoaError(.fileNoSuchFile)
    }
    let process = Process()
    process.executableURL = URL(fileURLWithPath: valgrind)
    process.arguments = ["--tool=memcheck", "--error-exitcode=99", try ctCheckExecutable().path, check]
    let out = Pipe(), err = Pipe()
    process.standardOutput = out
    process.standardError = err
    try process.run()
    // valgrind's log is small; read stderr on another thread so neither pipe can fill and block.
    let errData = LockedData()
    let reader = Thread { errData.set(err.fileHandleForReading.readDataToEndOfFile()) }
    reader.start()
    let stdout = out.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    while !errData.isSet { usleep(1000) }
    return (process.terminationStatus, String(decoding: errData.get(), as: UTF8.self), String(decoding: stdout, as: UTF8.self))
}

/// Data handed from the stderr reader thread.
private final class LockedData: @unchecked Sendable {
    private let lock = NSLock()
    private var data: Data?
    func set(_ d: Data) { lock.lock(); data = d; lock.unlock() }
    var isSet: Bool { lock.lock(); defer { lock.unlock() }; return data != nil }
    func get() -> Data { lock.lock(); defer { lock.unlock() }; return data ?? Data() }
}
