// `tessera export [--format dotenv|json|shell]`: the resolved secrets of --env (fallback applied
// key by key, as `get` does), quoted for the format (ExportFormat.swift), on standard output.

extension Command {
    static let export = Command(
        name: "export",
        summary: "print the environment's secrets as dotenv, JSON or shell",
        usage: ["tessera export [--format dotenv|json|shell] [--no-fallback]"],
        options: [.value("format", "FORMAT", "dotenv (default), json or shell"),
                  .flag("no-fallback", "only the environment's own secrets, none from the default environment")],
        details: """
            Prints every secret the environment resolves to (its own, then the default
            environment's for keys it lacks: what 'tessera get' returns for each key).
            --no-fallback leaves the default environment's out; an environment sealed with its
            own key never falls back.

              dotenv  NAME='value' lines: '. FILE' in sh and dotenv libraries read them
              shell   export NAME='value' lines, safe for eval in any POSIX sh
              json    one object mapping names to values

            Values are quoted so that every byte comes back exactly. Keys that are not valid
            variable names are skipped by dotenv and shell, with a warning. The output holds
            plaintext secrets: mind where it goes.

            examples:
              eval "$(tessera export --format shell --env prod)"
              (umask 077; tessera export --env dev > .env)
              tessera export --format json | jq .
            """,
        run: { invocation in
            let context = try Context(invocation.globals)
            let format = try SecretFormat.named(invocation.value("format") ?? "dotenv", command: "export")
            let session = try Session.open(context, needsKey: true)
            session.warnIfEnvironmentMissing(fallback: !invocation.flag("no-fallback"))
            let secrets = try session.resolved(environment: session.environment, fallback: !invocation.flag("no-fallback"))
            let (output, warnings) = try renderExport(secrets, format: format)
            for warning in warnings { Terminal.warning(warning.message) }
            try Terminal.output(output)
            return 0
        })
}
