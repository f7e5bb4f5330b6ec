// Property: flipping any single bit of the ciphertext, the tag, the AAD or the nonce makes
// open fail with authenticationFailure, on both GHASH backends and several message lengths.

import Foundation
import Tessera
import XCTest

final class AESGCMTamperTests: XCTestCase {
    func testEverySingleBitFlipFails() throws {
        var flips = 0
        for backend in AESGCMVectorTests.backends {
            for length in [0, 1, 16, 33] {
                let gcm = try AES.GCM.Context(key: SymmetricKey(size: .bits256), ghash: backend)
                let message = (0..<length).map { UInt8(truncatingIfNeeded: $0 &* 31) }
                let aad: [UInt8] = Array("header".utf8)
                let box = try gcm.seal(message, authenticating: aad)
                let nonce = Array(box.nonce), ct = Array(box.ciphertext), tag = Array(box.tag)
                XCTAssertEqual(try gcm.open(box, authenticating: aad), Data(message))

                func mustFail(_ n: [UInt8], _ c: [UInt8], _ t: [UInt8], _ a: [UInt8]) throws {
                    let forged = try AES.GCM.SealedBox(nonce: AES.GCM.Nonce(data: n), ciphertext: c, tag: t)
                    XCTAssertThrowsError(try gcm.open(forged, authenticating: a)) {
                        XCTAssertEqual($0 as? CryptoKitError, .authenticationFailure)
                    }
                    flips += 1
                }
                for bit in 0..<(ct.count * 8) { var c = ct; c[bit / 8] ^= 1 << (bit % 8); try mustFail(nonce, c, tag, aad) }
                for bit in 0..<(tag.count * 8) { var t = tag; t[bit / 8] ^= 1 << (bit % 8); try mustFail(nonce, ct, t, aad) }
                for bit in 0..<(aad.count * 8) { var a = aad; a[bit / 8] ^= 1 << (bit % 8); try mustFail(nonce, ct, tag, a) }
                for bit in 0..<(nonce.count * 8) { var n = nonce; n[bit / 8] ^= 1 << (bit % 8); try mustFail(n, ct, tag, aad) }
            }
        }
        print("AES-GCM tamper: \(flips) single-bit flips, all rejected")
        XCTAssertGreaterThan(flips, 0)
    }
}
