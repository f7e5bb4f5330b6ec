// Constant-time GHASH: GF(2^128) multiply by H from integer multiplies "with holes", after
// BearSSL's ghash_ctmul64 (T. Pornin, src/hash/ghash_ctmul64.c; bearssl.org/constanttime.html).
//
// Carry-less product from an integer one: keep only the bits of x whose position is r mod 5
// (x_r = x & m_r, 12 or 13 bits) and likewise for h. In the integer product x_a * h_b every
// partial product lands on a position = a + b (mod 5), and at most 13 of them add up at any one
// position, so the sum fits in the 5-bit gap before the next position of the same class: the bit
// at each class-(a+b) position is the XOR of the partial products, carries only dirty the four
// "hole" bits in between. So clmul(x, h) = XOR over r of (XOR_{a+b=r mod 5} x_a * h_b) & M_r,
// M_r the 128-bit mask of positions = r mod 5. BearSSL spaces by 4 and keeps only the low 64 bits
// (16-bit classes would overflow a 4-bit hole in the high half), recovering the high half by bit
// reversal; we instead take the full 128-bit product, `multipliedFullWidth` (one `mul`, fixed
// latency on x86-64 and `mul`+`umulh` on arm64), with spacing 5: 25 multiplies per 64x64 product
// and no reversals. A 128x128 product is three 64x64 ones (Karatsuba: lo, hi, (lo^hi)(lo^hi)).
//
// Bit order: a block is the big-endian 128-bit integer of SP 800-38D, which holds x^i at bit
// 127-i, the polynomial reversed. The integer carry-less product of two reversed 128-bit values
// is the reversed 255-bit product, i.e. one bit short of the 256-bit reversed form; instead of
// shifting it by one every block, the key keeps H' = H / x (mod P): then clmul(Y, H') is exactly
// the 256-bit reversed form of x * Y * H' = Y * H. The reduction by P = x^128 + x^7 + x^2 + x + 1
// folds the low 128 bits (x^128..x^255) onto the high ones twice, 64 bits at a time (x^(128+m) =
// x^m (1 + x + x^2 + x^7), a right shift by 0, 1, 2, 7 in reversed order).
//
// Constant-time: no branch and no memory index depends on H or the data; only `&`, `^`, `|`,
// constant shifts and multiplies, whose latency does not depend on the operands on x86-64 and
// arm64 (it may on some older 32-bit or embedded cores, where this backend is not constant-time).

import TesseraCore

