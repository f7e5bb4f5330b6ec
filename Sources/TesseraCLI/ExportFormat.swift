// Writing resolved secrets as dotenv, JSON or POSIX shell, each quoted so that reading it back
// (by `sh`, a dotenv parser, a JSON parser, or `tessera import`) yields the exact bytes.
//
// shell:  export NAME='value'        single quotes keep every byte literal in POSIX sh; a quote
//                                    inside is written '\'' (close, escaped quote, reopen). No
//                                    $'...' (dash does not have it). Safe for `eval`.
// dotenv: NAME='value'               the same single-quoting, so `. FILE` in sh reads it; a value
//                                    whose only special character is a single quote is written in
//                                    double quotes instead ("it's"), which sh and the common
//                                    dotenv parsers (python-dotenv, dotenv for node, godotenv)
//                                    read alike. A value with a backslash, a carriage return or
//                                    ${, or a quote among other special characters, gets the sh
//                                    form and a warning: python-dotenv decodes \\ and \' even
//                                    inside single quotes, turns CR LF into LF and expands ${X}.
// json:   {"NAME": "value", ...}      one object, sorted by name, strings escaped per RFC 8259;
//                                    values must be UTF-8.
//
// NUL cannot be carried by sh or by environment variables; such values are refused for shell and
// dotenv (JSON writes \u0000). Names that are not environment-variable names are skipped for shell
// and dotenv, with a warning naming the key (never the value).

/// An export or import format.
package enum SecretFormat: String, CaseIterable, Sendable {
    case dotenv, json, shell

    package static let names = allCases.map(\.rawValue).joined(separator: ", ")

    /// The format named `name`, or a usage error.
    static func named(_ name: String, command: String) throws -> SecretFormat {
        guard let format = SecretFormat(rawValue: name) else {
            throw CLIError.usage("unknown format \(quoted(name)) (formats: \(names))", command: command)
        }
        return format
    }
}

/// A warning raised while formatting (about a key name, never a value).
package struct FormatWarning: Equatable, Sendable {
    package let key: String
    package let message: String
}

