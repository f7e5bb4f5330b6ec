// Table GHASH (Shoup's method, 8-bit tables): the default backend. NOT constant-time.
//
// Y * H for Y = sum of its bytes B_i(x) * x^(8i) (byte 0 holds x^0..x^7, its top bit x^0) is
// evaluated by Horner's rule from byte 15 down: Z = Z * x^8 + M[B_i], where M[b] = b(x) * H is a
// per-key table of the 256 multiples of H. Source: V. Shoup, "On fast and provably secure message
// authentication based on universal hashing", CRYPTO '96; McGrew & Viega, "The Galois/Counter
// Mode of Operation", §4.1 (the 8-bit "Shoup's method" row).
//
// Two departures from the textbook loop, both measured (GHASH table 16 KiB in the benchmarks,
// 2.3 GHz Xeon, shared: 303 MB/s textbook, 855 MB/s with (1), 2.3 GB/s with (1) and (2), which
// is 105 instructions per block under callgrind):
// (1) Aggregated powers: four blocks form one Horner chain, Y' = (Y ^ X1) H^4 ^ X2 H^3 ^
//     X3 H^2 ^ X4 H, with four lookups (tables M_4..M_1 for H^4..H, 4 KiB each) per byte position
//     and one shift, so the serial part of the work runs once per four blocks. Two or three
//     blocks left over (a short GCM message's ciphertext and length block) form one chain the
//     same way with H^2..H or H^3..H: 344 instead of 450 instructions for a 16-byte seal's two.
// (2) Deferred reduction: in the reversed representation of GHash.swift, Z * x^8 is a right shift
//     of the 128-bit Z by a byte. Instead of folding the byte that falls off at once (OpenSSL's
//     `rem_8bit` table, a load on the critical path), it moves into a second 128-bit register
//     that collects x^128..x^255; after the 16 bytes that register is folded back once with
//     x^128 = x^7 + x^2 + x + 1 (shifts, as in GHashCTMul64). Z lives in an SSE2 register as the
//     little-endian 128-bit integer hi:lo (lanes [lo, hi]), so the shift is one `psrldq` and each
//     lookup one aligned `pxor` from a 16-byte table entry (objdump: no calls, retains or traps
//     in `absorb`).
//
// - Important: timing. The tables are indexed by bytes of Y xor X, data mixed with secret
//   products of H. On hardware shared with an attacker (the same core or cache: SMT siblings,
//   co-tenant VMs, SGX/TEE neighbours, browser JavaScript) the cache lines touched can leak H and
//   so allow tag forgeries (cache-timing attacks on table GHASH: Käsper & Schwabe, CHES 2009,
//   §1). OpenSSL's and Go's generic (non-PCLMULQDQ) code make the same trade-off. When that threat
//   applies, use ``GHashCTMul64`` (`TESSERA_GHASH=ct`). A dedicated machine, or an attacker who
//   only sees network timing, is the usual case where the table backend is acceptable.

import TesseraCore

