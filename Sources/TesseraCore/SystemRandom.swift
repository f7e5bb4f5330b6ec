// The system CSPRNG. Swift's `SystemRandomNumberGenerator` reads the kernel's generator
// (getrandom(2) on Linux, arc4random on Apple platforms) and traps rather than return weak bytes.

/// Fills `buffer` with bytes from the system's cryptographically secure generator.
package func fillRandom(_ buffer: UnsafeMutableRawBufferPointer) {
    var rng = SystemRandomNumberGenerator()
    var i = 0
    while i + 8 <= buffer.count {
        buffer.storeBytes(of: rng.next() as UInt64, toByteOffset: i, as: UInt64.self)
        i += 8
    }
    if i < buffer.count {
        var last = rng.next() as UInt64
        while i < buffer.count {
            buffer[i] = UInt8(truncatingIfNeeded: last)
            last >>= 8
            i += 1
        }
    }
}

/// `count` random bytes from the system's cryptographically secure generator.
package func randomBytes(_ count: Int) -> [UInt8] {
    [UInt8](unsafeUninitializedCapacity: count) { buffer, initialized in
        fillRandom(UnsafeMutableRawBufferPointer(buffer))
        initialized = count
    }
}
