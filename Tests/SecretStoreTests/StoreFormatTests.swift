// The file layer without keys: the JSON reader and canonical writer, strict base64, timestamps,
// naming rules, configuration from the environment, and the v1 schema's strictness.

import Foundation
import TesseraSecretStore
import Tessera
import XCTest

/// A well-formed v1 file with made-up binary fields (schema tests only; no key opens it).
let schemaFixture = """
{
  "environments": {
    "dev": {
      "keyCheck": "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=",
      "keySource": "master",
      "mac": "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=",
      "secrets": {
        "API/KEY.v2": {
          "created": "2026-11-23T16:14:40Z",
          "description": "quote \\" backslash \\\\ tab \\t é ✓",
          "history": [
            {
              "updated": "2026-11-23T16:14:40Z",
              "value": "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGw==",
              "version": 1
            }
          ],
          "updated": "2026-11-23T17:00:00Z",
          "value": "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwd",
          "version": 2
        }
      }
    },
    "prod": {
      "keyCheck": "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=",
      "keySource": "own",
      "mac": "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=",
      "secrets": {}
    }
  },
  "format": "tessera-secret-store",
  "kdf": {
    "algorithm": "scrypt",
    "n": 131072,
    "p": 1,
    "r": 8,
    "salt": "AAECAwQFBgcICQoLDA0ODw=="
  },
  "keyCheck": "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=",
  "mac": "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=",
  "storeId": "00112233445566778899aabbccddeeff",
  "version": 1
}

"""

final class StoreFormatTests: XCTestCase {
    func testCanonicalFileRoundTripsByteForByte() throws {
        let bytes = Array(schemaFixture.utf8)
        let model = try decodeStoreFile(bytes)
        XCTAssertEqual(encodeStoreFile(model), bytes)
        // Whitespace and member order are free on input; output is canonical.
        let compact = try serializeCompactReordered(bytes)
        XCTAssertEqual(encodeStoreFile(try decodeStoreFile(compact)), bytes)
    }

    /// Re-serialises with no whitespace and members reversed (a valid, non-canonical spelling).
    func serializeCompactReordered(_ bytes: [UInt8]) throws -> [UInt8] {
        func write(_ v: JSONValue) -> String {
            switch v {
            case let .object(m): return "{" + m.reversed().map { "\(quote($0.0)):\(write($0.1))" }.joined(separator: ",") + "}"
            case let .array(a): return "[" + a.map(write).joined(separator: ",") + "]"
            case let .string(s): return quote(s)
            case let .integer(n): return String(n)
            case let .bool(b): return b ? "true" : "false"
            case .null: return "null"
            }
        }
        func quote(_ s: String) -> String {
            let data = try! JSONSerialization.data(withJSONObject: [s], options: [.withoutEscapingSlashes])
            return String(decoding: data.dropFirst().dropLast(), as: UTF8.self)
        }
        return Array(write(try parseJSON(bytes)).utf8)
    }

