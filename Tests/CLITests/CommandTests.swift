// Every command of `tessera`, end to end: the built binary in a temporary folder.
import Foundation
import XCTest

final class CommandTests: XCTestCase {
    func testKeygenPrintsFreshHexKeys() throws {
        let box = try Sandbox()
        let a = try box.run(["keygen"]), b = try box.run(["keygen"])
        XCTAssertEqual(a.status, 0)
        XCTAssertTrue(a.out.hasSuffix("\n"))
        let key = a.out.dropLast()
        XCTAssertEqual(key.count, 64)
        XCTAssertTrue(key.allSatisfy { "0123456789abcdef".contains($0) })
        XCTAssertNotEqual(a.out, b.out)
        XCTAssertEqual(a.err, "")
    }

    func testHelpVersionAndCommandHelp() throws {
        let box = try Sandbox()
        let overview = try box.run(["--help"])
        XCTAssertEqual(overview.status, 0)
        let commands = ["keygen", "init", "set", "get", "list", "delete", "envs", "run", "export", "import",
                        "history", "rollback", "rotate", "doctor", "completion", "help"]
        for command in commands {
            XCTAssertTrue(overview.out.contains("\n  \(command) "), "overview lists \(command)")
            let viaHelp = try box.run(["help", command])
            let viaFlag = try box.run([command, "--help"])
            XCTAssertEqual(viaHelp.status, 0, command)
            XCTAssertEqual(viaFlag.status, 0, command)
            XCTAssertEqual(viaHelp.out, viaFlag.out, command)
            XCTAssertTrue(viaHelp.out.hasPrefix("usage: tessera \(command)"), viaHelp.out)
        }
        XCTAssertEqual(try box.run(["rm", "-h"]).out, try box.run(["help", "delete"]).out)
        XCTAssertEqual(try box.run(["help"]).out, overview.out)
        let version = try box.run(["--version"])
        XCTAssertEqual(version.status, 0)
        XCTAssertTrue(version.out.hasPrefix("tessera "))
        // Help needs no store and no key.
        XCTAssertFalse(FileManager.default.fileExists(atPath: box.storePath))
    }

    func testGlobalOptionsBeforeAfterCommandAndAfterArguments() throws {
        let box = try Sandbox.withStore()
        try FileManager.default.moveItem(atPath: box.storePath, toPath: box.directory + "/other.json")
        box.secrets.append(Array("one".utf8))
        box.secrets.append(Array("two".utf8))
        XCTAssertEqual(try box.run(["--store", "other.json", "--env", "prod", "set", "A"], stdin: Array("one".utf8)).status, 0)
        XCTAssertEqual(try box.run(["set", "--store", "other.json", "B", "--env=prod"], stdin: Array("two".utf8)).status, 0)
        XCTAssertEqual(try box.run(["get", "A", "--store=other.json", "--env", "prod"]).out, "one")
        XCTAssertEqual(try box.run(["--env", "prod", "get", "B"], env: ["TESSERA_STORE": "other.json"]).out, "two")
        // --store wins over TESSERA_STORE.
        assertError(try box.run(["get", "B", "--store", "missing.json"], env: ["TESSERA_STORE": "other.json"]), 1, "missing.json")
        // Key file given after the positional argument.
        try box.write("k", Array((box.environment["TESSERA_MASTER_KEY"]! + "\n").utf8))
        XCTAssertEqual(try box.run(["get", "A", "--env", "prod", "--key-file", "k", "--store", "other.json"],
                                   env: ["TESSERA_MASTER_KEY": ""]).out, "one")
    }

    func testInitGeneratesPrintsOnceAndRefusesToOverwrite() throws {
        let box = try Sandbox()
        let result = try box.run(["init"])
        XCTAssertEqual(result.status, 0)
        let lines = result.out.split(separator: "\n", omittingEmptySubsequences: false)
        XCTAssertEqual(lines.count, 2)
        XCTAssertEqual(lines[0].count, 64)
        XCTAssertTrue(result.err.contains("tessera: warning: "))
        XCTAssertFalse(contains(result.stderr, Array(lines[0].utf8)))
        var info = stat()
        XCTAssertEqual(stat(box.storePath, &info), 0)
        XCTAssertEqual(info.st_mode & 0o777, 0o600)

        let before = try box.storeBytes()
        assertError(try box.run(["init"]), 1, "already exists")
        assertError(try box.run(["init"], env: ["TESSERA_MASTER_KEY": String(lines[0])]), 1, "already exists")
        XCTAssertEqual(try box.storeBytes(), before)

        // A given key is used and not printed; an all-zero one is refused.
        let key = try box.run(["keygen"]).out
        let given = try box.run(["init", "--store", "given.json"], env: ["TESSERA_MASTER_KEY": String(key.dropLast())])
        XCTAssertEqual(given.status, 0, given.err)
        XCTAssertEqual(given.out, "")
        try box.write("zero.key", Array((String(repeating: "0", count: 64) + "\n").utf8))
        assertError(try box.run(["init", "--store", "zero.json", "--key-file", "zero.key"]), 4, "all-zero")
        XCTAssertFalse(FileManager.default.fileExists(atPath: box.directory + "/zero.json"))
        // Flag conflicts are refused with a hint.
        assertError(try box.run(["init", "--passphrase", "--key-file", "zero.key", "--store", "p.json"]), 2)
    }

