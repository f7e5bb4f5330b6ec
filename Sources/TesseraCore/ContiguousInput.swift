// The one place a `DataProtocol` input becomes contiguous bytes: no copy for `Data`, `[UInt8]`
// and other contiguous inputs, one copy for a multi-region input (zeroed before it is freed:
// the input may be a key, a password or a plaintext).

#if canImport(FoundationEssentials)
public import FoundationEssentials
#else
public import Foundation
#endif

/// Calls `body` with the bytes of `data` as one contiguous buffer, copying only when `data` is
/// made of several regions.
///
/// `@inlinable` so that the crypto modules' `@inlinable` DataProtocol entry points run it in the
/// caller's specialised code: through unspecialised generics it cost ~2,000 instructions per call
/// in runtime metadata lookups (callgrind, a 16-byte AES-GCM seal).
@inlinable
package func withContiguousBytes<D: DataProtocol, R>(
    _ data: D, _ body: (UnsafeRawBufferPointer) throws -> R
) rethrows -> R {
    if let r = try data.withContiguousStorageIfAvailable({ try body(UnsafeRawBufferPointer($0)) }) {
        return r
    }
    let regions = data.regions
    if regions.count == 1, let only = regions.first {
        if let r = try only.withContiguousStorageIfAvailable({ try body(UnsafeRawBufferPointer($0)) }) {
            return r
        }
    }
    let count = data.count
    let copy = UnsafeMutableRawBufferPointer.allocate(byteCount: Swift.max(count, 1), alignment: 16)
    defer {
        secureZero(copy)
        copy.deallocate()
    }
    let copied = data.copyBytes(to: copy)
    return try body(UnsafeRawBufferPointer(rebasing: copy[..<copied]))
}
