// Resolving a key in an environment: the environment's own value, else (unless isolation is on,
// the caller asks for no fallback, or the environment is sealed with its own key) the default
// environment's value, else not found.
//
// An environment sealed with its own key never falls back: its holders chose isolation from the
// master key, and the default environment's values are whatever a master-key holder put there.
// When an own key is held for the environment asked, the environment must exist and be sealed
// with an own key: otherwise a master-key holder deleted or replaced it.
//
// Absence is authenticated too: before falling back, the asked environment's MAC is verified
// (it covers the set of names), so deleting a prod override from the file cannot silently
// expose the global value. An environment missing altogether is covered by the manifest MAC
// when the master key is held.

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

extension StoreState {
    /// Where a key resolves: the environment and its entry, with `isFallback` when it came from
    /// the default environment.
    mutating func resolve(
        _ key: String, in environment: String, defaultEnvironment: String, fallback: Bool
    ) throws(SecretStoreError) -> (environment: String, entry: SecretEntry, keys: EnvironmentKeys, isFallback: Bool) {
        try requirePresentIfOwnKeyed(environment)
        let fallback = fallback && mayFallBack(from: environment)
        if model.environments[environment] != nil {
            let keys = try verify(environment)
            if let entry = model.environments[environment]!.secrets[key] {
                return (environment, entry, keys, false)
            }
        }
        if fallback && environment != defaultEnvironment, model.environments[defaultEnvironment] != nil {
            let keys = try verify(defaultEnvironment)
            if let entry = model.environments[defaultEnvironment]!.secrets[key] {
                return (defaultEnvironment, entry, keys, true)
            }
        }
        throw .notFound(key: key, environment: environment)
    }

    /// The metadata of an entry.
    func metadata(_ key: String, _ environment: String, _ entry: SecretEntry) -> SecretMetadata {
        SecretMetadata(key: key, environment: environment, description: entry.description,
                       created: date(timestamp: entry.created), updated: date(timestamp: entry.updated),
                       version: entry.version)
    }
}
