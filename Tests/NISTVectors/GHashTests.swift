// GHASH alone, on every backend: the McGrew–Viega test cases with their hash subkeys and
// GHASH(H, A, C) values, the GHASH(H, {}, IV) of the long-IV cases, and a random differential
// test against SP 800-38D Algorithm 1 written out bit by bit below.
//
// Source of the vectors: D. McGrew, J. Viega, "The Galois/Counter Mode of Operation (GCM)",
// revised submission to NIST (gcm-revised-spec.pdf, May 2005), Appendix B "AES Test Vectors",
// test cases 1–18: H, A, C, len(A)||len(C) and GHASH(H, A, C); for cases 5, 6, 11, 12, 17, 18
// also Y0 = GHASH(H, {}, IV).

import Tessera
import TesseraAESGCM
import XCTest

/// Every GHASH backend, by name.
let ghashBackends: [(name: String, type: any GHashKey.Type)] = [
    ("table", GHashShoupTable.self),
    ("ct", GHashCTMul64.self),
]

/// GHASH(H, A, C) of SP 800-38D §7.1 (A and C zero-padded, then len(A) || len(C) in bits).
func ghash(_ key: any GHashKey, _ a: [UInt8], _ c: [UInt8]) -> [UInt8] {
    var y = GHashState()
    a.withUnsafeBytes { key.absorb(&y, $0.baseAddress ?? UnsafeRawPointer(bitPattern: 16)!, count: $0.count) }
    c.withUnsafeBytes { key.absorb(&y, $0.baseAddress ?? UnsafeRawPointer(bitPattern: 16)!, count: $0.count) }
    var lengths = [UInt8](repeating: 0, count: 16)
    lengths.withUnsafeMutableBytes {
        $0.baseAddress!.store64BE(UInt64(a.count) * 8, 0)
        $0.baseAddress!.store64BE(UInt64(c.count) * 8, 8)
    }
    lengths.withUnsafeBytes { key.absorb(&y, $0.baseAddress!, count: 16) }
    var out = [UInt8](repeating: 0, count: 16)
    out.withUnsafeMutableBytes { y.store(into: $0.baseAddress!) }
    return out
}

/// A backend's key for the 16-byte `h`.
func ghashKey(_ type: any GHashKey.Type, _ h: [UInt8]) -> any GHashKey {
    precondition(h.count == 16)
    return h.withUnsafeBytes { type.init(h: $0.baseAddress!) }
}

/// SP 800-38D Algorithm 1, bit by bit: X * Y in GF(2^128).
func referenceMultiply(_ x: [UInt8], _ y: [UInt8]) -> [UInt8] {
    var z = [UInt8](repeating: 0, count: 16)
    var v = x
    for i in 0..<128 {
        if (y[i / 8] >> (7 - i % 8)) & 1 == 1 {
            for j in 0..<16 { z[j] ^= v[j] }
        }
        let lsb = v[15] & 1
        for j in stride(from: 15, to: 0, by: -1) { v[j] = (v[j] >> 1) | (v[j - 1] << 7) }
        v[0] >>= 1
        if lsb == 1 { v[0] ^= 0xE1 }  // R = 11100001 || 0^120
    }
    return z
}

/// GHASH of `data` (zero-padded to whole blocks) from `y`, with Algorithm 1.
func referenceAbsorb(_ y: [UInt8], _ h: [UInt8], _ data: [UInt8]) -> [UInt8] {
    var y = y
    var offset = 0
    while offset < data.count {
        var block = [UInt8](repeating: 0, count: 16)
        for i in 0..<min(16, data.count - offset) { block[i] = data[offset + i] }
        for i in 0..<16 { y[i] ^= block[i] }
        y = referenceMultiply(y, h)
        offset += 16
    }
    return y
}

final class GHashTests: XCTestCase {
    struct Case {
        let name: String
        let h: String
        let a: String
        let c: String
        let ghash: String
    }

