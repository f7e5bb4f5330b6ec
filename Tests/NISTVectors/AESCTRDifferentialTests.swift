// AESCore.ctr32 (GCM's inc32 counter) against OpenSSL's AES-CTR through Python's `cryptography`
// (Tests/NISTVectors/Oracle/aes_ctr_oracle.py): random keys of all three sizes, random counter
// blocks (many ending exactly at the 2^32 boundary of the low word), every length 0...300 and a
// few large ones, out of place and in place. OpenSSL increments all 128 bits, so those cases
// never cross the wrap; the wrap of the low word is tested separately, by construction.
// Seed: TESSERA_TEST_SEED, or random (printed).

import Foundation
import Tessera
import XCTest

// SplitMix64 (Steele, Lea, Flood 2014) is shared with KDFDifferentialTests.swift.

/// The OpenSSL oracle could not run: the test fails with this message.
private struct OracleFailure: Error, CustomStringConvertible {
    var description: String
}

private struct CTRCase {
    var key: [UInt8]
    var counter: [UInt8]
    var data: [UInt8]
    var inPlace: Bool
}

final class AESCTRDifferentialTests: XCTestCase {
    private let seed: UInt64 = ProcessInfo.processInfo.environment["TESSERA_TEST_SEED"].flatMap { UInt64($0) }
        ?? UInt64.random(in: 0...UInt64.max)

    private func bytes(_ n: Int, _ rng: inout SplitMix64) -> [UInt8] {
        (0..<n).map { _ in UInt8(truncatingIfNeeded: rng.next()) }
    }

    /// Runs ctr32 once over `data`; returns the output and the counter block after the call.
    private func ctr32(_ c: CTRCase) throws -> (out: [UInt8], next: [UInt8]) {
        let aes = try c.key.withUnsafeBytes { try AESCore(key: $0) }
        var counter = c.counter
        var out: [UInt8]
        if c.inPlace {
            out = c.data
            out.withUnsafeMutableBytes { o in
                counter.withUnsafeMutableBytes { cb in
                    aes.ctr32(counterBlock: cb.baseAddress!, input: o.baseAddress!, output: o.baseAddress!, count: o.count)
                }
            }
        } else {
            out = [UInt8](repeating: 0, count: c.data.count)
            c.data.withUnsafeBytes { i in
                out.withUnsafeMutableBytes { o in
                    counter.withUnsafeMutableBytes { cb in
                        // Empty arrays may have no base address: any valid pointer will do for 0 bytes.
                        aes.ctr32(counterBlock: cb.baseAddress!, input: i.baseAddress ?? UnsafeRawPointer(cb.baseAddress!),
                                  output: o.baseAddress ?? cb.baseAddress!, count: i.count)
                    }
                }
            }
        }
        return (out, counter)
    }

    /// The counter block `blocks` increments after `counter` under inc32.
    private func inc32(_ counter: [UInt8], by blocks: Int) -> [UInt8] {
        var low = UInt32(counter[12]) << 24 | UInt32(counter[13]) << 16 | UInt32(counter[14]) << 8 | UInt32(counter[15])
        low &+= UInt32(truncatingIfNeeded: blocks)
        return Array(counter[0..<12]) + [UInt8(low >> 24), UInt8(truncatingIfNeeded: low >> 16),
                                         UInt8(truncatingIfNeeded: low >> 8), UInt8(truncatingIfNeeded: low)]
    }

