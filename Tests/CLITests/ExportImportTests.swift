// Export quoting through the binary: every format read back by /bin/sh (dash: no $'...') and by
// `tessera import`, byte for byte; import is all or nothing.
import Foundation
import XCTest

final class ExportImportTests: XCTestCase {
    /// Text values (JSON needs UTF-8) that break naive quoting.
    let values: [String] = [
        "plain", "with space", "it's", "'", "'\\''", "double \" quote", "$HOME ${HOME} $(id) `id`",
        "back\\slash\\", "line1\nline2\n", "tab\there\r\n", "# not a comment", "value # hash",
        "=;&|<>(){}[]*?!~", "it's $HOME and \"q\" \\ `x`", "unicode é 日本 🔑", "", "-----BEGIN-----\nAAAA\n",
    ]

    func makeStore() throws -> (Sandbox, [String: [UInt8]]) {
        let box = try Sandbox.withStore()
        var expected: [String: [UInt8]] = [:]
        for (i, value) in values.enumerated() {
            let key = "V\(i)"
            XCTAssertEqual(try box.run(["set", key, "--env", "src"], stdin: Array(value.utf8)).status, 0)
            expected[key] = Array(value.utf8)
        }
        XCTAssertEqual(try box.run(["set", "FALLBACK"], stdin: Array("from-global".utf8)).status, 0)
        expected["FALLBACK"] = Array("from-global".utf8)
        return (box, expected)
    }

    func testShellAndDotenvThroughPOSIXSh() throws {
        let (box, expected) = try makeStore()
        for (format, load) in [("shell", "eval \"$(cat exported)\""), ("dotenv", ". ./exported")] {
            let exported = try box.run(["export", "--format", format, "--env", "src"])
            XCTAssertEqual(exported.status, 0, exported.err)
            XCTAssertFalse(contains(exported.stdout, Array("$'".utf8)), "no $'...' quoting")
            try box.write("exported", exported.stdout)
            var script = load + "\n"
            for key in expected.keys { script += "printf '%s' \"$\(key)\" > out.\(key)\n" }
            let sh = try runProcess("/bin/sh", ["-c", script], directory: box.directory)
            XCTAssertEqual(sh.status, 0, sh.err)
            for (key, value) in expected {
                let back = Array(try Data(contentsOf: URL(fileURLWithPath: box.directory + "/out." + key)))
                XCTAssertEqual(back, value, "\(format) \(key)")
            }
        }
    }

    func testEveryFormatRoundTripsThroughImport() throws {
        let (box, expected) = try makeStore()
        for format in ["dotenv", "json", "shell"] {
            let exported = try box.run(["export", "--format", format, "--env", "src"])
            XCTAssertEqual(exported.status, 0, exported.err)
            let file = "exported." + (format == "json" ? "json" : "env")
            try box.write(file, exported.stdout)
            let target = "copy-" + format
            let imported = try box.run(["import", file, "--format", format, "--env", target])
            XCTAssertEqual(imported.status, 0, imported.err)
            for (key, value) in expected {
                XCTAssertEqual(try box.run(["get", key, "--env", target, "--no-fallback"]).stdout, value, "\(format) \(key)")
            }
        }
        // The format follows the file name when not given, and '-' reads standard input.
        let json = try box.run(["export", "--format", "json", "--env", "src"])
        try box.write("auto.json", json.stdout)
        XCTAssertEqual(try box.run(["import", "auto.json", "--env", "auto"]).status, 0)
        XCTAssertEqual(try box.run(["get", "V2", "--env", "auto", "--no-fallback"]).out, "it's")
        let dotenv = try box.run(["export", "--env", "src"])
        XCTAssertEqual(try box.run(["import", "-", "--env", "piped"], stdin: dotenv.stdout).status, 0)
        XCTAssertEqual(try box.run(["get", "V8", "--env", "piped", "--no-fallback"]).stdout, expected["V8"])
    }

