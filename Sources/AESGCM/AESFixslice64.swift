// AESFixslice64: four AES blocks at once, bitsliced into eight UInt64 planes in general-purpose
// registers, for short messages (a 16-byte GCM seal needs 2 blocks: E(K, J0) and one counter).
//
// What: plane j holds bit j of every byte of 4 blocks. Bit 16r + 4c + b of a plane is byte
// (row r, column c) of block b (FIPS-197 byte index 4c + r): a 16-bit group per row, a nibble
// per column, a bit per block. Row moves are then one 64-bit rotate (rows + 1 is a right rotate
// by 16), and a column move is a rotate of each 16-bit group, two 64-bit rotates and a masked
// merge (b ^ ((a ^ b) & m)). The rounds, fixslicing and the MixColumns factoring are those of
// AESFixslice128 (see AESFixslice128+Rounds.swift; eprint 2020/1123 §3.1); the S-box is the same
// Boyar–Peralta circuit (AESFixslice128+SBox.swift), specialised to UInt64.
// Load: per block, bytes are interleaved as [0, 8, 1, 9, ..., 7, 15] (one punpcklbw), which puts
// columns 0/2 in one word and 1/3 in the other, row-major with the column's high bit in bit 0 of
// the byte index; the 8x8 bit transpose of AESFixslice128 (byte index m = 2r + (c >> 1), word
// t = 4 (c & 1) + b) then yields exactly the layout above. Both steps are their own inverse up to
// the byte de-interleave on store.
// Why: an 8-block SSE2 pass costs the same whatever the block count (~4,000 instructions for
// AES-256, ~87 cycles per round on 3 vector ALUs). Here a round is ~200 scalar ops that the
// integer ports (4-5 per cycle on this core, native rotates) run in fewer cycles, so a 16- to
// 48-byte GCM message takes this pass instead (see AESCTR32.swift). RustCrypto's
// `aes/src/soft/fixslice64.rs` uses 4 blocks per UInt64 too, with another bit order; the layout
// here is ours, chosen so that the round keys come straight from the 128-bit schedule.
// Measured (16-byte AES-256-GCM seal, reused key): the 4-block pass runs ~4,700 instructions
// under callgrind, more than the 8-block SSE2 pass's ~4,300, yet the seal is ~10% faster in
// wall time (benchmarks "seal 16 B", the two builds alternated: 20.6/20.8 vs 17.9/19.2 MB/s on a
// loaded machine; 0.57 vs 0.62 us per seal in a quiet loop): the integer ports retire more per
// cycle. Disassembly of `encrypt` (swift 6.3.1 -O, objdump): 4 unrolled rounds of xor/and/rol/
// mov with ~80 stack spills per round (16 GPRs for 8 planes and the S-box's temporaries; writing
// MixColumns plane by plane did not change LLVM's schedule), no call, retain, trap or
// swift_beginAccess; the only branches test the public round count.
// Constant time: only `^ & |`, constant shifts and rotates on secret planes; no branch or index
// derived from key or data (CTCheck "aes" under memcheck covers this pass).

/// UInt64 planes run the shared S-box circuit.
extension UInt64: AESBitPlane {}

/// Namespace of the 4-block, 64-bit fixsliced AES.
enum AESFixslice64 {
    /// Four AES states (64 bytes) as eight 64-bit planes.
    typealias State = AESBitSlices<UInt64>

    /// Round-key words for any key size: 15 round keys of 8 planes.
    static let roundKeyCapacity = 15 * 8

    /// Bytes [0, 8, 1, 9, ..., 7, 15] of a block, as (low word, high word): columns 0 and 2,
    /// then columns 1 and 3, each byte index m = 2r + (c >> 1).
    @inline(__always)
    static func interleave(_ v: SIMD16<UInt8>) -> (UInt64, UInt64) {
        let w = SIMD16<UInt8>(v[0], v[8], v[1], v[9], v[2], v[10], v[3], v[11],
                              v[4], v[12], v[5], v[13], v[6], v[14], v[7], v[15])
        let q = unsafeBitCast(w, to: SIMD2<UInt64>.self)
        return (q[0], q[1])
    }

    /// The inverse of ``interleave(_:)``.
    @inline(__always)
    static func deinterleave(_ lo: UInt64, _ hi: UInt64) -> SIMD16<UInt8> {
        let u = unsafeBitCast(SIMD2<UInt64>(lo, hi), to: SIMD16<UInt8>.self)
        return SIMD16<UInt8>(u[0], u[2], u[4], u[6], u[8], u[10], u[12], u[14],
                             u[1], u[3], u[5], u[7], u[9], u[11], u[13], u[15])
    }

