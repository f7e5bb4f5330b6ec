// Table GHASH (Shoup's method, 8-bit): the default backend. NOT constant-time.
//
// Y * H for Y = sum of its bytes B_i(x) * x^(8i) (byte 0 holds x^0..x^7, its top bit x^0) is
// evaluated by Horner's rule from byte 15 down: Z = Z * x^8 + M[B_i], where M[b] = b(x) * H is a
// per-key table of the 256 multiples of H (4 KiB). Z * x^8 is, in the reversed representation of
// GHash.swift, a right shift of the 128-bit Z by 8 bits; the 8 bits that fall off (x^120..x^127
// times x^8 = x^128..x^135) fold back as x^t (1 + x + x^2 + x^7), t < 8, a 16-bit value R[b]
// XORed into the top of Z (R[0x80] = 0xE100, R[0x01] = 0x01C2: the `rem_8bit` table of OpenSSL's
// gcm128.c). Source: V. Shoup, "On fast and provably secure message authentication based on
// universal hashing", CRYPTO '96; McGrew & Viega, "The Galois/Counter Mode of Operation", §4.1.
// Aggregated powers: four blocks are one Horner chain, Y' = (Y ^ X1) H^4 ^ X2 H^3 ^ X3 H^2 ^ X4 H,
// with four lookups (tables M_4..M_1 for H^4..H) per byte position and one shift-and-fold, which
// cuts the serial chain (the fold's load depends on the previous step) to a quarter per block.
// 16 KiB of tables; no allocation per call. Measured (2.3 GHz Xeon, shared): 1 table 303 MB/s,
// 4 powers 855 MB/s at 16 KiB.
//
// - Important: timing. The table is indexed by bytes of Y xor X, i.e. by data mixed with secret
//   H products, and R by bits of the running product. On hardware shared with an attacker (the
//   same core or cache: SMT siblings, co-tenant VMs, SGX/TEE neighbours, browser JavaScript) the
//   cache lines touched can leak H and hence allow tag forgeries (cache-timing attacks on table
//   GHASH: Käsper & Schwabe, CHES 2009, §1). This is the trade-off OpenSSL's and Go's generic
//   (non-PCLMULQDQ) code make. When that threat applies, use ``GHashCTMul64``
//   (`TESSERA_GHASH=ct`). A dedicated machine or a remote attacker only seeing network timing is
//   the usual case where the table backend is acceptable.

import TesseraCore

