// Keys: environments sealed with their own key (real isolation), master-key and per-environment
// rotation in one atomic step, passphrase stores (scrypt with a cheap N for speed), and the
// integrity report.

import Foundation
import TesseraSecretStore
import Tessera
import XCTest

final class StoreKeysTests: XCTestCase {
    func testOwnKeyEnvironmentIsIsolatedFromTheMasterKey() throws {
        let path = try makeTemporaryFolder(self) + "/s.json"
        let admin = try SecretStore.create(at: path, credential: .masterKey(testKey()))
        try admin.set("SHARED", value: "global-shared")
        // An own key given for a new environment's name seals it with that key.
        let both = try SecretStore.open(at: path, credential: .masterKey(testKey()), environmentKeys: ["prod": otherKey()])
        try both.set("DB_PASSWORD", value: "prod-pw", environment: "prod")
        XCTAssertEqual(both.environments().map(\.keyKind), [.masterKey, .ownKey])
        // The master key alone cannot read prod, and does not fall back past it.
        let devHolder = try SecretStore.open(at: path, credential: .masterKey(testKey()))
        assertStoreError(try devHolder.get("DB_PASSWORD", environment: "prod")) { $0 == .environmentKeyRequired(environment: "prod") }
        assertStoreError(try devHolder.set("X", value: "y", environment: "prod")) { $0 == .environmentKeyRequired(environment: "prod") }
        XCTAssertEqual(devHolder.environments().map(\.isUnlocked), [true, false])
        // The prod key alone reads prod, not global.
        let prodHolder = try SecretStore.open(at: path, environmentKeys: ["prod": otherKey()])
        XCTAssertEqual(try prodHolder.string("DB_PASSWORD", environment: "prod"), "prod-pw")
        // An own-key environment never falls back to global (isolation from the master key).
        assertStoreError(try prodHolder.get("SHARED", environment: "prod")) { $0 == .notFound(key: "SHARED", environment: "prod") }
        try prodHolder.set("DB_PASSWORD", value: "prod-pw-2", environment: "prod")  // no master key needed
        XCTAssertEqual(try both.reloaded().string("DB_PASSWORD", environment: "prod"), "prod-pw-2")
        assertStoreError(try both.reloaded().string("SHARED", environment: "prod")) { $0 == .notFound(key: "SHARED", environment: "prod") }
        let report = devHolder.verifyIntegrity()
        XCTAssertEqual(report.manifest, .verified)
        XCTAssertEqual(report.environments.map(\.status), [.verified, .locked])
        XCTAssertTrue(report.isSound)
    }

    func testRotateMasterKeyReencryptsEverythingItSeals() throws {
        let path = try makeTemporaryFolder(self) + "/s.json"
        let store = try SecretStore.create(at: path, credential: .masterKey(testKey()))
        for i in 0..<20 { try store.set("K\(i)", value: "v\(i)", environment: i % 2 == 0 ? "global" : "dev") }
        try store.set("K0", value: "v0-new")
        try store.createEnvironment("prod", ownKey: otherKey())
        let prodBlock = try environmentBlock(path, "prod")
        let newKey = MasterKey.generate()
        try store.rotateMasterKey(to: .masterKey(newKey))
        assertStoreError(try SecretStore.open(at: path, credential: .masterKey(testKey()))) { $0 == .wrongMasterKey(environment: nil) }
        let reopened = try SecretStore.open(at: path, credential: .masterKey(newKey))
        for i in 1..<20 { XCTAssertEqual(try reopened.string("K\(i)", environment: i % 2 == 0 ? "global" : "dev", fallback: false), "v\(i)") }
        XCTAssertEqual(try reopened.string("K0"), "v0-new")
        XCTAssertEqual(String(decoding: try reopened.value(of: "K0", version: 1), as: UTF8.self), "v0")  // history re-sealed too
        XCTAssertEqual(try reopened.history("K0").map(\.version), [2, 1])
        XCTAssertEqual(try environmentBlock(path, "prod"), prodBlock)  // own-key environment untouched
        XCTAssertTrue(reopened.verifyIntegrity().isSound)
        // The same object keeps working with the new key.
        try store.set("AFTER", value: "rotation")
        XCTAssertEqual(try SecretStore.open(at: path, credential: .masterKey(newKey)).string("AFTER"), "rotation")
    }