    /// OpenSSL's AES-CTR output for each case.
    private func oracle(_ cases: [CTRCase]) throws -> [[UInt8]] {
        let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("Oracle/aes_ctr_oracle.py")
        let input = FileManager.default.temporaryDirectory
            .appendingPathComponent("tessera-aes-ctr-\(ProcessInfo.processInfo.processIdentifier)-\(seed).json")
        defer { try? FileManager.default.removeItem(at: input) }
        let json = cases.map { ["key": hexString($0.key), "counter": hexString($0.counter), "data": hexString($0.data)] }
        try JSONSerialization.data(withJSONObject: json).write(to: input)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", script.path, input.path]
        let stdout = Pipe(), stderr = Pipe()
        process.standardOutput = stdout
        process.standardError = stderr
        try process.run()
        let output = stdout.fileHandleForReading.readDataToEndOfFile()
        let errors = stderr.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw OracleFailure(description: "python3 \(script.lastPathComponent) exited with "
                + "\(process.terminationStatus) (is the `cryptography` package installed? "
                + "scripts/test.sh installs it): " + String(decoding: errors, as: UTF8.self))
        }
        let hex = try XCTUnwrap(JSONSerialization.jsonObject(with: output) as? [String])
        return try hex.map { try XCTUnwrap(bytesFromHex($0)) }
    }

    func testAgainstOpenSSLAllLengthsAndKeySizes() throws {
        var rng = SplitMix64(state: seed)
        var cases: [CTRCase] = []
        for keySize in [16, 24, 32] {
            var lengths = Array(0...300)
            lengths += [1023, 4096 + 5, 16384, 65536 + 17]
            for (i, length) in lengths.enumerated() {
                let blocks = (length + 15) / 16
                var counter = bytes(16, &rng)
                // Low word: random, or so that the last block uses exactly 0xFFFFFFFF (or 1...8
                // below it): the largest counters on which OpenSSL's 128-bit increment agrees.
                let room = (UInt64(1) << 32) - UInt64(blocks)  // starts <= room - ... never wrap
                let low: UInt64
                switch i % 4 {
                case 0: low = room - (blocks > 0 ? 0 : 1)
                case 1: low = room - 1 - rng.next() % 8
                default: low = rng.next() % room
                }
                counter[12] = UInt8(truncatingIfNeeded: low >> 24); counter[13] = UInt8(truncatingIfNeeded: low >> 16)
                counter[14] = UInt8(truncatingIfNeeded: low >> 8); counter[15] = UInt8(truncatingIfNeeded: low)
                cases.append(CTRCase(key: bytes(keySize, &rng), counter: counter, data: bytes(length, &rng),
                                     inPlace: i % 2 == 1))
            }
        }
        let expected = try oracle(cases)
        XCTAssertEqual(expected.count, cases.count)
        var ran = 0
        for (c, want) in zip(cases, expected) {
            let (out, next) = try ctr32(c)
            let label = "seed \(seed) key \(c.key.count * 8) bits, \(c.data.count) bytes, counter \(hexString(c.counter))"
            XCTAssertEqual(out, want, label)
            XCTAssertEqual(next, inc32(c.counter, by: (c.data.count + 15) / 16), "next counter, " + label)
            ran += 1
        }
        print("AES-CTR vs OpenSSL: \(ran) cases (seed \(seed))")
        XCTAssertEqual(ran, 3 * 305)
    }

    /// Calls split at block boundaries give the one-shot output and leave the counter where the
    /// next call continues.
    func testSplitCallsMatchOneCall() throws {
        var rng = SplitMix64(state: seed ^ 0x5151)
        for keySize in [16, 24, 32] {
            let key = bytes(keySize, &rng)
            let data = bytes(2000, &rng)
            let counter = bytes(16, &rng)
            let whole = try ctr32(CTRCase(key: key, counter: counter, data: data, inPlace: false)).out
            let aes = try key.withUnsafeBytes { try AESCore(key: $0) }
            var out = data
            var cb = counter
            var at = 0
            while at < data.count {
                let take = min(data.count - at, 16 * Int(rng.next() % 20))
                out.withUnsafeMutableBytes { o in
                    cb.withUnsafeMutableBytes { c in
                        aes.ctr32(counterBlock: c.baseAddress!, input: o.baseAddress! + at, output: o.baseAddress! + at, count: take)
                    }
                }
                at += take
            }
            XCTAssertEqual(out, whole, "seed \(seed) key \(keySize * 8) bits")
            XCTAssertEqual(cb, inc32(counter, by: (data.count + 15) / 16))
        }
    }

    /// inc32 wraps the low word to 0 and never carries into byte 11: checked against ECB of the
    /// counter blocks built by hand, and against OpenSSL in two calls, one on each side of the wrap.
    func testLowWordWrapsWithoutCarry() throws {
        var rng = SplitMix64(state: seed ^ 0xA5A5)
        var oracleCases: [CTRCase] = []
        var outputs: [[UInt8]] = []
        for keySize in [16, 24, 32] {
            for start: UInt32 in [0xFFFF_FFFF, 0xFFFF_FFFD, 0xFFFF_FFF9] {
                let key = bytes(keySize, &rng)
                var counter = bytes(12, &rng) + [UInt8(start >> 24), UInt8(truncatingIfNeeded: start >> 16),
                                                 UInt8(truncatingIfNeeded: start >> 8), UInt8(truncatingIfNeeded: start)]
                counter[11] = 0xFF  // a carry out of the low word would change this byte
                let data = bytes(16 * 11 + 5, &rng)
                let (out, next) = try ctr32(CTRCase(key: key, counter: counter, data: data, inPlace: false))
                XCTAssertEqual(next, inc32(counter, by: 12))
                XCTAssertEqual(Array(next[0..<12]), Array(counter[0..<12]))

                // By construction: ECB of counter_i, i = 0...11, then XOR.
                var blocks: [UInt8] = []
                for i in 0..<12 { blocks += inc32(counter, by: i) }
                let aes = try key.withUnsafeBytes { try AESCore(key: $0) }
                blocks.withUnsafeMutableBytes { b in
                    aes.encrypt(blocks: b.baseAddress!, into: b.baseAddress!, blockCount: 12)
                }
                XCTAssertEqual(out, zip(data, blocks).map { $0 ^ $1 }, "start \(String(start, radix: 16))")

                // OpenSSL: up to the wrap, then from low word 0.
                let before = Int(UInt32.max - start) + 1
                let second = inc32(counter, by: before)
                XCTAssertEqual(Array(second[12...]), [0, 0, 0, 0])
                oracleCases.append(CTRCase(key: key, counter: counter, data: Array(data[0..<(16 * before)]), inPlace: false))
                oracleCases.append(CTRCase(key: key, counter: second, data: Array(data[(16 * before)...]), inPlace: false))
                outputs.append(out)
            }
        }
        let parts = try oracle(oracleCases)
        XCTAssertEqual(parts.count, 2 * outputs.count)
        for (i, out) in outputs.enumerated() {
            XCTAssertEqual(out, parts[2 * i] + parts[2 * i + 1], "wrap case \(i) vs OpenSSL, seed \(seed)")
        }
    }

    /// ctr32(..., firstKeystreamBlock:) equals ECB of the counter block followed by ctr32 from
    /// the next counter (which the OpenSSL test above pins down), for every length 0...300,
    /// in place and not, including a low word about to wrap.
    func testFirstKeystreamBlockVariant() throws {
        var rng = SplitMix64(state: seed ^ 0x3C3C)
        var ran = 0
        for keySize in [16, 24, 32] {
            let key = bytes(keySize, &rng)
            let aes = try key.withUnsafeBytes { try AESCore(key: $0) }
            for length in 0...300 {
                var counter = bytes(16, &rng)
                if length % 3 == 0 { counter[12] = 0xFF; counter[13] = 0xFF; counter[14] = 0xFF; counter[15] = 0xFD }
                let data = bytes(length, &rng)
                // Expected: E(K, ctr0), then ctr32 from inc32(ctr0).
                var mask = counter
                mask.withUnsafeMutableBytes { aes.encrypt(blocks: $0.baseAddress!, into: $0.baseAddress!, blockCount: 1) }
                let (want, wantNext) = try ctr32(CTRCase(key: key, counter: inc32(counter, by: 1), data: data, inPlace: false))

                var out = data + [0]  // one spare byte so that the pointer exists when length is 0
                var first = [UInt8](repeating: 0, count: 16)
                var cb = counter
                out.withUnsafeMutableBytes { o in
                    cb.withUnsafeMutableBytes { c in
                        first.withUnsafeMutableBytes { f in
                            aes.ctr32(counterBlock: c.baseAddress!, input: o.baseAddress!, output: o.baseAddress!,
                                      count: length, firstKeystreamBlock: f.baseAddress!)
                        }
                    }
                }
                let label = "seed \(seed) key \(keySize * 8) bits, \(length) bytes"
                XCTAssertEqual(first, mask, label)
                XCTAssertEqual(Array(out[0..<length]), want, label)
                XCTAssertEqual(out[length], 0, label)
                XCTAssertEqual(cb, wantNext, label)
                ran += 1
            }
        }
        print("ctr32 with first keystream block: \(ran) cases")
    }
}
