// The lower-level GCM API: one key's cached state with a chosen GHASH backend, any IV length
// >= 1 byte and the truncated tags of SP 800-38D (4, 8, 12–16 bytes). `AES.GCM.seal`/`open` are
// thin wrappers over it with the default backend, 16-byte tags and >= 12-byte nonces.

#if canImport(FoundationEssentials)
public import FoundationEssentials
#else
public import Foundation
#endif
public import TesseraCore

extension AES.GCM {
    /// Which GHASH implementation a ``Context`` uses.
    public enum GHashImplementation: Sendable, Equatable {
        /// Shoup's table method: fast, but its table lookups are indexed by data derived from
        /// the hash key H and the ciphertext, so it is **not constant-time** (see the README's
        /// security notes). The default, as in OpenSSL's and Go's generic code.
        case table
        /// Carry-less multiplication from integer multiplies: no secret-dependent branch or
        /// memory index. Slower.
        case constantTime

        /// The process-wide default: `.constantTime` when the environment variable
        /// `TESSERA_GHASH` is `ct` at first use, else `.table`.
        public static var `default`: GHashImplementation {
            GHashBackend.defaultBackend == .constantTime ? .constantTime : .table
        }
    }

    /// AES-GCM bound to one key and one GHASH implementation.
    ///
    /// The key schedule, H and the GHASH table are computed once per key and cached in the
    /// `SymmetricKey`'s storage, so creating a context for a key already used is cheap. Unlike
    /// ``AES/GCM/seal(_:using:nonce:authenticating:)``, a context accepts IVs of any length of at
    /// least one byte and tags of 4, 8 or 12–16 bytes, as NIST SP 800-38D allows.
    ///
    /// - Important: Tags shorter than 16 bytes weaken authentication (SP 800-38D Appendix C);
    ///   use them only where a protocol demands it.
    public struct Context: Sendable {
        private enum State: Sendable {
            case table(GCMKey<GHashShoupTable>)
            case constantTime(GCMKey<GHashCTMul64>)
        }

        private let state: State

        /// The GHASH implementation this context uses.
        public var ghash: GHashImplementation {
            if case .table = state { return .table }
            return .constantTime
        }

        /// Creates a context for `key`.
        ///
        /// - Parameters:
        ///   - key: A 128-, 192- or 256-bit key.
        ///   - ghash: The GHASH implementation; by default ``GHashImplementation/default``.
        /// - Throws: `CryptoKitError.incorrectKeySize` for any other key size.
        public init(key: SymmetricKey, ghash: GHashImplementation = .default) throws {
            let keyByteCount = key.storage.count
            guard keyByteCount == 16 || keyByteCount == 24 || keyByteCount == 32 else { throw CryptoKitError.incorrectKeySize }
            switch ghash {
            case .table:
                state = .table(try key.storage.cached(GCMKey<GHashShoupTable>.self) { try GCMKey(key: $0) })
            case .constantTime:
                state = .constantTime(try key.storage.cached(GCMKey<GHashCTMul64>.self) { try GCMKey(key: $0) })
            }
        }

        @usableFromInline
        func seal(iv: UnsafeRawBufferPointer, aad: UnsafeRawBufferPointer, plaintext: UnsafeRawBufferPointer,
                  ciphertext: UnsafeMutableRawPointer?, tag: UnsafeMutableRawPointer) {
            switch state {
            case .table(let k): k.seal(iv: iv, aad: aad, plaintext: plaintext, ciphertext: ciphertext, tag: tag)
            case .constantTime(let k): k.seal(iv: iv, aad: aad, plaintext: plaintext, ciphertext: ciphertext, tag: tag)
            }
        }

        @usableFromInline
        func open(iv: UnsafeRawBufferPointer, aad: UnsafeRawBufferPointer, ciphertext: UnsafeRawBufferPointer,
                  tag: UnsafeRawBufferPointer, plaintext: UnsafeMutableRawPointer?) -> Bool {
            switch state {
            case .table(let k): return k.open(iv: iv, aad: aad, ciphertext: ciphertext, tag: tag, plaintext: plaintext)
            case .constantTime(let k): return k.open(iv: iv, aad: aad, ciphertext: ciphertext, tag: tag, plaintext: plaintext)
            }
        }

        // The public entry points are `@inlinable`: they turn their DataProtocol inputs into
        // contiguous bytes in the caller's specialised code, then call the non-generic workers
        // below (unspecialised generics cost ~2,000 instructions of runtime metadata lookups per
        // call, more than a 16-byte seal itself).

        /// Seals `message` into a sealed box (nonce, ciphertext, 16-byte tag).
        ///
        /// - Parameters:
        ///   - message: The plaintext.
        ///   - nonce: The nonce; a new random 12-byte nonce when `nil`.
        ///   - authenticatedData: Data authenticated but not encrypted.
        /// - Returns: The sealed box.
        /// - Throws: `CryptoKitError.incorrectParameterSize` when a length exceeds SP 800-38D's limits.
        @inlinable
        public func seal<Plaintext: DataProtocol, AuthenticatedData: DataProtocol>(
            _ message: Plaintext, nonce: AES.GCM.Nonce? = nil, authenticating authenticatedData: AuthenticatedData
        ) throws -> AES.GCM.SealedBox {
            try withContiguousBytes(message) { plaintext in
                try withContiguousBytes(authenticatedData) { aad in
                    try sealBox(plaintext: plaintext, nonce: nonce ?? AES.GCM.Nonce(), aad: aad)
                }
            }
        }

