// The store's everyday behaviour: set/get with the environment → default fallback, isolation,
// the default-value form, delete, list, environments, history and rollback, UTF-8 helpers.

import Foundation
import TesseraSecretStore
import Tessera
import XCTest

final class StoreBasicsTests: XCTestCase {
    func makeStore(_ configuration: StoreConfiguration = StoreConfiguration()) throws -> (SecretStore, String) {
        let folder = try makeTemporaryFolder(self)
        let path = folder + "/secrets.tessera.json"
        return (try SecretStore.create(at: path, credential: .masterKey(testKey()), configuration: configuration), path)
    }

    func testSetGetFallbackAndOverride() throws {
        let (store, path) = try makeStore()
        try store.set("DATABASE_URL", value: "postgres://global", description: "main db")
        try store.set("DATABASE_URL", value: "postgres://prod", environment: "prod")
        try store.set("ONLY_GLOBAL", value: "g")
        XCTAssertEqual(try store.string("DATABASE_URL"), "postgres://global")
        XCTAssertEqual(try store.string("DATABASE_URL", environment: "prod"), "postgres://prod")
        XCTAssertEqual(try store.string("ONLY_GLOBAL", environment: "prod"), "g")
        let resolved = try store.secret("ONLY_GLOBAL", environment: "prod")
        XCTAssertTrue(resolved.isFallback)
        XCTAssertEqual(resolved.metadata.environment, "global")
        assertStoreError(try store.get("ONLY_GLOBAL", environment: "prod", fallback: false)) {
            $0 == .notFound(key: "ONLY_GLOBAL", environment: "prod")
        }
        assertStoreError(try store.get("MISSING", environment: "prod")) { $0 == .notFound(key: "MISSING", environment: "prod") }
        XCTAssertEqual(try store.get("MISSING", environment: "prod", default: Data("d".utf8)), Data("d".utf8))
        XCTAssertEqual(try store.get("ONLY_GLOBAL", environment: "prod", default: Data("d".utf8)), Data("g".utf8))

        // A second process's view: reopen from disk, with and without the key.
        let reopened = try SecretStore.open(at: path, credential: .masterKey(testKey()))
        XCTAssertEqual(try reopened.string("DATABASE_URL", environment: "prod"), "postgres://prod")
        let metadataOnly = try SecretStore.open(at: path)
        let listed = try metadataOnly.list()
        XCTAssertEqual(listed.map { "\($0.environment)/\($0.key)" }, ["global/DATABASE_URL", "global/ONLY_GLOBAL", "prod/DATABASE_URL"])
        XCTAssertEqual(listed[0].description, "main db")
        XCTAssertEqual(listed[0].version, 1)
        assertStoreError(try metadataOnly.get("DATABASE_URL")) { $0 == .masterKeyRequired }
        XCTAssertEqual(try metadataOnly.list(environment: "prod").count, 1)
        XCTAssertEqual(metadataOnly.environments().map(\.isUnlocked), [false, false])
        XCTAssertEqual(reopened.environments(), [
            EnvironmentSummary(name: "global", secretCount: 2, keyKind: .masterKey, isUnlocked: true),
            EnvironmentSummary(name: "prod", secretCount: 1, keyKind: .masterKey, isUnlocked: true),
        ])
    }

    func testResolveAllMatchesGet() throws {
        let (store, _) = try makeStore()
        try store.set("A", value: "global-a")
        try store.set("B", value: "global-b")
        try store.set("B", value: "dev-b", environment: "dev")
        try store.set("C", value: "dev-c", environment: "dev")
        let resolved = try store.resolveAll(environment: "dev")
        XCTAssertEqual(resolved.map(\.metadata.key), ["A", "B", "C"])
        for secret in resolved {
            XCTAssertEqual(secret.value, try store.get(secret.metadata.key, environment: "dev"))
        }
        XCTAssertEqual(resolved.map(\.isFallback), [true, false, false])
        XCTAssertEqual(try store.resolveAll(environment: "dev", fallback: false).map(\.metadata.key), ["B", "C"])
        XCTAssertEqual(try store.resolveAll(environment: "empty").map(\.metadata.key), ["A", "B"])
        XCTAssertEqual(try store.resolveAll().map { String(decoding: $0.value, as: UTF8.self) }, ["global-a", "global-b"])
    }

    func testIsolationAndConfiguredDefault() throws {
        var config = StoreConfiguration()
        config.isolatesEnvironments = true
        let (store, path) = try makeStore(config)
        try store.set("A", value: "global-a")
        assertStoreError(try store.get("A", environment: "dev")) { $0 == .notFound(key: "A", environment: "dev") }
        let shared = try SecretStore.open(at: path, credential: .masterKey(testKey()),
                                          configuration: StoreConfiguration(defaultEnvironment: "dev"))
        try shared.set("B", value: "dev-b")  // lands in dev, the configured default
        XCTAssertEqual(try shared.list(environment: "dev").map(\.key), ["B"])
        // With `dev` as the default, a lookup in staging falls back to dev, not to global.
        XCTAssertEqual(try shared.string("B", environment: "staging"), "dev-b")
        assertStoreError(try shared.get("A", environment: "staging")) { $0 == .notFound(key: "A", environment: "staging") }
    }

