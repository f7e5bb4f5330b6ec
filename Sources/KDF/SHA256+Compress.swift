// SHA-256 compression function (FIPS 180-4 §6.2.2), shared by SHA-224 (§6.3).
//
// Rounds (scalar): a…h in registers for a run of blocks; one `round` helper called with its
// arguments rotated (renamed, not shifted, as in Go's and OpenSSL's generic code). T1 = h +
// (W[t]+K[t]) + Ch(e,f,g) + Σ1(e); e' = d + T1; a' = T1 + Σ0(a) + Maj(a,b,c). The carried chains
// are e (Σ1: three parallel rotations, depth 3, then two adds) and a (Σ0, nested
// ROTR2(ROTR11(ROTR9(a) ^ a) ^ a): depth 5 but one register copy instead of three). Ch =
// ((f ^ g) & e) ^ g; Maj = ((a ^ b) & (b ^ c)) ^ b with b ^ c carried from the last round's a ^ b.
// W+K is one memory operand from a stack table. Wrapping arithmetic only (&+): no traps.
//
// Schedule (SSE2, SIMD4<UInt32>): W[t…t+3] = σ1(W[t-2…]) + W[t-7…] + σ0(W[t-15…]) + W[t-16…],
// sixteen rounds ahead, stored as W+K in a 64-word stack table. Registers hold four words in
// the lane order (t, t+2, t+1, t+3), the table too (the rounds read it in that order): σ1's two
// steps (W[t], W[t+1] need W[t-2], W[t-1]; W[t+2], W[t+3] need W[t], W[t+1]) then fill lanes
// 0, 2 and 1, 3, where the 64-bit shifts leave their results. σ1 works on words doubled in a
// 64-bit lane, so that psllq/psrlq by 15/13 or 17/19 are the rotations; σ0 is five shifts xored
// into one accumulator, left and right paired (an `|` of two shifts becomes a vector rotate,
// which SSE2 lacks and LLVM scalarises).
//
// Measured (thread CPU time, 16 KiB, commits "kdf: sha-256 …"): the scalar schedule before ran
// 307-309 MB/s at 3,450 instructions per block, this 342-348 MB/s at 2,540. It is throughput-
// bound: rounds alone ran 386 MB/s; a parallel Σ0 (two more instructions) lost 3 %, a nested Σ1
// 4 %; each group's vector work placed after its four rounds beat placing it before them (+3 %),
// after two rounds (+1.5 %) or after eight (+3 %): the rounds' older instructions win the ports.
// LLVM re-associates T1 as above whatever the source says.
//
// No secret-dependent branch or index: trip counts depend on the length only, K and the table are
// read at fixed offsets (memcheck: KDFConstantTimeTests).
//
// Release disassembly (objdump -d, swift 6.3.1 -O, after the last change): one function; a loop
// step (8 rounds, 8 schedule words) is 335 instructions, rol/xor/and/add/mov plus pslld/psrld/
// psllq/psrlq/pxor/paddd/pshufd/shufps, no stack spill (LLVM adds a needless movsd/shufpd pair
// to each σ1 step); no call but __stack_chk_fail, no retain/release/beginAccess, no allocation,
// no bounds check; one ud2 (negative block count, never from MDHasher).

import TesseraCore

