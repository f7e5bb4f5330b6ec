// The constant-time check of GHASH: CTCheck runs key setup and absorb with H and the data in
// never-written memory under valgrind memcheck, which reports every branch and every address
// computed from them. The constant-time backend must be silent; the table backend must be
// caught (its lookups index memory by secret bytes), which shows the check can fail.
import XCTest

final class GHashConstantTimeTests: XCTestCase {
    func testConstantTimeBackendHasNoSecretDependentBranchOrAddress() throws {
        let run = try runCTCheckUnderMemcheck("ghash-ct")
        print("memcheck ghash-ct: exit \(run.status), \(run.errors) errors")
        XCTAssertEqual(run.errors, 0, run.log)
        XCTAssertEqual(run.status, 0, run.log)
    }

    func testTableBackendLookupsAreReported() throws {
        let run = try runCTCheckUnderMemcheck("ghash-table")
        print("memcheck ghash-table: exit \(run.status), \(run.errors) errors (expected: the lookups)")
        XCTAssertEqual(run.status, 99, run.log)
        XCTAssertGreaterThan(run.errors, 0, run.log)
        // The reports are secret-derived addresses inside the table backend.
        XCTAssertTrue(run.log.contains("Use of uninitialised value"), run.log)
        XCTAssertTrue(run.log.contains("GHashShoupTable"), run.log)
    }
}