/// GHASH by Shoup's 8-bit table method: the default, fastest backend, NOT constant-time.
///
/// - Important: its table lookups are indexed by secret-derived bytes, which can leak H through
///   the cache to code sharing the CPU. See ``GHashCTMul64`` for the constant-time backend.
package final class GHashShoupTable: GHashKey, @unchecked Sendable {
    /// Four 4 KiB tables, M_k[b] = b(x) * H^k for k = 1...4 at byte offset (k - 1) * 4096, entry b
    /// at 16 b as the words (lo, hi). Written only by init and zeroed by deinit, so the object is
    /// immutable while shared (hence `@unchecked Sendable`).
    private let table: UnsafeMutableRawPointer
    private static let byteCount = 4 * 4096

    /// Whether this backend runs in time independent of H and the data: no.
    package static var isConstantTime: Bool { false }

    /// Builds M_1 from H, then M_2...M_4 from the powers of H computed with M_1.
    ///
    /// - Parameters:
    ///   - h: The 16-byte hash subkey H = E(K, 0^128).
    package init(h: UnsafeRawPointer) {
        table = .allocate(byteCount: Self.byteCount, alignment: 64)
        let hh = h.load64BE(0)
        let hl = h.load64BE(8)
        Self.fill(table, hh, hl)
        var (ph, pl) = (hh, hl)
        for k in 1..<4 {
            (ph, pl) = Self.times(ph, pl, table)  // H^(k+1) = H^k * H
            Self.fill(table + k * 4096, ph, pl)
        }
    }

    deinit {
        secureZero(table, Self.byteCount)
        table.deallocate()
    }

    /// Absorbs whole blocks and a zero-padded final partial block; see ``GHashKey/absorb(_:_:count:)``.
    package func absorb(_ y: inout GHashState, _ bytes: UnsafeRawPointer, count: Int) {
        precondition(count >= 0, "negative GHASH length")
        let t = UnsafeRawPointer(table)
        var yh = y.hi
        var yl = y.lo
        var p = bytes
        var n = count
        while n >= 64 {
            (yh, yl) = Self.timesAggregated(yh, yl, p, 4, t)
            p += 64
            n -= 64
        }
        // 2 or 3 whole blocks left (a short message's AAD, ciphertext and length block): one
        // aggregated chain as for 4, instead of a reduction per block.
        if n >= 48 {
            (yh, yl) = Self.timesAggregated(yh, yl, p, 3, t)
            p += 48
            n -= 48
        } else if n >= 32 {
            (yh, yl) = Self.timesAggregated(yh, yl, p, 2, t)
            p += 32
            n -= 32
        }
        while n >= 16 {
            (yh, yl) = Self.times(yh ^ p.load64BE(0), yl ^ p.load64BE(8), t)
            p += 16
            n -= 16
        }
        if n > 0 {
            var block: (UInt64, UInt64) = (0, 0)
            withUnsafeMutableBytes(of: &block) { $0.baseAddress!.copyMemory(from: p, byteCount: n) }
            let b = withUnsafeBytes(of: &block) { ($0.baseAddress!.load64BE(0), $0.baseAddress!.load64BE(8)) }
            (yh, yl) = Self.times(yh ^ b.0, yl ^ b.1, t)
        }
        y.hi = yh
        y.lo = yl
    }

    // MARK: - Tables

    /// Fills the 256 entries at `m` with b(x) * V for V = (vh, vl), each stored as (lo, hi).
    private static func fill(_ m: UnsafeMutableRawPointer, _ vh: UInt64, _ vl: UInt64) {
        let e = m.assumingMemoryBound(to: UInt64.self)
        e[0] = 0
        e[1] = 0
        // M[0x80 >> j] = V * x^j (the byte with bit 7 - j set is x^j); times x is a right shift
        // and a fold of x^128, done with a mask.
        var (vh, vl) = (vh, vl)
        var bit = 0x80
        while bit > 0 {
            e[2 * bit] = vl
            e[2 * bit + 1] = vh
            let carry = 0 &- (vl & 1)
            vl = (vl &>> 1) | (vh &<< 63)
            vh = (vh &>> 1) ^ (carry & 0xE100_0000_0000_0000)
            bit >>= 1
        }
        // M is linear in b: M[i ^ j] = M[i] ^ M[j].
        var i = 2
        while i < 256 {
            for j in 1..<i {
                e[2 * (i + j)] = e[2 * i] ^ e[2 * j]
                e[2 * (i + j) + 1] = e[2 * i + 1] ^ e[2 * j + 1]
            }
            i <<= 1
        }
    }

    // MARK: - The multiply

    /// A 128-bit value hi:lo in one SSE register, lanes [lo, hi].
    private typealias Lanes = SIMD2<UInt64>

    /// The entry of table `m` for byte `b`.
    @inline(__always)
    private static func entry(_ m: UnsafeRawPointer, _ b: UInt8) -> Lanes {
        m.load(fromByteOffset: Int(b) &<< 4, as: Lanes.self)
    }

    /// (Z : over) = (Z : over) * x^8, a 256-bit right shift by one byte (psrldq, pslldq, por).
    /// Written as byte shuffles on little-endian hosts: the same shift on 64-bit lanes (the
    /// portable form below, kept for big-endian hosts) became scalar shrd/shld for `over`.
    @inline(__always)
    private static func shiftByte(_ z: inout Lanes, _ over: inout Lanes) {
        #if !_endian(little)
        over = (over &>> 8) | (Lanes(over[1], 0) &<< 56) | (Lanes(0, z[0]) &<< 56)
        z = (z &>> 8) | (Lanes(z[1], 0) &<< 56)
        #else
        let zb = unsafeBitCast(z, to: SIMD16<UInt8>.self)
        let ob = unsafeBitCast(over, to: SIMD16<UInt8>.self)
        over = unsafeBitCast(
            SIMD16<UInt8>(ob[1], ob[2], ob[3], ob[4], ob[5], ob[6], ob[7], ob[8],
                          ob[9], ob[10], ob[11], ob[12], ob[13], ob[14], ob[15], zb[0]),
            to: Lanes.self)
        z = unsafeBitCast(
            SIMD16<UInt8>(zb[1], zb[2], zb[3], zb[4], zb[5], zb[6], zb[7], zb[8],
                          zb[9], zb[10], zb[11], zb[12], zb[13], zb[14], zb[15], 0),
            to: Lanes.self)
        #endif
    }

    /// Z + over reduced: fold x^192..x^255 (over.lo) and then x^128..x^191 (over.hi) onto Z with
    /// x^(128+m) = x^m (1 + x + x^2 + x^7). Returns (hi, lo).
    @inline(__always)
    private static func reduce(_ z: Lanes, _ over: Lanes) -> (UInt64, UInt64) {
        let v0 = over[0]
        var v1 = over[1]
        var v2 = z[0]
        var v3 = z[1]
        v2 ^= v0 ^ (v0 &>> 1) ^ (v0 &>> 2) ^ (v0 &>> 7)
        v1 ^= (v0 &<< 63) ^ (v0 &<< 62) ^ (v0 &<< 57)
        v3 ^= v1 ^ (v1 &>> 1) ^ (v1 &>> 2) ^ (v1 &>> 7)
        v2 ^= (v1 &<< 63) ^ (v1 &<< 62) ^ (v1 &<< 57)
        return (v3, v2)
    }

    /// x * H with M_1; returns (hi, lo).
    @inline(__always)
    private static func times(_ xh: UInt64, _ xl: UInt64, _ t: UnsafeRawPointer) -> (UInt64, UInt64) {
        var z = Lanes()
        var over = Lanes()
        var w = xl  // byte 15 is the low byte of xl
        for _ in 0..<8 {
            shiftByte(&z, &over)
            z ^= entry(t, UInt8(truncatingIfNeeded: w))
            w &>>= 8
        }
        w = xh
        for _ in 0..<8 {
            shiftByte(&z, &over)
            z ^= entry(t, UInt8(truncatingIfNeeded: w))
            w &>>= 8
        }
        return reduce(z, over)
    }

    /// `k` (2, 3 or 4, a constant at each call site) blocks at p as one Horner chain:
    /// (Y ^ X1) H^k ^ X2 H^(k-1) ^ ... ^ Xk H; returns (hi, lo).
    @inline(__always)
    private static func timesAggregated(
        _ yh: UInt64, _ yl: UInt64, _ p: UnsafeRawPointer, _ k: Int, _ t: UnsafeRawPointer
    ) -> (UInt64, UInt64) {
        // Y ^ X1 as a block in memory (byte i at offset i, like X2...Xk at p).
        var first: (UInt64, UInt64) = (0, 0)
        return withUnsafeMutableBytes(of: &first) { f in
            let a = f.baseAddress!
            a.store64BE(yh ^ p.load64BE(0), 0)
            a.store64BE(yl ^ p.load64BE(8), 8)
            var z = Lanes()
            var over = Lanes()
            // The lookups of block byte i in M_k..M_1, summed (pairwise for k = 4).
            @inline(__always) func lookups(_ i: Int) -> Lanes {
                let top = entry(t + (k &- 1) &* 4096, a.load(fromByteOffset: i, as: UInt8.self))
                let second = entry(t + (k &- 2) &* 4096, p.load(fromByteOffset: 16 &+ i, as: UInt8.self))
                if k == 2 { return top ^ second }
                let third = entry(t + (k &- 3) &* 4096, p.load(fromByteOffset: 32 &+ i, as: UInt8.self))
                if k == 3 { return (top ^ second) ^ third }
                let fourth = entry(t, p.load(fromByteOffset: 48 &+ i, as: UInt8.self))
                return (top ^ second) ^ (third ^ fourth)
            }
            // Software-pipelined: the sum for the next byte is a separate loop variable, so the
            // loop-carried chain is one psrldq and one pxor per byte (summing inline let LLVM chain
            // all four pxors through Z).
            var next = lookups(15)
            var i = 14
            while i > 0 {  // two bytes per iteration (LLVM did not unroll this loop itself)
                shiftByte(&z, &over)
                z ^= next
                next = lookups(i)
                shiftByte(&z, &over)
                z ^= next
                next = lookups(i &- 1)
                i &-= 2
            }
            shiftByte(&z, &over)
            z ^= next
            next = lookups(0)
            shiftByte(&z, &over)
            z ^= next
            return reduce(z, over)
        }
    }
}
