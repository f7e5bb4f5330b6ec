// Reading: values (with the environment → default fallback), metadata listings, environments,
// history. Reads use the snapshot of the file this object holds (see ``SecretStore/reload()``).

#if canImport(FoundationEssentials)
public import FoundationEssentials
#else
public import Foundation
#endif

extension SecretStore {
    /// The value of `key` in `environment`, else in the default environment.
    ///
    /// - Parameters:
    ///   - key: The key name.
    ///   - environment: The environment; the configured default when `nil`.
    ///   - fallback: `false` to look in `environment` only (also implied by
    ///     ``StoreConfiguration/isolatesEnvironments``).
    /// - Returns: The value's bytes.
    /// - Throws: ``SecretStoreError/notFound(key:environment:)``, a missing or wrong key,
    ///   ``SecretStoreError/tampered(environment:)``, invalid names.
    public func get(_ key: String, environment: String? = nil, fallback: Bool = true) throws(SecretStoreError) -> Data {
        try secret(key, environment: environment, fallback: fallback).value
    }

    /// The value of `key`, or `defaultValue` when no environment in the lookup holds it.
    ///
    /// - Parameters:
    ///   - key: The key name.
    ///   - environment: The environment; the configured default when `nil`.
    ///   - defaultValue: The value returned for a missing key (other errors still throw).
    /// - Returns: The value's bytes or `defaultValue`.
    /// - Throws: As ``get(_:environment:fallback:)``, except ``SecretStoreError/notFound(key:environment:)``.
    public func get(_ key: String, environment: String? = nil, default defaultValue: @autoclosure () -> Data) throws(SecretStoreError) -> Data {
        do { return try get(key, environment: environment) } catch {
            if case .notFound = error { return defaultValue() }
            throw error
        }
    }

    /// The value of `key` as UTF-8 text.
    ///
    /// - Parameters:
    ///   - key: The key name.
    ///   - environment: The environment; the configured default when `nil`.
    ///   - fallback: `false` to look in `environment` only.
    /// - Returns: The text.
    /// - Throws: As ``get(_:environment:fallback:)``, and ``SecretStoreError/valueNotUTF8(key:environment:)``.
    public func string(_ key: String, environment: String? = nil, fallback: Bool = true) throws(SecretStoreError) -> String {
        let found = try secret(key, environment: environment, fallback: fallback)
        guard let text = String(validating: found.value, as: UTF8.self) else {
            throw .valueNotUTF8(key: key, environment: found.metadata.environment)
        }
        return text
    }

    /// The value of `key` with its metadata and where the lookup found it.
    ///
    /// - Parameters:
    ///   - key: The key name.
    ///   - environment: The environment; the configured default when `nil`.
    ///   - fallback: `false` to look in `environment` only.
    /// - Returns: The value, its metadata and whether it came from the default environment.
    /// - Throws: As ``get(_:environment:fallback:)``.
    public func secret(_ key: String, environment: String? = nil, fallback: Bool = true) throws(SecretStoreError) -> ResolvedSecret {
        let env = environment ?? configuration.defaultEnvironment
        try validateKeyName(key, maxLength: configuration.maxKeyLength)
        try validateEnvironmentName(env)
        let useFallback = fallback && !configuration.isolatesEnvironments
        let defaultEnv = configuration.defaultEnvironment
        return try state.withLock { (st: inout StoreState) throws(SecretStoreError) -> ResolvedSecret in
            let found = try st.resolve(key, in: env, defaultEnvironment: defaultEnv, fallback: useFallback)
            let value = try st.open(found.entry.sealed, keys: found.keys, environment: found.environment, key: key,
                                    version: found.entry.version)
            return ResolvedSecret(metadata: st.metadata(key, found.environment, found.entry), value: value,
                                  isFallback: found.isFallback)
        }
    }

    /// Every key visible from `environment` with the value `get` would return for it: the
    /// environment's own keys and, unless isolation is on or `fallback` is `false`, the default
    /// environment's other keys. Sorted by key. This is what `tessera run` and `export` use, so
    /// they resolve exactly what `get` resolves.
    ///
    /// - Parameters:
    ///   - environment: The environment; the configured default when `nil`.
    ///   - fallback: `false` to take `environment`'s keys only.
    /// - Returns: The resolved secrets (values with metadata and whether each fell back).
    /// - Throws: A missing or wrong key, ``SecretStoreError/tampered(environment:)``.
    public func resolveAll(environment: String? = nil, fallback: Bool = true) throws(SecretStoreError) -> [ResolvedSecret] {
        let env = environment ?? configuration.defaultEnvironment
        try validateEnvironmentName(env)
        let useFallback = fallback && !configuration.isolatesEnvironments
        let defaultEnv = configuration.defaultEnvironment
        return try state.withLock { (st: inout StoreState) throws(SecretStoreError) -> [ResolvedSecret] in
            try st.requirePresentIfOwnKeyed(env)
            let useFallback = useFallback && st.mayFallBack(from: env)
            var names = Set(st.model.environments[env]?.secrets.keys ?? [:].keys)
            if useFallback && env != defaultEnv, let global = st.model.environments[defaultEnv] {
                names.formUnion(global.secrets.keys)
            }
            var out: [ResolvedSecret] = []
            out.reserveCapacity(names.count)
            for key in names.sorted(by: nameLess) {
                let found = try st.resolve(key, in: env, defaultEnvironment: defaultEnv, fallback: useFallback)
                let value = try st.open(found.entry.sealed, keys: found.keys, environment: found.environment, key: key,
                                        version: found.entry.version)
                out.append(ResolvedSecret(metadata: st.metadata(key, found.environment, found.entry), value: value,
                                          isFallback: found.isFallback))
            }
            return out
        }
    }

