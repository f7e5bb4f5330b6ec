// `tessera import FILE [--format dotenv|json|shell]`: set every pair of FILE into --env in one
// atomic write: all of them or, on any error, none (the store file stays byte-for-byte the same).

extension Command {
    static let `import` = Command(
        name: "import",
        summary: "set every secret of a dotenv, JSON or shell file, all or nothing",
        usage: ["tessera import FILE [--format dotenv|json|shell]"],
        positionals: ["FILE"],
        options: [.value("format", "FORMAT", "dotenv, json or shell (default: json for *.json, else dotenv)")],
        details: """
            Reads NAME/value pairs from FILE ('-' for standard input) and sets each in the
            environment (--env, else the default environment), in one atomic write: if any name
            or value is refused, nothing is written. Reads everything 'tessera export' writes.

            dotenv and shell files hold one NAME=VALUE per line ('export ' prefix allowed,
            '#' comments); values are read as sh would read them, without expansion: '...'
            literal, "..." with backslash escapes, unquoted text up to a comment or the end of
            the line. JSON files hold one object of strings.

            examples:
              tessera import .env --env dev
              tessera export --env staging | tessera import - --env prod
            """,
        run: runImport)
}

private func runImport(_ invocation: Invocation) throws -> Int32 {
    let context = try Context(invocation.globals)
    let path = invocation.positional(0)!
    let format: SecretFormat
    if let name = invocation.value("format") {
        format = try SecretFormat.named(name, command: "import")
    } else {
        format = path.hasSuffix(".json") ? .json : .dotenv
    }
    let session = try Session.open(context, needsKey: true)
    let text: [UInt8]
    if path == "-" {
        text = try Terminal.readAll(0)
    } else {
        text = try readFile(path)
    }
    let pairs: [(key: String, value: [UInt8])]
    do {
        pairs = format == .json ? try parseJSONObject(text) : try parseDotenv(text)
    } catch {
        let name = path == "-" ? "standard input" : path
        throw CLIError(.failure, "\(name), line \(error.line): \(error.message)")
    }
    var latest: [String: [UInt8]] = [:]
    var order: [String] = []
    for (key, value) in pairs {
        if latest.updateValue(value, forKey: key) == nil {
            order.append(key)
        } else {
            Terminal.warning("\(key) appears more than once; the last one is imported")
        }
    }
    let environment = session.environment
    try session.setAll(order.map { ($0, latest[$0]!) }, environment: environment)
    Terminal.note("imported \(order.count) secret\(order.count == 1 ? "" : "s") into \(environment)")
    return 0
}
