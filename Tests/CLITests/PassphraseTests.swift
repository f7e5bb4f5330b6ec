// Passphrase stores without a terminal: TESSERA_PASSPHRASE, a wrong one (exit 4), no terminal to
// ask on (exit 4 with a hint), and rotation to a new passphrase from TESSERA_NEW_PASSPHRASE.
import Foundation
import XCTest

final class PassphraseTests: XCTestCase {
    func testPassphraseStoreLifecycle() throws {
        let box = try Sandbox()
        box.secrets += [Array("first passphrase".utf8), Array("second passphrase".utf8)]
        let created = try box.run(["init", "--passphrase"], env: ["TESSERA_PASSPHRASE": "first passphrase"])
        XCTAssertEqual(created.status, 0, created.err)
        XCTAssertEqual(created.out, "", "no key printed for a passphrase store")
        assertError(try box.run(["set", "TOKEN"], stdin: Array("pass-token-value".utf8)), 4, "terminal")
        box.environment["TESSERA_PASSPHRASE"] = "first passphrase"
        try box.set("TOKEN", "pass-token-value")
        XCTAssertEqual(try box.run(["get", "TOKEN"]).out, "pass-token-value")
        assertError(try box.run(["get", "TOKEN"], env: ["TESSERA_PASSPHRASE": "wrong passphrase"]), 4)
        var noPass = box.environment
        noPass["TESSERA_PASSPHRASE"] = nil
        assertError(try runProcess(tesseraBinary, ["get", "TOKEN"], directory: box.directory, environment: noPass), 4, "terminal")
        XCTAssertEqual(try runProcess(tesseraBinary, ["list", "--names"], directory: box.directory, environment: noPass).out, "TOKEN\n")

        let rotated = try box.run(["rotate", "--passphrase"], env: ["TESSERA_NEW_PASSPHRASE": "second passphrase"])
        XCTAssertEqual(rotated.status, 0, rotated.err)
        assertError(try box.run(["get", "TOKEN"]), 4)
        XCTAssertEqual(try box.run(["get", "TOKEN"], env: ["TESSERA_PASSPHRASE": "second passphrase"]).out, "pass-token-value")
        let doctor = try box.run(["doctor"], env: ["TESSERA_PASSPHRASE": "second passphrase"])
        XCTAssertEqual(doctor.status, 0, doctor.out)
        XCTAssertTrue(doctor.out.contains("scrypt N=2^17, r=8, p=1"), doctor.out)
    }
}