    /// Writes one round key (`block`: the 16 stored key bytes of AESFixslice128's schedule,
    /// already moved by SR^-k and carrying the 0x63 fix) as 8 planes at `out`: every block's
    /// bit of a byte equals that key bit, so a plane's nibble is 0x0 or 0xF.
    static func storeRoundKey(_ block: AESPlane, into out: UnsafeMutablePointer<UInt64>) {
        let (w0, w1) = interleave(unsafeBitCast(block.lanes, to: SIMD16<UInt8>.self))
        let ones: UInt64 = 0x0101_0101_0101_0101
        for j in 0..<8 {
            let b0 = (w0 &>> UInt64(j)) & ones  // blocks 0-3 of columns 0/2: bits 0-3
            let b1 = (w1 &>> UInt64(j)) & ones  // columns 1/3: bits 4-7
            out[j] = (b0 &* 0x0F) | (b1 &* 0xF0)
        }
    }
}

extension AESBitSlices where Plane == UInt64 {
    /// The 4 blocks at `source` (64 bytes, any alignment), transposed into planes.
    @inline(__always)
    init(loading4BlocksFrom source: UnsafeRawPointer) {
        @inline(__always) func words(_ b: Int) -> (UInt64, UInt64) {
            AESFixslice64.interleave(source.loadUnaligned(fromByteOffset: 16 &* b, as: SIMD16<UInt8>.self))
        }
        (p0, p4) = words(0)
        (p1, p5) = words(1)
        (p2, p6) = words(2)
        (p3, p7) = words(3)
        transpose()
    }

    /// Transposes back and stores the 4 blocks at `destination` (64 bytes, any alignment).
    @inline(__always)
    mutating func store4Blocks(to destination: UnsafeMutableRawPointer) {
        transpose()
        destination.storeBytes(of: AESFixslice64.deinterleave(p0, p4), toByteOffset: 0, as: SIMD16<UInt8>.self)
        destination.storeBytes(of: AESFixslice64.deinterleave(p1, p5), toByteOffset: 16, as: SIMD16<UInt8>.self)
        destination.storeBytes(of: AESFixslice64.deinterleave(p2, p6), toByteOffset: 32, as: SIMD16<UInt8>.self)
        destination.storeBytes(of: AESFixslice64.deinterleave(p3, p7), toByteOffset: 48, as: SIMD16<UInt8>.self)
    }

    /// The 8x8 bit transpose inside every byte position (as AESFixslice128's); its own inverse.
    @inline(__always)
    mutating func transpose() {
        let m1: UInt64 = 0x5555_5555_5555_5555
        let m2: UInt64 = 0x3333_3333_3333_3333
        let m4: UInt64 = 0x0F0F_0F0F_0F0F_0F0F
        swapMove64(&p0, &p1, 1, m1); swapMove64(&p2, &p3, 1, m1)
        swapMove64(&p4, &p5, 1, m1); swapMove64(&p6, &p7, 1, m1)
        swapMove64(&p0, &p2, 2, m2); swapMove64(&p1, &p3, 2, m2)
        swapMove64(&p4, &p6, 2, m2); swapMove64(&p5, &p7, 2, m2)
        swapMove64(&p0, &p4, 4, m4); swapMove64(&p1, &p5, 4, m4)
        swapMove64(&p2, &p6, 4, m4); swapMove64(&p3, &p7, 4, m4)
    }

    /// XORs the 8 planes at `key` (one round key) into the state.
    @inline(__always)
    mutating func addRoundKey(_ key: UnsafePointer<UInt64>) {
        p0 ^= key[0]; p1 ^= key[1]; p2 ^= key[2]; p3 ^= key[3]
        p4 ^= key[4]; p5 ^= key[5]; p6 ^= key[6]; p7 ^= key[7]
    }

    /// MC_i (i = round mod 4, a constant after inlining), as AESFixslice128's `mixColumns`:
    /// B = rho(1, i)(T), C = T ^ B, T' = xtime(C) ^ B ^ rho(2, 2i)(C). Written plane by plane
    /// (c7 first, then 0...7), so that only c7 and the previous c are kept besides the state:
    /// with 16 general registers, computing all of B and C first spilled most of them.
    @inline(__always)
    mutating func mixColumns(_ i: Int) {
        let c7 = p7 ^ rho1(p7, i)
        // xtime(C): plane j takes c(j-1), plus c7 in 0, 1, 3, 4.
        @inline(__always) func step(_ p: inout UInt64, _ extra: UInt64) -> UInt64 {
            let b = rho1(p, i)
            let c = p ^ b
            p = b ^ rho2(c, i) ^ extra
            return c
        }
        let c0 = step(&p0, c7)
        let c1 = step(&p1, c0 ^ c7)
        let c2 = step(&p2, c1)
        let c3 = step(&p3, c2 ^ c7)
        let c4 = step(&p4, c3 ^ c7)
        let c5 = step(&p5, c4)
        let c6 = step(&p6, c5)
        p7 = (p7 ^ c7) ^ rho2(c7, i) ^ c6  // b7 = p7 ^ c7
    }

