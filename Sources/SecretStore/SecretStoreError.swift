// The one error type of the secret store. Every case carries names, sizes, offsets and paths,
// never a secret value, a key or a passphrase, so that printing an error (or logging it) cannot
// leak one. `category` sorts the cases into the classes the CLI maps to exit codes.

/// Why a key or environment name was refused. The name itself is not echoed: a string in the name
/// position may be a value typed by mistake.
public enum NameProblem: Sendable, Equatable, Hashable {
    /// The name is empty.
    case empty
    /// The name is longer than the configured limit (in UTF-8 bytes).
    case tooLong(length: Int, limit: Int)
    /// The byte at this offset (0-based, in UTF-8) is not an allowed character.
    case invalidCharacter(offset: Int)
}

/// The errors thrown by ``SecretStore`` and its helpers.
///
/// - Important: No case carries a secret value, a master key or a passphrase; names (which are
///   stored in clear in the file) and sizes only. Descriptions and `String(describing:)` are
///   safe to print and log.
public enum SecretStoreError: Error, Sendable, Equatable, Hashable {
    // MARK: not found
    /// No secret of this name in this environment (nor in the default environment when the
    /// lookup falls back to it).
    case notFound(key: String, environment: String)
    /// The secret exists but this version is neither current nor kept in its history.
    case versionNotFound(key: String, environment: String, version: Int)
    /// The environment does not exist in the store.
    case environmentNotFound(environment: String)
    /// There is no store file at this path.
    case storeNotFound(path: String)

    // MARK: usage
    /// A key name breaks the naming rules (letters, digits, `_ . - /`, length limit).
    case invalidKeyName(NameProblem)
    /// An environment name breaks the naming rules (lower-case letters, digits, `_ -`).
    case invalidEnvironmentName(NameProblem)
    /// A value is larger than the configured maximum.
    case valueTooLarge(byteCount: Int, limit: Int)
    /// A description is larger than the fixed maximum.
    case descriptionTooLarge(byteCount: Int, limit: Int)
    /// An environment variable of the configuration holds an unusable setting.
    case invalidConfiguration(variable: String)
    /// The scrypt parameters are outside the accepted range.
    case invalidKDFParameters
    /// A store already exists at this path (creation refuses to overwrite).
    case storeAlreadyExists(path: String)
    /// The environment exists already (creating it again is refused).
    case environmentAlreadyExists(environment: String)
    /// The value is not valid UTF-8 (asked for as a string).
    case valueNotUTF8(key: String, environment: String)

    // MARK: master key
    /// The operation needs a master key (or passphrase) and none was given.
    case masterKeyRequired
    /// The operation needs this environment's own key, given neither directly nor in
    /// `TESSERA_MASTER_KEY_<ENV>`.
    case environmentKeyRequired(environment: String)
    /// A master key is not 64 hexadecimal characters (the count of characters seen).
    case invalidMasterKey(characterCount: Int)
    /// The key file cannot be read or does not hold a key.
    case unreadableKeyFile(path: String)
    /// A passphrase was given for a store sealed with a master key (or the reverse is needed).
    case credentialMismatch(storeUsesPassphrase: Bool)
    /// The key does not match the key-check value: a wrong key or passphrase (`environment` is
    /// `nil` for the store's master key).
    case wrongMasterKey(environment: String?)

    // MARK: corrupt or tampered
    /// The file is not a store: not JSON, truncated, or missing or mistyped fields.
    case malformedStore(reason: String)
    /// The file's format version is not one this library reads.
    case unsupportedFormatVersion(found: Int, supported: Int)
    /// An environment's integrity check failed: an entry was added, deleted, renamed, reordered,
    /// rolled back or edited, or a ciphertext was changed or moved.
    case tampered(environment: String)
    /// The list of environments (their names and key sources) failed its check under the master
    /// key: an environment was deleted, added or renamed outside Tessera.
    case manifestTampered
    /// An own key was given for `environment` (`TESSERA_MASTER_KEY_<ENV>`), but the file has no
    /// such environment, or has it sealed with the master key: a master-key holder removed it or
    /// replaced it with values of their choosing.
    case ownKeyEnvironmentReplaced(environment: String)

    // MARK: other
    /// A system call failed (`errno` and the path; no contents).
    case io(operation: String, path: String, errno: Int32)
}

extension SecretStoreError {
    /// The classes of failure a caller (such as the `tessera` CLI) maps to exit codes.
    public enum Category: Sendable, Equatable, Hashable {
        /// A secret, version, environment or store that does not exist.
        case notFound
        /// Bad input from the caller: names, sizes, settings.
        case usage
        /// A missing, malformed or wrong master key, key file or passphrase.
        case key
        /// A store that is not a valid store, is of an unknown version, or was tampered with.
        case corrupt
        /// Anything else (file-system errors, an existing store).
        case other
    }

