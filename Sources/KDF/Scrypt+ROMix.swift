// scrypt's BlockMix and ROMix (RFC 7914 §4 and §5) over caller-provided, 64-byte-aligned buffers
// whose 64-byte Salsa20 blocks are already in the diagonal layout of Salsa20Core.swift.
//
// BlockMix_{Salsa20/8, r}(B), B = B_0 .. B_{2r-1} (64-byte blocks):
//     X = B_{2r-1};  for i in 0 ..< 2r { X = Salsa20/8(X ^ B_i); Y_i = X }
//     output (Y_0, Y_2, .., Y_{2r-2}, Y_1, Y_3, .., Y_{2r-1})   (even ones first, then odd)
// ROMix_r(B, N):
//     X = B;  for i in 0 ..< N { V_i = X; X = BlockMix(X) }
//     for i in 0 ..< N { j = Integerify(X) mod N; X = BlockMix(X ^ V_j) }
// Integerify(X) is the first little-endian word of X's last 64-byte block; N <= 2^32 here, so
// the low 32 bits are all that the reduction mod N keeps. That word sits at storage word 0 of the
// block in the diagonal layout, and it is row a's lane 0 of the last Salsa20/8 output, so
// BlockMix returns it from the register instead of reading it back.
//
// Memory: V is written in place (V_0 = B, V_{i+1} = BlockMix(V_i)); the second loop XORs V_j
// into X in place, then BlockMix ping-pongs between the lane's own 128r bytes and one 128r-byte
// scratch T: N is even, so the result ends in the lane. No allocation here; the caller owns and
// zeroes every buffer.
//
// Timing: V_j is read at an index derived from the password (scrypt's design, RFC 7914 §2), so
// scrypt is not cache-timing resistant; everything else is branch-free in the data.
//
// Speed: one Salsa20/8 core is a chain of 32 quarter steps, each paddd -> pslld/psrld -> pxor ->
// pxor (or por -> pxor), 4 cycles deep with SSE2, and BlockMix and ROMix are sequential, so
// ROMix is latency-bound at about 130 cycles per core (2N * 2r = 524,288 cores at N = 16384,
// r = 8). Measured: 307 instructions and about 147 cycles per core including BlockMix and the
// V_j pass (callgrind; CPU time at N = 1024, 2.95 GHz). Keep the half rounds in a loop:
// unrolled, LLVM reassociates the XOR pairs across steps, forms rotates and scalarises them
// (372 `rol` and 794 `movd` in ROMix, 2.8x slower at full unroll, 10% slower unrolled by two).
// A scalar 16-register Salsa20/8 was 15% slower (spills).
//
// Where the rest goes (2026-11-23, CPU time at 2.97 GHz; an `imul`/`ror` chain calibrates the
// clock): at N = 2^7 (V in L2) 147.7 cycles per core; at N = 2^14 about 163, the extra being
// memory: ~0.8 ms for the first loop's write-allocate misses on fresh V lines and ~2.1 ms for
// the second loop, which waits ~380 cycles per step for V_j (its index is known only after the
// step before, by design). The same SSE2 core written in C with intrinsics (clang -O2) runs at
// 150 cycles per core, so this is the SSE2 floor here, not a Swift code-generation loss. A scalar
// core (lea/rol/xor is 3 cycles deep, not 4) reached 139-141 cycles per core alone once an
// acquire fence kept LLVM from holding the 16 input words live across the rounds, but in ROMix
// it was slower (N = 2^14: 30.5 vs 28.6 ms): 32 four-byte stores per core instead of 8
// sixteen-byte ones, against V's write-allocate misses. Transparent huge pages for V
// (madvise) saved ~0.5 ms but need a libc call the crypto modules do not make.
//
// Disassembly (Swift 6.3.1 -c release, objdump -d on Scrypt+ROMix.swift.o | swift demangle): the
// ROMix loops are one function with BlockMix and the Salsa20/8 half-round loop inlined; each
// quarter step is paddd, pslld, psrld, two pxor (or por, pxor) plus movdqa copies; the
// transposes are three pshufd; no call, swift_retain, swift_beginAccess or ud2 in the loops
// (the only calls are the memmove of V_0 = B and the ud2 traps of the entry checks).

import TesseraCore

/// One BlockMix over `2r` diagonal-layout blocks: `out = BlockMix(x)`. `out` must not overlap
/// `x`. Returns Integerify of the output (its low 32 bits).
@inline(__always)
func scryptBlockMixSalsa8(_ x: UnsafeRawPointer, _ out: UnsafeMutableRawPointer, r: Int) -> UInt32 {
    let lastOffset = (2 &* r &- 1) &* 64
    var a = x.load(fromByteOffset: lastOffset, as: SIMD4<UInt32>.self)
    var b = x.load(fromByteOffset: lastOffset &+ 16, as: SIMD4<UInt32>.self)
    var c = x.load(fromByteOffset: lastOffset &+ 32, as: SIMD4<UInt32>.self)
    var d = x.load(fromByteOffset: lastOffset &+ 48, as: SIMD4<UInt32>.self)
    var i = 0
    while i < 2 &* r {
        let off = i &* 64
        a ^= x.load(fromByteOffset: off, as: SIMD4<UInt32>.self)
        b ^= x.load(fromByteOffset: off &+ 16, as: SIMD4<UInt32>.self)
        c ^= x.load(fromByteOffset: off &+ 32, as: SIMD4<UInt32>.self)
        d ^= x.load(fromByteOffset: off &+ 48, as: SIMD4<UInt32>.self)
        let (a0, b0, c0, d0) = (a, b, c, d)
        salsa20_8Rounds(&a, &b, &c, &d)
        a &+= a0
        b &+= b0
        c &+= c0
        d &+= d0
        // Output position: even blocks to the first half, odd ones to the second.
        let dst = out + ((i &>> 1) &+ (i & 1) &* r) &* 64
        dst.storeBytes(of: a, toByteOffset: 0, as: SIMD4<UInt32>.self)
        dst.storeBytes(of: b, toByteOffset: 16, as: SIMD4<UInt32>.self)
        dst.storeBytes(of: c, toByteOffset: 32, as: SIMD4<UInt32>.self)
        dst.storeBytes(of: d, toByteOffset: 48, as: SIMD4<UInt32>.self)
        i &+= 1
    }
    return a[0]
}

