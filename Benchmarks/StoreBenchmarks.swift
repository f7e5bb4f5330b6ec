// store section: the secret store at the reference size, 10,000 secrets over 5
// environments (2,000 each, 32-byte values, short descriptions, in a temporary folder):
//   open + get      open the file with the master key and read one value of `prod` with fallback
//                   (parse, key check, manifest MAC, one environment MAC, one AES-GCM open)
//   set             one upsert: lock, re-read, verify, seal, re-MAC, encode, write, fsync, rename
//   list            open without a key and list the metadata of all 10,000
//   list, verified  open with the key and list all (every environment's MAC checked)
//   open + get, passphrase   the same with the master key from scrypt N=2^17, r=8, p=1
// plus a report (storeScalingReport) of file size per secret and how each cost grows from 100
// to 100,000 secrets.

#if canImport(Glibc)
import Glibc
#endif
import Foundation
import Synchronization
import Tessera

/// Folders of the stores the cases use, removed when the benchmarks exit.
private let benchFolders = Mutex<[String]>([])

private func removeBenchFoldersAtExit() {
    atexit {
        for folder in benchFolders.withLock({ $0 }) { try? FileManager.default.removeItem(atPath: folder) }
    }
}

/// A populated store in a fresh temporary folder.
private func makeBenchStore(secrets: Int, environments: [String], credential: StoreCredential,
                            scrypt: ScryptParameters = .default) -> (path: String, folder: String) {
    let folder = NSTemporaryDirectory() + "tessera-store-bench-" + UUID().uuidString
    try! FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    let path = folder + "/secrets.tessera.json"
    benchFolders.withLock { $0.append(folder) }
    let store = try! SecretStore.create(at: path, credential: credential, scrypt: scrypt)
    let perEnvironment = secrets / environments.count
    for env in environments {
        var batch: [(key: String, value: Data)] = []
        batch.reserveCapacity(perEnvironment)
        for i in 0..<perEnvironment {
            batch.append(("SERVICE_\(i)_API_KEY", Data((0..<32).map { _ in UInt8.random(in: 0...255) })))
        }
        try! store.setMany(batch, environment: env)
    }
    return (path, folder)
}

private let benchEnvironments = ["global", "dev", "staging", "prod", "test"]
private let benchKey = try! MasterKey(hexString: String(repeating: "5a", count: 32))

func storeBenchmarkCases() -> [BenchCase] {
    removeBenchFoldersAtExit()
    let (path, _) = makeBenchStore(secrets: 10_000, environments: benchEnvironments, credential: .masterKey(benchKey))
    let writer = try! SecretStore.open(at: path, credential: .masterKey(benchKey))
    var counter = 0
    var cases = [
        BenchCase(section: "store", name: "open + get (10,000 secrets, 5 envs)", unit: .millisecondsPerOp) {
            let store = try! SecretStore.open(at: path, credential: .masterKey(benchKey))
            _ = try! store.get("SERVICE_7_API_KEY", environment: "prod")
        },
        BenchCase(section: "store", name: "set, atomic rewrite (10,000 secrets)", unit: .millisecondsPerOp) {
            counter += 1
            try! writer.set("SERVICE_7_API_KEY", value: String(counter), environment: "dev")
        },
        BenchCase(section: "store", name: "open + list, no key (10,000 secrets)", unit: .millisecondsPerOp) {
            _ = try! SecretStore.open(at: path).list()
        },
        BenchCase(section: "store", name: "open + list, verified (10,000 secrets)", unit: .millisecondsPerOp) {
            _ = try! SecretStore.open(at: path, credential: .masterKey(benchKey)).list()
        },
    ]
    let (passPath, _) = makeBenchStore(secrets: 100, environments: ["global"], credential: .passphrase("bench passphrase"))
    cases.append(BenchCase(section: "store", name: "open + get, passphrase (scrypt N=2^17 r=8 p=1)", unit: .millisecondsPerOp) {
        let store = try! SecretStore.open(at: passPath, credential: .passphrase("bench passphrase"))
        _ = try! store.get("SERVICE_7_API_KEY")
    })
    return cases
}

/// File size per secret and the growth of each cost from 100 to 100,000 secrets (5
/// environments, median of 5 runs each), as lines for the report.
func storeScalingReport() -> [String] {
    let clock = ContinuousClock()
    func milliseconds(_ body: () -> Void) -> Double {
        var samples: [Double] = []
        for _ in 0..<5 {
            let d = clock.measure(body)
            samples.append(Double(d.components.seconds) * 1e3 + Double(d.components.attoseconds) * 1e-15)
        }
        return samples.sorted()[2]
    }
    var lines = ["store scaling (5 environments, 32-byte values; ms, median of 5):",
                 "  secrets    file MB  bytes/secret  open+get      set     list  list(verified)"]
    for n in [100, 1_000, 10_000, 100_000] {
        let (path, folder) = makeBenchStore(secrets: n, environments: benchEnvironments, credential: .masterKey(benchKey))
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
        let writer = try! SecretStore.open(at: path, credential: .masterKey(benchKey))
        var counter = 0
        let get = milliseconds { _ = try! SecretStore.open(at: path, credential: .masterKey(benchKey)).get("SERVICE_7_API_KEY", environment: "prod") }
        let set = milliseconds { counter += 1; try! writer.set("SERVICE_7_API_KEY", value: String(counter), environment: "dev") }
        let list = milliseconds { _ = try! SecretStore.open(at: path).list() }
        let verified = milliseconds { _ = try! SecretStore.open(at: path, credential: .masterKey(benchKey)).list() }
        lines.append(String(format: "  %7d  %9.2f  %12d  %8.2f %8.2f %8.2f  %14.2f", n, Double(size) / 1e6, size / n, get, set, list, verified))
    }
    return lines
}
