// `tessera doctor`: the store's security check (in the spirit of 1Backend's `is-secure`). Each
// check prints one line, "ok", "skip" or "FAIL", and the command exits non-zero on any failure:
// 5 when something is tampered or unreadable as a store, 4 for a wrong, weak or all-zero key,
// 1 for the rest (file mode, weak KDF, leftover temporary files). Checks that need a key the
// user did not give are skipped, not failed.

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import Tessera

extension Command {
    static let doctor = Command(
        name: "doctor",
        summary: "check the store's security: file mode, integrity, key, KDF, leftovers",
        usage: ["tessera doctor"],
        details: """
            Checks, one line each:
              - the file is a regular file with mode 0600 (no access for group or others)
              - the format version is one this tessera reads
              - the master key (or passphrase) passes the key check, and is not all zero or
                visibly weak
              - every environment the keys at hand open passes its integrity check (HMAC)
              - a passphrase store's scrypt parameters are at least N=2^15, r=8, p=1
              - no temporary files are left over from an interrupted write

            Exits 0 when every check passes or is skipped for want of a key, 5 when the file is
            corrupt or tampered, 4 for a wrong or weak key, 1 for any other problem.

            example:
              TESSERA_MASTER_KEY_PROD=... tessera doctor --store deploy/secrets.tessera.json
            """,
        run: runDoctor)
}

private struct DoctorReport {
    var worst: ExitCode = .success
    var lines: [String] = []

    mutating func ok(_ text: String) { lines.append("ok    " + text) }
    mutating func skip(_ text: String) { lines.append("skip  " + text) }
    mutating func fail(_ text: String, _ code: ExitCode) {
        lines.append("FAIL  " + text)
        if worst == .success || severity(code) > severity(worst) { worst = code }
    }

    private func severity(_ code: ExitCode) -> Int {
        switch code {
        case .corrupt: return 3
        case .badKey: return 2
        default: return 1
        }
    }
}

private func runDoctor(_ invocation: Invocation) throws -> Int32 {
    let context = try Context(invocation.globals)
    let path = context.storePath
    var report = DoctorReport()

    // The file itself.
    var info = stat()
    guard stat(path, &info) == 0 else {
        throw mapStoreError(.storeNotFound(path: path))
    }
    if (info.st_mode & S_IFMT) != S_IFREG {
        report.fail("\(path) is not a regular file", .corrupt)
    } else if info.st_mode & 0o077 != 0 {
        report.fail("file mode \(octal(info.st_mode & 0o777)): group or others have access (chmod 600 \(path))", .failure)
    } else {
        report.ok("file mode \(octal(info.st_mode & 0o777))")
    }

    let strays = SecretStore.strayTemporaryFiles(forStoreAt: path)
    if strays.isEmpty {
        report.ok("no leftover temporary files")
    } else {
        report.fail("\(strays.count) leftover temporary file\(strays.count == 1 ? "" : "s") from an interrupted write (the next change removes them)", .failure)
    }

    // The given key, before the store judges it.
    var keyGiven = false
    var keyUsable = true
    do {
        if let key = try loadGivenMasterKey(context) {
            keyGiven = true
            if key.masterKey.isAllZero {
                report.fail("the master key is all zero: anyone can read this store (re-encrypt it with 'tessera rotate')", .badKey)
            } else if looksWeak(key.masterKey) {
                report.fail("the master key has few distinct bytes: it does not look random (make one with 'tessera keygen')", .badKey)
            }
        }
    } catch let error as CLIError where error.code == .badKey {
        report.fail(error.message, .badKey)
        keyGiven = true
        keyUsable = false
    }

    // Open: format version, key check, manifest.
    let session: Session
    do {
        session = try Session.open(context, needsKey: false, interactive: false, useGivenKey: keyUsable, lenient: true)
        report.ok("format version \(session.store.formatVersion)")
    } catch let error as CLIError {
        report.fail(error.message, error.code)
        try Terminal.output(report.lines.map { $0 + "\n" }.joined())
        Terminal.error("the store has problems (the lines marked FAIL)")
        return report.worst.rawValue
    }
    let store = session.store
    if let parameters = store.passphraseParameters {
        let minimum = ScryptParameters.recommendedMinimum
        let text = "scrypt N=2^\(parameters.costFactor.trailingZeroBitCount), r=\(parameters.blockSize), p=\(parameters.parallelism)"
        if parameters.costFactor < minimum.costFactor || parameters.blockSize < minimum.blockSize {
            report.fail("\(text) is weaker than N=2^\(minimum.costFactor.trailingZeroBitCount), r=\(minimum.blockSize) (rotate --passphrase re-derives with the default)", .failure)
        } else {
            report.ok(text)
        }
    } else {
        report.ok("key derivation: a 256-bit master key (no passphrase)")
    }

    // The key checks and MACs, wherever a key is at hand.
    let integrity = store.verifyIntegrity()
    if session.refusedMasterKey {
        report.fail("wrong master key or passphrase (the key check fails)", .badKey)
    }
    for name in session.refusedEnvironmentKeys.sorted() {
        report.fail("environment \(name): wrong key in \(ownKeyVariable(name)) (the key check fails)", .badKey)
    }
    switch integrity.manifest {
    case .verified: report.ok("master key passes the key check; environment list verified")
    case .wrongKey: report.fail("wrong master key or passphrase", .badKey)
    case .tampered: report.fail("environment list modified outside tessera", .corrupt)
    case .locked:
        if session.refusedMasterKey {
            break
        } else if keyGiven && keyUsable {
            report.fail("master key not accepted", .badKey)
        } else {
            report.skip("key check: no master key given (TESSERA_MASTER_KEY, --key-file or TESSERA_PASSPHRASE)")
        }
    }
    let summaries = Dictionary(uniqueKeysWithValues: store.environments().map { ($0.name, $0) })
    for (name, status) in integrity.environments {
        let summary = summaries[name]
        let count = summary?.secretCount ?? 0
        let label = "environment \(name) (\(count) secret\(count == 1 ? "" : "s"))"
        let key = summary?.keyKind == .ownKey ? ownKeyVariable(name) : "the master key"
        switch status {
        case .verified: report.ok("\(label): integrity verified")
        case .locked: report.skip("\(label): integrity not checked without \(key)")
        case .wrongKey: report.fail("\(label): wrong key (\(key))", .badKey)
        case .tampered: report.fail("\(label): modified outside tessera (integrity check failed)", .corrupt)
        }
    }
    try Terminal.output(report.lines.map { $0 + "\n" }.joined())
    if report.worst != .success {
        Terminal.error("the store has problems (the lines marked FAIL)")
    }
    return report.worst.rawValue
}

private func octal(_ mode: mode_t) -> String {
    let text = String(mode, radix: 8)
    return String(repeating: "0", count: max(0, 4 - text.count)) + text
}

/// A 32-byte key with fewer than 12 distinct byte values: a random key has about 30 (the chance
/// of fewer than 12 is below 2^-60), so this flags hand-made keys such as repeated patterns.
private func looksWeak(_ key: MasterKey) -> Bool {
    key.symmetricKey.withUnsafeBytes { Set($0).count < 12 }
}
