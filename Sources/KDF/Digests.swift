// The digest types: SHA256Digest, SHA384Digest, SHA512Digest, Insecure.SHA1Digest and Insecure.MD5Digest, as in
// swift-crypto's Digests.swift.gyb. Each stores its bytes inline in a tuple of UInt64 words (no
// heap allocation); the members they share are the helpers below, each type only names its
// size and word tuple.

import TesseraCore

/// Builds a word tuple by letting `write` fill its first bytes (the rest stay zero).
@inline(__always)
private func digestWords<Words>(_ zero: Words, _ write: (UnsafeMutableRawPointer) -> Void) -> Words {
    var words = zero
    withUnsafeMutableBytes(of: &words) { write($0.baseAddress!) }
    return words
}

/// Calls `body` with the first `count` bytes of `words`.
@inline(__always)
private func withDigestBytes<Words, R>(
    _ words: Words, _ count: Int, _ body: (UnsafeRawBufferPointer) throws -> R
) rethrows -> R {
    try Swift.withUnsafeBytes(of: words) { try body(UnsafeRawBufferPointer(rebasing: $0.prefix(count))) }
}

/// "NAME digest: hex", swift-crypto's description format.
private func digestDescription(_ name: String, _ bytes: UnsafeRawBufferPointer) -> String {
    "\(name) digest: \(hexString(bytes))"
}

/// The output of a Secure Hashing Algorithm 2 (SHA-2) hash with a 256-bit digest.
public struct SHA256Digest: Digest {
    let bytes: (UInt64, UInt64, UInt64, UInt64)

    /// Finalizes a copy of `hasher` into a digest.
    package init<C: MDCompression>(finalizing hasher: MDHasher<C>) {
        precondition(C.digestByteCount == Self.byteCount)
        bytes = digestWords((0, 0, 0, 0)) { hasher.finalize(into: $0) }
    }

    /// The number of bytes in the digest.
    public static var byteCount: Int { 32 }

    /// Invokes the given closure with a buffer pointer covering the raw bytes of the digest.
    ///
    /// - Parameters:
    ///   - body: A closure that takes a raw buffer pointer to the bytes of the digest.
    /// - Returns: The value returned by `body`.
    public func withUnsafeBytes<R>(_ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
        try withDigestBytes(bytes, Self.byteCount, body)
    }

    /// A human-readable description of the digest.
    public var description: String { withUnsafeBytes { digestDescription("SHA256", $0) } }

    /// Hashes the bytes of the digest into `hasher` (for `Hashable`, not cryptographic hashing).
    ///
    /// - Parameters:
    ///   - hasher: The hasher to feed.
    public func hash(into hasher: inout Hasher) { withUnsafeBytes { hasher.combine(bytes: $0) } }
}

/// The output of a Secure Hashing Algorithm 2 (SHA-2) hash with a 384-bit digest.
public struct SHA384Digest: Digest {
    let bytes: (UInt64, UInt64, UInt64, UInt64, UInt64, UInt64)

    /// Finalizes a copy of `hasher` into a digest.
    package init<C: MDCompression>(finalizing hasher: MDHasher<C>) {
        precondition(C.digestByteCount == Self.byteCount)
        bytes = digestWords((0, 0, 0, 0, 0, 0)) { hasher.finalize(into: $0) }
    }

    /// The number of bytes in the digest.
    public static var byteCount: Int { 48 }

    /// Invokes the given closure with a buffer pointer covering the raw bytes of the digest.
    ///
    /// - Parameters:
    ///   - body: A closure that takes a raw buffer pointer to the bytes of the digest.
    /// - Returns: The value returned by `body`.
    public func withUnsafeBytes<R>(_ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
        try withDigestBytes(bytes, Self.byteCount, body)
    }

    /// A human-readable description of the digest.
    public var description: String { withUnsafeBytes { digestDescription("SHA384", $0) } }

    /// Hashes the bytes of the digest into `hasher` (for `Hashable`, not cryptographic hashing).
    ///
    /// - Parameters:
    ///   - hasher: The hasher to feed.
    public func hash(into hasher: inout Hasher) { withUnsafeBytes { hasher.combine(bytes: $0) } }
}