/// K: the first 32 bits of the fractional parts of the cube roots of the first 64 primes
/// (FIPS 180-4 §4.2.2), each group of four in the schedule's lane order: K[t], K[t+2], K[t+1],
/// K[t+3] (generated from the standard table; see `scheduleFour` for the order).
private let sha256KLanes: [UInt32] = [
    0x428a2f98, 0xb5c0fbcf, 0x71374491, 0xe9b5dba5, 0x3956c25b, 0x923f82a4, 0x59f111f1, 0xab1c5ed5,
    0xd807aa98, 0x243185be, 0x12835b01, 0x550c7dc3, 0x72be5d74, 0x9bdc06a7, 0x80deb1fe, 0xc19bf174,
    0xe49b69c1, 0x0fc19dc6, 0xefbe4786, 0x240ca1cc, 0x2de92c6f, 0x5cb0a9dc, 0x4a7484aa, 0x76f988da,
    0x983e5152, 0xb00327c8, 0xa831c66d, 0xbf597fc7, 0xc6e00bf3, 0x06ca6351, 0xd5a79147, 0x14292967,
    0x27b70a85, 0x4d2c6dfc, 0x2e1b2138, 0x53380d13, 0x650a7354, 0x81c2c92e, 0x766a0abb, 0x92722c85,
    0xa2bfe8a1, 0xc24b8b70, 0xa81a664b, 0xc76c51a3, 0xd192e819, 0xf40e3585, 0xd6990624, 0x106aa070,
    0x19a4c116, 0x2748774c, 0x1e376c08, 0x34b0bcb5, 0x391c0cb3, 0x5b9cca4f, 0x4ed8aa4a, 0x682e6ff3,
    0x748f82ee, 0x84c87814, 0x78a5636f, 0x8cc70208, 0x90befffa, 0xbef9a3f7, 0xa4506ceb, 0xc67178f2,
]

/// Eight 32-bit chaining words (H0…H7).
package typealias SHA256State = (UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32)

@inline(__always)
private func rotr(_ x: UInt32, _ n: UInt32) -> UInt32 {
    (x &>> n) | (x &<< (32 &- n))
}

/// One SHA-256 round (FIPS 180-4 §6.2.2 step 3), with the roles of the eight words passed in
/// rotated order: only `d` and `h` change. `wk` is W[t] + K[t]. `bc` carries b ^ c in and
/// a ^ b out: the next round's b ^ c is this round's a ^ b, so Maj(a, b, c) =
/// ((a ^ b) & (b ^ c)) ^ b costs one xor fewer.
@inline(__always)
private func round(
    _ a: UInt32, _ b: UInt32, _ c: UInt32, _ d: inout UInt32,
    _ e: UInt32, _ f: UInt32, _ g: UInt32, _ h: inout UInt32, _ wk: UInt32, _ bc: inout UInt32
) {
    let sigma1 = rotr(e, 6) ^ rotr(e, 11) ^ rotr(e, 25)
    let ch = ((f ^ g) & e) ^ g
    let t1 = h &+ sigma1 &+ ch &+ wk
    let sigma0 = rotr(rotr(rotr(a, 9) ^ a, 11) ^ a, 2)
    let ab = a ^ b
    let maj = (ab & bc) ^ b
    bc = ab
    d &+= t1
    h = t1 &+ sigma0 &+ maj
}

/// The working variables a…h and the carried b ^ c.
private typealias Working = (a: UInt32, b: UInt32, c: UInt32, d: UInt32,
                             e: UInt32, f: UInt32, g: UInt32, h: UInt32, bc: UInt32)

/// Rounds t…t+3 reading W+K at `wk` in lane order (t, t+2, t+1, t+3); the roles of a…h
/// rotate by one per round.
@inline(__always)
private func fourRounds(_ s: inout Working, _ wk: UnsafePointer<UInt32>) {
    round(s.a, s.b, s.c, &s.d, s.e, s.f, s.g, &s.h, wk[0], &s.bc)
    round(s.h, s.a, s.b, &s.c, s.d, s.e, s.f, &s.g, wk[2], &s.bc)
    round(s.g, s.h, s.a, &s.b, s.c, s.d, s.e, &s.f, wk[1], &s.bc)
    round(s.f, s.g, s.h, &s.a, s.b, s.c, s.d, &s.e, wk[3], &s.bc)
}

