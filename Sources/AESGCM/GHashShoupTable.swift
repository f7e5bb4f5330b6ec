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
// Per block: 16 table loads, 15 shift-and-reduce steps, no allocation. 8-bit over 4-bit tables:
// half the steps for a 4 KiB table that stays in L1 (measured in Benchmarks/GHashBenchmarks).
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
    /// 256 entries (hi, lo) of M[b] = b(x) * H (words 0..<512), then the 256 reduction values
    /// R[b] << 48 (words 512..<768). R does not depend on the key; keeping it beside M avoids a
    /// global (and its lazy-initialisation check) in the hot loop.
    /// Written only by init and zeroed by deinit, so the object is immutable while shared
    /// (hence `@unchecked Sendable`).
    private let table: UnsafeMutablePointer<UInt64>
    private static let wordCount = 768

    /// Whether this backend runs in time independent of H and the data: no.
    package static var isConstantTime: Bool { false }

    /// Builds M (H times each byte polynomial) and R.
    ///
    /// - Parameters:
    ///   - h: The 16-byte hash subkey H = E(K, 0^128).
    package init(h: UnsafeRawPointer) {
        table = .allocate(capacity: Self.wordCount)
        let m = table
        let r = table + 512
        m[0] = 0
        m[1] = 0
        r[0] = 0
        // M[0x80 >> j] = H * x^j (x^j is the byte with bit 7 - j set); multiplying by x is a right
        // shift with a conditional fold of x^128, done with a mask.
        var vh = h.load64BE(0)
        var vl = h.load64BE(8)
        var bit = 0x80
        while bit > 0 {
            m[2 * bit] = vh
            m[2 * bit + 1] = vl
            let carry = 0 &- (vl & 1)
            vl = (vl &>> 1) | (vh &<< 63)
            vh = (vh &>> 1) ^ (carry & 0xE100_0000_0000_0000)
            bit >>= 1
        }
        // R[1 << p] = 0xE100 >> (7 - p).
        for p in 0..<8 {
            r[1 << p] = UInt64(0xE100 >> (7 - p)) &<< 48
        }
        // Both tables are linear in the index: T[i ^ j] = T[i] ^ T[j].
        var i = 2
        while i < 256 {
            for j in 1..<i {
                m[2 * (i + j)] = m[2 * i] ^ m[2 * j]
                m[2 * (i + j) + 1] = m[2 * i + 1] ^ m[2 * j + 1]
                r[i + j] = r[i] ^ r[j]
            }
            i <<= 1
        }
    }

    deinit {
        secureZero(table, Self.wordCount * 8)
        table.deallocate()
    }

    /// Absorbs whole blocks and a zero-padded final partial block; see ``GHashKey/absorb(_:_:count:)``.
    package func absorb(_ y: inout GHashState, _ bytes: UnsafeRawPointer, count: Int) {
        precondition(count >= 0, "negative GHASH length")
        let t = UnsafePointer(table)
        var yh = y.hi
        var yl = y.lo
        var p = bytes
        var n = count
        while n >= 16 {
            Self.multiply(&yh, &yl, p.load64BE(0), p.load64BE(8), t)
            p += 16
            n -= 16
        }
        if n > 0 {
            var block: (UInt64, UInt64) = (0, 0)
            withUnsafeMutableBytes(of: &block) { $0.baseAddress!.copyMemory(from: p, byteCount: n) }
            let b = withUnsafeBytes(of: &block) { ($0.baseAddress!.load64BE(0), $0.baseAddress!.load64BE(8)) }
            Self.multiply(&yh, &yl, b.0, b.1, t)
        }
        y.hi = yh
        y.lo = yl
    }

    /// y = (y ^ x) * H with the tables at `t`.
    @inline(__always)
    private static func multiply(
        _ yh: inout UInt64, _ yl: inout UInt64, _ xh: UInt64, _ xl: UInt64, _ t: UnsafePointer<UInt64>
    ) {
        let ah = yh ^ xh
        let al = yl ^ xl
        let r = t + 512
        // Byte 15 (the low byte of al) first.
        var i = Int(truncatingIfNeeded: al & 0xFF) &<< 1
        var zh = t[i]
        var zl = t[i &+ 1]
        var src = al &>> 8
        for step in 1..<16 {
            if step == 8 { src = ah }
            // Z = Z * x^8: shift right by a byte, fold the byte that fell off.
            let rem = Int(truncatingIfNeeded: zl & 0xFF)
            zl = (zl &>> 8) | (zh &<< 56)
            zh = (zh &>> 8) ^ r[rem]
            // Z += M[next byte].
            i = Int(truncatingIfNeeded: src & 0xFF) &<< 1
            zh ^= t[i]
            zl ^= t[i &+ 1]
            src &>>= 8
        }
        yh = zh
        yl = zl
    }
}
