// Key rotation, each in one atomic replace of the file:
//  - the master key (or passphrase): every environment sealed with the master key is opened
//    (values and history) and re-sealed under keys derived from the new root, with fresh nonces
//    and the same versions; key checks, MACs and the manifest are recomputed. Environments with
//    their own key do not depend on the master key and are left as they are.
//  - one environment's key: its values are re-sealed under keys derived from a new own key, or
//    from the master key again; a change of key source re-signs the environment list.
// The store id stays: it names the store, and is only the HKDF salt.

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import TesseraCore

extension SecretStore {
    /// Re-encrypts every environment sealed with the master key under a new master key or
    /// passphrase, in one atomic step.
    ///
    /// - Parameters:
    ///   - credential: The new master key, or a new passphrase (stretched with a fresh salt).
    ///   - scrypt: scrypt's parameters for a new passphrase.
    /// - Throws: ``SecretStoreError/masterKeyRequired`` when this object holds no master key,
    ///   ``SecretStoreError/tampered(environment:)`` when an environment fails its check (nothing
    ///   is re-sealed then), file errors.
    public func rotateMasterKey(to credential: StoreCredential, scrypt: ScryptParameters = .default) throws(SecretStoreError) {
        let (newRoot, kdf) = try SecretStore.newMasterRoot(for: credential, scrypt: scrypt)
        try mutate { (model: inout StoreModel, st: inout StoreState) throws(SecretStoreError) in
            _ = try st.requireMaster()
            let names = model.sortedEnvironmentNames.filter { model.environments[$0]!.keySource == .master }
            var oldKeys: [String: EnvironmentKeys] = [:]
            for name in names { oldKeys[name] = try st.verify(name) }
            st.masterRoot = newRoot
            st.master = MasterKeys(root: newRoot, storeId: model.storeId)
            for name in names { st.derived[KeySource.master.rawValue + ":" + name] = nil }
            for name in names {
                let newKeys = try st.keys(for: name, source: .master)
                try st.reencrypt(name, from: oldKeys[name]!, to: newKeys, in: &model)
            }
            model.kdf = kdf
            try st.resealManifest(in: &model)
        }
    }

    /// Re-encrypts one environment under a new own key, or back under the master key.
    ///
    /// - Parameters:
    ///   - name: The environment.
    ///   - newKey: The environment's new own key, or `nil` to seal it with the master key.
    /// - Throws: ``SecretStoreError/environmentNotFound(environment:)``, the current key missing or
    ///   wrong, ``SecretStoreError/masterKeyRequired`` when the key source changes (the master key
    ///   signs the environment list), ``SecretStoreError/tampered(environment:)``, file errors.
    public func rotateEnvironmentKey(_ name: String, to newKey: MasterKey?) throws(SecretStoreError) {
        try validateEnvironmentName(name)
        try mutate { (model: inout StoreModel, st: inout StoreState) throws(SecretStoreError) in
            guard let record = model.environments[name] else { throw .environmentNotFound(environment: name) }
            let oldKeys = try st.verify(name)
            let newSource: KeySource = newKey == nil ? .master : .own
            if newSource != record.keySource { _ = try st.requireMaster() }
            if let newKey { st.ownRoots[name] = newKey.symmetricKey }
            st.derived[KeySource.own.rawValue + ":" + name] = nil
            let newKeys = try st.keys(for: name, source: newSource)
            model.environments[name]!.keySource = newSource
            try st.reencrypt(name, from: oldKeys, to: newKeys, in: &model)
            if newSource != record.keySource { try st.resealManifest(in: &model) }
        }
    }
}

extension StoreState {
    /// Opens every value (current and history) of environment `name` under `old` and seals it
    /// under `new` with a fresh nonce and the same version; then recomputes its check and MAC.
    mutating func reencrypt(_ name: String, from old: EnvironmentKeys, to new: EnvironmentKeys,
                            in model: inout StoreModel) throws(SecretStoreError) {
        var record = model.environments[name]!
        let storeId = model.storeId
        func reseal(_ sealed: SealedValue, key: String, version: Int) throws(SecretStoreError) -> SealedValue {
            let aad = valueAAD(storeId: storeId, environment: name, key: key, version: version)
            guard var plain = sealed.open(key: old.dataKey, aad: aad) else { throw .tampered(environment: name) }
            defer { plain.withUnsafeMutableBytes { secureZero($0) } }
            return plain.withUnsafeBytes { SealedValue.seal($0, key: new.dataKey, aad: aad) }
        }
        for key in record.secrets.keys.sorted(by: nameLess) {
            var entry = record.secrets[key]!
            entry.sealed = try reseal(entry.sealed, key: key, version: entry.version)
            for i in entry.history.indices {
                entry.history[i].sealed = try reseal(entry.history[i].sealed, key: key, version: entry.history[i].version)
            }
            record.secrets[key] = entry
        }
        model.environments[name] = record
        self.reseal(name, in: &model, keys: new)
    }
}
