// scrypt RFC 7914 §12 vectors, from Vectors/KDF/scrypt.txt (cryptography-vectors' copy of the RFC
// section): the three small cases, and the N = 2^20 (1 GiB) case in its own method.

import Foundation
import Tessera
import XCTest

final class ScryptRFCVectorTests: XCTestCase {
    /// The cases of scrypt.txt: PASSWORD and SALT are ASCII text, DERIVED_KEY hex.
    private func cases() throws -> [(password: [UInt8], salt: [UInt8], n: Int, r: Int, p: Int,
                                     length: Int, key: [UInt8])] {
        let file = try VectorFile(vectors: "KDF/scrypt.txt")
        var out: [(password: [UInt8], salt: [UInt8], n: Int, r: Int, p: Int, length: Int, key: [UInt8])] = []
        for record in file.records {
            guard let password = record["PASSWORD"], let salt = record["SALT"] else {
                XCTFail("scrypt.txt: malformed record at line \(record.line)")
                continue
            }
            out.append((Array(password.utf8), Array(salt.utf8), record.int("N"), record.int("r"), record.int("p"),
                        record.int("LENGTH"), record.hex("DERIVED_KEY")))
        }
        XCTAssertEqual(out.count, file.lineCount(startingWith: "COUNT"), "scrypt.txt: parsed count")
        return out
    }

    private func check(_ c: (password: [UInt8], salt: [UInt8], n: Int, r: Int, p: Int,
                             length: Int, key: [UInt8])) throws {
        let dk = try KDF.Scrypt.deriveKey(
            from: c.password, salt: c.salt, outputByteCount: c.length,
            rounds: c.n, blockSize: c.r, parallelism: c.p)
        XCTAssertEqual(dk.withUnsafeBytes { Array($0) }, c.key, "N=\(c.n) r=\(c.r) p=\(c.p)")
        XCTAssertEqual(dk, SymmetricKey(data: c.key))
    }

    // RFC 7914 §12, the cases with N <= 16384 (16 MiB).
    func testRFC7914Section12() throws {
        let all = try cases()
        let small = all.filter { $0.n <= 16384 }
        for c in small { try check(c) }
        print("scrypt.txt: \(small.count) of \(all.count) cases run (N <= 16384)")
        XCTAssertEqual(small.count, 3)
        XCTAssertGreaterThan(small.count, 0, "scrypt.txt parsed to zero cases")
    }

    // RFC 7914 §12, N = 2^20, r = 8, p = 1: 1 GiB of V and about 1.5 s.
    func testRFC7914Section12LargeN() throws {
        let large = try cases().filter { $0.n > 16384 }
        for c in large { try check(c) }
        print("scrypt.txt: \(large.count) case run (N = 2^20)")
        XCTAssertEqual(large.count, 1, "scrypt.txt: the N = 2^20 case is missing")
    }
}
