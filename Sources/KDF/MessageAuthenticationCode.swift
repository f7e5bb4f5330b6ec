// The `MessageAuthenticationCode` protocol of swift-crypto and `HashedAuthenticationCode`, the
// MAC type HMAC returns: a fixed-size byte sequence whose `==` runs in time that depends on the
// lengths only.

#if canImport(FoundationEssentials)
public import FoundationEssentials
#else
public import Foundation
#endif
import TesseraCore

/// A type that represents a message authentication code.
public protocol MessageAuthenticationCode: Hashable, ContiguousBytes, Sendable, CustomStringConvertible,
    Sequence where Element == UInt8
{
    /// The number of bytes in the message authentication code.
    var byteCount: Int { get }
}

extension MessageAuthenticationCode {
    /// Determines whether two message authentication codes are equal, in constant time.
    ///
    /// - Parameters:
    ///   - lhs: The first code to compare.
    ///   - rhs: The second code to compare.
    /// - Returns: `true` if the two codes are equal.
    public static func == (lhs: Self, rhs: Self) -> Bool {
        lhs.withUnsafeBytes { a in rhs.withUnsafeBytes { b in constantTimeEquals(a, b) } }
    }

    /// Determines whether a message authentication code equals a collection of bytes, in time
    /// that depends only on the lengths.
    ///
    /// - Parameters:
    ///   - lhs: The code to compare.
    ///   - rhs: The bytes to compare.
    /// - Returns: `true` if the code equals the bytes.
    public static func == <D: DataProtocol>(lhs: Self, rhs: D) -> Bool {
        lhs.withUnsafeBytes { a in withContiguousBytes(rhs) { b in constantTimeEqualityBit(a, b) } } == 1
    }

    /// Returns an iterator over the bytes of the code.
    ///
    /// - Returns: An iterator over a copy of the code's bytes.
    public func makeIterator() -> Array<UInt8>.Iterator {
        self.withUnsafeBytes { Array($0).makeIterator() }
    }

    /// A human-readable description of the code: its type and its bytes in hex.
    public var description: String {
        "\(Self.self): \(withUnsafeBytes { hexString($0) })"
    }
}

/// A hash-based message authentication code: the output of ``HMAC``.
public struct HashedAuthenticationCode<H: HashFunction>: MessageAuthenticationCode, Sendable {
    let digest: H.Digest

    /// Wraps a finished outer digest.
    package init(digest: H.Digest) {
        self.digest = digest
    }

    /// The number of bytes in the message authentication code.
    public var byteCount: Int {
        H.Digest.byteCount
    }

    /// A human-readable description of the code.
    public var description: String {
        "HMAC with \(H.self): \(digest.withUnsafeBytes { hexString($0) })"
    }

    /// Invokes the given closure with a buffer pointer covering the raw bytes of the code.
    ///
    /// - Parameters:
    ///   - body: A closure that takes a raw buffer pointer to the bytes of the code.
    /// - Returns: The value returned by `body`.
    public func withUnsafeBytes<R>(_ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
        try digest.withUnsafeBytes(body)
    }
}
