// NIST CAVP SHAVS (byte-oriented) for SHA-256, SHA-384 and SHA-512: ShortMsg, LongMsg and the
// Monte Carlo test, from cryptography-vectors 50.0.2 hashes/SHA2 (see SOURCES.md).

import Foundation
import Tessera
import XCTest

final class SHA2VectorTests: XCTestCase {
    /// Runs the ShortMsg and LongMsg files of one hash: each message one-shot, and fed in two
    /// parts split at a point derived from its length, must give MD.
    private func runMessages<H: HashFunction>(_: H.Type, _ file: String) throws -> Int {
        let vectors = try VectorFile(vectors: "SHA2/\(file)")
        var count = 0
        for r in vectors.records where r["Msg"] != nil {
            let bitLength = r.int("Len")
            XCTAssertEqual(bitLength % 8, 0, "\(file) line \(r.line): bit-oriented case")
            let msg = Array(r.hex("Msg").prefix(bitLength / 8))
            let expected = r.hex("MD")
            XCTAssertEqual(Array(H.hash(data: msg)), expected, "\(file) line \(r.line)")
            var h = H()
            let split = msg.isEmpty ? 0 : (msg.count * 7 + 3) % msg.count
            h.update(data: msg[..<split])
            h.update(data: msg[split...])
            XCTAssertEqual(Array(h.finalize()), expected, "\(file) line \(r.line), split at \(split)")
            count += 1
        }
        print("\(file): \(count) cases")
        XCTAssertGreaterThan(count, 0, "\(file) parsed to zero cases")
        return count
    }

    /// SHAVS §6.4 Monte Carlo test: from Seed, 100 checkpoints, each the last of 1000 chained
    /// hashes of MD[i-3] || MD[i-2] || MD[i-1].
    private func runMonte<H: HashFunction>(_: H.Type, _ file: String) throws -> Int {
        let vectors = try VectorFile(vectors: "SHA2/\(file)")
        guard let seedRecord = vectors.records.first(where: { $0["Seed"] != nil }) else {
            XCTFail("\(file): no Seed")
            return 0
        }
        var seed = seedRecord.hex("Seed")
        var count = 0
        for r in vectors.records where r["COUNT"] != nil && r["MD"] != nil {
            XCTAssertEqual(r.int("COUNT"), count, "\(file) line \(r.line): checkpoints out of order")
            var md = (seed, seed, seed)
            for _ in 0..<1000 {
                var h = H()
                h.update(data: md.0)
                h.update(data: md.1)
                h.update(data: md.2)
                md = (md.1, md.2, Array(h.finalize()))
            }
            seed = md.2
            XCTAssertEqual(seed, r.hex("MD"), "\(file) checkpoint \(count)")
            count += 1
        }
        print("\(file): \(count) checkpoints (\(count * 1000) hashes)")
        XCTAssertEqual(count, 100, "\(file): SHAVS Monte has 100 checkpoints")
        return count
    }

    func testSHA256() throws {
        XCTAssertEqual(try runMessages(SHA256.self, "SHA256ShortMsg.rsp"), 65)
        XCTAssertEqual(try runMessages(SHA256.self, "SHA256LongMsg.rsp"), 64)
        _ = try runMonte(SHA256.self, "SHA256Monte.rsp")
    }

    func testSHA384() throws {
        XCTAssertEqual(try runMessages(SHA384.self, "SHA384ShortMsg.rsp"), 129)
        XCTAssertEqual(try runMessages(SHA384.self, "SHA384LongMsg.rsp"), 128)
        _ = try runMonte(SHA384.self, "SHA384Monte.rsp")
    }

    func testSHA512() throws {
        XCTAssertEqual(try runMessages(SHA512.self, "SHA512ShortMsg.rsp"), 129)
        XCTAssertEqual(try runMessages(SHA512.self, "SHA512LongMsg.rsp"), 128)
        _ = try runMonte(SHA512.self, "SHA512Monte.rsp")
    }

    /// FIPS 180-4 examples (NIST "Examples with Intermediate Values", SHA-1 "abc") and the
    /// digest types' API: description, equality with bytes, byte counts.
    func testSHA1AndDigestAPI() {
        XCTAssertEqual(hexOf(Insecure.SHA1.hash(data: Array("abc".utf8))),
                       "a9993e364706816aba3e25717850c26c9cd0d89d")
        let d = SHA256.hash(data: Array("abc".utf8))
        XCTAssertEqual(d.description,
                       "SHA256 digest: ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        XCTAssertTrue(d == bytesFromHexString("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")!)
        XCTAssertFalse(d == [UInt8](repeating: 0, count: 32))
        XCTAssertEqual(SHA256Digest.byteCount, 32)
        XCTAssertEqual(SHA384Digest.byteCount, 48)
        XCTAssertEqual(SHA512Digest.byteCount, 64)
        XCTAssertEqual(Array(SHA384.hash(data: [UInt8]())).count, 48)
        XCTAssertEqual(Set([d, d, SHA256.hash(data: [UInt8]())]).count, 2)
    }
}
