// Small traps: an empty standard input stores an empty value with a warning; a FIFO named as the
// store is refused instead of hanging.
import Foundation
import XCTest

final class InputEdgeCaseTests: XCTestCase {
    func testEmptyStandardInputWarns() throws {
        let box = try Sandbox.withStore()
        let result = try box.run(["set", "X"], stdin: [])
        XCTAssertEqual(result.status, 0, result.err)
        XCTAssertTrue(result.err.contains("tessera: warning: standard input was empty"), result.err)
        XCTAssertEqual(try box.run(["get", "X"]).stdout, [])
        let nonEmpty = try box.run(["set", "Y"], stdin: Array("v".utf8))
        XCTAssertFalse(nonEmpty.err.contains("warning"), nonEmpty.err)
    }

    func testAFIFOAsTheStoreIsRefusedWithoutHanging() throws {
        let box = try Sandbox()
        let fifo = box.directory + "/fifo.json"
        XCTAssertEqual(mkfifo(fifo, 0o600), 0)
        box.environment["TESSERA_MASTER_KEY"] = String(repeating: "ab", count: 32)
        // A watchdog turns a hang into a failure instead of a stuck suite: every 10 s it opens
        // the FIFO for writing, which releases a reader blocked in open(2), and records it.
        let done = DispatchSemaphore(value: 0)
        let released = LockedFlag()
        DispatchQueue.global().async {
            while done.wait(timeout: .now() + 10) == .timedOut {
                let fd = open(fifo, O_WRONLY | O_NONBLOCK)
                if fd >= 0 { released.set(); close(fd) }
            }
        }
        for arguments in [["get", "X"], ["list"], ["set", "X", "v"]] {
            let result = try box.run(["--store", fifo] + arguments)
            XCTAssertTrue(result.status == 5 || result.status == 1, "\(arguments): \(result.status) \(result.err)")
            XCTAssertTrue(result.err.contains("not a regular file"), "\(arguments): \(result.err)")
        }
        done.signal()
        XCTAssertFalse(released.value, "tessera blocked opening a FIFO until a writer came")
    }
}

/// A flag set from another thread.
final class LockedFlag: @unchecked Sendable {
    private let lock = NSLock()
    private var flag = false
    func set() { lock.lock(); flag = true; lock.unlock() }
    var value: Bool { lock.lock(); defer { lock.unlock() }; return flag }
}
