// PBKDF2 (RFC 8018 §5.2) with swift-crypto CryptoExtras' API: `KDF.Insecure.PBKDF2`. The API
// file checks the parameters and picks the compression function; PBKDF2+Core.swift runs the
// iterations.
//
// `rounds:` refuses fewer than 210,000 iterations (OWASP's figure for PBKDF2-HMAC-SHA512, the
// floor swift-crypto enforces) with `CryptoKitError.incorrectParameterSize`, as swift-crypto
// does; `unsafeUncheckedRounds:` accepts any count ≥ 1. Hash choices, as swift-crypto: MD5,
// SHA-1, SHA-224, SHA-256, SHA-384, SHA-512.

#if canImport(FoundationEssentials)
public import FoundationEssentials
#else
public import Foundation
#endif
import TesseraCore

extension KDF.Insecure {
    /// An implementation of the PBKDF2 key derivation function (RFC 8018) with HMAC.
    ///
    /// - Important: PBKDF2 costs an attacker with GPUs far less than it costs you; prefer
    ///   `KDF.Scrypt` for new password hashing. When you must use PBKDF2, use SHA-256 or
    ///   SHA-512 and at least the OWASP-recommended iteration count.
    public struct PBKDF2: Sendable {
        /// Derives a symmetric key using the PBKDF2 algorithm.
        ///
        /// - Parameters:
        ///   - password: The passphrase to derive the key from: any `DataProtocol`, like
        ///     `Data` or `[UInt8]`.
        ///   - salt: The salt to use for key derivation.
        ///   - hashFunction: The hash function HMAC uses.
        ///   - outputByteCount: The length in bytes of the resulting symmetric key.
        ///   - rounds: The number of iterations; at least 210,000.
        /// - Returns: The derived symmetric key.
        /// - Throws: ``CryptoKitError/incorrectParameterSize`` if `rounds` is less than
        ///   210,000; ``CryptoKitError/invalidParameter`` for a negative or over-long output
        ///   length.
        public static func deriveKey<Passphrase: DataProtocol, Salt: DataProtocol>(
            from password: Passphrase, salt: Salt, using hashFunction: HashFunction,
            outputByteCount: Int, rounds: Int
        ) throws -> SymmetricKey {
            guard rounds >= 210_000 else {
                throw CryptoKitError.incorrectParameterSize
            }
            return try deriveKey(
                from: password, salt: salt, using: hashFunction, outputByteCount: outputByteCount,
                unsafeUncheckedRounds: rounds)
        }

        /// Derives a symmetric key using the PBKDF2 algorithm, with any iteration count.
        ///
        /// - Parameters:
        ///   - password: The passphrase to derive the key from: any `DataProtocol`, like
        ///     `Data` or `[UInt8]`.
        ///   - salt: The salt to use for key derivation.
        ///   - hashFunction: The hash function HMAC uses.
        ///   - outputByteCount: The length in bytes of the resulting symmetric key.
        ///   - unsafeUncheckedRounds: The number of iterations, at least 1.
        /// - Returns: The derived symmetric key.
        /// - Throws: ``CryptoKitError/invalidParameter`` for fewer than one iteration or a
        ///   negative or over-long output length.
        /// - Warning: This method allows parameters that may result in insecure keys (few
        ///   iterations, weak hashes). Make sure the parameters you pass don't compromise your
        ///   application's security.
        public static func deriveKey<Passphrase: DataProtocol, Salt: DataProtocol>(
            from password: Passphrase, salt: Salt, using hashFunction: HashFunction,
            outputByteCount: Int, unsafeUncheckedRounds: Int
        ) throws -> SymmetricKey {
            let rounds = unsafeUncheckedRounds
            guard rounds >= 1, outputByteCount >= 0 else { throw CryptoKitError.invalidParameter }
            let run: (UnsafeRawBufferPointer, UnsafeRawBufferPointer, UnsafeMutableRawBufferPointer) -> Void
            switch hashFunction {
            case .sha256: run = { pbkdf2HMAC(SHA256Compression.self, $0, $1, rounds, $2) }
            case .sha512: run = { pbkdf2HMAC(SHA512Compression.self, $0, $1, rounds, $2) }
            case .sha384: run = { pbkdf2HMAC(SHA384Compression.self, $0, $1, rounds, $2) }
            case .insecureSHA1: run = { pbkdf2HMAC(SHA1Compression.self, $0, $1, rounds, $2) }
            case .insecureSHA224: run = { pbkdf2HMAC(SHA224Compression.self, $0, $1, rounds, $2) }
            case .insecureMD5: run = { pbkdf2HMAC(MD5Compression.self, $0, $1, rounds, $2) }
            default: throw CryptoKitError.invalidParameter
            }
            // RFC 8018 §5.2 step 1: dkLen ≤ (2^32 − 1) · hLen.
            guard outputByteCount / 16 < Int(UInt32.max) else { throw CryptoKitError.invalidParameter }
            let storage = withContiguousBytes(password) { p in
                withContiguousBytes(salt) { s in
                    SecureBytes(count: outputByteCount) { run(p, s, $0) }
                }
            }
            return SymmetricKey(storage: storage)
        }

        /// The hash function to use with HMAC in PBKDF2.
        public struct HashFunction: Equatable, Hashable, Sendable {
            let rawValue: String

            /// MD5. Insecure: for interoperability only.
            public static let insecureMD5 = HashFunction(rawValue: "insecure_md5")
            /// SHA-1 (RFC 6070 vectors). Insecure: for interoperability only.
            public static let insecureSHA1 = HashFunction(rawValue: "insecure_sha1")
            /// SHA-224. Insecure: for interoperability only.
            public static let insecureSHA224 = HashFunction(rawValue: "insecure_sha224")
            /// SHA-256.
            public static let sha256 = HashFunction(rawValue: "sha256")
            /// SHA-384.
            public static let sha384 = HashFunction(rawValue: "sha384")
            /// SHA-512.
            public static let sha512 = HashFunction(rawValue: "sha512")

            init(rawValue: String) {
                self.rawValue = rawValue
            }
        }
    }
}
