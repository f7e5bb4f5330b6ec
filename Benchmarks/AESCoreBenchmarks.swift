// AES core section: the constant-time fixsliced AES alone, as CTR with GCM's inc32 counter
// (AESCore.ctr32), in place over a reused buffer with a reused expanded key. The anchor
// "aes256-ctr-16k" (Benchmarks/anchors/aescore.py) is OpenSSL's AES-256-CTR on the same size.

import Tessera

func aesCoreBenchmarkCases() -> [BenchCase] {
    var cases: [BenchCase] = []
    for (bits, anchor) in [(128, "aes128-ctr-16k"), (256, "aes256-ctr-16k")] {
        let size = 16384
        var key = [UInt8](repeating: 0, count: bits / 8)
        for i in key.indices { key[i] = UInt8(truncatingIfNeeded: i &* 37 &+ 11) }
        let aes = try! key.withUnsafeBytes { try AESCore(key: $0) }
        let buffer = UnsafeMutableRawPointer.allocate(byteCount: size, alignment: 16)
        buffer.initializeMemory(as: UInt8.self, repeating: 0xA5, count: size)
        let counter = UnsafeMutableRawPointer.allocate(byteCount: 16, alignment: 16)
        counter.initializeMemory(as: UInt8.self, repeating: 0, count: 16)
        cases.append(BenchCase(section: "AES core", name: "AES-\(bits)-CTR 16 KiB", unit: .throughput(bytesPerOp: size),
                               anchor: anchor) {
            aes.ctr32(counterBlock: counter, input: buffer, output: buffer, count: size)
        })
    }
    // Short calls: what a 16-byte GCM seal pays for its AES (E(K, J0) and one data block).
    let key = [UInt8](repeating: 0x3C, count: 32)
    let aes = try! key.withUnsafeBytes { try AESCore(key: $0) }
    let blocks = UnsafeMutableRawPointer.allocate(byteCount: 64, alignment: 16)
    blocks.initializeMemory(as: UInt8.self, repeating: 0x5A, count: 64)
    for n in [1, 2, 4] {
        cases.append(BenchCase(section: "AES core", name: "AES-256 encrypt \(n) block\(n == 1 ? "" : "s")",
                               unit: .opsPerSecond) {
            aes.encrypt(blocks: blocks, into: blocks, blockCount: n)
        })
    }
    return cases
}
