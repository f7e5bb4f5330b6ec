// The CLI's one doorway to the SecretStore library: opening the store with the keys the user
// gave, and the handful of operations the commands need, in the CLI's terms (bytes as [UInt8],
// times as seconds). Commands never touch `SecretStore` directly, so a change in the library's
// API is absorbed here.
//
// Keys are looked for in this order: --key-file, $TESSERA_MASTER_KEY, and for a passphrase store
// $TESSERA_PASSPHRASE or a prompt on the terminal. Environments sealed with their own key read it
// from TESSERA_MASTER_KEY_<ENV>. A command that does not need the key (list, envs, history) opens
// the store without one and never prompts.

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import Tessera

/// A key to create or rotate a store with.
enum NewCredential {
    case key(GeneratedKey)
    case passphrase(String)

    var storeCredential: StoreCredential {
        switch self {
        case .key(let key): return .masterKey(key.masterKey)
        case .passphrase(let text): return .passphrase(text)
        }
    }
}

/// A master key, with its hex text for printing once.
struct GeneratedKey {
    let masterKey: MasterKey
    var hex: String { masterKey.hexEncodedString() }
}

/// A new random master key (never all zero).
func generatedMasterKey() -> GeneratedKey {
    while true {
        let key = MasterKey.generate()
        if !key.isAllZero { return GeneratedKey(masterKey: key) }
    }
}

/// The master key given by --key-file or $TESSERA_MASTER_KEY, or `nil` when neither is. An
/// all-zero key is returned (an existing store may use one, and must stay readable to be
/// rotated); `init` refuses it, `doctor` flags it and opening a store with it warns.
///
/// - Throws: `CLIError` (exit 4) for a missing or unreadable key file or a malformed key.
func loadGivenMasterKey(_ context: Context) throws -> GeneratedKey? {
    let key: MasterKey?
    if let path = context.keyFile {
        key = try storeCall { () throws(SecretStoreError) in try MasterKey(contentsOfKeyFile: path) }
    } else {
        key = try storeCall { () throws(SecretStoreError) in try MasterKey.fromEnvironment() }
    }
    guard let key else { return nil }
    return GeneratedKey(masterKey: key)
}

/// Metadata of one secret, in the CLI's terms.
struct SecretInfo {
    let key: String
    let environment: String
    let description: String
    let created: Int64
    let updated: Int64
    let version: Int
}

/// One version of a secret.
struct VersionInfo {
    let version: Int
    let updated: Int64
    let isCurrent: Bool
}

/// An environment and whether the keys at hand open it.
struct EnvironmentInfo {
    enum Access: String { case opens = "yes", noKey = "no key", wrongKey = "wrong key" }
    let name: String
    let count: Int
    let ownKey: Bool
    let access: Access
}

/// An open store and the environment the command works in.
final class Session {
    let store: SecretStore
    let context: Context

    private init(store: SecretStore, context: Context) {
        self.store = store
        self.context = context
        openedStores.append(store)
    }

    /// The environment named by --env, else the store's default.
    var environment: String { context.explicitEnvironment ?? store.configuration.defaultEnvironment }
    var defaultEnvironment: String { store.configuration.defaultEnvironment }
    var maxValueSize: Int { store.configuration.maxValueSize }

    /// Warns when --env names an environment that is neither the default nor in the store (a
    /// typo such as 'prdo' would otherwise serve the default environment's values silently).
    /// The command goes on: `get` keeps its documented fallback.
    ///
    /// - Parameters:
    ///   - fallback: the command falls back to the default environment (says so in the warning).
    func warnIfEnvironmentMissing(fallback: Bool) {
        guard let name = context.explicitEnvironment, name != defaultEnvironment, !store.hasEnvironment(name) else { return }
        let falls = fallback && !store.configuration.isolatesEnvironments
        Terminal.warning("environment '\(name)' does not exist" + (falls ? "; using '\(defaultEnvironment)' values" : ""))
    }

    /// `true` when the store refused the master key given (lenient opens only).
    private(set) var refusedMasterKey = false
    /// Environments whose own key the store refused (lenient opens only).
    private(set) var refusedEnvironmentKeys: Set<String> = []

