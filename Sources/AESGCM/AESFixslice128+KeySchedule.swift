// The AES key schedule, into fixsliced round-key planes.
//
// What: FIPS-197 §5.2 KeyExpansion for Nk = 4, 6, 8 words (AES-128/192/256, Nr = Nk + 6):
// w[i] = w[i-Nk] ^ SubWord(RotWord(w[i-1])) ^ Rcon[i/Nk] when i = 0 mod Nk, with an extra
// SubWord(w[i-1]) when Nk = 8 and i = 4 mod Nk. Words are held little-endian (byte 0 of the word
// in bits 0-7), so that 4 words load straight into an `AESPlane`.
// SubWord runs the bitsliced S-box circuit (AESFixslice128+SBox.swift) on 32-bit planes of the
// word: no table, so the key schedule is constant-time like the rounds.
// Round key k is then stored (a) moved back by ShiftRows^k, since the fixsliced state after
// round k is SR^-k of the true one (eprint 2020/1123, §3.1): byte (r, c) of the stored key is
// byte (r, c - k·r mod 4) of round key k; (b) for k >= 1, XORed with 0x63 in every byte, which
// puts back the S-box's omitted NOTs (see AESFixslice128+SBox.swift); (c) as 8 planes, each
// byte 0x00 or 0xFF (the same for all 8 blocks), so that AddRoundKey is 8 XORs. All three are
// vector operations with public shuffles and shifts. Cost: about 0.57 µs for an AES-256
// AESCore's init and deinit together (0.45 µs AES-128), mostly the 13 SubWords.
// After the Nr + 1 round keys comes one plane of 0xFF00FF00 lanes (rows 1 and 3), the mask of
// the final SR^2, kept in memory so that LLVM cannot turn its masked XOR into a byte shuffle.
// The same stored key bytes, after (a) and (b), also give the 4-block 64-bit planes of
// AESFixslice64 (`AESFixslice64.storeRoundKey`, ~10 ops per plane).

import TesseraCore

extension AESFixslice128 {
    /// Planes needed for any key size: 15 round keys of 8 planes, and the mask plane.
    static let roundKeyCapacity = 15 * 8 + 1

    /// Expands a 16-, 24- or 32-byte key into `roundKeys` (`roundKeyCapacity` planes) and the
    /// same round keys for AESFixslice64 into `roundKeys64` (`AESFixslice64.roundKeyCapacity`).
    ///
    /// - Returns: the number of rounds, 10, 12 or 14.
    /// - Important: the caller checks the key length; every temporary holding key material is
    ///   zeroed before returning.
    static func expandKey(
        _ key: UnsafeRawBufferPointer, into roundKeys: UnsafeMutablePointer<AESPlane>,
        roundKeys64: UnsafeMutablePointer<UInt64>
    ) -> Int {
        let nk = key.count / 4
        let rounds = nk + 6
        let wordCount = 4 * (rounds + 1)
        withUnsafeTemporaryAllocation(byteCount: 60 * 4, alignment: 16) { raw in
            let w = raw.bindMemory(to: UInt32.self)
            let base = key.baseAddress!
            for i in 0..<nk { w[i] = base.load32LE(4 * i) }
            var rcon: UInt32 = 1  // Rcon[i/Nk] = x^(i/Nk - 1) in GF(2^8) (public)
            for i in nk..<wordCount {
                var t = w[i - 1]
                if i % nk == 0 {
                    t = subWord((t &>> 8) | (t &<< 24)) ^ rcon
                    rcon = (rcon &<< 1) ^ ((rcon &>> 7) &* 0x11B)
                } else if nk == 8 && i % nk == 4 {
                    t = subWord(t)
                }
                w[i] = w[i - nk] ^ t
            }
            for k in 0...rounds {
                let key = AESPlane(w[4 * k], w[4 * k + 1], w[4 * k + 2], w[4 * k + 3])
                // (a) row r of the stored key is row r of round key k with its columns moved by
                // k·r (a dword rotation per row, then one byte mask per row: rows are bytes).
                var block = AESPlane.zero
                for r in 0..<4 {
                    let row = AESPlane(repeating: 0xFF &<< UInt32(8 * r))
                    block = block | (rotateColumns(key, by: k * r) & row)
                }
                // (b) the S-box's NOTs, for every round after the first key addition.
                if k > 0 { block ^= AESPlane(repeating: 0x6363_6363) }
                AESFixslice64.storeRoundKey(block, into: roundKeys64 + 8 * k)
                // (c) eight planes of 0x00/0xFF bytes: byte b of plane j is 255 · (bit j of b).
                let out = roundKeys + 8 * k
                let ones = AESPlane(repeating: 0x0101_0101)
                for j in 0..<8 {
                    let bits = (block &>> UInt32(j)) & ones
                    out[j] = AESPlane((bits &<< 8).lanes &- bits.lanes)
                }
            }
            secureZero(raw.baseAddress!, 60 * 4)
        }
        roundKeys[8 * (rounds + 1)] = AESPlane(repeating: 0xFF00_FF00)
        return rounds
    }

    /// `x` with column (dword) c taken from column c - m (mod 4); `m` is public.
    private static func rotateColumns(_ x: AESPlane, by m: Int) -> AESPlane {
        switch m & 3 {
        case 0: return x
        case 1: return AESPlane(x[3], x[0], x[1], x[2])
        case 2: return AESPlane(x[2], x[3], x[0], x[1])
        default: return AESPlane(x[1], x[2], x[3], x[0])
        }
    }

    /// SubWord: the S-box applied to each byte of `word`, constant-time: plane j holds bit j of
    /// each byte at bit 0 of that byte, the circuit runs on 32-bit planes, and the bits are put
    /// back (the circuit only XORs and ANDs, so no other bit of a plane ever becomes set).
    private static func subWord(_ word: UInt32) -> UInt32 {
        let m: UInt32 = 0x0101_0101
        var s = AESBitSlices<UInt32>(
            p0: word & m, p1: (word &>> 1) & m, p2: (word &>> 2) & m, p3: (word &>> 3) & m,
            p4: (word &>> 4) & m, p5: (word &>> 5) & m, p6: (word &>> 6) & m, p7: (word &>> 7) & m)
        s.subBytesMinus63()
        let out = s.p0 | s.p1 &<< 1 | s.p2 &<< 2 | s.p3 &<< 3 | s.p4 &<< 4 | s.p5 &<< 5 | s.p6 &<< 6 | s.p7 &<< 7
        return out ^ 0x6363_6363
    }
}
