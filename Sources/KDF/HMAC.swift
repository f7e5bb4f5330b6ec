// HMAC (RFC 2104, FIPS 198-1) with swift-crypto's API: MAC(K, m) = H((K0 ^ opad) || H((K0 ^
// ipad) || m)). The two padded-key states are cached on the key (`HMACKeyState<H>` for the
// incremental API and any hash; `MDHMACKeyState<C>` for the one-shot path of Tessera's own
// hashes), so a MAC costs the message's blocks plus one outer compression, never the key
// schedule again. HMAC-SHA256 of 64 bytes is 3 compressions.
//
// Verification recomputes the MAC and compares in constant time (time depends only on the
// lengths); a code of the wrong length is simply unequal, as in swift-crypto.

#if canImport(FoundationEssentials)
public import FoundationEssentials
#else
public import Foundation
#endif
import TesseraCore

/// A hash-based message authentication algorithm.
///
/// Use HMAC to check that data comes from a holder of a shared symmetric key and was not
/// changed: compute a code with ``authenticationCode(for:using:)`` and check one with
/// ``isValidAuthenticationCode(_:authenticating:using:)``, or feed data incrementally with
/// ``init(key:)``, ``update(data:)`` and ``finalize()``.
///
/// - Important: Check codes with `isValidAuthenticationCode` or the code's `==`, both
///   constant-time, never by comparing hex strings or arrays.
public struct HMAC<H: HashFunction>: Sendable {
    /// The symmetric key type HMAC uses.
    public typealias Key = SymmetricKey
    /// The type of the message authentication code HMAC produces.
    public typealias MAC = HashedAuthenticationCode<H>

    var innerHasher: H
    var outerHasher: H

    /// Creates a message authentication code generator.
    ///
    /// - Parameters:
    ///   - key: The symmetric key used to secure the computation. Keys longer than the hash's
    ///     block size are hashed first (RFC 2104 §2).
    public init(key: SymmetricKey) {
        let pads = HMACKeyState<H>.forKey(key)
        innerHasher = pads.inner
        outerHasher = pads.outer
    }

    /// Starts from precomputed padded-key states (HKDF and PBKDF2 key them from raw bytes).
    package init(pads: HMACPads<H>) {
        innerHasher = pads.inner
        outerHasher = pads.outer
    }

    /// Computes a message authentication code for the given data.
    ///
    /// - Parameters:
    ///   - data: The data for which to compute the authentication code.
    ///   - key: The symmetric key used to secure the computation.
    /// - Returns: The message authentication code.
    @inlinable
    public static func authenticationCode<D: DataProtocol>(for data: D, using key: SymmetricKey) -> MAC {
        // Tessera's own hashes over contiguous bytes: the caller's specialised code reduces this
        // to one branch and a call of a concrete kernel (`unsafeBitCast` is the identity there:
        // H is that type). Data made of several regions goes through the incremental path, so
        // it is never copied whole.
        if H.self == SHA256.self,
           let code = data.withContiguousStorageIfAvailable({ _hmacSHA256(key, UnsafeRawBufferPointer($0)) }) {
            return unsafeBitCast(code, to: MAC.self)
        }
        if H.self == SHA512.self,
           let code = data.withContiguousStorageIfAvailable({ _hmacSHA512(key, UnsafeRawBufferPointer($0)) }) {
            return unsafeBitCast(code, to: MAC.self)
        }
        if H.self == SHA384.self,
           let code = data.withContiguousStorageIfAvailable({ _hmacSHA384(key, UnsafeRawBufferPointer($0)) }) {
            return unsafeBitCast(code, to: MAC.self)
        }
        if H.self == Insecure.SHA1.self,
           let code = data.withContiguousStorageIfAvailable({ _hmacSHA1(key, UnsafeRawBufferPointer($0)) }) {
            return unsafeBitCast(code, to: MAC.self)
        }
        return _genericCode(data, key)
    }