/// Rounds t+4…t+7: the same with the roles four places on.
@inline(__always)
private func fourRoundsRotated(_ s: inout Working, _ wk: UnsafePointer<UInt32>) {
    round(s.e, s.f, s.g, &s.h, s.a, s.b, s.c, &s.d, wk[0], &s.bc)
    round(s.d, s.e, s.f, &s.g, s.h, s.a, s.b, &s.c, wk[2], &s.bc)
    round(s.c, s.d, s.e, &s.f, s.g, s.h, s.a, &s.b, wk[1], &s.bc)
    round(s.b, s.c, s.d, &s.e, s.f, s.g, s.h, &s.a, wk[3], &s.bc)
}

/// Four schedule words as one SSE2 register.
private typealias Words4 = SIMD4<UInt32>

/// Big-endian to native order in each lane: the 16-bit halves swapped (pshuflw, pshufhw), then
/// the bytes within each half (psllw, psrlw, por). SSE2 has no pshufb.
@inline(__always)
private func byteSwapLanes(_ v: Words4) -> Words4 {
    #if _endian(big)
    return v
    #else
    let h = unsafeBitCast(v, to: SIMD8<UInt16>.self)
    let s = SIMD8(h[1], h[0], h[3], h[2], h[5], h[4], h[7], h[6])
    var r = s &<< 8
    r ^= s &>> 8
    return unsafeBitCast(r, to: Words4.self)
    #endif
}

// σ0 and σ1 lane-wise, as five shifts folded into one accumulator by xor, a left shift paired
// with a right one. Seen in the release assembly (swift 6.3.1 -O): `(x &<< 25) | (x &>> 7)`
// is matched as a vector rotate, which SSE2 lacks, and scalarised; and xoring two right shifts
// of x first (x >> 3 ^ x >> 7) came out with four extra pshufd/punpckldq per σ.

/// σ0 = ROTR7 ^ ROTR18 ^ SHR3 (FIPS 180-4 §4.1.2, (4.6)), lane-wise.
@inline(__always)
private func smallSigma0(_ x: Words4) -> Words4 {
    var r = x &<< 14
    r ^= x &>> 3
    r ^= x &<< 25
    r ^= x &>> 7
    r ^= x &>> 18
    return r
}

/// σ1 = ROTR17 ^ ROTR19 ^ SHR10 (FIPS 180-4 §4.1.2, (4.7)) of two words, each given twice in
/// a 64-bit lane, y = (u, u, v, v): a 64-bit left shift of u:u by 15 (13) leaves ROTR17(u)
/// (ROTR19(u)) in the high half, which the final 64-bit shift by 32 moves down. Result:
/// (σ1(u), 0, σ1(v), 0).
@inline(__always)
private func smallSigma1ToEven(_ y: Words4) -> Words4 {
    let q = unsafeBitCast(y, to: SIMD2<UInt64>.self)
    var r = q &<< 15
    r ^= q &<< 13
    r ^= unsafeBitCast(y &>> 10, to: SIMD2<UInt64>.self)
    return unsafeBitCast(r &>> 32, to: Words4.self)
}

/// σ1 of y = (u, u, v, v) as (0, σ1(u), 0, σ1(v)): right shifts of u:u by 17 and 19 leave the
/// rotations in the low half, moved up by a 64-bit shift by 32.
@inline(__always)
private func smallSigma1ToOdd(_ y: Words4) -> Words4 {
    let q = unsafeBitCast(y, to: SIMD2<UInt64>.self)
    var r = q &>> 17
    r ^= q &>> 19
    r ^= unsafeBitCast(y &>> 10, to: SIMD2<UInt64>.self)
    return unsafeBitCast(r &<< 32, to: Words4.self)
}

/// Stores W[t…t+3] + K[t…t+3] (`x` and the K table in lane order) at word t of `table`.
@inline(__always)
private func storeFour(_ x: Words4, _ t: Int, _ table: UnsafeMutableRawPointer, _ k: UnsafeRawPointer) {
    let wk = x &+ k.loadUnaligned(fromByteOffset: 4 &* t, as: Words4.self)
    table.storeBytes(of: wk, toByteOffset: 4 &* t, as: Words4.self)
}