    // Shared inputs of the spec's cases (hex, spaces only for reading).
    static let aad = "feedfacedeadbeeffeedfacedeadbeef abaddad2"
    static let c3 = """
        42831ec2217774244b7221b784d0d49c e3aa212f2c02a4e035c17e2329aca12e \
        21d514b25466931c7d8f6a5aac84aa05 1ba30b396a0aac973d58e091473f5985
        """
    static let c9 = """
        3980ca0b3c00e841eb06fac4872a2757 859e1ceaa6efd984628593b40ca1e19c \
        7d773d00c144c525ac619d18c84a3f47 18e2448b2fe324d9ccda2710acade256
        """
    static let c15 = """
        522dc1f099567d07f47f37a32a84427d 643a8cdcbfe5c0c97598a2bd2555d1aa \
        8cb08e48590dbb3da7b08b1056828838 c5f61e6393ba7a0abcc9f662898015ad
        """
    static let ivLong = """
        9313225df88406e555909c5aff5269aa 6a7a9538534f7da1e4c303d2a318a728 \
        c3c0c95156809539fcf0e2429a6b5254 16aedbf5a0de6a57a637b39b
        """
    static let h128a = "66e94bd4ef8a2c3b884cfa59ca342b2e"
    static let h128b = "b83b533708bf535d0aa6e52980d53b78"
    static let h192a = "aae06992acbf52a3e8f4a96ec9300bd7"
    static let h192b = "466923ec9ae682214f2c082badb39249"
    static let h256a = "dc95c078a2408989ad48a21492842087"
    static let h256b = "acbef20579b4b8ebce889bac8732dad7"

    /// Prefix of the first 60 bytes (cases 4–6 etc. drop the last 4 bytes of the 64-byte text).
    static func first60(_ hex: String) -> String { String(hex.filter { $0 != " " }.prefix(120)) }

    static let cases: [Case] = [
        // AES-128
        Case(name: "1", h: h128a, a: "", c: "", ghash: "00000000000000000000000000000000"),
        Case(name: "2", h: h128a, a: "", c: "0388dace60b6a392f328c2b971b2fe78",
             ghash: "f38cbb1ad69223dcc3457ae5b6b0f885"),
        Case(name: "3", h: h128b, a: "", c: c3, ghash: "7f1b32b81b820d02614f8895ac1d4eac"),
        Case(name: "4", h: h128b, a: aad, c: first60(c3), ghash: "698e57f70e6ecc7fd9463b7260a9ae5f"),
        Case(name: "5", h: h128b, a: aad, c: """
            61353b4c2806934a777ff51fa22a4755 699b2a714fcdc6f83766e5f97b6c7423 \
            73806900e49f24b22b097544d4896b42 4989b5e1ebac0f07c23f4598
            """, ghash: "df586bb4c249b92cb6922877e444d37b"),
        Case(name: "6", h: h128b, a: aad, c: """
            8ce24998625615b603a033aca13fb894 be9112a5c3a211a8ba262a3cca7e2ca7 \
            01e4a9a4fba43c90ccdcb281d48c7c6f d62875d2aca417034c34aee5
            """, ghash: "1c5afe9760d3932f3c9a878aac3dc3de"),
        // AES-192
        Case(name: "7", h: h192a, a: "", c: "", ghash: "00000000000000000000000000000000"),
        Case(name: "8", h: h192a, a: "", c: "98e7247c07f0fe411c267e4384b0f600",
             ghash: "e2c63f0ac44ad0e02efa05ab6743d4ce"),
        Case(name: "9", h: h192b, a: "", c: c9, ghash: "51110d40f6c8fff0eb1ae33445a889f0"),
        Case(name: "10", h: h192b, a: aad, c: first60(c9), ghash: "ed2ce3062e4a8ec06db8b4c490e8a268"),
        Case(name: "11", h: h192b, a: aad, c: """
            0f10f599ae14a154ed24b36e25324db8 c566632ef2bbb34f8347280fc4507057 \
            fddc29df9a471f75c66541d4d4dad1c9 e93a19a58e8b473fa0f062f7
            """, ghash: "1e6a133806607858ee80eaf237064089"),
        Case(name: "12", h: h192b, a: aad, c: """
            d27e88681ce3243c4830165a8fdcf9ff 1de9a1d8e6b447ef6ef7b79828666e45 \
            81e79012af34ddd9e2f037589b292db3 e67c036745fa22e7e9b7373b
            """, ghash: "82567fb0b4cc371801eadec005968e94"),
        // AES-256
        Case(name: "13", h: h256a, a: "", c: "", ghash: "00000000000000000000000000000000"),
        Case(name: "14", h: h256a, a: "", c: "cea7403d4d606b6e074ec5d3baf39d18",
             ghash: "83de425c5edc5d498f382c441041ca92"),
        Case(name: "15", h: h256b, a: "", c: c15, ghash: "4db870d37cb75fcb46097c36230d1612"),
        Case(name: "16", h: h256b, a: aad, c: first60(c15), ghash: "8bd0c4d8aacd391e67cca447e8c38f65"),
        Case(name: "17", h: h256b, a: aad, c: """
            c3762df1ca787d32ae47c13bf19844cb af1ae14d0b976afac52ff7d79bba9de0 \
            feb582d33934a4f0954cc2363bc73f78 62ac430e64abe499f47c9b1f
            """, ghash: "75a34288b8c68f811c52b2e9a2f97f63"),
        Case(name: "18", h: h256b, a: aad, c: """
            5a8def2f0c9e53f1f75d7853659e2a20 eeb2b22aafde6419a058ab4f6f746bf4 \
            0fc0c3b780f244452da3ebf1c5d82cde a2418997200ef82e44ae7e3f
            """, ghash: "d5ffcf6fc5ac4d69722187421a7f170b"),
        // Y0 = GHASH(H, {}, IV) of the cases whose IV is not 96 bits.
        Case(name: "5 Y0", h: h128b, a: "", c: "cafebabefacedbad", ghash: "c43a83c4c4badec4354ca984db252f7d"),
        Case(name: "6 Y0", h: h128b, a: "", c: ivLong, ghash: "3bab75780a31c059f83d2a44752f9864"),
        Case(name: "11 Y0", h: h192b, a: "", c: "cafebabefacedbad", ghash: "a14378078d27258a6292737e1802ada5"),
        Case(name: "12 Y0", h: h192b, a: "", c: ivLong, ghash: "4505cdc367a054c5002820e96aebef27"),
        Case(name: "17 Y0", h: h256b, a: "", c: "cafebabefacedbad", ghash: "0095df49dd90abe3e4d252475748f5d4"),
        Case(name: "18 Y0", h: h256b, a: "", c: ivLong, ghash: "0cd953e2140a5976079f8e2406bc8eb4"),
    ]

