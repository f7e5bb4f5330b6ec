// SHA-256 (FIPS 180-4 §6.2) with swift-crypto's API: the public struct holds an `MDHasher`
// over `SHA256Compression` (see SHA256+Compress.swift for the rounds) and nothing else, so
// copying a partially-fed hasher is a plain value copy (HMAC relies on this).

/// An implementation of Secure Hashing Algorithm 2 (SHA-2) hashing with a 256-bit digest.
public typealias SHA2_256 = SHA256

/// An implementation of Secure Hashing Algorithm 2 (SHA-2) hashing with a 256-bit digest.
///
/// Compute a digest in one call with ``HashFunction/hash(data:)``, or incrementally with
/// ``init()``, ``HashFunction/update(data:)`` and ``finalize()``.
public struct SHA256: HashFunction, Sendable {
    /// The number of bytes that represents the hash function's internal state (its block size).
    public static var blockByteCount: Int { 64 }
    /// The number of bytes in a SHA256 digest.
    public static var byteCount: Int { 32 }
    /// The digest type for a SHA256 hash function.
    public typealias Digest = SHA256Digest

    package var engine: MDHasher<SHA256Compression>

    /// Creates a SHA256 hash function.
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
    public func finalize() -> SHA256Digest {
        SHA256Digest(finalizing: engine)
    }
}
