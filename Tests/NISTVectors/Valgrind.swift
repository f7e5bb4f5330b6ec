// Runs the CTCheck program (Tests/CTCheck) under `valgrind --tool=memcheck`: the constant-time
// tests of AES and GHASH use it. CTCheck is built next to the test bundle by `swift test`.
import Foundation
import XCTest

/// The outcome of one `valgrind --tool=memcheck --error-exitcode=99 CTCheck <check>` run.
struct MemcheckRun {
    /// valgrind's exit status: 99 when memcheck reported errors.
    let status: Int32
    /// The count of "ERROR SUMMARY: N errors".
    let errors: Int
    /// valgrind's report (its standard error).
    let log: String
}

enum MemcheckSetupError: Error, CustomStringConvertible {
    case valgrindMissing
    case ctCheckMissing(String)
    case noSummary(String)
    case didNotComplete(String)

    var description: String {
        switch self {
        case .valgrindMissing:
            return "valgrind is not installed: the constant-time check needs it "
                + "(apt-get install valgrind; scripts/test.sh installs it)"
        case .ctCheckMissing(let path):
            return "the CTCheck program is missing at \(path): build it with `swift build -c release`"
        case .noSummary(let log):
            return "no ERROR SUMMARY in valgrind's output:\n\(log)"
        case .didNotComplete(let log):
            return "CTCheck did not run its check to the end:\n\(log)"
        }
    }
}

/// The first executable named `name` on PATH.
private func executableOnPath(_ name: String) -> String? {
    let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
    for dir in path.split(separator: ":") {
        let candidate = "\(dir)/\(name)"
        if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
    }
    return nil
}

/// Runs `CTCheck <check>` under memcheck and returns its status, error count and report.
///
/// - Throws: ``MemcheckSetupError`` when valgrind or CTCheck is missing or the report is unreadable.
func runCTCheckUnderMemcheck(_ check: String) throws -> MemcheckRun {
    guard let valgrind = executableOnPath("valgrind") else { throw MemcheckSetupError.valgrindMissing }
    // The test bundle and CTCheck sit in the same build directory (e.g. .build/release).
    let buildDir = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
    let ctCheck = buildDir.appendingPathComponent("CTCheck").path
    guard FileManager.default.isExecutableFile(atPath: ctCheck) else {
        throw MemcheckSetupError.ctCheckMissing(ctCheck)
    }
    let process = Process()
    process.executableURL = URL(fileURLWithPath: valgrind)
    // The report goes to a file and the program's own output to a pipe: both stay small, and
    // the program's last line proves the check ran to its end (a check that returned early, or
    // a stub, would otherwise pass as "0 errors").
    let report = FileManager.default.temporaryDirectory
        .appendingPathComponent("ctcheck-\(check)-\(ProcessInfo.processInfo.processIdentifier).log")
    defer { try? FileManager.default.removeItem(at: report) }
    process.arguments = ["--tool=memcheck", "--error-exitcode=99", "--log-file=\(report.path)", ctCheck, check]
    let stdout = Pipe()
    process.standardOutput = stdout
    try process.run()
    let output = String(decoding: stdout.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    process.waitUntilExit()
    let log = (try? String(contentsOf: report, encoding: .utf8)) ?? ""
    guard let range = log.range(of: #"ERROR SUMMARY: \d+"#, options: .regularExpression),
        let errors = Int(log[range].split(separator: " ").last ?? "")
    else { throw MemcheckSetupError.noSummary(log) }
    guard output.contains("ct-check \(check): done") else {
        throw MemcheckSetupError.didNotComplete(output + log)
    }
    return MemcheckRun(status: process.terminationStatus, errors: errors, log: log)
}
