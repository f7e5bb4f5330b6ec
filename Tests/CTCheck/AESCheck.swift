// The AES core on secrets memcheck can see: keys, counter blocks and plaintexts live in memory
// that was never written, so valgrind reports any branch or address computed from them. Covers
// the key schedule for all three key sizes, ctr32 over full and partial batches and a partial
// block (also with the first keystream block, GCM's tag mask: 40 bytes take the 4-block UInt64
// pass, 333 the 8-block SSE2 one), and ECB over 1, 3, 8 and 13 blocks on both passes.

import Tessera

func checkAES() {
    for keySize in [16, 24, 32] {
        let key = UnsafeRawBufferPointer(start: undefinedBytes(keySize), count: keySize)
        let aes = try! AESCore(key: key)  // the length is public; the bytes are not

        let count = 333  // 2 full 8-block batches, then 4 blocks and 13 bytes
        let counter = undefinedBytes(16)
        let input = undefinedBytes(count)
        let output = undefinedBytes(count)
        aes.ctr32(counterBlock: counter, input: input, output: output, count: count)
        aes.ctr32(counterBlock: counter, input: output, output: output, count: 16)  // in place
        let mask = undefinedBytes(16)
        aes.ctr32(counterBlock: counter, input: input, output: output, count: 40, firstKeystreamBlock: mask)
        aes.ctr32(counterBlock: counter, input: input, output: output, count: 16, firstKeystreamBlock: mask)
        aes.ctr32(counterBlock: counter, input: input, output: output, count: count, firstKeystreamBlock: mask)
        sink(output)
        sink(counter)
        sink(mask)

        for blocks in [1, 3, 8, 13] {
            let plain = undefinedBytes(16 * blocks)
            let cipher = undefinedBytes(16 * blocks)
            aes.encrypt(blocks: plain, into: cipher, blockCount: blocks)
            sink(cipher)
            let cipher64 = undefinedBytes(16 * blocks)
            aes.encrypt64(blocks: plain, into: cipher64, blockCount: blocks)
            sink(cipher64)
        }
        sink(aes)
    }
    print("aes: key schedule (128/192/256), ctr32, encrypt(blocks:) ran on undefined secrets")
}
