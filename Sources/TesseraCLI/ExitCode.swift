// The exit codes of `tessera`, in one table (as sops keeps them in codes/codes.go). Scripts rely on
// these numbers; every error the CLI reports carries exactly one of them.
//
//   0  success
//   1  any other error (I/O, a store that already exists, a command that cannot start, ...)
//   2  usage: unknown command or option, wrong arguments, invalid key or environment names,
//      oversized values
//   3  secret not found (also `delete`, `history` and `rollback` of a missing key)
//   4  master key missing, malformed or wrong (also a missing key file or passphrase)
//   5  store corrupt or tampered (also an empty, truncated or non-store file, an unknown format
//      version, and a `set` into an environment whose integrity check fails)
//
// `tessera run` passes its child's status back unchanged; when the child cannot be started it
// exits 127 (not found) or 126 (not executable), as env(1) and POSIX shells do.

/// A process exit status of `tessera`.
package enum ExitCode: Int32, Sendable {
    case success = 0
    case failure = 1
    case usage = 2
    case notFound = 3
    case badKey = 4
    case corrupt = 5
    case commandNotExecutable = 126
    case commandNotFound = 127
}

/// An error the CLI reports as one `tessera: error: ...` line, an optional hint line, and an exit
/// code. The message and hint never contain a secret value or key.
package struct CLIError: Error, Sendable {
    package var code: ExitCode
    package var message: String
    package var hint: String?

    init(_ code: ExitCode, _ message: String, hint: String? = nil) {
        self.code = code
        self.message = message
        self.hint = hint
    }

    /// A usage error; the hint points at the command's help.
    static func usage(_ message: String, command: String? = nil) -> CLIError {
        let help = command.map { "run 'tessera \($0) --help' for its usage" } ?? "run 'tessera --help' for a list of commands"
        return CLIError(.usage, message, hint: help)
    }
}
