// Turning store errors into the CLI's exit codes and messages (the table is ExitCode.swift).
// The store's messages carry names, sizes and paths, never values or keys; the CLI adds hints.

import Tessera

/// Runs a store call, turning a `SecretStoreError` into the CLI's error.
func storeCall<T>(_ body: () throws(SecretStoreError) -> T) throws -> T {
    do {
        return try body()
    } catch {
        throw mapStoreError(error)
    }
}

/// The exit code, message and hint of a store error.
func mapStoreError(_ error: SecretStoreError) -> CLIError {
    let code: ExitCode
    switch error.category {
    case .notFound: code = .notFound
    case .usage: code = .usage
    case .key: code = .badKey
    case .corrupt: code = .corrupt
    case .other: code = .failure
    }
    var hint: String?
    switch error {
    case .storeNotFound:
        hint = "create one with 'tessera init', or name it with --store or TESSERA_STORE"
        return CLIError(.failure, error.description, hint: hint)
    case .storeAlreadyExists:
        hint = "choose another path with --store, or remove the file first"
    case .masterKeyRequired:
        hint = "set TESSERA_MASTER_KEY to the store's 64-hex key, or pass --key-file PATH"
    case .environmentKeyRequired(let environment):
        hint = "set \(ownKeyVariable(environment)) to that environment's 64-hex key"
    case .invalidMasterKey:
        hint = "a master key is 64 hex characters, as printed by 'tessera keygen' or 'tessera init'"
    case .wrongMasterKey(nil):
        hint = "check TESSERA_MASTER_KEY, --key-file or the passphrase"
    case .tampered, .manifestTampered, .ownKeyEnvironmentReplaced:
        hint = "restore the file from version control or a backup; 'tessera doctor' reports what fails"
    case .valueTooLarge:
        hint = "raise the limit with TESSERA_MAX_VALUE_SIZE if this is intended"
    default:
        break
    }
    return CLIError(code, error.description, hint: hint)
}

/// A one-line description of an unexpected error (its type only: its text could hold data).
func describe(_ error: any Error) -> String {
    if let error = error as? SecretStoreError { return error.description }
    return "unexpected error (\(type(of: error)))"
}
