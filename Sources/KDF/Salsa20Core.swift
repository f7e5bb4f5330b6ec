// Salsa20/8 core on SIMD4<UInt32> rows in the diagonal layout: the mixing function of scrypt's
// BlockMix.
//
// What: the 64-byte block is sixteen little-endian words x0..x15; Salsa20/8 runs four double
// rounds (a column round, then a row round) of the quarter-round b ^= (a + d) <<< 7,
// c ^= (b + a) <<< 9, d ^= (c + b) <<< 13, a ^= (d + c) <<< 18, then adds the input back
// (RFC 7914 §3; D. J. Bernstein, "The Salsa20 family of stream ciphers", 2008, §4.2).
//
// Representation: four rows of four lanes, each a diagonal of the 4x4 word matrix:
//     a = (x0, x5, x10, x15)   b = (x4, x9, x14, x3)   c = (x8, x13, x2, x7)   d = (x12, x1, x6, x11)
// so storage word k holds Salsa20 word (4 * (k / 4) + 5 * (k % 4)) mod 16. In this layout the
// four column quarter-rounds are one SIMD quarter-round on (a, b, c, d); rotating the lanes of b,
// c, d by 3, 2, 1 turns the rows into columns, so the row round is the same code again. Blocks
// are moved into the layout once per ROMix and out at its end (scrypt's XORs and additions are
// lane-wise, so BlockMix and ROMix never need the natural order). The same idea as RustCrypto's
// scrypt sse2 block_mix with its PIVOT_ABCD table (RustCrypto/password-hashes, scrypt/src/block_mix).
//
// Why this variant: baseline x86-64 has SSE2 only (no vector rotate, no pshufb). Each quarter
// step is paddd, pslld, psrld and two pxor; the lane rotations are one pshufd each.
//
// Rotation: written as two XORs into the target (`b ^= t &<< 7; b ^= t &>> 25`), not as
// `(t &<< 7) | (t &>> 25)`. Seen with Swift 6.3.1 -O (objdump -d of the release build): the
// `|` form is matched by LLVM as a vector rotate and lowered to pshufd/movd plus four scalar
// `rol` per row; the two-XOR form stays pslld, psrld, pxor, pxor (no rotate is recognised, and no
// all-ones mask argument is needed to hide it). See Scrypt+ROMix.swift for the BlockMix listing.

import TesseraCore

/// The Salsa20 word index held at storage word `k` of a block in the diagonal layout.
@inline(__always)
func salsa20DiagonalWord(_ k: Int) -> Int {
    (4 &* (k &>> 2) &+ 5 &* (k & 3)) & 15
}

/// Rewrites `blocks` 64-byte blocks at `p` from little-endian natural word order into the
/// diagonal layout (native-endian words).
package func salsa20ToDiagonal(_ p: UnsafeMutableRawPointer, blocks: Int) {
    for blk in 0..<blocks {
        let base = p + blk &* 64
        var t = SIMD16<UInt32>()
        for k in 0..<16 {
            t[k] = UnsafeRawPointer(base).load32LE(4 &* salsa20DiagonalWord(k))
        }
        base.storeBytes(of: t, as: SIMD16<UInt32>.self)
        t = SIMD16<UInt32>()
    }
}

/// Rewrites `blocks` 64-byte blocks at `p` from the diagonal layout back into little-endian
/// natural word order.
package func salsa20FromDiagonal(_ p: UnsafeMutableRawPointer, blocks: Int) {
    for blk in 0..<blocks {
        let base = p + blk &* 64
        let t = base.loadUnaligned(as: SIMD16<UInt32>.self)
        for k in 0..<16 {
            base.store32LE(t[k], 4 &* salsa20DiagonalWord(k))
        }
    }
}

/// The Salsa20/8 permutation (four double rounds, without the final addition) on a block held
/// as rows in the diagonal layout.
@inline(__always)
func salsa20_8Rounds(
    _ a: inout SIMD4<UInt32>, _ b: inout SIMD4<UInt32>,
    _ c: inout SIMD4<UInt32>, _ d: inout SIMD4<UInt32>
) {
    // Eight half rounds: column round, transpose, "row round" (a column round of the transposed
    // matrix), transpose back. Transposing is the same lane rotation both ways.
    for _ in 0..<8 {
        var t = a &+ d
        b ^= t &<< 7
        b ^= t &>> 25
        t = b &+ a
        c ^= t &<< 9
        c ^= t &>> 23
        t = c &+ b
        d ^= t &<< 13
        d ^= t &>> 19
        t = d &+ c
        a ^= t &<< 18
        a ^= t &>> 14
        // Transpose: b takes d's lanes rotated left by one, c rotates by two, d takes b's
        // lanes rotated right by one (one pshufd each).
        let newB = SIMD4(d[1], d[2], d[3], d[0])
        c = SIMD4(c[2], c[3], c[0], c[1])
        d = SIMD4(b[3], b[0], b[1], b[2])
        b = newB
    }
}

/// Salsa20/8 core (RFC 7914 §3) in place on one 64-byte block in natural little-endian order.
/// Used by the tests (RFC 7914 §8); scrypt itself runs the rows inside BlockMix.
package func salsa20_8Core(_ block: UnsafeMutableRawPointer) {
    salsa20ToDiagonal(block, blocks: 1)
    var a = block.loadUnaligned(fromByteOffset: 0, as: SIMD4<UInt32>.self)
    var b = block.loadUnaligned(fromByteOffset: 16, as: SIMD4<UInt32>.self)
    var c = block.loadUnaligned(fromByteOffset: 32, as: SIMD4<UInt32>.self)
    var d = block.loadUnaligned(fromByteOffset: 48, as: SIMD4<UInt32>.self)
    let (a0, b0, c0, d0) = (a, b, c, d)
    salsa20_8Rounds(&a, &b, &c, &d)
    block.storeBytes(of: a &+ a0, toByteOffset: 0, as: SIMD4<UInt32>.self)
    block.storeBytes(of: b &+ b0, toByteOffset: 16, as: SIMD4<UInt32>.self)
    block.storeBytes(of: c &+ c0, toByteOffset: 32, as: SIMD4<UInt32>.self)
    block.storeBytes(of: d &+ d0, toByteOffset: 48, as: SIMD4<UInt32>.self)
    salsa20FromDiagonal(block, blocks: 1)
}