    func testRotateOneEnvironmentKey() throws {
        let path = try makeTemporaryFolder(self) + "/s.json"
        let store = try SecretStore.create(at: path, credential: .masterKey(testKey()))
        try store.set("A", value: "prod-a", environment: "prod")
        try store.set("A", value: "prod-a2", environment: "prod")
        try store.set("G", value: "g")
        let globalBlock = try environmentBlock(path, "global")
        // master → own key
        let prodKey = MasterKey.generate()
        try store.rotateEnvironmentKey("prod", to: prodKey)
        XCTAssertEqual(try environmentBlock(path, "global"), globalBlock)
        assertStoreError(try SecretStore.open(at: path, credential: .masterKey(testKey())).get("A", environment: "prod")) {
            $0 == .environmentKeyRequired(environment: "prod")
        }
        let prodOnly = try SecretStore.open(at: path, environmentKeys: ["prod": prodKey])
        XCTAssertEqual(try prodOnly.string("A", environment: "prod"), "prod-a2")
        XCTAssertEqual(String(decoding: try prodOnly.value(of: "A", version: 1, environment: "prod"), as: UTF8.self), "prod-a")
        // own → new own key, with the prod key only
        let prodKey2 = MasterKey.generate()
        try prodOnly.rotateEnvironmentKey("prod", to: prodKey2)
        assertStoreError(try SecretStore.open(at: path, environmentKeys: ["prod": prodKey]).get("A", environment: "prod")) {
            $0 == .wrongMasterKey(environment: "prod")
        }
        // own → master needs the master key
        let prodOnly2 = try SecretStore.open(at: path, environmentKeys: ["prod": prodKey2])
        assertStoreError(try prodOnly2.rotateEnvironmentKey("prod", to: nil)) { $0 == .masterKeyRequired }
        let both = try SecretStore.open(at: path, credential: .masterKey(testKey()), environmentKeys: ["prod": prodKey2])
        try both.rotateEnvironmentKey("prod", to: nil)
        XCTAssertEqual(try SecretStore.open(at: path, credential: .masterKey(testKey())).string("A", environment: "prod"), "prod-a2")
        assertStoreError(try both.rotateEnvironmentKey("nope", to: nil)) { $0 == .environmentNotFound(environment: "nope") }
    }

    func testPassphraseStore() throws {
        let path = try makeTemporaryFolder(self) + "/s.json"
        let store = try SecretStore.create(at: path, credential: .passphrase("correct horse battery staple"), scrypt: .testing)
        try store.set("TOKEN", value: "t1")
        XCTAssertEqual(store.passphraseParameters, .testing)
        let reopened = try SecretStore.open(at: path, credential: .passphrase("correct horse battery staple"))
        XCTAssertEqual(try reopened.string("TOKEN"), "t1")
        assertStoreError(try SecretStore.open(at: path, credential: .passphrase("wrong horse"))) { $0 == .wrongMasterKey(environment: nil) }
        // New passphrase, new salt.
        let saltBefore = try kdfSalt(path)
        try reopened.rotateMasterKey(to: .passphrase("new passphrase"), scrypt: .testing)
        XCTAssertNotEqual(try kdfSalt(path), saltBefore)
        assertStoreError(try SecretStore.open(at: path, credential: .passphrase("correct horse battery staple"))) { $0.category == .key }
        XCTAssertEqual(try SecretStore.open(at: path, credential: .passphrase("new passphrase")).string("TOKEN"), "t1")
        // Passphrase → master key.
        try reopened.rotateMasterKey(to: .masterKey(testKey()))
        XCTAssertNil(try SecretStore.open(at: path, credential: .masterKey(testKey())).passphraseParameters)
        XCTAssertEqual(try SecretStore.open(at: path, credential: .masterKey(testKey())).string("TOKEN"), "t1")
        assertStoreError(try SecretStore.open(at: path, credential: .passphrase("new passphrase"))) {
            $0 == .credentialMismatch(storeUsesPassphrase: false)
        }
        assertStoreError(try SecretStore.create(at: path + "2", credential: .passphrase("p"),
                                                scrypt: ScryptParameters(costFactor: 1000, blockSize: 8, parallelism: 1))) {
            $0 == .invalidKDFParameters
        }
        XCTAssertFalse(FileManager.default.fileExists(atPath: path + "2"))
    }

    func testIntegrityReportFindsEachProblem() throws {
        let path = try makeTemporaryFolder(self) + "/s.json"
        let store = try SecretStore.create(at: path, credential: .masterKey(testKey()))
        try store.set("A", value: "a")
        try store.set("B", value: "b", environment: "dev")
        XCTAssertEqual(store.verifyIntegrity().environments.map(\.status), [.verified, .verified])
        var text = String(decoding: try fileBytes(path), as: UTF8.self)
        let dev = text.range(of: "\"dev\"")!
        let description = text.range(of: "\"description\": \"\"", range: dev.upperBound..<text.endIndex)!
        text.replaceSubrange(description, with: "\"description\": \"x\"")
        try writeFile(path, Data(text.utf8))
        let report = try SecretStore.open(at: path, credential: .masterKey(testKey())).verifyIntegrity()
        XCTAssertEqual(report.manifest, .verified)
        XCTAssertEqual(report.environments.map(\.name), ["dev", "global"])
        XCTAssertEqual(report.environments.map(\.status), [.tampered, .verified])
        XCTAssertFalse(report.isSound)
    }

    /// The text of one environment's block in the file.
    func environmentBlock(_ path: String, _ name: String) throws -> String {
        let json = try JSONSerialization.jsonObject(with: try fileBytes(path)) as! [String: Any]
        let block = (json["environments"] as! [String: Any])[name]!
        return String(decoding: try JSONSerialization.data(withJSONObject: block, options: [.sortedKeys]), as: UTF8.self)
    }

    func kdfSalt(_ path: String) throws -> String {
        let json = try JSONSerialization.jsonObject(with: try fileBytes(path)) as! [String: Any]
        return (json["kdf"] as! [String: Any])["salt"] as! String
    }
}

extension SecretStore {
    /// The store after `reload()`.
    func reloaded() throws -> SecretStore { try reload(); return self }
}
