// Differential tests of SHA-1/224(via PBKDF2)/256/384/512, HMAC, HKDF and PBKDF2 against
// OpenSSL through Python (Oracle/kdf_oracle.py: hashlib, hmac, pyca/cryptography), on inputs
// from a seeded generator (the seed is printed, so a failure can be replayed):
// - every message length 0…300 (all block-boundary cases) and a few large ones, one-shot and
//   fed incrementally in random pieces;
// - HMAC keys shorter than, equal to and longer than the block, including empty;
// - HKDF with absent/empty/random salt and info and output lengths up to 255·HashLen;
// - PBKDF2 with small iteration counts and output lengths spanning several blocks.

import Foundation
import Tessera
import XCTest


/// Runs Oracle/kdf_oracle.py on `requests` and returns its answers (hex strings), in order.
func runKDFOracle(_ requests: [[String: Any]], file: StaticString = #filePath, line: UInt = #line) throws -> [String] {
    let payload = try JSONSerialization.data(withJSONObject: requests)
    let data = try PythonOracle.run("kdf_oracle.py", input: payload)
    guard let answers = try JSONSerialization.jsonObject(with: data) as? [String], answers.count == requests.count else {
        XCTFail("kdf_oracle.py returned a malformed answer", file: file, line: line)
        return []
    }
    return answers
}

final class KDFDifferentialTests: XCTestCase {
    private let seed: UInt64 = {
        if let s = ProcessInfo.processInfo.environment["TESSERA_TEST_SEED"], let v = UInt64(s) { return v }
        return UInt64.random(in: 0...UInt64.max)
    }()

    override func setUp() {
        print("\(name): seed \(seed) (set TESSERA_TEST_SEED to replay)")
    }

    private func digestHex<H: HashFunction>(_: H.Type, _ msg: [UInt8], pieces rng: inout SplitMix64) -> (String, String) {
        let oneShot = hexOf(H.hash(data: msg))
        var h = H()
        var i = 0
        while i < msg.count {
            let n = Int(rng.next() % UInt64(Swift.min(msg.count - i, 200) + 1))
            h.update(data: msg[i..<(i + n)])
            i += n
        }
        return (oneShot, hexOf(h.finalize()))
    }

    func testHashesAgainstOpenSSL() throws {
        var rng = SplitMix64(state: seed)
        var lengths = Array(0...300)
        lengths += [1000, 4095, 4096, 4097, 65_536 + 17, 1_000_003]
        var requests: [[String: Any]] = []
        var mine: [(String, String, String)] = []  // (label, one-shot, incremental)
        for n in lengths {
            let msg = rng.bytes(n)
            let hexMsg = hexOf(msg)
            for (alg, pair) in [
                ("sha1", digestHex(Insecure.SHA1.self, msg, pieces: &rng)),
                ("sha256", digestHex(SHA256.self, msg, pieces: &rng)),
                ("sha384", digestHex(SHA384.self, msg, pieces: &rng)),
                ("sha512", digestHex(SHA512.self, msg, pieces: &rng)),
            ] {
                requests.append(["op": "hash", "alg": alg, "msg": hexMsg])
                mine.append(("\(alg) len \(n)", pair.0, pair.1))
            }
        }
        let answers = try runKDFOracle(requests)
        guard answers.count == mine.count else { return }
        for (answer, (label, oneShot, incremental)) in zip(answers, mine) {
            XCTAssertEqual(oneShot, answer, label)
            XCTAssertEqual(incremental, answer, "\(label) incremental")
        }
        print("hash differential: \(answers.count) cases")
        XCTAssertGreaterThan(answers.count, 1000)
    }

    func testHMACAgainstOpenSSL() throws {
        var rng = SplitMix64(state: seed ^ 1)
        let keyLengths = [0, 1, 20, 32, 48, 63, 64, 65, 100, 127, 128, 129, 200, 1000]
        var requests: [[String: Any]] = []
        var mine: [(String, String)] = []
        func add<H: HashFunction>(_: H.Type, _ alg: String, _ key: [UInt8], _ msg: [UInt8]) {
            let mac = HMAC<H>.authenticationCode(for: msg, using: SymmetricKey(data: key))
            requests.append(["op": "hmac", "alg": alg, "key": hexOf(key), "msg": hexOf(msg)])
            mine.append(("hmac-\(alg) key \(key.count) msg \(msg.count)", hexOf(mac)))
        }
        for keyLength in keyLengths {
            for _ in 0..<4 {
                let key = rng.bytes(keyLength)
                let msg = rng.bytes(Int(rng.next() % 300))
                add(SHA256.self, "sha256", key, msg)
                add(SHA384.self, "sha384", key, msg)
                add(SHA512.self, "sha512", key, msg)
                add(Insecure.SHA1.self, "sha1", key, msg)
            }
        }
        let answers = try runKDFOracle(requests)
        guard answers.count == mine.count else { return }
        for (answer, (label, value)) in zip(answers, mine) { XCTAssertEqual(value, answer, label) }
        print("HMAC differential: \(answers.count) cases")
        XCTAssertGreaterThan(answers.count, 100)
    }

