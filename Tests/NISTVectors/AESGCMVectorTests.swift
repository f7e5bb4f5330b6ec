// Every case of the NIST CAVP GCM files (SP 800-38D test vectors), on both GHASH backends:
// gcmEncryptExtIV{128,192,256}.rsp through the lower-level API (every IV, AAD, text and tag
// length) and, where the shape allows (IV >= 12 bytes, 16-byte tag), through AES.GCM.seal too;
// gcmDecrypt{128,192,256}.rsp including every FAIL case.

import Foundation
import Tessera
import XCTest

final class AESGCMVectorTests: XCTestCase {
    static let backends: [AES.GCM.GHashImplementation] = [.table, .constantTime]

    /// Parses `file` and checks that every `Count =` line became a record.
    private func load(_ file: String) throws -> VectorFile {
        let f = try VectorFile(vectors: "AES-GCM/\(file)")
        let stated = f.lineCount(startingWith: "Count =")
        XCTAssertGreaterThan(f.records.count, 0, "\(file) parsed to zero cases")
        XCTAssertEqual(f.records.count, stated, "\(file): parsed \(f.records.count) of \(stated) cases")
        return f
    }

    func testEncryptExtIV() throws {
        for bits in [128, 192, 256] {
            let file = try load("gcmEncryptExtIV\(bits).rsp")
            for backend in Self.backends {
                var ran = 0, viaSeal = 0
                for r in file.records {
                    let key = SymmetricKey(data: r.hex("Key"))
                    let iv = r.hex("IV"), pt = r.hex("PT"), aad = r.hex("AAD")
                    let ct = r.hex("CT"), tag = r.hex("Tag")
                    let gcm = try AES.GCM.Context(key: key, ghash: backend)
                    let out = try gcm.seal(pt, iv: iv, authenticating: aad, tagByteCount: tag.count)
                    XCTAssertEqual([UInt8](out.ciphertext), ct, "\(file.name) Count=\(r["Count"]!)")
                    XCTAssertEqual([UInt8](out.tag), tag, "\(file.name) Count=\(r["Count"]!)")
                    XCTAssertEqual([UInt8](try gcm.open(ct, iv: iv, tag: tag, authenticating: aad)), pt)
                    if iv.count >= 12 && tag.count == 16 {
                        let box = try gcm.seal(pt, nonce: try AES.GCM.Nonce(data: iv), authenticating: aad)
                        XCTAssertEqual([UInt8](box.ciphertext), ct)
                        XCTAssertEqual([UInt8](box.tag), tag)
                        viaSeal += 1
                    }
                    ran += 1
                }
                print("\(file.name) [\(backend)]: \(ran) cases (\(viaSeal) also through AES.GCM.seal)")
                XCTAssertEqual(ran, file.records.count)
            }
        }
    }

    func testDecrypt() throws {
        for bits in [128, 192, 256] {
            let file = try load("gcmDecrypt\(bits).rsp")
            let statedFailures = file.lineCount(startingWith: "FAIL")
            for backend in Self.backends {
                var passed = 0, failed = 0
                for r in file.records {
                    let gcm = try AES.GCM.Context(key: SymmetricKey(data: r.hex("Key")), ghash: backend)
                    let iv = r.hex("IV"), ct = r.hex("CT"), aad = r.hex("AAD"), tag = r.hex("Tag")
                    if r.flags.contains("FAIL") {
                        XCTAssertThrowsError(try gcm.open(ct, iv: iv, tag: tag, authenticating: aad)) {
                            XCTAssertEqual($0 as? CryptoKitError, .authenticationFailure)
                        }
                        failed += 1
                    } else {
                        let pt = try gcm.open(ct, iv: iv, tag: tag, authenticating: aad)
                        XCTAssertEqual([UInt8](pt), r.hex("PT"), "\(file.name) Count=\(r["Count"]!)")
                        passed += 1
                    }
                }
                print("\(file.name) [\(backend)]: \(passed + failed) cases (\(failed) FAIL cases rejected)")
                XCTAssertEqual(failed, statedFailures)
                XCTAssertEqual(passed + failed, file.records.count)
            }
        }
    }
}