/// `true` when `name` can be an environment variable and a shell variable: [A-Za-z_][A-Za-z0-9_]*.
package func isEnvironmentVariableName(_ name: String) -> Bool {
    var first = true
    for c in name.utf8 {
        let letter = (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || c == 0x5f
        let digit = c >= 0x30 && c <= 0x39
        if !(letter || (!first && digit)) { return false }
        first = false
    }
    return !first
}

/// `value` in POSIX sh single quotes: every byte literal, `'` written as `'\''`.
package func shellQuoted(_ value: [UInt8]) -> [UInt8] {
    var out: [UInt8] = [0x27]
    out.reserveCapacity(value.count + 2)
    for b in value {
        if b == 0x27 {
            out += [0x27, 0x5c, 0x27, 0x27]  // '\''
        } else {
            out.append(b)
        }
    }
    out.append(0x27)
    return out
}

/// `value` quoted for a dotenv file that `sh` can also source; `needsWarning` when only sh and
/// tessera are sure to read it back exactly.
///
/// Single quotes are literal in sh and in the common dotenv parsers, except that python-dotenv
/// decodes `\\` and `\'` inside them, reads CR LF as LF and expands `${NAME}`: a value with a
/// backslash, a carriage return or `${` keeps the sh form, with a warning. A value whose only special character is a
/// single quote goes in double quotes, which every one of them reads alike.
package func dotenvQuoted(_ value: [UInt8]) -> (bytes: [UInt8], needsWarning: Bool) {
    let hasQuote = value.contains(0x27)
    let hasBackslash = value.contains(0x5c)
    // python-dotenv expands ${NAME} by default, quoted or not, and has no escape for it.
    let hasExpansion = zip(value, value.dropFirst()).contains { $0 == 0x24 && $1 == 0x7b }
    if !hasQuote && !hasBackslash { return (shellQuoted(value), value.contains(0x0d) || hasExpansion) }
    // Characters that are special inside sh double quotes, or that dotenv parsers treat
    // specially there (escapes, interpolation, multi-line handling).
    let special: Set<UInt8> = [0x24, 0x60, 0x5c, 0x22, 0x0a, 0x0d]  // $ ` \ " LF CR
    if hasQuote && !value.contains(where: { special.contains($0) }) {
        return ([0x22] + value + [0x22], false)
    }
    return (shellQuotedEscapingOutside(value), true)
}

/// `value` for sh with every `'` and `\` written outside the quotes (`'back'\\'slash'\\`): sh
/// reads it exactly, and a dotenv parser that decodes backslashes inside single quotes fails on
/// this one line instead of running on into the next ones.
func shellQuotedEscapingOutside(_ value: [UInt8]) -> [UInt8] {
    var out = [UInt8]()
    var open = false
    for b in value {
        if b == 0x27 || b == 0x5c {
            if open { out.append(0x27); open = false }
            out += [0x5c, b]
        } else {
            if !open { out.append(0x27); open = true }
            out.append(b)
        }
    }
    if open || out.isEmpty { out.append(0x27) }
    if out.count == 1 { out.append(0x27) }
    return out
}

/// `value` as a JSON string literal (RFC 8259 §7), or `nil` when it is not valid UTF-8.
package func jsonQuoted(_ value: [UInt8]) -> [UInt8]? {
    guard String(validating: value, as: UTF8.self) != nil else { return nil }
    let hex = Array("0123456789abcdef".utf8)
    var out: [UInt8] = [0x22]
    out.reserveCapacity(value.count + 2)
    for b in value {
        switch b {
        case 0x22: out += [0x5c, 0x22]
        case 0x5c: out += [0x5c, 0x5c]
        case 0x0a: out += [0x5c, UInt8(ascii: "n")]
        case 0x0d: out += [0x5c, UInt8(ascii: "r")]
        case 0x09: out += [0x5c, UInt8(ascii: "t")]
        case 0x08: out += [0x5c, UInt8(ascii: "b")]
        case 0x0c: out += [0x5c, UInt8(ascii: "f")]
        case 0..<0x20, 0x7f:
            out += Array("\\u00".utf8) + [hex[Int(b >> 4)], hex[Int(b & 0xf)]]
        default: out.append(b)
        }
    }
    out.append(0x22)
    return out
}

/// `pairs` (sorted by name) written in `format`, with the warnings to print.
///
/// - Throws: `CLIError` when a value cannot be written in `format` (NUL for shell and dotenv,
///   non-UTF-8 for JSON); the message names the key only.
package func renderExport(_ pairs: [(key: String, value: [UInt8])], format: SecretFormat) throws -> (output: [UInt8], warnings: [FormatWarning]) {
    var out = [UInt8]()
    var warnings = [FormatWarning]()
    switch format {
    case .json:
        out += Array("{".utf8)
        var first = true
        for (key, value) in pairs {
            guard let quotedValue = jsonQuoted(value) else {
                throw CLIError(.failure, "the value of \(key) is not UTF-8 text, which JSON cannot hold",
                               hint: "export it with --format shell or dotenv")
            }
            out += Array((first ? "\n  " : ",\n  ").utf8)
            out += jsonQuoted(Array(key.utf8))! + Array(": ".utf8) + quotedValue
            first = false
        }
        out += Array((first ? "}\n" : "\n}\n").utf8)
    case .shell, .dotenv:
        for (key, value) in pairs {
            guard isEnvironmentVariableName(key) else {
                warnings.append(FormatWarning(key: key, message: "skipped \(key): not a valid environment variable name"))
                continue
            }
            guard !value.contains(0) else {
                throw CLIError(.failure, "the value of \(key) contains a NUL byte, which \(format.rawValue) cannot hold",
                               hint: "export it with --format json")
            }
            if format == .shell {
                out += Array("export \(key)=".utf8) + shellQuoted(value)
            } else {
                let (bytes, warn) = dotenvQuoted(value)
                if warn {
                    warnings.append(FormatWarning(key: key, message: "\(key) holds a backslash, a carriage return, '${', or a quote among other special characters: written exactly for sh and tessera, some dotenv parsers misread it"))
                }
                out += Array("\(key)=".utf8) + bytes
            }
            out.append(0x0a)
        }
    }
    return (out, warnings)
}