        /// Largest sealed box (nonce + ciphertext + tag, bytes) built in stack scratch and copied
        /// into its `Data` in one step. `Data(bytes:count:)` costs ~890 instructions under
        /// callgrind where `Data(count:)` (zero fill) plus `withUnsafeMutableBytes` costs ~1,390:
        /// the latter enters FoundationEssentials' exclusivity checks (`swift_beginAccess`, a
        /// thread-local lookup each) several times more. Past this size the copy is avoided.
        private static var stackBoxLimit: Int { 256 }

        @usableFromInline
        func sealBox(plaintext: UnsafeRawBufferPointer, nonce: AES.GCM.Nonce, aad: UnsafeRawBufferPointer) throws -> AES.GCM.SealedBox {
            let nonceCount = nonce.bytes.count
            try GCMLimits.check(ivByteCount: nonceCount, aadByteCount: aad.count, textByteCount: plaintext.count)
            let total = nonceCount + plaintext.count + AES.GCM.tagByteCount
            /// nonce || ciphertext || tag at `base` (`total` bytes).
            func fill(_ base: UnsafeMutableRawPointer) {
                nonce.bytes.withUnsafeBytes { iv in
                    base.copyMemory(from: iv.baseAddress!, byteCount: nonceCount)
                    seal(iv: iv, aad: aad, plaintext: plaintext,
                         ciphertext: base.advanced(by: nonceCount),
                         tag: base.advanced(by: nonceCount + plaintext.count))
                }
            }
            let combined: Data
            if total <= Self.stackBoxLimit {
                // Only public bytes (nonce, ciphertext, tag) pass through this scratch.
                combined = withUnsafeTemporaryAllocation(byteCount: Self.stackBoxLimit, alignment: 16) { scratch in
                    fill(scratch.baseAddress!)
                    return Data(bytes: scratch.baseAddress!, count: total)
                }
            } else {
                var data = Data(count: total)
                data.withUnsafeMutableBytes { fill($0.baseAddress!) }
                combined = data
            }
            return AES.GCM.SealedBox(combinedRepresentation: combined, nonceByteCount: nonceCount)
        }

        /// Opens a sealed box, verifying its tag over the ciphertext and `authenticatedData`.
        ///
        /// - Parameters:
        ///   - sealedBox: The sealed box.
        ///   - authenticatedData: The data authenticated when sealing.
        /// - Returns: The plaintext.
        /// - Throws: `CryptoKitError.authenticationFailure` when the tag does not match (no
        ///   plaintext is released); `CryptoKitError.incorrectParameterSize` for lengths beyond
        ///   SP 800-38D's limits.
        @inlinable
        public func open<AuthenticatedData: DataProtocol>(
            _ sealedBox: AES.GCM.SealedBox, authenticating authenticatedData: AuthenticatedData
        ) throws -> Data {
            try withContiguousBytes(authenticatedData) { aad in try openBox(sealedBox, aad: aad) }
        }

        @usableFromInline
        func openBox(_ sealedBox: AES.GCM.SealedBox, aad: UnsafeRawBufferPointer) throws -> Data {
            let nonceCount = sealedBox.nonceByteCount
            return try sealedBox.combinedRepresentation.withUnsafeBytes { all in
                let textCount = all.count - nonceCount - AES.GCM.tagByteCount
                guard textCount >= 0 else { throw CryptoKitError.incorrectParameterSize }
                try GCMLimits.check(ivByteCount: nonceCount, aadByteCount: aad.count, textByteCount: textCount)
                return try openChecked(
                    iv: UnsafeRawBufferPointer(rebasing: all[0..<nonceCount]), aad: aad,
                    ciphertext: UnsafeRawBufferPointer(rebasing: all[nonceCount..<(nonceCount + textCount)]),
                    tag: UnsafeRawBufferPointer(rebasing: all[(nonceCount + textCount)...]))
            }
        }