    /// The class of this error.
    public var category: Category {
        switch self {
        case .notFound, .versionNotFound, .environmentNotFound, .storeNotFound:
            return .notFound
        case .invalidKeyName, .invalidEnvironmentName, .valueTooLarge, .descriptionTooLarge,
             .invalidConfiguration, .invalidKDFParameters, .valueNotUTF8, .environmentAlreadyExists:
            return .usage
        case .masterKeyRequired, .environmentKeyRequired, .invalidMasterKey, .unreadableKeyFile,
             .wrongMasterKey, .credentialMismatch:
            return .key
        case .malformedStore, .unsupportedFormatVersion, .tampered, .manifestTampered, .ownKeyEnvironmentReplaced:
            return .corrupt
        case .storeAlreadyExists, .io:
            return .other
        }
    }
}

extension SecretStoreError: CustomStringConvertible {
    /// One lower-case line without a final period, safe to print: names and sizes only.
    public var description: String {
        switch self {
        case let .notFound(key, environment):
            return "secret '\(key)' not found in environment '\(environment)'"
        case let .versionNotFound(key, environment, version):
            return "version \(version) of secret '\(key)' in environment '\(environment)' is not kept"
        case let .environmentNotFound(environment):
            return "environment '\(environment)' not found"
        case let .storeNotFound(path):
            return "no store at \(path)"
        case let .invalidKeyName(problem):
            return "invalid key name: " + problem.text(allowed: "letters, digits, '_', '.', '-', '/'")
        case let .invalidEnvironmentName(problem):
            return "invalid environment name: "
                + problem.text(allowed: "lower-case letters, digits, '_', '-'")
        case let .valueTooLarge(byteCount, limit):
            return "value of \(byteCount) bytes exceeds the limit of \(limit) bytes"
        case let .descriptionTooLarge(byteCount, limit):
            return "description of \(byteCount) bytes exceeds the limit of \(limit) bytes"
        case let .invalidConfiguration(variable):
            return "invalid setting in \(variable)"
        case .invalidKDFParameters:
            return "invalid scrypt parameters"
        case let .storeAlreadyExists(path):
            return "a store already exists at \(path)"
        case let .environmentAlreadyExists(environment):
            return "environment '\(environment)' already exists"
        case let .credentialMismatch(usesPassphrase):
            return usesPassphrase ? "this store is sealed with a passphrase, not a master key"
                : "this store is sealed with a master key, not a passphrase"
        case let .valueNotUTF8(key, environment):
            return "secret '\(key)' in environment '\(environment)' is not UTF-8 text"
        case .masterKeyRequired:
            return "a master key is required (TESSERA_MASTER_KEY, a key file or the passphrase)"
        case let .environmentKeyRequired(environment):
            return "environment '\(environment)' is sealed with its own key "
                + "(\(MasterKey.environmentVariableName(for: environment)))"
        case let .invalidMasterKey(count):
            return "master key must be 64 hexadecimal characters (got \(count) characters)"
        case let .unreadableKeyFile(path):
            return "cannot read a master key from \(path)"
        case let .wrongMasterKey(environment):
            if let environment { return "wrong key for environment '\(environment)'" }
            return "wrong master key or passphrase"
        case let .malformedStore(reason):
            return "not a valid store file: \(reason)"
        case let .unsupportedFormatVersion(found, supported):
            return "unsupported store format version \(found) (this version reads \(supported))"
        case let .tampered(environment):
            return "integrity check failed for environment '\(environment)': the file was modified outside tessera"
        case .manifestTampered:
            return "integrity check of the environment list failed: the file was modified outside tessera"
        case let .ownKeyEnvironmentReplaced(environment):
            return "environment '\(environment)' is missing or sealed with the master key, but its own key "
                + "(\(MasterKey.environmentVariableName(for: environment))) was given: it was removed or replaced outside tessera"
        case let .io(operation, path, code):
            return "\(operation) \(path): \(systemErrorText(code))"
        }
    }
}

extension NameProblem {
    fileprivate func text(allowed: String) -> String {
        switch self {
        case .empty: return "empty"
        case let .tooLong(length, limit): return "\(length) bytes, more than the limit of \(limit)"
        case let .invalidCharacter(offset): return "character at offset \(offset) not allowed (allowed: \(allowed))"
        }
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `strerror` text for an `errno` value.
func systemErrorText(_ code: Int32) -> String {
    guard let text = strerror(code) else { return "error \(code)" }
    return String(cString: text).lowercased()
}