    static func bytes(_ hex: String) -> [UInt8] {
        guard let b = bytesFromHex(hex.filter { !$0.isWhitespace }) else { fatalError("bad hex in \(hex)") }
        return b
    }

    func testMcGrewViegaCasesOnEveryBackend() {
        var ran = 0
        for backend in ghashBackends {
            for tc in Self.cases {
                let key = ghashKey(backend.type, Self.bytes(tc.h))
                let got = ghash(key, Self.bytes(tc.a), Self.bytes(tc.c))
                XCTAssertEqual(hexString(got), tc.ghash, "case \(tc.name), backend \(backend.name)")
                ran += 1
            }
        }
        // The reference multiply must agree with the spec too (else the differential test is moot).
        for tc in Self.cases {
            let h = Self.bytes(tc.h)
            var y = referenceAbsorb([UInt8](repeating: 0, count: 16), h, Self.bytes(tc.a))
            y = referenceAbsorb(y, h, Self.bytes(tc.c))
            var lengths = [UInt8](repeating: 0, count: 16)
            for i in 0..<8 {
                lengths[7 - i] = UInt8(truncatingIfNeeded: (Self.bytes(tc.a).count * 8) >> (8 * i))
                lengths[15 - i] = UInt8(truncatingIfNeeded: (Self.bytes(tc.c).count * 8) >> (8 * i))
            }
            y = referenceAbsorb(y, h, lengths)
            XCTAssertEqual(hexString(y), tc.ghash, "case \(tc.name), reference")
        }
        print("GHASH McGrew–Viega: \(Self.cases.count) cases × \(ghashBackends.count) backends = \(ran) runs")
        XCTAssertEqual(Self.cases.count, 24)
        XCTAssertGreaterThan(ran, 0)
    }

    /// Random H, data of every length 0...300 and random whole-block split points: every backend
    /// equals Algorithm 1, and absorbing in pieces equals one call.
    func testRandomDifferentialAgainstReference() {
        var rng = SystemRandomNumberGenerator()
        var ran = 0
        for length in 0...300 {
            let h = (0..<16).map { _ in UInt8.random(in: 0...255, using: &rng) }
            let y0 = (0..<16).map { _ in UInt8.random(in: 0...255, using: &rng) }
            let data = (0..<length).map { _ in UInt8.random(in: 0...255, using: &rng) }
            let expected = referenceAbsorb(y0, h, data)
            for backend in ghashBackends {
                let key = ghashKey(backend.type, h)
                // One call.
                var y = GHashState()
                y0.withUnsafeBytes { y.hi = $0.baseAddress!.load64BE(0); y.lo = $0.baseAddress!.load64BE(8) }
                let start = y
                data.withUnsafeBytes { key.absorb(&y, $0.baseAddress ?? UnsafeRawPointer(bitPattern: 16)!, count: length) }
                XCTAssertEqual(hexString(bytes(of: y)), hexString(expected), "length \(length), \(backend.name)")
                // Pieces of whole blocks (the last piece takes the partial block).
                var z = start
                var offset = 0
                data.withUnsafeBytes { buf in
                    while offset < length {
                        let blocks = Int.random(in: 0...((length - offset + 15) / 16), using: &rng)
                        let take = min(blocks * 16, length - offset)
                        key.absorb(&z, buf.baseAddress! + offset, count: take)
                        offset += take
                    }
                }
                XCTAssertEqual(z.hi, y.hi, "split, length \(length), \(backend.name)")
                XCTAssertEqual(z.lo, y.lo, "split, length \(length), \(backend.name)")
                ran += 1
            }
        }
        print("GHASH differential: \(ran) random cases (lengths 0...300 × \(ghashBackends.count) backends)")
        XCTAssertGreaterThan(ran, 0)
    }

