// RFC 5869 Appendix A test cases 1–3 (HKDF-SHA256) from cryptography-vectors 50.0.2
// (KDF/rfc-5869-HKDF-SHA256.txt): PRK from extract, OKM from expand and from deriveKey.

import Foundation
import Tessera
import XCTest

final class HKDFVectorTests: XCTestCase {
    func testRFC5869SHA256() throws {
        let vectors = try VectorFile(vectors: "KDF/rfc-5869-HKDF-SHA256.txt")
        var count = 0
        for r in vectors.mergingContinuations(startKey: "COUNT") where r["OKM"] != nil {
            XCTAssertEqual(r["Hash"], "SHA-256")
            let ikm = SymmetricKey(data: r.hex("IKM"))
            let salt = r.hex("salt"), info = r.hex("info")
            let length = r.int("L")
            let prk = HKDF<SHA256>.extract(inputKeyMaterial: ikm, salt: salt)
            XCTAssertEqual(Array(prk), r.hex("PRK"), "case \(r["COUNT"] ?? "?")")
            let okm = r.hex("OKM")
            let expanded = HKDF<SHA256>.expand(pseudoRandomKey: prk, info: info, outputByteCount: length)
            XCTAssertEqual(expanded.withUnsafeBytes { Array($0) }, okm, "case \(r["COUNT"] ?? "?") expand")
            let derived = HKDF<SHA256>.deriveKey(inputKeyMaterial: ikm, salt: salt, info: info, outputByteCount: length)
            XCTAssertEqual(derived, expanded)
            let checked = try HKDF<SHA256>.checkedDeriveKey(inputKeyMaterial: ikm, salt: salt, info: info, outputByteCount: length)
            XCTAssertEqual(checked, expanded)
            if salt.isEmpty && info.isEmpty {
                // Case 3: the no-salt, no-info overloads and nil info give the same key.
                XCTAssertEqual(HKDF<SHA256>.deriveKey(inputKeyMaterial: ikm, outputByteCount: length), expanded)
                XCTAssertEqual(HKDF<SHA256>.extract(inputKeyMaterial: ikm, salt: nil as [UInt8]?), prk)
                XCTAssertEqual(HKDF<SHA256>.expand(pseudoRandomKey: prk, info: nil as [UInt8]?, outputByteCount: length), expanded)
            }
            count += 1
        }
        print("rfc-5869-HKDF-SHA256.txt: \(count) cases")
        XCTAssertEqual(count, 3, "RFC 5869 has three SHA-256 cases")
    }

    func testOutputLengthLimits() throws {
        let ikm = SymmetricKey(size: .bits256)
        XCTAssertEqual(try HKDF<SHA256>.checkedDeriveKey(inputKeyMaterial: ikm, salt: [UInt8](), info: [UInt8](), outputByteCount: 255 * 32).bitCount, 255 * 32 * 8)
        XCTAssertThrowsError(try HKDF<SHA256>.checkedDeriveKey(inputKeyMaterial: ikm, salt: [UInt8](), info: [UInt8](), outputByteCount: 255 * 32 + 1)) {
            XCTAssertEqual($0 as? CryptoKitError, .incorrectParameterSize)
        }
        XCTAssertThrowsError(try HKDF<SHA512>.checkedExpand(pseudoRandomKey: [UInt8](repeating: 1, count: 64), info: [UInt8](), outputByteCount: 0))
    }
}
