// AES.GCM.seal / open with swift-crypto's signatures: check, then forward to `AES.GCM.Context`
// with the default GHASH implementation.

#if canImport(FoundationEssentials)
public import FoundationEssentials
#else
public import Foundation
#endif
public import TesseraCore

extension AES {
    /// The AES Galois/Counter Mode (GCM) authenticated cipher (NIST SP 800-38D), with 16-byte
    /// tags and nonces of 12 bytes or more.
    ///
    /// - Important: The default GHASH is table-based and not constant-time; set the environment
    ///   variable `TESSERA_GHASH=ct` or use ``AES/GCM/Context`` with `.constantTime` where
    ///   cache-timing attacks matter. Never reuse a nonce with the same key.
    public enum GCM: Sendable {
        @usableFromInline static let tagByteCount = 16
        @usableFromInline static let defaultNonceByteCount = 12

        /// Encrypts and authenticates `message`, and authenticates `authenticatedData`.
        ///
        /// - Parameters:
        ///   - message: The plaintext data to seal.
        ///   - key: A 128-, 192- or 256-bit key.
        ///   - nonce: The nonce; a new random 12-byte nonce when `nil`.
        ///   - authenticatedData: Additional data to be authenticated.
        /// - Returns: The sealed message.
        /// - Throws: `CryptoKitError.incorrectKeySize` for a key of another size.
        @inlinable
        public static func seal<Plaintext: DataProtocol, AuthenticatedData: DataProtocol>(
            _ message: Plaintext, using key: SymmetricKey, nonce: Nonce? = nil,
            authenticating authenticatedData: AuthenticatedData
        ) throws -> SealedBox {
            try Context(key: key).seal(message, nonce: nonce, authenticating: authenticatedData)
        }

        /// Encrypts and authenticates `message`.
        ///
        /// - Parameters:
        ///   - message: The plaintext data to seal.
        ///   - key: A 128-, 192- or 256-bit key.
        ///   - nonce: The nonce; a new random 12-byte nonce when `nil`.
        /// - Returns: The sealed message.
        /// - Throws: `CryptoKitError.incorrectKeySize` for a key of another size.
        @inlinable
        public static func seal<Plaintext: DataProtocol>(
            _ message: Plaintext, using key: SymmetricKey, nonce: Nonce? = nil
        ) throws -> SealedBox {
            try Context(key: key).seal(message, nonce: nonce, authenticating: [UInt8]())
        }

        /// Decrypts the message and verifies the authenticity of both the ciphertext and
        /// `authenticatedData`.
        ///
        /// - Parameters:
        ///   - sealedBox: The sealed box to open.
        ///   - key: The key the message was sealed with.
        ///   - authenticatedData: The additional data that was authenticated.
        /// - Returns: The plaintext.
        /// - Throws: `CryptoKitError.authenticationFailure` when the box, the key or the data do
        ///   not match; `CryptoKitError.incorrectKeySize` for a key of another size.
        @inlinable
        public static func open<AuthenticatedData: DataProtocol>(
            _ sealedBox: SealedBox, using key: SymmetricKey, authenticating authenticatedData: AuthenticatedData
        ) throws -> Data {
            try Context(key: key).open(sealedBox, authenticating: authenticatedData)
        }

        /// Decrypts the message and verifies its authenticity.
        ///
        /// - Parameters:
        ///   - sealedBox: The sealed box to open.
        ///   - key: The key the message was sealed with.
        /// - Returns: The plaintext.
        /// - Throws: `CryptoKitError.authenticationFailure` when the box or the key do not
        ///   match; `CryptoKitError.incorrectKeySize` for a key of another size.
        @inlinable
        public static func open(_ sealedBox: SealedBox, using key: SymmetricKey) throws -> Data {
            try Context(key: key).open(sealedBox, authenticating: [UInt8]())
        }
    }
}