    func testJSONReaderDecodesEscapesAndRefusesAmbiguity() throws {
        let good = #"{"a": "\u00e9\ud83d\ude00\n\/x", "b": [1, -2, 0, true, false, null, {}], "c": "é"}"#
        let value = try parseJSON(Array(good.utf8))
        guard case let .object(members) = value else { return XCTFail("not an object") }
        XCTAssertEqual(members[0].1, .string("é😀\n/x"))
        XCTAssertEqual(members[1].1, .array([.integer(1), .integer(-2), .integer(0), .bool(true), .bool(false), .null, .object([])]))
        XCTAssertEqual(members[2].1, .string("é"))
        XCTAssertEqual(String(decoding: serializeJSON(value), as: UTF8.self),
                       "{\n  \"a\": \"é😀\\n/x\",\n  \"b\": [\n    1,\n    -2,\n    0,\n    true,\n    false,\n    null,\n    {}\n  ],\n  \"c\": \"é\"\n}\n")
        let bad: [[UInt8]] = [
            Array("".utf8), Array("{".utf8), Array(#"{"a":1,}"#.utf8), Array(#"{"a" 1}"#.utf8), Array("[1 2]".utf8),
            Array("01".utf8), Array("1.5".utf8), Array("1e3".utf8), Array("-".utf8), Array("99999999999999999999".utf8),
            Array(#""\ud800""#.utf8), Array(#""\udc00""#.utf8), Array(#""\x""#.utf8), Array(#""\u12""#.utf8),
            Array("\"a\u{01}\"".utf8), [0x22, 0xff, 0x22], [0x22, 0xc3, 0x22], Array("{} {}".utf8), Array("tru".utf8),
            Array(String(repeating: "[", count: 40).utf8) + Array(String(repeating: "]", count: 40).utf8),
        ]
        for (i, input) in bad.enumerated() {
            XCTAssertThrowsError(try parseJSON(input), "case \(i) parsed")
        }
        print("json reader: \(bad.count) malformed inputs refused")
        XCTAssertEqual(bad.count, 20)
    }

    func testBase64MatchesFoundationAndIsStrict() {
        var count = 0
        for length in 0...70 {
            let bytes = (0..<length).map { _ in UInt8.random(in: 0...255) }
            let ours = base64Encode(bytes)
            XCTAssertEqual(ours, Data(bytes).base64EncodedString())
            XCTAssertEqual(base64Decode(ours), bytes)
            count += 1
        }
        for text in ["QQ", "QR==", "QUI=A", "Q===", "QUJ=", "QU I=", "QUJD\n", "=QUJ", "QUJDRA=", "QUJDRA==="] {
            XCTAssertNil(base64Decode(text), text)
        }
        print("base64: \(count) lengths round-tripped")
    }

    func testTimestampsAreCanonicalRFC3339() {
        XCTAssertEqual(timestampString(unixSeconds: 0), "1970-01-01T00:00:00Z")
        XCTAssertEqual(timestampString(unixSeconds: 951_782_400), "2000-02-29T00:00:00Z")
        XCTAssertEqual(timestampString(unixSeconds: 1_795_450_480), "2026-11-23T16:14:40Z")
        let formatter = ISO8601DateFormatter()
        for _ in 0..<500 {
            let s = Int64.random(in: 0...253_402_300_799)
            let text = timestampString(unixSeconds: s)
            XCTAssertEqual(text, formatter.string(from: Date(timeIntervalSince1970: TimeInterval(s))))
            XCTAssertEqual(unixSeconds(timestamp: text), s)
        }
        for text in ["2026-02-30T00:00:00Z", "2026-11-23T16:14:40.1Z", "2026-11-23t16:14:40Z", "2026-11-23T24:00:00Z",
                     "2026-11-23T16:14:40+00:00", "1969-12-31T23:59:59Z", "2026-13-01T00:00:00Z", " 2026-11-23T16:14:40Z"] {
            XCTAssertNil(unixSeconds(timestamp: text), text)
        }
    }

    func testNamingRules() {
        for good in ["A", "api_key", "STRIPE.live-key/v2", String(repeating: "k", count: 256)] {
            XCTAssertNoThrow(try validateKeyName(good, maxLength: 256), good)
        }
        let keyCases: [(String, NameProblem)] = [
            ("", .empty), ("a b", .invalidCharacter(offset: 1)), ("é", .invalidCharacter(offset: 0)),
            ("key=1", .invalidCharacter(offset: 3)), ("$HOME", .invalidCharacter(offset: 0)),
            (String(repeating: "k", count: 257), .tooLong(length: 257, limit: 256)),
        ]
        for (name, problem) in keyCases {
            assertStoreError(try validateKeyName(name, maxLength: 256)) { $0 == .invalidKeyName(problem) }
        }
        for good in ["global", "prod", "eu-west_2", "0"] { XCTAssertNoThrow(try validateEnvironmentName(good)) }
        for bad in ["", "Prod", "a.b", "a/b", "dev ", String(repeating: "e", count: 65)] {
            assertStoreError(try validateEnvironmentName(bad)) { $0.category == .usage }
        }
    }

    func testConfigurationFromEnvironment() throws {
        XCTAssertEqual(try StoreConfiguration.fromEnvironment([:]), StoreConfiguration())
        let config = try StoreConfiguration.fromEnvironment([
            "TESSERA_DEFAULT_ENV": "dev", "TESSERA_ENV_ISOLATION": "on", "TESSERA_MAX_KEY_LENGTH": "64",
            "TESSERA_MAX_VALUE_SIZE": "65536", "TESSERA_HISTORY_DEPTH": "0",
        ])
        XCTAssertEqual(config, StoreConfiguration(defaultEnvironment: "dev", isolatesEnvironments: true, maxKeyLength: 64,
                                                  maxValueSize: 65536, historyDepth: 0))
        for (name, value) in [("TESSERA_MAX_KEY_LENGTH", "0"), ("TESSERA_MAX_VALUE_SIZE", "x"), ("TESSERA_HISTORY_DEPTH", "-1"),
                              ("TESSERA_ENV_ISOLATION", "maybe")] {
            assertStoreError(try StoreConfiguration.fromEnvironment([name: value])) { $0 == .invalidConfiguration(variable: name) }
        }
        assertStoreError(try StoreConfiguration.fromEnvironment(["TESSERA_DEFAULT_ENV": "Prod"])) { $0.category == .usage }
    }

    func testMasterKeyParsing() throws {
        XCTAssertEqual(try MasterKey(hexString: testKeyHex).hexEncodedString(), testKeyHex)
        XCTAssertEqual(try MasterKey(hexString: testKeyHex.uppercased()).hexEncodedString(), testKeyHex)
        XCTAssertTrue(try MasterKey(hexString: String(repeating: "0", count: 64)).isAllZero)
        XCTAssertFalse(testKey().isAllZero)
        for bad in ["", "00", String(repeating: "g", count: 64), String(repeating: "0", count: 63) + " ", String(repeating: "0", count: 65)] {
            assertStoreError(try MasterKey(hexString: bad)) { $0.category == .key }
        }
        XCTAssertNil(try MasterKey.fromEnvironment([:]))
        XCTAssertNotNil(try MasterKey.fromEnvironment(["TESSERA_MASTER_KEY": testKeyHex]))
        XCTAssertEqual(MasterKey.environmentVariableName(for: "eu-west"), "TESSERA_MASTER_KEY_EU_WEST")
        let keys = try MasterKey.environmentKeys(for: ["prod", "dev"], from: ["TESSERA_MASTER_KEY_PROD": otherKeyHex])
        XCTAssertEqual(keys.keys.sorted(), ["prod"])
        let folder = try makeTemporaryFolder(self)
        try writeFile(folder + "/k1", Data((testKeyHex + "\n").utf8))
        try writeFile(folder + "/k2", Data(testKeyHex.utf8))
        try writeFile(folder + "/k3", Data((testKeyHex + "\n\n").utf8))
        XCTAssertEqual(try MasterKey(contentsOfKeyFile: folder + "/k1").hexEncodedString(), testKeyHex)
        XCTAssertEqual(try MasterKey(contentsOfKeyFile: folder + "/k2").hexEncodedString(), testKeyHex)
        assertStoreError(try MasterKey(contentsOfKeyFile: folder + "/k3")) { $0.category == .key }
        assertStoreError(try MasterKey(contentsOfKeyFile: folder + "/none")) { $0 == .unreadableKeyFile(path: folder + "/none") }
    }

    func testSchemaRefusesEveryMalformedVariant() throws {
        let fixture = schemaFixture
        func mutated(_ old: String, _ new: String) -> String {
            precondition(fixture.contains(old), old)
            return fixture.replacingOccurrences(of: old, with: new)
        }
        let variants: [(String, String)] = [
            ("unknown member", mutated("\"version\": 1\n", "\"version\": 1,\n  \"extra\": 0\n")),
            ("duplicate member", mutated("\"version\": 1\n", "\"version\": 1,\n  \"version\": 1\n")),
            ("duplicate secret", mutated("\"secrets\": {}", "\"secrets\": {\"A\": {}, \"A\": {}}")),
            ("missing member", mutated("  \"storeId\": \"00112233445566778899aabbccddeeff\",\n", "")),
            ("mistyped version", mutated("\"version\": 2\n", "\"version\": \"2\"\n")),
            ("wrong format name", mutated("tessera-secret-store", "sops")),
            ("uppercase store id", mutated("aabbccddeeff", "AABBCCDDEEFF")),
            ("short store id", mutated("00112233445566778899aabbccddeeff", "0011")),
            ("non-canonical base64", mutated("\"salt\": \"AAECAwQFBgcICQoLDA0ODw==\"", "\"salt\": \"AAECAwQFBgcICQoLDA0ODx==\"")),
            ("short mac", mutated("\"mac\": \"AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=\",\n  \"storeId\"", "\"mac\": \"AAEC\",\n  \"storeId\"")),
            ("sealed value too short", mutated("AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwd", "AAECAwQFBgcICQoLDA0ODxAREhMU")),
            ("bad time", mutated("2026-11-23T17:00:00Z", "2026-11-23 17:00:00")),
            ("history not decreasing", mutated("\"version\": 1\n            }", "\"version\": 2\n            }")),
            ("zero version", mutated("\"version\": 2\n        }", "\"version\": 0\n        }")),
            ("invalid key name", mutated("API/KEY.v2", "API KEY")),
            ("invalid environment name", mutated("\"prod\": {", "\"Prod\": {")),
            ("unknown key source", mutated("\"keySource\": \"own\"", "\"keySource\": \"other\"")),
            ("weak scrypt", mutated("\"n\": 131072", "\"n\": 2")),
            ("huge scrypt", mutated("\"n\": 131072", "\"n\": 1073741824")),
            ("unknown kdf", mutated("\"algorithm\": \"scrypt\"", "\"algorithm\": \"argon2\"")),
            ("secret not an object", mutated("\"secrets\": {}", "\"secrets\": {\"A\": 1}")),
            ("top level array", "[]"),
            ("float", mutated("\"version\": 2\n        }", "\"version\": 2.0\n        }")),
        ]
        var refused = 0
        for (label, text) in variants {
            XCTAssertNotEqual(text, fixture, label)
            let input = Array(text.utf8)
            if assertStoreError(try decodeStoreFile(input), { $0.category == .corrupt }) != nil { refused += 1 }
        }
        assertStoreError(try decodeStoreFile(Array(mutated("\"version\": 1\n}", "\"version\": 2\n}").utf8))) {
            $0 == .unsupportedFormatVersion(found: 2, supported: 1)
        }
        // Every truncation of the file is refused as corrupt.
        let bytes = Array(fixture.utf8)
        var truncations = 0
        for end in 0..<(bytes.count - 2) {  // the last bytes are the closing brace and newline
            let prefix = Array(bytes[0..<end])
            if assertStoreError(try decodeStoreFile(prefix), { $0.category == .corrupt }) != nil { truncations += 1 }
        }
        print("schema: \(refused) malformed variants and \(truncations) truncations refused")
        XCTAssertEqual(refused, variants.count)
        XCTAssertGreaterThan(truncations, 1000)
    }
}
