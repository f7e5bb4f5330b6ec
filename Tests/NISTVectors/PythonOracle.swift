// Runs a script of Oracle/ with python3 (OpenSSL through `cryptography`, or `hashlib`), feeding
// it standard input and returning its standard output. Fails the calling test when Python or the
// `cryptography` package is missing, rather than skipping: the differential tests must run.

import Foundation
import XCTest

enum PythonOracle {
    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    /// Runs `Oracle/<script>` with `arguments`, writing `input` to its standard input.
    static func run(_ script: String, _ arguments: [String] = [], input: Data = Data()) throws -> Data {
        let path = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("Oracle").appendingPathComponent(script).path
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", path] + arguments
        let stdin = Pipe(), stdout = Pipe(), stderr = Pipe()
        process.standardInput = stdin
        process.standardOutput = stdout
        process.standardError = stderr
        try process.run()
        // Write and read concurrently so that neither pipe fills up.
        let writer = Thread {
            stdin.fileHandleForWriting.write(input)
            try? stdin.fileHandleForWriting.close()
        }
        writer.start()
        let errData = LockedData()
        let errReader = Thread { errData.set(stderr.fileHandleForReading.readDataToEndOfFile()) }
        errReader.start()
        let out = stdout.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        while !errData.isSet { usleep(1000) }
        guard process.terminationStatus == 0 else {
            throw Failure(description: "python3 \(script) exited \(process.terminationStatus): "
                + String(decoding: errData.get(), as: UTF8.self))
        }
        return out
    }

    /// Runs the script and decodes its output as JSON lines.
    static func jsonLines(_ script: String, _ arguments: [String] = [], input: Data = Data()) throws -> [[String: Any]] {
        let out = try run(script, arguments, input: input)
        return try String(decoding: out, as: UTF8.self).split(separator: "\n").map {
            guard let object = try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] else {
                throw Failure(description: "\(script): a line is not a JSON object")
            }
            return object
        }
    }
}

private final class LockedData: @unchecked Sendable {
    private let lock = NSLock()
    private var data: Data?
    func set(_ d: Data) { lock.lock(); data = d; lock.unlock() }
    var isSet: Bool { lock.lock(); defer { lock.unlock() }; return data != nil }
    func get() -> Data { lock.lock(); defer { lock.unlock() }; return data ?? Data() }
}
