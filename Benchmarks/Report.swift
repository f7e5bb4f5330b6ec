// The speed table (or JSON): per case the median figure, its min–max over the samples, and the
// OpenSSL anchors with Tessera's ratio to each (> 1 means Tessera is faster).

import Foundation

/// Formats a figure with three significant digits and thousands grouping for large values.
func formatFigure(_ x: Double) -> String {
    if x >= 1e6 { return String(format: "%.2f M", x / 1e6) }
    if x >= 1e4 { return String(format: "%.0f k", x / 1e3) }
    if x >= 100 { return String(format: "%.0f", x) }
    if x >= 10 { return String(format: "%.1f", x) }
    return String(format: "%.3g", x)
}

func printReport(results: [(BenchCase, Timing)], anchors: [OpenSSLPath: [String: Timing]], json: Bool) {
    if json {
        printJSON(results: results, anchors: anchors)
        return
    }
    let paths = OpenSSLPath.allCases.filter { anchors[$0] != nil }
    var header = ["case", "Tessera", "min–max", "unit"]
    for p in paths { header += [p.title, "ratio"] }
    var rows: [[String]] = []
    var section = ""
    for (c, t) in results {
        if c.section != section {
            section = c.section
            rows.append(["## " + section])
        }
        let u = c.unit
        let lo = u.figure(u.higherIsBetter ? t.max : t.min)
        let hi = u.figure(u.higherIsBetter ? t.min : t.max)
        var row = [c.name, formatFigure(u.figure(t.median)), "\(formatFigure(lo))–\(formatFigure(hi))", u.label]
        for p in paths {
            if let name = c.anchor, let a = anchors[p]?[name] {
                let ratio = a.median / t.median
                row += [formatFigure(u.figure(a.median)), String(format: "%.2f×", ratio)]
            } else {
                row += ["–", ""]
            }
        }
        rows.append(row)
    }
    var widths = header.map(\.count)
    for r in rows where r.count == header.count {
        for (i, cell) in r.enumerated() { widths[i] = max(widths[i], cell.count) }
    }
    func line(_ cells: [String]) -> String {
        cells.enumerated().map { i, cell in
            i == 0 ? cell.padding(toLength: widths[i], withPad: " ", startingAt: 0)
                : String(repeating: " ", count: widths[i] - cell.count) + cell
        }.joined(separator: "  ")
    }
    print(line(header))
    for r in rows { print(r.count == header.count ? line(r) : "\n" + r[0]) }
    if !paths.isEmpty {
        print("\nratio = OpenSSL time / Tessera time (> 1: Tessera faster). OpenSSL is timed through Python's")
        print("`cryptography`/`hashlib`, so its small-message figures include Python's per-call overhead.")
    }
}

func printJSON(results: [(BenchCase, Timing)], anchors: [OpenSSLPath: [String: Timing]]) {
    var list: [[String: Any]] = []
    for (c, t) in results {
        let u = c.unit
        var entry: [String: Any] = [
            "section": c.section, "name": c.name, "unit": u.label,
            "median": u.figure(t.median), "min": u.figure(u.higherIsBetter ? t.max : t.min),
            "max": u.figure(u.higherIsBetter ? t.min : t.max), "samples": t.samples,
        ]
        for p in OpenSSLPath.allCases {
            if let name = c.anchor, let a = anchors[p]?[name] {
                entry[p == .software ? "openssl_software" : "openssl_plain_c"] = u.figure(a.median)
            }
        }
        list.append(entry)
    }
    let data = try! JSONSerialization.data(withJSONObject: list, options: [.prettyPrinted, .sortedKeys])
    print(String(decoding: data, as: UTF8.self))
}