    func testDotenvReadByPythonDotenv() throws {
        // A common dotenv parser reads every value export did not warn about exactly (run only
        // where python-dotenv is installed; the tests never install anything).
        let box0 = try Sandbox()
        let python = ["PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin", "HOME": box0.directory]
        guard try runProcess("/usr/bin/env", ["python3", "-c", "import dotenv"], directory: box0.directory,
                             environment: python).status == 0 else {
            print("python-dotenv not installed: dotenv-parser check skipped")
            return
        }
        let (box, expected) = try makeStore()
        let exported = try box.run(["export", "--env", "src"])
        XCTAssertEqual(exported.status, 0)
        try box.write(".env", exported.stdout)
        let warned = Set(exported.err.split(separator: "\n").compactMap { line -> String? in
            guard line.hasPrefix("tessera: warning: ") else { return nil }
            return String(line.dropFirst("tessera: warning: ".count).prefix { $0 != " " })
        })
        let script = """
            import json, sys
            from dotenv import dotenv_values
            out = {}
            for interpolate in (False, True):
                for k, v in dotenv_values(".env", interpolate=interpolate).items():
                    out[f"{k}/{interpolate}"] = None if v is None else v
            json.dump(out, sys.stdout)
            """
        let result = try runProcess("/usr/bin/env", ["python3", "-c", script], directory: box.directory, environment: python)
        XCTAssertEqual(result.status, 0, result.err)
        let read = try JSONSerialization.jsonObject(with: Data(result.stdout)) as! [String: Any]
        var checked = 0
        for (key, value) in expected where !warned.contains(key) {
            for interpolate in ["False", "True"] {
                XCTAssertEqual((read["\(key)/\(interpolate)"] as? String).map { Array($0.utf8) }, value,
                               "python-dotenv (interpolate=\(interpolate)) misread \(key)")
                checked += 1
            }
        }
        print("python-dotenv read \(checked / 2) values exactly; \(warned.count) warned about")
        XCTAssertGreaterThan(checked, 20)
        XCTAssertEqual(warned.sorted(), ["V13", "V4", "V6", "V7", "V9"])
    }

    func testJSONExportIsOneObject() throws {
        let (box, expected) = try makeStore()
        let exported = try box.run(["export", "--format", "json", "--env", "src"])
        let object = try JSONSerialization.jsonObject(with: Data(exported.stdout)) as! [String: String]
        XCTAssertEqual(object.count, expected.count)
        for (key, value) in expected { XCTAssertEqual(Array(object[key]!.utf8), value, key) }
    }

    func testImportIsAllOrNothing() throws {
        let box = try Sandbox.withStore()
        try box.set("KEEP", "keep-value")
        let before = try box.storeBytes()
        try box.write("bad-name.env", Array("GOOD=import-secret-1\nbad name=import-secret-2\n".utf8))
        assertError(try box.run(["import", "bad-name.env"]), 1, "line 2")
        try box.write("bad-key.json", Array(#"{"GOOD": "import-secret-1", "bad key!": "import-secret-2"}"#.utf8))
        assertError(try box.run(["import", "bad-key.json"]), 2)
        let big = String(repeating: "x", count: 5000)
        try box.write("big.env", Array("GOOD=import-secret-1\nBIG=\(big)\n".utf8))
        assertError(try box.run(["import", "big.env"]), 2)
        try box.write("syntax.json", Array(#"{"GOOD": "import-secret-1", "N": 5}"#.utf8))
        assertError(try box.run(["import", "syntax.json"]), 1)
        assertError(try box.run(["import", "missing.env"]), 1)
        XCTAssertEqual(try box.storeBytes(), before, "a failed import leaves the store byte-for-byte unchanged")
        for result in [try box.run(["list"]), try box.run(["list", "--show"])] {
            XCTAssertFalse(result.out.contains("GOOD"))
        }
        for secret in ["import-secret-1", "import-secret-2"] { box.secrets.append(Array(secret.utf8)) }
    }

    func testExportRefusesWhatAFormatCannotHold() throws {
        let box = try Sandbox.withStore()
        XCTAssertEqual(try box.run(["set", "NUL"], stdin: [0x61, 0x00, 0x62]).status, 0)
        assertError(try box.run(["export", "--format", "shell"]), 1, "NUL")
        XCTAssertEqual(try box.run(["export", "--format", "json"]).out, "{\n  \"NUL\": \"a\\u0000b\"\n}\n")
        XCTAssertEqual(try box.run(["set", "NUL", "--env", "b"], stdin: [0xff]).status, 0)
        assertError(try box.run(["export", "--format", "json", "--env", "b"]), 1, "UTF-8")
        assertError(try box.run(["export", "--format", "yaml"]), 2, "yaml")
    }
}