    func testHKDFAgainstOpenSSL() throws {
        var rng = SplitMix64(state: seed ^ 2)
        var requests: [[String: Any]] = []
        var mine: [(String, String)] = []
        func add<H: HashFunction>(_: H.Type, _ alg: String, _ hLen: Int) {
            let ikm = rng.bytes(Int(rng.next() % 100))
            let salt: [UInt8]? = rng.next() % 4 == 0 ? nil : rng.bytes(Int(rng.next() % 200))
            let info: [UInt8]? = rng.next() % 4 == 0 ? nil : rng.bytes(Int(rng.next() % 200))
            let length = 1 + Int(rng.next() % UInt64(rng.next() % 3 == 0 ? 255 * hLen : 3 * hLen))
            let key: SymmetricKey
            let ikmKey = SymmetricKey(data: ikm)
            if let salt {
                key = HKDF<H>.deriveKey(inputKeyMaterial: ikmKey, salt: salt, info: info ?? [], outputByteCount: length)
            } else {
                let prk = HKDF<H>.extract(inputKeyMaterial: ikmKey, salt: nil as [UInt8]?)
                key = HKDF<H>.expand(pseudoRandomKey: prk, info: info, outputByteCount: length)
            }
            requests.append(["op": "hkdf", "alg": alg, "ikm": hexOf(ikm), "salt": salt.map { hexOf($0) } ?? NSNull(),
                             "info": info.map { hexOf($0) } ?? NSNull(), "len": length])
            mine.append(("hkdf-\(alg) len \(length) salt \(salt?.count ?? -1) info \(info?.count ?? -1)",
                         key.withUnsafeBytes { hexOf($0) }))
        }
        for _ in 0..<60 {
            add(SHA256.self, "sha256", 32)
            add(SHA384.self, "sha384", 48)
            add(SHA512.self, "sha512", 64)
        }
        let answers = try runKDFOracle(requests)
        guard answers.count == mine.count else { return }
        for (answer, (label, value)) in zip(answers, mine) { XCTAssertEqual(value, answer, label) }
        print("HKDF differential: \(answers.count) cases")
        XCTAssertGreaterThan(answers.count, 100)
    }

    func testPBKDF2AgainstOpenSSL() throws {
        var rng = SplitMix64(state: seed ^ 3)
        let algs: [(KDF.Insecure.PBKDF2.HashFunction, String)] = [
            (.insecureSHA1, "sha1"), (.insecureSHA224, "sha224"), (.sha256, "sha256"),
            (.sha384, "sha384"), (.sha512, "sha512"),
        ]
        var requests: [[String: Any]] = []
        var mine: [(String, String)] = []
        for i in 0..<100 {
            let (hf, alg) = algs[i % algs.count]
            let pw = rng.bytes(Int(rng.next() % 160))
            let salt = rng.bytes(Int(rng.next() % 150))
            let rounds = i % 10 == 0 ? 1000 : 1 + Int(rng.next() % 5)
            let length = 1 + Int(rng.next() % 150)
            let key = try KDF.Insecure.PBKDF2.deriveKey(from: pw, salt: salt, using: hf, outputByteCount: length, unsafeUncheckedRounds: rounds)
            requests.append(["op": "pbkdf2", "alg": alg, "pw": hexOf(pw), "salt": hexOf(salt), "rounds": rounds, "len": length])
            mine.append(("pbkdf2-\(alg) pw \(pw.count) salt \(salt.count) c \(rounds) len \(length)", key.withUnsafeBytes { hexOf($0) }))
        }
        let answers = try runKDFOracle(requests)
        guard answers.count == mine.count else { return }
        for (answer, (label, value)) in zip(answers, mine) { XCTAssertEqual(value, answer, label) }
        print("PBKDF2 differential: \(answers.count) cases")
        XCTAssertEqual(answers.count, 100)
    }
}
