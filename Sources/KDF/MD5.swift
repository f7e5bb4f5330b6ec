// MD5 (RFC 1321), as swift-crypto's `Insecure.MD5`: kept so that code written for swift-crypto
// compiles and for interoperability with legacy formats and protocols, never for new designs:
// MD5 collisions take seconds (Wang–Yu, 2005; Stevens et al., chosen-prefix, 2007–2009).
//
// What: a Merkle–Damgård hash on 64-byte blocks with a 128-bit state (A, B, C, D). Each block
// is sixteen little-endian words X[0…15]; 64 steps in four rounds of sixteen,
//     a = b + ((a + f(b, c, d) + X[k] + T[i]) <<< s),
// with the roles of a…d rotating by one per step (RFC 1321 §3.4). Round r uses
// F(b,c,d) = (b & c) | (~b & d), G = (b & d) | (c & ~d), H = b ^ c ^ d, I = c ^ (b | ~d), the
// message index k = i, 5i + 1, 3i + 5, 7i (mod 16), and four shift amounts. T[i] is
// floor(2^32 · |sin(i + 1)|) (RFC 1321 §3.4, the table printed there). Padding is SHA's, but the
// bit length is little-endian (§3.1–3.2) and so is the digest (§3.5).
//
// Representation: F and G in their two-operation forms ((c ^ d) & b) ^ d and ((b ^ c) & d) ^ c;
// the round function, shift and message word of each call site are constants of that call
// site (they depend on the step index only, never on data). Not tuned: nothing in Tessera uses
// MD5 on a hot path.

import TesseraCore

/// Four 32-bit chaining words (A, B, C, D).
package typealias MD5State = (UInt32, UInt32, UInt32, UInt32)

/// T[1…64] of RFC 1321 §3.4: floor(2^32 · |sin(i)|), i in radians.
private let md5T: [UInt32] = [
    0xd76aa478, 0xe8c7b756, 0x242070db, 0xc1bdceee, 0xf57c0faf, 0x4787c62a, 0xa8304613, 0xfd469501,
    0x698098d8, 0x8b44f7af, 0xffff5bb1, 0x895cd7be, 0x6b901122, 0xfd987193, 0xa679438e, 0x49b40821,
    0xf61e2562, 0xc040b340, 0x265e5a51, 0xe9b6c7aa, 0xd62f105d, 0x02441453, 0xd8a1e681, 0xe7d3fbc8,
    0x21e1cde6, 0xc33707d6, 0xf4d50d87, 0x455a14ed, 0xa9e3e905, 0xfcefa3f8, 0x676f02d9, 0x8d2a4c8a,
    0xfffa3942, 0x8771f681, 0x6d9d6122, 0xfde5380c, 0xa4beea44, 0x4bdecfa9, 0xf6bb4b60, 0xbebfbc70,
    0x289b7ec6, 0xeaa127fa, 0xd4ef3085, 0x04881d05, 0xd9d4d039, 0xe6db99e5, 0x1fa27cf8, 0xc4ac5665,
    0xf4292244, 0x432aff97, 0xab9423a7, 0xfc93a039, 0x655b59c3, 0x8f0ccc92, 0xffeff47d, 0x85845dd1,
    0x6fa87e4f, 0xfe2ce6e0, 0xa3014314, 0x4e0811a1, 0xf7537e82, 0xbd3af235, 0x2ad7d2bb, 0xeb86d391,
]

/// One MD5 step: `a = b + ((a + f(b, c, d) + x + t) <<< s)` for round `round` (0…3).
@inline(__always)
private func step(
    _ a: inout UInt32, _ b: UInt32, _ c: UInt32, _ d: UInt32,
    _ x: UInt32, _ t: UInt32, _ s: UInt32, round: Int
) {
    let f: UInt32
    switch round {
    case 0: f = ((c ^ d) & b) ^ d
    case 1: f = ((b ^ c) & d) ^ c
    case 2: f = b ^ c ^ d
    default: f = c ^ (b | ~d)
    }
    let v = a &+ f &+ x &+ t
    a = b &+ ((v &<< s) | (v &>> (32 &- s)))
}

