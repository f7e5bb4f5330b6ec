// Changing secrets: set (upsert), delete, rollback, and creating an environment. Each change
// verifies the environment it touches before re-sealing it (a tampered environment is refused,
// never re-MACed), then recomputes that environment's MAC and, when the environment list
// changes, the manifest MAC.

#if canImport(FoundationEssentials)
public import FoundationEssentials
#else
public import Foundation
#endif
import TesseraCore

extension SecretStore {
    /// Creates or updates `key` in `environment`. An update keeps the previous value in the
    /// secret's history (up to ``StoreConfiguration/historyDepth``) and increments the version.
    ///
    /// A new environment is created on its first secret (this needs the master key, which signs
    /// the environment list). It is sealed with its own key when one was given for its name
    /// (`TESSERA_MASTER_KEY_<ENV>`), else with the master key.
    ///
    /// - Parameters:
    ///   - key: The key name: letters, digits, `_ . - /`, at most ``StoreConfiguration/maxKeyLength`` bytes.
    ///   - value: The value's bytes, at most ``StoreConfiguration/maxValueSize``.
    ///   - environment: The environment; the configured default when `nil`.
    ///   - description: A new description, or `nil` to keep the current one ("" for a new secret).
    /// - Returns: The secret's new metadata.
    /// - Throws: ``SecretStoreError/invalidKeyName(_:)``, ``SecretStoreError/invalidEnvironmentName(_:)``,
    ///   ``SecretStoreError/valueTooLarge(byteCount:limit:)``, ``SecretStoreError/descriptionTooLarge(byteCount:limit:)``,
    ///   a missing or wrong key, ``SecretStoreError/tampered(environment:)``, file errors. On any
    ///   error the file is unchanged.
    @discardableResult
    public func set(
        _ key: String, value: some DataProtocol, environment: String? = nil, description: String? = nil
    ) throws(SecretStoreError) -> SecretMetadata {
        let env = environment ?? configuration.defaultEnvironment
        try validateKeyName(key, maxLength: configuration.maxKeyLength)
        try validateEnvironmentName(env)
        if let description { try validateDescription(description) }
        guard value.count <= configuration.maxValueSize else {
            throw .valueTooLarge(byteCount: value.count, limit: configuration.maxValueSize)
        }
        var bytes = [UInt8](value)
        defer { bytes.withUnsafeMutableBytes { secureZero($0) } }
        let depth = configuration.historyDepth
        return try mutate { (model: inout StoreModel, st: inout StoreState) throws(SecretStoreError) -> SecretMetadata in
            let keys = try st.ensureEnvironment(env, in: &model)
            return bytes.withUnsafeBytes { raw in
                st.put(key, raw, environment: env, description: description, historyDepth: depth, keys: keys, in: &model)
            }
        }
    }

    /// Creates or updates `key` with UTF-8 text (see ``set(_:value:environment:description:)``).
    ///
    /// - Parameters:
    ///   - key: The key name.
    ///   - value: The text, stored as UTF-8.
    ///   - environment: The environment; the configured default when `nil`.
    ///   - description: A new description, or `nil` to keep the current one.
    /// - Returns: The secret's new metadata.
    /// - Throws: As ``set(_:value:environment:description:)``.
    @discardableResult
    public func set(
        _ key: String, value: String, environment: String? = nil, description: String? = nil
    ) throws(SecretStoreError) -> SecretMetadata {
        try set(key, value: Array(value.utf8), environment: environment, description: description)
    }

    /// Creates or updates several keys of one environment in one atomic write: all or nothing
    /// (what `tessera import` needs). Descriptions of existing keys are kept; new keys get "".
    ///
    /// - Parameters:
    ///   - values: (key, value) pairs; a key given twice takes its last value.
    ///   - environment: The environment; the configured default when `nil`.
    /// - Returns: The new metadata of each pair, in order.
    /// - Throws: As ``set(_:value:environment:description:)``; every name and size is checked
    ///   before anything is written.
    @discardableResult
    public func setMany(
        _ values: [(key: String, value: Data)], environment: String? = nil
    ) throws(SecretStoreError) -> [SecretMetadata] {
        let env = environment ?? configuration.defaultEnvironment
        try validateEnvironmentName(env)
        for (key, value) in values {
            try validateKeyName(key, maxLength: configuration.maxKeyLength)
            guard value.count <= configuration.maxValueSize else {
                throw .valueTooLarge(byteCount: value.count, limit: configuration.maxValueSize)
            }
        }
        let depth = configuration.historyDepth
        return try mutate { (model: inout StoreModel, st: inout StoreState) throws(SecretStoreError) -> [SecretMetadata] in
            let keys = try st.ensureEnvironment(env, in: &model)
            var out: [SecretMetadata] = []
            out.reserveCapacity(values.count)
            for (key, value) in values {
                out.append(value.withUnsafeBytes { raw in
                    st.putWithoutMAC(key, raw, environment: env, description: nil, historyDepth: depth, keys: keys, in: &model)
                })
            }
            st.reseal(env, in: &model, keys: keys)
            return out
        }
    }

