// benchmarks: Tessera's speed table, with OpenSSL's software paths measured in the same run.
//
//   swift run -c release benchmarks [--filter TEXT] [--runs N] [--json] [--no-anchors]
//
// --filter keeps the cases whose "section/name" contains TEXT (case-insensitive; repeatable).

import Foundation

struct Options {
    var filters: [String] = []
    var runs = 7
    var json = false
    var anchors = true
}

func parseOptions() -> Options {
    var options = Options()
    var args = CommandLine.arguments.dropFirst()[...]
    while let arg = args.popFirst() {
        switch arg {
        case "--filter": if let f = args.popFirst() { options.filters.append(f.lowercased()) }
        case "--runs": options.runs = max(3, Int(args.popFirst() ?? "") ?? options.runs)
        case "--json": options.json = true
        case "--no-anchors": options.anchors = false
        case "-h", "--help":
            print("usage: benchmarks [--filter TEXT]... [--runs N] [--json] [--no-anchors]")
            exit(0)
        default:
            FileHandle.standardError.write(Data("benchmarks: unknown option \(arg)\n".utf8))
            exit(2)
        }
    }
    return options
}

func progress(_ line: String) {
    FileHandle.standardError.write(Data((line + "\n").utf8))
}

let options = parseOptions()
let cases = allBenchmarkCases().filter { c in
    options.filters.isEmpty
        || options.filters.contains { "\(c.section)/\(c.name)".lowercased().contains($0) }
}

var results: [(BenchCase, Timing)] = []
for (i, c) in cases.enumerated() {
    progress("[\(i + 1)/\(cases.count)] \(c.section): \(c.name)")
    results.append((c, measure(runs: options.runs, c.body)))
}

var anchorTimings: [OpenSSLPath: [String: Timing]] = [:]
if options.anchors {
    let names = Array(Set(cases.compactMap(\.anchor))).sorted()
    for path in OpenSSLPath.allCases where !names.isEmpty {
        progress("OpenSSL anchors (\(path.title), OPENSSL_ia32cap=\(path.rawValue))")
        anchorTimings[path] = measureAnchors(names, path: path, runs: options.runs)
    }
}

printReport(results: results, anchors: anchorTimings, json: options.json)

// Reports that are not timings: printed after the table when their section ran.
if !options.json {
    let sections = Set(results.map { $0.0.section })
    if results.contains(where: { $0.0.name.hasPrefix("scrypt") }) {
        progress("scrypt peak memory")
        print("\n" + scryptPeakMemoryReport())
    }
    if sections.contains(where: { $0.lowercased() == "store" }) {
        progress("store scaling, 100 to 100,000 secrets")
        print("")
        storeScalingReport().forEach { print($0) }
    }
}
