// The hidden prompts, through a pseudo-terminal: `set` with standard input on a terminal asks
// for the value with echo off and stores the line without its newline; `get` on a terminal adds
// the newline; `init --passphrase` asks twice. Driven by a small python3 `pty` script.
import Foundation
import XCTest

/// Runs argv[1:] on a new pseudo-terminal; for each line in $PTY_INPUTS (separated by \x1f) waits
/// for a prompt ending in ": ", records whether echo is off, and types the line. Prints JSON:
/// status, the terminal's output (latin-1), the echo flags seen at each prompt.
private let ptyDriver = #"""
import json, os, pty, select, sys, termios, time
inputs = [x for x in os.environ.get("PTY_INPUTS", "").split("\x1f") if x != ""]
pid, fd = pty.fork()
if pid == 0:
    os.execv(sys.argv[1], sys.argv[1:])
out = b""
def pump(until, timeout=20.0):
    global out
    end = time.time() + timeout
    while time.time() < end:
        if until():
            return True
        r, _, _ = select.select([fd], [], [], 0.05)
        if r:
            try:
                data = os.read(fd, 4096)
            except OSError:
                return until()
            if not data:
                return until()
            out += data
    return until()
echo = []
for line in inputs:
    seen = len(out)
    ok = pump(lambda: out.endswith(b": ") and len(out) > seen)
    if not ok:
        break
    time.sleep(0.05)
    echo.append(not bool(termios.tcgetattr(fd)[3] & termios.ECHO))
    os.write(fd, b"\x03" if line == "^C" else line.encode() + b"\n")
pump(lambda: False, timeout=0.5)
def drain():
    global out
    while True:
        try:
            data = os.read(fd, 4096)
        except OSError:
            break
        if not data:
            break
        out += data
drain()
_, status = os.waitpid(pid, 0)
echo_after = bool(termios.tcgetattr(fd)[3] & termios.ECHO)
print(json.dumps({"status": os.waitstatus_to_exitcode(status), "output": out.decode("latin-1"), "echo_off": echo,
                  "echo_after": echo_after}))
"""#

private struct PTYResult: Decodable {
    let status: Int
    let output: String
    let echo_off: [Bool]
    let echo_after: Bool
}

final class PromptTests: XCTestCase {
    private func runOnTerminal(_ box: Sandbox, _ arguments: [String], typing lines: [String]) throws -> PTYResult {
        var env = box.environment
        env["PTY_INPUTS"] = lines.joined(separator: "\u{1f}")
        let result = try runProcess("/usr/bin/env", ["python3", "-c", ptyDriver, tesseraBinary] + arguments,
                                    directory: box.directory, environment: env)
        XCTAssertEqual(result.status, 0, result.err)
        return try JSONDecoder().decode(PTYResult.self, from: Data(result.stdout))
    }

    func testSetPromptsWithEchoOff() throws {
        let box = try Sandbox.withStore()
        let typed = "typed-secret-42"
        let result = try runOnTerminal(box, ["set", "TYPED", "--env", "prod"], typing: [typed])
        XCTAssertEqual(result.status, 0, result.output)
        XCTAssertEqual(result.echo_off, [true])
        XCTAssertTrue(result.output.contains("value for TYPED in prod: "), result.output)
        XCTAssertFalse(result.output.contains(typed), "the typed value must not be echoed: \(result.output)")
        // Stored without the newline; the terminal is restored afterwards (echo back on).
        XCTAssertEqual(try box.run(["get", "TYPED", "--env", "prod"]).out, typed)

        XCTAssertTrue(result.echo_after)

        // Ctrl-C at the prompt: tessera dies of SIGINT, the terminal's echo is back on, and
        // nothing was stored.
        let interrupted = try runOnTerminal(box, ["set", "INTERRUPTED"], typing: ["^C"])
        XCTAssertEqual(interrupted.status, -Int(SIGINT), interrupted.output)
        XCTAssertEqual(interrupted.echo_off, [true])
        XCTAssertTrue(interrupted.echo_after, "echo restored after Ctrl-C")
        assertError(try box.run(["get", "INTERRUPTED"]), 3)

        // `get` adds a newline on a terminal only.
        let onTerminal = try runOnTerminal(box, ["get", "TYPED", "--env", "prod"], typing: [])
        XCTAssertEqual(onTerminal.status, 0)
        XCTAssertTrue(onTerminal.output.hasSuffix(typed + "\r\n"), onTerminal.output)
    }

    func testPassphraseStorePromptsTwiceAndAgainOnUse() throws {
        let box = try Sandbox()
        let passphrase = "correct horse battery"
        box.secrets.append(Array(passphrase.utf8))
        let created = try runOnTerminal(box, ["init", "--passphrase"], typing: [passphrase, passphrase])
        XCTAssertEqual(created.status, 0, created.output)
        XCTAssertEqual(created.echo_off, [true, true])
        XCTAssertFalse(created.output.contains(passphrase))

        // Reading a value asks for the passphrase; listing does not.
        let mismatch = try runOnTerminal(box, ["init", "--passphrase", "--store", "b.json"], typing: ["one-pass", "two-pass"])
        XCTAssertEqual(mismatch.status, 4)
        XCTAssertFalse(FileManager.default.fileExists(atPath: box.directory + "/b.json"))

        let set = try box.run(["set", "K"], stdin: Array("pass-store-value".utf8), env: ["TESSERA_PASSPHRASE": passphrase])
        XCTAssertEqual(set.status, 0, set.err)
        let get = try runOnTerminal(box, ["get", "K"], typing: [passphrase])
        XCTAssertEqual(get.status, 0, get.output)
        XCTAssertEqual(get.echo_off, [true])
        XCTAssertTrue(get.output.hasSuffix("pass-store-value\r\n"), get.output)
        XCTAssertEqual(try box.run(["list", "--names"]).out, "K\n")
    }
}
