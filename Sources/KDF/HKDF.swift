// HKDF (RFC 5869) with swift-crypto's API. Extract: PRK = HMAC(salt, IKM) (§2.2; an absent
// salt is HashLen zero bytes, which HMAC's zero padding makes the same as an empty key).
// Expand: T(i) = HMAC(PRK, T(i-1) || info || i), OKM = the first L bytes of T(1) || T(2) ||…
// (§2.3), for L ≤ 255·HashLen.
//
// Both steps key HMAC from raw bytes (`HMACPads`), not through a `SymmetricKey`, so no key
// object or cache entry is made for the salt or the PRK; each derivation costs 4 + (blocks of
// T||info||i) + 1 compressions per output block plus the extract's. The output is written
// straight into the returned key's zero-on-free storage.
//
// swift-crypto's non-throwing functions trap on an output length outside 1…255·HashLen (a
// precondition failure, as there); `checkedDeriveKey` and `checkedExpand` throw instead.

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
    public static func deriveKey<Salt: DataProtocol, Info: DataProtocol>(
        inputKeyMaterial: SymmetricKey, salt: Salt, info: Info, outputByteCount: Int
    ) -> SymmetricKey {
        precondition(isValidLength(outputByteCount), "HKDF output length must be in 1...255 * HashLen")
        return derive(inputKeyMaterial, salt, info, outputByteCount)
    }

    /// Derives a symmetric key using HKDF with the information you specify and no salt.
    ///
    /// - Parameters:
    ///   - inputKeyMaterial: The main key or secret the derivation uses.
    ///   - info: The shared context information to use for key derivation.
    ///   - outputByteCount: The length in bytes of the resulting key, in 1…255 × the hash's
    ///     digest size (a precondition).
    /// - Returns: The derived symmetric key.
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
    public static func checkedDeriveKey<Salt: DataProtocol, Info: DataProtocol>(
        inputKeyMaterial: SymmetricKey, salt: Salt, info: Info, outputByteCount: Int
    ) throws -> SymmetricKey {
        guard isValidLength(outputByteCount) else { throw CryptoKitError.incorrectParameterSize }
        return derive(inputKeyMaterial, salt, info, outputByteCount)
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
        if let salt {
            return withContiguousBytes(salt) { extract(inputKeyMaterial, salt: $0) }
        }
        return extract(inputKeyMaterial, salt: UnsafeRawBufferPointer(start: nil, count: 0))
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
        precondition(isValidLength(outputByteCount), "HKDF output length must be in 1...255 * HashLen")
        return expandKey(prk, info, outputByteCount)
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
        guard isValidLength(outputByteCount) else { throw CryptoKitError.incorrectParameterSize }
        return expandKey(prk, info, outputByteCount)
    }

    // MARK: - Implementation

    private static func isValidLength(_ count: Int) -> Bool {
        count >= 1 && count <= 255 * H.Digest.byteCount
    }

    private static func derive<Salt: DataProtocol, Info: DataProtocol>(
        _ ikm: SymmetricKey, _ salt: Salt, _ info: Info, _ count: Int
    ) -> SymmetricKey {
        let prk = withContiguousBytes(salt) { extract(ikm, salt: $0) }
        return expandKey(prk, info, count)
    }

    private static func extract(_ ikm: SymmetricKey, salt: UnsafeRawBufferPointer) -> HashedAuthenticationCode<H> {
        var hmac = HMAC<H>(pads: HMACPads<H>(key: salt))
        ikm.withUnsafeBytes { hmac.update(bufferPointer: $0) }
        return hmac.finalize()
    }

    private static func expandKey<PRK: ContiguousBytes, Info: DataProtocol>(
        _ prk: PRK, _ info: Info?, _ count: Int
    ) -> SymmetricKey {
        prk.withUnsafeBytes { prkBytes in
            let pads = HMACPads<H>(key: prkBytes)
            let storage: SecureBytes
            if let info {
                storage = withContiguousBytes(info) { infoBytes in
                    SecureBytes(count: count) { expand(pads, infoBytes, into: $0) }
                }
            } else {
                storage = SecureBytes(count: count) {
                    expand(pads, UnsafeRawBufferPointer(start: nil, count: 0), into: $0)
                }
            }
            return SymmetricKey(storage: storage)
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
