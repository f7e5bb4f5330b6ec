// HKDF (RFC 5869) with swift-crypto's API. Extract: PRK = HMAC(salt, IKM) (§2.2; an absent
// salt is HashLen zero bytes, which HMAC's zero padding makes the same as an empty key).
// Expand: T(i) = HMAC(PRK, T(i-1) || info || i), OKM = the first L bytes of T(1) || T(2) ||…
// (§2.3), for L ≤ 255·HashLen.
//
// Both steps key HMAC from raw bytes (MDHMAC, or HMACPads for a caller's own hash), not
// through a `SymmetricKey`, so no key object or cache entry is made for the salt or the PRK:
// HKDF-SHA256 with a short IKM and info and 32 bytes out is 8 compressions (2 + 2 to key the
// two HMACs, 2 + 2 for their messages). The PRK and T(i) stay on the stack and are zeroed; the
// output is written straight into the returned key's zero-on-free storage.
//
// swift-crypto's non-throwing functions trap on an output length outside 1…255·HashLen (a
// precondition failure, as there); `checkedDeriveKey` and `checkedExpand` throw instead.
//
// The DataProtocol entry points only turn salt and info into raw buffers (with closures that
// return Void: a generic result type made the unspecialised code instantiate Optional<R>
// metadata at run time, ~2,400 instructions per HKDF-SHA256 call in callgrind); the work is
// in functions generic only in H that pick the specialised kernel for Tessera's hashes
// (HMAC+Compression.swift), or generic HMAC for a caller's own `HashFunction`.

#if canImport(FoundationEssentials)
public import FoundationEssentials
#else
public import Foundation
#endif
import TesseraCore

/// A standard extract-and-expand key derivation function (RFC 5869).
///
/// Derive a key in one call with ``deriveKey(inputKeyMaterial:salt:info:outputByteCount:)``,
/// or in two steps with ``extract(inputKeyMaterial:salt:)`` and
/// ``expand(pseudoRandomKey:info:outputByteCount:)``.
public struct HKDF<H: HashFunction>: Sendable {
    /// Derives a symmetric key using HKDF with the salt and information you specify.
    ///
    /// - Parameters:
    ///   - inputKeyMaterial: The main key or secret the derivation uses.
    ///   - salt: The salt to use for key derivation.
    ///   - info: The shared context information to use for key derivation.
    ///   - outputByteCount: The length in bytes of the resulting key, in 1…255 × the hash's
    ///     digest size (a precondition; see
    ///     ``checkedDeriveKey(inputKeyMaterial:salt:info:outputByteCount:)``).
    /// - Returns: The derived symmetric key.
    @inlinable
    public static func deriveKey<Salt: DataProtocol, Info: DataProtocol>(
        inputKeyMaterial: SymmetricKey, salt: Salt, info: Info, outputByteCount: Int
    ) -> SymmetricKey {
        precondition(_isValidLength(outputByteCount), "HKDF output length must be in 1...255 * HashLen")
        return withContiguousBytes(salt) { s in
            withContiguousBytes(info) { i in _derive(inputKeyMaterial, s, i, outputByteCount) }
        }
    }

    /// Derives a symmetric key using HKDF with the information you specify and no salt.
    ///
    /// - Parameters:
    ///   - inputKeyMaterial: The main key or secret the derivation uses.
    ///   - info: The shared context information to use for key derivation.
    ///   - outputByteCount: The length in bytes of the resulting key, in 1…255 × the hash's
    ///     digest size (a precondition).
    /// - Returns: The derived symmetric key.
    @inlinable
    public static func deriveKey<Info: DataProtocol>(
        inputKeyMaterial: SymmetricKey, info: Info, outputByteCount: Int
    ) -> SymmetricKey {
        deriveKey(inputKeyMaterial: inputKeyMaterial, salt: [UInt8](), info: info, outputByteCount: outputByteCount)
    }

    /// Derives a symmetric key using HKDF with the salt you specify and no information.
    ///
    /// - Parameters:
    ///   - inputKeyMaterial: The main key or secret the derivation uses.
    ///   - salt: The salt to use for key derivation.
    ///   - outputByteCount: The length in bytes of the resulting key, in 1…255 × the hash's
    ///     digest size (a precondition).
    /// - Returns: The derived symmetric key.
    @inlinable
    public static func deriveKey<Salt: DataProtocol>(
        inputKeyMaterial: SymmetricKey, salt: Salt, outputByteCount: Int
    ) -> SymmetricKey {
        deriveKey(inputKeyMaterial: inputKeyMaterial, salt: salt, info: [UInt8](), outputByteCount: outputByteCount)
    }

