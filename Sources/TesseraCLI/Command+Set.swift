// `tessera set KEY [VALUE] [--description TEXT]`: create or update one secret in --env. The value
// comes from standard input when it is not a terminal (exact bytes, a trailing newline included),
// else from a prompt with echo off (one line, without its newline). A VALUE argument works but
// is visible in shell history and the process list, so it draws a warning.

extension Command {
    static let set = Command(
        name: "set",
        summary: "create or update a secret",
        usage: ["tessera set KEY [VALUE] [--description TEXT]"],
        positionals: ["KEY", "[VALUE]"],
        options: [.value("description", "TEXT", "a description, stored in clear (never put a secret in it)")],
        details: """
            Stores the value of KEY in the environment (--env, else the default environment).
            Setting an existing key keeps its old value in the history (see 'tessera history').

            Without VALUE, the value is read from standard input when it is not a terminal, as
            exact bytes (a trailing newline is kept: 'tessera set TLS_KEY < key.pem' stores the
            file verbatim; use printf '%s' to avoid one). On a terminal, tessera asks for it with
            echo off and stores the line typed, without its newline.

            A VALUE on the command line works, but lands in your shell history and is visible to
            other users in the process list: tessera warns about it.

            Key names: letters, digits, '_', '.', '-', '/'. Values: at most 4 KiB by default
            ($TESSERA_MAX_VALUE_SIZE).

            examples:
              tessera set DB_PASSWORD --env prod            # asks for the value
              printf '%s' "$TOKEN" | tessera set API_TOKEN
              tessera set TLS_KEY --env prod < server.key
              tessera set DB_HOST --description 'primary database host' < host.txt
            """,
        run: runSet)
}

private func runSet(_ invocation: Invocation) throws -> Int32 {
    let context = try Context(invocation.globals)
    let key = invocation.positional(0)!
    let session = try Session.open(context, needsKey: true)
    let environment = session.environment
    // Check the name (and the store, above) before asking for a value nobody can store.
    try session.checkKeyName(key)
    let value: [UInt8]
    if let argument = invocation.positional(1) {
        Terminal.warning("a value on the command line lands in shell history and the process list")
        Terminal.hint("leave VALUE out to be asked for it, or pipe it in on standard input")
        value = Array(argument.utf8)
    } else if !Terminal.isTerminal(0) {
        value = try Terminal.readAll(0)
        if value.isEmpty {
            // `tessera set X </dev/null` or a command that printed nothing: store it (an empty
            // value is valid) but say so, as it is rarely meant.
            Terminal.warning("standard input was empty: storing an empty value for \(key)")
        }
    } else {
        value = try Terminal.readHiddenLine(
            prompt: "value for \(key) in \(environment): ", code: .failure,
            hint: "pipe the value in on standard input")
    }
    let version = try session.set(key, value: value, environment: environment,
                                  description: invocation.value("description"))
    Terminal.note("set \(key) in \(environment) (version \(version))")
    return 0
}
