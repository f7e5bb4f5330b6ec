// The CLI side of own-key isolation: a machine given only TESSERA_MASTER_KEY_PROD reads prod with
// get, run and export; prod never receives the default environment's values; --no-fallback does
// the same for other environments; a prod rewritten by a master-key holder is refused (exit 5).
import Foundation
import XCTest

final class OwnKeyIsolationCLITests: XCTestCase {
    /// global (master key) with SHARED and BASH_ENV; prod with its own key holding DB.
    func makeBox() throws -> (Sandbox, String) {
        let box = try Sandbox.withStore()
        try box.set("SHARED", "global-shared")
        try box.set("BASH_ENV", "/nonexistent/evil.sh")
        try box.set("DB", "prod-db", env: "prod")
        let rotated = try box.run(["rotate", "--env", "prod"])
        XCTAssertEqual(rotated.status, 0, rotated.err)
        let prodKey = rotated.out.trimmingCharacters(in: .newlines)
        box.secrets.append(Array(prodKey.utf8))
        return (box, prodKey)
    }

    func testProdKeyAloneServesGetRunExport() throws {
        let (box, prodKey) = try makeBox()
        box.environment["TESSERA_MASTER_KEY"] = nil  // a prod machine: the prod key only
        let get = try box.run(["get", "DB", "--env", "prod"], env: ["TESSERA_MASTER_KEY_PROD": prodKey])
        XCTAssertEqual(get.status, 0, get.err)
        XCTAssertEqual(get.out, "prod-db")
        let export = try box.run(["export", "--env", "prod"], env: ["TESSERA_MASTER_KEY_PROD": prodKey])
        XCTAssertEqual(export.status, 0, export.err)
        XCTAssertEqual(export.out, "DB='prod-db'\n")
        let run = try box.run(["run", "--env", "prod", "--", "sh", "-c", "echo \"$DB|${SHARED-unset}|${BASH_ENV-unset}\""],
                              env: ["TESSERA_MASTER_KEY_PROD": prodKey])
        XCTAssertEqual(run.status, 0, run.err)
        XCTAssertEqual(run.out, "prod-db|unset|unset\n")
    }

    func testProdNeverGetsGlobalValuesEvenWithBothKeys() throws {
        let (box, prodKey) = try makeBox()
        let run = try box.run(["run", "--env", "prod", "--", "sh", "-c", "echo \"$DB|${SHARED-unset}|${BASH_ENV-unset}\""],
                              env: ["TESSERA_MASTER_KEY_PROD": prodKey])
        XCTAssertEqual(run.status, 0, run.err)
        XCTAssertEqual(run.out, "prod-db|unset|unset\n")
        let get = try box.run(["get", "SHARED", "--env", "prod"], env: ["TESSERA_MASTER_KEY_PROD": prodKey])
        assertError(get, 3)
    }

    func testNoFallbackForRunAndExport() throws {
        let box = try Sandbox.withStore()
        try box.set("SHARED", "global-shared")
        try box.set("A", "dev-a", env: "dev")
        XCTAssertEqual(try box.run(["export", "--env", "dev"]).out, "A='dev-a'\nSHARED='global-shared'\n")
        let export = try box.run(["export", "--env", "dev", "--no-fallback"])
        XCTAssertEqual(export.status, 0, export.err)
        XCTAssertEqual(export.out, "A='dev-a'\n")
        let run = try box.run(["run", "--env", "dev", "--no-fallback", "--", "sh", "-c", "echo \"$A|${SHARED-unset}\""])
        XCTAssertEqual(run.status, 0, run.err)
        XCTAssertEqual(run.out, "dev-a|unset\n")
    }

    func testProdRewrittenUnderTheMasterKeyIsRefused() throws {
        let box = try Sandbox.withStore()
        try box.set("SHARED", "global-shared")
        let withoutProd = try box.storeBytes()
        try box.set("DB", "attacker-db", env: "prod")
        let prodUnderMaster = try box.storeBytes()
        let rotated = try box.run(["rotate", "--env", "prod"])
        XCTAssertEqual(rotated.status, 0, rotated.err)
        let prodKey = rotated.out.trimmingCharacters(in: .newlines)
        for (name, bytes) in [("deleted", withoutProd), ("replaced", prodUnderMaster)] {
            try Data(bytes).write(to: URL(fileURLWithPath: box.storePath))
            for arguments in [["get", "DB", "--env", "prod"], ["get", "SHARED", "--env", "prod"], ["export", "--env", "prod"],
                              ["run", "--env", "prod", "--", "true"]] {
                let result = try box.run(arguments, env: ["TESSERA_MASTER_KEY_PROD": prodKey])
                assertError(result, 5, "environment 'prod' is missing or sealed with the master key")
                XCTAssertEqual(result.out, "", "\(name) \(arguments)")
            }
        }
    }
}
