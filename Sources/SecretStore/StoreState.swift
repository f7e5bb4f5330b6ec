// The mutable state behind a SecretStore: the parsed file, the keys the caller gave, the keys
// derived from them, and which environments have been verified against this exact file.
//
// Verification is lazy and per environment: opening checks only the master key's check value
// and the small manifest MAC; an environment's MAC is checked the first time an operation reads
// or changes it, and the result holds until the file changes. Opening a 10,000-secret store to
// read one value therefore MACs one or two environments, not the whole file.

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import TesseraCore

struct StoreState: Sendable {
    var model: StoreModel
    /// The bytes `model` was decoded from (or encoded to): a writer that re-reads the file under
    /// the lock and finds these bytes reuses the model and its verifications.
    var fileBytes: [UInt8]
    /// The master key's root, checked against the file's key check.
    var masterRoot: SymmetricKey?
    var master: MasterKeys?
    /// Own keys given by the caller, by environment name (checked when used).
    var ownRoots: [String: SymmetricKey]
    /// Derived keys by "<source>:<environment>", for `model.storeId`.
    var derived: [String: EnvironmentKeys] = [:]
    /// Environments whose MAC verified against `model`.
    var verified: Set<String> = []

    /// Takes a freshly read file as the current state, checking the master key against it.
    mutating func adopt(model newModel: StoreModel, bytes: [UInt8]) throws(SecretStoreError) {
        if newModel.storeId != model.storeId { derived = [:]; master = nil }
        model = newModel
        fileBytes = bytes
        verified = []
        try checkMaster()
    }

    /// Checks the master key (when given) against the key check, then the manifest MAC.
    mutating func checkMaster() throws(SecretStoreError) {
        guard let root = masterRoot else { master = nil; return }
        let keys = master ?? MasterKeys(root: root, storeId: model.storeId)
        guard keys.matches(keyCheck: model.keyCheck) else { throw .wrongMasterKey(environment: nil) }
        master = keys
        let message = manifestMACInput(storeId: model.storeId, environments: model.environments)
        guard storeMACIsValid(model.manifestMAC, message, key: keys.manifestKey) else { throw .manifestTampered }
    }

    /// The checked master keys, or `.masterKeyRequired`.
    func requireMaster() throws(SecretStoreError) -> MasterKeys {
        guard let master else { throw .masterKeyRequired }
        return master
    }

    /// The root key of environment `name` under `source`, or the error naming what is missing.
    func root(for name: String, source: KeySource) throws(SecretStoreError) -> SymmetricKey {
        switch source {
        case .master:
            guard let masterRoot else { throw .masterKeyRequired }
            return masterRoot
        case .own:
            guard let own = ownRoots[name] else { throw .environmentKeyRequired(environment: name) }
            return own
        }
    }

    /// The derived keys of environment `name` under `source` (cached).
    mutating func keys(for name: String, source: KeySource) throws(SecretStoreError) -> EnvironmentKeys {
        let slot = source.rawValue + ":" + name
        if let hit = derived[slot] { return hit }
        let keys = EnvironmentKeys(root: try root(for: name, source: source), storeId: model.storeId, environment: name)
        derived[slot] = keys
        return keys
    }

    /// The keys of an existing environment, after its key check.
    ///
    /// - Throws: a missing key; `.wrongMasterKey(environment:)` for an own key that fails the
    ///   check; `.tampered` when the master key passed its store-level check but fails the
    ///   environment's (the check value itself was edited).
    mutating func checkedKeys(for name: String) throws(SecretStoreError) -> EnvironmentKeys {
        guard let record = model.environments[name] else { throw .environmentNotFound(environment: name) }
        // Holding an own key for this name means it is sealed with that key: a master-sealed
        // record under the same name is a replacement by a master-key holder.
        if ownRoots[name] != nil && record.keySource != .own { throw .ownKeyEnvironmentReplaced(environment: name) }
        let keys = try keys(for: name, source: record.keySource)
        guard keys.matches(keyCheck: record.keyCheck) else {
            throw record.keySource == .own ? .wrongMasterKey(environment: name) : .tampered(environment: name)
        }
        return keys
    }

    /// Refuses when an own key for `name` is held but the file has no environment `name`: the
    /// master-key holder deleted it (the manifest, which they can re-sign, does not protect an
    /// own-key environment from them). Used by reads, which would otherwise fall back.
    func requirePresentIfOwnKeyed(_ name: String) throws(SecretStoreError) {
        if ownRoots[name] != nil && model.environments[name] == nil { throw .ownKeyEnvironmentReplaced(environment: name) }
    }

    /// `true` when environment `name` may fall back to the default environment: it is not sealed
    /// with its own key (isolation is the point of an own key; and a master-key holder controls
    /// every fallback value) and no own key is held for it.
    func mayFallBack(from name: String) -> Bool {
        ownRoots[name] == nil && model.environments[name]?.keySource != .own
    }

    /// Verifies environment `name`'s MAC (once per file state) and returns its keys.
    @discardableResult
    mutating func verify(_ name: String) throws(SecretStoreError) -> EnvironmentKeys {
        let keys = try checkedKeys(for: name)
        if verified.contains(name) { return keys }
        let record = model.environments[name]!
        let message = environmentMACInput(storeId: model.storeId, name: name, record: record)
        guard storeMACIsValid(record.mac, message, key: keys.macKey) else { throw .tampered(environment: name) }
        verified.insert(name)
        return keys
    }

    /// Recomputes environment `name`'s key check and MAC in `target` under `keys`, and marks it
    /// verified (it is, by construction). For an environment sealed with the master key, the
    /// manifest, which binds its MAC, is recomputed too.
    mutating func reseal(_ name: String, in target: inout StoreModel, keys: EnvironmentKeys) {
        var record = target.environments[name]!
        record.keyCheck = keys.keyCheck
        record.mac = storeMAC(environmentMACInput(storeId: target.storeId, name: name, record: record), key: keys.macKey)
        target.environments[name] = record
        verified.insert(name)
        if record.keySource == .master, let master {
            target.keyCheck = master.keyCheck
            target.manifestMAC = storeMAC(manifestMACInput(storeId: target.storeId, environments: target.environments),
                                          key: master.manifestKey)
        }
    }

    /// Recomputes the manifest MAC in `target` (needs the master key).
    func resealManifest(in target: inout StoreModel) throws(SecretStoreError) {
        let master = try requireMaster()
        target.keyCheck = master.keyCheck
        target.manifestMAC = storeMAC(manifestMACInput(storeId: target.storeId, environments: target.environments),
                                      key: master.manifestKey)
    }

    /// Opens one sealed value of environment `name`, key `key`, version `version`.
    func open(_ sealed: SealedValue, keys: EnvironmentKeys, environment name: String, key: String,
              version: Int) throws(SecretStoreError) -> Data {
        let aad = valueAAD(storeId: model.storeId, environment: name, key: key, version: version)
        guard let value = sealed.open(key: keys.dataKey, aad: aad) else { throw .tampered(environment: name) }
        return value
    }
}
