// `tessera init [--passphrase]`: create a new store, refusing to overwrite one. The key is the
// one given (--key-file or $TESSERA_MASTER_KEY), a passphrase (--passphrase), or a new random key
// printed once, alone on standard output, with the warning to keep it on standard error.

extension Command {
    static let initialize = Command(
        name: "init",
        summary: "create a new store (never overwrites one)",
        usage: ["tessera init [--passphrase]"],
        options: [.flag("passphrase", "protect the store with a passphrase (scrypt) instead of a key")],
        details: """
            Creates an empty store file with mode 0600. An existing file is never overwritten.

            The master key is taken from --key-file or $TESSERA_MASTER_KEY. With neither, a new
            random key is generated and printed once, alone on standard output: keep it safe, it
            is the only way to read the store. With --passphrase the key is stretched from a
            passphrase ($TESSERA_PASSPHRASE, or asked for twice on the terminal) with scrypt.
            An all-zero key is refused.

            examples:
              export TESSERA_MASTER_KEY=$(tessera init)     # new key, kept in this shell
              (umask 077; tessera init > master.key)       # new key, saved to a file
              tessera --key-file master.key init            # existing key
              tessera init --passphrase                     # asks for a passphrase
            """,
        run: runInit)
}

private func runInit(_ invocation: Invocation) throws -> Int32 {
    let context = try Context(invocation.globals)
    if invocation.flag("passphrase") {
        if context.keyFile != nil {
            throw CLIError(.usage, "--passphrase and --key-file cannot be used together",
                           hint: "a store is protected by a key or by a passphrase, not both")
        }
        if environmentVariable("TESSERA_MASTER_KEY") != nil {
            throw CLIError(.usage, "--passphrase given while TESSERA_MASTER_KEY is set",
                           hint: "unset TESSERA_MASTER_KEY to create a passphrase store")
        }
        try Session.refuseExisting(context.storePath)
        let passphrase = try newPassphrase(variable: "TESSERA_PASSPHRASE", what: "passphrase")
        try Session.create(at: context.storePath, with: .passphrase(passphrase))
        Terminal.note("created \(context.storePath) (passphrase, scrypt)")
        return 0
    }
    if let key = try loadGivenMasterKey(context) {
        guard !key.masterKey.isAllZero else {
            throw CLIError(.badKey, "refusing an all-zero master key", hint: "make a real one with 'tessera keygen'")
        }
        try Session.create(at: context.storePath, with: .key(key))
        Terminal.note("created \(context.storePath)")
        return 0
    }
    try Session.refuseExisting(context.storePath)
    let key = generatedMasterKey()
    // The key is written before the store is created: a store whose only key never reached
    // anyone would be unreadable. If creating then fails, the printed key is simply unused.
    try Terminal.output(key.hex + "\n")
    try Session.create(at: context.storePath, with: .key(key))
    Terminal.note("created \(context.storePath)")
    Terminal.warning("the key printed on standard output is the store's master key, shown only once: keep it safe")
    Terminal.hint("keep it in a password manager or a file with mode 0600; pass it as TESSERA_MASTER_KEY or with --key-file")
    return 0
}

/// A new passphrase from `variable`, else typed twice on the terminal.
///
/// - Throws: `CLIError` (exit 4) for an empty passphrase, two entries that differ, or no terminal.
func newPassphrase(variable: String, what: String) throws -> String {
    if let value = environmentVariable(variable) {
        guard !value.isEmpty else { throw CLIError(.badKey, "\(variable) is empty") }
        return value
    }
    let hint = "set \(variable), or run tessera from a terminal"
    let first = try Terminal.readHiddenLine(prompt: "new \(what): ", code: .badKey, hint: hint)
    guard !first.isEmpty else { throw CLIError(.badKey, "empty \(what) refused") }
    let second = try Terminal.readHiddenLine(prompt: "repeat the \(what): ", code: .badKey, hint: hint)
    guard first == second else { throw CLIError(.badKey, "the two entries differ") }
    guard let text = String(validating: first, as: UTF8.self) else {
        throw CLIError(.badKey, "the \(what) is not valid UTF-8 text")
    }
    return text
}