        /// Encrypts with an IV of any length and a tag of 4, 8 or 12–16 bytes (the SP 800-38D
        /// interface, as the NIST CAVP files exercise it).
        ///
        /// - Parameters:
        ///   - message: The plaintext.
        ///   - iv: The initialisation vector, at least 1 byte. 12 bytes is the efficient and
        ///     recommended length.
        ///   - authenticatedData: Data authenticated but not encrypted.
        ///   - tagByteCount: 4, 8, 12, 13, 14, 15 or 16.
        /// - Returns: The ciphertext and the tag.
        /// - Throws: `CryptoKitError.incorrectParameterSize` for an empty IV, a tag length SP
        ///   800-38D does not allow, or lengths beyond its limits.
        /// - Important: Never reuse an IV with the same key.
        @inlinable
        public func seal<Plaintext: DataProtocol, IV: DataProtocol, AuthenticatedData: DataProtocol>(
            _ message: Plaintext, iv: IV, authenticating authenticatedData: AuthenticatedData, tagByteCount: Int = 16
        ) throws -> (ciphertext: Data, tag: Data) {
            try withContiguousBytes(message) { plaintext in
                try withContiguousBytes(iv) { iv in
                    try withContiguousBytes(authenticatedData) { aad in
                        try sealDetached(plaintext: plaintext, iv: iv, aad: aad, tagByteCount: tagByteCount)
                    }
                }
            }
        }

        @usableFromInline
        func sealDetached(plaintext: UnsafeRawBufferPointer, iv: UnsafeRawBufferPointer, aad: UnsafeRawBufferPointer,
                          tagByteCount: Int) throws -> (ciphertext: Data, tag: Data) {
            guard GCMLimits.isValidTagByteCount(tagByteCount) else { throw CryptoKitError.incorrectParameterSize }
            try GCMLimits.check(ivByteCount: iv.count, aadByteCount: aad.count, textByteCount: plaintext.count)
            var ciphertext = Data(count: plaintext.count)
            var tag = Data(count: AES.GCM.tagByteCount)
            ciphertext.withUnsafeMutableBytes { c in
                tag.withUnsafeMutableBytes { t in
                    seal(iv: iv, aad: aad, plaintext: plaintext, ciphertext: c.baseAddress, tag: t.baseAddress!)
                }
            }
            return (ciphertext, tag.prefix(tagByteCount))
        }

        /// Decrypts with an IV of any length and a tag of 4, 8 or 12–16 bytes.
        ///
        /// - Parameters:
        ///   - ciphertext: The encrypted data.
        ///   - iv: The initialisation vector used to seal, at least 1 byte.
        ///   - tag: The tag, 4, 8 or 12–16 bytes.
        ///   - authenticatedData: The data authenticated when sealing.
        /// - Returns: The plaintext.
        /// - Throws: `CryptoKitError.authenticationFailure` when the tag does not match (no
        ///   plaintext is released); `CryptoKitError.incorrectParameterSize` for an empty IV, a
        ///   tag length SP 800-38D does not allow, or lengths beyond its limits.
        @inlinable
        public func open<Ciphertext: DataProtocol, IV: DataProtocol, Tag: DataProtocol, AuthenticatedData: DataProtocol>(
            _ ciphertext: Ciphertext, iv: IV, tag: Tag, authenticating authenticatedData: AuthenticatedData
        ) throws -> Data {
            try withContiguousBytes(ciphertext) { ciphertext in
                try withContiguousBytes(iv) { iv in
                    try withContiguousBytes(tag) { tag in
                        try withContiguousBytes(authenticatedData) { aad in
                            try openDetached(ciphertext: ciphertext, iv: iv, tag: tag, aad: aad)
                        }
                    }
                }
            }
        }

        @usableFromInline
        func openDetached(ciphertext: UnsafeRawBufferPointer, iv: UnsafeRawBufferPointer, tag: UnsafeRawBufferPointer,
                          aad: UnsafeRawBufferPointer) throws -> Data {
            guard GCMLimits.isValidTagByteCount(tag.count) else { throw CryptoKitError.incorrectParameterSize }
            try GCMLimits.check(ivByteCount: iv.count, aadByteCount: aad.count, textByteCount: ciphertext.count)
            return try openChecked(iv: iv, aad: aad, ciphertext: ciphertext, tag: tag)
        }

        /// Opens into a new `Data`, throwing `authenticationFailure` on a tag mismatch.
        ///
        /// Short plaintexts are opened into stack scratch, copied into their `Data` in one step
        /// (see ``stackBoxLimit``) and the scratch is wiped.
        private func openChecked(iv: UnsafeRawBufferPointer, aad: UnsafeRawBufferPointer,
                         ciphertext: UnsafeRawBufferPointer, tag: UnsafeRawBufferPointer) throws -> Data {
            let count = ciphertext.count
            if count <= Self.stackBoxLimit {
                let opened: Data? = withUnsafeTemporaryAllocation(byteCount: Self.stackBoxLimit, alignment: 16) { scratch in
                    let p = scratch.baseAddress!
                    guard open(iv: iv, aad: aad, ciphertext: ciphertext, tag: tag, plaintext: p) else { return nil }
                    defer { secureZero(p, count) }
                    return Data(bytes: p, count: count)
                }
                guard let opened else { throw CryptoKitError.authenticationFailure }
                return opened
            }
            var plaintext = Data(count: count)
            let ok = plaintext.withUnsafeMutableBytes { p in
                open(iv: iv, aad: aad, ciphertext: ciphertext, tag: tag, plaintext: p.baseAddress)
            }
            guard ok else { throw CryptoKitError.authenticationFailure }
            return plaintext
        }
    }
}