/// W[t…t+3] (FIPS 180-4 §6.2.2 step 1) from the previous sixteen words, every register in lane
/// order (W[t], W[t+2], W[t+1], W[t+3]): x0 = W[t-16…], x1 = W[t-12…], x2 = W[t-8…], x3 =
/// W[t-4…]. σ1 needs W[t+2-2] = W[t], so it runs twice on two words: on W[t-2], W[t-1] into
/// lanes 0 and 2 (W[t], W[t+1]), then on those into lanes 1 and 3 (W[t+2], W[t+3]). In this
/// order each step's results land where the 64-bit shifts put them, zeros elsewhere: no lane
/// pick, no blend.
@inline(__always)
private func scheduleFour(_ x0: Words4, _ x1: Words4, _ x2: Words4, _ x3: Words4) -> Words4 {
    let w15 = Words4(x0[2], x0[3], x0[1], x1[0])  // W[t-15], W[t-13], W[t-14], W[t-12]
    let w7 = Words4(x2[2], x2[3], x2[1], x3[0])   // W[t-7], W[t-5], W[t-6], W[t-4]
    let s = x0 &+ smallSigma0(w15) &+ w7
    let lo = s &+ smallSigma1ToEven(Words4(x3[1], x3[1], x3[3], x3[3]))
    return lo &+ smallSigma1ToOdd(Words4(lo[0], lo[0], lo[2], lo[2]))
}

/// A block's message vector in lane order (W[t], W[t+2], W[t+1], W[t+3]).
@inline(__always)
private func laneOrder(_ v: Words4) -> Words4 { Words4(v[0], v[2], v[1], v[3]) }

/// SHA-256's compression function and parameters.
package enum SHA256Compression: MDCompression {
    package static var blockByteCount: Int { 64 }
    package static var lengthByteCount: Int { 8 }
    package static var digestByteCount: Int { 32 }
    /// H(0): the first 32 bits of the fractional parts of the square roots of the first eight
    /// primes (FIPS 180-4 §5.3.3).
    package static var initialState: SHA256State {
        (0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19)
    }

    /// Absorbs `blockCount` 64-byte blocks at `blocks` (any alignment).
    @inline(never)
    package static func compress(_ state: inout SHA256State, _ blocks: UnsafeRawPointer, _ blockCount: Int) {
        sha256KLanes.withUnsafeBufferPointer { kBuffer in
            let k = UnsafeRawPointer(kBuffer.baseAddress!)
            withUnsafeTemporaryAllocation(of: UInt32.self, capacity: 64) { tableBuffer in
                let wk = UnsafePointer(tableBuffer.baseAddress!)
                let table = UnsafeMutableRawPointer(tableBuffer.baseAddress!)
                var (h0, h1, h2, h3, h4, h5, h6, h7) = state
                var p = blocks
                for _ in 0..<blockCount {
                    var x0 = laneOrder(byteSwapLanes(p.loadUnaligned(fromByteOffset: 0, as: Words4.self)))
                    var x1 = laneOrder(byteSwapLanes(p.loadUnaligned(fromByteOffset: 16, as: Words4.self)))
                    var x2 = laneOrder(byteSwapLanes(p.loadUnaligned(fromByteOffset: 32, as: Words4.self)))
                    var x3 = laneOrder(byteSwapLanes(p.loadUnaligned(fromByteOffset: 48, as: Words4.self)))
                    storeFour(x0, 0, table, k)
                    storeFour(x1, 4, table, k)
                    storeFour(x2, 8, table, k)
                    storeFour(x3, 12, table, k)
                    var s: Working = (h0, h1, h2, h3, h4, h5, h6, h7, h1 ^ h2)
                    // Rounds t…t+3, then W[t+16…t+19]; rounds t+4…t+7, then W[t+20…t+23]. The
                    // vector work comes after the rounds in program order, so the rounds'
                    // instructions are older and win the ports (oldest-first issue).
                    var t = 0
                    while t < 48 {
                        fourRounds(&s, wk + t)
                        let x4 = scheduleFour(x0, x1, x2, x3)
                        storeFour(x4, t &+ 16, table, k)
                        fourRoundsRotated(&s, wk + (t &+ 4))
                        let x5 = scheduleFour(x1, x2, x3, x4)
                        storeFour(x5, t &+ 20, table, k)
                        (x0, x1, x2, x3) = (x2, x3, x4, x5)
                        t &+= 8
                    }
                    fourRounds(&s, wk + 48)
                    fourRoundsRotated(&s, wk + 52)
                    fourRounds(&s, wk + 56)
                    fourRoundsRotated(&s, wk + 60)
                    h0 &+= s.a; h1 &+= s.b; h2 &+= s.c; h3 &+= s.d
                    h4 &+= s.e; h5 &+= s.f; h6 &+= s.g; h7 &+= s.h
                    p += 64
                }
                // The table holds the last block's words (for HMAC's key setup, the padded key).
                secureZero(table, 64 &* 4)
                state = (h0, h1, h2, h3, h4, h5, h6, h7)
            }
        }
    }

    /// Writes H0…H7 big-endian.
    @inline(__always)
    package static func storeDigest(_ state: SHA256State, _ out: UnsafeMutableRawPointer) {
        out.store32BE(state.0, 0); out.store32BE(state.1, 4)
        out.store32BE(state.2, 8); out.store32BE(state.3, 12)
        out.store32BE(state.4, 16); out.store32BE(state.5, 20)
        out.store32BE(state.6, 24); out.store32BE(state.7, 28)
    }
}

