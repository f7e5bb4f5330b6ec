// `tessera run`: the resolved secrets in the child's environment, the child's exit status passed
// back, --no-override, skipped names, the key variables removed, and exec failures.
import Foundation
import XCTest

final class RunTests: XCTestCase {
    func testRunPassesEnvironmentAndExitStatus() throws {
        let box = try Sandbox.withStore()
        try box.set("DB_PASSWORD", "global-password")
        try box.set("DB_PASSWORD", "prod-password", env: "prod")
        try box.set("ONLY_GLOBAL", "only-global-value")
        try box.set("db/path", "not-a-variable-name")
        let script = #"printf '%s|%s|%s|%s' "$DB_PASSWORD" "$ONLY_GLOBAL" "${TESSERA_MASTER_KEY-unset}" "$1"; exit 7"#
        let result = try box.run(["run", "--env", "prod", "--", "sh", "-c", script, "sh", "--env"])
        XCTAssertEqual(result.status, 7, result.err)
        XCTAssertEqual(result.out, "prod-password|only-global-value|unset|--env")
        XCTAssertTrue(result.err.contains("tessera: warning: skipped db/path"), result.err)

        // The first positional starts the command too; global options before it still apply.
        let plain = try box.run(["run", "printenv", "DB_PASSWORD"])
        XCTAssertEqual(plain.status, 0)
        XCTAssertEqual(plain.out, "global-password\n")
    }

    func testNoOverrideKeepsExistingVariables() throws {
        let box = try Sandbox.withStore()
        try box.set("PRESET", "from-store")
        let overridden = try box.run(["run", "--", "printenv", "PRESET"], env: ["PRESET": "from-shell"])
        XCTAssertEqual(overridden.out, "from-store\n")
        let kept = try box.run(["run", "--no-override", "--", "printenv", "PRESET"], env: ["PRESET": "from-shell"])
        XCTAssertEqual(kept.out, "from-shell\n")
    }

    func testRunResolvesWhatGetResolves() throws {
        let box = try Sandbox.withStore()
        try box.set("A", "a-global")
        try box.set("B", "b-global")
        try box.set("B", "b-dev", env: "dev")
        try box.set("C", "c-dev", env: "dev")
        let env = try box.run(["run", "--env", "dev", "--", "sh", "-c", "printf '%s,%s,%s' \"$A\" \"$B\" \"$C\""])
        let gets = try ["A", "B", "C"].map { try box.run(["get", $0, "--env", "dev"]).out }
        XCTAssertEqual(env.out, gets.joined(separator: ","))
    }

    func testExecFailuresAndUsage() throws {
        let box = try Sandbox.withStore()
        assertError(try box.run(["run", "--", "no-such-command-tessera"]), 127, "not found")
        try box.write("notexec", Array("#!/bin/sh\n".utf8))
        assertError(try box.run(["run", "--", "./notexec"]), 126)
        assertError(try box.run(["run"]), 2, "COMMAND")
        // A wrong key fails before exec, with the key exit code.
        assertError(try box.run(["run", "--", "true"], env: ["TESSERA_MASTER_KEY": String(try box.run(["keygen"]).out.dropLast())]), 4)
    }
}
