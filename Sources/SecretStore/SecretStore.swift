// The secret store: one JSON file of AES-256-GCM sealed values, grouped by environment, each
// environment under its own HKDF-derived keys and HMAC, readable in metadata without a key.
// This file opens and creates stores and runs every change as lock → re-read → change →
// atomic replace; reads (SecretStore+Read.swift) work on the snapshot taken at open.

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import Synchronization
import TesseraCore

/// An encrypted, environment-aware secret file.
///
/// ```swift
/// let key = try MasterKey(hexString: hex)          // or MasterKey.fromEnvironment()
/// let store = try SecretStore.open(at: "secrets.tessera.json", credential: .masterKey(key))
/// try store.set("STRIPE_KEY", value: "sk_live_…", environment: "prod", description: "payments")
/// let value = try store.string("STRIPE_KEY", environment: "prod")  // prod, else global
/// ```
///
/// Reads work on the file as it was when the store was opened (or last changed or reloaded by
/// this object); every change locks the file, re-reads it, applies the change and replaces the
/// file atomically, so concurrent writers in several processes never lose each other's changes.
///
/// - Important: Key names, environment names, descriptions, times and version numbers are stored
///   in clear; only values are encrypted. See docs/FORMAT.md, "Security notes".
public final class SecretStore: Sendable {
    /// The store file's path, with symbolic links resolved.
    public let path: String
    /// The settings this object resolves lookups and checks sizes with.
    public let configuration: StoreConfiguration
    let state: Mutex<StoreState>

    private init(path: String, configuration: StoreConfiguration, state: StoreState) {
        self.path = path
        self.configuration = configuration
        self.state = Mutex(state)
    }

    /// Opens an existing store.
    ///
    /// - Parameters:
    ///   - path: The store file.
    ///   - credential: The master key or passphrase; `nil` to list metadata only (or to work
    ///     with environments sealed with their own keys).
    ///   - environmentKeys: Own keys of environments sealed with one, by environment name
    ///     (see ``MasterKey/environmentKeys(for:from:)``); each is checked when its environment
    ///     is first used (a wrong one then throws ``SecretStoreError/wrongMasterKey(environment:)``).
    ///   - configuration: Lookup and size settings.
    /// - Returns: The open store.
    /// - Throws: ``SecretStoreError/storeNotFound(path:)``, ``SecretStoreError/malformedStore(reason:)``,
    ///   ``SecretStoreError/unsupportedFormatVersion(found:supported:)``,
    ///   ``SecretStoreError/wrongMasterKey(environment:)``, ``SecretStoreError/manifestTampered``,
    ///   ``SecretStoreError/credentialMismatch(storeUsesPassphrase:)``.
    public static func open(
        at path: String, credential: StoreCredential? = nil, environmentKeys: [String: MasterKey] = [:],
        configuration: StoreConfiguration = StoreConfiguration()
    ) throws(SecretStoreError) -> SecretStore {
        try configuration.validate()
        let path = AtomicFile.resolvedPath(path)  // a link to the store stays a link
        let bytes = try AtomicFile.contents(of: path)
        let model = try decodeStoreFile(bytes)
        var masterRoot: SymmetricKey?
        if let credential { masterRoot = try SecretStore.masterRoot(for: credential, derivation: model.kdf) }
        var state = StoreState(model: model, fileBytes: bytes, masterRoot: masterRoot,
                               ownRoots: environmentKeys.mapValues(\.symmetricKey))
        try state.checkMaster()
        // Own keys are checked when their environment is used, not here: a wrong or stale
        // TESSERA_MASTER_KEY_<ENV> must not break commands that never touch that environment.
        return SecretStore(path: path, configuration: configuration, state: state)
    }

    /// Creates a new, empty store; refuses to overwrite an existing file.
    ///
    /// - Parameters:
    ///   - path: The store file to create (mode 0600).
    ///   - credential: The master key, or a passphrase to stretch with scrypt.
    ///   - scrypt: scrypt's parameters for a passphrase (ignored for a master key).
    ///   - configuration: Lookup and size settings.
    /// - Returns: The open store.
    /// - Throws: ``SecretStoreError/storeAlreadyExists(path:)``,
    ///   ``SecretStoreError/invalidKDFParameters``, ``SecretStoreError/io(operation:path:errno:)``.
    public static func create(
        at path: String, credential: StoreCredential, scrypt: ScryptParameters = .default,
        configuration: StoreConfiguration = StoreConfiguration()
    ) throws(SecretStoreError) -> SecretStore {
        try configuration.validate()
        let path = AtomicFile.resolvedPath(path)
        let lock = try FileLock(path: FileLock.lockPath(forStore: path))
        defer { lock.unlock() }
        if AtomicFile.exists(path) { throw .storeAlreadyExists(path: path) }
        AtomicFile.removeStrayTemporaryFiles(forStore: path)
        let storeId = randomBytes(StoreModel.storeIdByteCount)
        let (root, kdf) = try newMasterRoot(for: credential, scrypt: scrypt)
        var model = StoreModel(storeId: storeId, kdf: kdf, keyCheck: [], manifestMAC: [], environments: [:])
        var state = StoreState(model: model, fileBytes: [], masterRoot: root, ownRoots: [:])
        state.master = MasterKeys(root: root, storeId: storeId)
        try state.resealManifest(in: &model)
        let bytes = encodeStoreFile(model)
        try AtomicFile.replace(path, with: bytes)
        state.model = model
        state.fileBytes = bytes
        return SecretStore(path: path, configuration: configuration, state: state)
    }

