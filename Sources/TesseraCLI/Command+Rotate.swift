// `tessera rotate [--passphrase]`: re-encrypt the whole store under a new master key (printed
// once, alone on standard output) or a new passphrase, in one atomic write. With --env NAME, give
// that environment a new key of its own (TESSERA_MASTER_KEY_<NAME>), printed once.

extension Command {
    static let rotate = Command(
        name: "rotate",
        summary: "re-encrypt the store under a new master key or passphrase",
        usage: ["tessera rotate [--passphrase]", "tessera rotate --env NAME"],
        options: [.flag("passphrase", "switch to (or change) a passphrase: $TESSERA_NEW_PASSPHRASE or asked twice")],
        details: """
            Re-encrypts every value under a new master key, in one atomic write: the old key stops
            working at once. The new key is generated and printed once, alone on standard output;
            with --passphrase the store is protected by a new passphrase instead
            ($TESSERA_NEW_PASSPHRASE, or asked for twice on the terminal).

            With --env NAME only that environment is re-encrypted, under a new key of its own,
            printed once: from then on it is read with TESSERA_MASTER_KEY_<NAME> (upper-cased,
            '-' as '_'), and the store's master key no longer opens it.

            The current key (or passphrase, and TESSERA_MASTER_KEY_<ENV> for environments with
            their own key) must be at hand: rotating needs to read every value.

            examples:
              export TESSERA_MASTER_KEY=$(tessera rotate)
              tessera rotate --passphrase
              TESSERA_MASTER_KEY_PROD=$(tessera rotate --env prod)
            """,
        run: runRotate)
}

private func runRotate(_ invocation: Invocation) throws -> Int32 {
    let context = try Context(invocation.globals)
    if let environment = context.explicitEnvironment {
        if invocation.flag("passphrase") {
            throw CLIError(.usage, "--passphrase cannot be used with --env",
                           hint: "an environment's own key is a 64-hex key; rotate the store's passphrase without --env")
        }
        let session = try Session.open(context, needsKey: true)
        let key = generatedMasterKey()
        // The key is delivered before the store changes: when standard output fails (a full
        // disk, a closed pipe), the command stops with exit 1 and the store is left as it was.
        try Terminal.output(key.hex + "\n")
        try session.rotateEnvironmentKey(environment, to: key)
        Terminal.note("re-encrypted \(environment) under a new key of its own")
        Terminal.warning("the key printed on standard output is the new key of \(environment), shown only once: keep it safe")
        Terminal.hint("read \(environment) with \(ownKeyVariable(environment))=<the key>")
        return 0
    }
    let session = try Session.open(context, needsKey: true)
    if invocation.flag("passphrase") {
        let passphrase = try newPassphrase(variable: "TESSERA_NEW_PASSPHRASE", what: "passphrase")
        try session.rotate(to: .passphrase(passphrase))
        Terminal.note("re-encrypted \(context.storePath) under the new passphrase")
        return 0
    }
    let key = generatedMasterKey()
    // Deliver the new key first, commit the rotation only once it was written: a store
    // re-encrypted under a key nobody received could never be opened again. If the rotation
    // then fails, the printed key is simply unused and the old key still opens the store.
    try Terminal.output(key.hex + "\n")
    try session.rotate(to: .key(key))
    Terminal.note("re-encrypted \(context.storePath) under a new master key")
    Terminal.warning("the key printed on standard output is the new master key, shown only once: the old key no longer opens the store")
    Terminal.hint("keep it in a password manager or a file with mode 0600; pass it as TESSERA_MASTER_KEY or with --key-file")
    return 0
}
