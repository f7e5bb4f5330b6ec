// The fixsliced AES rounds on 8 blocks: MixColumns in its four conjugated forms, and encryption.
//
// What: FIPS-197 §5.1 Cipher (AddRoundKey; Nr-1 rounds of SubBytes, ShiftRows, MixColumns,
// AddRoundKey; a last round without MixColumns) on 8 bitsliced blocks, ShiftRows never applied.
// Representation: see AESFixslice128.swift (plane dword = column, byte = row).
// Fixslicing (Adomnicai–Peyrin, eprint 2020/1123, §3.1): after round i the held state T is the
// true one moved back by ShiftRows^i, so round i must apply MC_i = SR^-i · MC · SR^i. Writing
// rho(a, b)(T)[r][c] = T[r + a][c + b], MC_i(T) = 2·T ^ 3·rho(1, i)(T) ^ rho(2, 2i)(T) ^
// rho(3, 3i)(T), which with B = rho(1, i)(T) and C = T ^ B is  xtime(C) ^ B ^ rho(2, 2i)(C)
// (the factoring of Käsper–Schwabe 2009, §4.3). A row move is a rotate inside each 32-bit lane
// (byte r takes byte r + a: a right rotate by 8a), a column move is a dword shuffle.
// The output of the last round is T_final moved forward by SR^Nr (Nr mod 4 is 2 for AES-128
// and AES-256, 0 for AES-192): rows 1 and 3 swap dword halves.
//
// Disassembly of `encrypt` (swift 6.3.1 -O, `objdump -d --no-show-raw-insn`, x86-64 baseline
// SSE2), read after each change: the 4 unrolled rounds are straight-line pxor/pand/por/psrld/
// pslld/pshufd/pshuflw/pshufhw plus movdqa copies and about 33 spills per round; the only
// branches test the public round count; no call, no retain/release, no swift_beginAccess, no
// bounds-check trap. Per round about 285 instructions (S-box ~175, MixColumns ~95, key 8).
// Findings that shaped the code: the rotate by 16 written as a SIMD8<UInt16> shuffle gives
// pshuflw+pshufhw (2 instructions instead of 4); the rotate by 8 stays psrld/pslld/por (AESPlane
// writes the left shift as a multiply, so LLVM never forms a per-lane rotate, which on SSE2 it
// scalarises); the SR^2 mask must come from memory (see `shiftRowsTwice`).

/// The row and column moves of one MixColumns variant MC_i (the type name gives i mod 4).
protocol AESFixsliceMix {
    /// rho(1, i): byte r of column c takes byte r + 1 of column c + i.
    static func rho1(_ x: AESPlane) -> AESPlane
    /// rho(2, 2i): byte r of column c takes byte r + 2 of column c + 2i.
    static func rho2(_ x: AESPlane) -> AESPlane
}

/// Row r takes row r + 1 (a right rotate by 8 of each 32-bit lane).
@inline(__always)
private func rowsUp1(_ x: AESPlane) -> AESPlane {
    (x &>> 8) | (x &<< 24)
}

/// Row r takes row r + 2 (a rotate by 16 of each 32-bit lane).
@inline(__always)
private func rowsUp2(_ x: AESPlane) -> AESPlane {
    let h = unsafeBitCast(x.lanes, to: SIMD8<UInt16>.self)
    return AESPlane(unsafeBitCast(SIMD8(h[1], h[0], h[3], h[2], h[5], h[4], h[7], h[6]), to: SIMD4<UInt32>.self))
}

/// Row r takes row r + 2 and column c takes column c + 2.
@inline(__always)
private func rowsUp2ColumnsOver2(_ x: AESPlane) -> AESPlane {
    let h = unsafeBitCast(x.lanes, to: SIMD8<UInt16>.self)
    return AESPlane(unsafeBitCast(SIMD8(h[5], h[4], h[7], h[6], h[1], h[0], h[3], h[2]), to: SIMD4<UInt32>.self))
}

/// Rounds 4, 8, 12 (i = 0 mod 4): the plain MixColumns.
enum AESMix0: AESFixsliceMix {
    @inline(__always) static func rho1(_ x: AESPlane) -> AESPlane { rowsUp1(x) }
    @inline(__always) static func rho2(_ x: AESPlane) -> AESPlane { rowsUp2(x) }
}

/// Rounds 1, 5, 9, 13.
enum AESMix1: AESFixsliceMix {
    @inline(__always) static func rho1(_ x: AESPlane) -> AESPlane {
        let y = rowsUp1(x)
        return AESPlane(y[1], y[2], y[3], y[0])
    }
    @inline(__always) static func rho2(_ x: AESPlane) -> AESPlane { rowsUp2ColumnsOver2(x) }
}

