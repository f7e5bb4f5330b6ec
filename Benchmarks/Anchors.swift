// OpenSSL anchors: runs Benchmarks/anchors/run.py once per OpenSSL configuration with the names
// of the anchors the selected cases need, and reads back one timing per anchor as JSON.

import Foundation

/// The OpenSSL configurations the anchors run under (OPENSSL_ia32cap masks).
enum OpenSSLPath: String, CaseIterable {
    /// AES-NI, PCLMULQDQ and SHA-NI masked off: the SSSE3/AVX software paths (vpaes, etc.).
    case software = "~0x1200000200000000:~0x60020000020"
    /// Everything but plain C masked off.
    case plainC = "~0x1200020200000000:~0x60020000020"

    var title: String { self == .software ? "OpenSSL sw" : "OpenSSL C" }
}

/// Timings of `anchors` under `path`, or nil (with a note on stderr) when Python or
/// `cryptography` is unavailable.
func measureAnchors(_ anchors: [String], path: OpenSSLPath, runs: Int) -> [String: Timing]? {
    guard !anchors.isEmpty else { return [:] }
    let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("anchors/run.py").path
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["python3", script, "--runs", String(runs)] + anchors
    var environment = ProcessInfo.processInfo.environment
    environment["OPENSSL_ia32cap"] = path.rawValue
    process.environment = environment
    let out = Pipe()
    process.standardOutput = out
    do { try process.run() } catch {
        FileHandle.standardError.write(Data("benchmarks: cannot run python3 for the OpenSSL anchors\n".utf8))
        return nil
    }
    let data = out.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    guard process.terminationStatus == 0,
          let timings = try? JSONDecoder().decode([String: Timing].self, from: data)
    else {
        FileHandle.standardError.write(Data("benchmarks: the OpenSSL anchors failed (is `cryptography` installed?)\n".utf8))
        return nil
    }
    return timings
}
