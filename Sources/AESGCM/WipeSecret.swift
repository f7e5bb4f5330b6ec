// Zeroing of key material and keystream scratch in the AES code, 16 bytes per store.
//
// TesseraCore's `secureZero` stores one byte per iteration in an unoptimised function (about 40
// instructions per byte: 77k instructions for an AES-256 AESCore's 1936 bytes of round keys, 8
// microseconds per key setup and teardown). Here the zeroing is plain 16-byte vector stores,
// followed by a call to a function that is neither inlined nor optimised and receives the
// pointer, so the compiler must assume the zeros are read and cannot drop them as dead stores
// (checked in the disassembly: the `movdqa %xmm0, (...)` stores of a zeroed xmm0 precede the
// call to `opaqueUse`).

/// Zeroes `byteCount` bytes at `pointer` (`byteCount` a multiple of 16) in a way the optimiser
/// keeps.
@inline(__always)
func wipeSecret(_ pointer: UnsafeMutableRawPointer, byteCount: Int) {
    var at = 0
    while at < byteCount {
        pointer.storeBytes(of: SIMD4<UInt32>(), toByteOffset: at, as: SIMD4<UInt32>.self)
        at &+= 16
    }
    opaqueUse(pointer)
}

/// Does nothing, but is neither inlined nor optimised, so callers must assume it reads `p`.
@inline(never) @_optimize(none)
private func opaqueUse(_ p: UnsafeMutableRawPointer) {}
