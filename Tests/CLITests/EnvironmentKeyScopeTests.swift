// A wrong TESSERA_MASTER_KEY_<ENV> only matters to commands that use that environment; and two
// environment names that map to one variable (eu-west, eu_west) cannot both exist.
import Foundation
import XCTest

final class EnvironmentKeyScopeTests: XCTestCase {
    func testAWrongOwnKeyOnlyBreaksItsEnvironment() throws {
        let box = try Sandbox.withStore()
        try box.set("API", "global-api")
        try box.set("DB", "prod-db", env: "prod")
        XCTAssertEqual(try box.run(["rotate", "--env", "prod"]).status, 0)
        let wrong = ["TESSERA_MASTER_KEY_PROD": String(repeating: "ab", count: 32)]
        let get = try box.run(["get", "API"], env: wrong)
        XCTAssertEqual(get.status, 0, get.err)
        XCTAssertEqual(get.out, "global-api")
        XCTAssertEqual(try box.run(["set", "NEW", "--env", "dev"], stdin: Array("v".utf8), env: wrong).status, 0)
        var noKey = box.environment
        noKey["TESSERA_MASTER_KEY"] = nil
        let list = try runProcess(tesseraBinary, ["list"], directory: box.directory,
                                  environment: noKey.merging(wrong) { $1 })
        XCTAssertEqual(list.status, 0, list.err)
        XCTAssertTrue(list.out.contains("DB"), list.out)
        assertError(try box.run(["get", "DB", "--env", "prod"], env: wrong), 4, "wrong key for environment 'prod'")
        let envs = try box.run(["envs"], env: wrong)
        XCTAssertEqual(envs.status, 0, envs.err)
        XCTAssertTrue(envs.out.contains("wrong key"), envs.out)
    }

    func testEnvironmentNamesThatShareAVariableAreRefused() throws {
        let box = try Sandbox.withStore()
        try box.set("A", "1", env: "eu-west")
        let before = try box.storeBytes()
        let clash = try box.run(["set", "A", "--env", "eu_west"], stdin: Array("2".utf8))
        XCTAssertNotEqual(clash.status, 0)
        XCTAssertTrue(clash.err.contains("eu-west"), clash.err)
        XCTAssertEqual(try box.storeBytes(), before)
    }
}
