// An environment sealed with its own key is protected from the master-key holder: a reader
// holding the environment's key refuses a copy of the environment rewritten under the master key
// or deleted, and never falls back to the default environment (whose values the master-key
// holder controls).

import Foundation
import TesseraSecretStore
import Tessera
import XCTest

final class StoreOwnKeyIsolationTests: XCTestCase {
    /// A store with global (master key) holding SHARED and BASH_ENV, and prod (own key) holding DB.
    func makeStore() throws -> String {
        let path = try makeTemporaryFolder(self) + "/s.json"
        let admin = try SecretStore.create(at: path, credential: .masterKey(testKey()))
        try admin.set("SHARED", value: "global-shared")
        try admin.set("BASH_ENV", value: "/tmp/evil.sh")
        try admin.createEnvironment("prod", ownKey: otherKey())
        try SecretStore.open(at: path, environmentKeys: ["prod": otherKey()]).set("DB", value: "prod-db", environment: "prod")
        return path
    }

    // The master-key holder can write any file whose manifest verifies under M: here, files
    // that M alone produced (one without prod, one with prod sealed under M) stand for their
    // rewrite of the current file.
    func testMasterKeyHolderCannotReplaceAnOwnKeyEnvironment() throws {
        let path = try makeTemporaryFolder(self) + "/s.json"
        let admin = try SecretStore.create(at: path, credential: .masterKey(testKey()))
        try admin.set("SHARED", value: "global-shared")
        let withoutProd = try fileBytes(path)
        try admin.set("DB", value: "attacker-db", environment: "prod")
        let prodUnderMaster = try fileBytes(path)
        try admin.rotateEnvironmentKey("prod", to: otherKey())
        let prodReader = try SecretStore.open(at: path, environmentKeys: ["prod": otherKey()])
        XCTAssertEqual(try prodReader.string("DB", environment: "prod"), "attacker-db")

        // Deleted: no silent fallback to global.
        try writeFile(path, withoutProd)
        let deleted = try SecretStore.open(at: path, credential: .masterKey(testKey()), environmentKeys: ["prod": otherKey()])
        assertStoreError(try deleted.get("SHARED", environment: "prod")) { $0 == .ownKeyEnvironmentReplaced(environment: "prod") }
        assertStoreError(try deleted.resolveAll(environment: "prod")) { $0 == .ownKeyEnvironmentReplaced(environment: "prod") }
        assertStoreError(try deleted.value(of: "DB", version: 1, environment: "prod")) { $0 == .ownKeyEnvironmentReplaced(environment: "prod") }
        // Replaced by an environment sealed with the master key.
        try writeFile(path, prodUnderMaster)
        let replaced = try SecretStore.open(at: path, environmentKeys: ["prod": otherKey()])
        assertStoreError(try replaced.get("DB", environment: "prod")) { $0 == .ownKeyEnvironmentReplaced(environment: "prod") }
        assertStoreError(try replaced.resolveAll(environment: "prod")) { $0 == .ownKeyEnvironmentReplaced(environment: "prod") }
        assertStoreError(try replaced.set("DB", value: "x", environment: "prod")) { $0 == .ownKeyEnvironmentReplaced(environment: "prod") }
        XCTAssertEqual(try fileBytes(path), prodUnderMaster)
        XCTAssertEqual(SecretStoreError.ownKeyEnvironmentReplaced(environment: "prod").category, .corrupt)
    }

    func testOwnKeyEnvironmentNeverFallsBack() throws {
        let path = try makeStore()
        // Only the prod key: get and resolveAll work (no master key needed for global).
        let prodOnly = try SecretStore.open(at: path, environmentKeys: ["prod": otherKey()])
        XCTAssertEqual(try prodOnly.string("DB", environment: "prod"), "prod-db")
        XCTAssertEqual(try prodOnly.resolveAll(environment: "prod").map(\.metadata.key), ["DB"])
        assertStoreError(try prodOnly.get("SHARED", environment: "prod")) { $0 == .notFound(key: "SHARED", environment: "prod") }
        // Both keys: global's values (BASH_ENV) are still not injected into prod.
        let both = try SecretStore.open(at: path, credential: .masterKey(testKey()), environmentKeys: ["prod": otherKey()])
        XCTAssertEqual(try both.resolveAll(environment: "prod").map(\.metadata.key), ["DB"])
        assertStoreError(try both.get("BASH_ENV", environment: "prod")) { $0 == .notFound(key: "BASH_ENV", environment: "prod") }
        // A master-sealed environment still falls back, unless asked not to.
        try both.set("A", value: "dev-a", environment: "dev")
        XCTAssertEqual(try both.resolveAll(environment: "dev").map(\.metadata.key), ["A", "BASH_ENV", "SHARED"])
        XCTAssertEqual(try both.resolveAll(environment: "dev", fallback: false).map(\.metadata.key), ["A"])
    }
}
