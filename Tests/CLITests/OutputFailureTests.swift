// A command whose output cannot be delivered (standard output on a full disk, or a pipe whose
// reader is gone) must exit non-zero, and a command that prints a new key must not change the
// store unless the key was written: a store re-encrypted under a key nobody saw is lost.
import Foundation
import XCTest

/// Runs tessera with standard output on `/dev/full` (every write fails with ENOSPC), or on a pipe
/// whose read end is already closed (every write fails with EPIPE, or SIGPIPE kills the writer).
enum BrokenOutput { case full, closedPipe }

extension Sandbox {
    func run(_ arguments: [String], stdout broken: BrokenOutput, env extra: [String: String] = [:]) throws -> (status: Int32, signaled: Bool, err: String) {
        ignoreSIGPIPE
        let process = Process()
        process.executableURL = URL(fileURLWithPath: tesseraBinary)
        process.arguments = arguments
        process.currentDirectoryURL = URL(fileURLWithPath: directory)
        process.environment = environment.merging(extra) { $1 }
        process.standardInput = FileHandle(forReadingAtPath: "/dev/null")
        let errPipe = Pipe()
        process.standardError = errPipe
        var keepOpen: Pipe?
        switch broken {
        case .full:
            process.standardOutput = FileHandle(forWritingAtPath: "/dev/full")
        case .closedPipe:
            let pipe = Pipe()
            try pipe.fileHandleForReading.close()
            process.standardOutput = pipe.fileHandleForWriting
            keepOpen = pipe
        }
        try process.run()
        try keepOpen?.fileHandleForWriting.close()
        let err = errPipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, process.terminationReason == .uncaughtSignal,
                String(decoding: err, as: UTF8.self))
    }
}

final class OutputFailureTests: XCTestCase {
    func testRotateLeavesTheStoreUnchangedWhenTheKeyCannotBeWritten() throws {
        let box = try Sandbox.withStore()
        try box.set("API", "value-to-keep")
        try box.set("DB", "prod-value", env: "prod")
        for broken in [BrokenOutput.full, .closedPipe] {
            let before = try box.storeBytes()
            let result = try box.run(["rotate"], stdout: broken)
            XCTAssertFalse(result.signaled, "\(broken): killed by a signal")
            XCTAssertEqual(result.status, 1, "\(broken): \(result.err)")
            XCTAssertTrue(result.err.contains("cannot write to standard output"), result.err)
            XCTAssertEqual(try box.storeBytes(), before, "\(broken): the store changed")
        }
        // The old key still opens it.
        XCTAssertEqual(try box.run(["get", "API"]).out, "value-to-keep")
    }

    func testRotateEnvironmentKeyLeavesTheStoreUnchangedWhenTheKeyCannotBeWritten() throws {
        let box = try Sandbox.withStore()
        try box.set("DB", "prod-value", env: "prod")
        let before = try box.storeBytes()
        let result = try box.run(["rotate", "--env", "prod"], stdout: .full)
        XCTAssertEqual(result.status, 1, result.err)
        XCTAssertEqual(try box.storeBytes(), before)
        XCTAssertEqual(try box.run(["get", "DB", "--env", "prod"]).out, "prod-value")
    }

    func testInitCreatesNoStoreWhenTheKeyCannotBeWritten() throws {
        for broken in [BrokenOutput.full, .closedPipe] {
            let box = try Sandbox()
            let result = try box.run(["init"], stdout: broken)
            XCTAssertFalse(result.signaled)
            XCTAssertEqual(result.status, 1, result.err)
            XCTAssertFalse(FileManager.default.fileExists(atPath: box.storePath), "\(broken): a store nobody has the key of")
        }
    }

    func testEveryCommandFailsWhenItsOutputIsLost() throws {
        let box = try Sandbox.withStore()
        try box.set("API", "some-value")
        for arguments in [["keygen"], ["get", "API"], ["list"], ["list", "--json"], ["export"], ["envs"],
                          ["history", "API"], ["--version"], ["--help"], ["completion", "bash"]] {
            let result = try box.run(arguments, stdout: .full)
            XCTAssertEqual(result.status, 1, "\(arguments): \(result.err)")
            XCTAssertTrue(result.err.contains("cannot write to standard output"), "\(arguments): \(result.err)")
        }
    }

    func testRunRestoresSIGPIPEForTheCommand() throws {
        let box = try Sandbox.withStore()
        // tessera ignores SIGPIPE; the command it execs must get the default back.
        let result = try box.run(["run", "--", "sh", "-c", "grep SigIgn /proc/self/status"])
        XCTAssertEqual(result.status, 0, result.err)
        let mask = UInt64(result.out.split(separator: "\t").last!.trimmingCharacters(in: .whitespacesAndNewlines), radix: 16)!
        XCTAssertEqual(mask & (1 << 12), 0, "SIGPIPE (13) is still ignored in the child: \(result.out)")
    }
}
