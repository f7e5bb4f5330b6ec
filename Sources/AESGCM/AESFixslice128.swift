// AESFixslice128: eight AES blocks at once, bitsliced into eight 128-bit planes, for SSE2.
//
// What: the AES state of 8 blocks (128 bytes) held as 8 "planes" P0...P7 of 128 bits
// (`SIMD4<UInt32>`, one xmm register each). Plane j holds bit j (j = 0 is the least significant
// bit) of every byte of every block. Inside a plane, byte k (k = 4c + r, the FIPS-197 byte order:
// column c, row r) holds that bit for blocks 0...7, block b at bit b. So dword c of a plane is
// column c of the state and byte r inside it is row r.
//
// Why this layout: it is what eight plain 16-byte loads give after an 8x8 bit transpose inside
// every byte position (`transpose`, three layers of swap-moves as in Käsper–Schwabe 2009 and
// BearSSL's aes_ct64 "ortho"), and the transpose is its own inverse. MixColumns needs "the byte
// one row down, maybe some columns over": a row move is a 32-bit lane rotate by 8·k bits and a
// column move is one `pshufd` (or `pshuflw`/`pshufhw` for rows + 2).
//
// Fixslicing (Adomnicai–Peyrin, "Fixslicing AES-like ciphers", eprint 2020/1123, §3): ShiftRows
// is never applied to the state. After i rounds the state is SR^-i of the true one, so round i
// uses MixColumns conjugated by SR^i (see AESFixslice128+Rounds.swift) and round keys stored
// pre-permuted by SR^-i (AESFixslice128+KeySchedule.swift); one SR^(Nr mod 4) fix-up at the end.
// This layout is ours: 8 blocks per 128-bit lane instead of RustCrypto/BearSSL's 4 per UInt64,
// because SSE2 has 16 xmm registers doing 128-bit logic at 3 per cycle, while every bitsliced op
// costs the same count of instructions whatever the width.
//
// Constant time: only `^ & |`, constant shifts and constant shuffles on secret planes; no
// branch, no index derived from key or data.

/// A bit-plane type the S-box circuit runs on: XOR and AND are all it uses.
protocol AESBitPlane {
    static func ^ (a: Self, b: Self) -> Self
    static func & (a: Self, b: Self) -> Self
}

extension AESPlane: AESBitPlane {}
/// Four bytes, one plane per bit: the key schedule's SubWord.
extension UInt32: AESBitPlane {}

/// Eight bit-planes: p<j> holds bit j (p0 the least significant) of every byte.
struct AESBitSlices<Plane: AESBitPlane> {
    var p0: Plane, p1: Plane, p2: Plane, p3: Plane
    var p4: Plane, p5: Plane, p6: Plane, p7: Plane
}

/// Namespace of the 8-block, 128-bit-lane fixsliced AES.
enum AESFixslice128 {
    /// Eight AES states (128 bytes) as eight 128-bit planes.
    typealias State = AESBitSlices<AESPlane>

    /// Planes per round key (one per bit).
    static let planesPerRoundKey = 8
}

extension AESBitSlices where Plane == AESPlane {
    /// The 8 blocks at `source` (128 bytes, any alignment), block b in p<b>, then transposed.
    @inline(__always)
    init(loadingBlocksFrom source: UnsafeRawPointer) {
        p0 = source.loadUnaligned(fromByteOffset: 0, as: AESPlane.self)
        p1 = source.loadUnaligned(fromByteOffset: 16, as: AESPlane.self)
        p2 = source.loadUnaligned(fromByteOffset: 32, as: AESPlane.self)
        p3 = source.loadUnaligned(fromByteOffset: 48, as: AESPlane.self)
        p4 = source.loadUnaligned(fromByteOffset: 64, as: AESPlane.self)
        p5 = source.loadUnaligned(fromByteOffset: 80, as: AESPlane.self)
        p6 = source.loadUnaligned(fromByteOffset: 96, as: AESPlane.self)
        p7 = source.loadUnaligned(fromByteOffset: 112, as: AESPlane.self)
        transpose()
    }

