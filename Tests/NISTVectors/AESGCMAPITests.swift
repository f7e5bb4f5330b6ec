// The swift-crypto contract of AES.GCM: sizes, errors and edge cases as swift-crypto 4.5.2
// defines them, and the lower-level API's limits.

import Foundation
import Tessera
import XCTest

final class AESGCMAPITests: XCTestCase {
    func testWrongKeySizesThrowIncorrectKeySize() {
        for n in [0, 1, 15, 17, 20, 31, 33, 64] {
            let key = SymmetricKey(data: [UInt8](repeating: 7, count: n))
            XCTAssertThrowsError(try AES.GCM.seal([1, 2, 3], using: key)) {
                XCTAssertEqual($0 as? CryptoKitError, .incorrectKeySize, "key of \(n) bytes")
            }
            XCTAssertThrowsError(try AES.GCM.Context(key: key, ghash: .constantTime))
        }
    }

    func testNonceLengths() throws {
        XCTAssertThrowsError(try AES.GCM.Nonce(data: [UInt8](repeating: 0, count: 11))) {
            XCTAssertEqual($0 as? CryptoKitError, .incorrectParameterSize)
        }
        XCTAssertThrowsError(try AES.GCM.Nonce(data: [UInt8]()))
        XCTAssertEqual(Array(try AES.GCM.Nonce(data: [UInt8](repeating: 5, count: 12))), [UInt8](repeating: 5, count: 12))
        XCTAssertEqual(Array(AES.GCM.Nonce()).count, 12)
        XCTAssertNotEqual(Array(AES.GCM.Nonce()), Array(AES.GCM.Nonce()))

        // A 16-byte nonce seals and opens, but has no combined form (as in swift-crypto).
        let key = SymmetricKey(size: .bits256)
        let long = try AES.GCM.Nonce(data: [UInt8](repeating: 9, count: 16))
        let box = try AES.GCM.seal(Data("hello".utf8), using: key, nonce: long)
        XCTAssertNil(box.combined)
        XCTAssertEqual(Array(box.nonce), Array(long))
        XCTAssertEqual(try AES.GCM.open(box, using: key), Data("hello".utf8))
        let rebuilt = try AES.GCM.SealedBox(nonce: box.nonce, ciphertext: box.ciphertext, tag: box.tag)
        XCTAssertEqual(try AES.GCM.open(rebuilt, using: key), Data("hello".utf8))
    }

    func testSealedBoxShapes() throws {
        let key = SymmetricKey(size: .bits128)
        let box = try AES.GCM.seal(Data(repeating: 1, count: 40), using: key, authenticating: Data("ad".utf8))
        let combined = try XCTUnwrap(box.combined)
        XCTAssertEqual(combined.count, 12 + 40 + 16)
        XCTAssertEqual(box.ciphertext.count, 40)
        XCTAssertEqual(box.tag.count, 16)
        let reopened = try AES.GCM.SealedBox(combined: combined)
        XCTAssertEqual(try AES.GCM.open(reopened, using: key, authenticating: Data("ad".utf8)), Data(repeating: 1, count: 40))
        XCTAssertThrowsError(try AES.GCM.open(reopened, using: key)) {
            XCTAssertEqual($0 as? CryptoKitError, .authenticationFailure)
        }
        // Too short for a nonce and a tag.
        XCTAssertThrowsError(try AES.GCM.SealedBox(combined: [UInt8](repeating: 0, count: 27))) {
            XCTAssertEqual($0 as? CryptoKitError, .incorrectParameterSize)
        }
        // Exactly nonce + tag: an empty message.
        let empty = try AES.GCM.seal([UInt8](), using: key)
        XCTAssertEqual(try AES.GCM.open(try AES.GCM.SealedBox(combined: empty.combined!), using: key), Data())
        // Tags other than 16 bytes are refused by the sealed box.
        XCTAssertThrowsError(try AES.GCM.SealedBox(nonce: AES.GCM.Nonce(), ciphertext: [UInt8](), tag: [UInt8](repeating: 0, count: 15))) {
            XCTAssertEqual($0 as? CryptoKitError, .incorrectParameterSize)
        }
    }

    func testInputKindsAgree() throws {
        // Data, a Data slice with a non-zero start index, [UInt8], ArraySlice: same results.
        let key = SymmetricKey(size: .bits256)
        let nonce = AES.GCM.Nonce()
        let bytes = (0..<300).map { UInt8(truncatingIfNeeded: $0 &* 7) }
        let data = Data(bytes)
        let padded = Data([0xEE] + bytes)
        let slice = padded.dropFirst()
        let reference = try AES.GCM.seal(bytes, using: key, nonce: nonce, authenticating: bytes[3..<9])
        for box in [try AES.GCM.seal(data, using: key, nonce: nonce, authenticating: data[3..<9]),
                    try AES.GCM.seal(slice, using: key, nonce: nonce, authenticating: Data(bytes[3..<9])),
                    try AES.GCM.seal(bytes[...], using: key, nonce: nonce, authenticating: Array(bytes[3..<9]))] {
            XCTAssertEqual(box.combined, reference.combined)
        }
    }

    /// Bytes split over two regions (a discontiguous `DataProtocol`), as swift-crypto tests them.
    private func discontiguous(_ bytes: [UInt8]) -> DispatchData {
        let cut = bytes.count / 2
        var data = bytes[..<cut].withUnsafeBytes { DispatchData(bytes: $0) }
        bytes[cut...].withUnsafeBytes { data.append($0) }
        return data
    }

