// The in-memory model of a store, apart from its disk schema (StoreFile+Decode.swift and
// StoreFile+Encode.swift convert both ways, so the format can evolve without touching the
// store's logic). Binary fields hold bytes, times their canonical text (Timestamp.swift), names
// are validated.

/// Where an environment's root key comes from.
enum KeySource: String, Sendable {
    /// The store's master key.
    case master
    /// The environment's own master key (`TESSERA_MASTER_KEY_<ENV>`).
    case own
}

/// How the store's master key is obtained from what the user holds.
enum MasterKeyDerivation: Equatable, Sendable {
    /// The master key is given directly (hex, key file).
    case none
    /// The master key is scrypt(passphrase, salt, N, r, p, 32).
    case scrypt(salt: [UInt8], parameters: ScryptParameters)
}

/// One AES-256-GCM sealed value: nonce (12 bytes) ‖ ciphertext ‖ tag (16 bytes).
struct SealedValue: Equatable, Sendable {
    static let nonceByteCount = 12
    static let tagByteCount = 16
    static let overhead = nonceByteCount + tagByteCount

    /// nonce ‖ ciphertext ‖ tag.
    var combined: [UInt8]

    /// Wraps combined bytes, or `nil` when they are too short to hold a nonce and a tag.
    init?(combined: [UInt8]) {
        guard combined.count >= SealedValue.overhead else { return nil }
        self.combined = combined
    }

    /// The plaintext length.
    var plaintextByteCount: Int { combined.count - SealedValue.overhead }
}

/// A previous value of a secret.
struct HistoryEntry: Equatable, Sendable {
    /// The version number that value had.
    var version: Int
    /// When that version was set.
    var updated: String
    /// The value, sealed with that version in its associated data.
    var sealed: SealedValue
}

/// One secret of one environment.
struct SecretEntry: Equatable, Sendable {
    var description: String
    var created: String
    var updated: String
    /// 1 for a new secret, +1 on every update.
    var version: Int
    var sealed: SealedValue
    /// Previous values, newest first, at most the configured depth.
    var history: [HistoryEntry]
}

/// One environment: its key source, key check, MAC, and secrets.
struct EnvironmentRecord: Equatable, Sendable {
    var keySource: KeySource
    /// Derived from the environment's root key (FORMAT.md, "Keys").
    var keyCheck: [UInt8]
    /// HMAC-SHA256 over the canonical encoding of the environment (FORMAT.md, "Integrity").
    var mac: [UInt8]
    var secrets: [String: SecretEntry]
}

/// A whole store.
package struct StoreModel: Equatable, Sendable {
    /// The only format version this code reads and writes.
    package static let formatVersion = 1
    /// The value of the file's "format" member.
    static let formatName = "tessera-secret-store"
    static let storeIdByteCount = 16
    static let macByteCount = 32

    /// Random, fixed at creation; the HKDF salt of every derived key.
    var storeId: [UInt8]
    var kdf: MasterKeyDerivation
    /// The master key's check value.
    var keyCheck: [UInt8]
    /// HMAC-SHA256 under the master key's manifest key over the environments' names and key
    /// sources.
    var manifestMAC: [UInt8]
    var environments: [String: EnvironmentRecord]

    /// Environment names in the file's order (sorted by UTF-8 bytes).
    var sortedEnvironmentNames: [String] { environments.keys.sorted(by: nameLess) }
}
