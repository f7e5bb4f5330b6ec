// AES.GCM.Nonce, as swift-crypto defines it: 12 random bytes by default, 12 or more from data.
// Shorter IVs (SP 800-38D allows any length >= 1 bit) exist only in `AES.GCM.Context`.

#if canImport(FoundationEssentials)
public import FoundationEssentials
#else
public import Foundation
#endif
import TesseraCore

extension AES.GCM {
    /// A value used once during a cryptographic operation and then discarded.
    ///
    /// - Important: Never seal two messages under one key with the same nonce: GCM then leaks the
    ///   XOR of the plaintexts and lets an attacker forge tags. Random 12-byte nonces (``init()``)
    ///   are safe for up to 2^32 messages per key (SP 800-38D §8.3).
    public struct Nonce: ContiguousBytes, Sequence, Sendable {
        /// The nonce's bytes (12 or more).
        @usableFromInline let bytes: Data

        /// Creates a new random 12-byte nonce from the system's CSPRNG.
        public init() {
            var data = Data(count: AES.GCM.defaultNonceByteCount)
            data.withUnsafeMutableBytes { fillRandom($0) }
            self.bytes = data
        }

        /// Creates a nonce from the given data.
        ///
        /// Unless your use case calls for a nonce with a specific value, use ``init()``.
        ///
        /// - Parameters:
        ///   - data: A data representation of the nonce, 12 bytes or longer.
        /// - Throws: `CryptoKitError.incorrectParameterSize` when `data` is shorter than 12 bytes.
        @inlinable
        public init<D: DataProtocol>(data: D) throws {
            guard data.count >= AES.GCM.defaultNonceByteCount else {
                throw CryptoKitError.incorrectParameterSize
            }
            self.bytes = Data(data)
        }

        /// Wraps bytes already checked (the sealed box's own nonce, or a low-level IV).
        init(checkedBytes: Data) {
            self.bytes = checkedBytes
        }

        /// Calls the given closure with a pointer to the nonce's bytes.
        ///
        /// - Parameters:
        ///   - body: A closure that receives the bytes; the pointer is valid only during the call.
        /// - Returns: The value `body` returns.
        public func withUnsafeBytes<R>(_ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
            try bytes.withUnsafeBytes(body)
        }

        /// Returns an iterator over the bytes of the nonce.
        public func makeIterator() -> Array<UInt8>.Iterator {
            Array(bytes).makeIterator()
        }
    }
}