    /// Opens the store at the context's path.
    ///
    /// - Parameters:
    ///   - needsKey: the command reads or writes values; a passphrase store asks for its
    ///     passphrase (when `interactive`).
    ///   - interactive: may prompt on the terminal.
    ///   - useGivenKey: `false` to ignore --key-file and $TESSERA_MASTER_KEY (doctor, after it
    ///     reported them).
    ///   - lenient: a wrong key is dropped and remembered instead of failing (envs, doctor).
    /// - Throws: `CLIError` with the exit code of the store error.
    static func open(
        _ context: Context, needsKey: Bool, interactive: Bool = true, useGivenKey: Bool = true, lenient: Bool = false
    ) throws -> Session {
        let configuration = try storeCall { () throws(SecretStoreError) in try StoreConfiguration.fromEnvironment() }
        var environmentKeys = try ownEnvironmentKeys()
        var credential: StoreCredential?
        if useGivenKey, let key = try loadGivenMasterKey(context) {
            if key.masterKey.isAllZero && !lenient {
                Terminal.warning("the master key is all zero: anyone can read this store")
                Terminal.hint("re-encrypt it under a real key with 'tessera rotate'")
            }
            credential = .masterKey(key.masterKey)
        }
        var refusedMaster = false
        var refusedEnvironments = Set<String>()

        func attempt() throws -> SecretStore {
            while true {
                do {
                    return try SecretStore.open(at: context.storePath, credential: credential,
                                                environmentKeys: environmentKeys, configuration: configuration)
                } catch .wrongMasterKey(let environment) where lenient {
                    if let environment, environmentKeys[environment] != nil {
                        environmentKeys[environment] = nil
                        refusedEnvironments.insert(environment)
                    } else if environment == nil, credential != nil {
                        credential = nil
                        refusedMaster = true
                    } else {
                        throw mapStoreError(.wrongMasterKey(environment: environment))
                    }
                } catch {
                    throw mapStoreError(error)
                }
            }
        }

        var store = try attempt()
        // Own keys are checked when used; envs and doctor report a wrong one and go on without it.
        func dropRefusedEnvironmentKeys() throws {
            guard lenient else { return }
            let refused = store.environments().filter { $0.keyKind == .ownKey && !$0.isUnlocked && environmentKeys[$0.name] != nil }
            guard !refused.isEmpty else { return }
            for env in refused { environmentKeys[env.name] = nil; refusedEnvironments.insert(env.name) }
            store = try attempt()
        }
        try dropRefusedEnvironmentKeys()
        // Without a key: a passphrase store is unlocked from $TESSERA_PASSPHRASE, or by asking
        // when the command needs values.
        if credential == nil && !refusedMaster && store.passphraseParameters != nil {
            var passphrase: String?
            if let text = environmentVariable("TESSERA_PASSPHRASE") {
                passphrase = text
            } else if needsKey && interactive {
                let typed = try Terminal.readHiddenLine(
                    prompt: "passphrase for \(context.storePath): ", code: .badKey,
                    hint: "set TESSERA_PASSPHRASE, or run tessera from a terminal")
                passphrase = String(decoding: typed, as: UTF8.self)
            }
            if let passphrase {
                credential = .passphrase(passphrase)
                store = try attempt()
                try dropRefusedEnvironmentKeys()
            }
        }
        let session = Session(store: store, context: context)
        session.refusedMasterKey = refusedMaster
        session.refusedEnvironmentKeys = refusedEnvironments
        return session
    }

    /// Refuses (exit 1) when a file exists at `path`, before anything is asked or generated.
    static func refuseExisting(_ path: String) throws {
        var info = stat()
        if lstat(path, &info) == 0 {
            throw mapStoreError(.storeAlreadyExists(path: path))
        }
    }

    /// Creates a new store.
    static func create(at path: String, with credential: NewCredential) throws {
        let configuration = try storeCall { () throws(SecretStoreError) in try StoreConfiguration.fromEnvironment() }
        _ = try storeCall { () throws(SecretStoreError) in
            try SecretStore.create(at: path, credential: credential.storeCredential, scrypt: scryptParametersForNewStores(),
                                   configuration: configuration)
        }
    }

    /// Checks a key name without writing anything (exit 2 when invalid).
    func checkKeyName(_ key: String) throws {
        let limit = store.configuration.maxKeyLength
        var offset = 0
        for byte in key.utf8 {
            let ok = (byte >= 0x41 && byte <= 0x5a) || (byte >= 0x61 && byte <= 0x7a) || (byte >= 0x30 && byte <= 0x39)
                || byte == 0x5f || byte == 0x2e || byte == 0x2d || byte == 0x2f
            if !ok { throw mapStoreError(.invalidKeyName(.invalidCharacter(offset: offset))) }
            offset += 1
        }
        if offset == 0 { throw mapStoreError(.invalidKeyName(.empty)) }
        if offset > limit { throw mapStoreError(.invalidKeyName(.tooLong(length: offset, limit: limit))) }
    }

    // MARK: reads

    /// The metadata of one environment's secrets (none for an environment that does not
    /// exist), or of all, sorted by key then environment.
    func metadata(environment: String?) throws -> [SecretInfo] {
        let list: [SecretMetadata]
        do {
            list = try store.list(environment: environment)
        } catch .environmentNotFound {
            return []
        } catch {
            throw mapStoreError(error)
        }
        return list.map(SecretInfo.init).sorted { ($0.key, $0.environment) < ($1.key, $1.environment) }
    }

