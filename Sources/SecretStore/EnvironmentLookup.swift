// Resolving a key in an environment: the environment's own value, else (unless isolation is on
// or the caller asks for no fallback) the default environment's value, else not found.
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