    /// Re-reads the file, picking up changes made by other processes since open or the last change.
    ///
    /// - Throws: the errors of ``open(at:credential:environmentKeys:configuration:)``.
    public func reload() throws(SecretStoreError) {
        let bytes = try AtomicFile.contents(of: path)
        try state.withLock { (st: inout StoreState) throws(SecretStoreError) in
            if bytes == st.fileBytes { return }
            try st.adopt(model: try decodeStoreFile(bytes), bytes: bytes)
        }
    }

    // MARK: - Store facts

    /// The format version of the file (1).
    public var formatVersion: Int { StoreModel.formatVersion }

    /// The store's random identifier, as 32 hex characters.
    public var storeIdentifier: String { state.withLock { hexString($0.model.storeId) } }

    /// The scrypt parameters when the master key comes from a passphrase, else `nil`.
    public var passphraseParameters: ScryptParameters? {
        state.withLock { st in
            if case let .scrypt(_, parameters) = st.model.kdf { return parameters }
            return nil
        }
    }

    /// `true` when this object holds a master key that passed the store's key check.
    public var hasMasterKey: Bool { state.withLock { $0.master != nil } }

    /// The temporary files left by writers that were killed mid-write (ignored by readers,
    /// removed by the next change).
    ///
    /// - Parameters:
    ///   - path: The store file.
    /// - Returns: Their paths.
    public static func strayTemporaryFiles(forStoreAt path: String) -> [String] {
        AtomicFile.strayTemporaryFiles(forStore: AtomicFile.resolvedPath(path))
    }

    /// Removes the temporary files left by killed writers, holding the writers' lock.
    ///
    /// - Parameters:
    ///   - path: The store file.
    /// - Returns: How many were removed.
    /// - Throws: ``SecretStoreError/io(operation:path:errno:)`` when the lock cannot be taken.
    @discardableResult
    public static func removeStrayTemporaryFiles(forStoreAt path: String) throws(SecretStoreError) -> Int {
        let path = AtomicFile.resolvedPath(path)
        let lock = try FileLock(path: FileLock.lockPath(forStore: path))
        defer { lock.unlock() }
        return AtomicFile.removeStrayTemporaryFiles(forStore: path)
    }

    // MARK: - Changing the file

    /// Runs `change` on the current file under the writers' lock and writes its result
    /// atomically. `change` gets a copy of the model to edit and the state (for keys and
    /// verification); when it throws, nothing is written.
    func mutate<R>(
        _ change: (inout StoreModel, inout StoreState) throws(SecretStoreError) -> R
    ) throws(SecretStoreError) -> R {
        let lock = try FileLock(path: FileLock.lockPath(forStore: path))
        defer { lock.unlock() }
        AtomicFile.removeStrayTemporaryFiles(forStore: path)
        let bytes = try AtomicFile.contents(of: path)
        return try state.withLock { (st: inout StoreState) throws(SecretStoreError) -> R in
            if bytes != st.fileBytes { try st.adopt(model: try decodeStoreFile(bytes), bytes: bytes) }
            var model = st.model
            var scratch = st
            let result = try change(&model, &scratch)
            let newBytes = encodeStoreFile(model)
            try AtomicFile.replace(path, with: newBytes)
            scratch.model = model
            scratch.fileBytes = newBytes
            st = scratch
            return result
        }
    }

    static func masterRoot(for credential: StoreCredential, derivation: MasterKeyDerivation) throws(SecretStoreError) -> SymmetricKey {
        try TesseraSecretStore.masterRoot(for: credential, derivation: derivation)
    }

    /// A new master root and its derivation record (fresh salt for a passphrase).
    static func newMasterRoot(
        for credential: StoreCredential, scrypt: ScryptParameters
    ) throws(SecretStoreError) -> (SymmetricKey, MasterKeyDerivation) {
        switch credential {
        case let .masterKey(key):
            return (key.symmetricKey, .none)
        case let .passphrase(text):
            try scrypt.validate()
            let salt = randomBytes(16)
            return (try scryptMasterKey(passphrase: text, salt: salt, parameters: scrypt), .scrypt(salt: salt, parameters: scrypt))
        }
    }
}
