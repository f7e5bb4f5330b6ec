// Reliability, with real processes (Tests/StoreTestDriver): atomic replacement (never truncated
// in place, 0600, temporary file removed on failure), 8 concurrent writers x 50 keys ending
// with all 400 while a reader never sees a broken file, and a writer SIGKILLed at random
// points >= 200 times, after each of which the store opens and holds the old or the new state.

#if canImport(Glibc)
import Glibc
#endif
import Foundation
import TesseraSecretStore
import Tessera
import XCTest

final class StoreReliabilityTests: XCTestCase {
    func mode(_ path: String) -> mode_t {
        var info = stat()
        XCTAssertEqual(stat(path, &info), 0, path)
        return info.st_mode & 0o777
    }

    func inode(_ path: String) -> ino_t {
        var info = stat()
        XCTAssertEqual(stat(path, &info), 0, path)
        return info.st_ino
    }

    func testWritesReplaceAtomicallyWithMode0600() throws {
        let folder = try makeTemporaryFolder(self)
        let path = folder + "/s.json"
        let oldMask = umask(0)  // even with a permissive umask, files are 0600
        defer { umask(oldMask) }
        let store = try SecretStore.create(at: path, credential: .masterKey(testKey()))
        XCTAssertEqual(mode(path), 0o600)
        XCTAssertEqual(mode(path + ".lock"), 0o600)
        try store.set("A", value: "1")
        let before = try fileBytes(path)
        let inodeBefore = inode(path)
        let reader = try XCTUnwrap(FileHandle(forReadingAtPath: path))  // a reader holding the old file
        try store.set("B", value: "2")
        XCTAssertNotEqual(inode(path), inodeBefore, "the store must be replaced by rename, not rewritten in place")
        XCTAssertEqual(reader.readDataToEndOfFile(), before, "the old file must stay whole for its readers")
        XCTAssertEqual(mode(path), 0o600)
        XCTAssertEqual(SecretStore.strayTemporaryFiles(forStoreAt: path), [])

        // A failure between writing the temporary file and the rename leaves the store as it was.
        let seen = LockedBox<[String]>([])
        AtomicFile.beforeRenameHook.withLock { $0 = { temp in
            seen.withLock { $0.append(temp) }
            struct Injected: Error {}
            throw Injected()
        } }
        defer { AtomicFile.beforeRenameHook.withLock { $0 = nil } }
        let unchanged = try fileBytes(path)
        assertStoreError(try store.set("C", value: "3")) { $0.category == .other }
        XCTAssertEqual(try fileBytes(path), unchanged)
        let temps = seen.withLock { $0 }
        XCTAssertEqual(temps.count, 1)
        XCTAssertTrue(temps[0].hasPrefix(folder + "/.s.json.tmp-"), temps[0])
        XCTAssertFalse(FileManager.default.fileExists(atPath: temps[0]))
        AtomicFile.beforeRenameHook.withLock { $0 = nil }
        assertStoreError(try store.get("C")) { $0.category == .notFound }
    }

    func testAWiderModeIsTightenedOnTheNextWrite() throws {
        let path = try makeTemporaryFolder(self) + "/s.json"
        let store = try SecretStore.create(at: path, credential: .masterKey(testKey()))
        XCTAssertEqual(chmod(path, 0o644), 0)
        try store.set("A", value: "1")
        XCTAssertEqual(mode(path), 0o600)
    }

    func testThreadsSharingOneStoreObjectLoseNothing() throws {
        let path = try makeTemporaryFolder(self) + "/s.json"
        let shared = try SecretStore.create(at: path, credential: .masterKey(testKey()))
        let other = try SecretStore.open(at: path, credential: .masterKey(testKey()))
        let failures = LockedBox<[String]>([])
        DispatchQueue.concurrentPerform(iterations: 4) { t in
            let store = t % 2 == 0 ? shared : other  // two objects, two threads each
            for i in 0..<25 {
                do {
                    try store.set("t\(t)_\(i)", value: "v\(t)-\(i)", environment: t < 2 ? "global" : "dev")
                    _ = try store.list()
                } catch {
                    failures.withLock { $0.append(String(describing: error)) }
                }
            }
        }
        XCTAssertEqual(failures.withLock { $0 }, [])
        try shared.reload()
        XCTAssertEqual(try shared.list().count, 100)
        for t in 0..<4 { for i in 0..<25 { XCTAssertEqual(try shared.string("t\(t)_\(i)", environment: t < 2 ? "global" : "dev"), "v\(t)-\(i)") } }
        XCTAssertTrue(shared.verifyIntegrity().isSound)
    }

