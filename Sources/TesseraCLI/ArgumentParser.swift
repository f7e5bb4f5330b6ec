// A small, table-driven argument parser. Each command declares its options, its positional
// arguments and its help in one `Command` value (in its own Command+Verb.swift file); this file
// walks argv against that table. There is no per-command parsing code.
//
// Rules (what scripts rely on):
// - Global options (`--store`, `--env`, `--key-file`) are accepted before the command, after it,
//   and after positional arguments; `--help`/`-h` anywhere before `--` asks for help.
// - Options take `--name VALUE` or `--name=VALUE`; flags refuse a value.
// - `--` ends option parsing: what follows is positional. For `run`, `--` (or the first
//   positional) starts the command line to execute, passed through untouched.
// - A lone `-` is a positional argument; any other word starting with `-` is an option, so a value
//   starting with `-` goes after `--` (`tessera set OFFSET -- -5`).

/// One option of a command, or a global option.
struct OptionSpec: Sendable {
    /// The long name without dashes, e.g. "store".
    let name: String
    /// The placeholder of its value, e.g. "PATH"; `nil` for a flag.
    let valueName: String?
    /// One line of help.
    let help: String

    static func flag(_ name: String, _ help: String) -> OptionSpec {
        OptionSpec(name: name, valueName: nil, help: help)
    }

    static func value(_ name: String, _ valueName: String, _ help: String) -> OptionSpec {
        OptionSpec(name: name, valueName: valueName, help: help)
    }
}

/// The options every command accepts.
let globalOptions: [OptionSpec] = [
    .value("store", "PATH", "the store file (else $TESSERA_STORE, else ./secrets.tessera.json)"),
    .value("env", "NAME", "the environment (else the store's default environment, global)"),
    .value("key-file", "PATH", "a file holding the 64-hex master key (else $TESSERA_MASTER_KEY)"),
]

/// A command: its name, the arguments it accepts, its help, and what it does.
struct Command: Sendable {
    let name: String
    var aliases: [String] = []
    /// One line for the command list.
    let summary: String
    /// The usage line(s), without the leading "usage: ".
    let usage: [String]
    /// The placeholders of the positional arguments; trailing ones in brackets are optional.
    var positionals: [String] = []
    /// Accepts any number of further positional arguments (after the ones named).
    var variadic = false
    /// After `--` or its first positional argument, everything is passed through (`run`).
    var passthrough = false
    var options: [OptionSpec] = []
    /// The longer description and examples shown by `--help`.
    let details: String
    /// Does the work; returns the exit status.
    let run: @Sendable (Invocation) throws -> Int32

    var requiredCount: Int { positionals.filter { !$0.hasPrefix("[") }.count }
}

/// The global options as given on the command line (environment variables are applied later).
struct GlobalOptions: Sendable {
    var store: String?
    var env: String?
    var keyFile: String?
}

/// A parsed command line.
struct Invocation: Sendable {
    let command: Command
    var positionals: [String] = []
    var passthrough: [String] = []
    var flags: Set<String> = []
    var values: [String: String] = [:]
    var globals = GlobalOptions()

    func flag(_ name: String) -> Bool { flags.contains(name) }
    func value(_ name: String) -> String? { values[name] }
    func positional(_ index: Int) -> String? { index < positionals.count ? positionals[index] : nil }
}

/// What the command line asks for.
enum ParsedCommandLine: Sendable {
    case run(Invocation)
    case help(Command?)
    case version
}

/// Parses `arguments` (argv without the program name) against `commands`.
///
/// - Throws: `CLIError` with `.usage` for an unknown command or option, a missing option value,
///   or a wrong number of positional arguments.
func parseCommandLine(_ arguments: [String], commands: [Command]) throws -> ParsedCommandLine {
    var globals = GlobalOptions()
    var index = 0
    var wantsHelp = false
    var wantsVersion = false

    // Before the command: global options, --help, --version.
    var command: Command?
    while index < arguments.count {
        let word = arguments[index]
        if word == "--help" || word == "-h" {
            wantsHelp = true
            index += 1
        } else if word == "--version" || word == "-V" {
            wantsVersion = true
            index += 1
        } else if word.hasPrefix("-") && word != "-" {
            let (spec, inline) = try lookUpOption(word, in: globalOptions, command: nil)
            let value = try optionValue(spec, inline: inline, arguments: arguments, index: &index, command: nil)
            setGlobal(&globals, spec.name, value)
        } else {
            guard let found = lookUpCommand(word, in: commands) else {
                throw CLIError(.usage, "unknown command \(quoted(word))", hint: suggestion(for: word, in: commands))
            }
            command = found
            index += 1
            break
        }
    }
    guard let command else {
        if wantsVersion { return .version }
        if wantsHelp { return .help(nil) }
        throw CLIError(.usage, "no command given", hint: "run 'tessera --help' for a list of commands")
    }

    var invocation = Invocation(command: command, globals: globals)
    let options = command.options + globalOptions
    // set and import take values on their command line (a value typed in the wrong place, a
    // mistyped option that was a secret): their errors name an argument's position, never its text.
    let hideText = commandsWithSecretArguments.contains(command.name)
    var positionalIndices: [Int] = []
    while index < arguments.count {
        let word = arguments[index]
        if word == "--" {
            let rest = Array(arguments[(index + 1)...])
            if command.passthrough { invocation.passthrough = rest } else { invocation.positionals += rest }
            break
        } else if word == "--help" || word == "-h" {
            wantsHelp = true
            index += 1
        } else if word.hasPrefix("-") && word != "-" {
            let (spec, inline) = try lookUpOption(word, in: options, command: command.name,
                                                  hiddenPosition: hideText ? index + 1 : nil)
            let value = try optionValue(spec, inline: inline, arguments: arguments, index: &index, command: command.name)
            if globalOptions.contains(where: { $0.name == spec.name }) {
                setGlobal(&invocation.globals, spec.name, value)
            } else if let value {
                invocation.values[spec.name] = value
            } else {
                invocation.flags.insert(spec.name)
            }
        } else if command.passthrough {
            invocation.passthrough = Array(arguments[index...])
            break
        } else {
            invocation.positionals.append(word)
            positionalIndices.append(index)
            index += 1
        }
    }
    if wantsHelp { return .help(command) }
    if wantsVersion { return .version }

    let count = invocation.positionals.count
    if count < command.requiredCount {
        let missing = command.positionals[count]
        throw CLIError.usage("missing \(missing) (usage: \(command.usage[0]))", command: command.name)
    }
    if !command.variadic && count > command.positionals.count {
        let extra = invocation.positionals[command.positionals.count]
        let what = hideText ? "argument at position \(positionalIndices[command.positionals.count] + 1) (not shown: it may be a secret)"
            : "argument \(quoted(extra))"
        throw CLIError.usage("unexpected \(what) (usage: \(command.usage[0]))", command: command.name)
    }
    return .run(invocation)
}

