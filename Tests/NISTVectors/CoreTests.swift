import Tessera
import XCTest

final class CoreTests: XCTestCase {
    func testKeyEqualityAndSizes() {
        let a = SymmetricKey(size: .bits256)
        XCTAssertEqual(a.bitCount, 256)
        let b = a.withUnsafeBytes { SymmetricKey(data: Array($0)) }
        XCTAssertEqual(a, b)
        XCTAssertNotEqual(a, SymmetricKey(size: .bits256))
        XCTAssertNotEqual(a, SymmetricKey(size: .bits128))
    }

    func testHexRoundTrip() {
        XCTAssertEqual(bytesFromHex("00ff10Ab"), [0, 255, 16, 171])
        XCTAssertNil(bytesFromHex("0g"))
        XCTAssertNil(bytesFromHex("abc"))
        XCTAssertEqual(hexString([0, 255, 16, 171]), "00ff10ab")
    }
}
