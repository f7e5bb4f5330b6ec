// `tessera get KEY [--no-fallback]`: the value of KEY in --env, else in the default environment,
// written as its exact bytes; a newline is added only when standard output is a terminal.

extension Command {
    static let get = Command(
        name: "get",
        summary: "print a secret's value",
        usage: ["tessera get KEY [--no-fallback]"],
        positionals: ["KEY"],
        options: [.flag("no-fallback", "do not fall back to the default environment")],
        details: """
            Prints the value of KEY in the environment (--env), or, when that environment has no
            such key, in the default environment (global). The value is written as its exact
            bytes; a newline is added only when standard output is a terminal, so
            'tessera get TLS_KEY > key.pem' writes the file back verbatim. An environment sealed
            with its own key never falls back.

            Exits 3 when the key is not found, 4 when the master key is missing or wrong.

            examples:
              tessera get DB_PASSWORD --env prod
              psql "postgres://app:$(tessera get DB_PASSWORD)@db/app"
            """,
        run: runGet)
}

private func runGet(_ invocation: Invocation) throws -> Int32 {
    let context = try Context(invocation.globals)
    let key = invocation.positional(0)!
    let session = try Session.open(context, needsKey: true)
    session.warnIfEnvironmentMissing(fallback: !invocation.flag("no-fallback"))
    var value = try session.value(key, environment: session.environment,
                                  fallback: !invocation.flag("no-fallback"))
    if Terminal.isTerminal(1) { value.append(0x0a) }
    try Terminal.output(value)
    return 0
}