/// The output of a Secure Hashing Algorithm 2 (SHA-2) hash with a 512-bit digest.
public struct SHA512Digest: Digest {
    let bytes: (UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64)

    /// Finalizes a copy of `hasher` into a digest.
    package init<C: MDCompression>(finalizing hasher: MDHasher<C>) {
        precondition(C.digestByteCount == Self.byteCount)
        bytes = digestWords((0, 0, 0, 0, 0, 0, 0, 0)) { hasher.finalize(into: $0) }
    }

    /// The number of bytes in the digest.
    public static var byteCount: Int { 64 }

    /// Invokes the given closure with a buffer pointer covering the raw bytes of the digest.
    ///
    /// - Parameters:
    ///   - body: A closure that takes a raw buffer pointer to the bytes of the digest.
    /// - Returns: The value returned by `body`.
    public func withUnsafeBytes<R>(_ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
        try withDigestBytes(bytes, Self.byteCount, body)
    }

    /// A human-readable description of the digest.
    public var description: String { withUnsafeBytes { digestDescription("SHA512", $0) } }

    /// Hashes the bytes of the digest into `hasher` (for `Hashable`, not cryptographic hashing).
    ///
    /// - Parameters:
    ///   - hasher: The hasher to feed.
    public func hash(into hasher: inout Hasher) { withUnsafeBytes { hasher.combine(bytes: $0) } }
}

extension Insecure {
    /// The output of a SHA1 hash.
    public struct SHA1Digest: Digest {
        let bytes: (UInt64, UInt64, UInt64)

        /// Finalizes a copy of `hasher` into a digest.
        package init<C: MDCompression>(finalizing hasher: MDHasher<C>) {
            precondition(C.digestByteCount == Self.byteCount)
            bytes = digestWords((0, 0, 0)) { hasher.finalize(into: $0) }
        }

        /// The number of bytes in the digest.
        public static var byteCount: Int { 20 }

        /// Invokes the given closure with a buffer pointer covering the raw bytes of the digest.
        ///
        /// - Parameters:
        ///   - body: A closure that takes a raw buffer pointer to the bytes of the digest.
        /// - Returns: The value returned by `body`.
        public func withUnsafeBytes<R>(_ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
            try withDigestBytes(bytes, Self.byteCount, body)
        }

        /// A human-readable description of the digest.
        public var description: String { withUnsafeBytes { digestDescription("SHA1", $0) } }

        /// Hashes the bytes of the digest into `hasher` (for `Hashable`, not cryptographic
        /// hashing).
        ///
        /// - Parameters:
        ///   - hasher: The hasher to feed.
        public func hash(into hasher: inout Hasher) { withUnsafeBytes { hasher.combine(bytes: $0) } }
    }
}

extension Insecure {
    /// The output of an MD5 hash.
    public struct MD5Digest: Digest {
        let bytes: (UInt64, UInt64)

        /// Finalizes a copy of `hasher` into a digest.
        package init<C: MDCompression>(finalizing hasher: MDHasher<C>) {
            precondition(C.digestByteCount == Self.byteCount)
            bytes = digestWords((0, 0)) { hasher.finalize(into: $0) }
        }

        /// The number of bytes in the digest.
        public static var byteCount: Int { 16 }

        /// Invokes the given closure with a buffer pointer covering the raw bytes of the digest.
        ///
        /// - Parameters:
        ///   - body: A closure that takes a raw buffer pointer to the bytes of the digest.
        /// - Returns: The value returned by `body`.
        public func withUnsafeBytes<R>(_ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
            try withDigestBytes(bytes, Self.byteCount, body)
        }

        /// A human-readable description of the digest.
        public var description: String { withUnsafeBytes { digestDescription("MD5", $0) } }

        /// Hashes the bytes of the digest into `hasher` (for `Hashable`, not cryptographic
        /// hashing).
        ///
        /// - Parameters:
        ///   - hasher: The hasher to feed.
        public func hash(into hasher: inout Hasher) { withUnsafeBytes { hasher.combine(bytes: $0) } }
    }
}
