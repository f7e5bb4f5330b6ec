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
// Disassembly of `encrypt8` (swift 6.3.1 -O, `objdump -d`, x86-64 baseline SSE2), noted after
// reading it: the round loop is straight-line pxor/pand/por/psrld/pslld/pshufd/pshuflw/pshufhw
// with spills to the stack; the only branches are the loop's round count (public); no call, no
// retain/release, no bounds check. The 32-bit rotates keep their shifts because the right shift
// is ANDed with an all-ones mask loaded from memory (`ones`): written as a bare rotate, LLVM
// forms a per-lane rotate and lowers it as scalar `rol`s on SSE2.

/// The column and row moves of one MixColumns variant (i mod 4 = `columnShift`).
protocol AESFixsliceMix {
    /// rho(1, i): byte r of column c takes byte r + 1 of column c + i.
    static func rho1(_ x: AESPlane, _ ones: AESPlane) -> AESPlane
    /// rho(2, 2i): byte r of column c takes byte r + 2 of column c + 2i.
    static func rho2(_ x: AESPlane, _ ones: AESPlane) -> AESPlane
}

/// Row r takes row r + 1 (a right rotate by 8 of each 32-bit lane).
@inline(__always)
private func rowsUp1(_ x: AESPlane, _ ones: AESPlane) -> AESPlane {
    ((x &>> 8) & ones) | (x &<< 24)
}

/// Row r takes row r + 2 (a rotate by 16 of each 32-bit lane).
@inline(__always)
private func rowsUp2(_ x: AESPlane, _ ones: AESPlane) -> AESPlane {
    ((x &>> 16) & ones) | (x &<< 16)
}

/// Row r takes row r + 2 and column c takes column c + 2.
@inline(__always)
private func rowsUp2ColumnsOver2(_ x: AESPlane, _ ones: AESPlane) -> AESPlane {
    let y = rowsUp2(x, ones)
    return AESPlane(y[2], y[3], y[0], y[1])
}

/// Rounds 4, 8, 12 (i = 0 mod 4): the plain MixColumns.
enum AESMix0: AESFixsliceMix {
    @inline(__always) static func rho1(_ x: AESPlane, _ ones: AESPlane) -> AESPlane { rowsUp1(x, ones) }
    @inline(__always) static func rho2(_ x: AESPlane, _ ones: AESPlane) -> AESPlane { rowsUp2(x, ones) }
}

/// Rounds 1, 5, 9, 13.
enum AESMix1: AESFixsliceMix {
    @inline(__always) static func rho1(_ x: AESPlane, _ ones: AESPlane) -> AESPlane {
        let y = rowsUp1(x, ones)
        return AESPlane(y[1], y[2], y[3], y[0])
    }
    @inline(__always) static func rho2(_ x: AESPlane, _ ones: AESPlane) -> AESPlane { rowsUp2ColumnsOver2(x, ones) }
}

/// Rounds 2, 6, 10.
enum AESMix2: AESFixsliceMix {
    @inline(__always) static func rho1(_ x: AESPlane, _ ones: AESPlane) -> AESPlane {
        let y = rowsUp1(x, ones)
        return AESPlane(y[2], y[3], y[0], y[1])
    }
    @inline(__always) static func rho2(_ x: AESPlane, _ ones: AESPlane) -> AESPlane { rowsUp2(x, ones) }
}

/// Rounds 3, 7, 11.
enum AESMix3: AESFixsliceMix {
    @inline(__always) static func rho1(_ x: AESPlane, _ ones: AESPlane) -> AESPlane {
        let y = rowsUp1(x, ones)
        return AESPlane(y[3], y[0], y[1], y[2])
    }
    @inline(__always) static func rho2(_ x: AESPlane, _ ones: AESPlane) -> AESPlane { rowsUp2ColumnsOver2(x, ones) }
}

