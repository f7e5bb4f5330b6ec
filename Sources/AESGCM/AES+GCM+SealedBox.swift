// AES.GCM.SealedBox: nonce || ciphertext || tag in one buffer, as swift-crypto stores it, so
// sealing allocates once and `combined` is free.

#if canImport(FoundationEssentials)
public import FoundationEssentials
#else
public import Foundation
#endif
import TesseraCore

extension AES.GCM {
    /// A sealed message: the nonce, the ciphertext and a 16-byte authentication tag.
    ///
    /// Seal data with ``AES/GCM/seal(_:using:nonce:)`` and open it with
    /// ``AES/GCM/open(_:using:)``.
    public struct SealedBox: Sendable {
        /// nonce || ciphertext || tag.
        let combinedRepresentation: Data
        let nonceByteCount: Int

        /// The authentication tag (16 bytes).
        public var tag: Data {
            combinedRepresentation.suffix(AES.GCM.tagByteCount)
        }

        /// The encrypted data, as long as the plaintext.
        public var ciphertext: Data {
            combinedRepresentation.dropFirst(nonceByteCount).dropLast(AES.GCM.tagByteCount)
        }

        /// The nonce used to encrypt the data.
        public var nonce: AES.GCM.Nonce {
            AES.GCM.Nonce(checkedBytes: Data(combinedRepresentation.prefix(nonceByteCount)))
        }

        /// The nonce, ciphertext and tag in one buffer, in that order.
        ///
        /// Available only when the nonce has the default size of 12 bytes; `nil` otherwise, as in
        /// swift-crypto.
        public var combined: Data? {
            nonceByteCount == AES.GCM.defaultNonceByteCount ? combinedRepresentation : nil
        }

        @usableFromInline
        init(combinedRepresentation: Data, nonceByteCount: Int) {
            self.combinedRepresentation = combinedRepresentation
            self.nonceByteCount = nonceByteCount
        }

        /// Creates a sealed box from the combined bytes of a 12-byte nonce, the ciphertext and a
        /// 16-byte tag.
        ///
        /// - Parameters:
        ///   - combined: The nonce, ciphertext and tag, in that order.
        /// - Throws: `CryptoKitError.incorrectParameterSize` when `combined` is shorter than
        ///   28 bytes (a nonce and a tag).
        @inlinable
        public init<D: DataProtocol>(combined: D) throws {
            guard combined.count >= AES.GCM.defaultNonceByteCount + AES.GCM.tagByteCount else {
                throw CryptoKitError.incorrectParameterSize
            }
            self.init(combinedRepresentation: Data(combined), nonceByteCount: AES.GCM.defaultNonceByteCount)
        }

        /// Creates a sealed box from a nonce, a ciphertext and a tag.
        ///
        /// - Parameters:
        ///   - nonce: The nonce the message was sealed with.
        ///   - ciphertext: The encrypted data.
        ///   - tag: The 16-byte authentication tag.
        /// - Throws: `CryptoKitError.incorrectParameterSize` when `tag` is not 16 bytes.
        @inlinable
        public init<C: DataProtocol, T: DataProtocol>(nonce: AES.GCM.Nonce, ciphertext: C, tag: T) throws {
            guard tag.count == AES.GCM.tagByteCount else {
                throw CryptoKitError.incorrectParameterSize
            }
            var combined = Data()
            combined.reserveCapacity(nonce.bytes.count + ciphertext.count + tag.count)
            combined.append(nonce.bytes)
            combined.append(contentsOf: ciphertext)
            combined.append(contentsOf: tag)
            self.init(combinedRepresentation: combined, nonceByteCount: nonce.bytes.count)
        }
    }
}
