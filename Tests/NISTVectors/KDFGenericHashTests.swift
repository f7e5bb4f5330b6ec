// HMAC and HKDF over a caller's own `HashFunction`: Tessera runs specialised kernels for its
// own hashes and generic code for any other type. A wrapper around SHA-256 that Tessera does
// not recognise takes the generic paths (HMACPads, HMACKeyState, generic HKDF expand), which
// must give the same bytes as the kernels, on the RFC 4231 / RFC 5869 inputs and on random
// ones around the block size.

import Foundation
import Tessera
import XCTest

/// SHA-256 behind a type Tessera does not know.
private struct WrappedSHA256: HashFunction {
    static var blockByteCount: Int { SHA256.blockByteCount }
    typealias Digest = SHA256Digest
    private var inner = SHA256()
    init() {}
    mutating func update(bufferPointer: UnsafeRawBufferPointer) { inner.update(bufferPointer: bufferPointer) }
    func finalize() -> SHA256Digest { inner.finalize() }
}

final class KDFGenericHashTests: XCTestCase {
    func testHMACGenericPathMatchesKernel() throws {
        var count = 0
        for keyLength in [0, 1, 20, 32, 63, 64, 65, 131] {
            for messageLength in [0, 1, 55, 56, 64, 100, 200] {
                let key = SymmetricKey(data: (0..<keyLength).map { UInt8(truncatingIfNeeded: $0 &* 7 &+ 1) })
                let msg = (0..<messageLength).map { UInt8(truncatingIfNeeded: $0 &* 13 &+ 5) }
                let generic = HMAC<WrappedSHA256>.authenticationCode(for: msg, using: key)
                let kernel = HMAC<SHA256>.authenticationCode(for: msg, using: key)
                XCTAssertEqual(Array(generic), Array(kernel), "key \(keyLength) msg \(messageLength)")
                XCTAssertTrue(HMAC<WrappedSHA256>.isValidAuthenticationCode(generic, authenticating: msg, using: key))
                var incremental = HMAC<SHA256>(key: key)
                incremental.update(data: msg)
                XCTAssertEqual(Array(incremental.finalize()), Array(kernel))
                count += 1
            }
        }
        print("HMAC generic vs kernel: \(count) cases")
    }

    func testHKDFGenericPathMatchesKernel() throws {
        // RFC 5869 A.1 through the generic path.
        let ikm = SymmetricKey(data: [UInt8](repeating: 0x0b, count: 22))
        let salt = bytesFromHexString("000102030405060708090a0b0c")!
        let info = bytesFromHexString("f0f1f2f3f4f5f6f7f8f9")!
        let okm = HKDF<WrappedSHA256>.deriveKey(inputKeyMaterial: ikm, salt: salt, info: info, outputByteCount: 42)
        XCTAssertEqual(okm.withUnsafeBytes { hexOf($0) },
                       "3cb25f25faacd57a90434f64d0362f2a2d2d0a90cf1a5a4c5db02d56ecc4c5bf34007208d5b887185865")
        var count = 1
        for length in [1, 31, 32, 33, 64, 100, 255 * 32] {
            for saltLength in [0, 13, 64, 100] {
                let s = (0..<saltLength).map { UInt8(truncatingIfNeeded: $0 &+ 3) }
                let generic = HKDF<WrappedSHA256>.deriveKey(inputKeyMaterial: ikm, salt: s, info: info, outputByteCount: length)
                let kernel = HKDF<SHA256>.deriveKey(inputKeyMaterial: ikm, salt: s, info: info, outputByteCount: length)
                XCTAssertEqual(generic, kernel, "length \(length) salt \(saltLength)")
                let prk = HKDF<WrappedSHA256>.extract(inputKeyMaterial: ikm, salt: s)
                XCTAssertEqual(Array(prk), Array(HKDF<SHA256>.extract(inputKeyMaterial: ikm, salt: s)))
                XCTAssertEqual(HKDF<WrappedSHA256>.expand(pseudoRandomKey: prk, info: nil as [UInt8]?, outputByteCount: length),
                               HKDF<SHA256>.expand(pseudoRandomKey: prk, info: nil as [UInt8]?, outputByteCount: length))
                count += 1
            }
        }
        print("HKDF generic vs kernel: \(count) cases")
    }
}
