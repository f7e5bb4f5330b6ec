// Plain-text tables for `list`, `envs` and `history`: a header row, columns padded with two
// spaces, no borders (like `docker ps` or `git branch -v`), so `column`, `awk` and `grep` work.
// Cells are sanitised: control characters become `?`, so a description cannot move the cursor or
// break a row.

/// Columns of text rendered with padding.
struct TextTable {
    var header: [String]
    var rows: [[String]] = []

    init(_ header: String...) { self.header = header }

    mutating func append(_ row: [String]) {
        precondition(row.count == header.count)
        rows.append(row.map(sanitizedCell))
    }

    /// The table, one line per row, each ending with a newline; trailing spaces trimmed.
    func render() -> String {
        var widths = header.map { $0.count }
        for row in rows {
            for (i, cell) in row.enumerated() { widths[i] = max(widths[i], cell.count) }
        }
        var out = ""
        for row in [header] + rows {
            var line = ""
            for (i, cell) in row.enumerated() {
                line += i == row.count - 1 ? cell : pad(cell, widths[i]) + "  "
            }
            while line.hasSuffix(" ") { line.removeLast() }
            out += line + "\n"
        }
        return out
    }
}

/// `text` with control characters replaced by `?`, on one line.
func sanitizedCell(_ text: String) -> String {
    guard text.unicodeScalars.contains(where: { $0.value < 0x20 || ($0.value >= 0x7f && $0.value < 0xa0) }) else { return text }
    return String(String.UnicodeScalarView(text.unicodeScalars.map {
        $0.value < 0x20 || ($0.value >= 0x7f && $0.value < 0xa0) ? "?" : $0
    }))
}

/// A value shown in a table by `--show`: UTF-8 text with control characters escaped (\n, \t,
/// \xNN), other bytes as \xNN, so one value stays on one row.
package func escapedForTable(_ value: [UInt8]) -> String {
    let text = String(decoding: value, as: UTF8.self)
    let hex = Array("0123456789abcdef")
    var out = ""
    if Array(text.utf8) == value {
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            case "\r": out += "\\r"
            case "\\": out += "\\\\"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7f {
                    out += "\\x" + String(hex[Int(scalar.value >> 4)]) + String(hex[Int(scalar.value & 0xf)])
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out
    }
    for b in value {
        if b >= 0x20 && b < 0x7f && b != 0x5c {
            out.unicodeScalars.append(Unicode.Scalar(b))
        } else {
            out += "\\x" + String(hex[Int(b >> 4)]) + String(hex[Int(b & 0xf)])
        }
    }
    return out
}

/// The mask shown in place of a value: fixed, so it tells nothing, not even the length.
let maskedValue = "********"