    func testDiscontiguousInputs() throws {
        let key = SymmetricKey(size: .bits256)
        let nonce = AES.GCM.Nonce()
        let message = Array("Hello, world, it's AES-GCM!".utf8)
        let aad = Array("authenticated, not encrypted".utf8)
        let reference = try AES.GCM.seal(message, using: key, nonce: nonce, authenticating: aad)
        let split = try AES.GCM.seal(discontiguous(message), using: key, nonce: nonce, authenticating: discontiguous(aad))
        XCTAssertEqual(split.combined, reference.combined)
        XCTAssertEqual(try AES.GCM.open(split, using: key, authenticating: discontiguous(aad)), Data(message))
        let nonceBytes = Array(nonce)
        XCTAssertEqual(Array(try AES.GCM.Nonce(data: discontiguous(nonceBytes))), nonceBytes)
        let box = try AES.GCM.SealedBox(combined: discontiguous(Array(reference.combined!)))
        XCTAssertEqual(box.combined, reference.combined)
        XCTAssertThrowsError(try AES.GCM.SealedBox(combined: DispatchData.empty))
    }

    func testFailedOpenLeavesTheBoxUnchanged() throws {
        let sealed = try AES.GCM.seal(Data("this is a message".utf8), using: SymmetricKey(size: .bits128))
        let before = (Array(sealed.ciphertext), Array(sealed.nonce), Array(sealed.tag))
        XCTAssertThrowsError(try AES.GCM.open(sealed, using: SymmetricKey(size: .bits128)))
        XCTAssertEqual(before.0, Array(sealed.ciphertext))
        XCTAssertEqual(before.1, Array(sealed.nonce))
        XCTAssertEqual(before.2, Array(sealed.tag))
    }

    /// Every length through both paths (one AES pass up to 112 bytes, then separate E(K, J0)
    /// and CTR): the backends agree, sealing twice gives the same box, and it opens. This caught
    /// uninitialised cipher lanes that made E(K, J0) vary for messages over 112 bytes.
    func testEveryLengthIsDeterministicAndRoundTrips() throws {
        let key = SymmetricKey(size: .bits192)
        let table = try AES.GCM.Context(key: key, ghash: .table)
        let ct = try AES.GCM.Context(key: key, ghash: .constantTime)
        let nonce = AES.GCM.Nonce()
        for n in 0...600 {
            let message = Data((0..<n).map { UInt8(truncatingIfNeeded: $0 &* 7 &+ n) })
            let a = try table.seal(message, nonce: nonce, authenticating: [UInt8]())
            XCTAssertEqual(a.combined, try table.seal(message, nonce: nonce, authenticating: [UInt8]()).combined, "length \(n)")
            XCTAssertEqual(a.combined, try ct.seal(message, nonce: nonce, authenticating: [UInt8]()).combined, "length \(n)")
            XCTAssertEqual(try ct.open(a, authenticating: [UInt8]()), message, "length \(n)")
        }
    }

    func testLowerLevelLimits() throws {
        let gcm = try AES.GCM.Context(key: SymmetricKey(size: .bits128))
        for bad in [0, 1, 3, 5, 7, 9, 10, 11, 17, 32] {
            XCTAssertThrowsError(try gcm.seal([1], iv: [1], authenticating: [UInt8](), tagByteCount: bad)) {
                XCTAssertEqual($0 as? CryptoKitError, .incorrectParameterSize)
            }
            XCTAssertThrowsError(try gcm.open([1], iv: [1], tag: [UInt8](repeating: 0, count: bad), authenticating: [UInt8]()))
        }
        XCTAssertThrowsError(try gcm.seal([1], iv: [UInt8](), authenticating: [UInt8]())) {
            XCTAssertEqual($0 as? CryptoKitError, .incorrectParameterSize)
        }
        // A one-byte IV and a 4-byte tag round-trip.
        let out = try gcm.seal([1, 2, 3], iv: [42], authenticating: [9], tagByteCount: 4)
        XCTAssertEqual(out.tag.count, 4)
        XCTAssertEqual(try gcm.open(out.ciphertext, iv: [42], tag: out.tag, authenticating: [9]), Data([1, 2, 3]))
    }

    func testBackendsAgreeAndKeyCacheIsThreadSafe() throws {
        let key = SymmetricKey(size: .bits256)
        let table = try AES.GCM.Context(key: key, ghash: .table)
        let ct = try AES.GCM.Context(key: key, ghash: .constantTime)
        XCTAssertEqual(table.ghash, .table)
        XCTAssertEqual(ct.ghash, .constantTime)
        let nonce = AES.GCM.Nonce()
        let message = Data((0..<1000).map { UInt8(truncatingIfNeeded: $0) })
        let expected = try table.seal(message, nonce: nonce, authenticating: [UInt8]()).combined
        XCTAssertEqual(try ct.seal(message, nonce: nonce, authenticating: [UInt8]()).combined, expected)

        // Many threads race to build and use one fresh key's cached state.
        let fresh = SymmetricKey(size: .bits128)
        let reference = try AES.GCM.Context(key: SymmetricKey(data: fresh)).seal(message, nonce: nonce, authenticating: [UInt8]()).combined
        let mismatches = Mutexed(0)
        DispatchQueue.concurrentPerform(iterations: 64) { i in
            let box = try? AES.GCM.seal(message, using: fresh, nonce: nonce)
            if box?.combined != reference { mismatches.update { $0 += 1 } }
            if (try? AES.GCM.open(box!, using: fresh)) != message { mismatches.update { $0 += 1 } }
        }
        XCTAssertEqual(mismatches.value, 0)
    }
}

/// A value behind a lock, for counting across threads in tests.
final class Mutexed<T>: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: T
    init(_ value: T) { stored = value }
    var value: T { lock.lock(); defer { lock.unlock() }; return stored }
    func update(_ body: (inout T) -> Void) { lock.lock(); body(&stored); lock.unlock() }
}
