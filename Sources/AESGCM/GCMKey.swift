// GCM itself (NIST SP 800-38D), over one key's cached state, on raw buffers.
//
//   H   = E(K, 0^128)                                   (§6.4, computed once per key)
//   J0  = IV || 0^31 || 1                  if |IV| = 96 bits
//       = GHASH_H(IV || 0^s || 0^64 || [|IV|]_64)      otherwise (§7.1 step 2)
//   C   = GCTR_K(inc32(J0), P)              CTR with the low 32 bits of the counter wrapping
//   S   = GHASH_H(A || 0^v || C || 0^u || [|A|]_64 || [|C|]_64)
//   T   = MSB_t(E(K, J0) xor S)
//
// Decryption recomputes S over the ciphertext, compares tags in constant time, and only then
// runs CTR into the caller's buffer: a failed open releases no plaintext.
//
// The limits of §5.2.1.1 are checked by the callers (see `GCMLimits`): |P| <= 2^39 - 256 bits,
// |A| and |IV| < 2^64 bits, |IV| >= 1 byte here, t in {32, 64, 96..128} bits.
//
// Small messages (<= 112 bytes): E(K, J0) and the keystream come from one AES pass
// (`ctr32(..., firstKeystreamBlock:)`: the 4-block UInt64 pass up to 48 bytes, else one 8-block
// SSE2 pass), so a 16-byte seal or open is one pass instead of two (open holds the plaintext in
// scratch until the tag has matched). With AAD and ciphertext of at most 112 bytes each (and
// 112 together, padded), GHASH runs once over A || C || lengths assembled in stack scratch.
// Where a 16-byte AES-256 seal's ~6,900 instructions go (callgrind, reused key; ~8,250 before
// this work): the AES pass ~4,700, the `Data` of the box ~950 (allocation, exclusivity checks,
// release), GHASH ~340, counter/transpose/XOR ~540, key-cache lookup and checks ~150.

import TesseraCore

/// 48 bytes of stack scratch: J0, E(K, J0) and the expected tag.
///
/// A zero-initialised tuple: no uninitialised stack memory ever reaches the cipher (see the note
/// on uninitialised lanes in AESCTR32.swift).
struct GCMScratch {
    var words: (UInt64, UInt64, UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0, 0, 0)
}

