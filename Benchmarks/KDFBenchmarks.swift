// KDF section: SHA-256 and SHA-512 at 64 B and 16 KiB, HMAC-SHA256 of 64 B with a reused key
// (its padded-key states cached in the SymmetricKey), HKDF-SHA256 deriving 32 B (32 B IKM,
// 32 B salt, 10 B info: 8 compressions), and PBKDF2-HMAC-SHA256 as iterations per second.
//
// PBKDF2 is timed as one derivation of 1000 iterations (32 B output, so one PBKDF2 block) and
// reported in ops/s: iterations per second are 1000 × that figure. The per-derivation setup
// (two padded-key compressions and U_1) is under 0.3 % of the 2000 iteration compressions. The
// anchor runs hashlib.pbkdf2_hmac with the same parameters, so the ratio compares like for like.

import Foundation
import Tessera

func kdfBenchmarkCases() -> [BenchCase] {
    var cases: [BenchCase] = []
    for (label, n) in [("64 B", 64), ("16 KiB", 16384)] {
        let message = Data(repeating: 0x5A, count: n)
        cases.append(BenchCase(section: "KDF", name: "SHA-256 \(label)", unit: .throughput(bytesPerOp: n),
                               anchor: "sha256-\(n)") {
            _ = SHA256.hash(data: message)
        })
        cases.append(BenchCase(section: "KDF", name: "SHA-512 \(label)", unit: .throughput(bytesPerOp: n),
                               anchor: "sha512-\(n)") {
            _ = SHA512.hash(data: message)
        })
    }
    let key = SymmetricKey(size: .bits256)
    let message = Data(repeating: 0x5A, count: 64)
    cases.append(BenchCase(section: "KDF", name: "HMAC-SHA256 64 B", unit: .opsPerSecond, anchor: "hmac-sha256-64") {
        _ = HMAC<SHA256>.authenticationCode(for: message, using: key)
    })
    let ikm = SymmetricKey(size: .bits256)
    let salt = Data(repeating: 0x5A, count: 32)
    let info = Data("tessera v1".utf8)
    cases.append(BenchCase(section: "KDF", name: "HKDF-SHA256 32 B out", unit: .opsPerSecond, anchor: "hkdf-sha256-32") {
        _ = HKDF<SHA256>.deriveKey(inputKeyMaterial: ikm, salt: salt, info: info, outputByteCount: 32)
    })
    let password = Data("correct horse battery staple".utf8)
    let pbkdfSalt = Data(repeating: 0x5A, count: 16)
    cases.append(BenchCase(section: "KDF", name: "PBKDF2-HMAC-SHA256 ×1000 iterations (iter/s = 1000 × ops/s)",
                           unit: .opsPerSecond, anchor: "pbkdf2-sha256-1000") {
        _ = try! KDF.Insecure.PBKDF2.deriveKey(from: password, salt: pbkdfSalt, using: .sha256,
                                               outputByteCount: 32, unsafeUncheckedRounds: 1000)
    })
    return cases
}
