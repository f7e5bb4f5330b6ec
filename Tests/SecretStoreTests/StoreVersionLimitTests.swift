// A version number near Int.max would make the next set overflow (version + 1): the decoder
// refuses versions above 2^53 as malformed, before any MAC is computed or any write happens.

import Foundation
import TesseraSecretStore
import Tessera
import XCTest

final class StoreVersionLimitTests: XCTestCase {
    func testHugeVersionIsMalformed() throws {
        let path = try makeTemporaryFolder(self) + "/s.json"
        let store = try SecretStore.create(at: path, credential: .masterKey(testKey()))
        try store.set("A", value: "1")
        let text = String(decoding: try fileBytes(path), as: UTF8.self)
        // The secret's version (indented; the file's own "version" is at the top level).
        func withVersion(_ v: String) -> String {
            text.replacingOccurrences(of: #"(?m)^(\s{4,}"version": )1(,?)$"#, with: "$1\(v)$2", options: .regularExpression)
        }
        for huge in ["9223372036854775807", "9007199254740993"] {
            let edited = withVersion(huge)
            XCTAssertNotEqual(edited, text)
            XCTAssertTrue(edited.contains("\"version\": 1\n"), "the format version must stay 1")
            try writeFile(path, Data(edited.utf8))
            assertStoreError(try SecretStore.open(at: path, credential: .masterKey(testKey()))) {
                if case .malformedStore = $0 { return true }
                return false
            }
        }
        // 2^53 itself is accepted by the decoder (the MAC then fails: the file was edited).
        let edge = withVersion("9007199254740992")
        try writeFile(path, Data(edge.utf8))
        let opened = try SecretStore.open(at: path, credential: .masterKey(testKey()))
        assertStoreError(try opened.get("A")) { $0.category == .corrupt }
    }
}
