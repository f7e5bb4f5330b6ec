// RFC 4231 §4 HMAC-SHA-256/384/512 test cases 1–4, 6, 7 from cryptography-vectors 50.0.2
// (HMAC/rfc-4231-sha*.txt), and test case 5 (truncation to 128 bits, §4.6), which those files
// leave out ("truncation test from RFC not added"), inline from the RFC text.

import Foundation
import Tessera
import XCTest

final class HMACVectorTests: XCTestCase {
    private func run<H: HashFunction>(_: H.Type, _ file: String) throws -> Int {
        let vectors = try VectorFile(vectors: "HMAC/\(file)")
        var count = 0
        for r in vectors.records where r["MD"] != nil {
            let key = SymmetricKey(data: r.hex("Key"))
            let msg = r.hex("Msg")
            let expected = r.hex("MD")
            let mac = HMAC<H>.authenticationCode(for: msg, using: key)
            XCTAssertEqual(Array(mac), expected, "\(file) line \(r.line)")
            XCTAssertTrue(HMAC<H>.isValidAuthenticationCode(mac, authenticating: msg, using: key))
            XCTAssertTrue(HMAC<H>.isValidAuthenticationCode(expected, authenticating: msg, using: key))
            // Incremental, split in three, and a tampered message must fail.
            var h = HMAC<H>(key: key)
            let a = msg.count / 3, b = 2 * msg.count / 3
            h.update(data: msg[..<a]); h.update(data: msg[a..<b]); h.update(data: msg[b...])
            XCTAssertEqual(Array(h.finalize()), expected, "\(file) line \(r.line) incremental")
            var tampered = msg
            tampered[0] ^= 1
            XCTAssertFalse(HMAC<H>.isValidAuthenticationCode(mac, authenticating: tampered, using: key))
            count += 1
        }
        print("\(file): \(count) cases")
        XCTAssertGreaterThan(count, 0, "\(file) parsed to zero cases")
        return count
    }

    func testRFC4231Files() throws {
        XCTAssertEqual(try run(SHA256.self, "rfc-4231-sha256.txt"), 6)
        XCTAssertEqual(try run(SHA384.self, "rfc-4231-sha384.txt"), 6)
        XCTAssertEqual(try run(SHA512.self, "rfc-4231-sha512.txt"), 6)
    }

    /// RFC 4231 §4.6, test case 5: Key = 0x0c × 20, Data = "Test With Truncation", output
    /// truncated to 128 bits. A truncated code is compared against the MAC's prefix; passed
    /// whole to `isValidAuthenticationCode` it is (as in swift-crypto) of the wrong length.
    func testRFC4231Case5Truncated() {
        let key = SymmetricKey(data: [UInt8](repeating: 0x0c, count: 20))
        let data = Array("Test With Truncation".utf8)
        let cases: [(String, [UInt8])] = [
            ("sha256", Array(HMAC<SHA256>.authenticationCode(for: data, using: key))),
            ("sha384", Array(HMAC<SHA384>.authenticationCode(for: data, using: key))),
            ("sha512", Array(HMAC<SHA512>.authenticationCode(for: data, using: key))),
        ]
        let expected = [
            "sha256": "a3b6167473100ee06e0c796c2955552b",
            "sha384": "3abf34c3503b2a23a46efc619baef897",
            "sha512": "415fad6271580a531d4179bc891d87a6",
        ]
        for (name, mac) in cases {
            XCTAssertEqual(hexOf(mac.prefix(16)), expected[name], name)
        }
        let truncated = bytesFromHexString(expected["sha256"]!)!
        XCTAssertFalse(HMAC<SHA256>.isValidAuthenticationCode(truncated, authenticating: data, using: key))
        print("RFC 4231 case 5: 3 cases")
    }
}
