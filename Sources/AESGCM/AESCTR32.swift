// CTR mode with GCM's 32-bit counter, and ECB, over the 8-block fixsliced AES.
//
// What: SP 800-38D §6.5 GCTR: Y_i = X_i ^ E(K, CB_i), where CB_1 is the given counter block and
// CB_(i+1) = inc32(CB_i) increments only the last 4 bytes, as a big-endian integer mod 2^32 (the
// first 12 bytes never change, so a counter at 0xFFFFFFFF wraps to 0 without carrying). A last
// partial block XORs a prefix of its keystream block.
// How: 8 counter blocks are written to a stack buffer (the 12-byte prefix once per call, the
// 4-byte counter per batch), loaded and transposed into planes, encrypted by
// `AESFixslice128.encrypt`, transposed back and XORed into the output as they are stored, so a
// full batch never writes keystream to memory. Only a final partial batch (and the first batch
// when the caller also wants E(K, CB_1), GCM's tag mask) goes through a 128-byte scratch
// buffer, which is wiped before returning.
// Constant time: the loop bounds depend only on `count` (public); the counter is data the key
// never touches, and nothing is indexed by key or data.

import TesseraCore

extension AESFixslice128 {
    /// GCTR with inc32 (see the file comment); `counterBlock` is left at the next unused block.
    /// With `firstKeystream`, E(K, counterBlock) is first written there (16 bytes) and the data
    /// starts at the next counter, in the same pass (GCM's tag mask E(K, J0) and its data).
    static func ctr32(
        roundKeys: UnsafePointer<AESPlane>, rounds: Int, counterBlock: UnsafeMutableRawPointer,
        input: UnsafeRawPointer, output: UnsafeMutableRawPointer, count: Int,
        firstKeystream: UnsafeMutableRawPointer? = nil
    ) {
        if count <= 0 && firstKeystream == nil { return }
        var counter = UnsafeRawPointer(counterBlock).load32BE(12)
        withUnsafeTemporaryAllocation(byteCount: 256, alignment: 16) { buffer in
            let blocks = buffer.baseAddress!
            let scratch = blocks + 128
            let prefix0 = counterBlock.loadUnaligned(fromByteOffset: 0, as: UInt64.self)
            let prefix1 = counterBlock.loadUnaligned(fromByteOffset: 8, as: UInt32.self)
            for b in 0..<8 {
                blocks.storeBytes(of: prefix0, toByteOffset: 16 &* b, as: UInt64.self)
                blocks.storeBytes(of: prefix1, toByteOffset: 16 &* b &+ 8, as: UInt32.self)
            }
            /// Keystream for the next `blockCount` (<= 8) counters into `scratch`. All 8 counter
            /// slots are written even when fewer blocks are needed: the pass loads all 128 bytes,
            /// and a load of never-written stack memory is undefined in LLVM's model, which the
            /// optimiser may exploit once this is inlined (it did: wrong E(K, J0) in GCM).
            @inline(__always) func keystream(_ blockCount: Int) {
                for b in 0..<8 { blocks.store32BE(counter &+ UInt32(truncatingIfNeeded: b), 16 &* b &+ 12) }
                var s = State(loadingBlocksFrom: blocks)
                encrypt(&s, roundKeys: roundKeys, rounds: rounds)
                s.storeBlocks(to: scratch)
                counter &+= UInt32(truncatingIfNeeded: blockCount)
            }
            var done = 0
            if let first = firstKeystream {
                let n = max(0, min(count, 112))
                keystream(1 &+ ((n &+ 15) &>> 4))
                first.copyMemory(from: scratch, byteCount: 16)
                xorBytes(input, scratch + 16, output, n)
                done = n
            }
            while count &- done >= 128 {
                for b in 0..<8 { blocks.store32BE(counter &+ UInt32(truncatingIfNeeded: b), 16 &* b &+ 12) }
                var s = State(loadingBlocksFrom: blocks)
                encrypt(&s, roundKeys: roundKeys, rounds: rounds)
                s.storeBlocks(xoring: input + done, to: output + done)
                counter &+= 8
                done &+= 128
            }
            let rest = count &- done
            if rest > 0 {
                keystream((rest &+ 15) &>> 4)
                xorBytes(input + done, scratch, output + done, rest)
            }
            if rest > 0 || firstKeystream != nil { secureZero(scratch, 128) }
        }
        counterBlock.store32BE(counter, 12)
    }

