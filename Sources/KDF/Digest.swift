// The `Digest` protocol of swift-crypto: a hash output that is a fixed-size byte sequence, with
// constant-time equality (the time depends on the lengths only, never on where bytes differ).

#if canImport(FoundationEssentials)
public import FoundationEssentials
#else
public import Foundation
#endif
import TesseraCore

/// A type that represents the output of a hash.
public protocol Digest: Hashable, Sendable, ContiguousBytes, CustomStringConvertible, Sequence
where Element == UInt8 {
    /// The number of bytes in the digest.
    static var byteCount: Int { get }
}

extension Digest {
    /// Returns an iterator over the bytes of the digest.
    ///
    /// - Returns: An iterator over a copy of the digest's bytes.
    public func makeIterator() -> Array<UInt8>.Iterator {
        self.withUnsafeBytes { Array($0).makeIterator() }
    }

    /// Determines whether two digests are equal, in constant time.
    ///
    /// - Parameters:
    ///   - lhs: The first digest to compare.
    ///   - rhs: The second digest to compare.
    /// - Returns: `true` if the two digests are equal.
    public static func == (lhs: Self, rhs: Self) -> Bool {
        lhs.withUnsafeBytes { a in rhs.withUnsafeBytes { b in constantTimeEquals(a, b) } }
    }

    /// Determines whether a digest is equal to a collection of bytes, in time that depends only
    /// on the lengths.
    ///
    /// - Parameters:
    ///   - lhs: A digest to compare.
    ///   - rhs: A collection of bytes to compare.
    /// - Returns: `true` if the digest equals the bytes.
    public static func == <D: DataProtocol>(lhs: Self, rhs: D) -> Bool {
        lhs.withUnsafeBytes { a in withContiguousBytes(rhs) { b in constantTimeEqualityBit(a, b) } } == 1
    }

    /// A human-readable description of the digest: its type and its bytes in hex.
    public var description: String {
        "\(Self.self): \(withUnsafeBytes { hexString($0) })"
    }
}