/// ROMix_r (RFC 7914 §5) in place on one lane `b` of `128 * r` bytes in the diagonal layout.
///
/// - Parameters:
///   - b: the lane, 64-byte aligned; holds the result on return.
///   - r: the block size parameter, >= 1.
///   - n: the cost parameter N, a power of two in 2 ... 2^32.
///   - v: `128 * r * n` bytes of scratch, 64-byte aligned.
///   - t: `128 * r` bytes of scratch, 64-byte aligned.
package func scryptROMix(
    _ b: UnsafeMutableRawPointer, r: Int, n: Int,
    v: UnsafeMutableRawPointer, t: UnsafeMutableRawPointer
) {
    let laneBytes = 128 &* r
    // Steps 1-2: V_0 = B, V_i = BlockMix(V_{i-1}), X = BlockMix(V_{N-1}).
    v.copyMemory(from: b, byteCount: laneBytes)
    var prev = v
    for _ in 1..<n {
        let next = prev + laneBytes
        _ = scryptBlockMixSalsa8(prev, next, r: r)
        prev = next
    }
    var j = scryptBlockMixSalsa8(prev, b, r: r)
    // Step 3: X = BlockMix(X ^ V_j), alternating between the lane and t.
    let mask = UInt32(truncatingIfNeeded: n &- 1)
    var x = b
    var y = t
    for _ in 0..<n {
        // X ^= V_j, sixteen bytes at a time, before BlockMix: all of V_j's cache lines are
        // requested at once (V is 16 MiB at N = 16384, r = 8, so they come from L3), and the
        // Salsa20/8 chain then sees one XOR per block instead of two.
        let vj = UnsafeRawPointer(v + Int(j & mask) &* laneBytes)
        var k = 0
        while k < laneBytes {
            let w = x.load(fromByteOffset: k, as: SIMD4<UInt32>.self)
                ^ vj.load(fromByteOffset: k, as: SIMD4<UInt32>.self)
            x.storeBytes(of: w, toByteOffset: k, as: SIMD4<UInt32>.self)
            k &+= 16
        }
        j = scryptBlockMixSalsa8(x, y, r: r)
        swap(&x, &y)
    }
    // N is even, so the last output landed in b.
}

/// ROMix on each of the `p` lanes of `b` (`128 * r * p` bytes, natural little-endian order in and
/// out), one lane after the other, reusing `scratch` (`128 * r * (n + 1)` bytes: T, then V).
/// All three buffers are 64-byte aligned; the caller zeroes them.
package func scryptROMixLanes(
    _ b: UnsafeMutableRawPointer, r: Int, n: Int, p: Int, scratch: UnsafeMutableRawPointer
) {
    let laneBytes = 128 &* r
    for lane in 0..<p {
        let x = b + lane &* laneBytes
        salsa20ToDiagonal(x, blocks: 2 &* r)
        scryptROMix(x, r: r, n: n, v: scratch + laneBytes, t: scratch)
        salsa20FromDiagonal(x, blocks: 2 &* r)
    }
}

/// BlockMix (RFC 7914 §4) of `2r` natural-order blocks at `input` into `output`. For the tests
/// (RFC 7914 §9).
package func scryptBlockMixNaturalOrder(
    _ input: UnsafeRawBufferPointer, _ output: UnsafeMutableRawBufferPointer, r: Int
) {
    precondition(input.count == 128 * r && output.count == 128 * r)
    let bytes = 128 * r
    let x = UnsafeMutableRawPointer.allocate(byteCount: bytes, alignment: 64)
    defer { secureZero(x, bytes); x.deallocate() }
    x.copyMemory(from: input.baseAddress!, byteCount: bytes)
    salsa20ToDiagonal(x, blocks: 2 * r)
    let y = output.baseAddress!
    _ = scryptBlockMixSalsa8(x, y, r: r)
    salsa20FromDiagonal(y, blocks: 2 * r)
}

/// ROMix (RFC 7914 §5) of one natural-order lane in place. For the tests (RFC 7914 §10).
package func scryptROMixNaturalOrder(_ lane: UnsafeMutableRawBufferPointer, r: Int, n: Int) {
    precondition(lane.count == 128 * r && n >= 2 && n & (n - 1) == 0)
    let bytes = 128 * r
    let work = UnsafeMutableRawPointer.allocate(byteCount: bytes * (n + 2), alignment: 64)
    defer { secureZero(work, bytes * (n + 2)); work.deallocate() }
    work.copyMemory(from: lane.baseAddress!, byteCount: bytes)
    scryptROMixLanes(work, r: r, n: n, p: 1, scratch: work + bytes)
    lane.baseAddress!.copyMemory(from: work, byteCount: bytes)
}
