// Help texts: the overview (`tessera --help`), one page per command (`tessera help COMMAND`,
// `tessera COMMAND --help`), and `--version`. Every page is built from the command table, so a
// new option shows up in help and in shell completion without being written twice.

/// The version `tessera --version` prints.
let tesseraVersion = "0.1.0"

/// The overview: what tessera is, its commands, the global options, exit codes and a quick start.
func overviewHelp(_ commands: [Command]) -> String {
    var out = """
        tessera: an encrypted, environment-aware secret store

        usage: tessera [--store PATH] [--env NAME] [--key-file PATH] COMMAND [ARGS...]

        commands:

        """
    let width = commands.map { $0.name.count }.max() ?? 0
    for command in commands {
        let alias = command.aliases.isEmpty ? "" : " (alias: \(command.aliases.joined(separator: ", ")))"
        out += "  \(pad(command.name, width))  \(command.summary)\(alias)\n"
    }
    out += "\nglobal options (before or after the command):\n"
    out += optionLines(globalOptions)
    out += """

        quick start:
          export TESSERA_MASTER_KEY=$(tessera init)      # new store, new key: keep a copy
          printf '%s' 'hunter2' | tessera set DB_PASSWORD --env prod
          tessera get DB_PASSWORD --env prod
          tessera run --env prod -- ./server              # secrets in its environment

        exit codes: 0 ok, 1 error, 2 usage, 3 not found, 4 missing or wrong key,
                    5 store corrupt or tampered

        run 'tessera help COMMAND' for the details of a command.

        """
    return out
}

/// The help page of one command.
func commandHelp(_ command: Command) -> String {
    var out = "usage: " + command.usage.joined(separator: "\n       ") + "\n\n"
    out += command.summary + "\n"
    if !command.aliases.isEmpty { out += "alias: \(command.aliases.joined(separator: ", "))\n" }
    if !command.details.isEmpty { out += "\n" + command.details + "\n" }
    if !command.options.isEmpty {
        out += "\noptions:\n" + optionLines(command.options)
    }
    out += "\nglobal options:\n" + optionLines(globalOptions)
    return out
}

private func optionLines(_ options: [OptionSpec]) -> String {
    let labels = options.map { "--\($0.name)" + ($0.valueName.map { " \($0)" } ?? "") }
    let width = labels.map { $0.count }.max() ?? 0
    var out = ""
    for (label, option) in zip(labels, options) {
        out += "  \(pad(label, width))  \(option.help)\n"
    }
    return out
}

/// `text` padded with spaces to `width` characters.
func pad(_ text: String, _ width: Int) -> String {
    let count = text.count
    return count >= width ? text : text + String(repeating: " ", count: width - count)
}

extension Command {
    static let help = Command(
        name: "help",
        summary: "show help for tessera or one of its commands",
        usage: ["tessera help [COMMAND]"],
        positionals: ["[COMMAND]"],
        details: """
            Prints the list of commands, or the usage, options and examples of COMMAND.
            'tessera COMMAND --help' does the same.
            """,
        run: { invocation in
            guard let name = invocation.positional(0) else {
                try Terminal.output(overviewHelp(allCommands))
                return 0
            }
            guard let command = lookUpCommand(name, in: allCommands) else {
                throw CLIError(.usage, "unknown command \(quoted(name))", hint: "run 'tessera --help' for a list of commands")
            }
            try Terminal.output(commandHelp(command))
            return 0
        })
}
