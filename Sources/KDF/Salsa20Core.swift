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
// four column quarter-rounds are one SIMD quarter-round on (a, b, c, d); rotating the lanes of
// d, c, b left by 1, 2, 3 and swapping b with d turns rows into columns, so the row round is the
// same code again (and the same transpose undoes it). Blocks
// are moved into the layout once per ROMix and out at its end (scrypt's XORs and additions are
// lane-wise, so BlockMix and ROMix never need the natural order). The same idea as RustCrypto's
// scrypt sse2 block_mix with its PIVOT_ABCD table (RustCrypto/password-hashes, scrypt/src/block_mix).
//
// Why this variant: baseline x86-64 has SSE2 only (no vector rotate, no pshufb). Each quarter
// step is paddd, pslld, psrld and two pxor; the lane rotations are one pshufd each.
//
// Rotation: written as two XORs into the target (`b ^= t &<< 7; b ^= t &>> 25`), not as
// `(t &<< 7) | (t &>> 25)`. Seen with Swift 6.3.1 -O (objdump -d of the release build): the
// `|` form is matched by LLVM as a vector rotate, which SSE2 lacks, and lowered to pshufd/movd,
// four scalar `rol` and punpck to rebuild the row; the two-XOR form stays pslld, psrld, pxor,
// pxor (LLVM re-forms two of the four steps as pslld, psrld, por, pxor: still vector, same
// depth), with no all-ones mask argument needed to hide the rotate.

import TesseraCore

/// Four little-endian words at `offset` as one row (one unaligned load on little-endian hosts).
@inline(__always)
func salsa20LoadRowLE(_ p: UnsafeRawPointer, _ offset: Int) -> SIMD4<UInt32> {
    SIMD4(p.load32LE(offset), p.load32LE(offset &+ 4), p.load32LE(offset &+ 8), p.load32LE(offset &+ 12))
}

/// Stores a row as four little-endian words at `offset`.
@inline(__always)
func salsa20StoreRowLE(_ p: UnsafeMutableRawPointer, _ row: SIMD4<UInt32>, _ offset: Int) {
    p.store32LE(row[0], offset)
    p.store32LE(row[1], offset &+ 4)
    p.store32LE(row[2], offset &+ 8)
    p.store32LE(row[3], offset &+ 12)
}

/// Rewrites `blocks` 64-byte blocks at `p` from little-endian natural word order into the
/// diagonal layout (native-endian words). The words pass through registers only.
package func salsa20ToDiagonal(_ p: UnsafeMutableRawPointer, blocks: Int) {
    for blk in 0..<blocks {
        let base = p + blk &* 64
        // Natural rows: r0 = (x0..x3), r1 = (x4..x7), r2 = (x8..x11), r3 = (x12..x15).
        let r0 = salsa20LoadRowLE(base, 0)
        let r1 = salsa20LoadRowLE(base, 16)
        let r2 = salsa20LoadRowLE(base, 32)
        let r3 = salsa20LoadRowLE(base, 48)
        let a = SIMD4(r0[0], r1[1], r2[2], r3[3])  // x0, x5, x10, x15
        let b = SIMD4(r1[0], r2[1], r3[2], r0[3])  // x4, x9, x14, x3
        let c = SIMD4(r2[0], r3[1], r0[2], r1[3])  // x8, x13, x2, x7
        let d = SIMD4(r3[0], r0[1], r1[2], r2[3])  // x12, x1, x6, x11
        base.storeBytes(of: a, toByteOffset: 0, as: SIMD4<UInt32>.self)
        base.storeBytes(of: b, toByteOffset: 16, as: SIMD4<UInt32>.self)
        base.storeBytes(of: c, toByteOffset: 32, as: SIMD4<UInt32>.self)
        base.storeBytes(of: d, toByteOffset: 48, as: SIMD4<UInt32>.self)
    }
}

/// Rewrites `blocks` 64-byte blocks at `p` from the diagonal layout back into little-endian
/// natural word order.
package func salsa20FromDiagonal(_ p: UnsafeMutableRawPointer, blocks: Int) {
    for blk in 0..<blocks {
        let base = p + blk &* 64
        let a = base.loadUnaligned(fromByteOffset: 0, as: SIMD4<UInt32>.self)
        let b = base.loadUnaligned(fromByteOffset: 16, as: SIMD4<UInt32>.self)
        let c = base.loadUnaligned(fromByteOffset: 32, as: SIMD4<UInt32>.self)
        let d = base.loadUnaligned(fromByteOffset: 48, as: SIMD4<UInt32>.self)
        salsa20StoreRowLE(base, SIMD4(a[0], d[1], c[2], b[3]), 0)   // x0, x1, x2, x3
        salsa20StoreRowLE(base, SIMD4(b[0], a[1], d[2], c[3]), 16)  // x4, x5, x6, x7
        salsa20StoreRowLE(base, SIMD4(c[0], b[1], a[2], d[3]), 32)  // x8, x9, x10, x11
        salsa20StoreRowLE(base, SIMD4(d[0], c[1], b[2], a[3]), 48)  // x12, x13, x14, x15
    }
}

/// One Salsa20 half round on diagonal rows: the four column quarter-rounds as one SIMD
/// quarter-round, then the transpose that turns rows into columns (its own inverse).
@inline(__always)
func salsa20HalfRound(
    _ a: inout SIMD4<UInt32>, _ b: inout SIMD4<UInt32>,
    _ c: inout SIMD4<UInt32>, _ d: inout SIMD4<UInt32>
) {
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
    // Transpose: b takes d's lanes rotated left by one, c rotates by two, d takes b's lanes
    // rotated right by one (one pshufd each).
    let newB = SIMD4(d[1], d[2], d[3], d[0])
    c = SIMD4(c[2], c[3], c[0], c[1])
    d = SIMD4(b[3], b[0], b[1], b[2])
    b = newB
}

/// The Salsa20/8 permutation (four double rounds, without the final addition) on a block held
/// as rows in the diagonal layout.
@inline(__always)
func salsa20_8Rounds(
    _ a: inout SIMD4<UInt32>, _ b: inout SIMD4<UInt32>,
    _ c: inout SIMD4<UInt32>, _ d: inout SIMD4<UInt32>
) {
    // Four double rounds: column round, then the row round as a column round of the transpose.
    // Keep this a loop: fully unrolled, LLVM re-forms the XOR pairs into rotates and
    // scalarises them (see Scrypt+ROMix.swift).
    for _ in 0..<8 {
        salsa20HalfRound(&a, &b, &c, &d)
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