    /// Metadata of the secrets of one environment, or of all, sorted by environment then key;
    /// never values.
    ///
    /// Works without any key. Environments whose key this object holds are verified first (a
    /// tampered one throws); the others are listed as the file says.
    ///
    /// - Parameters:
    ///   - environment: One environment, or `nil` for all.
    /// - Returns: The metadata.
    /// - Throws: ``SecretStoreError/tampered(environment:)``, a wrong own key, an invalid name.
    public func list(environment: String? = nil) throws(SecretStoreError) -> [SecretMetadata] {
        if let environment { try validateEnvironmentName(environment) }
        return try state.withLock { (st: inout StoreState) throws(SecretStoreError) -> [SecretMetadata] in
            let names = environment.map { [$0] } ?? st.model.sortedEnvironmentNames
            var out: [SecretMetadata] = []
            for name in names {
                guard let record = st.model.environments[name] else { continue }
                if (try? st.root(for: name, source: record.keySource)) != nil {
                    do throws(SecretStoreError) {
                        try st.verify(name)
                    } catch .wrongMasterKey(let env?) where env == name && environment == nil {
                        // A wrong own key for one environment does not break listing them all:
                        // that environment is listed unverified, as without its key.
                    }
                }
                out.reserveCapacity(out.count + record.secrets.count)
                for key in record.secrets.keys.sorted(by: nameLess) {
                    out.append(st.metadata(key, name, record.secrets[key]!))
                }
            }
            return out
        }
    }

    /// `true` when the file holds environment `name` (as read at open or the last change; no
    /// key needed, nothing verified).
    ///
    /// - Parameters:
    ///   - name: The environment name.
    /// - Returns: Whether it exists.
    public func hasEnvironment(_ name: String) -> Bool {
        state.withLock { $0.model.environments[name] != nil }
    }

    /// The environments with their secret counts, key kinds, and whether this object can open them.
    ///
    /// - Returns: One summary per environment, sorted by name.
    public func environments() -> [EnvironmentSummary] {
        state.withLock { st in
            st.model.sortedEnvironmentNames.map { name in
                let record = st.model.environments[name]!
                let unlocked = (try? st.checkedKeys(for: name)) != nil
                return EnvironmentSummary(name: name, secretCount: record.secrets.count,
                                          keyKind: record.keySource == .master ? .masterKey : .ownKey,
                                          isUnlocked: unlocked)
            }
        }
    }

    /// The versions of `key` in `environment` (no fallback): the current one first, then those
    /// kept in its history, newest first.
    ///
    /// Works without a key (verified when the key is held, like ``list(environment:)``).
    ///
    /// - Parameters:
    ///   - key: The key name.
    ///   - environment: The environment; the configured default when `nil`.
    /// - Returns: The versions.
    /// - Throws: ``SecretStoreError/notFound(key:environment:)``, ``SecretStoreError/tampered(environment:)``.
    public func history(_ key: String, environment: String? = nil) throws(SecretStoreError) -> [SecretVersionInfo] {
        let env = environment ?? configuration.defaultEnvironment
        try validateKeyName(key, maxLength: configuration.maxKeyLength)
        try validateEnvironmentName(env)
        return try state.withLock { (st: inout StoreState) throws(SecretStoreError) -> [SecretVersionInfo] in
            guard let record = st.model.environments[env] else { throw .notFound(key: key, environment: env) }
            if (try? st.root(for: env, source: record.keySource)) != nil { try st.verify(env) }
            guard let entry = record.secrets[key] else { throw .notFound(key: key, environment: env) }
            return [SecretVersionInfo(version: entry.version, updated: date(timestamp: entry.updated), isCurrent: true)]
                + entry.history.map { SecretVersionInfo(version: $0.version, updated: date(timestamp: $0.updated), isCurrent: false) }
        }
    }

    /// The value `key` had at `version` in `environment` (no fallback).
    ///
    /// - Parameters:
    ///   - key: The key name.
    ///   - version: The current version or one kept in the history.
    ///   - environment: The environment; the configured default when `nil`.
    /// - Returns: The value's bytes.
    /// - Throws: ``SecretStoreError/notFound(key:environment:)``,
    ///   ``SecretStoreError/versionNotFound(key:environment:version:)``, key and integrity errors.
    public func value(of key: String, version: Int, environment: String? = nil) throws(SecretStoreError) -> Data {
        let env = environment ?? configuration.defaultEnvironment
        try validateKeyName(key, maxLength: configuration.maxKeyLength)
        try validateEnvironmentName(env)
        return try state.withLock { (st: inout StoreState) throws(SecretStoreError) -> Data in
            let (entry, keys) = try st.entryForVersionedAccess(key, env)
            let sealed = try entry.sealed(version: version, key: key, environment: env)
            return try st.open(sealed, keys: keys, environment: env, key: key, version: version)
        }
    }
}

extension StoreState {
    /// The verified entry of `key` in `env`, for reading past versions.
    mutating func entryForVersionedAccess(_ key: String, _ env: String) throws(SecretStoreError) -> (SecretEntry, EnvironmentKeys) {
        try requirePresentIfOwnKeyed(env)
        guard model.environments[env] != nil else { throw .notFound(key: key, environment: env) }
        let keys = try verify(env)
        guard let entry = model.environments[env]!.secrets[key] else { throw .notFound(key: key, environment: env) }
        return (entry, keys)
    }
}

extension SecretEntry {
    /// The sealed value of `version`: current or in the history.
    func sealed(version v: Int, key: String, environment: String) throws(SecretStoreError) -> SealedValue {
        if v == version { return sealed }
        guard let h = history.first(where: { $0.version == v }) else {
            throw .versionNotFound(key: key, environment: environment, version: v)
        }
        return h.sealed
    }
}