/// Sixteen steps of round `round`: step i uses message word `(first + stride·i) mod 16` and the
/// round's four shift amounts in turn; the roles of a…d rotate by one per step.
@inline(__always)
private func sixteenSteps(
    _ s: inout MD5State, _ x: UnsafeRawPointer, _ t: UnsafePointer<UInt32>,
    round: Int, first: Int, stride: Int, shifts: (UInt32, UInt32, UInt32, UInt32)
) {
    var k = first
    for i in Swift.stride(from: 0, to: 16, by: 4) {
        step(&s.0, s.1, s.2, s.3, x.load32LE(4 &* k), t[i], shifts.0, round: round)
        k = (k &+ stride) & 15
        step(&s.3, s.0, s.1, s.2, x.load32LE(4 &* k), t[i &+ 1], shifts.1, round: round)
        k = (k &+ stride) & 15
        step(&s.2, s.3, s.0, s.1, x.load32LE(4 &* k), t[i &+ 2], shifts.2, round: round)
        k = (k &+ stride) & 15
        step(&s.1, s.2, s.3, s.0, x.load32LE(4 &* k), t[i &+ 3], shifts.3, round: round)
        k = (k &+ stride) & 15
    }
}

/// MD5's compression function and parameters.
package enum MD5Compression: MDCompression {
    package static var blockByteCount: Int { 64 }
    package static var lengthByteCount: Int { 8 }
    package static var digestByteCount: Int { 16 }
    package static var lengthIsBigEndian: Bool { false }
    /// A, B, C, D of RFC 1321 §3.3 (the bytes 01 23 45 67 89 ab cd ef … as little-endian words).
    package static var initialState: MD5State { (0x67452301, 0xefcdab89, 0x98badcfe, 0x10325476) }

    @inline(never)
    package static func compress(_ state: inout MD5State, _ blocks: UnsafeRawPointer, _ blockCount: Int) {
        md5T.withUnsafeBufferPointer { tBuffer in
            let t = tBuffer.baseAddress!
            var p = blocks
            for _ in 0..<blockCount {
                var s = state
                sixteenSteps(&s, p, t, round: 0, first: 0, stride: 1, shifts: (7, 12, 17, 22))
                sixteenSteps(&s, p, t + 16, round: 1, first: 1, stride: 5, shifts: (5, 9, 14, 20))
                sixteenSteps(&s, p, t + 32, round: 2, first: 5, stride: 3, shifts: (4, 11, 16, 23))
                sixteenSteps(&s, p, t + 48, round: 3, first: 0, stride: 7, shifts: (6, 10, 15, 21))
                state = (state.0 &+ s.0, state.1 &+ s.1, state.2 &+ s.2, state.3 &+ s.3)
                p += 64
            }
        }
    }

    @inline(__always)
    package static func storeDigest(_ state: MD5State, _ out: UnsafeMutableRawPointer) {
        out.store32LE(state.0, 0); out.store32LE(state.1, 4)
        out.store32LE(state.2, 8); out.store32LE(state.3, 12)
    }
}

extension Insecure {
    /// An implementation of MD5 hashing.
    ///
    /// - Important: This hash algorithm isn't considered cryptographically secure, but is
    ///   provided for backward compatibility with older services that require it. For new
    ///   services, prefer one of the secure hashes, like ``SHA512``.
    public struct MD5: HashFunction, Sendable {
        /// The number of bytes that represents the hash function's internal state.
        public static var blockByteCount: Int { 64 }
        /// The number of bytes in an MD5 digest.
        public static var byteCount: Int { 16 }
        /// The digest type for an MD5 hash function.
        public typealias Digest = Insecure.MD5Digest

        package var engine: MDHasher<MD5Compression>

        /// Creates an MD5 hash function.
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
        public func finalize() -> Insecure.MD5Digest {
            Insecure.MD5Digest(finalizing: engine)
        }
    }
}
