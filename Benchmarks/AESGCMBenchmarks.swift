// AES-GCM section (filled in with the GCM layer).
import Tessera

func aesgcmBenchmarkCases() -> [BenchCase] {
    let key = SymmetricKey(size: .bits256)
    return [
        BenchCase(section: "Core", name: "SymmetricKey(size: .bits256)", unit: .opsPerSecond) {
            _ = SymmetricKey(size: .bits256)
        },
        BenchCase(section: "Core", name: "SymmetricKey == (32 B)", unit: .opsPerSecond) {
            _ = key == key
        },
    ]
}
