// The benchmark harness: calibrates each case to ~50 ms samples, takes the median of several
// samples with the min–max, runs the OpenSSL anchors in the same process run (through Python's
// `cryptography`/`hashlib` with OPENSSL_ia32cap masking the hardware paths), and prints a table or
// JSON. Progress goes to standard error.

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// One benchmark: `body` performs one operation.
struct BenchCase {
    /// How a case's speed is reported.
    enum Unit {
        /// MB/s, 10^6 bytes of input per second; `bytesPerOp` bytes per call of `body`.
        case throughput(bytesPerOp: Int)
        /// Operations per second.
        case opsPerSecond
        /// Milliseconds per operation.
        case millisecondsPerOp
    }

    let section: String
    let name: String
    let unit: Unit
    /// The name of an OpenSSL reference case in `Benchmarks/anchors/*.py`, measured in the same run.
    let anchor: String?
    let body: () -> Void

    init(section: String, name: String, unit: Unit, anchor: String? = nil, body: @escaping () -> Void) {
        self.section = section
        self.name = name
        self.unit = unit
        self.anchor = anchor
        self.body = body
    }
}

/// Seconds per operation: the median of the samples and their spread.
struct Timing: Codable {
    var median: Double
    var min: Double
    var max: Double
    var samples: Int
}

extension BenchCase.Unit {
    /// The figure for `secondsPerOp` in this unit (higher is better except for ms/op).
    func figure(_ secondsPerOp: Double) -> Double {
        switch self {
        case .throughput(let bytes): return Double(bytes) / secondsPerOp / 1e6
        case .opsPerSecond: return 1 / secondsPerOp
        case .millisecondsPerOp: return secondsPerOp * 1e3
        }
    }

    var label: String {
        switch self {
        case .throughput: return "MB/s"
        case .opsPerSecond: return "ops/s"
        case .millisecondsPerOp: return "ms/op"
        }
    }

    var higherIsBetter: Bool {
        if case .millisecondsPerOp = self { return false }
        return true
    }
}

/// Times `body`: one warm-up, calibration to samples of about `target` seconds, then `runs`
/// samples.
func measure(runs: Int, target: Double = 0.05, _ body: () -> Void) -> Timing {
    let clock = ContinuousClock()
    func seconds(_ d: Duration) -> Double {
        Double(d.components.seconds) + Double(d.components.attoseconds) * 1e-18
    }
    body()
    var iterations = 1
    while true {
        let t = seconds(clock.measure { for _ in 0..<iterations { body() } })
        if t >= target / 4 || iterations >= 1 << 26 {
            iterations = Swift.max(1, Int(Double(iterations) * target / Swift.max(t, 1e-9)))
            break
        }
        iterations *= 4
    }
    var perOp = [Double]()
    for _ in 0..<runs {
        let t = seconds(clock.measure { for _ in 0..<iterations { body() } })
        perOp.append(t / Double(iterations))
    }
    perOp.sort()
    return Timing(median: perOp[perOp.count / 2], min: perOp.first!, max: perOp.last!, samples: runs)
}