/// The command named or aliased `name`.
func lookUpCommand(_ name: String, in commands: [Command]) -> Command? {
    commands.first { $0.name == name || $0.aliases.contains(name) }
}

/// Commands whose arguments may hold secret values: usage errors never echo their text.
private let commandsWithSecretArguments: Set<String> = ["set", "import"]

/// The option `word` names, and its inline value (`--name=value`).
///
/// - Parameters:
///   - hiddenPosition: when set, an unknown option is named by this 1-based position instead of
///     its text (it may be a secret, as in `set PW -s3cr3t`).
private func lookUpOption(_ word: String, in options: [OptionSpec], command: String?,
                          hiddenPosition: Int? = nil) throws -> (OptionSpec, String?) {
    if let position = hiddenPosition, !(word.hasPrefix("--") && options.contains { word == "--" + $0.name || word.hasPrefix("--" + $0.name + "=") }) {
        throw CLIError.usage("unknown option at position \(position) (not shown: it may be a secret; options are spelled --name)",
                             command: command)
    }
    guard word.hasPrefix("--") else {
        throw CLIError.usage("unknown option \(quoted(word)) (options are spelled --name)", command: command)
    }
    let body = word.dropFirst(2)
    let name: Substring
    var inline: String?
    if let eq = body.firstIndex(of: "=") {
        name = body[..<eq]
        inline = String(body[body.index(after: eq)...])
    } else {
        name = body
    }
    guard let spec = options.first(where: { $0.name == name }) else {
        let scope = command.map { " for \($0)" } ?? ""
        throw CLIError.usage("unknown option --\(name)\(scope)", command: command)
    }
    return (spec, inline)
}

private func optionValue(
    _ spec: OptionSpec, inline: String?, arguments: [String], index: inout Int, command: String?
) throws -> String? {
    index += 1
    if spec.valueName == nil {
        if inline != nil { throw CLIError.usage("option --\(spec.name) takes no value", command: command) }
        return nil
    }
    if let inline { return inline }
    guard index < arguments.count else {
        throw CLIError.usage("option --\(spec.name) needs a value (\(spec.valueName!))", command: command)
    }
    defer { index += 1 }
    return arguments[index]
}

private func setGlobal(_ globals: inout GlobalOptions, _ name: String, _ value: String?) {
    switch name {
    case "store": globals.store = value
    case "env": globals.env = value
    case "key-file": globals.keyFile = value
    default: preconditionFailure("global option table and setter disagree")
    }
}

/// A "did you mean" hint: a command within two edits of `word`, if any.
private func suggestion(for word: String, in commands: [Command]) -> String {
    let names = commands.flatMap { [$0.name] + $0.aliases }
    let close = names.map { ($0, editDistance($0, word)) }.filter { $0.1 <= 2 }.min { $0.1 < $1.1 }
    if let close { return "did you mean 'tessera \(close.0)'?" }
    return "run 'tessera --help' for a list of commands"
}

private func editDistance(_ a: String, _ b: String) -> Int {
    let a = Array(a.utf8), b = Array(b.utf8)
    var row = Array(0...b.count)
    for i in 1...max(a.count, 1) where i <= a.count {
        var previous = row[0]
        row[0] = i
        for j in 1...max(b.count, 1) where j <= b.count {
            let current = row[j]
            row[j] = min(row[j] + 1, row[j - 1] + 1, previous + (a[i - 1] == b[j - 1] ? 0 : 1))
            previous = current
        }
    }
    return row[b.count]
}

/// `word` in single quotes, with control characters shown as `?` (argv is not a secret, but it
/// may hold terminal escapes).
func quoted(_ word: String) -> String {
    let clean = String(decoding: word.utf8.prefix(80).map { $0 < 0x20 || $0 == 0x7f ? UInt8(ascii: "?") : $0 }, as: UTF8.self)
    return "'\(clean)'"
}
