// The Merkle–Damgård driver shared by MD5, SHA-1, SHA-224/256 and SHA-384/512 (FIPS 180-4
// §5.1, §6; RFC 1321 §3.1–3.2): it buffers a partial block, feeds whole blocks straight from the
// caller's memory to the compression function (no copy, no allocation), and pads the message at
// the end with 0x80, zeros, and the message length in bits in the last 8 (MD5, SHA-1, SHA-256)
// or 16 (SHA-512) bytes of the final block: big-endian for SHA, little-endian for MD5.
//
// A compression function is a caseless enum adopting `MDCompression`, so `MDHasher<C>` is
// specialised per algorithm inside the module: no existential or witness call per block.
// HMAC, HKDF and PBKDF2 also drive `C.compress` directly on the chaining state they cache.

import TesseraCore

/// A Merkle–Damgård compression function with SHA-style length padding (FIPS 180-4).
package protocol MDCompression {
    /// The chaining state (a tuple of words).
    associatedtype State: Sendable & BitwiseCopyable
    /// The block size in bytes: 64 or 128.
    static var blockByteCount: Int { get }
    /// The size of the trailing bit-length field: 8 or 16.
    static var lengthByteCount: Int { get }
    /// Whether that field is big-endian (SHA) or little-endian (MD5).
    static var lengthIsBigEndian: Bool { get }
    /// The output size in bytes (a truncation of the state for SHA-224 and SHA-384).
    static var digestByteCount: Int { get }
    /// The initial hash value.
    static var initialState: State { get }
    /// Absorbs `blockCount` consecutive blocks at `blocks`.
    static func compress(_ state: inout State, _ blocks: UnsafeRawPointer, _ blockCount: Int)
    /// Writes the first `digestByteCount` bytes of the state, big-endian, to `out`.
    static func storeDigest(_ state: State, _ out: UnsafeMutableRawPointer)
}

extension MDCompression {
    /// The SHA family's big-endian length field.
    package static var lengthIsBigEndian: Bool { true }

    /// Writes a message length of `bits` (< 2^64) into the length field at the end of the
    /// final block `block`, in this function's byte order (the high half of SHA-512's 128-bit
    /// field is left as it is: zero in a zeroed block).
    @inline(__always)
    package static func storeBitLength(_ bits: UInt64, into block: UnsafeMutableRawPointer) {
        if lengthIsBigEndian {
            block.store64BE(bits, blockByteCount - 8)
        } else {
            block.store64LE(bits, blockByteCount - 8)
        }
    }
}

/// The incremental hashing state: chaining value, a partial block, and the length so far.
package struct MDHasher<C: MDCompression>: Sendable {
    /// The chaining value after the last whole block.
    package var state: C.State
    /// Up to one block of not yet compressed bytes (128 bytes, enough for every block size).
    private var buffer: (UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64,
                         UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64)
    /// Bytes held in `buffer`.
    private var buffered: Int
    /// Message bytes absorbed so far (the length field is this times 8).
    package private(set) var byteCount: UInt64

    /// A hasher at the initial hash value.
    @inline(__always)
    package init() {
        self.init(state: C.initialState, byteCount: 0)
    }

    /// A hasher resumed from a chaining state after `byteCount` bytes (a multiple of the block
    /// size): HMAC's cached padded-key states.
    @inline(__always)
    package init(state: C.State, byteCount: UInt64) {
        self.state = state
        self.buffer = (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        self.buffered = 0
        self.byteCount = byteCount
    }

    /// Absorbs `input`.
    package mutating func update(_ input: UnsafeRawBufferPointer) {
        guard var p = input.baseAddress, input.count > 0 else { return }
        var n = input.count
        let blockSize = C.blockByteCount
        byteCount &+= UInt64(truncatingIfNeeded: n)
        if buffered > 0 {
            let take = Swift.min(blockSize - buffered, n)
            withUnsafeMutableBytes(of: &buffer) { buf in
                (buf.baseAddress! + buffered).copyMemory(from: p, byteCount: take)
            }
            buffered += take
            p += take
            n -= take
            guard buffered == blockSize else { return }
            withUnsafeBytes(of: &buffer) { C.compress(&state, $0.baseAddress!, 1) }
            buffered = 0
        }
        let whole = n / blockSize
        if whole > 0 {
            C.compress(&state, p, whole)
            p += whole * blockSize
            n -= whole * blockSize
        }
        if n > 0 {
            withUnsafeMutableBytes(of: &buffer) { $0.baseAddress!.copyMemory(from: p, byteCount: n) }
            buffered = n
        }
    }

    /// Pads, compresses the last block(s) of a copy of the state and writes the digest to `out`
    /// (`C.digestByteCount` bytes). `self` is unchanged.
    package func finalize(into out: UnsafeMutableRawPointer) {
        var copy = self
        copy.padAndCompress()
        C.storeDigest(copy.state, out)
    }

    /// FIPS 180-4 §5.1.1/§5.1.2 padding and the final compression(s).
    private mutating func padAndCompress() {
        let blockSize = C.blockByteCount
        let lengthSize = C.lengthByteCount
        let used = buffered
        let bitsLow = byteCount << 3
        let bitsHigh = byteCount >> 61
        withUnsafeMutableBytes(of: &buffer) { buf in
            let b = buf.baseAddress!
            b.storeBytes(of: 0x80, toByteOffset: used, as: UInt8.self)
            (b + used + 1).initializeMemory(as: UInt8.self, repeating: 0, count: blockSize - used - 1)
            if used + 1 > blockSize - lengthSize {
                C.compress(&state, UnsafeRawPointer(b), 1)
                b.initializeMemory(as: UInt8.self, repeating: 0, count: blockSize)
            }
            if lengthSize == 16 { b.store64BE(bitsHigh, blockSize - 16) }
            C.storeBitLength(bitsLow, into: b)
            C.compress(&state, UnsafeRawPointer(b), 1)
        }
    }
}