    /// H with extreme bit patterns (0, 1, x^127, all ones, single bits) on a few blocks. The
    /// all-ones data block first, under H = x * (all ones) (so that H / x, the constant-time
    /// backend's operand, is all ones), is the case where the most partial products meet.
    func testEdgeSubkeys() {
        var subkeys: [[UInt8]] = [
            [UInt8](repeating: 0, count: 16), [UInt8](repeating: 0xFF, count: 16),
            Self.bytes("9effffffffffffffffffffffffffffff"),
        ]
        for bit in [0, 1, 7, 8, 63, 64, 120, 126, 127] {
            var h = [UInt8](repeating: 0, count: 16)
            h[bit / 8] = 0x80 >> (bit % 8)
            subkeys.append(h)
        }
        let data = [UInt8](repeating: 0xFF, count: 48) + (0..<80).map { UInt8(truncatingIfNeeded: $0 &* 37 &+ 11) }
        var ran = 0
        for h in subkeys {
            let expected = referenceAbsorb([UInt8](repeating: 0, count: 16), h, data)
            for backend in ghashBackends {
                let key = ghashKey(backend.type, h)
                var y = GHashState()
                data.withUnsafeBytes { key.absorb(&y, $0.baseAddress!, count: $0.count) }
                XCTAssertEqual(hexString(bytes(of: y)), hexString(expected), "H \(hexString(h)), \(backend.name)")
                ran += 1
            }
        }
        print("GHASH edge subkeys: \(ran) cases")
        XCTAssertGreaterThan(ran, 0)
    }

    /// Data at every misalignment 1...15 (GCM's inputs can sit anywhere in a Data or slice).
    func testUnalignedInput() {
        let h = (0..<16).map { UInt8(truncatingIfNeeded: $0 &* 29 &+ 7) }
        let data = (0..<200).map { UInt8(truncatingIfNeeded: $0 &* 53 &+ 1) }
        let expected = referenceAbsorb([UInt8](repeating: 0, count: 16), h, data)
        var ran = 0
        for backend in ghashBackends {
            let key = ghashKey(backend.type, h)
            for offset in 1...15 {
                let shifted = [UInt8](repeating: 0xA5, count: offset) + data
                var y = GHashState()
                shifted.withUnsafeBytes { key.absorb(&y, $0.baseAddress! + offset, count: data.count) }
                XCTAssertEqual(hexString(bytes(of: y)), hexString(expected), "offset \(offset), \(backend.name)")
                ran += 1
            }
        }
        print("GHASH unaligned input: \(ran) cases")
        XCTAssertGreaterThan(ran, 0)
    }

    func testBackendSelection() {
        XCTAssertEqual(GHashBackend.parse("ct"), .constantTime)
        XCTAssertEqual(GHashBackend.parse("table"), .table)
        XCTAssertEqual(GHashBackend.parse(nil), .table)
        XCTAssertEqual(GHashBackend.parse("CT"), .table)
        XCTAssertEqual(GHashBackend.parse(""), .table)
        XCTAssertTrue(GHashCTMul64.isConstantTime)
        XCTAssertFalse(GHashShoupTable.isConstantTime)
        XCTAssertTrue(GHashBackend.constantTime.isConstantTime)
        XCTAssertFalse(GHashBackend.table.isConstantTime)
    }

    private func bytes(of y: GHashState) -> [UInt8] {
        var out = [UInt8](repeating: 0, count: 16)
        out.withUnsafeMutableBytes { y.store(into: $0.baseAddress!) }
        return out
    }
}
