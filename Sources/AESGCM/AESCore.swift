// AESCore: an expanded AES key and the two operations GCM needs, ECB blocks and CTR with inc32.
//
// The work is done by the constant-time fixsliced implementation in AESFixslice128*.swift
// (8 blocks per pass in SSE2 registers), and for GCM's short messages (E(K, J0) and up to 48
// bytes) by AESFixslice64.swift (4 blocks in UInt64 planes); this class owns both forms of the
// round keys, zeroes them when it is freed, and checks the key length. It is immutable after
// init, so one instance may be shared by any number of threads (cached per key by the GCM layer).

import TesseraCore

/// Expanded AES-128/192/256 encryption key (constant-time, bitsliced/fixsliced). Zeroes its round
/// keys in deinit.
///
/// - Important: encryption direction only (what GCM and CTR need). Neither the key schedule
///   nor encryption branches on, or indexes memory by, key or data bytes.
package final class AESCore: @unchecked Sendable {
    /// `(rounds + 1) * 8` round-key planes, then a mask plane (see the key schedule).
    private let roundKeys: UnsafeMutablePointer<AESPlane>
    /// The same round keys as `(rounds + 1) * 8` UInt64 planes for the 4-block AESFixslice64.
    private let roundKeys64: UnsafeMutablePointer<UInt64>
    /// 10, 12 or 14.
    package let rounds: Int

    /// Expands `key`.
    ///
    /// - Parameter key: 16, 24 or 32 bytes (AES-128, AES-192, AES-256).
    /// - Throws: `CryptoKitError.incorrectKeySize` for any other length.
    package init(key: UnsafeRawBufferPointer) throws {
        guard key.count == 16 || key.count == 24 || key.count == 32 else {
            throw CryptoKitError.incorrectKeySize
        }
        roundKeys = .allocate(capacity: AESFixslice128.roundKeyCapacity)
        roundKeys.initialize(repeating: .zero, count: AESFixslice128.roundKeyCapacity)
        roundKeys64 = .allocate(capacity: AESFixslice64.roundKeyCapacity)
        roundKeys64.initialize(repeating: 0, count: AESFixslice64.roundKeyCapacity)
        rounds = AESFixslice128.expandKey(key, into: roundKeys, roundKeys64: roundKeys64)
    }

    deinit {
        secureZero(UnsafeMutableRawPointer(roundKeys), AESFixslice128.roundKeyCapacity * MemoryLayout<AESPlane>.stride)
        roundKeys.deallocate()
        secureZero(UnsafeMutableRawPointer(roundKeys64), AESFixslice64.roundKeyCapacity * 8)
        roundKeys64.deallocate()
    }

    /// ECB: encrypts `blockCount` independent 16-byte blocks (input may equal output).
    ///
    /// - Parameters:
    ///   - input: `16 * blockCount` bytes.
    ///   - output: `16 * blockCount` bytes; may be `input`.
    ///   - blockCount: the number of blocks, >= 0.
    package func encrypt(blocks input: UnsafeRawPointer, into output: UnsafeMutableRawPointer, blockCount: Int) {
        AESFixslice128.encryptBlocks(
            roundKeys: roundKeys, rounds: rounds, input: input, output: output, blockCount: blockCount)
    }

    /// CTR with GCM's inc32: output = input XOR E(K, ctr0) || E(K, ctr1) || ... where ctr0 is the
    /// 16 bytes at `counterBlock` and each next counter block increments the last 4 bytes as a
    /// big-endian UInt32 mod 2^32 (the first 12 bytes never change). `count` may be any length
    /// >= 0; a final partial block uses a prefix of its keystream block. On return `counterBlock`
    /// holds the next unused counter block. input may equal output.
    ///
    /// - Parameters:
    ///   - counterBlock: 16 bytes, read and updated.
    ///   - input: `count` bytes.
    ///   - output: `count` bytes; may be `input`.
    ///   - count: the number of bytes, >= 0.
    package func ctr32(
        counterBlock: UnsafeMutableRawPointer, input: UnsafeRawPointer, output: UnsafeMutableRawPointer, count: Int
    ) {
        AESFixslice128.ctr32(
            roundKeys: roundKeys, rounds: rounds, counterBlock: counterBlock,
            input: input, output: output, count: count)
    }

    /// GCM's tag mask and its GCTR in the same passes: writes E(K, ctr0) to `firstKeystreamBlock`,
    /// where ctr0 is the 16 bytes at `counterBlock`, then does exactly what
    /// ``ctr32(counterBlock:input:output:count:)`` does from inc32(ctr0). With ctr0 = J0 that is
    /// E(K, J0) and the encryption of the message; a message of up to 112 bytes then costs one
    /// 8-block pass instead of two (one for E(K, J0), one for the data).
    ///
    /// - Parameters:
    ///   - counterBlock: 16 bytes, read and updated (to inc32 applied 1 + ceil(count / 16) times).
    ///   - input: `count` bytes.
    ///   - output: `count` bytes; may be `input`.
    ///   - count: the number of bytes, >= 0.
    ///   - firstKeystreamBlock: receives E(K, ctr0), 16 bytes.
    package func ctr32(
        counterBlock: UnsafeMutableRawPointer, input: UnsafeRawPointer, output: UnsafeMutableRawPointer, count: Int,
        firstKeystreamBlock: UnsafeMutableRawPointer
    ) {
        if count <= AESFixslice64.ctr32MaxCount {
            AESFixslice64.ctr32(
                roundKeys: roundKeys64, rounds: rounds, counterBlock: counterBlock,
                input: input, output: output, count: count, firstKeystream: firstKeystreamBlock)
        } else {
            AESFixslice128.ctr32(
                roundKeys: roundKeys, rounds: rounds, counterBlock: counterBlock,
                input: input, output: output, count: count, firstKeystream: firstKeystreamBlock)
        }
    }

    /// ECB through the 4-block AESFixslice64 pass (the one short GCM messages use), for tests:
    /// encrypts `blockCount` independent 16-byte blocks (input may equal output).
    package func encrypt64(blocks input: UnsafeRawPointer, into output: UnsafeMutableRawPointer, blockCount: Int) {
        AESFixslice64.encryptBlocks(
            roundKeys: roundKeys64, rounds: rounds, input: input, output: output, blockCount: blockCount)
    }
}
