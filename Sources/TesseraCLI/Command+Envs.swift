// `tessera envs`: the environments, their secret counts, which key seals each, and whether the
// key at hand opens it. No key is asked for: a passphrase store is unlocked only when
// $TESSERA_PASSPHRASE is set.

extension Command {
    static let envs = Command(
        name: "envs",
        summary: "list environments, their secret counts and whether the key opens them",
        usage: ["tessera envs [--names]"],
        options: [.flag("names", "only the environment names, one per line")],
        details: """
            One row per environment: its name, how many secrets it holds, which key seals it
            (the store's master key, or its own TESSERA_MASTER_KEY_<ENV>), and whether the keys
            at hand open it: 'yes', 'no key', or 'wrong key'. The default environment is marked
            with '*'. Never prompts.

            example:
              TESSERA_MASTER_KEY_PROD=... tessera envs
            """,
        run: { invocation in
            let context = try Context(invocation.globals)
            let session = try Session.open(context, needsKey: false, interactive: false, lenient: true)
            let environments = session.environments()
            if invocation.flag("names") {
                try Terminal.output(environments.map { $0.name + "\n" }.joined())
                return 0
            }
            var table = TextTable("ENV", "SECRETS", "KEY", "OPENS")
            for env in environments {
                let name = env.name == session.defaultEnvironment ? env.name + " *" : env.name
                let key = env.ownKey ? "own (\(ownKeyVariable(env.name)))" : "master"
                table.append([name, String(env.count), key, env.access.rawValue])
            }
            try Terminal.output(table.render())
            return 0
        })
}

/// `TESSERA_MASTER_KEY_<ENV>`: the environment name upper-cased, `-` as `_`.
func ownKeyVariable(_ environment: String) -> String {
    "TESSERA_MASTER_KEY_" + String(environment.uppercased().map { $0 == "-" ? "_" : $0 })
}