    /// Eight copies of one 16-byte block, transposed: each plane byte is 0x00 or 0xFF.
    @inline(__always)
    init(replicating block: AESPlane) {
        p0 = block; p1 = block; p2 = block; p3 = block
        p4 = block; p5 = block; p6 = block; p7 = block
        transpose()
    }

    /// Transposes back and stores the 8 blocks at `destination` (128 bytes, any alignment).
    @inline(__always)
    mutating func storeBlocks(to destination: UnsafeMutableRawPointer) {
        transpose()
        destination.storeBytes(of: p0, toByteOffset: 0, as: AESPlane.self)
        destination.storeBytes(of: p1, toByteOffset: 16, as: AESPlane.self)
        destination.storeBytes(of: p2, toByteOffset: 32, as: AESPlane.self)
        destination.storeBytes(of: p3, toByteOffset: 48, as: AESPlane.self)
        destination.storeBytes(of: p4, toByteOffset: 64, as: AESPlane.self)
        destination.storeBytes(of: p5, toByteOffset: 80, as: AESPlane.self)
        destination.storeBytes(of: p6, toByteOffset: 96, as: AESPlane.self)
        destination.storeBytes(of: p7, toByteOffset: 112, as: AESPlane.self)
    }

    /// Transposes back, XORs the 8 blocks at `source` and stores them at `destination` (128
    /// bytes each, any alignment; they may be the same memory).
    @inline(__always)
    mutating func storeBlocks(xoring source: UnsafeRawPointer, to destination: UnsafeMutableRawPointer) {
        transpose()
        @inline(__always) func put(_ p: AESPlane, _ at: Int) {
            let x = AESPlane(source.loadUnaligned(fromByteOffset: at, as: SIMD4<UInt32>.self))
            destination.storeBytes(of: (p ^ x).lanes, toByteOffset: at, as: SIMD4<UInt32>.self)
        }
        put(p0, 0); put(p1, 16); put(p2, 32); put(p3, 48)
        put(p4, 64); put(p5, 80); put(p6, 96); put(p7, 112)
    }

    /// The 8x8 bit transpose inside every byte position: bit b of byte k of register j goes to
    /// bit j of byte k of register b. Its own inverse.
    @inline(__always)
    mutating func transpose() {
        let m1 = AESPlane(repeating: 0x5555_5555)
        let m2 = AESPlane(repeating: 0x3333_3333)
        let m4 = AESPlane(repeating: 0x0F0F_0F0F)
        swapMove(&p0, &p1, 1, m1); swapMove(&p2, &p3, 1, m1)
        swapMove(&p4, &p5, 1, m1); swapMove(&p6, &p7, 1, m1)
        swapMove(&p0, &p2, 2, m2); swapMove(&p1, &p3, 2, m2)
        swapMove(&p4, &p6, 2, m2); swapMove(&p5, &p7, 2, m2)
        swapMove(&p0, &p4, 4, m4); swapMove(&p1, &p5, 4, m4)
        swapMove(&p2, &p6, 4, m4); swapMove(&p3, &p7, 4, m4)
    }

    /// XORs the 8 planes at `key` (one round key) into the state.
    @inline(__always)
    mutating func addRoundKey(_ key: UnsafePointer<AESPlane>) {
        p0 ^= key[0]; p1 ^= key[1]; p2 ^= key[2]; p3 ^= key[3]
        p4 ^= key[4]; p5 ^= key[5]; p6 ^= key[6]; p7 ^= key[7]
    }
}

/// Exchanges the bits of `a` at positions `p + shift` with those of `b` at `p`, for the `p` set
/// in `mask` (a "swap-move").
@inline(__always)
private func swapMove(_ a: inout AESPlane, _ b: inout AESPlane, _ shift: UInt32, _ mask: AESPlane) {
    let t = ((a &>> shift) ^ b) & mask
    b ^= t
    a ^= t &<< shift
}
