// --env naming an environment that is not in the store (a typo) warns on standard error instead
// of silently serving the default environment's values; the commands keep working.
import Foundation
import XCTest

final class UnknownEnvironmentTests: XCTestCase {
    func testATypoInEnvWarns() throws {
        let box = try Sandbox.withStore()
        try box.set("DB", "global-db")
        try box.set("DB", "prod-db", env: "prod")
        let warning = "tessera: warning: environment 'prdo' does not exist; using 'global' values\n"
        for arguments in [["get", "DB"], ["export"], ["run", "--", "true"]] {
            let result = try box.run(["--env", "prdo"] + arguments)
            XCTAssertEqual(result.status, 0, "\(arguments): \(result.err)")
            XCTAssertEqual(result.err, warning, "\(arguments)")
        }
        XCTAssertEqual(try box.run(["get", "DB", "--env", "prdo"]).out, "global-db")
        for arguments in [["list"], ["history", "DB"]] {
            let result = try box.run(["--env", "prdo"] + arguments)
            XCTAssertTrue(result.err.hasPrefix("tessera: warning: environment 'prdo' does not exist\n"), "\(arguments): \(result.err)")
        }
        let noFallback = try box.run(["get", "DB", "--env", "prdo", "--no-fallback"])
        XCTAssertEqual(noFallback.status, 3)
        XCTAssertTrue(noFallback.err.hasPrefix("tessera: warning: environment 'prdo' does not exist\n"), noFallback.err)
        // Existing and default environments: no warning.
        for env in ["prod", "global"] {
            let result = try box.run(["get", "DB", "--env", env])
            XCTAssertEqual(result.status, 0)
            XCTAssertEqual(result.err, "", env)
        }
    }
}
