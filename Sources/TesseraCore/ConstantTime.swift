// Constant-time helpers: comparisons whose running time depends only on the lengths, and
// mask-based selection. No branch or index depends on the compared bytes.

/// Compares two byte buffers in time that depends on their lengths only.
///
/// - Returns: `true` when both have the same length and the same bytes.
package func constantTimeEquals(_ a: UnsafeRawBufferPointer, _ b: UnsafeRawBufferPointer) -> Bool {
    guard a.count == b.count else { return false }
    var diff: UInt8 = 0
    for i in 0..<a.count {
        diff |= a[i] ^ b[i]
    }
    return constantTimeIsZero(diff)
}

/// Compares two byte collections (copied to contiguous storage first when they are not).
package func constantTimeEquals<A: Sequence<UInt8>, B: Sequence<UInt8>>(_ a: A, _ b: B) -> Bool {
    let x = Array(a)
    let y = Array(b)
    return x.withUnsafeBytes { xb in y.withUnsafeBytes { yb in constantTimeEquals(xb, yb) } }
}

/// `true` when `x` is zero, computed without a data-dependent branch: (x - 1) borrows into bit 8
/// exactly when x == 0.
@inline(__always)
package func constantTimeIsZero(_ x: UInt8) -> Bool {
    let borrow = (UInt32(x) &- 1) >> 8  // 0xFFFFFF when x == 0, else 0
    return (borrow & 1) == 1
}
