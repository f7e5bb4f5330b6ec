// Running processes and making temporary folders for the CLI tests.
import Foundation
import XCTest

/// Writing to a child that has exited must fail with EPIPE, not kill the test runner.
let ignoreSIGPIPE: Void = { signal(SIGPIPE, SIG_IGN) }()

struct ProcessResult {
    var status: Int32
    var stdout: [UInt8]
    var stderr: [UInt8]
    var out: String { String(decoding: stdout, as: UTF8.self) }
    var err: String { String(decoding: stderr, as: UTF8.self) }
}

/// A fresh empty folder under the system's temporary folder (a `Sandbox` removes its own; the
/// few made directly by format tests are removed by them).
func temporaryDirectory() throws -> String {
    let path = NSTemporaryDirectory() + "tessera-cli-" + UUID().uuidString
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    return path
}

/// Runs `executable` with `arguments` in `directory`, feeding `stdin` (or /dev/null), with
/// `environment` (the default is an empty environment plus PATH).
func runProcess(
    _ executable: String, _ arguments: [String], directory: String,
    stdin: [UInt8]? = nil, environment: [String: String]? = nil
) throws -> ProcessResult {
    ignoreSIGPIPE
    let process = Process()
    process.executableURL = URL(fileURLWithPath: executable)
    process.arguments = arguments
    process.currentDirectoryURL = URL(fileURLWithPath: directory)
    process.environment = environment ?? ["PATH": "/usr/local/bin:/usr/bin:/bin", "HOME": directory]
    let outPipe = Pipe(), errPipe = Pipe()
    process.standardOutput = outPipe
    process.standardError = errPipe
    let inPipe = Pipe()
    if stdin != nil {
        process.standardInput = inPipe
    } else {
        process.standardInput = FileHandle(forReadingAtPath: "/dev/null")
    }
    try process.run()
    if let stdin {
        let writer = inPipe.fileHandleForWriting
        DispatchQueue.global().async {
            // The child may exit without reading (a usage error): EPIPE is expected then.
            try? writer.write(contentsOf: Data(stdin))
            try? writer.close()
        }
    }
    // Read both pipes concurrently so that neither fills up and blocks the child.
    nonisolated(unsafe) var errData = Data()
    let group = DispatchGroup()
    group.enter()
    DispatchQueue.global().async {
        errData = errPipe.fileHandleForReading.readDataToEndOfFile()
        group.leave()
    }
    let outData = outPipe.fileHandleForReading.readDataToEndOfFile()
    group.wait()
    process.waitUntilExit()
    return ProcessResult(status: process.terminationStatus, stdout: Array(outData), stderr: Array(errData))
}