/// GHASH by Shoup's 8-bit table method: the default, fastest backend, NOT constant-time.
///
/// - Important: its table lookups are indexed by secret-derived bytes, which can leak H through
///   the cache to code sharing the CPU. See ``GHashCTMul64`` for the constant-time backend.
package final class GHashShoupTable: GHashKey, @unchecked Sendable {
    /// Four 4 KiB tables, M_k[b] = b(x) * H^k for k = 1...4 at byte offset (k - 1) * 4096, entry
    /// b at 16 b as (hi, lo); then the 256 reduction values R[b] << 48 (2 KiB, key-independent;
    /// kept here so the hot loop reads no global). Written only by init and zeroed by deinit,
    /// so the object is immutable while shared (hence `@unchecked Sendable`).
    private let table: UnsafeMutableRawPointer
    private static let reductionOffset = 4 * 4096
    private static let byteCount = 4 * 4096 + 256 * 8

    /// Whether this backend runs in time independent of H and the data: no.
    package static var isConstantTime: Bool { false }

    /// Builds R, then M_1 from H, and M_2...M_4 from the powers of H computed with M_1.
    ///
    /// - Parameters:
    ///   - h: The 16-byte hash subkey H = E(K, 0^128).
    package init(h: UnsafeRawPointer) {
        table = .allocate(byteCount: Self.byteCount, alignment: 64)
        let r = (table + Self.reductionOffset).assumingMemoryBound(to: UInt64.self)
        // R[1 << p] = 0xE100 >> (7 - p), and R is linear: R[i ^ j] = R[i] ^ R[j].
        r[0] = 0
        for p in 0..<8 { r[1 << p] = UInt64(0xE100 >> (7 - p)) &<< 48 }
        var i = 2
        while i < 256 {
            for j in 1..<i { r[i + j] = r[i] ^ r[j] }
            i <<= 1
        }
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
            Self.multiply4(&yh, &yl, p, t)
            p += 64
            n -= 64
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

    /// Fills the 256 entries at `m` with b(x) * V for V = (vh, vl).
    private static func fill(_ m: UnsafeMutableRawPointer, _ vh: UInt64, _ vl: UInt64) {
        let e = m.assumingMemoryBound(to: UInt64.self)
        e[0] = 0
        e[1] = 0
        // M[0x80 >> j] = V * x^j (the byte with bit 7 - j set is x^j); times x is a right shift
        // and a fold of x^128, done with a mask.
        var (vh, vl) = (vh, vl)
        var bit = 0x80
        while bit > 0 {
            e[2 * bit] = vh
            e[2 * bit + 1] = vl
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

    /// Z = Z * x^8: shift right by one byte and fold the byte that fell off with R.
    @inline(__always)
    private static func shiftByte(_ zh: inout UInt64, _ zl: inout UInt64, _ r: UnsafeRawPointer) {
        let rem = Int(truncatingIfNeeded: zl & 0xFF) &<< 3
        zl = (zl &>> 8) | (zh &<< 56)
        zh = (zh &>> 8) ^ r.load(fromByteOffset: rem, as: UInt64.self)
    }

    /// Z += M[low byte of w] for the table at `m`.
    @inline(__always)
    private static func add(_ zh: inout UInt64, _ zl: inout UInt64, _ m: UnsafeRawPointer, _ w: UInt64) {
        let i = Int(truncatingIfNeeded: w & 0xFF) &<< 4
        zh ^= m.load(fromByteOffset: i, as: UInt64.self)
        zl ^= m.load(fromByteOffset: i &+ 8, as: UInt64.self)
    }

    /// x * H with M_1, byte 15 first.
    @inline(__always)
    private static func times(_ xh: UInt64, _ xl: UInt64, _ t: UnsafeRawPointer) -> (UInt64, UInt64) {
        let r = t + reductionOffset
        var zh: UInt64 = 0
        var zl: UInt64 = 0
        var w = xl
        for _ in 0..<8 {
            shiftByte(&zh, &zl, r)
            add(&zh, &zl, t, w)
            w &>>= 8
        }
        w = xh
        for _ in 0..<8 {
            shiftByte(&zh, &zl, r)
            add(&zh, &zl, t, w)
            w &>>= 8
        }
        return (zh, zl)
    }

    /// Four blocks at once: y = (y ^ X1) H^4 ^ X2 H^3 ^ X3 H^2 ^ X4 H. One Horner chain over the
    /// byte positions with four lookups per byte: the shift-and-fold (whose table load is the
    /// latency chain) runs once per four blocks.
    @inline(__always)
    private static func multiply4(
        _ yh: inout UInt64, _ yl: inout UInt64, _ p: UnsafeRawPointer, _ t: UnsafeRawPointer
    ) {
        let r = t + reductionOffset
        var zh: UInt64 = 0
        var zl: UInt64 = 0
        var w1 = yl ^ p.load64BE(8), w2 = p.load64BE(24), w3 = p.load64BE(40), w4 = p.load64BE(56)
        for half in 0..<2 {
            if half == 1 {
                w1 = yh ^ p.load64BE(0)
                w2 = p.load64BE(16)
                w3 = p.load64BE(32)
                w4 = p.load64BE(48)
            }
            for _ in 0..<8 {
                shiftByte(&zh, &zl, r)
                add(&zh, &zl, t + 3 * 4096, w1)
                add(&zh, &zl, t + 2 * 4096, w2)
                add(&zh, &zl, t + 4096, w3)
                add(&zh, &zl, t, w4)
                w1 &>>= 8
                w2 &>>= 8
                w3 &>>= 8
                w4 &>>= 8
            }
        }
        yh = zh
        yl = zl
    }
}