    /// One full round with MixColumns variant `i`: SubBytes, MC_i, AddRoundKey.
    @inline(__always)
    mutating func round(_ i: Int, _ key: UnsafePointer<UInt64>) {
        subBytesMinus63()
        mixColumns(i)
        addRoundKey(key)
    }

    /// SR^2: rows 1 and 3 (16-bit groups 1 and 3) swap their column halves (bytes).
    @inline(__always)
    mutating func shiftRowsTwice() {
        @inline(__always) func fix(_ x: inout UInt64) {
            let t = ((x &>> 8) ^ x) & 0x00FF_0000_00FF_0000
            x ^= t ^ (t &<< 8)
        }
        fix(&p0); fix(&p1); fix(&p2); fix(&p3); fix(&p4); fix(&p5); fix(&p6); fix(&p7)
    }
}

/// x rotated right by the constant `k` (0 < k < 64): one `ror`.
@inline(__always)
private func ror(_ x: UInt64, _ k: UInt64) -> UInt64 {
    (x &>> k) | (x &<< (64 &- k))
}

/// rho(1, i): byte (r, c) takes byte (r + 1, c + i). Rows: a rotate by 16. Columns: nibbles
/// c < 4 - i come from 4i bits up in their group (`a`), the others wrap around inside it (`b`).
@inline(__always)
private func rho1(_ x: UInt64, _ i: Int) -> UInt64 {
    switch i {
    case 0: return ror(x, 16)
    case 1: return merge(ror(x, 20), ror(x, 4), 0x0FFF_0FFF_0FFF_0FFF)
    case 2: return merge(ror(x, 24), ror(x, 8), 0x00FF_00FF_00FF_00FF)
    default: return merge(ror(x, 28), ror(x, 12), 0x000F_000F_000F_000F)
    }
}

/// rho(2, 2i): byte (r, c) takes byte (r + 2, c + 2i): rows a rotate by 32, and for odd i
/// columns 0-1 from 8 bits up in their group, 2-3 from 8 bits down.
@inline(__always)
private func rho2(_ x: UInt64, _ i: Int) -> UInt64 {
    i & 1 == 0 ? ror(x, 32) : merge(ror(x, 40), ror(x, 24), 0x00FF_00FF_00FF_00FF)
}

/// `a` where `mask` is set, else `b`.
@inline(__always)
private func merge(_ a: UInt64, _ b: UInt64, _ mask: UInt64) -> UInt64 {
    b ^ ((a ^ b) & mask)
}

/// Swap-move on UInt64 planes (see AESFixslice128's `swapMove`).
@inline(__always)
private func swapMove64(_ a: inout UInt64, _ b: inout UInt64, _ shift: UInt64, _ mask: UInt64) {
    let t = ((a &>> shift) ^ b) & mask
    b ^= t
    a ^= t &<< shift
}

extension AESFixslice64 {
    /// Encrypts the 4 transposed states in `s` (FIPS-197 Cipher, fixsliced), in place.
    ///
    /// - Parameters:
    ///   - roundKeys: `(rounds + 1) * 8` planes from `storeRoundKey`.
    ///   - rounds: 10, 12 or 14 (public: the loop's only branches test it).
    @inline(never)
    static func encrypt(_ s: inout State, roundKeys: UnsafePointer<UInt64>, rounds: Int) {
        s.addRoundKey(roundKeys)
        var key = roundKeys + 8
        var left = rounds &- 1
        while true {
            s.round(1, key); key += 8; left &-= 1
            if left == 0 { break }
            s.round(2, key); key += 8; left &-= 1
            if left == 0 { break }
            s.round(3, key); key += 8; left &-= 1
            if left == 0 { break }
            s.round(0, key); key += 8; left &-= 1
            if left == 0 { break }
        }
        s.subBytesMinus63()
        s.addRoundKey(key)
        if rounds & 3 == 2 { s.shiftRowsTwice() }
    }
}