    func testSetGetExactBytesAndFallback() throws {
        let box = try Sandbox.withStore()
        try box.set("DB_PASSWORD", "global-pw")
        try box.set("DB_PASSWORD", "prod-pw", env: "prod")
        try box.set("ONLY_GLOBAL", "g-only")
        XCTAssertEqual(try box.run(["get", "DB_PASSWORD"]).out, "global-pw")
        XCTAssertEqual(try box.run(["get", "DB_PASSWORD", "--env", "prod"]).out, "prod-pw")
        XCTAssertEqual(try box.run(["get", "ONLY_GLOBAL", "--env", "prod"]).out, "g-only")
        assertError(try box.run(["get", "ONLY_GLOBAL", "--env", "prod", "--no-fallback"]), 3, "ONLY_GLOBAL")

        // Standard input is taken verbatim: the trailing newline and binary bytes are kept.
        let pem = Array("-----BEGIN KEY-----\nAAAA\n-----END KEY-----\n".utf8)
        box.secrets.append(Array("AAAA".utf8))
        XCTAssertEqual(try box.run(["set", "TLS_KEY"], stdin: pem).status, 0)
        XCTAssertEqual(try box.run(["get", "TLS_KEY"]).stdout, pem)
        let binary: [UInt8] = [0, 1, 2, 0xff, 0xfe, 0x0a, 0x0d]
        XCTAssertEqual(try box.run(["set", "BLOB"], stdin: binary).status, 0)
        XCTAssertEqual(try box.run(["get", "BLOB"]).stdout, binary)
        XCTAssertEqual(try box.run(["set", "EMPTY"], stdin: []).status, 0)
        XCTAssertEqual(try box.run(["get", "EMPTY"]).stdout, [])

        // A value on the command line works, with a warning that does not repeat it.
        let argv = try box.run(["set", "FROM_ARGV", "argv-secret-value"])
        XCTAssertEqual(argv.status, 0)
        XCTAssertTrue(argv.err.contains("tessera: warning: "))
        XCTAssertFalse(argv.err.contains("argv-secret-value"))
        XCTAssertEqual(try box.run(["get", "FROM_ARGV"]).out, "argv-secret-value")

        // A description is kept on update unless replaced.
        XCTAssertEqual(try box.run(["set", "DESC", "--description", "the description"], stdin: Array("v1".utf8)).status, 0)
        XCTAssertEqual(try box.run(["set", "DESC"], stdin: Array("v2".utf8)).status, 0)
        XCTAssertTrue(try box.run(["list", "DESC"]).out.contains("the description"))
    }