    /// ECB: encrypts `blockCount` independent 16-byte blocks (`input` may equal `output`).
    static func encryptBlocks(
        roundKeys: UnsafePointer<AESPlane>, rounds: Int,
        input: UnsafeRawPointer, output: UnsafeMutableRawPointer, blockCount: Int
    ) {
        var done = 0
        while blockCount &- done >= 8 {
            var s = State(loadingBlocksFrom: input + 16 &* done)
            encrypt(&s, roundKeys: roundKeys, rounds: rounds)
            s.storeBlocks(to: output + 16 &* done)
            done &+= 8
        }
        let rest = blockCount &- done
        if rest <= 0 { return }
        withUnsafeTemporaryAllocation(byteCount: 128, alignment: 16) { buffer in
            let scratch = buffer.baseAddress!
            // Every byte the pass loads must be written first (see `keystream` in ctr32).
            secureZero(scratch, 128)
            scratch.copyMemory(from: input + 16 &* done, byteCount: 16 &* rest)
            var s = State(loadingBlocksFrom: scratch)
            encrypt(&s, roundKeys: roundKeys, rounds: rounds)
            s.storeBlocks(to: scratch)
            (output + 16 &* done).copyMemory(from: scratch, byteCount: 16 &* rest)
            secureZero(scratch, 128)
        }
    }
}

extension AESFixslice64 {
    /// Largest `count` that ``ctr32(roundKeys:rounds:counterBlock:input:output:count:firstKeystream:)``
    /// takes: E(K, CB_1) and 3 data blocks fill the 4-block pass.
    static var ctr32MaxCount: Int { 48 }

    /// GCTR of `count` <= 48 bytes with E(K, counterBlock) first written to `firstKeystream`, in
    /// one 4-block pass of AESFixslice64: what `AESFixslice128.ctr32` does with a first keystream
    /// block, for messages short enough that half of its 8-block pass would be wasted. The 64
    /// bytes of counter blocks are all written before the pass loads them (see `keystream`
    /// above), and the keystream scratch is wiped.
    static func ctr32(
        roundKeys: UnsafePointer<UInt64>, rounds: Int, counterBlock: UnsafeMutableRawPointer,
        input: UnsafeRawPointer, output: UnsafeMutableRawPointer, count: Int,
        firstKeystream: UnsafeMutableRawPointer
    ) {
        let counter = UnsafeRawPointer(counterBlock).load32BE(12)
        withUnsafeTemporaryAllocation(byteCount: 128, alignment: 16) { buffer in
            let blocks = buffer.baseAddress!
            let scratch = blocks + 64
            let prefix0 = counterBlock.loadUnaligned(fromByteOffset: 0, as: UInt64.self)
            let prefix1 = counterBlock.loadUnaligned(fromByteOffset: 8, as: UInt32.self)
            for b in 0..<4 {
                blocks.storeBytes(of: prefix0, toByteOffset: 16 &* b, as: UInt64.self)
                blocks.storeBytes(of: prefix1, toByteOffset: 16 &* b &+ 8, as: UInt32.self)
                blocks.store32BE(counter &+ UInt32(truncatingIfNeeded: b), 16 &* b &+ 12)
            }
            var s = State(loading4BlocksFrom: blocks)
            encrypt(&s, roundKeys: roundKeys, rounds: rounds)
            s.store4Blocks(to: scratch)
            firstKeystream.copyMemory(from: scratch, byteCount: 16)
            xorBytes(input, scratch + 16, output, count)
            secureZero(scratch, 64)
        }
        counterBlock.store32BE(counter &+ 1 &+ UInt32(truncatingIfNeeded: (count &+ 15) &>> 4), 12)
    }

    /// ECB through the 4-block pass (tests compare it with the vectors): `blockCount` blocks,
    /// `input` may equal `output`.
    static func encryptBlocks(
        roundKeys: UnsafePointer<UInt64>, rounds: Int,
        input: UnsafeRawPointer, output: UnsafeMutableRawPointer, blockCount: Int
    ) {
        withUnsafeTemporaryAllocation(byteCount: 64, alignment: 16) { buffer in
            let scratch = buffer.baseAddress!
            var done = 0
            while done < blockCount {
                let n = min(4, blockCount &- done)
                secureZero(scratch, 64)  // every byte the pass loads is written first
                scratch.copyMemory(from: input + 16 &* done, byteCount: 16 &* n)
                var s = State(loading4BlocksFrom: scratch)
                encrypt(&s, roundKeys: roundKeys, rounds: rounds)
                s.store4Blocks(to: scratch)
                (output + 16 &* done).copyMemory(from: scratch, byteCount: 16 &* n)
                done &+= n
            }
            secureZero(scratch, 64)
        }
    }
}

/// output[i] = input[i] ^ keystream[i] for i < count (8 bytes at a time, then bytes).
@inline(__always)
private func xorBytes(_ input: UnsafeRawPointer, _ keystream: UnsafeRawPointer, _ output: UnsafeMutableRawPointer, _ count: Int) {
    var k = 0
    while count &- k >= 8 {
        let x = input.loadUnaligned(fromByteOffset: k, as: UInt64.self)
        let y = keystream.loadUnaligned(fromByteOffset: k, as: UInt64.self)
        output.storeBytes(of: x ^ y, toByteOffset: k, as: UInt64.self)
        k &+= 8
    }
    while k < count {
        let x = input.load(fromByteOffset: k, as: UInt8.self)
        let y = keystream.load(fromByteOffset: k, as: UInt8.self)
        output.storeBytes(of: x ^ y, toByteOffset: k, as: UInt8.self)
        k &+= 1
    }
}
