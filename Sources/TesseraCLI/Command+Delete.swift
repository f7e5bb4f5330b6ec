// `tessera delete KEY` (alias `rm`): remove a secret, with its history, from --env.

extension Command {
    static let delete = Command(
        name: "delete",
        aliases: ["rm"],
        summary: "delete a secret from an environment",
        usage: ["tessera delete KEY"],
        positionals: ["KEY"],
        details: """
            Removes KEY and its history from the environment (--env, else the default
            environment). Other environments are untouched. Exits 3 when KEY is not there.

            example:
              tessera rm OLD_TOKEN --env staging
            """,
        run: { invocation in
            let context = try Context(invocation.globals)
            let key = invocation.positional(0)!
            let session = try Session.open(context, needsKey: true)
            try session.delete(key, environment: session.environment)
            Terminal.note("deleted \(key) from \(session.environment)")
            return 0
        })
}
