// SHA-1 (FIPS 180-4 §6.1), as swift-crypto's `Insecure.SHA1`: kept for interoperability (RFC
// 6070 PBKDF2-HMAC-SHA1, legacy protocols), never for new designs: SHA-1 collisions are
// practical (SHAttered, 2017).
//
// State: five 32-bit words. Schedule: the 80 words expanded up front on the stack,
// W[t] = ROTL1(W[t-3] ^ W[t-8] ^ W[t-14] ^ W[t-16]). Rounds: four 20-round stages, each four
// groups of five calls to one `round` helper whose arguments rotate (no register moves); the
// stage's function f_t and constant K_t are compile-time constants of each call site (the
// choice depends on the round index only, never on data). Only moderately tuned: nothing in
// Tessera's hot paths uses SHA-1; RFC 6070's 16,777,216-iteration vector is what it speeds up.

import TesseraCore

/// A container for older, cryptographically insecure algorithms.
///
/// - Important: These algorithms aren't considered cryptographically secure, but Tessera
///   provides them for backward compatibility with older services that require them. For new
///   services, avoid these algorithms.
public enum Insecure: Sendable {}

/// Five 32-bit chaining words.
package typealias SHA1State = (UInt32, UInt32, UInt32, UInt32, UInt32)

/// One SHA-1 round (FIPS 180-4 §6.1.2 step 3) with rotated roles: only `b` and `e` change.
/// f_t and K_t by stage (§4.1.1, §4.2.1): Ch, parity, Maj, parity.
@inline(__always)
private func round(
    _ a: UInt32, _ b: inout UInt32, _ c: UInt32, _ d: UInt32, _ e: inout UInt32,
    _ w: UInt32, stage: Int
) {
    let f: UInt32, k: UInt32
    switch stage {
    case 0: f = ((c ^ d) & b) ^ d; k = 0x5a827999
    case 1: f = b ^ c ^ d; k = 0x6ed9eba1
    case 2: f = (b & c) | (d & (b | c)); k = 0x8f1bbcdc
    default: f = b ^ c ^ d; k = 0xca62c1d6
    }
    e &+= ((a &<< 5) | (a &>> 27)) &+ f &+ k &+ w
    b = (b &<< 30) | (b &>> 2)
}

/// Five rounds over w[0…4]; after five the roles are back in place.
@inline(__always)
private func fiveRounds(_ s: inout SHA1State, _ w: UnsafePointer<UInt32>, stage: Int) {
    round(s.0, &s.1, s.2, s.3, &s.4, w[0], stage: stage)
    round(s.4, &s.0, s.1, s.2, &s.3, w[1], stage: stage)
    round(s.3, &s.4, s.0, s.1, &s.2, w[2], stage: stage)
    round(s.2, &s.3, s.4, s.0, &s.1, w[3], stage: stage)
    round(s.1, &s.2, s.3, s.4, &s.0, w[4], stage: stage)
}

/// SHA-1's compression function and parameters.
package enum SHA1Compression: MDCompression {
    package static var blockByteCount: Int { 64 }
    package static var lengthByteCount: Int { 8 }
    package static var digestByteCount: Int { 20 }
    /// H(0) (FIPS 180-4 §5.3.1).
    package static var initialState: SHA1State {
        (0x67452301, 0xefcdab89, 0x98badcfe, 0x10325476, 0xc3d2e1f0)
    }

    @inline(never)
    package static func compress(_ state: inout SHA1State, _ blocks: UnsafeRawPointer, _ blockCount: Int) {
        withUnsafeTemporaryAllocation(of: UInt32.self, capacity: 80) { wBuffer in
            let w = wBuffer.baseAddress!
            var p = blocks
            var chained = state
            for _ in 0..<blockCount {
                for i in 0..<16 { w[i] = p.load32BE(4 * i) }
                for t in 16..<80 {
                    let x = w[t - 3] ^ w[t - 8] ^ w[t - 14] ^ w[t - 16]
                    w[t] = (x &<< 1) | (x &>> 31)
                }
                var s = chained
                for g in 0..<4 { fiveRounds(&s, w + 5 * g, stage: 0) }
                for g in 4..<8 { fiveRounds(&s, w + 5 * g, stage: 1) }
                for g in 8..<12 { fiveRounds(&s, w + 5 * g, stage: 2) }
                for g in 12..<16 { fiveRounds(&s, w + 5 * g, stage: 3) }
                chained = (chained.0 &+ s.0, chained.1 &+ s.1, chained.2 &+ s.2, chained.3 &+ s.3, chained.4 &+ s.4)
                p += 64
            }
            // The schedule holds the last block's words (the padded key in HMAC's key setup);
            // zeroed before the state store, which ends the closure (toolchain note in
            // SHA256+Compress.swift).
            secureZero(w, 80 &* 4)
            state = chained
        }
    }

    @inline(__always)
    package static func storeDigest(_ state: SHA1State, _ out: UnsafeMutableRawPointer) {
        out.store32BE(state.0, 0); out.store32BE(state.1, 4); out.store32BE(state.2, 8)
        out.store32BE(state.3, 12); out.store32BE(state.4, 16)
    }
}

extension Insecure {
    /// An implementation of SHA1 hashing.
    ///
    /// - Important: This hash algorithm isn't considered cryptographically secure, but is
    ///   provided for backward compatibility with older services that require it. For new
    ///   services, prefer one of the secure hashes, like ``SHA512``.
    public struct SHA1: HashFunction, Sendable {
        /// The number of bytes that represents the hash function's internal state.
        public static var blockByteCount: Int { 64 }
        /// The number of bytes in a SHA1 digest.
        public static var byteCount: Int { 20 }
        /// The digest type for a SHA1 hash function.
        public typealias Digest = Insecure.SHA1Digest

        package var engine: MDHasher<SHA1Compression>

        /// Creates a SHA1 hash function.
        public init() {
            engine = MDHasher()
        }

        /// Incrementally updates the hash function with the contents of the buffer.
        ///
        /// - Parameters:
        ///   - bufferPointer: The next bytes of data for the ongoing digest calculation.
        public mutating func update(bufferPointer: UnsafeRawBufferPointer) {
            engine.update(bufferPointer)
        }

        /// Finalizes the hash function and returns the computed digest.
        ///
        /// - Returns: The computed digest of the data.
        public func finalize() -> Insecure.SHA1Digest {
            Insecure.SHA1Digest(finalizing: engine)
        }
    }
}