    /// HMAC through the generic incremental path, for a caller's own hash function.
    @usableFromInline
    static func _genericCode<D: DataProtocol>(_ data: D, _ key: SymmetricKey) -> MAC {
        var authenticator = Self(key: key)
        authenticator.update(data: data)
        return authenticator.finalize()
    }

    /// Returns a Boolean value indicating whether the given message authentication code is
    /// valid for a block of data stored in a buffer.
    ///
    /// - Parameters:
    ///   - mac: The authentication code to compare.
    ///   - bufferPointer: The buffer containing the authenticated data.
    ///   - key: The symmetric key used to compute the code.
    /// - Returns: `true` if the code is valid; the comparison is constant-time.
    public static func isValidAuthenticationCode(
        _ mac: MAC, authenticating bufferPointer: UnsafeRawBufferPointer, using key: SymmetricKey
    ) -> Bool {
        var authenticator = Self(key: key)
        authenticator.update(bufferPointer: bufferPointer)
        return mac == authenticator.finalize()
    }

    /// Returns a Boolean value indicating whether the given message authentication code is
    /// valid for the given data.
    ///
    /// - Parameters:
    ///   - authenticationCode: The authentication code to compare.
    ///   - authenticatedData: The authenticated data.
    ///   - key: The symmetric key used to compute the code.
    /// - Returns: `true` if the code is valid; the comparison is constant-time.
    @inlinable
    public static func isValidAuthenticationCode<D: DataProtocol>(
        _ authenticationCode: MAC, authenticating authenticatedData: D, using key: SymmetricKey
    ) -> Bool {
        isValid(authenticationCode, authenticatedData, key)
    }

    /// Returns a Boolean value indicating whether the given bytes are a valid message
    /// authentication code for the given data.
    ///
    /// - Parameters:
    ///   - authenticationCode: The authentication code bytes to compare; a code of another
    ///     length than the hash's digest is invalid.
    ///   - authenticatedData: The authenticated data.
    ///   - key: The symmetric key used to compute the code.
    /// - Returns: `true` if the code is valid; the comparison is constant-time.
    @inlinable
    public static func isValidAuthenticationCode<C: ContiguousBytes, D: DataProtocol>(
        _ authenticationCode: C, authenticating authenticatedData: D, using key: SymmetricKey
    ) -> Bool {
        isValid(authenticationCode, authenticatedData, key)
    }

    /// Recomputes the code through the specialised one-shot path and compares in constant time.
    @inlinable
    static func isValid<C: ContiguousBytes, D: DataProtocol>(_ code: C, _ data: D, _ key: SymmetricKey) -> Bool {
        let computed = authenticationCode(for: data, using: key)
        return code.withUnsafeBytes { a in computed.withUnsafeBytes { b in _hmacCodesEqual(a, b) } }
    }

    /// Updates the MAC computation with a block of data.
    ///
    /// - Parameters:
    ///   - data: The data to add to the computation: any `DataProtocol`, like `Data` or
    ///     `[UInt8]`.
    public mutating func update<D: DataProtocol>(data: D) {
        for region in data.regions {
            region.withUnsafeBytes { innerHasher.update(bufferPointer: $0) }
        }
    }

    /// Updates the MAC computation with the bytes in a buffer.
    package mutating func update(bufferPointer: UnsafeRawBufferPointer) {
        innerHasher.update(bufferPointer: bufferPointer)
    }

    /// Finalizes the message authentication computation and returns the computed code.
    ///
    /// - Returns: The message authentication code. The generator itself is unchanged.
    public func finalize() -> MAC {
        let innerDigest = innerHasher.finalize()
        var outer = outerHasher
        innerDigest.withUnsafeBytes { outer.update(bufferPointer: $0) }
        return HashedAuthenticationCode(digest: outer.finalize())
    }
}

/// Constant-time comparison of two codes (time depends on the lengths only), reachable from the
/// inlinable verification entry points.
@usableFromInline
func _hmacCodesEqual(_ a: UnsafeRawBufferPointer, _ b: UnsafeRawBufferPointer) -> Bool {
    constantTimeEquals(a, b)
}
