// Constant-time helpers: comparisons whose running time depends only on the lengths, and
// mask-based selection. No branch or index depends on the compared bytes.

/// Compares two byte buffers in time that depends on their lengths only.
///
/// - Returns: `true` when both have the same length and the same bytes.
package func constantTimeEquals(_ a: UnsafeRawBufferPointer, _ b: UnsafeRawBufferPointer) -> Bool {
    constantTimeEqualityBit(a, b) == 1
}

/// ``constantTimeEquals(_:_:)`` as a byte: 1 when equal, 0 otherwise. For a result that travels
/// through generic code as an `Optional` (`withContiguousBytes`): `Optional<Bool>` stores nil in
/// Bool's spare bit patterns, so testing it branches on the comparison's value (memcheck saw it,
/// CTCheck compare); `Optional<UInt8>` has a separate tag.
package func constantTimeEqualityBit(_ a: UnsafeRawBufferPointer, _ b: UnsafeRawBufferPointer) -> UInt8 {
    guard a.count == b.count else { return 0 }
    var diff: UInt8 = 0
    for i in 0..<a.count {
        diff |= a[i] ^ b[i]
    }
    return UInt8(truncatingIfNeeded: (UInt32(diff) &- 1) >> 31)  // 1 exactly when diff == 0
}

/// Compares two byte collections (copied to contiguous storage first when they are not).
package func constantTimeEquals<A: Sequence<UInt8>, B: Sequence<UInt8>>(_ a: A, _ b: B) -> Bool {
    let x = Array(a)
    let y = Array(b)
    return x.withUnsafeBytes { xb in y.withUnsafeBytes { yb in constantTimeEquals(xb, yb) } }
}
