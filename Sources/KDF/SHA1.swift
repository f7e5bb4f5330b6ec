// SHA-1 (FIPS 180-4 §6.1), as swift-crypto's `Insecure.SHA1`: kept for interoperability (RFC
// 6070 PBKDF2-HMAC-SHA1, legacy protocols), never for new designs: SHA-1 collisions are
// practical (SHAttered, 2017).
//
// State: five 32-bit words. Schedule: a rolling 16-word window on the stack,
// W[t] = ROTL1(W[t-3] ^ W[t-8] ^ W[t-14] ^ W[t-16]). Rounds: a simple loop with the round
// function chosen per 20-round stage (the choice depends on the round index only, never on
// data). Not tuned for speed: nothing in Tessera's hot paths uses SHA-1.

import TesseraCore

/// A container for older, cryptographically insecure algorithms.
///
/// - Important: These algorithms aren't considered cryptographically secure, but Tessera
///   provides them for backward compatibility with older services that require them. For new
///   services, avoid these algorithms.
public enum Insecure: Sendable {}

/// Five 32-bit chaining words.
package typealias SHA1State = (UInt32, UInt32, UInt32, UInt32, UInt32)

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
        withUnsafeTemporaryAllocation(of: UInt32.self, capacity: 16) { wBuffer in
            let w = wBuffer.baseAddress!
            var p = blocks
            for _ in 0..<blockCount {
                for i in 0..<16 { w[i] = p.load32BE(4 * i) }
                var (a, b, c, d, e) = state
                for t in 0..<80 {
                    let wt: UInt32
                    if t < 16 {
                        wt = w[t]
                    } else {
                        let x = w[(t &+ 13) & 15] ^ w[(t &+ 8) & 15] ^ w[(t &+ 2) & 15] ^ w[t & 15]
                        wt = (x &<< 1) | (x &>> 31)
                        w[t & 15] = wt
                    }
                    // §4.1.1 f_t and §4.2.1 K_t, by 20-round stage.
                    let f: UInt32, k: UInt32
                    switch t / 20 {
                    case 0: f = ((c ^ d) & b) ^ d; k = 0x5a827999
                    case 1: f = b ^ c ^ d; k = 0x6ed9eba1
                    case 2: f = (b & c) | (d & (b | c)); k = 0x8f1bbcdc
                    default: f = b ^ c ^ d; k = 0xca62c1d6
                    }
                    let temp = ((a &<< 5) | (a &>> 27)) &+ f &+ e &+ k &+ wt
                    e = d
                    d = c
                    c = (b &<< 30) | (b &>> 2)
                    b = a
                    a = temp
                }
                state = (state.0 &+ a, state.1 &+ b, state.2 &+ c, state.3 &+ d, state.4 &+ e)
                p += 64
            }
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
