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
        let run = try runCTCheckUnderMemcheck("aes")
        print("memcheck aes: exit \(run.status), \(run.errors) errors")
        XCTAssertEqual(run.errors, 0, "memcheck found secret-dependent branches or addresses:\n\(run.log)")
        XCTAssertEqual(run.status, 0, run.log)
    }
}