/// SHA-224: SHA-256's compression with its own initial value, truncated to 28 bytes (FIPS
/// 180-4 §6.3). Internal: swift-crypto has no public SHA-224; PBKDF2's `.insecureSHA224` uses it.
package enum SHA224Compression: MDCompression {
    package static var blockByteCount: Int { 64 }
    package static var lengthByteCount: Int { 8 }
    package static var digestByteCount: Int { 28 }
    /// H(0) for SHA-224: the second 32 bits of the fractional parts of the square roots of the
    /// 9th through 16th primes (FIPS 180-4 §5.3.2).
    package static var initialState: SHA256State {
        (0xc1059ed8, 0x367cd507, 0x3070dd17, 0xf70e5939, 0xffc00b31, 0x68581511, 0x64f98fa7, 0xbefa4fa4)
    }
    @inline(__always)
    package static func compress(_ state: inout SHA256State, _ blocks: UnsafeRawPointer, _ blockCount: Int) {
        SHA256Compression.compress(&state, blocks, blockCount)
    }
    @inline(__always)
    package static func storeDigest(_ state: SHA256State, _ out: UnsafeMutableRawPointer) {
        out.store32BE(state.0, 0); out.store32BE(state.1, 4)
        out.store32BE(state.2, 8); out.store32BE(state.3, 12)
        out.store32BE(state.4, 16); out.store32BE(state.5, 20)
        out.store32BE(state.6, 24)
    }
}

// Toolchain note (swift 6.3.1 -O, x86-64): the schedule table is zeroed before the state store
// that ends the `withUnsafeTemporaryAllocation` closure, never as its last statement:
// `initialize(repeating: 0)` there made the closure end in a tail call to memset that skipped
// restoring r12, the swifterror register of the typed-throws closure (a crash in every hash).
// Cost of the zeroing, with secureZero's 7-instruction barrier (benchmarks --no-anchors, two
// runs each, quiet machine): SHA-256 64 B 149 -> 143 MB/s, HMAC 1.50 -> 1.44 M ops/s, HKDF 550 ->
// 530 k ops/s, PBKDF2 2.55 -> 2.42 M iter/s, SHA-256 16 KiB unchanged (one wipe per call). Paid
// because the table holds the last block's words: the padded key during HMAC's key setup.
