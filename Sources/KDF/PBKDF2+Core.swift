// The PBKDF2-HMAC iteration loop (RFC 8018 §5.2), generic over a Merkle–Damgård compression
// function and specialised for each one.
//
// DK = T_1 || T_2 || …, T_i = U_1 ^ U_2 ^ … ^ U_c, U_1 = PRF(P, S || INT(i)),
// U_j = PRF(P, U_{j-1}), PRF = HMAC. The HMAC padded-key states of P are computed once. U_1
// goes through the general hasher (the salt can be any length; its whole blocks are absorbed
// once for all i). Every later U_j is an hLen-byte message after one key block, so both its
// inner and its outer hash are exactly one compression of a block that is pre-padded once:
//   [ U (hLen bytes) | 0x80 | 0… | bit length of (block + hLen) ]
// An iteration is therefore two `compress` calls, two big-endian digest stores and an XOR:
// no padding logic, no length bookkeeping, no allocation.
//
// Scratch (the key block, the two message blocks, T) is one heap buffer zeroed before it is
// freed; chaining states are locals.

import TesseraCore

/// Fills `out` with PBKDF2-HMAC-`C`(password, salt, rounds).
package func pbkdf2HMAC<C: MDCompression>(
    _: C.Type, _ password: UnsafeRawBufferPointer, _ salt: UnsafeRawBufferPointer,
    _ rounds: Int, _ out: UnsafeMutableRawBufferPointer
) {
    precondition(rounds >= 1)
    let blockSize = C.blockByteCount
    let hLen = C.digestByteCount
    guard out.count > 0 else { return }
    // Layout: [key block | inner block | outer block | T (hLen)].
    let scratchSize = 3 * blockSize + hLen
    let scratch = UnsafeMutableRawPointer.allocate(byteCount: scratchSize, alignment: 16)
    scratch.initializeMemory(as: UInt8.self, repeating: 0, count: scratchSize)
    defer {
        secureZero(scratch, scratchSize)
        scratch.deallocate()
    }
    let keyBlock = scratch
    let innerBlock = scratch + blockSize
    let outerBlock = scratch + 2 * blockSize
    let t = scratch + 3 * blockSize

    // HMAC key schedule (RFC 2104 §2): K0 = P zero-padded, or H(P) zero-padded when longer.
    if password.count > blockSize {
        var h = MDHasher<C>()
        h.update(password)
        h.finalize(into: keyBlock)
    } else if password.count > 0 {
        keyBlock.copyMemory(from: password.baseAddress!, byteCount: password.count)
    }
    xorBytes64(keyBlock, blockSize, 0x3636_3636_3636_3636)
    var innerState = C.initialState
    C.compress(&innerState, keyBlock, 1)
    xorBytes64(keyBlock, blockSize, 0x3636_3636_3636_3636 ^ 0x5c5c_5c5c_5c5c_5c5c)
    var outerState = C.initialState
    C.compress(&outerState, keyBlock, 1)

    // The pre-padded one-block messages for U_j, j ≥ 2 (both hashes see block + hLen bytes).
    let bitLength = UInt64(blockSize + hLen) * 8
    for block in [innerBlock, outerBlock] {
        block.storeBytes(of: 0x80, toByteOffset: hLen, as: UInt8.self)
        block.store64BE(bitLength, blockSize - 8)
    }

    // The inner hash after the key block and the salt's bytes, shared by every T_i.
    var saltHasher = MDHasher<C>(state: innerState, byteCount: UInt64(blockSize))
    saltHasher.update(salt)

    var offset = 0
    var index: UInt32 = 1
    while offset < out.count {
        // U_1 = HMAC(P, S || INT(i)), its bytes left in innerBlock[0..<hLen].
        var inner = saltHasher
        withUnsafeBytes(of: index.bigEndian) { inner.update($0) }
        inner.finalize(into: outerBlock)
        var outer = MDHasher<C>(state: outerState, byteCount: UInt64(blockSize))
        outer.update(UnsafeRawBufferPointer(start: outerBlock, count: hLen))
        outer.finalize(into: innerBlock)
        t.copyMemory(from: innerBlock, byteCount: hLen)

        // U_2 … U_c: two compressions each.
        var j = 1
        while j < rounds {
            var s = innerState
            C.compress(&s, innerBlock, 1)
            C.storeDigest(s, outerBlock)
            s = outerState
            C.compress(&s, outerBlock, 1)
            C.storeDigest(s, innerBlock)
            xorBytes32(t, innerBlock, hLen)
            j += 1
        }

        let n = Swift.min(hLen, out.count - offset)
        (out.baseAddress! + offset).copyMemory(from: t, byteCount: n)
        offset += n
        index &+= 1
    }
}

/// XORs `count` bytes (a multiple of 8) at `p` with the repeated `word`.
@inline(__always)
private func xorBytes64(_ p: UnsafeMutableRawPointer, _ count: Int, _ word: UInt64) {
    var i = 0
    while i < count {
        p.storeBytes(of: p.loadUnaligned(fromByteOffset: i, as: UInt64.self) ^ word, toByteOffset: i, as: UInt64.self)
        i += 8
    }
}

/// acc ^= x over `count` bytes (a multiple of 4: every hLen is).
@inline(__always)
private func xorBytes32(_ acc: UnsafeMutableRawPointer, _ x: UnsafeRawPointer, _ count: Int) {
    var i = 0
    while i < count {
        let v = acc.loadUnaligned(fromByteOffset: i, as: UInt32.self) ^ x.loadUnaligned(fromByteOffset: i, as: UInt32.self)
        acc.storeBytes(of: v, toByteOffset: i, as: UInt32.self)
        i += 4
    }
}