    func testListTableJSONShowPatternAndNames() throws {
        let box = try Sandbox.withStore()
        try box.set("API_KEY", "api-global-value")
        try box.set("API_KEY", "api-prod-value", env: "prod")
        try box.set("DB_HOST", "db-host-value", env: "prod")
        XCTAssertEqual(try box.run(["set", "DB_HOST", "--env", "prod", "--description", "primary"], stdin: Array("db-host-value".utf8)).status, 0)

        let table = try box.run(["list"], env: ["TESSERA_MASTER_KEY": ""].filter { _ in false })
        XCTAssertEqual(table.status, 0)
        let rows = table.out.split(separator: "\n")
        XCTAssertEqual(rows.count, 4)
        XCTAssertTrue(rows[0].hasPrefix("KEY"))
        XCTAssertTrue(rows[3].hasPrefix("DB_HOST") && rows[3].contains("prod") && rows[3].contains("primary") && rows[3].contains(" 2 "))
        for secret in box.secrets { XCTAssertFalse(contains(table.stdout, secret)) }
        XCTAssertFalse(table.out.contains("api-"), "no prefix of a value")

        // Without any key: metadata only.
        var noKey = box.environment
        noKey["TESSERA_MASTER_KEY"] = nil
        let bare = try runProcess(tesseraBinary, ["list", "--json"], directory: box.directory, environment: noKey)
        XCTAssertEqual(bare.status, 0, bare.err)
        let objects = try JSONSerialization.jsonObject(with: Data(bare.stdout)) as! [[String: Any]]
        XCTAssertEqual(objects.count, 3)
        XCTAssertEqual(Set(objects[0].keys), ["key", "env", "description", "created", "updated", "version"])
        XCTAssertEqual(objects.map { $0["key"] as! String }, ["API_KEY", "API_KEY", "DB_HOST"])
        XCTAssertEqual(objects.map { $0["env"] as! String }, ["global", "prod", "prod"])
        XCTAssertEqual(objects[2]["version"] as? Int, 2)
        XCTAssertTrue((objects[2]["updated"] as! String).hasSuffix("Z"))

        let show = try box.run(["list", "--json", "--show", "--env", "prod"])
        let shown = try JSONSerialization.jsonObject(with: Data(show.stdout)) as! [[String: Any]]
        XCTAssertEqual(shown.map { $0["value"] as! String }, ["api-prod-value", "db-host-value"])
        XCTAssertTrue(try box.run(["list", "--show"]).out.contains("api-global-value"))
        assertError(try runProcess(tesseraBinary, ["list", "--show"], directory: box.directory, environment: noKey), 4)

        XCTAssertEqual(try box.run(["list", "API_*", "--names"]).out, "API_KEY\n")
        XCTAssertEqual(try box.run(["list", "?B_HOS?", "--names"]).out, "DB_HOST\n")
        XCTAssertEqual(try box.run(["list", "--env", "global", "--names"]).out, "API_KEY\n")
        XCTAssertEqual(try box.run(["list", "--env", "nowhere", "--json"]).out, "[]\n")
    }

    func testDeleteAndRmAlias() throws {
        let box = try Sandbox.withStore()
        try box.set("A", "a-global")
        try box.set("A", "a-prod", env: "prod")
        XCTAssertEqual(try box.run(["delete", "A", "--env", "prod"]).status, 0)
        XCTAssertEqual(try box.run(["get", "A", "--env", "prod"]).out, "a-global", "global untouched, fallback again")
        assertError(try box.run(["rm", "A", "--env", "prod"]), 3)
        XCTAssertEqual(try box.run(["rm", "A"]).status, 0)
        assertError(try box.run(["get", "A"]), 3)
    }

    func testEnvsCountsAndKeys() throws {
        let box = try Sandbox.withStore()
        try box.set("A", "value-a")
        try box.set("B", "value-b")
        try box.set("A", "value-a-dev", env: "dev")
        let prodKey = String(try box.run(["keygen"]).out.dropLast())
        box.secrets.append(Array(prodKey.utf8))
        box.secrets.append(Array("prod-only".utf8))
        XCTAssertEqual(try box.run(["set", "A", "--env", "prod"], stdin: Array("prod-only".utf8),
                                   env: ["TESSERA_MASTER_KEY_PROD": prodKey]).status, 0)
        let envs = try box.run(["envs"])
        XCTAssertEqual(envs.status, 0)
        let rows = envs.out.split(separator: "\n").map { $0.split(separator: " ", omittingEmptySubsequences: true).joined(separator: " ") }
        XCTAssertEqual(rows, ["ENV SECRETS KEY OPENS", "dev 1 master yes", "global * 2 master yes",
                              "prod 1 own (TESSERA_MASTER_KEY_PROD) no key"])
        let withProd = try box.run(["envs"], env: ["TESSERA_MASTER_KEY_PROD": prodKey])
        let prodRow = withProd.out.split(separator: "\n").last!.split(separator: " ").joined(separator: " ")
        XCTAssertEqual(prodRow, "prod 1 own (TESSERA_MASTER_KEY_PROD) yes")
        XCTAssertEqual(try box.run(["envs", "--names"]).out, "dev\nglobal\nprod\n")
        // Wrong keys are reported in the table, not as a failure.
        let otherKey = String(try box.run(["keygen"]).out.dropLast())
        let wrong = try box.run(["envs"], env: ["TESSERA_MASTER_KEY": otherKey, "TESSERA_MASTER_KEY_PROD": otherKey])
        XCTAssertEqual(wrong.status, 0, wrong.err)
        let wrongRows = wrong.out.split(separator: "\n").map { $0.split(separator: " ").joined(separator: " ") }
        XCTAssertEqual(wrongRows, ["ENV SECRETS KEY OPENS", "dev 1 master wrong key", "global * 2 master wrong key",
                                   "prod 1 own (TESSERA_MASTER_KEY_PROD) wrong key"])
        // The master key alone does not open prod.
        assertError(try box.run(["get", "A", "--env", "prod", "--no-fallback"]), 4, "TESSERA_MASTER_KEY_PROD")
        XCTAssertEqual(try box.run(["get", "A", "--env", "prod"], env: ["TESSERA_MASTER_KEY_PROD": prodKey]).out, "prod-only")
    }

