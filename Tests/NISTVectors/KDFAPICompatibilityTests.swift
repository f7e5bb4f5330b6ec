// Source compatibility with swift-crypto 4.5.2: these call shapes are copied from code written
// against `import Crypto` / `import CryptoExtras`, and must compile unchanged against
// `import Tessera`. The assertions tie each shape to a known answer so the test can fail.

import Foundation
import Tessera
import XCTest

final class KDFAPICompatibilityTests: XCTestCase {
    func testDigestCallShapes() {
        let d = Data("abc".utf8)
        let oneShot = SHA256.hash(data: d)
        var h = SHA256()
        h.update(data: d)
        let digest = h.finalize()
        XCTAssertEqual(oneShot, digest)
        XCTAssertEqual(Data(digest), Data(bytesFromHexString("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")!))
        let copied = digest.withUnsafeBytes { Data($0) }
        XCTAssertEqual(copied.count, SHA256.byteCount)
        XCTAssertEqual(SHA256Digest.byteCount, 32)
        XCTAssertEqual(SHA256.blockByteCount, 64)
        let hex = digest.map { String(format: "%02x", $0) }.joined()
        XCTAssertEqual(hex, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        XCTAssertTrue(digest.description.hasPrefix("SHA256 digest: ba7816bf"))
        var h384 = SHA384()
        d.withUnsafeBytes { h384.update(bufferPointer: $0) }
        XCTAssertEqual(h384.finalize(), SHA384.hash(data: d))
        XCTAssertEqual(Array(SHA512.hash(data: d)).count, SHA512Digest.byteCount)
        let _: SHA2_256.Digest = SHA2_256.hash(data: d)
        XCTAssertEqual(Insecure.SHA1.hash(data: d).description, "SHA1 digest: a9993e364706816aba3e25717850c26c9cd0d89d")
        // Generic code over HashFunction, as callers write it.
        func hexDigest<H: HashFunction>(_: H.Type, _ data: Data) -> String {
            H.hash(data: data).compactMap { String(format: "%02x", $0) }.joined()
        }
        XCTAssertEqual(hexDigest(SHA256.self, d), hex)
    }

    func testHMACCallShapes() {
        let d = Data("what do ya want for nothing?".utf8)
        let key = SymmetricKey(data: Data("Jefe".utf8))
        let mac = HMAC<SHA256>.authenticationCode(for: d, using: key)
        XCTAssertEqual(Data(mac).count, 32)
        XCTAssertEqual(Data(mac), Data(bytesFromHexString("5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843")!))
        XCTAssertTrue(HMAC<SHA256>.isValidAuthenticationCode(mac, authenticating: d, using: key))
        XCTAssertTrue(HMAC<SHA256>.isValidAuthenticationCode(Data(mac), authenticating: d, using: key))
        XCTAssertFalse(HMAC<SHA256>.isValidAuthenticationCode(mac, authenticating: Data("x".utf8), using: key))
        var authenticator = HMAC<SHA512>(key: key)
        authenticator.update(data: d)
        let code: HashedAuthenticationCode<SHA512> = authenticator.finalize()
        XCTAssertEqual(code.byteCount, 64)
        XCTAssertTrue(code == HMAC<SHA512>.authenticationCode(for: d, using: key))
        XCTAssertTrue(mac == Data(mac))
        d.withUnsafeBytes { buffer in
            XCTAssertTrue(HMAC<SHA256>.isValidAuthenticationCode(mac, authenticating: buffer, using: key))
        }
        let _: HMAC<SHA384>.MAC = HMAC<SHA384>.authenticationCode(for: [UInt8](d), using: SymmetricKey(size: .bits256))
    }

    func testHKDFCallShapes() {
        let ikm = SymmetricKey(data: Data(repeating: 0x0b, count: 22))
        let salt = Data(bytesFromHexString("000102030405060708090a0b0c")!)
        let info = Data(bytesFromHexString("f0f1f2f3f4f5f6f7f8f9")!)
        let key = HKDF<SHA256>.deriveKey(inputKeyMaterial: ikm, salt: salt, info: info, outputByteCount: 42)
        XCTAssertEqual(key.withUnsafeBytes { Data($0) },
                       Data(bytesFromHexString("3cb25f25faacd57a90434f64d0362f2a2d2d0a90cf1a5a4c5db02d56ecc4c5bf34007208d5b887185865")!))
        let k32 = HKDF<SHA256>.deriveKey(inputKeyMaterial: ikm, salt: salt, info: info, outputByteCount: 32)
        XCTAssertEqual(k32.bitCount, 256)
        let prk = HKDF<SHA256>.extract(inputKeyMaterial: ikm, salt: salt)
        let expanded = HKDF<SHA256>.expand(pseudoRandomKey: prk, info: info, outputByteCount: 42)
        XCTAssertEqual(expanded, key)
        _ = HKDF<SHA512>.deriveKey(inputKeyMaterial: ikm, info: info, outputByteCount: 64)
        _ = HKDF<SHA384>.deriveKey(inputKeyMaterial: ikm, salt: salt, outputByteCount: 48)
        _ = HKDF<SHA256>.deriveKey(inputKeyMaterial: ikm, outputByteCount: 16)
    }

    func testPBKDF2CallShapes() throws {
        let pw = Data("Password".utf8), s = Data("NaCl".utf8)
        let key = try KDF.Insecure.PBKDF2.deriveKey(from: pw, salt: s, using: .sha256, outputByteCount: 32, rounds: 210_000)
        XCTAssertEqual(key.bitCount, 256)
        let one = try KDF.Insecure.PBKDF2.deriveKey(from: Data("passwd".utf8), salt: Data("salt".utf8), using: .sha256, outputByteCount: 64, unsafeUncheckedRounds: 1)
        XCTAssertEqual(one.withUnsafeBytes { $0.prefix(4).map { $0 } }, [0x55, 0xac, 0x04, 0x6e])
        let hashes: [KDF.Insecure.PBKDF2.HashFunction] = [.insecureSHA1, .insecureSHA224, .sha256, .sha384, .sha512]
        for hf in hashes {
            _ = try KDF.Insecure.PBKDF2.deriveKey(from: pw, salt: s, using: hf, outputByteCount: 20, unsafeUncheckedRounds: 2)
        }
    }
}
