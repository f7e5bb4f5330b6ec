// tessera: the command-line tool over the SecretStore library. This file only dispatches: it
// parses argv against the command table (ArgumentParser.swift), runs the command (one file per
// verb, Command+Verb.swift) and turns an error into one age-style message and an exit code
// (ExitCode.swift). Nothing here prints a secret.

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Runs the command line and returns the exit status.
func runTessera(_ arguments: [String]) -> Int32 {
    do {
        switch try parseCommandLine(arguments, commands: allCommands) {
        case .version:
            try Terminal.output("tessera \(tesseraVersion)\n")
            return 0
        case .help(let command):
            try Terminal.output(command.map(commandHelp) ?? overviewHelp(allCommands))
            return 0
        case .run(let invocation):
            return try invocation.command.run(invocation)
        }
    } catch let error as CLIError {
        Terminal.error(error.message, hint: error.hint)
        return error.code.rawValue
    } catch {
        Terminal.error(describe(error))
        return ExitCode.failure.rawValue
    }
}

// A closed pipe must make a write fail (EPIPE), checked and reported with exit 1, not kill the
// process between two steps: `tessera rotate | true` must not die after changing the store.
// `run` restores the default disposition before exec (an ignored signal is inherited).
signal(SIGPIPE, SIG_IGN)
exit(runTessera(Array(CommandLine.arguments.dropFirst())))