    func testHistoryAndRollback() throws {
        let box = try Sandbox.withStore()
        for v in ["first-value", "second-value", "third-value"] { try box.set("TOKEN", v) }
        let history = try box.run(["history", "TOKEN"])
        XCTAssertEqual(history.status, 0)
        let rows = history.out.split(separator: "\n")
        XCTAssertEqual(rows.count, 4)
        XCTAssertTrue(rows[1].hasPrefix("3 ") && rows[1].contains("*"))
        XCTAssertFalse(history.out.contains("-value"))
        XCTAssertTrue(try box.run(["history", "TOKEN", "--show"]).out.contains("second-value"))

        XCTAssertEqual(try box.run(["rollback", "TOKEN", "1"]).status, 0)
        XCTAssertEqual(try box.run(["get", "TOKEN"]).out, "first-value")
        let after = try box.run(["history", "TOKEN", "--show"]).out
        XCTAssertTrue(after.contains("third-value"), "later versions stay reachable")
        XCTAssertTrue(after.split(separator: "\n")[1].hasPrefix("4 "))
        XCTAssertEqual(try box.run(["rollback", "TOKEN", "3"]).status, 0)
        XCTAssertEqual(try box.run(["get", "TOKEN"]).out, "third-value")

        // Reads that never need the key work without it.
        var noKey = box.environment
        noKey["TESSERA_MASTER_KEY"] = nil
        let bare = try runProcess(tesseraBinary, ["history", "TOKEN"], directory: box.directory, environment: noKey)
        XCTAssertEqual(bare.status, 0, bare.err)
        XCTAssertEqual(bare.out.split(separator: "\n").count, 6)
        let bareEnvs = try runProcess(tesseraBinary, ["envs"], directory: box.directory, environment: noKey)
        XCTAssertEqual(bareEnvs.status, 0, bareEnvs.err)
        XCTAssertTrue(bareEnvs.out.contains("no key"))
        assertError(try runProcess(tesseraBinary, ["history", "TOKEN", "--show"], directory: box.directory, environment: noKey), 4)

        assertError(try box.run(["history", "NOPE"]), 3)
        assertError(try box.run(["rollback", "NOPE", "1"]), 3)
        assertError(try box.run(["rollback", "TOKEN", "99"]), 3)
        assertError(try box.run(["rollback", "TOKEN", "x"]), 2)
    }

    func testRotateMasterKeyAndEnvironmentKey() throws {
        let box = try Sandbox.withStore()
        try box.set("A", "alpha-value")
        try box.set("B", "beta-value", env: "prod")
        let oldKey = box.environment["TESSERA_MASTER_KEY"]!
        let rotated = try box.run(["rotate"])
        XCTAssertEqual(rotated.status, 0, rotated.err)
        let newKey = String(rotated.out.dropLast())
        XCTAssertEqual(newKey.count, 64)
        XCTAssertNotEqual(newKey, oldKey)
        XCTAssertFalse(rotated.err.contains(newKey))
        assertError(try box.run(["get", "A"]), 4)
        box.environment["TESSERA_MASTER_KEY"] = newKey
        box.secrets.append(Array(newKey.utf8))
        XCTAssertEqual(try box.run(["get", "A"]).out, "alpha-value")
        XCTAssertEqual(try box.run(["get", "B", "--env", "prod"]).out, "beta-value")

        let envRotated = try box.run(["rotate", "--env", "prod"])
        XCTAssertEqual(envRotated.status, 0, envRotated.err)
        let prodKey = String(envRotated.out.dropLast())
        XCTAssertEqual(prodKey.count, 64)
        box.secrets.append(Array(prodKey.utf8))
        assertError(try box.run(["get", "B", "--env", "prod"]), 4)
        XCTAssertEqual(try box.run(["get", "B", "--env", "prod"], env: ["TESSERA_MASTER_KEY_PROD": prodKey]).out, "beta-value")
        XCTAssertEqual(try box.run(["get", "A"]).out, "alpha-value")
        assertError(try box.run(["rotate", "--env", "prod", "--passphrase"]), 2)
    }

