// Resolving the global options into what a command works on: the store path (--store, else
// $TESSERA_STORE, else ./secrets.tessera.json), the environment (--env, else the store's default
// environment), and where the master key comes from (--key-file, else $TESSERA_MASTER_KEY, else
// the passphrase: $TESSERA_PASSPHRASE or a prompt). Keys are read only when a command needs them.

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The store file used when neither --store nor $TESSERA_STORE names one.
let defaultStorePath = "./secrets.tessera.json"

/// The process environment variable `name`, or `nil` when unset. An empty value counts as set.
func environmentVariable(_ name: String) -> String? {
    guard let value = getenv(name) else { return nil }
    return String(cString: value)
}

/// What the global options resolve to.
struct Context {
    /// The store file.
    let storePath: String
    /// The environment named by --env, if any (validated).
    let explicitEnvironment: String?
    /// The key file named by --key-file, if any.
    let keyFile: String?

    init(_ globals: GlobalOptions) throws {
        if let store = globals.store {
            guard !store.isEmpty else { throw CLIError.usage("--store needs a non-empty path") }
            storePath = store
        } else if let store = environmentVariable("TESSERA_STORE"), !store.isEmpty {
            storePath = store
        } else {
            storePath = defaultStorePath
        }
        if let env = globals.env { try checkEnvironmentName(env) }
        explicitEnvironment = globals.env
        keyFile = globals.keyFile
    }
}

/// Refuses an environment name outside [a-z0-9_-]{1,64} with a usage error (exit 2) that does not
/// echo the name (it might be a value typed in the wrong place).
func checkEnvironmentName(_ name: String) throws {
    let ok = !name.isEmpty && name.utf8.count <= 64 && name.utf8.allSatisfy {
        ($0 >= 0x61 && $0 <= 0x7a) || ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x5f || $0 == 0x2d
    }
    guard ok else {
        throw CLIError(.usage, "invalid environment name (allowed: 1 to 64 lower-case letters, digits, '_', '-')")
    }
}
