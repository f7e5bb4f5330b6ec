// CTR mode with GCM's 32-bit counter, and ECB, over the 8-block fixsliced AES.
//
// What: SP 800-38D §6.5 GCTR: Y_i = X_i ^ E(K, CB_i), where CB_1 is the given counter block and
// CB_(i+1) = inc32(CB_i) increments only the last 4 bytes, as a big-endian integer mod 2^32 (the
// first 12 bytes never change, so a counter at 0xFFFFFFFF wraps to 0 without carrying). A last
// partial block XORs a prefix of its keystream block.
// How: 8 counter blocks are written to a stack buffer (the 12-byte prefix once per call, the
// 4-byte counter per batch), encrypted by `AESFixslice128.encrypt8` into a keystream buffer and
// XORed into the output 16 bytes at a time. Both buffers are zeroed before returning.
// Constant time: the loop bounds depend only on `count` (public); the counter is data the key
// never touches, and nothing is indexed by key or data.

import TesseraCore

extension AESFixslice128 {
    /// GCTR with inc32 (see the file comment); `counterBlock` is left at the next unused block.
    static func ctr32(
        roundKeys: UnsafePointer<AESPlane>, rounds: Int, counterBlock: UnsafeMutableRawPointer,
        input: UnsafeRawPointer, output: UnsafeMutableRawPointer, count: Int
    ) {
        if count <= 0 { return }
        var counter = UnsafeRawPointer(counterBlock).load32BE(12)
        withUnsafeTemporaryAllocation(byteCount: 256, alignment: 16) { buffer in
            let blocks = buffer.baseAddress!
            let stream = blocks + 128
            let prefix0 = counterBlock.loadUnaligned(fromByteOffset: 0, as: UInt64.self)
            let prefix1 = counterBlock.loadUnaligned(fromByteOffset: 8, as: UInt32.self)
            for b in 0..<8 {
                blocks.storeBytes(of: prefix0, toByteOffset: 16 * b, as: UInt64.self)
                blocks.storeBytes(of: prefix1, toByteOffset: 16 * b + 8, as: UInt32.self)
            }
            var done = 0
            while count &- done >= 128 {
                for b in 0..<8 { blocks.store32BE(counter &+ UInt32(truncatingIfNeeded: b), 16 * b + 12) }
                encrypt8(blocks, stream, roundKeys: roundKeys, rounds: rounds)
                for k in 0..<8 {
                    let at = done &+ 16 &* k
                    let x = input.loadUnaligned(fromByteOffset: at, as: AESPlane.self)
                    let y = stream.load(fromByteOffset: 16 &* k, as: AESPlane.self)
                    output.storeBytes(of: x ^ y, toByteOffset: at, as: AESPlane.self)
                }
                counter &+= 8
                done &+= 128
            }
            let rest = count &- done
            if rest > 0 {
                let blockCount = (rest &+ 15) &>> 4
                for b in 0..<blockCount {
                    blocks.store32BE(counter &+ UInt32(truncatingIfNeeded: b), 16 * b + 12)
                }
                encrypt8(blocks, stream, roundKeys: roundKeys, rounds: rounds)
                var k = 0
                while rest &- k >= 8 {
                    let x = input.loadUnaligned(fromByteOffset: done &+ k, as: UInt64.self)
                    let y = stream.load(fromByteOffset: k, as: UInt64.self)
                    output.storeBytes(of: x ^ y, toByteOffset: done &+ k, as: UInt64.self)
                    k &+= 8
                }
                while k < rest {
                    let x = input.load(fromByteOffset: done &+ k, as: UInt8.self)
                    let y = stream.load(fromByteOffset: k, as: UInt8.self)
                    output.storeBytes(of: x ^ y, toByteOffset: done &+ k, as: UInt8.self)
                    k &+= 1
                }
                counter &+= UInt32(truncatingIfNeeded: blockCount)
            }
            secureZero(buffer)
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
            encrypt8(input + 16 &* done, output + 16 &* done, roundKeys: roundKeys, rounds: rounds)
            done &+= 8
        }
        let rest = blockCount &- done
        if rest <= 0 { return }
        withUnsafeTemporaryAllocation(byteCount: 128, alignment: 16) { buffer in
            let scratch = buffer.baseAddress!
            scratch.copyMemory(from: input + 16 &* done, byteCount: 16 &* rest)
            encrypt8(scratch, scratch, roundKeys: roundKeys, rounds: rounds)
            (output + 16 &* done).copyMemory(from: scratch, byteCount: 16 &* rest)
            secureZero(buffer)
        }
    }
}
