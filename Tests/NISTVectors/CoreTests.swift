import Foundation
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

    /// secureZero clears every byte it is given, at any length and offset, and nothing else.
    func testSecureZeroClears() {
        for (offset, count) in [(0, 0), (0, 1), (3, 61), (1, 4096), (7, 100_003)] {
            var bytes = [UInt8](repeating: 0xA5, count: offset + count + 5)
            bytes.withUnsafeMutableBytes { secureZero($0.baseAddress! + offset, count) }
            XCTAssertTrue(bytes[offset..<offset + count].allSatisfy { $0 == 0 }, "\(offset) \(count)")
            XCTAssertTrue(bytes[..<offset].allSatisfy { $0 == 0xA5 })
            XCTAssertTrue(bytes[(offset + count)...].allSatisfy { $0 == 0xA5 })
        }
    }

    /// The lock-free per-key cache: threads racing on a fresh storage for several state types
    /// all get, per type, the one published object (made from the key's bytes), and later
    /// lookups return it without calling `make` again.
    func testKeyCacheRacesPublishOneObjectPerType() {
        for round in 0..<20 {
            let storage = [UInt8(round), 2, 3].withUnsafeBytes { SecureBytes(copying: $0) }
            let seen = Mutexed([String: Set<ObjectIdentifier>]())
            DispatchQueue.concurrentPerform(iterations: 48) { i in
                let objects: [(String, AnyObject)] = [
                    ("A", storage.cached(CacheProbeA.self) { CacheProbeA(Array($0)) }),
                    ("B", storage.cached(CacheProbeB.self) { CacheProbeB(Array($0)) }),
                    ("C", storage.cached(CacheProbeC.self) { CacheProbeC(Array($0)) }),
                ]
                seen.update { for (name, o) in objects[(i % 3)...] + objects[..<(i % 3)] { $0[name, default: []].insert(ObjectIdentifier(o)) } }
            }
            for name in ["A", "B", "C"] { XCTAssertEqual(seen.value[name]?.count, 1, "round \(round), type \(name)") }
            let a = storage.cached(CacheProbeA.self) { _ in XCTFail("made twice"); return CacheProbeA([]) }
            XCTAssertEqual(a.bytes, [UInt8(round), 2, 3])
            XCTAssertTrue(seen.value["A"]!.contains(ObjectIdentifier(a)))
        }
    }

    /// A multi-region input is handed over as one buffer holding exactly its bytes (the copy
    /// path), as are contiguous inputs (the no-copy path) and empty ones.
    func testWithContiguousBytesJoinsRegions() {
        let parts: [[UInt8]] = [[1, 2, 3], [], [4], Array(5...200)]
        var data = DispatchData.empty
        for part in parts { part.withUnsafeBytes { data.append($0) } }
        XCTAssertGreaterThan(data.regions.count, 1)
        XCTAssertEqual(withContiguousBytes(data) { Array($0) }, Array(1...200))
        XCTAssertEqual(withContiguousBytes(Array(1...200) as [UInt8]) { Array($0) }, Array(1...200))
        XCTAssertEqual(withContiguousBytes(DispatchData.empty) { $0.count }, 0)
    }

    /// The equality bit is 1 for equal buffers and 0 for any single-bit difference or another
    /// length, and agrees with constantTimeEquals.
    func testConstantTimeEqualityBit() {
        let a = (0..<37).map { UInt8(truncatingIfNeeded: $0 &* 29) }
        a.withUnsafeBytes { x in
            XCTAssertEqual(a.withUnsafeBytes { constantTimeEqualityBit(x, $0) }, 1)
            XCTAssertEqual(Array(a.dropLast()).withUnsafeBytes { constantTimeEqualityBit(x, $0) }, 0)
            for i in 0..<a.count {
                for bit in 0..<8 {
                    var b = a
                    b[i] ^= UInt8(1 << bit)
                    XCTAssertEqual(b.withUnsafeBytes { constantTimeEqualityBit(x, $0) }, 0)
                    XCTAssertFalse(b.withUnsafeBytes { constantTimeEquals(x, $0) })
                }
            }
        }
        XCTAssertEqual(constantTimeEqualityBit(UnsafeRawBufferPointer(start: nil, count: 0),
                                               UnsafeRawBufferPointer(start: nil, count: 0)), 1)
    }
}

extension CoreTests {
    /// Cached objects are released with their storage (the cache list holds them once).
    func testKeyCacheReleasesWithStorage() {
        let freed = Mutexed(0)
        for _ in 0..<10 {
            let storage = [UInt8](repeating: 1, count: 16).withUnsafeBytes { SecureBytes(copying: $0) }
            _ = storage.cached(CacheProbeDeinit.self) { _ in CacheProbeDeinit(freed) }
            _ = storage.cached(CacheProbeA.self) { CacheProbeA(Array($0)) }
            _ = storage.cached(CacheProbeDeinit.self) { _ in CacheProbeDeinit(freed) }
        }
        XCTAssertEqual(freed.value, 10)
    }
}

private final class CacheProbeDeinit: Sendable {
    let counter: Mutexed<Int>
    init(_ counter: Mutexed<Int>) { self.counter = counter }
    deinit { counter.update { $0 += 1 } }
}

private final class CacheProbeA: Sendable { let bytes: [UInt8]; init(_ b: [UInt8]) { bytes = b } }
private final class CacheProbeB: Sendable { let bytes: [UInt8]; init(_ b: [UInt8]) { bytes = b } }
private final class CacheProbeC: Sendable { let bytes: [UInt8]; init(_ b: [UInt8]) { bytes = b } }
