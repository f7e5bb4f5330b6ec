// Every bad input of issue 5 gets a typed error and leaves the file byte-for-byte unchanged:
// missing, malformed and wrong master keys; malformed, truncated and unknown-version files;
// bit-flipped, swapped, moved and rolled-back ciphertexts; deleted and renamed entries; edited
// descriptions; a deleted environment; invalid names and oversized values. Every error met is
// then checked to carry no secret value and no key.

import Foundation
import TesseraSecretStore
import Tessera
import XCTest

/// Distinctive plaintexts, searched for in every error text.
let secretMarkers = ["s3cr3t-GLOBAL-value", "s3cr3t-DEV-value", "s3cr3t-PROD-value", "s3cr3t-OLD-value"]

final class StoreTamperTests: XCTestCase {
    var errorsSeen: [SecretStoreError] = []
    var path = ""

    override func setUpWithError() throws {
        path = try makeTemporaryFolder(self) + "/secrets.tessera.json"
        let store = try SecretStore.create(at: path, credential: .masterKey(testKey()))
        try store.set("API_KEY", value: secretMarkers[3], description: "payments")
        try store.set("API_KEY", value: secretMarkers[0], description: "payments")
        try store.set("OTHER", value: "other-global")
        try store.set("API_KEY", value: secretMarkers[1], environment: "dev")
        try store.set("DB", value: "db-dev", environment: "dev")
        try store.createEnvironment("prod", ownKey: otherKey())
        let prod = try SecretStore.open(at: path, credential: .masterKey(testKey()), environmentKeys: ["prod": otherKey()])
        try prod.set("API_KEY", value: secretMarkers[2], environment: "prod")
    }

    override func tearDown() {
        // No error text may contain a value, a key or a passphrase.
        let forbidden = secretMarkers + [testKeyHex, otherKeyHex, testKeyHex.uppercased(), "correct horse"]
        for error in errorsSeen {
            for text in [error.description, String(describing: error), String(reflecting: error), error.localizedDescription] {
                for secret in forbidden { XCTAssertFalse(text.contains(secret), "error text leaks a secret: \(text)") }
            }
        }
        super.tearDown()
    }

    /// Runs `body` expecting a SecretStoreError of `category`, and checks the file is unchanged.
    func expectUnchanged(_ label: String, _ category: SecretStoreError.Category, file: StaticString = #filePath,
                         line: UInt = #line, _ body: () throws -> Void) throws {
        let before = try fileBytes(path)
        do {
            try body()
            XCTFail("\(label): no error", file: file, line: line)
        } catch let error as SecretStoreError {
            errorsSeen.append(error)
            XCTAssertEqual(error.category, category, "\(label): \(error)", file: file, line: line)
        }
        XCTAssertEqual(try fileBytes(path), before, "\(label): file changed", file: file, line: line)
    }

