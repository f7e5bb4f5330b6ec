// scrypt section: one derivation with RFC 7914's interactive-login parameters (N = 16384, r = 8,
// p = 1, 16 MiB), beside OpenSSL's EVP_PBE_scrypt through hashlib (anchors/scrypt.py), and the
// peak memory of one derivation over the process baseline.

#if canImport(Glibc)
import Glibc
#endif
import Foundation
import Tessera

func scryptBenchmarkCases() -> [BenchCase] {
    let password = Array("pleaseletmein".utf8)
    let salt = Array("SodiumChloride".utf8)
    return [
        BenchCase(
            section: "KDF", name: "scrypt N=16384 r=8 p=1 (64 B out)", unit: .millisecondsPerOp,
            anchor: "scrypt-16384-8-1"
        ) {
            _ = try! KDF.Scrypt.deriveKey(
                from: password, salt: salt, outputByteCount: 64, rounds: 16384, blockSize: 8,
                parallelism: 1)
        },
    ]
}

/// One line for the report: the peak resident memory of one scrypt N=16384 r=8 p=1 derivation
/// over the resident memory just before it. A small derivation first faults in the code; then
/// free heap goes back to the system (`malloc_trim`) and the kernel's high-water mark is reset
/// (`/proc/self/clear_refs`, "5"), so VmHWM afterwards is this derivation's peak. Linux only.
func scryptPeakMemoryReport() -> String {
    func statusKiB(_ field: String) -> Int? {
        guard let text = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return nil }
        for line in text.split(separator: "\n") where line.hasPrefix(field + ":") {
            return Int(line.split(separator: " ", omittingEmptySubsequences: true)[1])
        }
        return nil
    }
    func derive(rounds: Int) {
        _ = try! KDF.Scrypt.deriveKey(
            from: Array("pleaseletmein".utf8), salt: Array("SodiumChloride".utf8),
            outputByteCount: 64, rounds: rounds, blockSize: 8, parallelism: 1)
    }
    derive(rounds: 2)
    #if canImport(Glibc)
    // glibc's malloc_trim (a GNU extension the Glibc module does not import): give back the
    // freed heap of earlier cases, so that the derivation's pages are counted when it faults
    // them in again.
    if let trim = dlsym(nil, "malloc_trim") {
        typealias MallocTrim = @convention(c) (Int) -> Int32
        _ = unsafeBitCast(trim, to: MallocTrim.self)(0)
    }
    #endif
    guard (try? "5".write(toFile: "/proc/self/clear_refs", atomically: false, encoding: .utf8)) != nil,
          let baseline = statusKiB("VmRSS")
    else {
        return "scrypt N=16384 r=8 p=1 peak memory: unavailable (needs Linux /proc)"
    }
    derive(rounds: 16384)
    guard let peak = statusKiB("VmHWM") else { return "scrypt peak memory: unavailable" }
    return String(format: "scrypt N=16384 r=8 p=1: peak memory %.2f MiB over the process baseline "
                  + "(V alone is 16 MiB; target <= 17 MiB)", Double(peak - baseline) / 1024)
}