/// Rounds 2, 6, 10.
enum AESMix2: AESFixsliceMix {
    @inline(__always) static func rho1(_ x: AESPlane) -> AESPlane {
        let y = rowsUp1(x)
        return AESPlane(y[2], y[3], y[0], y[1])
    }
    @inline(__always) static func rho2(_ x: AESPlane) -> AESPlane { rowsUp2(x) }
}

/// Rounds 3, 7, 11.
enum AESMix3: AESFixsliceMix {
    @inline(__always) static func rho1(_ x: AESPlane) -> AESPlane {
        let y = rowsUp1(x)
        return AESPlane(y[3], y[0], y[1], y[2])
    }
    @inline(__always) static func rho2(_ x: AESPlane) -> AESPlane { rowsUp2ColumnsOver2(x) }
}

extension AESBitSlices where Plane == AESPlane {
    /// MC_i for the variant `M` (see the file comment).
    @inline(__always)
    mutating func mixColumns<M: AESFixsliceMix>(_: M.Type) {
        let b0 = M.rho1(p0), b1 = M.rho1(p1), b2 = M.rho1(p2), b3 = M.rho1(p3)
        let b4 = M.rho1(p4), b5 = M.rho1(p5), b6 = M.rho1(p6), b7 = M.rho1(p7)
        let c0 = p0 ^ b0, c1 = p1 ^ b1, c2 = p2 ^ b2, c3 = p3 ^ b3
        let c4 = p4 ^ b4, c5 = p5 ^ b5, c6 = p6 ^ b6, c7 = p7 ^ b7
        // xtime(C) = C·x mod x^8 + x^4 + x^3 + x + 1: plane j takes c(j-1), plus c7 in 0, 1, 3, 4.
        p0 = b0 ^ M.rho2(c0) ^ c7
        p1 = b1 ^ M.rho2(c1) ^ c0 ^ c7
        p2 = b2 ^ M.rho2(c2) ^ c1
        p3 = b3 ^ M.rho2(c3) ^ c2 ^ c7
        p4 = b4 ^ M.rho2(c4) ^ c3 ^ c7
        p5 = b5 ^ M.rho2(c5) ^ c4
        p6 = b6 ^ M.rho2(c6) ^ c5
        p7 = b7 ^ M.rho2(c7) ^ c6
    }

    /// One full round with MixColumns variant `M`: SubBytes, MC_i, AddRoundKey.
    @inline(__always)
    mutating func round<M: AESFixsliceMix>(_ m: M.Type, _ key: UnsafePointer<AESPlane>) {
        subBytesMinus63()
        mixColumns(m)
        addRoundKey(key)
    }

    /// SR^2 on the state: rows 1 and 3 take the other half of the columns. `rows13` is
    /// 0xFF00FF00 in every lane, loaded from memory: with a constant mask LLVM rewrites the
    /// masked XOR as a byte shuffle and lowers it through punpck/packuswb (3x the instructions).
    @inline(__always)
    mutating func shiftRowsTwice(_ rows13: AESPlane) {
        @inline(__always) func fix(_ x: AESPlane) -> AESPlane {
            x ^ ((x ^ AESPlane(x[2], x[3], x[0], x[1])) & rows13)
        }
        p0 = fix(p0); p1 = fix(p1); p2 = fix(p2); p3 = fix(p3)
        p4 = fix(p4); p5 = fix(p5); p6 = fix(p6); p7 = fix(p7)
    }
}

extension AESFixslice128 {
    /// Encrypts the 8 transposed states in `s` (FIPS-197 Cipher, fixsliced), in place.
    ///
    /// - Parameters:
    ///   - roundKeys: `(rounds + 1) * 8` planes from `expandKey`, then the rows-1-and-3 mask.
    ///   - rounds: 10, 12 or 14 (public: the loop's only branches test it).
    @inline(never)
    static func encrypt(_ s: inout State, roundKeys: UnsafePointer<AESPlane>, rounds: Int) {
        s.addRoundKey(roundKeys)
        var key = roundKeys + planesPerRoundKey
        // Rounds 1...rounds-1, variants 1, 2, 3, 0, 1, ... (round i uses MC_(i mod 4)).
        var left = rounds &- 1
        while true {
            s.round(AESMix1.self, key); key += planesPerRoundKey; left &-= 1
            if left == 0 { break }
            s.round(AESMix2.self, key); key += planesPerRoundKey; left &-= 1
            if left == 0 { break }
            s.round(AESMix3.self, key); key += planesPerRoundKey; left &-= 1
            if left == 0 { break }
            s.round(AESMix0.self, key); key += planesPerRoundKey; left &-= 1
            if left == 0 { break }
        }
        s.subBytesMinus63()
        s.addRoundKey(key)
        if rounds & 3 == 2 { s.shiftRowsTwice(roundKeys[(rounds &+ 1) &* planesPerRoundKey]) }
    }
}