    func value(_ key: String, environment: String, fallback: Bool) throws -> [UInt8] {
        let data = try storeCall { () throws(SecretStoreError) in try store.get(key, environment: environment, fallback: fallback) }
        return [UInt8](data)
    }

    func value(_ key: String, environment: String, version: Int) throws -> [UInt8] {
        let data = try storeCall { () throws(SecretStoreError) in try store.value(of: key, version: version, environment: environment) }
        return [UInt8](data)
    }

    /// Every key `environment` resolves to, with the value `get` returns for it, sorted by key
    /// (the store's `resolveAll`, the same lookup as `get`).
    func resolved(environment: String, fallback: Bool = true) throws -> [(key: String, value: [UInt8])] {
        try storeCall { () throws(SecretStoreError) in try store.resolveAll(environment: environment, fallback: fallback) }.map {
            (key: $0.metadata.key, value: [UInt8]($0.value))
        }
    }

    func environments() -> [EnvironmentInfo] {
        store.environments().map {
            let ownKey = $0.keyKind == .ownKey
            let refused = ownKey ? refusedEnvironmentKeys.contains($0.name) : refusedMasterKey
            return EnvironmentInfo(name: $0.name, count: $0.secretCount, ownKey: ownKey,
                                   access: $0.isUnlocked ? .opens : refused ? .wrongKey : .noKey)
        }
    }

    func history(_ key: String, environment: String) throws -> [VersionInfo] {
        try storeCall { () throws(SecretStoreError) in try store.history(key, environment: environment) }.map {
            VersionInfo(version: $0.version, updated: seconds($0.updated), isCurrent: $0.isCurrent)
        }
    }

    // MARK: writes

    func set(_ key: String, value: [UInt8], environment: String, description: String?) throws -> Int {
        try storeCall { () throws(SecretStoreError) in
            try store.set(key, value: value, environment: environment, description: description)
        }.version
    }

    /// Sets every pair in one atomic write: all or nothing (the store checks every name and size
    /// before anything is written).
    func setAll(_ pairs: [(String, [UInt8])], environment: String) throws {
        let values = pairs.map { (key: $0.0, value: Data($0.1)) }
        _ = try storeCall { () throws(SecretStoreError) in try store.setMany(values, environment: environment) }
    }

    func delete(_ key: String, environment: String) throws {
        try storeCall { () throws(SecretStoreError) in try store.delete(key, environment: environment) }
    }

    func rollback(_ key: String, environment: String, to version: Int) throws -> Int {
        try storeCall { () throws(SecretStoreError) in try store.rollback(key, to: version, environment: environment) }.version
    }

    /// Re-encrypts the whole store under a new master key or passphrase, in one atomic write.
    func rotate(to credential: NewCredential) throws {
        try storeCall { () throws(SecretStoreError) in
            try store.rotateMasterKey(to: credential.storeCredential, scrypt: scryptParametersForNewStores())
        }
    }

    /// Re-seals one environment under a new key of its own.
    func rotateEnvironmentKey(_ environment: String, to key: GeneratedKey) throws {
        try storeCall { () throws(SecretStoreError) in try store.rotateEnvironmentKey(environment, to: key.masterKey) }
    }
}

/// Every store opened, kept until the process exits: a command ends with exit(2), so tearing
/// down a 10,000-entry model object by object (7% of a `get`'s instructions, measured with
/// callgrind) is skipped, as clang skips freeing its AST with -disable-free. The memory goes back
/// to the kernel with the process; nothing is freed for reuse inside it, so no key is left in a
/// freed block.
nonisolated(unsafe) private var openedStores: [SecretStore] = []

extension SecretInfo {
    init(_ m: SecretMetadata) {
        self.init(key: m.key, environment: m.environment, description: m.description,
                  created: seconds(m.created), updated: seconds(m.updated), version: m.version)
    }
}

private func seconds(_ date: Date) -> Int64 { Int64(date.timeIntervalSince1970.rounded(.down)) }

/// Own keys from every TESSERA_MASTER_KEY_<ENV> variable set. The variable name loses the
/// difference between '-' and '_', so both spellings of the environment name are offered; the
/// store uses the one that exists.
private func ownEnvironmentKeys() throws -> [String: MasterKey] {
    let environment = ProcessInfo.processInfo.environment
    var names: [String] = []
    for variable in environment.keys where variable.hasPrefix("TESSERA_MASTER_KEY_") {
        let base = variable.dropFirst("TESSERA_MASTER_KEY_".count).lowercased()
        names.append(base)
        if base.contains("_") { names.append(String(base.map { $0 == "_" ? "-" : $0 })) }
    }
    names = names.filter { (try? checkEnvironmentName($0)) != nil }
    guard !names.isEmpty else { return [:] }
    return try storeCall { () throws(SecretStoreError) in try MasterKey.environmentKeys(for: names, from: environment) }
}

/// scrypt's parameters for a new passphrase store: the library's default.
private func scryptParametersForNewStores() -> ScryptParameters { .default }
