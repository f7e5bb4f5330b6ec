// ct-check: runs one primitive on secrets held in memory that was never written, so that
// `valgrind --tool=memcheck` reports every branch and every memory address computed from them
// ("Conditional jump or move depends on uninitialised value(s)", "Use of uninitialised value").
// The tests run it under valgrind: the constant-time primitives must report nothing; the table
// GHASH must report its lookups (which shows the check can fail).
//
// Usage: CTCheck aes | ghash-ct | ghash-table | gcm-ct | kdf | compare

#if canImport(Glibc)
import Glibc
#endif

let checks: [String: () -> Void] = [
    "aes": checkAES,
    "ghash-ct": checkGHashCT,
    "ghash-table": checkGHashTable,
    "gcm-ct": checkGCMConstantTime,
    "kdf": checkKDF,
    "compare": checkCompare,
]

let arguments = CommandLine.arguments
guard arguments.count == 2, let check = checks[arguments[1]] else {
    print("usage: CTCheck \(checks.keys.sorted().joined(separator: " | "))")
    exit(2)
}
check()
print("ct-check \(arguments[1]): done")
