import Tessera
import XCTest

final class SecretStorePlaceholderTests: XCTestCase {
    func testModuleLinks() { XCTAssertEqual(SymmetricKey(size: .bits256).bitCount, 256) }
}
