// The symmetric key type of swift-crypto, held in zero-on-free storage that also caches the
// per-key state (round keys, GHASH tables, HMAC pads) the algorithms derive from it.

#if canImport(FoundationEssentials)
public import FoundationEssentials
#else
public import Foundation
#endif

/// A symmetric cryptographic key.
///
/// The bytes live in storage that is zeroed when the last copy of the key is released. State an
/// algorithm derives from the key (AES round keys, the GHASH table, HMAC's padded-key states) is
/// computed on first use and cached with the key, so reusing one key object is cheap.
public struct SymmetricKey: ContiguousBytes, Sendable {
    /// The storage; `package` so that the algorithm modules can reach the per-key cache.
    package let storage: SecureBytes

    /// Creates a key from the given data.
    ///
    /// - Parameters:
    ///   - data: The contiguous bytes from which to create the key.
    public init<D: ContiguousBytes>(data: D) {
        self.storage = data.withUnsafeBytes { SecureBytes(copying: $0) }
    }

    /// Generates a new random key of the given size, from the system's CSPRNG.
    ///
    /// - Parameters:
    ///   - size: The size of the key to generate, such as ``SymmetricKeySize/bits256``.
    public init(size: SymmetricKeySize) {
        self.storage = SecureBytes(count: size.bitCount / 8) { fillRandom($0) }
    }

    /// Wraps existing secure storage.
    package init(storage: SecureBytes) {
        self.storage = storage
    }

    /// The number of bits in the key.
    public var bitCount: Int { storage.count * 8 }

    /// Invokes the given closure with a buffer pointer covering the raw bytes of the key.
    ///
    /// - Parameters:
    ///   - body: A closure that takes a raw buffer pointer to the bytes of the key.
    /// - Returns: The value returned by `body`.
    public func withUnsafeBytes<R>(_ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
        try storage.withUnsafeBytes(body)
    }
}

extension SymmetricKey: Equatable {
    /// Compares two keys in constant time (the time depends on the lengths only).
    ///
    /// - Returns: `true` when both keys hold the same bytes.
    public static func == (lhs: SymmetricKey, rhs: SymmetricKey) -> Bool {
        lhs.withUnsafeBytes { a in rhs.withUnsafeBytes { b in constantTimeEquals(a, b) } }
    }
}
