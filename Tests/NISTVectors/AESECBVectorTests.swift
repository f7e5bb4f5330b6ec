// AES block encryption against FIPS-197 Appendix C and every ENCRYPT case of the NIST AESAVS ECB
// files (GFSbox, KeySbox, VarKey, VarTxt, MMT for 128/192/256 bits). The DECRYPT sections are
// skipped: Tessera implements only the encryption direction (all GCM needs). Every case runs on
// both passes: the 8-block SSE2 one (AESFixslice128) and the 4-block UInt64 one (AESFixslice64,
// which short GCM messages use).

import Foundation
import Tessera
import XCTest

final class AESECBVectorTests: XCTestCase {
    /// ECB through `AESCore.encrypt(blocks:)` (8-block pass) and `encrypt64(blocks:)` (4-block
    /// pass), out of place; fails the test when they disagree and returns the first.
    private func encrypt(key: [UInt8], _ plaintext: [UInt8], file: StaticString = #filePath, line: UInt = #line) throws -> [UInt8] {
        let aes = try key.withUnsafeBytes { try AESCore(key: $0) }
        var out = [UInt8](repeating: 0, count: plaintext.count)
        var out64 = out
        plaintext.withUnsafeBytes { p in
            out.withUnsafeMutableBytes { o in
                aes.encrypt(blocks: p.baseAddress!, into: o.baseAddress!, blockCount: plaintext.count / 16)
            }
            out64.withUnsafeMutableBytes { o in
                aes.encrypt64(blocks: p.baseAddress!, into: o.baseAddress!, blockCount: plaintext.count / 16)
            }
        }
        XCTAssertEqual(hexString(out64), hexString(out), "4-block pass", file: file, line: line)
        return out
    }

    /// FIPS-197 (2001, updated 2023), Appendix C.1-C.3: the example vectors for each key size.
    func testFIPS197AppendixC() throws {
        let plaintext = bytesFromHex("00112233445566778899aabbccddeeff")!
        let cases: [(key: String, ciphertext: String)] = [
            ("000102030405060708090a0b0c0d0e0f", "69c4e0d86a7b0430d8cdb78070b4c55a"),  // C.1 AES-128
            ("000102030405060708090a0b0c0d0e0f1011121314151617", "dda97ca4864cdfe06eaf70a0ec0d7191"),  // C.2
            ("000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f",
             "8ea2b7ca516745bfeafc49904b496089"),  // C.3 AES-256
        ]
        for c in cases {
            XCTAssertEqual(hexString(try encrypt(key: bytesFromHex(c.key)!, plaintext)), c.ciphertext, c.key)
        }
    }

    /// ENCRYPT cases per file, as AESAVS §6.2-6.4 defines them: GFSbox and KeySbox list fixed
    /// tables, VarKey has one case per key bit, VarTxt one per plaintext bit, MMT ten messages of
    /// 1...10 blocks.
    private static let expectedCounts: [String: Int] = [
        "ECBGFSbox128": 7, "ECBGFSbox192": 6, "ECBGFSbox256": 5,
        "ECBKeySbox128": 21, "ECBKeySbox192": 24, "ECBKeySbox256": 16,
        "ECBVarKey128": 128, "ECBVarKey192": 192, "ECBVarKey256": 256,
        "ECBVarTxt128": 128, "ECBVarTxt192": 128, "ECBVarTxt256": 128,
        "ECBMMT128": 10, "ECBMMT192": 10, "ECBMMT256": 10,
    ]

    func testAESAVSECBEncrypt() throws {
        var total = 0
        for (name, expected) in Self.expectedCounts.sorted(by: { $0.key < $1.key }) {
            let records = try VectorFile(vectors: "AES-ECB/\(name).rsp").records.filter { $0.section == "ENCRYPT" }
            var ran = 0
            for r in records {
                let key = r.hex("KEY"), pt = r.hex("PLAINTEXT"), ct = r.hex("CIPHERTEXT")
                XCTAssertEqual(key.count * 8, Int(name.suffix(3)), "\(name) COUNT \(r["COUNT"] ?? "?")")
                XCTAssertEqual(try encrypt(key: key, pt), ct, "\(name) COUNT \(r["COUNT"] ?? "?")")
                ran += 1
            }
            print("\(name).rsp: \(ran) ENCRYPT cases")
            XCTAssertGreaterThan(ran, 0, "\(name) parsed to zero cases")
            XCTAssertEqual(ran, expected, "\(name): case count")
            total += ran
        }
        print("AESAVS ECB: \(total) ENCRYPT cases in \(Self.expectedCounts.count) files")
    }

    /// All of a VarTxt file's plaintexts (one key, 128 blocks) in one call, then in place: the
    /// 8-block passes and the partial last pass see independent blocks.
    func testAESAVSVarTxtAsOneBatch() throws {
        for bits in [128, 192, 256] {
            let records = try VectorFile(vectors: "AES-ECB/ECBVarTxt\(bits).rsp").records.filter { $0.section == "ENCRYPT" }
            XCTAssertEqual(records.count, 128)
            let key = records[0].hex("KEY")
            XCTAssertTrue(records.allSatisfy { $0.hex("KEY") == key })
            for n in [records.count, 13, 8, 7, 1] {
                let pt = records.prefix(n).flatMap { $0.hex("PLAINTEXT") }
                let ct = records.prefix(n).flatMap { $0.hex("CIPHERTEXT") }
                XCTAssertEqual(try encrypt(key: key, pt), ct, "VarTxt\(bits) first \(n) as one call")
                let aes = try key.withUnsafeBytes { try AESCore(key: $0) }
                var buffer = pt
                buffer.withUnsafeMutableBytes { b in
                    aes.encrypt(blocks: b.baseAddress!, into: b.baseAddress!, blockCount: n)
                }
                XCTAssertEqual(buffer, ct, "VarTxt\(bits) first \(n) in place")
            }
        }
    }

    func testKeySizesOtherThan16_24_32Throw() {
        for n in [0, 1, 15, 17, 23, 25, 31, 33, 64] {
            let key = [UInt8](repeating: 0x42, count: n)
            XCTAssertThrowsError(try key.withUnsafeBytes { try AESCore(key: $0) }, "\(n) bytes") { error in
                XCTAssertEqual(error as? CryptoKitError, .incorrectKeySize, "\(n) bytes")
            }
        }
        for n in [16, 24, 32] {
            let key = [UInt8](repeating: 0x42, count: n)
            XCTAssertNoThrow(try key.withUnsafeBytes { try AESCore(key: $0) }, "\(n) bytes")
        }
    }
}
