// `tessera run [--no-override] -- COMMAND [ARGS...]`: exec COMMAND with the resolved secrets of
// --env (what `get` would return for each key, fallback applied) added to its environment. The
// process is replaced by exec, so COMMAND's exit status, signals and standard streams are its
// own. The master key variables are removed from COMMAND's environment: it gets its secrets, not
// the key to every environment.

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

extension Command {
    static let run = Command(
        name: "run",
        summary: "run a command with the secrets in its environment",
        usage: ["tessera run [--no-override] [--no-fallback] -- COMMAND [ARGS...]"],
        passthrough: true,
        options: [.flag("no-override", "keep variables already set in the environment"),
                  .flag("no-fallback", "only the environment's own secrets, none from the default environment")],
        details: """
            Runs COMMAND (found in PATH) with every secret of the environment (--env, falling
            back to the default environment key by key, exactly as 'tessera get' does) added as
            an environment variable. tessera replaces itself with COMMAND, so COMMAND's exit
            status is tessera's. Everything after '--' is COMMAND's, options included.

            An environment sealed with its own key never falls back: COMMAND gets its secrets
            only. For other environments, --no-fallback leaves out the default environment's
            values (whoever holds the master key controls them: BASH_ENV, LD_PRELOAD, ...).

            A secret already set in the environment is overridden unless --no-override is given.
            Keys that are not valid variable names (e.g. 'db/password') and values holding a
            NUL byte are skipped with a warning. TESSERA_MASTER_KEY, TESSERA_MASTER_KEY_<ENV>,
            TESSERA_PASSPHRASE and TESSERA_NEW_PASSPHRASE are removed from COMMAND's
            environment.

            Exits 127 when COMMAND is not found, 126 when it cannot be executed.

            examples:
              tessera run --env prod -- ./server --port 8080
              tessera run -- sh -c 'echo "$DB_HOST"'
            """,
        run: runRun)
}

private func runRun(_ invocation: Invocation) throws -> Int32 {
    let context = try Context(invocation.globals)
    guard let program = invocation.passthrough.first else {
        throw CLIError.usage("missing COMMAND (usage: tessera run [--no-override] -- COMMAND [ARGS...])", command: "run")
    }
    let session = try Session.open(context, needsKey: true)
    session.warnIfEnvironmentMissing(fallback: !invocation.flag("no-fallback"))
    let secrets = try session.resolved(environment: session.environment, fallback: !invocation.flag("no-fallback"))

    for name in keyVariableNames() { unsetenv(name) }
    for (key, value) in secrets {
        guard isEnvironmentVariableName(key) else {
            Terminal.warning("skipped \(key): not a valid environment variable name")
            continue
        }
        guard !value.contains(0) else {
            Terminal.warning("skipped \(key): its value contains a NUL byte")
            continue
        }
        if invocation.flag("no-override") && getenv(key) != nil { continue }
        let ok = value.withUnsafeBufferPointer { buffer -> Bool in
            // setenv copies; build the C string in a temporary buffer.
            let text = [CChar](unsafeUninitializedCapacity: buffer.count + 1) { out, n in
                for i in 0..<buffer.count { out[i] = CChar(bitPattern: buffer[i]) }
                out[buffer.count] = 0
                n = buffer.count + 1
            }
            return setenv(key, text, 1) == 0
        }
        guard ok else { throw CLIError(.failure, "cannot set \(key) in the environment: \(Terminal.systemError())") }
    }

    // main.swift ignores SIGPIPE for tessera itself; COMMAND gets the default back, as a
    // disposition set to "ignore" would survive exec.
    signal(SIGPIPE, SIG_DFL)
    let argv: [UnsafeMutablePointer<CChar>?] = invocation.passthrough.map { strdup($0) } + [nil]
    execvp(program, argv)
    let code = errno
    if code == ENOENT {
        throw CLIError(.commandNotFound, "command not found: \(quoted(program))")
    }
    throw CLIError(.commandNotExecutable, "cannot execute \(quoted(program)): \(Terminal.systemError(code))")
}

/// The variables that hold keys or passphrases, present in this process's environment.
private func keyVariableNames() -> [String] {
    var names: [String] = []
    var entry = environ
    while let pointer = entry.pointee {
        let text = String(cString: pointer)
        let name = String(text.prefix { $0 != "=" })
        if name == "TESSERA_MASTER_KEY" || name.hasPrefix("TESSERA_MASTER_KEY_")
            || name == "TESSERA_PASSPHRASE" || name == "TESSERA_NEW_PASSPHRASE" {
            names.append(name)
        }
        entry += 1
    }
    return names
}
