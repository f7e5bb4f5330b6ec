// GHASH section: each backend alone at 16 KiB, one block per call (the per-call overhead a
// 16-byte seal pays), and the per-key setup. No OpenSSL anchor: its GHASH is not exposed alone.
import Tessera
import TesseraAESGCM

func ghashBenchmarkCases() -> [BenchCase] {
    ghashCases(GHashShoupTable.self, name: "table") + ghashCases(GHashCTMul64.self, name: "ct")
}

/// The cases of one backend; generic so that each backend's `absorb` is called directly.
private func ghashCases<K: GHashKey>(_ type: K.Type, name: String) -> [BenchCase] {
    let h = randomBytes(16)
    let key = h.withUnsafeBytes { K(h: $0.baseAddress!) }
    let data = UnsafeMutableRawPointer.allocate(byteCount: 16384, alignment: 16)
    data.initializeMemory(as: UInt8.self, repeating: 0x5A, count: 16384)
    let input = UnsafeRawPointer(data)
    var y = GHashState()
    return [
        BenchCase(section: "GHASH", name: "GHASH \(name) 16 KiB", unit: .throughput(bytesPerOp: 16384)) {
            key.absorb(&y, input, count: 16384)
        },
        BenchCase(section: "GHASH", name: "GHASH \(name) 16 B", unit: .throughput(bytesPerOp: 16)) {
            key.absorb(&y, input, count: 16)
        },
        BenchCase(section: "GHASH", name: "GHASH \(name) key setup", unit: .opsPerSecond) {
            h.withUnsafeBytes { withExtendedLifetime(K(h: $0.baseAddress!)) {} }
        },
    ]
}
