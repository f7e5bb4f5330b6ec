// AES-GCM against OpenSSL (Python's `cryptography`), both directions: OpenSSL seals random
// cases that Tessera must open and reproduce; Tessera seals random cases that OpenSSL must open
// and reproduce. Keys of all sizes, 12-byte and other nonces, AAD, plaintexts of 0...4096 bytes,
// and every plaintext length 0...600 through the public `AES.GCM.seal`/`open` (the short-message
// paths: one AES pass, one GHASH call, stack-built boxes) with AAD lengths around their limits.

import Foundation
import Tessera
import XCTest

final class AESGCMDifferentialTests: XCTestCase {
    func testOpenSSLSealsTesseraOpens() throws {
        let cases = try PythonOracle.jsonLines("gcm_oracle.py", ["generate", "400", "20261123"])
        XCTAssertEqual(cases.count, 400)
        for backend in AESGCMVectorTests.backends {
            for c in cases {
                let hex = { (k: String) in bytesFromHexString(c[k] as! String)! }
                let gcm = try AES.GCM.Context(key: SymmetricKey(data: hex("key")), ghash: backend)
                let sealed = try gcm.seal(hex("pt"), iv: hex("iv"), authenticating: hex("aad"))
                XCTAssertEqual([UInt8](sealed.ciphertext), hex("ct"))
                XCTAssertEqual([UInt8](sealed.tag), hex("tag"))
                XCTAssertEqual([UInt8](try gcm.open(hex("ct"), iv: hex("iv"), tag: hex("tag"), authenticating: hex("aad"))), hex("pt"))
                if hex("iv").count >= 12 {
                    let nonce = try AES.GCM.Nonce(data: hex("iv"))
                    let box = try gcm.seal(hex("pt"), nonce: nonce, authenticating: hex("aad"))
                    XCTAssertEqual([UInt8](box.ciphertext), hex("ct"))
                    XCTAssertEqual([UInt8](box.tag), hex("tag"))
                    let opened = try gcm.open(AES.GCM.SealedBox(nonce: nonce, ciphertext: hex("ct"), tag: hex("tag")),
                                              authenticating: hex("aad"))
                    XCTAssertEqual([UInt8](opened), hex("pt"))
                }
            }
        }
        print("AES-GCM differential (OpenSSL seals, Tessera opens): \(cases.count) cases x 2 backends")
    }

    func testTesseraSealsOpenSSLOpens() throws {
        var rng = SystemRandomNumberGenerator()
        var lines: [String] = []
        var boxes: [(ct: Data, tag: Data)] = []
        for i in 0..<400 {
            let keyBytes = (0..<[16, 24, 32][i % 3]).map { _ in UInt8.random(in: 0...255, using: &rng) }
            let iv = (0..<(i % 4 == 0 ? Int.random(in: 8...128, using: &rng) : 12)).map { _ in UInt8.random(in: 0...255, using: &rng) }
            let aad = (0..<Int.random(in: 0...64, using: &rng)).map { _ in UInt8.random(in: 0...255, using: &rng) }
            let pt = (0..<Int.random(in: 0...4096, using: &rng)).map { _ in UInt8.random(in: 0...255, using: &rng) }
            let box = try AES.GCM.Context(key: SymmetricKey(data: keyBytes), ghash: i % 2 == 0 ? .table : .constantTime)
                .seal(pt, iv: iv, authenticating: aad)
            boxes.append((box.ciphertext, box.tag))
            let fields = ["key": hexString(keyBytes), "iv": hexString(iv), "aad": hexString(aad), "pt": hexString(pt),
                          "ct": hexString(box.ciphertext), "tag": hexString(box.tag)]
            lines.append(String(decoding: try JSONSerialization.data(withJSONObject: fields), as: UTF8.self))
        }
        let verdicts = try PythonOracle.jsonLines("gcm_oracle.py", ["verify"], input: Data((lines.joined(separator: "\n") + "\n").utf8))
        XCTAssertEqual(verdicts.count, boxes.count)
        for (v, box) in zip(verdicts, boxes) {
            XCTAssertEqual(v["opened"] as? Bool, true)
            XCTAssertEqual(v["ct"] as? String, hexString(box.ct))
            XCTAssertEqual(v["tag"] as? String, hexString(box.tag))
        }
        print("AES-GCM differential (Tessera seals, OpenSSL opens): \(verdicts.count) cases")
    }

