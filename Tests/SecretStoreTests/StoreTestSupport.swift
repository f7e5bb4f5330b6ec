// Shared helpers of the store tests: temporary folders, keys, stores with cheap scrypt, and
// byte-exact file snapshots.

import Foundation
import TesseraSecretStore
import Tessera
import XCTest

/// A fresh temporary folder, removed when the test case ends.
func makeTemporaryFolder(_ test: XCTestCase) throws -> String {
    let path = NSTemporaryDirectory() + "tessera-store-tests-" + UUID().uuidString
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    test.addTeardownBlock { try? FileManager.default.removeItem(atPath: path) }
    return path
}

/// A fixed master key (never all-zero) for reproducible tests.
let testKeyHex = "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f"
let otherKeyHex = "f0e0d0c0b0a090807060504030201000ffeeddccbbaa99887766554433221100"

func testKey() -> MasterKey { try! MasterKey(hexString: testKeyHex) }
func otherKey() -> MasterKey { try! MasterKey(hexString: otherKeyHex) }

/// The file's bytes.
func fileBytes(_ path: String) throws -> Data { try Data(contentsOf: URL(fileURLWithPath: path)) }

/// Writes bytes to a file.
func writeFile(_ path: String, _ bytes: Data) throws { try bytes.write(to: URL(fileURLWithPath: path)) }

/// Asserts `body` throws a SecretStoreError matching `check`, and returns it.
@discardableResult
func assertStoreError<T>(
    _ body: @autoclosure () throws -> T, file: StaticString = #filePath, line: UInt = #line,
    _ check: (SecretStoreError) -> Bool
) -> SecretStoreError? {
    do {
        _ = try body()
        XCTFail("expected a SecretStoreError, got success", file: file, line: line)
        return nil
    } catch let error as SecretStoreError {
        XCTAssertTrue(check(error), "unexpected error: \(error)", file: file, line: line)
        return error
    } catch {
        XCTFail("expected a SecretStoreError, got \(error)", file: file, line: line)
        return nil
    }
}

/// The folder of the test bundle's build products (where StoreTestDriver is built).
func buildProductsFolder() -> URL {
    URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent()
}

/// The StoreTestDriver executable, failing the test when it was not built.
func storeTestDriver(file: StaticString = #filePath, line: UInt = #line) throws -> URL {
    var candidates = [buildProductsFolder().appendingPathComponent("StoreTestDriver")]
    // `swift test` runs the bundle from <build>/<config>/; xctest may be the argv[0] instead.
    if let bundle = Bundle.allBundles.first(where: { $0.bundlePath.hasSuffix(".xctest") }) {
        candidates.append(URL(fileURLWithPath: bundle.bundlePath).deletingLastPathComponent().appendingPathComponent("StoreTestDriver"))
    }
    for url in candidates where FileManager.default.isExecutableFile(atPath: url.path) { return url }
    XCTFail("StoreTestDriver not found next to the test bundle (\(candidates.map(\.path)))", file: file, line: line)
    throw XCTSkip("no driver")
}