    func testStrayTemporaryFilesAreIgnoredAndCleaned() throws {
        let folder = try makeTemporaryFolder(self)
        let path = folder + "/s.json"
        let store = try SecretStore.create(at: path, credential: .masterKey(testKey()))
        try store.set("A", value: "1")
        let stray = folder + "/.s.json.tmp-99999-deadbeefcafe"
        try writeFile(stray, Data("{\"half\": ".utf8))
        XCTAssertEqual(SecretStore.strayTemporaryFiles(forStoreAt: path), [stray])
        XCTAssertEqual(try SecretStore.open(at: path, credential: .masterKey(testKey())).string("A"), "1")
        try store.set("B", value: "2")
        XCTAssertEqual(SecretStore.strayTemporaryFiles(forStoreAt: path), [])
        try writeFile(stray, Data())
        XCTAssertEqual(try SecretStore.removeStrayTemporaryFiles(forStoreAt: path), 1)
    }

    func runDriver(_ arguments: [String], output: Pipe? = nil) throws -> Process {
        let process = Process()
        process.executableURL = try storeTestDriver()
        process.arguments = arguments
        var environment = ProcessInfo.processInfo.environment
        environment["TESSERA_MASTER_KEY"] = testKeyHex
        process.environment = environment
        if let output { process.standardOutput = output }
        try process.run()
        return process
    }

    func testEightConcurrentWritersLoseNothing() throws {
        let path = try makeTemporaryFolder(self) + "/s.json"
        let store = try SecretStore.create(at: path, credential: .masterKey(testKey()))
        let writers = try (0..<8).map { try runDriver(["set-many", path, "w\($0)", "50"]) }
        // A reader in this process opens and verifies the file until the writers are done.
        var reads = 0
        while writers.contains(where: \.isRunning) {
            let snapshot = try SecretStore.open(at: path, credential: .masterKey(testKey()))
            XCTAssertTrue(snapshot.verifyIntegrity().isSound)
            _ = try snapshot.list()
            reads += 1
        }
        for writer in writers {
            writer.waitUntilExit()
            XCTAssertEqual(writer.terminationStatus, 0)
        }
        try store.reload()
        let keys = try store.list(environment: "global").map(\.key)
        XCTAssertEqual(keys.count, 400)
        for w in 0..<8 {
            for i in 0..<50 { XCTAssertEqual(try store.string("w\(w)_\(i)"), "value-w\(w)-\(i)") }
        }
        XCTAssertTrue(store.verifyIntegrity().isSound)
        XCTAssertEqual(SecretStore.strayTemporaryFiles(forStoreAt: path), [])
        print("concurrency: 8 writers x 50 keys -> \(keys.count) keys, \(reads) concurrent verified reads")
    }

    func testWriterKilledAtRandomPointsAlwaysLeavesOldOrNewState() throws {
        let path = try makeTemporaryFolder(self) + "/s.json"
        let store = try SecretStore.create(at: path, credential: .masterKey(testKey()))
        // Some bulk, so a write takes long enough to be interrupted in the middle.
        for i in 0..<150 { try store.set("FILLER_\(i)", value: String(repeating: "x", count: 64), description: "filler \(i)") }
        var known = 0  // the counter's value in the store after the last check
        var kills = 0, interruptedWrites = 0, noProgress = 0
        var generator = SystemRandomNumberGenerator()
        while kills < 200 {
            let pipe = Pipe()
            let writer = try runDriver(["count-forever", path], output: pipe)
            usleep(UInt32.random(in: 2_000...40_000, using: &generator))
            kill(writer.processIdentifier, SIGKILL)
            writer.waitUntilExit()
            XCTAssertEqual(writer.terminationReason, .uncaughtSignal)
            kills += 1
            let printed = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
                .split(separator: "\n").compactMap { Int($0) }
            let committed = printed.last ?? known
            if !SecretStore.strayTemporaryFiles(forStoreAt: path).isEmpty { interruptedWrites += 1 }
            // The store opens, verifies, and holds the last committed state or the one after it.
            let after = try SecretStore.open(at: path, credential: .masterKey(testKey()))
            XCTAssertTrue(after.verifyIntegrity().isSound)
            let value = (try? after.string("counter")).flatMap { Int($0) } ?? 0
            XCTAssertTrue(value == committed || value == committed + 1, "kill \(kills): counter \(value), committed \(committed)")
            XCTAssertEqual(try after.list(environment: "global").count, 150 + (value > 0 ? 1 : 0))
            if value == known { noProgress += 1 }
            known = value
        }
        // The next write cleans what the killed writers left.
        try store.set("FINAL", value: "done")
        XCTAssertEqual(SecretStore.strayTemporaryFiles(forStoreAt: path), [])
        XCTAssertGreaterThan(known, 0, "the writer never completed a write")
        print("crash: \(kills) SIGKILLs, \(interruptedWrites) left a temporary file, counter reached \(known), \(noProgress) kills before any write")
    }
}

/// A value behind a lock, for test hooks called from library code.
final class LockedBox<T>: @unchecked Sendable {
    private var value: T
    private let lock = NSLock()
    init(_ value: T) { self.value = value }
    func withLock<R>(_ body: (inout T) -> R) -> R { lock.lock(); defer { lock.unlock() }; return body(&value) }
}