    /// Deletes `key` (and its history) from `environment`. The environment stays, possibly empty.
    ///
    /// - Parameters:
    ///   - key: The key name.
    ///   - environment: The environment; the configured default when `nil`.
    /// - Throws: ``SecretStoreError/notFound(key:environment:)``, key and integrity errors.
    public func delete(_ key: String, environment: String? = nil) throws(SecretStoreError) {
        let env = environment ?? configuration.defaultEnvironment
        try validateKeyName(key, maxLength: configuration.maxKeyLength)
        try validateEnvironmentName(env)
        try mutate { (model: inout StoreModel, st: inout StoreState) throws(SecretStoreError) in
            guard model.environments[env] != nil else { throw .notFound(key: key, environment: env) }
            let keys = try st.verify(env)
            guard model.environments[env]!.secrets.removeValue(forKey: key) != nil else {
                throw .notFound(key: key, environment: env)
            }
            st.reseal(env, in: &model, keys: keys)
        }
    }

    /// Restores the value `key` had at `version` as a new version (later versions stay in the
    /// history, so a rollback can itself be rolled back).
    ///
    /// - Parameters:
    ///   - key: The key name.
    ///   - version: A version kept in the history (or the current one).
    ///   - environment: The environment; the configured default when `nil`.
    /// - Returns: The secret's new metadata.
    /// - Throws: ``SecretStoreError/notFound(key:environment:)``,
    ///   ``SecretStoreError/versionNotFound(key:environment:version:)``, key and integrity errors.
    @discardableResult
    public func rollback(_ key: String, to version: Int, environment: String? = nil) throws(SecretStoreError) -> SecretMetadata {
        let env = environment ?? configuration.defaultEnvironment
        try validateKeyName(key, maxLength: configuration.maxKeyLength)
        try validateEnvironmentName(env)
        let depth = configuration.historyDepth
        return try mutate { (model: inout StoreModel, st: inout StoreState) throws(SecretStoreError) -> SecretMetadata in
            let (entry, keys) = try st.entryForVersionedAccess(key, env)
            let sealed = try entry.sealed(version: version, key: key, environment: env)
            // The plaintext lives only in this buffer, zeroed when done.
            var old = try st.open(sealed, keys: keys, environment: env, key: key, version: version)
            defer { old.withUnsafeMutableBytes { secureZero($0) } }
            return old.withUnsafeBytes { raw in
                st.put(key, raw, environment: env, description: nil, historyDepth: depth, keys: keys, in: &model)
            }
        }
    }

    /// Creates an empty environment, sealed with the master key or with its own key.
    ///
    /// - Parameters:
    ///   - name: The environment name: lower-case letters, digits, `_ -`.
    ///   - ownKey: The environment's own key, or `nil` to seal it with the master key.
    /// - Throws: ``SecretStoreError/environmentAlreadyExists(environment:)``,
    ///   ``SecretStoreError/masterKeyRequired`` (the master key signs the environment list).
    public func createEnvironment(_ name: String, ownKey: MasterKey? = nil) throws(SecretStoreError) {
        try validateEnvironmentName(name)
        try mutate { (model: inout StoreModel, st: inout StoreState) throws(SecretStoreError) in
            guard model.environments[name] == nil else { throw .environmentAlreadyExists(environment: name) }
            if let ownKey { st.ownRoots[name] = ownKey.symmetricKey; st.derived[KeySource.own.rawValue + ":" + name] = nil }
            _ = try st.ensureEnvironment(name, in: &model, source: ownKey == nil ? .master : .own)
        }
    }
}

extension StoreState {
    /// The verified keys of environment `name`, creating it (empty, and re-signing the
    /// environment list) when missing.
    mutating func ensureEnvironment(_ name: String, in model: inout StoreModel,
                                    source: KeySource? = nil) throws(SecretStoreError) -> EnvironmentKeys {
        if model.environments[name] != nil { return try verify(name) }
        _ = try requireMaster()
        let source = source ?? (ownRoots[name] != nil ? .own : .master)
        let keys = try keys(for: name, source: source)
        model.environments[name] = EnvironmentRecord(keySource: source, keyCheck: keys.keyCheck, mac: [], secrets: [:])
        reseal(name, in: &model, keys: keys)
        try resealManifest(in: &model)
        return keys
    }

    /// Upserts one value into a verified environment and re-MACs it.
    mutating func put(
        _ key: String, _ value: UnsafeRawBufferPointer, environment env: String, description: String?,
        historyDepth: Int, keys: EnvironmentKeys, in model: inout StoreModel
    ) -> SecretMetadata {
        let metadata = putWithoutMAC(key, value, environment: env, description: description, historyDepth: historyDepth,
                                     keys: keys, in: &model)
        reseal(env, in: &model, keys: keys)
        return metadata
    }

    /// Upserts one value into a verified environment; the caller re-MACs the environment.
    mutating func putWithoutMAC(
        _ key: String, _ value: UnsafeRawBufferPointer, environment env: String, description: String?,
        historyDepth: Int, keys: EnvironmentKeys, in model: inout StoreModel
    ) -> SecretMetadata {
        let now = currentTimestamp()
        var entry: SecretEntry
        if var old = model.environments[env]!.secrets[key] {
            old.history.insert(HistoryEntry(version: old.version, updated: old.updated, sealed: old.sealed), at: 0)
            if old.history.count > historyDepth { old.history.removeLast(old.history.count - historyDepth) }
            old.version += 1
            old.updated = now
            if let description { old.description = description }
            entry = old
        } else {
            entry = SecretEntry(description: description ?? "", created: now, updated: now, version: 1,
                                sealed: SealedValue(combined: [UInt8](repeating: 0, count: SealedValue.overhead))!,
                                history: [])
        }
        let aad = valueAAD(storeId: model.storeId, environment: env, key: key, version: entry.version)
        entry.sealed = SealedValue.seal(value, key: keys.dataKey, aad: aad)
        model.environments[env]!.secrets[key] = entry
        return metadata(key, env, entry)
    }
}
