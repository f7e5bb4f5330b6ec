// PBKDF2 vectors: RFC 6070 §2 (PBKDF2-HMAC-SHA1) from cryptography-vectors 50.0.2
// (KDF/rfc-6070-PBKDF2-SHA1.txt), and the two PBKDF2-HMAC-SHA256 vectors of RFC 7914 §11
// (inline: the scrypt vector file of the collection holds only §12). The 16,777,216-iteration
// RFC 6070 case is its own test (about 5 s of CPU); TESSERA_SKIP_SLOW=1 skips it.

import Foundation
import Tessera
import XCTest

final class PBKDF2VectorTests: XCTestCase {
    /// RFC 6070 writes NUL as "\0" inside its ASCII strings.
    private func ascii(_ text: String) -> [UInt8] {
        Array(text.replacingOccurrences(of: "\\0", with: "\0").utf8)
    }

    /// Runs the RFC 6070 cases of up to a million iterations, or (`long`) the longer one.
    private func runRFC6070(long: Bool) throws -> Int {
        let vectors = try VectorFile(vectors: "KDF/rfc-6070-PBKDF2-SHA1.txt")
        var count = 0
        for r in vectors.records where r["DERIVED_KEY"] != nil {
            let rounds = r.int("ITERATIONS")
            guard (rounds > 1_000_000) == long else { continue }
            let key = try KDF.Insecure.PBKDF2.deriveKey(
                from: ascii(r["PASSWORD"]!), salt: ascii(r["SALT"]!), using: .insecureSHA1,
                outputByteCount: r.int("LENGTH"), unsafeUncheckedRounds: rounds)
            XCTAssertEqual(key.withUnsafeBytes { Array($0) }, r.hex("DERIVED_KEY"), "COUNT \(r["COUNT"] ?? "?")")
            count += 1
        }
        return count
    }

    func testRFC6070SHA1() throws {
        let count = try runRFC6070(long: false)
        print("rfc-6070-PBKDF2-SHA1.txt: \(count) cases (the 16,777,216-iteration one is testRFC6070SHA1LongCount)")
        XCTAssertEqual(count, 5, "RFC 6070 has five cases of at most 4096 iterations")
    }

    /// RFC 6070's 16,777,216-iteration case: 33.5 M SHA-1 compressions, ~5 s of CPU. Runs by
    /// default; TESSERA_SKIP_SLOW=1 skips it.
    func testRFC6070SHA1LongCount() throws {
        if ProcessInfo.processInfo.environment["TESSERA_SKIP_SLOW"] == "1" {
            throw XCTSkip("TESSERA_SKIP_SLOW=1")
        }
        let count = try runRFC6070(long: true)
        print("rfc-6070-PBKDF2-SHA1.txt: \(count) long case")
        XCTAssertEqual(count, 1)
    }

    /// RFC 7914 §11: PBKDF2-HMAC-SHA256 (P="passwd", S="salt", c=1, dkLen=64) and
    /// (P="Password", S="NaCl", c=80000, dkLen=64).
    func testRFC7914SHA256() throws {
        let cases: [(String, String, Int, String)] = [
            ("passwd", "salt", 1,
             "55ac046e56e3089fec1691c22544b605f94185216dde0465e68b9d57c20dacbc49ca9cccf179b645991664b39d77ef317c71b845b1e30bd509112041d3a19783"),
            ("Password", "NaCl", 80_000,
             "4ddcd8f60b98be21830cee5ef22701f9641a4418d04c0414aeff08876b34ab56a1d425a1225833549adb841b51c9b3176a272bdebba1d078478f62b397f33c8d"),
        ]
        for (password, salt, rounds, expected) in cases {
            let key = try KDF.Insecure.PBKDF2.deriveKey(
                from: Array(password.utf8), salt: Array(salt.utf8), using: .sha256,
                outputByteCount: 64, unsafeUncheckedRounds: rounds)
            XCTAssertEqual(key.withUnsafeBytes { hexOf($0) }, expected, "\(password) c=\(rounds)")
            // The package entry scrypt uses writes the same bytes into a caller's buffer.
            var out = [UInt8](repeating: 0, count: 64)
            Array(password.utf8).withUnsafeBytes { p in
                Array(salt.utf8).withUnsafeBytes { s in
                    out.withUnsafeMutableBytes { pbkdf2HMACSHA256(password: p, salt: s, rounds: rounds, into: $0) }
                }
            }
            XCTAssertEqual(hexOf(out), expected, "pbkdf2HMACSHA256 \(password) c=\(rounds)")
        }
        print("RFC 7914 section 11: \(cases.count) cases")
    }

    func testParameterChecks() throws {
        let pw = Array("password".utf8), salt = Array("salt".utf8)
        XCTAssertThrowsError(try KDF.Insecure.PBKDF2.deriveKey(from: pw, salt: salt, using: .sha256, outputByteCount: 32, rounds: 209_999)) {
            XCTAssertEqual($0 as? CryptoKitError, .incorrectParameterSize)
        }
        XCTAssertThrowsError(try KDF.Insecure.PBKDF2.deriveKey(from: pw, salt: salt, using: .sha256, outputByteCount: 32, unsafeUncheckedRounds: 0)) {
            XCTAssertEqual($0 as? CryptoKitError, .invalidParameter)
        }
        let key = try KDF.Insecure.PBKDF2.deriveKey(from: pw, salt: salt, using: .sha512, outputByteCount: 64, rounds: 210_000)
        XCTAssertEqual(key.bitCount, 512)
    }
}
