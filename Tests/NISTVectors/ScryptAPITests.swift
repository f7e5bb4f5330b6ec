// KDF.Scrypt's API behaviour: the parameter checks (mirroring swift-crypto's BoringSSL backend),
// maxMemory, non-contiguous DataProtocol inputs, and a differential test against Python's
// hashlib.scrypt (OpenSSL).

import Dispatch
import Foundation
import Tessera
import TesseraCore
import TesseraKDF
import XCTest

final class ScryptAPITests: XCTestCase {
    private func derive(
        n: Int, r: Int = 1, p: Int = 1, length: Int = 32, maxMemory: Int? = nil
    ) throws -> SymmetricKey {
        try KDF.Scrypt.deriveKey(
            from: Array("password".utf8), salt: Array("NaCl".utf8), outputByteCount: length,
            rounds: n, blockSize: r, parallelism: p, maxMemory: maxMemory)
    }

    private func assertInvalid(
        _ what: String, file: StaticString = #filePath, line: UInt = #line,
        _ body: () throws -> SymmetricKey
    ) {
        XCTAssertThrowsError(try body(), what, file: file, line: line) { error in
            XCTAssertEqual(error as? CryptoKitError, .invalidParameter, what, file: file, line: line)
        }
    }

    func testRoundsMustBeAPowerOfTwoAboveOne() {
        for n in [-16, 0, 1, 3, 6, 15, 17, 1000, 1023, 1025] {
            assertInvalid("N = \(n)") { try derive(n: n) }
        }
        XCTAssertNoThrow(try derive(n: 2))
        XCTAssertNoThrow(try derive(n: 1024))
    }

    func testRoundsBelowTwoToTheSixteenR() {
        // RFC 7914 §2: N < 2^(128 r / 8). r = 1 allows N up to 2^15.
        assertInvalid("N = 2^16, r = 1") { try derive(n: 1 << 16, r: 1) }
        assertInvalid("N = 2^33, r = 8") { try derive(n: 1 << 33, r: 8, maxMemory: Int.max) }
        XCTAssertNoThrow(try derive(n: 1 << 15, r: 1))
    }

    func testBlockSizeAndParallelism() {
        assertInvalid("r = 0") { try derive(n: 16, r: 0) }
        assertInvalid("r = -1") { try derive(n: 16, r: -1) }
        assertInvalid("p = 0") { try derive(n: 16, p: 0) }
        assertInvalid("p = -3") { try derive(n: 16, p: -3) }
        // r · p < 2^30 (BoringSSL refuses p > (2^30 - 1) / r): refused before any allocation,
        // even with no memory limit.
        assertInvalid("r·p = 2^30") { try derive(n: 16, r: 1 << 15, p: 1 << 15, maxMemory: Int.max) }
        assertInvalid("r = 2^30") { try derive(n: 16, r: 1 << 30, maxMemory: Int.max) }
        assertInvalid("huge r") { try derive(n: 16, r: Int.max, maxMemory: Int.max) }
    }

    func testOutputByteCount() {
        assertInvalid("dkLen = 0") { try derive(n: 16, length: 0) }
        assertInvalid("dkLen = -1") { try derive(n: 16, length: -1) }
        assertInvalid("dkLen > (2^32 - 1) * 32") { try derive(n: 16, length: 0xFFFF_FFFF * 32 + 1) }
        XCTAssertEqual(try derive(n: 16, length: 1).bitCount, 8)
    }

