// Terminal and standard-stream I/O, with age's output rules (cmd/age/tui.go): prompts go to the
// terminal itself (/dev/tty), results to standard output, everything else to standard error as
// one lowercase line without a final period: "tessera: error: ...", "tessera: warning: ...",
// "tessera: hint: ...". No message printed here ever contains a secret value or key.
//
// Bytes are bytes: standard input is read verbatim (a trailing newline is part of a value piped
// in), standard output is written verbatim. The hidden prompt turns echo off with termios, reads
// one line without its newline, and restores the terminal even when interrupted.

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Standard streams and the controlling terminal.
enum Terminal {
    /// `true` when `fd` is a terminal.
    static func isTerminal(_ fd: Int32) -> Bool { isatty(fd) == 1 }

    /// Writes all of `bytes` to `fd`, retrying short writes and EINTR. Returns `false` on error.
    @discardableResult
    static func writeAll(_ fd: Int32, _ bytes: UnsafeRawBufferPointer) -> Bool {
        var offset = 0
        while offset < bytes.count {
            let n = write(fd, bytes.baseAddress! + offset, bytes.count - offset)
            if n < 0 {
                if errno == EINTR { continue }
                return false
            }
            offset += n
        }
        return true
    }

    @discardableResult
    static func writeAll(_ fd: Int32, _ bytes: [UInt8]) -> Bool {
        bytes.withUnsafeBytes { writeAll(fd, $0) }
    }

    @discardableResult
    static func writeAll(_ fd: Int32, _ text: String) -> Bool {
        var text = text
        return text.withUTF8 { writeAll(fd, UnsafeRawBufferPointer($0)) }
    }

    /// Writes `bytes` to standard output, verbatim. `write(2)` is unbuffered, so a successful
    /// return means every byte was handed to the kernel (the pipe, file or terminal).
    ///
    /// - Throws: `CLIError` (exit 1) when the write fails (a full disk, a closed pipe: SIGPIPE is
    ///   ignored, see main.swift), so that no command reports success for output nobody got.
    static func output(_ bytes: [UInt8]) throws {
        guard writeAll(1, bytes) else {
            throw CLIError(.failure, "cannot write to standard output: \(systemError())")
        }
    }

    static func output(_ text: String) throws {
        try output(Array(text.utf8))
    }

    /// "tessera: error: MESSAGE" and, when given, "tessera: hint: HINT" on standard error.
    static func error(_ message: String, hint: String? = nil) {
        var line = "tessera: error: \(message)\n"
        if let hint { line += "tessera: hint: \(hint)\n" }
        writeAll(2, line)
    }

    /// "tessera: warning: MESSAGE" on standard error.
    static func warning(_ message: String) {
        writeAll(2, "tessera: warning: \(message)\n")
    }

    /// "tessera: hint: MESSAGE" on standard error.
    static func hint(_ message: String) {
        writeAll(2, "tessera: hint: \(message)\n")
    }

    /// "tessera: MESSAGE" on standard error: the short confirmation of a change.
    static func note(_ message: String) {
        writeAll(2, "tessera: \(message)\n")
    }

    /// Every byte of `fd` until end of file, verbatim.
    ///
    /// - Throws: `CLIError` when reading fails or the input exceeds `limit` bytes.
    static func readAll(_ fd: Int32, limit: Int = 64 << 20, what: String = "standard input") throws -> [UInt8] {
        var out = [UInt8]()
        var chunk = [UInt8](repeating: 0, count: 65536)
        while true {
            let n = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress!, $0.count) }
            if n < 0 {
                if errno == EINTR { continue }
                throw CLIError(.failure, "cannot read \(what): \(systemError())")
            }
            if n == 0 { break }
            out.append(contentsOf: chunk[0..<n])
            if out.count > limit {
                throw CLIError(.usage, "\(what) is larger than \(limit) bytes")
            }
        }
        return out
    }

    /// Shows `prompt` on the controlling terminal, reads one line with echo off, and returns it
    /// without its newline.
    ///
    /// - Throws: `CLIError` with `code` when there is no terminal to prompt on, or the read fails.
    static func readHiddenLine(prompt: String, code: ExitCode, hint: String) throws -> [UInt8] {
        let fd = open("/dev/tty", O_RDWR | O_CLOEXEC | O_NOCTTY)
        if fd < 0 {
            throw CLIError(code, "cannot prompt: no terminal", hint: hint)
        }
        defer { close(fd) }
        var saved = termios()
        guard tcgetattr(fd, &saved) == 0 else {
            throw CLIError(code, "cannot prompt: \(systemError())", hint: hint)
        }
        writeAll(fd, prompt)
        var hidden = saved
        hidden.c_lflag &= ~tcflag_t(ECHO | ECHONL)
        hidden.c_lflag |= tcflag_t(ICANON)
        // Restore the terminal on the signals that usually end a prompt; a process left with
        // echo off would hide whatever the user types next. (Ctrl-Z is left alone: job-control
        // shells save and restore a stopped job's terminal modes themselves.)
        promptTTY = fd
        promptSavedTermios = saved
        // A signal the parent set to be ignored (nohup, a shell's trap "") stays ignored.
        let previous = [SIGINT, SIGTERM, SIGHUP, SIGQUIT].map { sig in
            let old = signal(sig, restoreTerminalAndReraise)
            if unsafeBitCast(old, to: Int.self) == unsafeBitCast(SIG_IGN, to: Int.self) { signal(sig, SIG_IGN) }
            return (sig, old)
        }
        defer {
            tcsetattr(fd, TCSAFLUSH, &saved)
            promptTTY = -1
            for (sig, handler) in previous { signal(sig, handler) }
        }
        guard tcsetattr(fd, TCSAFLUSH, &hidden) == 0 else {
            throw CLIError(code, "cannot turn off echo: \(systemError())", hint: hint)
        }
        var line = [UInt8]()
        var byte: UInt8 = 0
        while true {
            let n = read(fd, &byte, 1)
            if n < 0 {
                if errno == EINTR { continue }
                throw CLIError(code, "cannot read from the terminal: \(systemError())", hint: hint)
            }
            if n == 0 || byte == UInt8(ascii: "\n") { break }
            line.append(byte)
        }
        if line.last == UInt8(ascii: "\r") { line.removeLast() }
        writeAll(fd, "\n")
        return line
    }

    /// `strerror(errno)` as text.
    static func systemError(_ code: Int32 = errno) -> String {
        String(cString: strerror(code))
    }
}

// The terminal to restore if a signal arrives during a hidden prompt. Only touched by the main
// thread and by the handler it installs for the prompt's duration.
nonisolated(unsafe) private var promptTTY: Int32 = -1
nonisolated(unsafe) private var promptSavedTermios = termios()

private func restoreTerminalAndReraise(_ sig: Int32) {
    if promptTTY >= 0 {
        tcsetattr(promptTTY, TCSAFLUSH, &promptSavedTermios)
        _ = write(promptTTY, "\n", 1)
    }
    signal(sig, SIG_DFL)
    raise(sig)
}

/// The whole content of the file at `path`.
///
/// - Throws: `CLIError` (exit 1) naming the path and the system's reason.
func readFile(_ path: String) throws -> [UInt8] {
    let fd = open(path, O_RDONLY | O_CLOEXEC)
    guard fd >= 0 else { throw CLIError(.failure, "cannot open \(path): \(Terminal.systemError())") }
    defer { close(fd) }
    return try Terminal.readAll(fd, what: path)
}
