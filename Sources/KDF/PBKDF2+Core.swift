// The PBKDF2-HMAC iteration loop (RFC 8018 §5.2), generic over a Merkle–Damgård compression
// function and specialised for each one.
//
// DK = T_1 || T_2 || …, T_i = U_1 ^ U_2 ^ … ^ U_c, U_1 = PRF(P, S || INT(i)),
// U_j = PRF(P, U_{j-1}), PRF = HMAC. The HMAC padded-key states of P are computed once. U_1
// goes through the general hasher (the salt can be any length; its whole blocks are absorbed
// once for all i). Every later U_j is an hLen-byte message after one key block, so both its
// inner and its outer hash are exactly one compression of a block that is pre-padded once:
//   [ U (hLen bytes) | 0x80 | 0… | bit length of (block + hLen) ]
// An iteration is therefore two `compress` calls, two digest stores and an XOR:
// no padding logic, no length bookkeeping, no allocation.
//
// Scratch (the two message blocks, T) is one heap buffer zeroed before it is freed; the
// padded-key chaining states are locals (MDHMAC zeroes its K0 block).
//
// Release disassembly (objdump -d, swift 6.3.1 -O, the SHA-256 specialisation): the iteration
// loop is two calls to the compression function, the big-endian digest stores done with SSE2
// (punpck/pshuflw/pshufhw/packuswb) and a pxor into T, then dec/jne; no allocation, no
// retain/release, no bounds check or overflow trap inside the loop.

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
    // Layout: [inner block | outer block | T (hLen)].
    let scratchSize = 2 * blockSize + hLen
    let scratch = UnsafeMutableRawPointer.allocate(byteCount: scratchSize, alignment: 16)
    scratch.initializeMemory(as: UInt8.self, repeating: 0, count: scratchSize)
    defer {
        secureZero(scratch, scratchSize)
        scratch.deallocate()
    }
    let innerBlock = scratch
    let outerBlock = scratch + blockSize
    let t = scratch + 2 * blockSize

    // HMAC key schedule (RFC 2104 §2) once: the padded-key chaining states of P.
    let keyed = MDHMAC<C>(key: password)
    let innerState = keyed.inner.state
    let outerState = keyed.outer.state

    // The pre-padded one-block messages for U_j, j ≥ 2 (both hashes see block + hLen bytes).
    let bitLength = UInt64(blockSize + hLen) * 8
    innerBlock.storeBytes(of: 0x80, toByteOffset: hLen, as: UInt8.self)
    C.storeBitLength(bitLength, into: innerBlock)
    outerBlock.storeBytes(of: 0x80, toByteOffset: hLen, as: UInt8.self)
    C.storeBitLength(bitLength, into: outerBlock)

    // The inner hash after the key block and the salt's bytes, shared by every T_i.
    var saltHasher = keyed.inner
    saltHasher.update(salt)

    var offset = 0
    var index: UInt32 = 1
    while offset < out.count {
        // U_1 = HMAC(P, S || INT(i)), its bytes left in innerBlock[0..<hLen].
        var inner = saltHasher
        withUnsafeBytes(of: index.bigEndian) { inner.update($0) }
        inner.finalize(into: outerBlock)
        var outer = keyed.outer
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

/// PBKDF2-HMAC-SHA256(password, salt, rounds) written into `out`, without a key object: the
/// entry for scrypt (RFC 7914 §6 runs PBKDF2-HMAC-SHA256 with one iteration before and after
/// ROMix). With one round it costs the two key-schedule compressions, the salt's blocks once,
/// and two or three compressions per 32 bytes of output.
///
/// - Precondition: `rounds` ≥ 1.
package func pbkdf2HMACSHA256(
    password: UnsafeRawBufferPointer, salt: UnsafeRawBufferPointer, rounds: Int,
    into out: UnsafeMutableRawBufferPointer
) {
    pbkdf2HMAC(SHA256Compression.self, password, salt, rounds, out)
}
