// The AES key schedule, into fixsliced round-key planes.
//
// What: FIPS-197 §5.2 KeyExpansion for Nk = 4, 6, 8 words (AES-128/192/256, Nr = Nk + 6):
// w[i] = w[i-Nk] ^ SubWord(RotWord(w[i-1])) ^ Rcon[i/Nk] when i = 0 mod Nk, with an extra
// SubWord(w[i-1]) when Nk = 8 and i = 4 mod Nk. Words are held little-endian (byte 0 of the word
// in bits 0-7), so that 4 words load straight into an `AESPlane`.
// SubWord runs the bitsliced S-box circuit (AESFixslice128+SBox.swift) on the word: no table,
// so the key schedule is constant-time like the rounds.
// Round key k is then stored (a) moved back by ShiftRows^k, since the fixsliced state after
// round k is SR^-k of the true one (eprint 2020/1123, §3.1): byte (r, c) of the stored key is
// byte (r, c - k·r mod 4) of round key k; (b) for k >= 1, XORed with 0x63 in every byte, which
// puts back the S-box's omitted NOTs (see AESFixslice128+SBox.swift); (c) as 8 planes, each
// byte 0x00 or 0xFF, so that AddRoundKey is 8 XORs.
// After the Nr + 1 round keys comes one all-ones plane: the rounds load it as an opaque mask
// that keeps LLVM from turning shift pairs into scalarised rotates.

import TesseraCore

extension AESFixslice128 {
    /// Planes needed for any key size: 15 round keys of 8 planes, plus the all-ones plane.
    static let roundKeyCapacity = 15 * 8 + 1

    /// Round constants x^(i-1) in GF(2^8), FIPS-197 §5.2 (public, indexed by the round).
    private static let rcon: [UInt32] = [0x01, 0x02, 0x04, 0x08, 0x10, 0x20, 0x40, 0x80, 0x1B, 0x36]

    /// Expands a 16-, 24- or 32-byte key into `roundKeys` (`roundKeyCapacity` planes).
    ///
    /// - Returns: the number of rounds, 10, 12 or 14.
    /// - Important: the caller checks the key length; every temporary holding key material is
    ///   zeroed before returning.
    static func expandKey(_ key: UnsafeRawBufferPointer, into roundKeys: UnsafeMutablePointer<AESPlane>) -> Int {
        let nk = key.count / 4
        let rounds = nk + 6
        let wordCount = 4 * (rounds + 1)
        withUnsafeTemporaryAllocation(of: UInt32.self, capacity: 60) { w in
            let base = key.baseAddress!
            for i in 0..<nk { w[i] = base.load32LE(4 * i) }
            for i in nk..<wordCount {
                var t = w[i - 1]
                if i % nk == 0 {
                    t = subWord((t &>> 8) | (t &<< 24)) ^ rcon[i / nk - 1]
                } else if nk == 8 && i % nk == 4 {
                    t = subWord(t)
                }
                w[i] = w[i - nk] ^ t
            }
            withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 32) { bytes in
                let plain = UnsafeMutableRawPointer(bytes.baseAddress!)
                let moved = plain + 16
                for k in 0...rounds {
                    for c in 0..<4 { plain.store32LE(w[4 * k + c], 4 * c) }
                    // (a) the stored byte (r, c) is round-key byte (r, c - k·r).
                    for c in 0..<4 {
                        for r in 0..<4 {
                            let from = 4 * ((c - k * r) & 3) + r
                            moved.storeBytes(of: plain.load(fromByteOffset: from, as: UInt8.self),
                                             toByteOffset: 4 * c + r, as: UInt8.self)
                        }
                    }
                    // (b) the S-box's NOTs, for every round after the first key addition.
                    var block = moved.loadUnaligned(as: AESPlane.self)
                    if k > 0 { block ^= AESPlane(repeating: 0x6363_6363) }
                    // (c) eight planes of 0x00/0xFF bytes.
                    let planes = State(replicating: block)
                    let out = roundKeys + 8 * k
                    out[0] = planes.p0; out[1] = planes.p1; out[2] = planes.p2; out[3] = planes.p3
                    out[4] = planes.p4; out[5] = planes.p5; out[6] = planes.p6; out[7] = planes.p7
                }
                secureZero(UnsafeMutableRawPointer(bytes.baseAddress!), 32)
            }
            secureZero(UnsafeMutableRawPointer(w.baseAddress!), 60 * 4)
        }
        roundKeys[8 * (rounds + 1)] = AESPlane(repeating: 0xFFFF_FFFF)
        return rounds
    }

    /// SubWord: the S-box applied to each byte of `word` (constant-time).
    private static func subWord(_ word: UInt32) -> UInt32 {
        var s = State(replicating: AESPlane(word, 0, 0, 0))
        s.subBytesMinus63()
        s.transpose()
        return s.p0[0] ^ 0x6363_6363
    }
}
