// Export quoting and import parsing, in process: every nasty value written as shell, dotenv and
// JSON is read back exactly by `tessera import`'s parsers, and the shell forms by /bin/sh (dash
// here: no $'...'). The end-to-end versions through the binary are in ExportImportTests.
import XCTest
import TesseraCLI
import TesseraSecretStore

/// Values that break naive quoting.
let nastyValues: [[UInt8]] = [
    [],
    Array("plain".utf8),
    Array("with space".utf8),
    Array("it's".utf8),
    Array("'".utf8),
    Array("''".utf8),
    Array("'\\''".utf8),
    Array("double \" quote".utf8),
    Array("$HOME ${HOME} $(id) `id`".utf8),
    Array("back\\slash\\".utf8),
    Array("\\n is not a newline".utf8),
    Array("line1\nline2\n".utf8),
    Array("\n".utf8),
    Array("tab\there\r\n".utf8),
    Array("# not a comment".utf8),
    Array("value # with hash".utf8),
    Array("=;&|<>(){}[]*?!~".utf8),
    Array("it's $HOME and \"quoted\" \\ `x`".utf8),
    Array("unicode: é 日本 🔑".utf8),
    [0x01, 0x1b, 0x5b, 0x33, 0x31, 0x6d, 0x7f],
    Array("-----BEGIN KEY-----\nMIIB\n-----END KEY-----\n".utf8),
]

/// Non-UTF-8 values: shell and dotenv carry them, JSON refuses them.
let binaryValues: [[UInt8]] = [[0xff, 0xfe, 0x80], [0xc3, 0x28, 0x27]]

func pairs(_ values: [[UInt8]]) -> [(key: String, value: [UInt8])] {
    values.enumerated().map { (key: "K\($0.offset)", value: $0.element) }
}

final class FormatTests: XCTestCase {
    func testEnvironmentVariableNames() {
        for good in ["A", "_", "API_KEY", "a1", "_9"] { XCTAssertTrue(isEnvironmentVariableName(good), good) }
        for bad in ["", "1A", "A-B", "a.b", "db/password", "A B", "É"] { XCTAssertFalse(isEnvironmentVariableName(bad), bad) }
    }

    func testShellQuoting() {
        XCTAssertEqual(shellQuoted(Array("it's".utf8)), Array("'it'\\''s'".utf8))
        XCTAssertEqual(shellQuoted([]), Array("''".utf8))
        XCTAssertEqual(dotenvQuoted(Array("it's".utf8)).bytes, Array("\"it's\"".utf8))
        XCTAssertFalse(dotenvQuoted(Array("it's".utf8)).needsWarning)
        XCTAssertTrue(dotenvQuoted(Array("it's $x".utf8)).needsWarning)
        XCTAssertEqual(jsonQuoted(Array("a\"b\\c\n\u{1}".utf8)), Array("\"a\\\"b\\\\c\\n\\u0001\"".utf8))
        XCTAssertNil(jsonQuoted([0xff]))
    }

    func testRoundTripThroughImportParsers() throws {
        var count = 0
        for format in SecretFormat.allCases {
            let values = format == .json ? nastyValues : nastyValues + binaryValues
            let input = pairs(values)
            let output = try renderExport(input, format: format).output
            let parsed = format == .json ? try parseJSONObject(output) : try parseDotenv(output)
            XCTAssertEqual(parsed.map(\.key), input.map(\.key), "\(format)")
            for (a, b) in zip(parsed, input) {
                XCTAssertEqual(a.value, b.value, "\(format) \(b.key)")
                count += 1
            }
        }
        print("import round-trip values: \(count)")
        XCTAssertGreaterThan(count, 60)
    }

    func testRoundTripThroughPOSIXShell() throws {
        // `eval` of the shell form and `.` of the dotenv form, then each variable written back
        // with printf into its own file, compared byte for byte.
        for format in [SecretFormat.shell, .dotenv] {
            let input = pairs(nastyValues + binaryValues)
            let output = try renderExport(input, format: format).output
            let dir = try temporaryDirectory()
            defer { try? FileManager.default.removeItem(atPath: dir) }
            let file = dir + "/exported"
            try Data(output).write(to: URL(fileURLWithPath: file))
            var script = format == .shell ? "eval \"$(cat exported)\"\n" : ". ./exported\n"
            for (key, _) in input { script += "printf '%s' \"$\(key)\" > out.\(key)\n" }
            let status = try runProcess("/bin/sh", ["-c", script], directory: dir).status
            XCTAssertEqual(status, 0)
            for (key, value) in input {
                let back = try Data(contentsOf: URL(fileURLWithPath: dir + "/out." + key))
                XCTAssertEqual(Array(back), value, "\(format) \(key) through /bin/sh")
            }
        }
    }