    func testMemoryLimit() throws {
        // Needed: 128 r (N + p + 1) bytes.
        let need = 128 * 8 * (1024 + 2 + 1)
        XCTAssertNoThrow(try derive(n: 1024, r: 8, p: 2, maxMemory: need))
        assertInvalid("one byte short") { try derive(n: 1024, r: 8, p: 2, maxMemory: need - 1) }
        assertInvalid("maxMemory = 0") { try derive(n: 16, maxMemory: 0) }
        assertInvalid("maxMemory < 0") { try derive(n: 16, maxMemory: -1) }
        // N = 2^32, r = 8 needs 4 TiB: within the default limit (128 N r p + 4096), but more
        // than the machine has, so refused instead of trapping in the allocator.
        assertInvalid("N = 2^32, r = 8, 4 TiB") { try derive(n: 1 << 32, r: 8) }
        assertInvalid("N = 2^32, r = 8, 4 TiB, no limit") { try derive(n: 1 << 32, r: 8, maxMemory: Int.max) }
        // The default limit is swift-crypto's 128 N r p + 4096: r = 16, p = 1 fits exactly,
        // r = 17 does not (BoringSSL counts two more blocks than the default allows for).
        XCTAssertNoThrow(try derive(n: 16, r: 16))
        assertInvalid("default limit, r = 17, p = 1") { try derive(n: 16, r: 17) }
        XCTAssertNoThrow(try derive(n: 16, r: 17, maxMemory: 128 * 17 * 18))
        // The explicit limit is honoured.
        XCTAssertEqual(try derive(n: 16, r: 17, maxMemory: 1 << 20),
                       try derive(n: 16, r: 17, maxMemory: 128 * 17 * 18))
        // The default computation saturates instead of trapping.
        XCTAssertEqual(ScryptLayout.defaultMaxMemory(n: 1 << 32, r: 1 << 29, p: 2), Int.max)
    }

    func testDiscontiguousInputsGiveTheSameKey() throws {
        let password = Array("pleaseletmein".utf8)
        let salt = Array("SodiumChloride".utf8)
        func split(_ bytes: [UInt8]) -> DispatchData {
            var d = DispatchData.empty
            let cut = bytes.count / 2
            bytes[..<cut].withUnsafeBytes { d.append($0) }
            bytes[cut...].withUnsafeBytes { d.append($0) }
            return d
        }
        XCTAssertEqual(split(password).regions.count, 2)
        let reference = try KDF.Scrypt.deriveKey(
            from: password, salt: salt, outputByteCount: 64, rounds: 64, blockSize: 2, parallelism: 3)
        let a = try KDF.Scrypt.deriveKey(
            from: split(password), salt: salt, outputByteCount: 64, rounds: 64, blockSize: 2, parallelism: 3)
        let b = try KDF.Scrypt.deriveKey(
            from: Data(password), salt: split(salt), outputByteCount: 64, rounds: 64, blockSize: 2, parallelism: 3)
        XCTAssertEqual(a, reference)
        XCTAssertEqual(b, reference)
    }

    // Random passwords, salts, N, r, p and output lengths, against hashlib.scrypt.
    func testDifferentialAgainstHashlib() throws {
        let cases = try PythonOracle.jsonLines("scrypt_oracle.py", ["generate", "120", "7914"])
        XCTAssertEqual(cases.count, 120, "scrypt_oracle.py produced no cases")
        var ran = 0
        for c in cases {
            guard let password = (c["password"] as? String).flatMap(bytesFromHexString),
                  let salt = (c["salt"] as? String).flatMap(bytesFromHexString),
                  let n = c["n"] as? Int, let r = c["r"] as? Int, let p = c["p"] as? Int,
                  let dklen = c["dklen"] as? Int,
                  let expected = (c["dk"] as? String).flatMap(bytesFromHexString)
            else {
                XCTFail("scrypt_oracle.py: malformed case \(c)")
                continue
            }
            let dk = try KDF.Scrypt.deriveKey(
                from: password, salt: salt, outputByteCount: dklen, rounds: n, blockSize: r,
                parallelism: p, maxMemory: 1 << 28)
            XCTAssertEqual(dk.withUnsafeBytes { Array($0) }, expected,
                           "N=\(n) r=\(r) p=\(p) dkLen=\(dklen) |P|=\(password.count) |S|=\(salt.count)")
            ran += 1
        }
        print("scrypt differential: \(ran) cases against hashlib.scrypt")
        XCTAssertGreaterThan(ran, 0)
    }
}
