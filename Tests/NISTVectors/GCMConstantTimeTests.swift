// The constant-time check of a whole AES-GCM seal with the constant-time GHASH (CTCheck gcm-ct):
// beyond the AES core and GHASH alone, it covers the GCM layer's own handling of the key, nonce,
// AAD and plaintext (J0, the counter, the length block, the tag).
import XCTest

final class GCMConstantTimeTests: XCTestCase {
    func testSealWithConstantTimeGHashUnderMemcheck() throws {
        let run = try runCTCheckUnderMemcheck("gcm-ct")
        print("memcheck gcm-ct: exit \(run.status), \(run.errors) errors")
        XCTAssertEqual(run.errors, 0, run.log)
        XCTAssertEqual(run.status, 0, run.log)
    }
}