    func testJSONIsValidForPython() throws {
        let input = pairs(nastyValues)
        let output = try renderExport(input, format: .json).output
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try Data(output).write(to: URL(fileURLWithPath: dir + "/e.json"))
        let script = """
            import json, sys
            d = json.load(open('e.json', encoding='utf-8'))
            sys.stdout.buffer.write(b''.join(d[k].encode() + b'\\0' for k in sorted(d, key=lambda k: int(k[1:]))))
            """
        let result = try runProcess("/usr/bin/env", ["python3", "-c", script], directory: dir)
        XCTAssertEqual(result.status, 0)
        let parts = result.stdout.split(separator: 0, omittingEmptySubsequences: false).dropLast().map(Array.init)
        XCTAssertEqual(parts, nastyValues)
    }

    func testNULIsRefusedByShellFormats() {
        for format in [SecretFormat.shell, .dotenv] {
            XCTAssertThrowsError(try renderExport([(key: "A", value: [0x61, 0, 0x62])], format: format)) { error in
                let error = error as? CLIError
                XCTAssertEqual(error?.code, .failure)
                XCTAssertEqual(error?.message.contains("A"), true)
            }
        }
        XCTAssertNoThrow(try renderExport([(key: "A", value: [0x61, 0, 0x62])], format: .json))
    }

    func testInvalidNamesAreSkippedWithAWarning() throws {
        let (output, warnings) = try renderExport([(key: "db/password", value: Array("x".utf8)), (key: "OK", value: Array("y".utf8))], format: .shell)
        XCTAssertEqual(String(decoding: output, as: UTF8.self), "export OK='y'\n")
        XCTAssertEqual(warnings.map(\.key), ["db/password"])
    }

    func testDotenvParserOnHandWrittenFiles() throws {
        let text = """
            # a comment
            export A=1
            B = no
            """
        XCTAssertThrowsError(try parseDotenv(Array(text.utf8)))  // "B = no" is not NAME=VALUE
        let good = """
            # comment

            export A=1
            B=two words  # trailing comment
            C="x\\"y\\$z\\n"
            D='multi
            line'
            E=a\\ b
            F=
            G=#not-a-comment
            """
        let parsed = try parseDotenv(Array(good.utf8))
        XCTAssertEqual(parsed.map(\.key), ["A", "B", "C", "D", "E", "F", "G"])
        XCTAssertEqual(parsed.map { String(decoding: $0.value, as: UTF8.self) },
                       ["1", "two words", "x\"y$z\\n", "multi\nline", "a b", "", "#not-a-comment"])
        XCTAssertThrowsError(try parseDotenv(Array("A='open".utf8))) { error in
            XCTAssertEqual((error as? ImportParseError)?.line, 1)
        }
    }

    func testJSONParserErrors() throws {
        XCTAssertEqual(try parseJSONObject(Array("{}".utf8)).count, 0)
        XCTAssertEqual(try parseJSONObject(Array(#"{"A":"\ud83d\udd11\u00e9"}"#.utf8)).first?.value, Array("🔑é".utf8))
        for bad in ["", "[]", "{", #"{"A":1}"#, #"{"A":"x",}"#, #"{"A":"x"} x"#, #"{"A":"\ud83d"}"#, "{\"A\":\"a\nb\"}"] {
            XCTAssertThrowsError(try parseJSONObject(Array(bad.utf8)), bad)
        }
    }

    func testTableEscapesValues() {
        XCTAssertEqual(escapedForTable(Array("a\nb\t\\".utf8)), "a\\nb\\t\\\\")
        XCTAssertEqual(escapedForTable([0xff, 0x41]), "\\xffA")
    }

    func testISO8601() {
        XCTAssertEqual(timestampString(unixSeconds: 0), "1970-01-01T00:00:00Z")
        XCTAssertEqual(timestampString(unixSeconds: 951_782_400), "2000-02-29T00:00:00Z")
        XCTAssertEqual(timestampString(unixSeconds: 1_795_450_481), "2026-11-23T16:14:41Z")
        XCTAssertEqual(timestampString(unixSeconds: 4_107_542_399), "2100-02-28T23:59:59Z")
        XCTAssertEqual(timestampString(unixSeconds: -1), "1969-12-31T23:59:59Z")
    }

    func testParsersNeverTrapOnRandomInput() {
        // Random inputs over an alphabet of the parsers' special bytes: every one is either
        // parsed or refused with a line number, never a trap.
        let alphabet = Array("AZ_az09=#'\"\\$` \t\n\r{}[]:,u\\dD8".utf8) + [0x00, 0xff, 0xc3]
        var rng = SystemRandomNumberGenerator()
        var parsed = 0, refused = 0
        for _ in 0..<3000 {
            let length = Int.random(in: 0..<40, using: &rng)
            let input = (0..<length).map { _ in alphabet.randomElement(using: &rng)! }
            for parse in [parseDotenv, parseJSONObject] as [([UInt8]) throws(ImportParseError) -> [(key: String, value: [UInt8])]] {
                do {
                    _ = try parse(input)
                    parsed += 1
                } catch {
                    XCTAssertGreaterThanOrEqual(error.line, 1)
                    refused += 1
                }
            }
        }
        print("random parser inputs: \(parsed) parsed, \(refused) refused")
        XCTAssertGreaterThan(parsed, 0)
        XCTAssertGreaterThan(refused, 0)
    }
}