    /// Derives a symmetric key using HKDF with neither salt nor information.
    ///
    /// - Parameters:
    ///   - inputKeyMaterial: The main key or secret the derivation uses.
    ///   - outputByteCount: The length in bytes of the resulting key, in 1…255 × the hash's
    ///     digest size (a precondition).
    /// - Returns: The derived symmetric key.
    @inlinable
    public static func deriveKey(inputKeyMaterial: SymmetricKey, outputByteCount: Int) -> SymmetricKey {
        deriveKey(inputKeyMaterial: inputKeyMaterial, salt: [UInt8](), info: [UInt8](), outputByteCount: outputByteCount)
    }

    /// Derives a symmetric key using HKDF, throwing instead of trapping on a bad output length.
    ///
    /// - Parameters:
    ///   - inputKeyMaterial: The main key or secret the derivation uses.
    ///   - salt: The salt to use for key derivation.
    ///   - info: The shared context information to use for key derivation.
    ///   - outputByteCount: The length in bytes of the resulting key.
    /// - Returns: The derived symmetric key.
    /// - Throws: ``CryptoKitError/incorrectParameterSize`` when `outputByteCount` is not in
    ///   1…255 × the hash's digest size.
    @inlinable
    public static func checkedDeriveKey<Salt: DataProtocol, Info: DataProtocol>(
        inputKeyMaterial: SymmetricKey, salt: Salt, info: Info, outputByteCount: Int
    ) throws -> SymmetricKey {
        guard _isValidLength(outputByteCount) else { throw CryptoKitError.incorrectParameterSize }
        return withContiguousBytes(salt) { s in
            withContiguousBytes(info) { i in _derive(inputKeyMaterial, s, i, outputByteCount) }
        }
    }

    /// Creates cryptographically strong key material from a main key or secret (HKDF-Extract).
    ///
    /// - Parameters:
    ///   - inputKeyMaterial: The main key or secret the derivation uses.
    ///   - salt: The salt to use, or `nil` for none.
    /// - Returns: A pseudorandom key in the form of a hashed authentication code.
    public static func extract<Salt: DataProtocol>(
        inputKeyMaterial: SymmetricKey, salt: Salt?
    ) -> HashedAuthenticationCode<H> {
        guard let salt else { return _extract(inputKeyMaterial, UnsafeRawBufferPointer(start: nil, count: 0)) }
        return withContiguousBytes(salt) { _extract(inputKeyMaterial, $0) }
    }

    /// Expands cryptographically strong key material into a derived symmetric key
    /// (HKDF-Expand).
    ///
    /// - Parameters:
    ///   - prk: A pseudorandom key, such as the output of ``extract(inputKeyMaterial:salt:)``.
    ///   - info: The shared context information to use, or `nil` for none.
    ///   - outputByteCount: The length in bytes of the resulting key, in 1…255 × the hash's
    ///     digest size (a precondition; see ``checkedExpand(pseudoRandomKey:info:outputByteCount:)``).
    /// - Returns: The derived symmetric key.
    public static func expand<PRK: ContiguousBytes, Info: DataProtocol>(
        pseudoRandomKey prk: PRK, info: Info?, outputByteCount: Int
    ) -> SymmetricKey {
        precondition(_isValidLength(outputByteCount), "HKDF output length must be in 1...255 * HashLen")
        return _expand(prk, info, outputByteCount)
    }

    /// Expands key material into a derived symmetric key, throwing instead of trapping on a
    /// bad output length.
    ///
    /// - Parameters:
    ///   - prk: A pseudorandom key, such as the output of ``extract(inputKeyMaterial:salt:)``.
    ///   - info: The shared context information to use, or `nil` for none.
    ///   - outputByteCount: The length in bytes of the resulting key.
    /// - Returns: The derived symmetric key.
    /// - Throws: ``CryptoKitError/incorrectParameterSize`` when `outputByteCount` is not in
    ///   1…255 × the hash's digest size.
    public static func checkedExpand<PRK: ContiguousBytes, Info: DataProtocol>(
        pseudoRandomKey prk: PRK, info: Info?, outputByteCount: Int
    ) throws -> SymmetricKey {
        guard _isValidLength(outputByteCount) else { throw CryptoKitError.incorrectParameterSize }
        return _expand(prk, info, outputByteCount)
    }

    // MARK: - Implementation

    @usableFromInline
    static func _isValidLength(_ count: Int) -> Bool {
        count >= 1 && count <= 255 * H.Digest.byteCount
    }