    /// Every plaintext length 0...600 through `AES.GCM.seal` and `open` (12-byte nonces), with
    /// AAD of 0...130 bytes (crossing the 112-byte one-call GHASH limit) and both backends:
    /// OpenSSL must reproduce Tessera's ciphertext and tag, and Tessera must open them.
    func testEveryShortLengthAgainstOpenSSL() throws {
        var rng = SystemRandomNumberGenerator()
        var lines: [String] = []
        var cases: [(key: SymmetricKey, aad: [UInt8], pt: [UInt8], box: AES.GCM.SealedBox)] = []
        for n in 0...600 {
            let keyBytes = (0..<[16, 24, 32][n % 3]).map { _ in UInt8.random(in: 0...255, using: &rng) }
            let key = SymmetricKey(data: keyBytes)
            let aad = (0..<((n &* 37) % 131)).map { _ in UInt8.random(in: 0...255, using: &rng) }
            let pt = (0..<n).map { _ in UInt8.random(in: 0...255, using: &rng) }
            let nonce = AES.GCM.Nonce()
            let box = n % 2 == 0
                ? try AES.GCM.seal(pt, using: key, nonce: nonce, authenticating: aad)
                : try AES.GCM.Context(key: key, ghash: .constantTime).seal(pt, nonce: nonce, authenticating: aad)
            XCTAssertEqual(box.combined?.count, 12 + n + 16)
            cases.append((key, aad, pt, box))
            let fields = ["key": hexString(keyBytes), "iv": hexString(Array(nonce)), "aad": hexString(aad),
                          "pt": hexString(pt), "ct": hexString(box.ciphertext), "tag": hexString(box.tag)]
            lines.append(String(decoding: try JSONSerialization.data(withJSONObject: fields), as: UTF8.self))
        }
        let verdicts = try PythonOracle.jsonLines("gcm_oracle.py", ["verify"], input: Data((lines.joined(separator: "\n") + "\n").utf8))
        XCTAssertEqual(verdicts.count, 601)
        for (v, c) in zip(verdicts, cases) {
            let n = c.pt.count
            XCTAssertEqual(v["opened"] as? Bool, true, "length \(n)")
            XCTAssertEqual(v["ct"] as? String, hexString(c.box.ciphertext), "length \(n)")
            XCTAssertEqual(v["tag"] as? String, hexString(c.box.tag), "length \(n)")
            // OpenSSL's ciphertext and tag, opened by Tessera from a box built from the parts.
            let ct = bytesFromHexString(v["ct"] as! String)!
            let tag = bytesFromHexString(v["tag"] as! String)!
            let theirs = try AES.GCM.SealedBox(nonce: c.box.nonce, ciphertext: ct, tag: tag)
            XCTAssertEqual([UInt8](try AES.GCM.open(theirs, using: c.key, authenticating: c.aad)), c.pt, "length \(n)")
            XCTAssertEqual([UInt8](try AES.GCM.Context(key: c.key, ghash: .constantTime).open(theirs, authenticating: c.aad)),
                           c.pt, "length \(n)")
            var forged = tag
            forged[n % 16] ^= 1
            XCTAssertThrowsError(try AES.GCM.open(try AES.GCM.SealedBox(nonce: c.box.nonce, ciphertext: ct, tag: forged),
                                                  using: c.key, authenticating: c.aad), "length \(n)")
        }
        print("AES-GCM differential (every length 0...600, AAD 0...130, Tessera seals, OpenSSL opens): \(verdicts.count) cases")
    }
}
