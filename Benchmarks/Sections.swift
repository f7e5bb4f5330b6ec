// Every section's cases, in the order the table prints them.

func allBenchmarkCases() -> [BenchCase] {
    aesgcmBenchmarkCases() + aesCoreBenchmarkCases() + ghashBenchmarkCases()
        + kdfBenchmarkCases() + scryptBenchmarkCases() + storeBenchmarkCases()
}
