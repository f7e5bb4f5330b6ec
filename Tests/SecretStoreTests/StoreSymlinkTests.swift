// A store reached through a symbolic link (a dotfiles repository, a mounted secret) is updated
// in place of its target: the link stays a link, and the temporary file, rename and lock are in
// the target's folder.

import Foundation
import TesseraSecretStore
import Tessera
import XCTest

final class StoreSymlinkTests: XCTestCase {
    func testSetThroughASymlinkUpdatesTheTargetAndKeepsTheLink() throws {
        let root = try makeTemporaryFolder(self)
        try FileManager.default.createDirectory(atPath: root + "/real", withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: root + "/work", withIntermediateDirectories: true)
        let target = root + "/real/s.json"
        let link = root + "/work/s.json"
        try SecretStore.create(at: target, credential: .masterKey(testKey())).set("A", value: "1")
        XCTAssertEqual(symlink("../real/s.json", link), 0)

        let store = try SecretStore.open(at: link, credential: .masterKey(testKey()))
        try store.set("B", value: "2")
        var info = stat()
        XCTAssertEqual(lstat(link, &info), 0)
        XCTAssertEqual(info.st_mode & S_IFMT, S_IFLNK, "the link was replaced by a regular file")
        let fromTarget = try SecretStore.open(at: target, credential: .masterKey(testKey()))
        XCTAssertEqual(try fromTarget.string("B"), "2")
        XCTAssertEqual(try fromTarget.string("A"), "1")
        XCTAssertTrue(FileManager.default.fileExists(atPath: target + ".lock"), "the lock belongs beside the real file")
        XCTAssertFalse(FileManager.default.fileExists(atPath: link + ".lock"))
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: root + "/work"), ["s.json"])

        // Creating through a link to a folder puts the store in the real folder.
        XCTAssertEqual(symlink(root + "/real", root + "/alias"), 0)
        _ = try SecretStore.create(at: root + "/alias/t.json", credential: .masterKey(testKey()))
        XCTAssertTrue(FileManager.default.fileExists(atPath: root + "/real/t.json"))
    }
}