    /// Rewrites the file through its JSON tree.
    func edit(_ change: (inout [String: Any]) -> Void) throws {
        var json = try JSONSerialization.jsonObject(with: try fileBytes(path)) as! [String: Any]
        change(&json)
        try writeFile(path, try JSONSerialization.data(withJSONObject: json, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]))
    }

    func openWithKeys() throws -> SecretStore {
        try SecretStore.open(at: path, credential: .masterKey(testKey()), environmentKeys: ["prod": otherKey()])
    }

    func testKeyProblems() throws {
        try expectUnchanged("no master key: get", .key) { _ = try SecretStore.open(at: path).get("API_KEY") }
        try expectUnchanged("no master key: set", .key) { try SecretStore.open(at: path).set("API_KEY", value: "x") }
        try expectUnchanged("no own key: prod", .key) {
            _ = try SecretStore.open(at: path, credential: .masterKey(testKey())).get("API_KEY", environment: "prod")
        }
        try expectUnchanged("short hex", .key) { _ = try MasterKey(hexString: String(testKeyHex.dropLast())) }
        try expectUnchanged("non-hex", .key) { _ = try MasterKey(hexString: String(repeating: "z", count: 64)) }
        try expectUnchanged("wrong master key", .key) {
            _ = try SecretStore.open(at: path, credential: .masterKey(otherKey()))
        }
        try expectUnchanged("wrong own key", .key) {
            _ = try SecretStore.open(at: path, credential: .masterKey(testKey()), environmentKeys: ["prod": testKey()])
                .get("API_KEY", environment: "prod")
        }
        try expectUnchanged("passphrase for a key store", .key) {
            _ = try SecretStore.open(at: path, credential: .passphrase("correct horse"))
        }
        try expectUnchanged("wrong own key, no master key", .key) {
            _ = try SecretStore.open(at: path, environmentKeys: ["prod": testKey()]).get("API_KEY", environment: "prod")
        }
        let devOnly = try SecretStore.open(at: path, environmentKeys: ["prod": otherKey()])
        try expectUnchanged("prod key reads prod only", .key) { _ = try devOnly.get("DB", environment: "dev") }
        XCTAssertEqual(try devOnly.string("API_KEY", environment: "prod", fallback: false), secretMarkers[2])
    }

    func testMalformedFiles() throws {
        let good = try fileBytes(path)
        let store = try openWithKeys()
        let cases: [(String, Data)] = [
            ("empty", Data()),
            ("truncated", good.prefix(good.count / 2)),
            ("truncated by one byte", good.dropLast(2)),
            ("not JSON", Data("API_KEY=value\n".utf8)),
            ("JSON, not a store", Data("{\"a\": 1}\n".utf8)),
            ("binary", Data((0..<200).map { UInt8(truncatingIfNeeded: $0 &* 37) })),
        ]
        for (label, bytes) in cases {
            try writeFile(path, bytes)
            try expectUnchanged("open: \(label)", .corrupt) { _ = try SecretStore.open(at: path, credential: .masterKey(testKey())) }
            // A store opened before the damage re-reads under the lock and refuses to write.
            try expectUnchanged("set: \(label)", .corrupt) { try store.set("NEW", value: "v") }
        }
        try writeFile(path, good)
        try edit { $0["version"] = 2 }
        try expectUnchanged("unknown version", .corrupt) { _ = try SecretStore.open(at: path) }
        try expectUnchanged("unknown version, set", .corrupt) { try store.set("NEW", value: "v") }
    }

    /// Each tampering with the global environment is caught on read and refused on write.
    func checkTampered(_ label: String, environment: String = "global", key: String = "API_KEY",
                       _ change: (inout [String: Any]) -> Void) throws {
        let good = try fileBytes(path)
        defer { try? writeFile(path, good) }
        try edit(change)
        try expectUnchanged("\(label): get", .corrupt) { _ = try openWithKeys().get(key, environment: environment) }
        try expectUnchanged("\(label): set", .corrupt) { try openWithKeys().set("NEW", value: "v", environment: environment) }
        try expectUnchanged("\(label): list", .corrupt) { _ = try openWithKeys().list(environment: environment) }
        let report = try openWithKeys().verifyIntegrity()
        XCTAssertFalse(report.isSound, label)
    }

    func secrets(_ json: inout [String: Any], _ env: String) -> [String: Any] {
        ((json["environments"] as! [String: Any])[env] as! [String: Any])["secrets"] as! [String: Any]
    }

    func setSecrets(_ json: inout [String: Any], _ env: String, _ value: [String: Any]) {
        var envs = json["environments"] as! [String: Any]
        var record = envs[env] as! [String: Any]
        record["secrets"] = value
        envs[env] = record
        json["environments"] = envs
    }

    func testTamperingIsDetected() throws {
        var checked = 0
        func entry(_ s: [String: Any], _ k: String) -> [String: Any] { s[k] as! [String: Any] }
        try checkTampered("bit-flipped ciphertext") { json in
            var s = secrets(&json, "global"); var e = entry(s, "API_KEY")
            var bytes = Data(base64Encoded: e["value"] as! String)!
            bytes[20] ^= 0x01
            e["value"] = bytes.base64EncodedString(); s["API_KEY"] = e; setSecrets(&json, "global", s)
        }; checked += 1
        try checkTampered("swapped ciphertexts") { json in
            var s = secrets(&json, "global"); var a = entry(s, "API_KEY"); var b = entry(s, "OTHER")
            (a["value"], b["value"]) = (b["value"], a["value"]); s["API_KEY"] = a; s["OTHER"] = b; setSecrets(&json, "global", s)
        }; checked += 1
        try checkTampered("deleted entry", key: "API_KEY") { json in
            var s = secrets(&json, "global"); s["OTHER"] = nil; setSecrets(&json, "global", s)
        }; checked += 1
        try checkTampered("renamed entry") { json in
            var s = secrets(&json, "global"); s["RENAMED"] = s["OTHER"]; s["OTHER"] = nil; setSecrets(&json, "global", s)
        }; checked += 1
        try checkTampered("edited description") { json in
            var s = secrets(&json, "global"); var e = entry(s, "API_KEY"); e["description"] = "innocent"
            s["API_KEY"] = e; setSecrets(&json, "global", s)
        }; checked += 1
        try checkTampered("edited time") { json in
            var s = secrets(&json, "global"); var e = entry(s, "API_KEY"); e["updated"] = "2030-01-01T00:00:00Z"
            s["API_KEY"] = e; setSecrets(&json, "global", s)
        }; checked += 1
        try checkTampered("rolled-back entry") { json in
            var s = secrets(&json, "global"); var e = entry(s, "API_KEY")
            let old = (e["history"] as! [[String: Any]])[0]
            e["value"] = old["value"]; e["version"] = old["version"]; e["updated"] = old["updated"]; e["history"] = []
            s["API_KEY"] = e; setSecrets(&json, "global", s)
        }; checked += 1
        try checkTampered("dropped history") { json in
            var s = secrets(&json, "global"); var e = entry(s, "API_KEY"); e["history"] = []
            s["API_KEY"] = e; setSecrets(&json, "global", s)
        }; checked += 1
        try checkTampered("ciphertext moved from dev") { json in
            var s = secrets(&json, "global"); var e = entry(s, "API_KEY")
            e["value"] = entry(secrets(&json, "dev"), "API_KEY")["value"]; s["API_KEY"] = e; setSecrets(&json, "global", s)
        }; checked += 1
        try checkTampered("added entry") { json in
            var s = secrets(&json, "global"); s["INJECTED"] = s["OTHER"]; setSecrets(&json, "global", s)
        }; checked += 1
        try checkTampered("edited key check") { json in
            var envs = json["environments"] as! [String: Any]; var g = envs["global"] as! [String: Any]
            g["keyCheck"] = (envs["dev"] as! [String: Any])["keyCheck"]; envs["global"] = g; json["environments"] = envs
        }; checked += 1
        // A prod override deleted from the file must not silently expose the global value.
        try checkTampered("deleted override", environment: "prod") { json in
            setSecrets(&json, "prod", [:])
        }; checked += 1
        print("tamper: \(checked) kinds of tampering detected on get, set and list")
        XCTAssertEqual(checked, 12)
    }

    func testDeletedOrRenamedEnvironmentFailsTheManifest() throws {
        let good = try fileBytes(path)
        try edit { json in var envs = json["environments"] as! [String: Any]; envs["dev"] = nil; json["environments"] = envs }
        try expectUnchanged("deleted environment", .corrupt) { _ = try openWithKeys() }
        try writeFile(path, good)
        try edit { json in
            var envs = json["environments"] as! [String: Any]; envs["qa"] = envs["dev"]; envs["dev"] = nil; json["environments"] = envs
        }
        try expectUnchanged("renamed environment", .corrupt) { _ = try openWithKeys() }
        // Without the master key the environment list cannot be checked, but the renamed
        // environment's own MAC (which names it) still fails.
        try expectUnchanged("renamed environment, no master", .key) { _ = try SecretStore.open(at: path).get("DB", environment: "qa") }
        try writeFile(path, good)
    }

    func testReplayedOlderEnvironmentBlockFailsTheManifest() throws {
        // dev as it is now, then one more change; putting the old dev block back gives an
        // environment whose own MAC is valid, but the manifest binds dev's current MAC.
        let old = try JSONSerialization.jsonObject(with: try fileBytes(path)) as! [String: Any]
        try openWithKeys().set("DB", value: "db-dev-rotated", environment: "dev")
        try edit { json in
            var envs = json["environments"] as! [String: Any]
            envs["dev"] = (old["environments"] as! [String: Any])["dev"]
            json["environments"] = envs
        }
        try expectUnchanged("replayed dev block", .corrupt) { _ = try openWithKeys() }
        XCTAssertEqual(try SecretStore.open(at: path).verifyIntegrity().manifest, .locked)
    }

    func testAssociatedDataBindsEvenWithAValidMAC() throws {
        // An attacker holding the key could re-MAC; GCM's associated data must still refuse a
        // ciphertext moved to another key name or version.
        let good = try fileBytes(path)
        try edit { json in
            var s = secrets(&json, "global")
            var a = s["API_KEY"] as! [String: Any]; var b = s["OTHER"] as! [String: Any]
            (a["value"], b["value"]) = (b["value"], a["value"]); s["API_KEY"] = a; s["OTHER"] = b; setSecrets(&json, "global", s)
        }
        try writeFile(path, Data(try remacStoreFileForTesting(Array(try fileBytes(path)), masterKey: testKey())))
        XCTAssertTrue(try openWithKeys().verifyIntegrity().isSound)
        try expectUnchanged("swapped, re-MACed", .corrupt) { _ = try openWithKeys().get("API_KEY") }
        try writeFile(path, good)
        try edit { json in
            var s = secrets(&json, "global"); var a = s["API_KEY"] as! [String: Any]
            a["version"] = 3; s["API_KEY"] = a; setSecrets(&json, "global", s)
        }
        try writeFile(path, Data(try remacStoreFileForTesting(Array(try fileBytes(path)), masterKey: testKey())))
        try expectUnchanged("version bumped, re-MACed", .corrupt) { _ = try openWithKeys().get("API_KEY") }
        try writeFile(path, good)
    }

    func testInvalidInputIsRefusedWithoutWriting() throws {
        let store = try openWithKeys()
        try expectUnchanged("empty key", .usage) { try store.set("", value: "v") }
        try expectUnchanged("key with space", .usage) { try store.set("A B", value: "v") }
        try expectUnchanged("key too long", .usage) { try store.set(String(repeating: "K", count: 257), value: "v") }
        try expectUnchanged("bad environment", .usage) { try store.set("A", value: "v", environment: "Prod") }
        try expectUnchanged("value too large", .usage) { try store.set("A", value: Data(count: 4097)) }
        try expectUnchanged("description too large", .usage) { try store.set("A", value: "v", description: String(repeating: "d", count: 1025)) }
        try expectUnchanged("delete missing", .notFound) { try store.delete("NOPE") }
        try expectUnchanged("rollback missing version", .notFound) { try store.rollback("API_KEY", to: 9) }
        try expectUnchanged("create existing environment", .usage) { try store.createEnvironment("dev") }
        try expectUnchanged("new environment without master key", .key) {
            try SecretStore.open(at: path, environmentKeys: ["prod": otherKey()]).set("A", value: "v", environment: "qa")
        }
        // A value at the limit is fine.
        try store.set("A", value: Data(count: 4096))
        XCTAssertEqual(try store.get("A").count, 4096)
    }
}
