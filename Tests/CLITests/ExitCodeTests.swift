// Every exit code of the table (ExitCode.swift), each with a failed command that leaves the store
// byte-for-byte unchanged and prints one "tessera: error:" line (and perhaps a hint), never a
// value or a key.
import Foundation
import XCTest

final class ExitCodeTests: XCTestCase {
    /// Runs `arguments` expecting `code`, and checks the store file did not change.
    func expectFailure(_ box: Sandbox, _ arguments: [String], _ code: Int32, _ fragment: String? = nil,
                       stdin: [UInt8]? = nil, env: [String: String] = [:], file: StaticString = #filePath, line: UInt = #line) throws {
        let before = FileManager.default.fileExists(atPath: box.storePath) ? try box.storeBytes() : nil
        let result = try box.run(arguments, stdin: stdin, env: env, file: file, line: line)
        assertError(result, code, fragment, file: file, line: line)
        let after = FileManager.default.fileExists(atPath: box.storePath) ? try box.storeBytes() : nil
        XCTAssertEqual(after, before, "store changed by failed \(arguments)", file: file, line: line)
    }

    func populated() throws -> Sandbox {
        let box = try Sandbox.withStore()
        try box.set("API_KEY", "api-secret-value")
        try box.set("API_KEY", "api-prod-secret", env: "prod")
        return box
    }

    func testExit2Usage() throws {
        let box = try populated()
        try expectFailure(box, ["frobnicate"], 2, "unknown command")
        try expectFailure(box, ["get"], 2, "missing KEY")
        try expectFailure(box, ["get", "A", "B"], 2, "unexpected argument")
        try expectFailure(box, ["get", "API_KEY", "--bogus"], 2, "unknown option")
        try expectFailure(box, ["get", "API_KEY", "--env"], 2, "needs a value")
        try expectFailure(box, ["get", "API_KEY", "--no-fallback=yes"], 2, "takes no value")
        try expectFailure(box, ["get", "API_KEY", "-x"], 2)
        try expectFailure(box, [], 2)
        try expectFailure(box, ["set", "bad key!"], 2, "invalid key name", stdin: Array("v".utf8))
        try expectFailure(box, ["set", "", "x"], 2, "invalid key name")
        try expectFailure(box, ["set", String(repeating: "K", count: 300)], 2, "invalid key name", stdin: Array("v".utf8))
        try expectFailure(box, ["set", "K", "--env", "Prod"], 2, "invalid environment name", stdin: Array("v".utf8))
        try expectFailure(box, ["get", "API_KEY", "--env", "a/b"], 2, "invalid environment name")
        try expectFailure(box, ["set", "BIG"], 2, "exceeds the limit", stdin: [UInt8](repeating: 0x41, count: 4097))
        try expectFailure(box, ["export", "--format", "xml"], 2)
        // The key name check comes before the value is read or stored.
        let namedLikeAValue = try box.run(["set", "hunter2 is my password"], stdin: Array("v".utf8))
        XCTAssertFalse(namedLikeAValue.err.contains("hunter2"), "an invalid name is not echoed")
    }

    func testExit3NotFound() throws {
        let box = try populated()
        try expectFailure(box, ["get", "MISSING"], 3, "MISSING")
        try expectFailure(box, ["get", "API_KEY", "--env", "prod-eu", "--no-fallback"], 3)
        try expectFailure(box, ["delete", "MISSING"], 3)
        try expectFailure(box, ["rm", "API_KEY", "--env", "staging"], 3)
        try expectFailure(box, ["history", "MISSING"], 3)
        try expectFailure(box, ["rollback", "MISSING", "1"], 3)
        try expectFailure(box, ["rollback", "API_KEY", "7"], 3)
    }

