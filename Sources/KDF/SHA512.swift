// SHA-512 and SHA-384 (FIPS 180-4 §6.4, §6.5) with swift-crypto's API: each public struct holds
// an `MDHasher` over its compression parameters (see SHA512+Compress.swift) and nothing else.

/// An implementation of Secure Hashing Algorithm 2 (SHA-2) hashing with a 384-bit digest.
public typealias SHA2_384 = SHA384

/// An implementation of Secure Hashing Algorithm 2 (SHA-2) hashing with a 384-bit digest.
///
/// Compute a digest in one call with ``HashFunction/hash(data:)``, or incrementally with
/// ``init()``, ``HashFunction/update(data:)`` and ``finalize()``.
public struct SHA384: HashFunction, Sendable {
    /// The number of bytes that represents the hash function's internal state (its block size).
    public static var blockByteCount: Int { 128 }
    /// The number of bytes in a SHA384 digest.
    public static var byteCount: Int { 48 }
    /// The digest type for a SHA384 hash function.
    public typealias Digest = SHA384Digest

    package var engine: MDHasher<SHA384Compression>

    /// Creates a SHA384 hash function.
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
    public func finalize() -> SHA384Digest {
        SHA384Digest(finalizing: engine)
    }
}

/// An implementation of Secure Hashing Algorithm 2 (SHA-2) hashing with a 512-bit digest.
public typealias SHA2_512 = SHA512

/// An implementation of Secure Hashing Algorithm 2 (SHA-2) hashing with a 512-bit digest.
///
/// Compute a digest in one call with ``HashFunction/hash(data:)``, or incrementally with
/// ``init()``, ``HashFunction/update(data:)`` and ``finalize()``.
public struct SHA512: HashFunction, Sendable {
    /// The number of bytes that represents the hash function's internal state (its block size).
    public static var blockByteCount: Int { 128 }
    /// The number of bytes in a SHA512 digest.
    public static var byteCount: Int { 64 }
    /// The digest type for a SHA512 hash function.
    public typealias Digest = SHA512Digest

    package var engine: MDHasher<SHA512Compression>

    /// Creates a SHA512 hash function.
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
    public func finalize() -> SHA512Digest {
        SHA512Digest(finalizing: engine)
    }
}
