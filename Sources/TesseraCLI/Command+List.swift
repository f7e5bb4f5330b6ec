// `tessera list [PATTERN] [--json] [--show]`: the secrets' metadata as a table or JSON, every
// environment unless --env names one. Values appear only with --show (which needs the key); the
// table's VALUE column is otherwise a fixed mask that reveals nothing, not even the length.

import TesseraSecretStore

extension Command {
    static let list = Command(
        name: "list",
        aliases: ["ls"],
        summary: "list secrets (metadata; values only with --show)",
        usage: ["tessera list [PATTERN] [--json] [--show] [--names]"],
        positionals: ["[PATTERN]"],
        options: [
            .flag("json", "a JSON array of objects: key, env, description, created, updated, version"),
            .flag("show", "add the values (needs the key)"),
            .flag("names", "only the key names, one per line"),
        ],
        details: """
            Lists the secrets of every environment, or of the one named by --env, sorted by key
            then environment: key, environment, description, last update, version, and a masked
            value. PATTERN is a glob over key names ('*' any run of characters, '?' one).

            Listing needs no key: names and metadata are stored in clear. --show adds the values
            (and needs the key); use it only where nobody looks over your shoulder.

            examples:
              tessera list
              tessera list 'DB_*' --env prod
              tessera list --json | jq -r '.[].key'
            """,
        run: runList)
}

private func runList(_ invocation: Invocation) throws -> Int32 {
    let context = try Context(invocation.globals)
    let show = invocation.flag("show")
    let session = try Session.open(context, needsKey: show)
    session.warnIfEnvironmentMissing(fallback: false)
    let pattern = invocation.positional(0)
    var secrets = try session.metadata(environment: context.explicitEnvironment)
    if let pattern { secrets = secrets.filter { globMatches(pattern, $0.key) } }

    if invocation.flag("names") {
        var seen = Set<String>()
        let names = secrets.map(\.key).filter { seen.insert($0).inserted }
        try Terminal.output(names.map { $0 + "\n" }.joined())
        return 0
    }
    var values: [[UInt8]] = []
    if show {
        values = try secrets.map { try session.value($0.key, environment: $0.environment, fallback: false) }
    }
    if invocation.flag("json") {
        var json = JSONWriter()
        json.beginArray()
        for (index, secret) in secrets.enumerated() {
            json.beginObject()
            json.member("key", string: secret.key)
            json.member("env", string: secret.environment)
            json.member("description", string: secret.description)
            json.member("created", string: timestampString(unixSeconds: secret.created))
            json.member("updated", string: timestampString(unixSeconds: secret.updated))
            json.member("version", number: secret.version)
            if show {
                guard json.member("value", bytes: values[index]) else {
                    throw CLIError(.failure, "the value of \(secret.key) in \(secret.environment) is not UTF-8 text, which JSON cannot hold",
                                   hint: "read it with 'tessera get'")
                }
            }
            json.endObject()
        }
        json.endArray()
        try Terminal.output(json.bytes + [0x0a])
        return 0
    }
    var table = TextTable("KEY", "ENV", "DESCRIPTION", "UPDATED", "VERSION", "VALUE")
    for (index, secret) in secrets.enumerated() {
        table.append([secret.key, secret.environment, secret.description, timestampString(unixSeconds: secret.updated),
                      String(secret.version), show ? escapedForTable(values[index]) : maskedValue])
    }
    try Terminal.output(table.render())
    return 0
}