    func testExit4Key() throws {
        let box = try populated()
        let otherKey = String(try box.run(["keygen"]).out.dropLast())
        try expectFailure(box, ["get", "API_KEY"], 4, "wrong master key", env: ["TESSERA_MASTER_KEY": otherKey])
        try expectFailure(box, ["set", "X"], 4, stdin: Array("x-secret-value".utf8), env: ["TESSERA_MASTER_KEY": otherKey])
        try expectFailure(box, ["get", "API_KEY"], 4, "64 hexadecimal", env: ["TESSERA_MASTER_KEY": "abcd"])
        try expectFailure(box, ["get", "API_KEY"], 4, env: ["TESSERA_MASTER_KEY": String(repeating: "g", count: 64)])
        var noKey = box.environment
        noKey["TESSERA_MASTER_KEY"] = nil
        let missing = try runProcess(tesseraBinary, ["get", "API_KEY"], directory: box.directory, environment: noKey)
        assertError(missing, 4, "master key")
        try expectFailure(box, ["get", "API_KEY", "--key-file", "no-such.key"], 4, "no-such.key")
        try box.write("short.key", Array("abc\n".utf8))
        try expectFailure(box, ["get", "API_KEY", "--key-file", "short.key"], 4)
        try box.write("two-newlines.key", Array((box.environment["TESSERA_MASTER_KEY"]! + "\n\n").utf8))
        try expectFailure(box, ["get", "API_KEY", "--key-file", "two-newlines.key"], 4)
        // A key file with exactly one trailing newline, or none, works.
        for suffix in ["", "\n"] {
            try box.write("good.key", Array((box.environment["TESSERA_MASTER_KEY"]! + suffix).utf8))
            XCTAssertEqual(try box.run(["get", "API_KEY", "--key-file", "good.key"], env: ["TESSERA_MASTER_KEY": otherKey]).out, "api-secret-value")
        }
    }

    func testExit5CorruptOrTampered() throws {
        let box = try populated()
        let original = try box.storeBytes()
        let text = String(decoding: original, as: UTF8.self)
        let cases: [(String, [UInt8])] = [
            ("empty", []),
            ("truncated", Array(original.prefix(original.count / 2))),
            ("not a store", Array("hello, world\n".utf8)),
            ("other JSON", Array("{\"a\": 1}\n".utf8)),
            ("future version", Array(replacingLast(text, "\"version\": 1", "\"version\": 99").utf8)),
            ("edited description", Array(text.replacingOccurrences(of: "\"description\": \"\"", with: "\"description\": \"x\"").utf8)),
            ("renamed key", Array(text.replacingOccurrences(of: "\"API_KEY\"", with: "\"API_KEX\"").utf8)),
            ("flipped ciphertext", flipCiphertext(text)),
        ]
        for (name, bytes) in cases {
            XCTAssertNotEqual(bytes, original, name)
            try box.write("secrets.tessera.json", bytes)
            for arguments in [["get", "API_KEY"], ["get", "API_KEX", "--env", "prod"], ["list", "--show"]] {
                let result = try box.run(arguments)
                if name == "renamed key" && arguments[1] == "API_KEY" { continue }
                assertError(result, 5, nil)
                XCTAssertEqual(try box.storeBytes(), bytes, "\(name): unchanged")
            }
            // A set into a tampered environment (global is in every case) refuses rather than
            // re-seal tampered content.
            try expectFailure(box, ["set", "NEW"], 5, stdin: Array("new-secret-value".utf8))
            try expectFailure(box, ["set", "API_KEY"], 5, stdin: Array("new-secret-value".utf8))
        }
        box.secrets.append(Array("new-secret-value".utf8))
        try box.write("secrets.tessera.json", original)
        XCTAssertEqual(try box.run(["get", "API_KEY"]).out, "api-secret-value")
    }

    func testExit1Other() throws {
        let box = try Sandbox()
        box.environment["TESSERA_MASTER_KEY"] = String(try box.run(["keygen"]).out.dropLast())
        try expectFailure(box, ["get", "A"], 1, "no store")
        try expectFailure(box, ["list"], 1, "tessera init")
        XCTAssertEqual(try box.run(["init"]).status, 0)
        try expectFailure(box, ["init"], 1, "already exists")
        try expectFailure(box, ["import", "nope.env"], 1, "nope.env")
    }
}

/// `text` with its last occurrence of `target` replaced.
func replacingLast(_ text: String, _ target: String, _ replacement: String) -> String {
    guard let range = text.range(of: target, options: .backwards) else { return text }
    return text.replacingCharacters(in: range, with: replacement)
}

/// The store text with one bit flipped inside the first sealed value's base64 text.
func flipCiphertext(_ text: String) -> [UInt8] {
    var bytes = Array(text.utf8)
    let marker = Array("\"value\": \"".utf8)
    for i in 0..<(bytes.count - marker.count) where Array(bytes[i..<(i + marker.count)]) == marker {
        let at = i + marker.count + 20
        bytes[at] = bytes[at] == UInt8(ascii: "A") ? UInt8(ascii: "B") : UInt8(ascii: "A")
        return bytes
    }
    return bytes
}
