// What the store tells about secrets without their values: listings, history, environments,
// and the integrity report `tessera doctor` prints.

#if canImport(FoundationEssentials)
public import FoundationEssentials
#else
public import Foundation
#endif

/// A secret's metadata: everything but its value.
///
/// - Important: Names, descriptions, times and versions are stored in clear in the file (so
///   listings and git diffs work without the key). Put nothing secret in a description.
public struct SecretMetadata: Sendable, Equatable, Hashable {
    /// The key name.
    public var key: String
    /// The environment that holds the secret.
    public var environment: String
    /// The free-text description ("" when none).
    public var description: String
    /// When the secret was first set (to the second).
    public var created: Date
    /// When the current value was set (to the second).
    public var updated: Date
    /// The current version: 1 when created, +1 on every update or rollback.
    public var version: Int

    /// Creates metadata (for tests and callers building their own listings).
    public init(key: String, environment: String, description: String, created: Date, updated: Date, version: Int) {
        self.key = key
        self.environment = environment
        self.description = description
        self.created = created
        self.updated = updated
        self.version = version
    }
}

/// One version of a secret, current or kept in its history.
public struct SecretVersionInfo: Sendable, Equatable, Hashable {
    /// The version number.
    public var version: Int
    /// When this version was set.
    public var updated: Date
    /// `true` for the current value.
    public var isCurrent: Bool
}

/// A value together with where the lookup found it.
public struct ResolvedSecret: Sendable {
    /// The value's metadata; its `environment` is where it was found (the default environment
    /// when the lookup fell back).
    public var metadata: SecretMetadata
    /// The value.
    ///
    /// - Important: `Data` cannot be wiped; keep it no longer than needed.
    public var value: Data
    /// `true` when the value came from the default environment rather than the one asked for.
    public var isFallback: Bool
}

/// Which key seals an environment.
public enum EnvironmentKeyKind: Sendable, Equatable, Hashable {
    /// The store's master key.
    case masterKey
    /// The environment's own key (`TESSERA_MASTER_KEY_<ENV>`).
    case ownKey
}

/// An environment of the store.
public struct EnvironmentSummary: Sendable, Equatable, Hashable {
    /// The environment name.
    public var name: String
    /// How many secrets it holds.
    public var secretCount: Int
    /// Which key seals it.
    public var keyKind: EnvironmentKeyKind
    /// `true` when the store holds a key for it that passed the key check.
    public var isUnlocked: Bool

    /// Creates a summary (for tests and callers building their own listings).
    public init(name: String, secretCount: Int, keyKind: EnvironmentKeyKind, isUnlocked: Bool) {
        self.name = name
        self.secretCount = secretCount
        self.keyKind = keyKind
        self.isUnlocked = isUnlocked
    }
}

/// The result of one integrity check.
public enum IntegrityStatus: Sendable, Equatable, Hashable {
    /// The key check and the MAC passed.
    case verified
    /// No key for it was given: not checked.
    case locked
    /// The key given does not pass the key check.
    case wrongKey
    /// The key check passed and the MAC failed: the content was modified outside Tessera.
    case tampered
}

/// The integrity of a whole store, as `tessera doctor` reports it.
public struct IntegrityReport: Sendable, Equatable {
    /// The master key's check and the environment list's MAC.
    public var manifest: IntegrityStatus
    /// Each environment's status, by name in sorted order.
    public var environments: [(name: String, status: IntegrityStatus)]

    /// `true` when nothing is tampered or under a wrong key (locked parts are not problems).
    public var isSound: Bool {
        manifest != .tampered && manifest != .wrongKey
            && environments.allSatisfy { $0.status != .tampered && $0.status != .wrongKey }
    }

    /// Two reports are equal when every status and name is.
    public static func == (a: IntegrityReport, b: IntegrityReport) -> Bool {
        a.manifest == b.manifest && a.environments.count == b.environments.count
            && zip(a.environments, b.environments).allSatisfy { $0.name == $1.name && $0.status == $1.status }
    }
}