/// 128 bytes of stack scratch holding a small message's plaintext until its tag has matched.
struct GCMSmallBuffer {
    var words: (UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64,
                UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64) =
        (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
}

/// SP 800-38D §5.2.1.1 limits, in bytes.
package enum GCMLimits {
    /// The longest plaintext: 2^39 - 256 bits.
    package static let maxPlaintextByteCount: UInt64 = (1 << 36) - 32
    /// The longest AAD or IV: under 2^64 bits.
    package static let maxAADByteCount: UInt64 = (1 << 61) - 1
    /// Tag lengths in bytes that SP 800-38D §5.2.1.2 allows.
    package static func isValidTagByteCount(_ n: Int) -> Bool { n == 4 || n == 8 || (12...16).contains(n) }

    /// Throws `incorrectParameterSize` unless the lengths are within the limits.
    package static func check(ivByteCount: Int, aadByteCount: Int, textByteCount: Int) throws {
        guard ivByteCount >= 1, UInt64(ivByteCount) <= maxAADByteCount,
              UInt64(aadByteCount) <= maxAADByteCount,
              UInt64(textByteCount) <= maxPlaintextByteCount
        else { throw CryptoKitError.incorrectParameterSize }
    }
}

/// One key's GCM state: the AES key schedule and the GHASH key for H = E(K, 0^128). Immutable
/// after creation; cached in the `SymmetricKey`'s storage, one instance per GHASH backend.
package final class GCMKey<G: GHashKey>: @unchecked Sendable {
    package let aes: AESCore
    package let ghash: G

    /// Expands `key` (16, 24 or 32 bytes; else `CryptoKitError.incorrectKeySize`).
    package init(key: UnsafeRawBufferPointer) throws {
        let aes = try AESCore(key: key)
        self.aes = aes
        var h = (UInt64(0), UInt64(0))
        ghash = withUnsafeMutableBytes(of: &h) { hb in
            aes.encrypt(blocks: hb.baseAddress!, into: hb.baseAddress!, blockCount: 1)
            defer { secureZero(hb) }
            return G(h: hb.baseAddress!)
        }
    }

    /// Computes J0 into `j0` (16 bytes).
    @inline(__always)
    private func counterZero(iv: UnsafeRawBufferPointer, into j0: UnsafeMutableRawPointer) {
        if iv.count == 12 {
            j0.copyMemory(from: iv.baseAddress!, byteCount: 12)
            j0.store32BE(1, 12)
        } else {
            var y = GHashState()
            ghash.absorb(&y, iv.baseAddress!, count: iv.count)
            absorbLengths(&y, UInt64(0), UInt64(iv.count))
            y.store(into: j0)
        }
    }

    /// Absorbs the block [a bits]_64 || [c bits]_64.
    @inline(__always)
    private func absorbLengths(_ y: inout GHashState, _ aBytes: UInt64, _ cBytes: UInt64) {
        var block = (aBytes &* 8, cBytes &* 8)
        withUnsafeMutableBytes(of: &block) { b in
            b.baseAddress!.store64BE(aBytes &* 8, 0)
            b.baseAddress!.store64BE(cBytes &* 8, 8)
            ghash.absorb(&y, UnsafeRawPointer(b.baseAddress!), count: 16)
        }
    }

    /// S = GHASH(A, C) xor E(K, J0), as 16 bytes into `out`.
    @inline(__always)
    private func fullTag(aad: UnsafeRawBufferPointer, ciphertext: UnsafeRawPointer, count: Int,
                         encryptedJ0: UnsafeRawPointer, into out: UnsafeMutableRawPointer) {
        var y = GHashState()
        let aadBlocks = (aad.count &+ 15) & ~15
        let textBlocks = (count &+ 15) & ~15
        if aad.count <= 112 && count <= 112 && aadBlocks &+ textBlocks <= 112 {
            // One GHASH call over A || 0^v || C || 0^u || lengths assembled in public stack
            // scratch (AAD and ciphertext only, so nothing to wipe): the table backend then
            // hashes a 16-byte message's 2 blocks as one aggregated chain (one reduction).
            var buffer = GCMSmallBuffer()
            withUnsafeMutableBytes(of: &buffer) { b in
                let base = b.baseAddress!
                if aad.count > 0 { base.copyMemory(from: aad.baseAddress!, byteCount: aad.count) }
                if count > 0 { (base + aadBlocks).copyMemory(from: ciphertext, byteCount: count) }
                let lengths = base + (aadBlocks &+ textBlocks)
                lengths.store64BE(UInt64(aad.count) &* 8, 0)
                lengths.store64BE(UInt64(count) &* 8, 8)
                ghash.absorb(&y, UnsafeRawPointer(base), count: aadBlocks &+ textBlocks &+ 16)
            }
        } else {
            if aad.count > 0 { ghash.absorb(&y, aad.baseAddress!, count: aad.count) }
            if count > 0 { ghash.absorb(&y, ciphertext, count: count) }
            absorbLengths(&y, UInt64(aad.count), UInt64(count))
        }
        y.store(into: out)
        out.store64LE(out.load64LE(0) ^ encryptedJ0.load64LE(0), 0)
        out.store64LE(out.load64LE(8) ^ encryptedJ0.load64LE(8), 8)
    }

    /// Largest message (bytes) sealed through the single-CTR-call path: 7 blocks + E(K, J0).
    private static var smallMessageLimit: Int { 112 }

    /// Encrypts `count` bytes of `input` into `output` with the counter starting at inc32(J0),
    /// and writes E(K, J0) into `encryptedJ0` (16 bytes).
    @inline(__always)
    private func counterMode(j0: UnsafeMutableRawPointer, input: UnsafeRawPointer?, output: UnsafeMutableRawPointer?,
                             count: Int, encryptedJ0: UnsafeMutableRawPointer) {
        if count <= Self.smallMessageLimit {
            // One AES pass: E(K, J0) and the keystream from inc32(J0) together.
            let dummy = UnsafeMutableRawPointer(encryptedJ0)
            aes.ctr32(counterBlock: j0, input: input ?? UnsafeRawPointer(dummy), output: output ?? dummy,
                      count: count, firstKeystreamBlock: encryptedJ0)
        } else {
            aes.encrypt(blocks: j0, into: encryptedJ0, blockCount: 1)
            incrementLow32(j0)
            aes.ctr32(counterBlock: j0, input: input!, output: output!, count: count)
        }
    }

    @inline(__always)
    private func incrementLow32(_ block: UnsafeMutableRawPointer) {
        block.store32BE(block.load32BE(12) &+ 1, 12)
    }

    /// Encrypts `plaintext` into `ciphertext` (same length) and writes the 16-byte tag.
    /// Lengths must have been checked with `GCMLimits.check`.
    package func seal(iv: UnsafeRawBufferPointer, aad: UnsafeRawBufferPointer, plaintext: UnsafeRawBufferPointer,
                      ciphertext: UnsafeMutableRawPointer?, tag: UnsafeMutableRawPointer) {
        var blocks = GCMScratch()
        withUnsafeMutableBytes(of: &blocks) { scratch in
            let j0 = scratch.baseAddress!
            let ekj0 = j0.advanced(by: 16)
            counterZero(iv: iv, into: j0)
            counterMode(j0: j0, input: plaintext.baseAddress, output: ciphertext, count: plaintext.count,
                        encryptedJ0: ekj0)
            fullTag(aad: aad, ciphertext: UnsafeRawPointer(ciphertext ?? ekj0), count: plaintext.count,
                    encryptedJ0: ekj0, into: tag)
            secureZero(scratch)
        }
    }

    /// Verifies `tag` (4, 8 or 12–16 bytes, checked by the caller) over `aad` and `ciphertext`
    /// in constant time and, only if it matches, decrypts into `plaintext`.
    ///
    /// - Returns: `false` when the tag does not match; `plaintext` is then left untouched.
    package func open(iv: UnsafeRawBufferPointer, aad: UnsafeRawBufferPointer, ciphertext: UnsafeRawBufferPointer,
                      tag: UnsafeRawBufferPointer, plaintext: UnsafeMutableRawPointer?) -> Bool {
        var blocks = GCMScratch()
        return withUnsafeMutableBytes(of: &blocks) { scratch in
            let j0 = scratch.baseAddress!
            let ekj0 = j0.advanced(by: 16)
            let expected = j0.advanced(by: 32)
            defer { secureZero(scratch) }
            counterZero(iv: iv, into: j0)
            let count = ciphertext.count
            let text = ciphertext.baseAddress ?? UnsafeRawPointer(ekj0)
            func tagMatches() -> Bool {
                fullTag(aad: aad, ciphertext: text, count: count, encryptedJ0: ekj0, into: expected)
                return constantTimeEquals(UnsafeRawBufferPointer(start: expected, count: tag.count), tag)
            }
            if count <= Self.smallMessageLimit {
                // One AES pass for E(K, J0) and the keystream, into a buffer released only
                // after the tag matched.
                var buffer = GCMSmallBuffer()
                return withUnsafeMutableBytes(of: &buffer) { held in
                    let p = held.baseAddress!
                    defer { secureZero(p, count) }
                    counterMode(j0: j0, input: ciphertext.baseAddress, output: p, count: count, encryptedJ0: ekj0)
                    guard tagMatches() else { return false }
                    if count > 0 { plaintext!.copyMemory(from: p, byteCount: count) }
                    return true
                }
            }
            aes.encrypt(blocks: j0, into: ekj0, blockCount: 1)
            guard tagMatches() else { return false }
            incrementLow32(j0)
            aes.ctr32(counterBlock: j0, input: text, output: plaintext!, count: count)
            return true
        }
    }
}