/// GHASH by carry-less multiplication built from integer multiplies: constant-time.
///
/// Slower than ``GHashShoupTable`` (about half its speed) but its time and memory accesses are
/// independent of H and of the data.
package final class GHashCTMul64: GHashKey, @unchecked Sendable {
    /// H' = H / x split by class: words 0..4 the classes of H'.lo, 5..9 of H'.hi, 10..14 of
    /// H'.lo ^ H'.hi (the Karatsuba middle operand).
    /// Written only by init and zeroed by deinit, so the object is immutable while shared
    /// (hence `@unchecked Sendable`).
    private let words: UnsafeMutablePointer<UInt64>
    private static let wordCount = 15

    /// Whether this backend runs in time independent of H and the data: yes.
    package static var isConstantTime: Bool { true }

    /// Derives the per-key state (H / x, split into the five bit classes) in constant time.
    ///
    /// - Parameters:
    ///   - h: The 16-byte hash subkey H = E(K, 0^128).
    package init(h: UnsafeRawPointer) {
        words = .allocate(capacity: Self.wordCount)
        let hh = h.load64BE(0)
        let hl = h.load64BE(8)
        // H / x: when the x^0 coefficient (top bit) is set, add P first so that x divides.
        let odd = 0 &- (hh >> 63)
        let th = hh ^ (odd & 0xE100_0000_0000_0000)
        let dh = (th &<< 1) | (hl &>> 63)
        let dl = (hl &<< 1) | (odd & 1)
        Self.split(dl, into: words)
        Self.split(dh, into: words + 5)
        Self.split(dl ^ dh, into: words + 10)
    }

    deinit {
        secureZero(words, Self.wordCount * 8)
        words.deallocate()
    }

    /// Absorbs whole blocks and a zero-padded final partial block; see ``GHashKey/absorb(_:_:count:)``.
    package func absorb(_ y: inout GHashState, _ bytes: UnsafeRawPointer, count: Int) {
        precondition(count >= 0, "negative GHASH length")
        let k = UnsafePointer(words)
        var yh = y.hi
        var yl = y.lo
        var p = bytes
        var n = count
        while n >= 16 {
            Self.multiply(&yh, &yl, p.load64BE(0), p.load64BE(8), k)
            p += 16
            n -= 16
        }
        if n > 0 {
            var block: (UInt64, UInt64) = (0, 0)
            withUnsafeMutableBytes(of: &block) { $0.baseAddress!.copyMemory(from: p, byteCount: n) }
            let b = withUnsafeBytes(of: &block) { ($0.baseAddress!.load64BE(0), $0.baseAddress!.load64BE(8)) }
            Self.multiply(&yh, &yl, b.0, b.1, k)
        }
        y.hi = yh
        y.lo = yl
    }

    // MARK: - The multiply

    /// The bit classes: m_r has the bits at positions r, r + 5, r + 10, ... (13 bits; 12 for r = 4).
    @inline(__always) private static var m0: UInt64 { 0x1084_2108_4210_8421 }
    @inline(__always) private static var m1: UInt64 { 0x2108_4210_8421_0842 }
    @inline(__always) private static var m2: UInt64 { 0x4210_8421_0842_1084 }
    @inline(__always) private static var m3: UInt64 { 0x8421_0842_1084_2108 }
    @inline(__always) private static var m4: UInt64 { 0x0842_1084_2108_4210 }

    /// Stores the five classes of `x` at `out[0..<5]`.
    private static func split(_ x: UInt64, into out: UnsafeMutablePointer<UInt64>) {
        out[0] = x & m0
        out[1] = x & m1
        out[2] = x & m2
        out[3] = x & m3
        out[4] = x & m4
    }

    /// y = (y ^ x) * H, the key's words at `k`.
    @inline(__always)
    private static func multiply(
        _ yh: inout UInt64, _ yl: inout UInt64, _ xh: UInt64, _ xl: UInt64, _ k: UnsafePointer<UInt64>
    ) {
        let ah = yh ^ xh
        let al = yl ^ xl
        // Karatsuba: a * h' = hi * 2^128 + (mid ^ lo ^ hi) * 2^64 + lo (carry-less).
        let lo = clmul64(al, k)
        let hi = clmul64(ah, k + 5)
        let mid = clmul64(al ^ ah, k + 10)
        let v0 = lo.lo
        var v1 = lo.hi ^ mid.lo ^ lo.lo ^ hi.lo
        var v2 = hi.lo ^ mid.hi ^ lo.hi ^ hi.hi
        var v3 = hi.hi
        // Reduction: fold v0 (x^192..x^255) into v2:v1, then v1 (x^128..x^191) into v3:v2.
        v2 ^= v0 ^ (v0 &>> 1) ^ (v0 &>> 2) ^ (v0 &>> 7)
        v1 ^= (v0 &<< 63) ^ (v0 &<< 62) ^ (v0 &<< 57)
        v3 ^= v1 ^ (v1 &>> 1) ^ (v1 &>> 2) ^ (v1 &>> 7)
        v2 ^= (v1 &<< 63) ^ (v1 &<< 62) ^ (v1 &<< 57)
        yh = v3
        yl = v2
    }

    /// The 128-bit carry-less product of `x` and the 64-bit value whose classes are `h[0..<5]`.
    @inline(__always)
    private static func clmul64(_ x: UInt64, _ h: UnsafePointer<UInt64>) -> (hi: UInt64, lo: UInt64) {
        let x0 = x & m0, x1 = x & m1, x2 = x & m2, x3 = x & m3, x4 = x & m4
        let h0 = h[0], h1 = h[1], h2 = h[2], h3 = h[3], h4 = h[4]
        // z_r: every product whose bits land on positions = r (mod 5).
        let z0 = mul(x0, h0) ^ mul(x1, h4) ^ mul(x2, h3) ^ mul(x3, h2) ^ mul(x4, h1)
        let z1 = mul(x0, h1) ^ mul(x1, h0) ^ mul(x2, h4) ^ mul(x3, h3) ^ mul(x4, h2)
        let z2 = mul(x0, h2) ^ mul(x1, h1) ^ mul(x2, h0) ^ mul(x3, h4) ^ mul(x4, h3)
        let z3 = mul(x0, h3) ^ mul(x1, h2) ^ mul(x2, h1) ^ mul(x3, h0) ^ mul(x4, h4)
        let z4 = mul(x0, h4) ^ mul(x1, h3) ^ mul(x2, h2) ^ mul(x3, h1) ^ mul(x4, h0)
        // Keep each class's own positions; in the high word (bit 64 + i) the class shifts by one,
        // as 64 = 4 (mod 5).
        let lo = (z0.lo & m0) | (z1.lo & m1) | (z2.lo & m2) | (z3.lo & m3) | (z4.lo & m4)
        let hi = (z0.hi & m1) | (z1.hi & m2) | (z2.hi & m3) | (z3.hi & m4) | (z4.hi & m0)
        return (hi, lo)
    }

    /// The full 128-bit integer product.
    @inline(__always)
    private static func mul(_ a: UInt64, _ b: UInt64) -> Wide {
        let p = a.multipliedFullWidth(by: b)
        return Wide(hi: p.high, lo: p.low)
    }
}

/// A 128-bit value as two words, with XOR.
private struct Wide {
    var hi: UInt64
    var lo: UInt64

    @inline(__always)
    static func ^ (a: Wide, b: Wide) -> Wide { Wide(hi: a.hi ^ b.hi, lo: a.lo ^ b.lo) }
}