extension AESFixslice128.State {
    /// MC_i for the variant `M` (see the file comment).
    @inline(__always)
    mutating func mixColumns<M: AESFixsliceMix>(_: M.Type, _ ones: AESPlane) {
        let b0 = M.rho1(p0, ones), b1 = M.rho1(p1, ones), b2 = M.rho1(p2, ones), b3 = M.rho1(p3, ones)
        let b4 = M.rho1(p4, ones), b5 = M.rho1(p5, ones), b6 = M.rho1(p6, ones), b7 = M.rho1(p7, ones)
        let c0 = p0 ^ b0, c1 = p1 ^ b1, c2 = p2 ^ b2, c3 = p3 ^ b3
        let c4 = p4 ^ b4, c5 = p5 ^ b5, c6 = p6 ^ b6, c7 = p7 ^ b7
        // xtime(C) = C·x mod x^8 + x^4 + x^3 + x + 1: plane j takes c(j-1), plus c7 in 0, 1, 3, 4.
        p0 = b0 ^ M.rho2(c0, ones) ^ c7
        p1 = b1 ^ M.rho2(c1, ones) ^ c0 ^ c7
        p2 = b2 ^ M.rho2(c2, ones) ^ c1
        p3 = b3 ^ M.rho2(c3, ones) ^ c2 ^ c7
        p4 = b4 ^ M.rho2(c4, ones) ^ c3 ^ c7
        p5 = b5 ^ M.rho2(c5, ones) ^ c4
        p6 = b6 ^ M.rho2(c6, ones) ^ c5
        p7 = b7 ^ M.rho2(c7, ones) ^ c6
    }

    /// One full round with MixColumns variant `M`: SubBytes, MC_i, AddRoundKey.
    @inline(never)
    mutating func round<M: AESFixsliceMix>(_ m: M.Type, _ key: UnsafePointer<AESPlane>, _ ones: AESPlane) {
        subBytesMinus63()
        mixColumns(m, ones)
        addRoundKey(key)
    }

    /// SR^2 on the state: rows 1 and 3 take the other half of the columns.
    @inline(__always)
    mutating func shiftRowsTwice() {
        let rows13 = AESPlane(repeating: 0xFF00_FF00)
        @inline(__always) func fix(_ x: AESPlane) -> AESPlane {
            x ^ ((x ^ AESPlane(x[2], x[3], x[0], x[1])) & rows13)
        }
        p0 = fix(p0); p1 = fix(p1); p2 = fix(p2); p3 = fix(p3)
        p4 = fix(p4); p5 = fix(p5); p6 = fix(p6); p7 = fix(p7)
    }
}

extension AESFixslice128 {
    /// Encrypts the 8 blocks at `input` (128 bytes) into `output` (may be the same memory).
    ///
    /// - Parameters:
    ///   - roundKeys: `(rounds + 1) * 8` planes from `expandKey`, then one all-ones plane.
    ///   - rounds: 10, 12 or 14.
    @inline(never)
    static func encrypt8(
        _ input: UnsafeRawPointer, _ output: UnsafeMutableRawPointer,
        roundKeys: UnsafePointer<AESPlane>, rounds: Int
    ) {
        let ones = roundKeys[(rounds &+ 1) &* planesPerRoundKey]
        var s = State(loadingBlocksFrom: input)
        s.addRoundKey(roundKeys)
        var key = roundKeys + planesPerRoundKey
        // Rounds 1...rounds-1 in groups of four variants; `rounds` is public.
        var left = rounds &- 1
        while true {
            s.round(AESMix1.self, key, ones); key += planesPerRoundKey; left &-= 1
            if left == 0 { break }
            s.round(AESMix2.self, key, ones); key += planesPerRoundKey; left &-= 1
            if left == 0 { break }
            s.round(AESMix3.self, key, ones); key += planesPerRoundKey; left &-= 1
            if left == 0 { break }
            s.round(AESMix0.self, key, ones); key += planesPerRoundKey; left &-= 1
            if left == 0 { break }
        }
        s.subBytesMinus63()
        s.addRoundKey(key)
        if rounds & 3 == 2 { s.shiftRowsTwice() }
        s.storeBlocks(to: output)
    }
}
