// Key derivation for the store (docs/FORMAT.md, "Keys").
//
// Every key is HKDF-SHA256 (RFC 5869) of a 32-byte root key, with the store's random 16-byte id
// as salt and an info string naming the format version, the purpose and, for per-environment
// keys, the environment:
//     store level   info = "tessera/store/v1/" ‖ purpose               purpose ∈ {key-check, manifest-mac}
//     environment   info = "tessera/store/v1/" ‖ purpose ‖ "/" ‖ env   purpose ∈ {data-key, mac-key, key-check}
// The root is the master key (given, or scrypt(passphrase, salt, N, r, p) with RFC 7914
// parameters from the file) or, for an environment sealed with its own key, that key.
// Environment names cannot contain '/', so no two (purpose, environment) pairs share an info.
// Key-check values are HKDF outputs under their own info: publishing them reveals nothing about
// the data or MAC keys (HKDF-Expand is a PRF), and comparing one tells a wrong key apart from a
// tampered file before any MAC is checked.

import TesseraCore
import TesseraKDF

/// The info prefix of every derivation, carrying the format version.
let storeInfoPrefix = "tessera/store/v1/"

/// The keys of one environment, derived once per root and cached.
final class EnvironmentKeys: Sendable {
    /// AES-256-GCM key of the environment's values.
    let dataKey: SymmetricKey
    /// HMAC-SHA256 key of the environment's integrity code.
    let macKey: SymmetricKey
    /// The key-check value stored in the file.
    let keyCheck: [UInt8]

    init(root: SymmetricKey, storeId: [UInt8], environment: String) {
        dataKey = deriveStoreKey(root: root, storeId: storeId, purpose: "data-key/" + environment)
        macKey = deriveStoreKey(root: root, storeId: storeId, purpose: "mac-key/" + environment)
        keyCheck = deriveStoreKey(root: root, storeId: storeId, purpose: "key-check/" + environment)
            .withUnsafeBytes { Array($0) }
    }

    /// `true` when `value` equals this root's key check (constant-time).
    func matches(keyCheck value: [UInt8]) -> Bool { constantTimeEquals(keyCheck, value) }
}

/// The store-level keys of the master key.
final class MasterKeys: Sendable {
    let manifestKey: SymmetricKey
    let keyCheck: [UInt8]

    init(root: SymmetricKey, storeId: [UInt8]) {
        manifestKey = deriveStoreKey(root: root, storeId: storeId, purpose: "manifest-mac")
        keyCheck = deriveStoreKey(root: root, storeId: storeId, purpose: "key-check").withUnsafeBytes { Array($0) }
    }

    func matches(keyCheck value: [UInt8]) -> Bool { constantTimeEquals(keyCheck, value) }
}

/// HKDF-SHA256(root, salt: storeId, info: "tessera/store/v1/" ‖ purpose, 32 bytes).
func deriveStoreKey(root: SymmetricKey, storeId: [UInt8], purpose: String) -> SymmetricKey {
    HKDF<SHA256>.deriveKey(inputKeyMaterial: root, salt: storeId, info: Array((storeInfoPrefix + purpose).utf8),
                           outputByteCount: 32)
}

/// The master key for `credential` under the store's key derivation.
///
/// - Throws: ``SecretStoreError/credentialMismatch(storeUsesPassphrase:)`` when a passphrase is
///   given for a store without one, ``SecretStoreError/invalidKDFParameters`` when scrypt
///   refuses its parameters.
func masterRoot(for credential: StoreCredential, derivation: MasterKeyDerivation) throws(SecretStoreError) -> SymmetricKey {
    switch (credential, derivation) {
    case let (.masterKey(key), _):
        // A passphrase store also opens with its derived master key (for scripts and tests).
        return key.symmetricKey
    case (.passphrase, .none):
        throw .credentialMismatch(storeUsesPassphrase: false)
    case let (.passphrase(text), .scrypt(salt, parameters)):
        return try scryptMasterKey(passphrase: text, salt: salt, parameters: parameters)
    }
}

/// scrypt(passphrase as UTF-8 bytes, unnormalised; salt; N, r, p; 32 bytes).
func scryptMasterKey(passphrase: String, salt: [UInt8], parameters: ScryptParameters) throws(SecretStoreError) -> SymmetricKey {
    var bytes = Array(passphrase.utf8)
    defer { bytes.withUnsafeMutableBytes { secureZero($0) } }
    do {
        return try KDF.Scrypt.deriveKey(from: bytes, salt: salt, outputByteCount: 32, rounds: parameters.costFactor,
                                        blockSize: parameters.blockSize, parallelism: parameters.parallelism)
    } catch {
        throw .invalidKDFParameters
    }
}

/// Test support: recomputes, with the master key, the key checks and MACs of every environment
/// sealed with the master key and the manifest of a store file, so a test can show that a
/// change the MAC would catch is also caught by AES-GCM's associated data on its own.
package func remacStoreFileForTesting(_ bytes: [UInt8], masterKey: MasterKey) throws(SecretStoreError) -> [UInt8] {
    var model = try decodeStoreFile(bytes)
    let root = masterKey.symmetricKey
    for name in model.sortedEnvironmentNames where model.environments[name]!.keySource == .master {
        let keys = EnvironmentKeys(root: root, storeId: model.storeId, environment: name)
        var record = model.environments[name]!
        record.keyCheck = keys.keyCheck
        record.mac = storeMAC(environmentMACInput(storeId: model.storeId, name: name, record: record), key: keys.macKey)
        model.environments[name] = record
    }
    let master = MasterKeys(root: root, storeId: model.storeId)
    model.keyCheck = master.keyCheck
    model.manifestMAC = storeMAC(manifestMACInput(storeId: model.storeId, environments: model.environments), key: master.manifestKey)
    return encodeStoreFile(model)
}
