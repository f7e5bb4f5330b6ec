// AES-GCM section: AES-256-GCM seal and open at 16 B, 1 KiB, 16 KiB and 1 MiB with a reused
// key (the per-key state cached in the SymmetricKey), 1 KiB + 32 B AAD, one-shot (a new key
// object each time: key schedule, H and the GHASH table included), and the constant-time GHASH.

import Foundation
import Tessera

func aesgcmBenchmarkCases() -> [BenchCase] {
    let key = SymmetricKey(size: .bits256)
    let keyBytes = key.withUnsafeBytes { Array($0) }
    let nonce = AES.GCM.Nonce()
    let aad = Data(repeating: 0xAD, count: 32)
    let ct = try! AES.GCM.Context(key: key, ghash: .constantTime)
    let sizes: [(String, Int)] = [("16 B", 16), ("1 KiB", 1024), ("16 KiB", 16384), ("1 MiB", 1 << 20)]
    var cases: [BenchCase] = []
    for (label, n) in sizes {
        let message = Data(repeating: 0x5A, count: n)
        let anchor = "aes256gcm-seal-\(n)"
        cases.append(BenchCase(section: "AES-GCM", name: "AES-256-GCM seal \(label)", unit: .throughput(bytesPerOp: n),
                               anchor: anchor) {
            _ = try! AES.GCM.seal(message, using: key, nonce: nonce)
        })
    }
    for (label, n) in sizes {
        let box = try! AES.GCM.seal(Data(repeating: 0x5A, count: n), using: key, nonce: nonce)
        cases.append(BenchCase(section: "AES-GCM", name: "AES-256-GCM open \(label)", unit: .throughput(bytesPerOp: n),
                               anchor: "aes256gcm-open-\(n)") {
            _ = try! AES.GCM.open(box, using: key)
        })
    }
    let kib = Data(repeating: 0x5A, count: 1024)
    cases.append(BenchCase(section: "AES-GCM", name: "AES-256-GCM seal 1 KiB + 32 B AAD", unit: .throughput(bytesPerOp: 1024),
                           anchor: "aes256gcm-seal-1024-aad32") {
        _ = try! AES.GCM.seal(kib, using: key, nonce: nonce, authenticating: aad)
    })
    for (label, n) in [("16 B", 16), ("16 KiB", 16384)] {
        let message = Data(repeating: 0x5A, count: n)
        cases.append(BenchCase(section: "AES-GCM", name: "AES-256-GCM seal \(label), one-shot key", unit: .throughput(bytesPerOp: n),
                               anchor: "aes256gcm-oneshot-\(n)") {
            _ = try! AES.GCM.seal(message, using: SymmetricKey(data: keyBytes), nonce: nonce)
        })
    }
    for (label, n) in [("16 B", 16), ("16 KiB", 16384)] {
        let message = Data(repeating: 0x5A, count: n)
        cases.append(BenchCase(section: "AES-GCM", name: "AES-256-GCM seal \(label), constant-time GHASH",
                               unit: .throughput(bytesPerOp: n), anchor: "aes256gcm-seal-\(n)") {
            _ = try! ct.seal(message, nonce: nonce, authenticating: [UInt8]())
        })
    }
    return cases
}