    /// HKDF-Expand of a PRK given as contiguous bytes and an optional info.
    static func _expand<PRK: ContiguousBytes, Info: DataProtocol>(_ prk: PRK, _ info: Info?, _ count: Int) -> SymmetricKey {
        prk.withUnsafeBytes { (p: UnsafeRawBufferPointer) -> SymmetricKey in
            guard let info else { return _expand(p, UnsafeRawBufferPointer(start: nil, count: 0), count) }
            return withContiguousBytes(info) { i in _expand(p, i, count) }
        }
    }

    /// Extract then expand, into a new key's secure storage.
    @usableFromInline
    static func _derive(
        _ ikm: SymmetricKey, _ salt: UnsafeRawBufferPointer, _ info: UnsafeRawBufferPointer, _ count: Int
    ) -> SymmetricKey {
        guard let kind = MDHashKind(H.self) else { return _deriveGeneric(ikm, salt, info, count) }
        let storage = ikm.withUnsafeBytes { ikmBytes in
            SecureBytes(count: count) { out in
                switch kind {
                case .sha256: hkdfDerive(SHA256Compression.self, ikm: ikmBytes, salt: salt, info: info, out: out)
                case .sha384: hkdfDerive(SHA384Compression.self, ikm: ikmBytes, salt: salt, info: info, out: out)
                case .sha512: hkdfDerive(SHA512Compression.self, ikm: ikmBytes, salt: salt, info: info, out: out)
                case .sha1: hkdfDerive(SHA1Compression.self, ikm: ikmBytes, salt: salt, info: info, out: out)
                }
            }
        }
        return SymmetricKey(storage: storage)
    }

    /// Extract then expand with generic HMAC, for a caller's own hash function. A function of
    /// its own: a `HashedAuthenticationCode<H>` local in `_derive` made every call, fast path
    /// included, instantiate its metadata at run time (~330 instructions, callgrind).
    @inline(never)
    static func _deriveGeneric(
        _ ikm: SymmetricKey, _ salt: UnsafeRawBufferPointer, _ info: UnsafeRawBufferPointer, _ count: Int
    ) -> SymmetricKey {
        let prk = _extract(ikm, salt)
        return prk.withUnsafeBytes { _expand($0, info, count) }
    }

    /// HKDF-Extract with generic HMAC (any hash function).
    static func _extract(_ ikm: SymmetricKey, _ salt: UnsafeRawBufferPointer) -> HashedAuthenticationCode<H> {
        var hmac = HMAC<H>(pads: HMACPads<H>(key: salt))
        ikm.withUnsafeBytes { hmac.update(bufferPointer: $0) }
        return hmac.finalize()
    }

    /// HKDF-Expand into a new key's secure storage.
    static func _expand(_ prk: UnsafeRawBufferPointer, _ info: UnsafeRawBufferPointer, _ count: Int) -> SymmetricKey {
        SymmetricKey(storage: SecureBytes(count: count) { expand(prk, info, into: $0) })
    }

    /// HKDF-Expand into `out`: the specialised kernel for Tessera's hashes, else generic HMAC.
    private static func expand(_ prk: UnsafeRawBufferPointer, _ info: UnsafeRawBufferPointer, into out: UnsafeMutableRawBufferPointer) {
        switch MDHashKind(H.self) {
        case .sha256: hkdfExpand(SHA256Compression.self, prk: prk, info: info, out: out)
        case .sha384: hkdfExpand(SHA384Compression.self, prk: prk, info: info, out: out)
        case .sha512: hkdfExpand(SHA512Compression.self, prk: prk, info: info, out: out)
        case .sha1: hkdfExpand(SHA1Compression.self, prk: prk, info: info, out: out)
        case nil: expand(HMACPads<H>(key: prk), info, into: out)
        }
    }

    /// RFC 5869 §2.3: fills `out` with T(1) || T(2) || … truncated.
    private static func expand(_ pads: HMACPads<H>, _ info: UnsafeRawBufferPointer, into out: UnsafeMutableRawBufferPointer) {
        var previous: H.Digest? = nil
        var offset = 0
        var counter: UInt8 = 1
        while offset < out.count {
            var hmac = HMAC<H>(pads: pads)
            if let previous { previous.withUnsafeBytes { hmac.update(bufferPointer: $0) } }
            hmac.update(bufferPointer: info)
            withUnsafeBytes(of: counter) { hmac.update(bufferPointer: $0) }
            let t = hmac.finalize()
            t.withUnsafeBytes { tBytes in
                let n = Swift.min(tBytes.count, out.count - offset)
                (out.baseAddress! + offset).copyMemory(from: tBytes.baseAddress!, byteCount: n)
                offset += n
            }
            previous = t.digest
            counter &+= 1
        }
    }
}
