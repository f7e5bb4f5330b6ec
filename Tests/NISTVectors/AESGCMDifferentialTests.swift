// AES-GCM against OpenSSL (Python's `cryptography`), both directions: OpenSSL seals random
// cases that Tessera must open and reproduce; Tessera seals random cases that OpenSSL must open
// and reproduce. Keys of all sizes, 12-byte and other nonces, AAD, plaintexts of 0...4096 bytes.

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
}
