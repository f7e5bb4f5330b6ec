// Interoperability proof: Tests/Interop/read_store.py, written from docs/FORMAT.md alone with
// Python's `cryptography` and `hashlib`, checks every key check and MAC of a Tessera-written
// store and decrypts every value (current and past); the values must match. Runs on a master
// key store with an own-key environment, and on a passphrase store.

import Foundation
import TesseraSecretStore
import Tessera
import XCTest

final class StoreInteropTests: XCTestCase {
    var readerScript: String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Interop/read_store.py").path
    }

    func runReader(_ path: String, environment extra: [String: String]) throws -> (status: Int32, json: [String: Any]?) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", readerScript, path]
        var environment = ProcessInfo.processInfo.environment
        for name in ["TESSERA_MASTER_KEY", "TESSERA_PASSPHRASE"] { environment[name] = nil }
        environment.merge(extra) { $1 }
        process.environment = environment
        let out = Pipe()
        process.standardOutput = out
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, try? JSONSerialization.jsonObject(with: data) as? [String: Any])
    }

    /// Every value the store holds, as the reader's JSON shape.
    func expected(_ store: SecretStore, environments: [String]) throws -> [String: [String: [String: Any]]] {
        var out: [String: [String: [String: Any]]] = [:]
        for env in environments {
            var values: [String: [String: Any]] = [:]
            for meta in try store.list(environment: env) {
                var history: [String: String] = [:]
                for v in try store.history(meta.key, environment: env) where !v.isCurrent {
                    history[String(v.version)] = try store.value(of: meta.key, version: v.version, environment: env).base64EncodedString()
                }
                values[meta.key] = ["value": try store.get(meta.key, environment: env, fallback: false).base64EncodedString(),
                                    "version": meta.version, "history": history]
            }
            out[env] = values
        }
        return out
    }

    func compare(_ reader: [String: Any]?, _ expected: [String: [String: [String: Any]]], file: StaticString = #filePath, line: UInt = #line) -> Int {
        guard let got = reader?["environments"] as? [String: [String: [String: Any]]] else {
            XCTFail("reader printed no environments", file: file, line: line); return 0
        }
        XCTAssertEqual(Set(got.keys), Set(expected.keys), file: file, line: line)
        var compared = 0
        for (env, values) in expected {
            XCTAssertEqual(Set(got[env]?.keys ?? [:].keys), Set(values.keys), env, file: file, line: line)
            for (key, fields) in values {
                let theirs = got[env]?[key]
                XCTAssertEqual(theirs?["value"] as? String, fields["value"] as? String, "\(env)/\(key)", file: file, line: line)
                XCTAssertEqual(theirs?["version"] as? Int, fields["version"] as? Int, "\(env)/\(key)", file: file, line: line)
                XCTAssertEqual(theirs?["history"] as? [String: String], fields["history"] as? [String: String], "\(env)/\(key)", file: file, line: line)
                compared += 1 + ((fields["history"] as? [String: String])?.count ?? 0)
            }
        }
        return compared
    }

    func testPythonReaderDecryptsAMasterKeyStore() throws {
        let path = try makeTemporaryFolder(self) + "/s.json"
        let store = try SecretStore.create(at: path, credential: .masterKey(testKey()))
        var rng = SystemRandomNumberGenerator()
        for i in 0..<40 {
            let env = ["global", "dev", "staging-eu"][i % 3]
            let length = Int.random(in: 0...300, using: &rng)
            try store.set("KEY_\(i % 25)/x.y-z", value: Data((0..<length).map { _ in UInt8.random(in: 0...255, using: &rng) }),
                          environment: env, description: i % 2 == 0 ? "desc \"\(i)\" é\n✓" : nil)
        }
        try store.set("UNICODE", value: "pässwörd ✓")
        try store.createEnvironment("prod", ownKey: otherKey())
        let prod = try SecretStore.open(at: path, credential: .masterKey(testKey()), environmentKeys: ["prod": otherKey()])
        try prod.set("DB", value: "prod-db")
        try prod.set("DB", value: "prod-db-2", environment: "prod")
        try prod.set("DB", value: "prod-db-3", environment: "prod")

        let withProd = try runReader(path, environment: ["TESSERA_MASTER_KEY": testKeyHex, "TESSERA_MASTER_KEY_PROD": otherKeyHex])
        XCTAssertEqual(withProd.status, 0)
        let compared = compare(withProd.json, try expected(prod, environments: ["dev", "global", "prod", "staging-eu"]))
        // Without the prod key, prod is reported locked and the rest still decrypts.
        let withoutProd = try runReader(path, environment: ["TESSERA_MASTER_KEY": testKeyHex])
        XCTAssertEqual(withoutProd.status, 0)
        XCTAssertEqual(withoutProd.json?["locked"] as? [String], ["prod"])
        // The reader's own checks fail on a tampered file and a wrong key.
        XCTAssertNotEqual(try runReader(path, environment: ["TESSERA_MASTER_KEY": otherKeyHex]).status, 0)
        var text = String(decoding: try fileBytes(path), as: UTF8.self)
        text = text.replacingOccurrences(of: "desc \\\"0\\\"", with: "desc \\\"1\\\"")
        try writeFile(path, Data(text.utf8))
        XCTAssertNotEqual(try runReader(path, environment: ["TESSERA_MASTER_KEY": testKeyHex]).status, 0)
        print("interop: python reader matched \(compared) values (current and past)")
        XCTAssertGreaterThan(compared, 40)
    }

    /// docs/FORMAT.md's worked example: a file from an earlier run must keep opening, with the
    /// values the document states.
    func testDocumentedExampleStoreOpens() throws {
        let example = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("docs/example-store.json").path
        let folder = try makeTemporaryFolder(self)
        try FileManager.default.copyItem(atPath: example, toPath: folder + "/s.json")
        let store = try SecretStore.open(at: folder + "/s.json", credential: .masterKey(testKey()))
        XCTAssertEqual(store.storeIdentifier, "70171743661fa5b215ed5521e45a3791")
        XCTAssertEqual(try store.string("API_KEY"), "hunter3")
        XCTAssertEqual(String(decoding: try store.value(of: "API_KEY", version: 1), as: UTF8.self), "hunter2")
        XCTAssertEqual(try store.list().map(\.description), ["payment provider"])
        XCTAssertTrue(store.verifyIntegrity().isSound)
        // The file is in canonical layout: decoding and encoding gives it back byte for byte.
        let bytes = Array(try fileBytes(example))
        XCTAssertEqual(encodeStoreFile(try decodeStoreFile(bytes)), bytes)
        let python = try runReader(example, environment: ["TESSERA_MASTER_KEY": testKeyHex])
        XCTAssertEqual(python.status, 0)
    }

    func testPythonReaderDecryptsAPassphraseStore() throws {
        let path = try makeTemporaryFolder(self) + "/s.json"
        let store = try SecretStore.create(at: path, credential: .passphrase("pässphrase ✓"), scrypt: .testing)
        try store.set("A", value: "1")
        try store.set("A", value: "2")
        try store.set("B", value: "b", environment: "dev")
        let result = try runReader(path, environment: ["TESSERA_PASSPHRASE": "pässphrase ✓"])
        XCTAssertEqual(result.status, 0)
        XCTAssertEqual(compare(result.json, try expected(store, environments: ["dev", "global"])), 3)
    }
}
