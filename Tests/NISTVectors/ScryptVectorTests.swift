// scrypt vectors: RFC 7914 §8 (Salsa20/8 core), §9 (BlockMix), §10 (ROMix), typed in from the
// RFC, run against the package-level internals of TesseraKDF.

import Tessera
import TesseraKDF
import XCTest

final class ScryptVectorTests: XCTestCase {
    private func hex(_ s: String) -> [UInt8] {
        let digits = s.filter { !$0.isWhitespace }
        guard let bytes = bytesFromHex(digits) else {
            XCTFail("bad hex in test vector")
            return []
        }
        return bytes
    }

    // RFC 7914 §8, "Test Vectors for Salsa20/8 Core".
    func testSalsa20_8CoreRFC7914Section8() {
        var block = hex("""
            7e 87 9a 21 4f 3e c9 86 7c a9 40 e6 41 71 8f 26
            ba ee 55 5b 8c 61 c1 b5 0d f8 46 11 6d cd 3b 1d
            ee 24 f3 19 df 9b 3d 85 14 12 1e 4b 5a c5 aa 32
            76 02 1d 29 09 c7 48 29 ed eb c6 8d b8 b8 c2 5e
            """)
        let expected = hex("""
            a4 1f 85 9c 66 08 cc 99 3b 81 ca cb 02 0c ef 05
            04 4b 21 81 a2 fd 33 7d fd 7b 1c 63 96 68 2f 29
            b4 39 31 68 e3 c9 e6 bc fe 6b c5 b7 a0 6d 96 ba
            e4 24 cc 10 2c 91 74 5c 24 ad 67 3d c7 61 8f 81
            """)
        XCTAssertEqual(block.count, 64)
        block.withUnsafeMutableBytes { salsa20_8Core($0.baseAddress!) }
        XCTAssertEqual(block, expected)
    }

    // The diagonal layout is a permutation of the sixteen words and its inverse.
    func testDiagonalLayoutRoundTrip() {
        var block = (0..<64).map { UInt8($0) }
        block.withUnsafeMutableBytes { salsa20ToDiagonal($0.baseAddress!, blocks: 1) }
        // Storage word 1 holds Salsa20 word 5, storage word 4 holds word 4, word 7 holds word 3.
        XCTAssertEqual(Array(block[4..<8]), [20, 21, 22, 23])
        XCTAssertEqual(Array(block[16..<20]), [16, 17, 18, 19])
        XCTAssertEqual(Array(block[28..<32]), [12, 13, 14, 15])
        block.withUnsafeMutableBytes { salsa20FromDiagonal($0.baseAddress!, blocks: 1) }
        XCTAssertEqual(block, (0..<64).map { UInt8($0) })
    }

    /// RFC 7914 §9 and §10 input: B[0] || B[1] (r = 1).
    private var rfcBlockMixInput: [UInt8] {
        hex("""
            f7 ce 0b 65 3d 2d 72 a4 10 8c f5 ab e9 12 ff dd
            77 76 16 db bb 27 a7 0e 82 04 f3 ae 2d 0f 6f ad
            89 f6 8f 48 11 d1 e8 7b cc 3b d7 40 0a 9f fd 29
            09 4f 01 84 63 95 74 f3 9a e5 a1 31 52 17 bc d7
            89 49 91 44 72 13 bb 22 6c 25 b5 4d a8 63 70 fb
            cd 98 43 80 37 46 66 bb 8f fc b5 bf 40 c2 54 b0
            67 d2 7c 51 ce 4a d5 fe d8 29 c9 0b 50 5a 57 1b
            7f 4d 1c ad 6a 52 3c da 77 0e 67 bc ea af 7e 89
            """)
    }

    // RFC 7914 §9, "Test Vectors for scryptBlockMix" (r = 1).
    func testBlockMixRFC7914Section9() {
        let input = rfcBlockMixInput
        let expected = hex("""
            a4 1f 85 9c 66 08 cc 99 3b 81 ca cb 02 0c ef 05
            04 4b 21 81 a2 fd 33 7d fd 7b 1c 63 96 68 2f 29
            b4 39 31 68 e3 c9 e6 bc fe 6b c5 b7 a0 6d 96 ba
            e4 24 cc 10 2c 91 74 5c 24 ad 67 3d c7 61 8f 81
            20 ed c9 75 32 38 81 a8 05 40 f6 4c 16 2d cd 3c
            21 07 7c fe 5f 8d 5f e2 b1 a4 16 8f 95 36 78 b7
            7d 3b 3d 80 3b 60 e4 ab 92 09 96 e5 9b 4d 53 b6
            5d 2a 22 58 77 d5 ed f5 84 2c b9 f1 4e ef e4 25
            """)
        var output = [UInt8](repeating: 0, count: 128)
        input.withUnsafeBytes { i in
            output.withUnsafeMutableBytes { o in scryptBlockMixNaturalOrder(i, o, r: 1) }
        }
        XCTAssertEqual(output, expected)
    }

    // RFC 7914 §10, "Test Vectors for scryptROMix" (r = 1, N = 16).
    func testROMixRFC7914Section10() {
        var lane = rfcBlockMixInput
        let expected = hex("""
            79 cc c1 93 62 9d eb ca 04 7f 0b 70 60 4b f6 b6
            2c e3 dd 4a 96 26 e3 55 fa fc 61 98 e6 ea 2b 46
            d5 84 13 67 3b 99 b0 29 d6 65 c3 57 60 1f b4 26
            a0 b2 f4 bb a2 00 ee 9f 0a 43 d1 9b 57 1a 9c 71
            ef 11 42 e6 5d 5a 26 6f dd ca 83 2c e5 9f aa 7c
            ac 0b 9c f1 be 2b ff ca 30 0d 01 ee 38 76 19 c4
            ae 12 fd 44 38 f2 03 a0 e4 e1 c4 7e c3 14 86 1f
            4e 90 87 cb 33 39 6a 68 73 e8 f9 d2 53 9a 4b 8e
            """)
        lane.withUnsafeMutableBytes { scryptROMixNaturalOrder($0, r: 1, n: 16) }
        XCTAssertEqual(lane, expected)
    }
}
