// GHASH, the universal hash of GCM (NIST SP 800-38D §6.4): Y_i = (Y_{i-1} xor X_i) * H in
// GF(2^128) modulo x^128 + x^7 + x^2 + x + 1, over the 16-byte blocks X_i of the (zero-padded)
// AAD, ciphertext and length block. This file is the seam between the GCM code and the backends:
//
//   backend            file                    constant-time   technique
//   GHashShoupTable    GHashShoupTable.swift   NO              Shoup's 8-bit tables of H..H^4,
//                                                              16 KiB per key (the default)
//   GHashCTMul64       GHashCTMul64.swift      yes             integer multiplies with 4-bit
//                                                              holes, Karatsuba, 192 B per key
//
// Bit order (SP 800-38D §6.3): bit 0 of a block, the most significant bit of byte 0, is the
// coefficient of x^0, and bit 127 (least significant bit of byte 15) that of x^127. Both
// backends keep a block as two big-endian words (hi = bytes 0..7, lo = bytes 8..15), so the
// polynomial is "reflected": a right shift of the 128-bit integer multiplies by x.
//
// The GCM code is generic over `GHashKey` so that each backend is specialised: no existential
// and no switch per block. `GHashBackend` (GHashBackend.swift) names the process-wide default.

/// The GHASH accumulator Y as a 128-bit big-endian value split in two words (hi = bytes 0..7,
/// lo = bytes 8..15 of the SP 800-38D block).
package struct GHashState: Sendable {
    /// Bytes 0..7 of Y, big-endian (the coefficients of x^0..x^63, x^0 in the top bit).
    package var hi: UInt64
    /// Bytes 8..15 of Y, big-endian (the coefficients of x^64..x^127).
    package var lo: UInt64

    /// The zero block, GHASH's starting value.
    @inlinable
    package init() {
        hi = 0
        lo = 0
    }

    /// Writes Y as 16 bytes (the GHASH output / S block).
    ///
    /// - Parameters:
    ///   - out: Where the 16 bytes go (any alignment).
    @inlinable
    package func store(into out: UnsafeMutableRawPointer) {
        out.store64BE(hi, 0)
        out.store64BE(lo, 8)
    }
}

/// Per-key GHASH: the multiply-by-H state, immutable after init, shared across threads.
package protocol GHashKey: AnyObject, Sendable {
    /// Derives the per-key state.
    ///
    /// - Parameters:
    ///   - h: the 16-byte hash subkey H = E(K, 0^128).
    init(h: UnsafeRawPointer)

    /// For each 16-byte block X of bytes[0..<count]: Y = (Y xor X) * H in GF(2^128) (SP 800-38D
    /// 6.3/6.4). A final partial block is zero-padded to 16 bytes (exactly what GCM does to A and
    /// C separately).
    ///
    /// - Parameters:
    ///   - y: The accumulator, updated in place.
    ///   - bytes: The data; any alignment.
    ///   - count: The number of bytes, >= 0.
    func absorb(_ y: inout GHashState, _ bytes: UnsafeRawPointer, count: Int)

    /// Whether this backend runs in time independent of H and the data.
    static var isConstantTime: Bool { get }
}
