// Runs the CTCheck program's "kdf" check under valgrind memcheck: SHA-2, HMAC (and its
// verification), HKDF and PBKDF2 on secrets held in never-written memory must produce no
// secret-dependent branch or address. The check was seen to fail on purpose: a branch on the
// first MAC byte planted in KDFCheck.swift gave "Conditional jump or move depends on
// uninitialised value(s)", 2 errors. Requires valgrind (scripts/test.sh installs it); without
// it this test fails, never passes. About 3 s.

import Foundation
import XCTest

final class KDFConstantTimeTests: XCTestCase {
    func testKDFUnderMemcheck() throws {
        let run = try runCTCheckUnderMemcheck("kdf")
        XCTAssertEqual(run.errors, 0, "memcheck found secret-dependent branches or addresses:\n\(run.log)")
        XCTAssertEqual(run.status, 0, run.log)
    }

    /// `SymmetricKey ==`, digest and MAC `==` on never-written bytes (CTCheck compare): no
    /// branch or address from either side.
    func testEqualityOperatorsUnderMemcheck() throws {
        let run = try runCTCheckUnderMemcheck("compare")
        XCTAssertEqual(run.errors, 0, "memcheck found secret-dependent branches or addresses:\n\(run.log)")
        XCTAssertEqual(run.status, 0, run.log)
    }
}
