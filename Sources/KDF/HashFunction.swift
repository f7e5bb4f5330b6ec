// The `HashFunction` protocol of swift-crypto and its DataProtocol conveniences. Tessera's
// adopters are SHA256, SHA384, SHA512, Insecure.SHA1 and Insecure.MD5; HMAC, HKDF and PBKDF2
// are generic over it, so a caller's own conforming hash works with them too.

#if canImport(FoundationEssentials)
public import FoundationEssentials
#else
public import Foundation
#endif

/// A type that performs cryptographically secure hashing.
///
/// Use one of the protocol's adopters, like ``SHA256``, ``SHA384``, or ``SHA512``, to compute a
/// fixed-length digest of an arbitrarily long input, in one call with ``hash(data:)`` or
/// incrementally with ``init()``, ``update(data:)`` and ``finalize()``.
///
/// - Important: A digest alone does not authenticate data: whoever can change the data can
///   change its digest. Use a message authentication code such as ``HMAC`` for that.
public protocol HashFunction: Sendable {
    /// The number of bytes that represents the hash function's internal state (its block size).
    static var blockByteCount: Int { get }

    /// The type of the digest returned by the hash function.
    associatedtype Digest: TesseraKDF.Digest

    /// Creates a hash function, ready to absorb data.
    init()

    /// Incrementally updates the hash function with the contents of the buffer.
    ///
    /// - Parameters:
    ///   - bufferPointer: The next bytes of data for the ongoing digest calculation.
    mutating func update(bufferPointer: UnsafeRawBufferPointer)

    /// Finalizes the hash function and returns the computed digest.
    ///
    /// After finalizing, discard the hash function (or keep finalizing copies of it: `finalize`
    /// does not change it).
    ///
    /// - Returns: The computed digest of the data.
    func finalize() -> Digest
}

extension HashFunction {
    /// Computes the digest of a buffer.
    @inlinable
    static func hash(bufferPointer: UnsafeRawBufferPointer) -> Digest {
        var hasher = Self()
        hasher.update(bufferPointer: bufferPointer)
        return hasher.finalize()
    }

    /// Computes the digest of the bytes in the given data.
    ///
    /// - Parameters:
    ///   - data: The data to hash: any `DataProtocol`, like `Data` or `[UInt8]`.
    /// - Returns: The computed digest of the data.
    @inlinable
    public static func hash<D: DataProtocol>(data: D) -> Self.Digest {
        var hasher = Self()
        hasher.update(data: data)
        return hasher.finalize()
    }

    /// Incrementally updates the hash function with the given data.
    ///
    /// - Parameters:
    ///   - data: The next bytes of data for the ongoing digest calculation: any `DataProtocol`,
    ///     like `Data` or `[UInt8]`.
    @inlinable
    public mutating func update<D: DataProtocol>(data: D) {
        for region in data.regions {
            region.withUnsafeBytes { self.update(bufferPointer: $0) }
        }
    }
}
