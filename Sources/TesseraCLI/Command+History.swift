// `tessera history KEY [--show]` and `tessera rollback KEY VERSION`: the kept versions of a
// secret in --env (times and numbers; values only with --show), and restoring one. A rollback
// writes the old value as a new version, so the versions after it stay reachable.

import TesseraSecretStore

extension Command {
    static let history = Command(
        name: "history",
        summary: "show the kept versions of a secret",
        usage: ["tessera history KEY [--show]"],
        positionals: ["KEY"],
        options: [.flag("show", "add the values (needs the key)")],
        details: """
            Lists the current version of KEY in the environment (--env, else the default
            environment) and every previous version kept (5 by default), newest first, with the
            time each was set. Needs no key unless --show is given. Exits 3 when KEY is not
            there.

            example:
              tessera history DB_PASSWORD --env prod
            """,
        run: { invocation in
            let context = try Context(invocation.globals)
            let key = invocation.positional(0)!
            let show = invocation.flag("show")
            let session = try Session.open(context, needsKey: show)
            session.warnIfEnvironmentMissing(fallback: false)
            let environment = session.environment
            let versions = try session.history(key, environment: environment)
            var table = TextTable("VERSION", "UPDATED", "CURRENT", "VALUE")
            for entry in versions {
                let value = show
                    ? escapedForTable(try session.value(key, environment: environment, version: entry.version))
                    : maskedValue
                table.append([String(entry.version), timestampString(unixSeconds: entry.updated), entry.isCurrent ? "*" : "", value])
            }
            try Terminal.output(table.render())
            return 0
        })

    static let rollback = Command(
        name: "rollback",
        summary: "restore a previous version of a secret",
        usage: ["tessera rollback KEY VERSION"],
        positionals: ["KEY", "VERSION"],
        details: """
            Sets KEY in the environment (--env, else the default environment) back to the value
            it had at VERSION (see 'tessera history'). The old value becomes a new version, so
            the versions after VERSION stay in the history and can be restored in turn.
            Exits 3 when KEY or VERSION is not there.

            example:
              tessera rollback DB_PASSWORD 3 --env prod
            """,
        run: { invocation in
            let context = try Context(invocation.globals)
            let key = invocation.positional(0)!
            guard let version = Int(invocation.positional(1)!), version > 0 else {
                throw CLIError.usage("VERSION must be a positive whole number", command: "rollback")
            }
            let session = try Session.open(context, needsKey: true)
            let environment = session.environment
            let newVersion = try session.rollback(key, environment: environment, to: version)
            Terminal.note("restored \(key) in \(environment) to the value of version \(version), now version \(newVersion)")
            return 0
        })
}