    func testBinaryValuesEmptyValueAndUTF8() throws {
        let (store, _) = try makeStore()
        let binary = Data((0...255).map { UInt8($0) })
        try store.set("BLOB", value: binary)
        XCTAssertEqual(try store.get("BLOB"), binary)
        assertStoreError(try store.string("BLOB")) { $0 == .valueNotUTF8(key: "BLOB", environment: "global") }
        try store.set("EMPTY", value: Data())
        XCTAssertEqual(try store.get("EMPTY"), Data())
        try store.set("TEXT", value: "héllo ✓\n")
        XCTAssertEqual(try store.string("TEXT"), "héllo ✓\n")
    }

    func testUpdateHistoryRollbackAndDelete() throws {
        var config = StoreConfiguration()
        config.historyDepth = 3
        let (store, path) = try makeStore(config)
        for i in 1...6 { try store.set("TOKEN", value: "v\(i)", environment: "dev", description: i == 1 ? "api token" : nil) }
        let meta = try store.list(environment: "dev")[0]
        XCTAssertEqual(meta.version, 6)
        XCTAssertEqual(meta.description, "api token")  // kept when not given
        XCTAssertEqual(try store.history("TOKEN", environment: "dev").map(\.version), [6, 5, 4, 3])
        XCTAssertEqual(try store.history("TOKEN", environment: "dev").map(\.isCurrent), [true, false, false, false])
        XCTAssertEqual(String(decoding: try store.value(of: "TOKEN", version: 4, environment: "dev"), as: UTF8.self), "v4")
        assertStoreError(try store.value(of: "TOKEN", version: 2, environment: "dev")) {
            $0 == .versionNotFound(key: "TOKEN", environment: "dev", version: 2)
        }
        let rolled = try store.rollback("TOKEN", to: 4, environment: "dev")
        XCTAssertEqual(rolled.version, 7)
        XCTAssertEqual(try store.string("TOKEN", environment: "dev"), "v4")
        XCTAssertEqual(try store.history("TOKEN", environment: "dev").map(\.version), [7, 6, 5, 4])
        // The rolled-back-over value stays reachable.
        XCTAssertEqual(String(decoding: try store.value(of: "TOKEN", version: 6, environment: "dev"), as: UTF8.self), "v6")
        // History is readable without the key (metadata only).
        XCTAssertEqual(try SecretStore.open(at: path).history("TOKEN", environment: "dev").count, 4)
        try store.delete("TOKEN", environment: "dev")
        assertStoreError(try store.get("TOKEN", environment: "dev")) { $0.category == .notFound }
        assertStoreError(try store.delete("TOKEN", environment: "dev")) { $0 == .notFound(key: "TOKEN", environment: "dev") }
        assertStoreError(try store.history("TOKEN", environment: "dev")) { $0.category == .notFound }
        XCTAssertEqual(store.environments().map(\.secretCount), [0])
    }

    func testTwoObjectsSeeEachOthersWritesAfterReload() throws {
        let (a, path) = try makeStore()
        let b = try SecretStore.open(at: path, credential: .masterKey(testKey()))
        try a.set("X", value: "1")
        try b.set("Y", value: "2")  // b re-reads under the lock: X survives
        try a.reload()
        XCTAssertEqual(try a.string("X"), "1")
        XCTAssertEqual(try a.string("Y"), "2")
    }

    func testSetManyIsAllOrNothing() throws {
        let (store, path) = try makeStore()
        try store.set("KEEP", value: "old", environment: "dev", description: "kept")
        let before = try fileBytes(path)
        assertStoreError(try store.setMany([("A", Data("1".utf8)), ("bad key", Data("2".utf8))], environment: "dev")) {
            $0 == .invalidKeyName(.invalidCharacter(offset: 3))
        }
        assertStoreError(try store.setMany([("A", Data("1".utf8)), ("B", Data(count: 5000))], environment: "dev")) {
            $0 == .valueTooLarge(byteCount: 5000, limit: 4096)
        }
        XCTAssertEqual(try fileBytes(path), before)
        let written = try store.setMany([("A", Data("1".utf8)), ("KEEP", Data("new".utf8)), ("A", Data("1b".utf8))], environment: "dev")
        XCTAssertEqual(written.map(\.version), [1, 2, 2])
        XCTAssertEqual(try store.string("A", environment: "dev"), "1b")
        XCTAssertEqual(try store.string("KEEP", environment: "dev"), "new")
        XCTAssertEqual(try store.list(environment: "dev").first { $0.key == "KEEP" }?.description, "kept")
        XCTAssertTrue(try SecretStore.open(at: path, credential: .masterKey(testKey())).verifyIntegrity().isSound)
    }

    func testCreateRefusesToOverwrite() throws {
        let (_, path) = try makeStore()
        let before = try fileBytes(path)
        assertStoreError(try SecretStore.create(at: path, credential: .masterKey(otherKey()))) { $0 == .storeAlreadyExists(path: path) }
        XCTAssertEqual(try fileBytes(path), before)
        assertStoreError(try SecretStore.open(at: path + ".missing")) { $0.category == .notFound }
    }
}
