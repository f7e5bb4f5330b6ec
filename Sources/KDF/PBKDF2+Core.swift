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
// padded-key chaining states and the other hashers are one stack struct zeroed at the end
// (one secureZero per derivation); MDHMAC zeroes its K0 block.
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

    // HMAC key schedule (RFC 2104 §2) once: the padded-key chaining states of P, kept with
    // the other key-derived stack values so that one secureZero wipes them all at the end.
    var sec = PBKDF2Secrets<C>(keyed: MDHMAC<C>(key: password))
    defer { withUnsafeMutableBytes(of: &sec) { secureZero($0) } }

    // The pre-padded one-block messages for U_j, j ≥ 2 (both hashes see block + hLen bytes).
    let bitLength = UInt64(blockSize + hLen) * 8
    innerBlock.storeBytes(of: 0x80, toByteOffset: hLen, as: UInt8.self)
    C.storeBitLength(bitLength, into: innerBlock)
    outerBlock.storeBytes(of: 0x80, toByteOffset: hLen, as: UInt8.self)
    C.storeBitLength(bitLength, into: outerBlock)

    // The inner hash after the key block and the salt's bytes, shared by every T_i.
    sec.salted = sec.keyed.inner
    sec.salted.update(salt)

    var offset = 0
    var index: UInt32 = 1
    while offset < out.count {
        // U_1 = HMAC(P, S || INT(i)), its bytes left in innerBlock[0..<hLen].
        sec.inner = sec.salted
        withUnsafeBytes(of: index.bigEndian) { sec.inner.update($0) }
        sec.inner.finalize(into: outerBlock)
        sec.outer = sec.keyed.outer
        sec.outer.update(UnsafeRawBufferPointer(start: outerBlock, count: hLen))
        sec.outer.finalize(into: innerBlock)
        t.copyMemory(from: innerBlock, byteCount: hLen)

        // U_2 … U_c: two compressions each.
        var j = 1
        while j < rounds {
            sec.state = sec.keyed.inner.state
            C.compress(&sec.state, innerBlock, 1)
            C.storeDigest(sec.state, outerBlock)
            sec.state = sec.keyed.outer.state
            C.compress(&sec.state, outerBlock, 1)
            C.storeDigest(sec.state, innerBlock)
            xorBytes32(t, innerBlock, hLen)
            j += 1
        }

        let n = Swift.min(hLen, out.count - offset)
        (out.baseAddress! + offset).copyMemory(from: t, byteCount: n)
        offset += n
        index &+= 1
    }
}

/// The key-derived values of one PBKDF2 derivation on the stack: HMAC's padded-key states
/// (as good as the password for computing the PRF), the hasher after the salt, U_1's hashers and
/// the chaining state of the U_j loop. One struct, so one secureZero wipes them (copies the
/// compiler keeps in registers or spill slots are out of reach, as anywhere in Swift).
private struct PBKDF2Secrets<C: MDCompression> {
    var keyed: MDHMAC<C>
    var salted: MDHasher<C>
    var inner: MDHasher<C>
    var outer: MDHasher<C>
    var state: C.State

    init(keyed: MDHMAC<C>) {
        self.keyed = keyed
        salted = keyed.inner
        inner = keyed.inner
        outer = keyed.outer
        state = keyed.inner.state
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
