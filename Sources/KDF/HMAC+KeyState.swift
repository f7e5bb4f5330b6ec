// HMAC's padded-key states (RFC 2104 §2, FIPS 198-1 §4): the hash state after absorbing
// K0 ^ ipad and the one after K0 ^ opad, where K0 is the key zero-padded to the block size
// (or its digest, zero-padded, when the key is longer than a block). Computing them costs two
// compressions; keeping them makes every later MAC under the key cost only the message's
// compressions plus one for the outer hash.
//
// `HMACKeyState` holds them in heap memory that is zeroed in `deinit` and is cached on the
// `SymmetricKey`'s storage (one per hash type), so repeated MACs under one key object skip
// the key schedule. The K0 block itself lives on the stack only while the states are made and
// is zeroed right after.

import TesseraCore

/// The two padded-key hash states of HMAC for one key.
package struct HMACPads<H: HashFunction>: Sendable {
    /// The state after absorbing K0 ^ 0x36…36.
    package var inner: H
    /// The state after absorbing K0 ^ 0x5c…5c.
    package var outer: H

    /// Derives the states from raw key bytes.
    package init(key: UnsafeRawBufferPointer) {
        let blockSize = H.blockByteCount
        precondition(blockSize > 0)
        (inner, outer) = withUnsafeTemporaryAllocation(byteCount: blockSize, alignment: 8) { block in
            let k0 = block.baseAddress!
            k0.initializeMemory(as: UInt8.self, repeating: 0, count: blockSize)
            if key.count > blockSize {
                H.hash(bufferPointer: key).withUnsafeBytes { digest in
                    k0.copyMemory(from: digest.baseAddress!, byteCount: Swift.min(digest.count, blockSize))
                }
            } else if key.count > 0 {
                k0.copyMemory(from: key.baseAddress!, byteCount: key.count)
            }
            // K0 ^ ipad, absorbed; then flip to K0 ^ opad (0x36 ^ 0x5c = 0x6a) and absorb.
            xorBytes(k0, blockSize, 0x36)
            var i = H()
            i.update(bufferPointer: UnsafeRawBufferPointer(block))
            xorBytes(k0, blockSize, 0x36 ^ 0x5c)
            var o = H()
            o.update(bufferPointer: UnsafeRawBufferPointer(block))
            secureZero(k0, blockSize)
            // Not a tail call: see the toolchain note in SHA256+Compress.swift.
            return (i, o)
        }
    }
}

/// XORs `count` bytes at `p` with `byte`.
@inline(__always)
private func xorBytes(_ p: UnsafeMutableRawPointer, _ count: Int, _ byte: UInt8) {
    let word = UInt64(byte) &* 0x0101_0101_0101_0101
    var i = 0
    while i + 8 <= count {
        p.storeBytes(of: p.loadUnaligned(fromByteOffset: i, as: UInt64.self) ^ word, toByteOffset: i, as: UInt64.self)
        i += 8
    }
    while i < count {
        p.storeBytes(of: p.load(fromByteOffset: i, as: UInt8.self) ^ byte, toByteOffset: i, as: UInt8.self)
        i += 1
    }
}

/// HMAC's padded-key states for one `SymmetricKey`, cached on the key's storage; the memory
/// holding them is zeroed when the key's storage is released.
package final class HMACKeyState<H: HashFunction>: @unchecked Sendable {
    private let pads: UnsafeMutablePointer<HMACPads<H>>

    /// Derives the states from the key bytes.
    package init(key: UnsafeRawBufferPointer) {
        pads = .allocate(capacity: 1)
        pads.initialize(to: HMACPads(key: key))
    }

    /// The padded-key states (a copy: hash states are values).
    @inline(__always)
    package var value: HMACPads<H> { pads.pointee }

    deinit {
        pads.deinitialize(count: 1)
        secureZero(UnsafeMutableRawPointer(pads), MemoryLayout<HMACPads<H>>.size)
        pads.deallocate()
    }

    /// The states for `key`, from its cache or made now and cached.
    package static func forKey(_ key: SymmetricKey) -> HMACPads<H> {
        key.storage.cached(HMACKeyState<H>.self) { HMACKeyState<H>(key: $0) }.value
    }
}