    func testDoctor() throws {
        let box = try Sandbox.withStore()
        try box.set("A", "alpha-value")
        try box.set("A", "alpha-prod", env: "prod")
        let healthy = try box.run(["doctor"])
        XCTAssertEqual(healthy.status, 0, healthy.out + healthy.err)
        XCTAssertFalse(healthy.out.contains("FAIL"))
        XCTAssertTrue(healthy.out.contains("integrity verified"))

        var noKey = box.environment
        noKey["TESSERA_MASTER_KEY"] = nil
        let keyless = try runProcess(tesseraBinary, ["doctor"], directory: box.directory, environment: noKey)
        XCTAssertEqual(keyless.status, 0, keyless.out)
        XCTAssertTrue(keyless.out.contains("skip  key check"), keyless.out)

        chmod(box.storePath, 0o644)
        let loose = try box.run(["doctor"])
        XCTAssertEqual(loose.status, 1)
        XCTAssertTrue(loose.out.contains("FAIL  file mode 0644"))
        chmod(box.storePath, 0o600)

        let zero = try box.run(["doctor"], env: ["TESSERA_MASTER_KEY": String(repeating: "0", count: 64)])
        XCTAssertEqual(zero.status, 4)
        XCTAssertTrue(zero.out.contains("all zero"))
        let zeroGet = try box.run(["get", "A"], env: ["TESSERA_MASTER_KEY": String(repeating: "0", count: 64)])
        assertError(zeroGet, 4, "wrong master key")
        XCTAssertTrue(zeroGet.err.contains("tessera: warning: the master key is all zero"))
        let weak = try box.run(["doctor"], env: ["TESSERA_MASTER_KEY": String(repeating: "ab", count: 32)])
        XCTAssertEqual(weak.status, 4)
        let wrong = try box.run(["doctor"], env: ["TESSERA_MASTER_KEY": String(try box.run(["keygen"]).out.dropLast())])
        XCTAssertEqual(wrong.status, 4)

        try box.write(".secrets.tessera.json.tmp-1-abcdef", [0x7b])
        let leftovers = try box.run(["doctor"])
        XCTAssertEqual(leftovers.status, 1, leftovers.out)
        XCTAssertTrue(leftovers.out.contains("leftover"))
        try FileManager.default.removeItem(atPath: box.directory + "/.secrets.tessera.json.tmp-1-abcdef")

        var text = String(decoding: try box.storeBytes(), as: UTF8.self)
        text = text.replacingOccurrences(of: "\"description\": \"\"", with: "\"description\": \"edited\"")
        try box.write("secrets.tessera.json", Array(text.utf8))
        let tampered = try box.run(["doctor"])
        XCTAssertEqual(tampered.status, 5, tampered.out)
        XCTAssertTrue(tampered.out.contains("FAIL"))
    }

    func testCompletionScripts() throws {
        let box = try Sandbox.withStore()
        try box.set("API_KEY", "completion-value")
        let bash = try box.run(["completion", "bash"])
        XCTAssertEqual(bash.status, 0)
        try box.write("c.bash", bash.stdout)
        // Complete "tessera ge" and "tessera get A" with the generated function.
        let script = """
            export PATH="\((tesseraBinary as NSString).deletingLastPathComponent):$PATH"
            source ./c.bash
            COMP_WORDS=(tessera ge); COMP_CWORD=1; _tessera; echo "${COMPREPLY[*]}"
            COMP_WORDS=(tessera get A); COMP_CWORD=2; _tessera; echo "${COMPREPLY[*]}"
            COMP_WORDS=(tessera export --format j); COMP_CWORD=3; _tessera; echo "${COMPREPLY[*]}"
            COMP_WORDS=(tessera list --j); COMP_CWORD=2; _tessera; echo "${COMPREPLY[*]}"
            """
        let result = try runProcess("/bin/bash", ["-c", script], directory: box.directory, environment: box.environment)
        XCTAssertEqual(result.status, 0, result.err)
        XCTAssertEqual(result.out, "get\nAPI_KEY\njson\n--json\n")
        let zsh = try box.run(["completion", "zsh"])
        XCTAssertEqual(zsh.status, 0)
        XCTAssertTrue(zsh.out.hasPrefix("#compdef tessera"))
        if FileManager.default.isExecutableFile(atPath: "/usr/bin/zsh") {
            try box.write("_tessera", zsh.stdout)
            XCTAssertEqual(try runProcess("/usr/bin/zsh", ["-n", "_tessera"], directory: box.directory).status, 0)
        }
        assertError(try box.run(["completion", "fish"]), 2)
    }
}
