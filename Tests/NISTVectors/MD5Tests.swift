// MD5 (`Insecure.MD5`): the RFC 1321 §A.5 test suite and RFC 2202 §2 HMAC-MD5 cases from
// cryptography-vectors 50.0.2 (hashes/MD5/rfc-1321.txt, HMAC/rfc-2202-md5.txt; SOURCES.md), and
// differential tests against OpenSSL (hashlib) for MD5, HMAC-MD5 and PBKDF2-HMAC-MD5.

import Foundation
import Tessera
import XCTest

final class MD5Tests: XCTestCase {
    func testRFC1321Suite() throws {
        let vectors = try VectorFile(vectors: "MD5/rfc-1321.txt")
        var count = 0
        for r in vectors.records where r["MD"] != nil {
            let msg = Array(r.hex("Msg").prefix(r.int("Len") / 8))
            let expected = r.hex("MD")
            XCTAssertEqual(Array(Insecure.MD5.hash(data: msg)), expected, "line \(r.line)")
            var h = Insecure.MD5()
            for byte in msg { h.update(data: [byte]) }
            XCTAssertEqual(Array(h.finalize()), expected, "line \(r.line), byte by byte")
            count += 1
        }
        print("rfc-1321.txt: \(count) cases")
        XCTAssertEqual(count, 7)
        XCTAssertEqual(Insecure.MD5.byteCount, 16)
        XCTAssertEqual(Insecure.MD5.blockByteCount, 64)
        XCTAssertEqual(Insecure.MD5.hash(data: [UInt8]()).description,
                       "MD5 digest: d41d8cd98f00b204e9800998ecf8427e")
    }

    func testRFC2202HMACMD5() throws {
        let vectors = try VectorFile(vectors: "HMAC/rfc-2202-md5.txt")
        var count = 0
        for r in vectors.records where r["MD"] != nil {
            let key = SymmetricKey(data: r.hex("Key"))
            let msg = r.hex("Msg")
            let expected = r.hex("MD")
            let mac = HMAC<Insecure.MD5>.authenticationCode(for: msg, using: key)
            XCTAssertEqual(Array(mac), expected, "line \(r.line)")
            XCTAssertTrue(HMAC<Insecure.MD5>.isValidAuthenticationCode(expected, authenticating: msg, using: key))
            var tampered = msg
            tampered[tampered.count - 1] ^= 0x80
            XCTAssertFalse(HMAC<Insecure.MD5>.isValidAuthenticationCode(mac, authenticating: tampered, using: key))
            count += 1
        }
        print("rfc-2202-md5.txt: \(count) cases")
        XCTAssertEqual(count, 7)
    }

    /// Every length 0…300 and a few large ones (one-shot and in random pieces), HMAC with keys
    /// around the block size, and PBKDF2, all against hashlib.
    func testAgainstOpenSSL() throws {
        let seed = UInt64.random(in: 0...UInt64.max)
        print("MD5Tests.testAgainstOpenSSL: seed \(seed)")
        var rng = SplitMix64(state: seed)
        var requests: [[String: Any]] = []
        var mine: [String] = []
        for n in Array(0...300) + [4096, 65_537] {
            let msg = rng.bytes(n)
            requests.append(["op": "hash", "alg": "md5", "msg": hexOf(msg)])
            mine.append(hexOf(Insecure.MD5.hash(data: msg)))
            var h = Insecure.MD5()
            var i = 0
            while i < n {
                let take = Int(rng.next() % UInt64(Swift.min(n - i, 100) + 1))
                h.update(data: msg[i..<(i + take)])
                i += take
            }
            requests.append(["op": "hash", "alg": "md5", "msg": hexOf(msg)])
            mine.append(hexOf(h.finalize()))
        }
        for keyLength in [0, 1, 16, 63, 64, 65, 200] {
            let key = rng.bytes(keyLength)
            let msg = rng.bytes(Int(rng.next() % 300))
            requests.append(["op": "hmac", "alg": "md5", "key": hexOf(key), "msg": hexOf(msg)])
            mine.append(hexOf(HMAC<Insecure.MD5>.authenticationCode(for: msg, using: SymmetricKey(data: key))))
        }
        for (rounds, length) in [(1, 16), (2, 33), (1000, 64)] {
            let pw = rng.bytes(Int(rng.next() % 40)), salt = rng.bytes(16)
            requests.append(["op": "pbkdf2", "alg": "md5", "pw": hexOf(pw), "salt": hexOf(salt),
                             "rounds": rounds, "len": length])
            let key = try KDF.Insecure.PBKDF2.deriveKey(from: pw, salt: salt, using: .insecureMD5,
                                                        outputByteCount: length, unsafeUncheckedRounds: rounds)
            mine.append(key.withUnsafeBytes { hexOf(Array($0)) })
        }
        let answers = try runKDFOracle(requests)
        XCTAssertEqual(answers.count, mine.count)
        var mismatches = 0
        for (i, (a, b)) in zip(answers, mine).enumerated() where a != b {
            mismatches += 1
            if mismatches <= 5 { XCTFail("case \(i): \(requests[i]) OpenSSL \(a), Tessera \(b)") }
        }
        print("MD5 differential: \(mine.count) cases, \(mismatches) mismatches")
        XCTAssertGreaterThan(mine.count, 600)
    }
}
