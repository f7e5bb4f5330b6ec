// Usage errors of set and import never echo the offending argument: it may be a secret typed
// in the wrong place (`set PW my secret pass`, `set PW -s3cr3t`). They name its position.
import Foundation
import XCTest

final class UsageErrorSecrecyTests: XCTestCase {
    func testSetAndImportDoNotEchoArguments() throws {
        let box = try Sandbox.withStore()
        let cases: [([String], String)] = [
            (["set", "PW", "my", "s3cr3t-word", "pass"], "s3cr3t-word"),
            (["set", "PW", "-s3cr3t"], "s3cr3t"),
            (["set", "PW", "--hunter2=x"], "hunter2"),
            (["set", "PW", "value", "--env", "dev", "extra-s3cret"], "extra-s3cret"),
            (["import", "a.env", "s3cr3t-import"], "s3cr3t-import"),
            (["import", "a.env", "-Zpassw0rd"], "passw0rd"),
        ]
        for (arguments, secret) in cases {
            let before = try box.storeBytes()
            let result = try box.run(arguments)
            assertError(result, 2)
            XCTAssertFalse(result.err.contains(secret), "\(arguments): \(result.err)")
            XCTAssertTrue(result.err.contains("position"), "\(arguments): \(result.err)")
            XCTAssertEqual(try box.storeBytes(), before)
        }
        let positioned = try box.run(["set", "PW", "my", "s3cr3t-word"])
        XCTAssertTrue(positioned.err.contains("argument at position 4"), positioned.err)
        // Other commands still name what they did not understand.
        XCTAssertTrue(try box.run(["get", "PW", "extra"]).err.contains("'extra'"))
        // Known options of set still work.
        XCTAssertEqual(try box.run(["set", "PW", "--description=d", "--env=dev"], stdin: Array("v".utf8)).status, 0)
    }
}
