// Big- and little-endian loads and stores at any alignment, for the hot loops. Each compiles to
// one unaligned move plus, for big-endian, one bswap.

extension UnsafeRawPointer {
    /// The big-endian `UInt32` at `offset`.
    @inlinable @inline(__always)
    package func load32BE(_ offset: Int) -> UInt32 {
        UInt32(bigEndian: loadUnaligned(fromByteOffset: offset, as: UInt32.self))
    }
    /// The big-endian `UInt64` at `offset`.
    @inlinable @inline(__always)
    package func load64BE(_ offset: Int) -> UInt64 {
        UInt64(bigEndian: loadUnaligned(fromByteOffset: offset, as: UInt64.self))
    }
    /// The little-endian `UInt32` at `offset`.
    @inlinable @inline(__always)
    package func load32LE(_ offset: Int) -> UInt32 {
        UInt32(littleEndian: loadUnaligned(fromByteOffset: offset, as: UInt32.self))
    }
    /// The little-endian `UInt64` at `offset`.
    @inlinable @inline(__always)
    package func load64LE(_ offset: Int) -> UInt64 {
        UInt64(littleEndian: loadUnaligned(fromByteOffset: offset, as: UInt64.self))
    }
}

extension UnsafeMutableRawPointer {
    /// Stores `value` big-endian at `offset`.
    @inlinable @inline(__always)
    package func store32BE(_ value: UInt32, _ offset: Int) {
        storeBytes(of: value.bigEndian, toByteOffset: offset, as: UInt32.self)
    }
    /// Stores `value` big-endian at `offset`.
    @inlinable @inline(__always)
    package func store64BE(_ value: UInt64, _ offset: Int) {
        storeBytes(of: value.bigEndian, toByteOffset: offset, as: UInt64.self)
    }
    /// Stores `value` little-endian at `offset`.
    @inlinable @inline(__always)
    package func store32LE(_ value: UInt32, _ offset: Int) {
        storeBytes(of: value.littleEndian, toByteOffset: offset, as: UInt32.self)
    }
    /// Stores `value` little-endian at `offset`.
    @inlinable @inline(__always)
    package func store64LE(_ value: UInt64, _ offset: Int) {
        storeBytes(of: value.littleEndian, toByteOffset: offset, as: UInt64.self)
    }
}

extension UnsafeMutableRawPointer {
    /// The big-endian `UInt32` at `offset`.
    @inlinable @inline(__always)
    package func load32BE(_ offset: Int) -> UInt32 { UnsafeRawPointer(self).load32BE(offset) }
    /// The big-endian `UInt64` at `offset`.
    @inlinable @inline(__always)
    package func load64BE(_ offset: Int) -> UInt64 { UnsafeRawPointer(self).load64BE(offset) }
    /// The little-endian `UInt32` at `offset`.
    @inlinable @inline(__always)
    package func load32LE(_ offset: Int) -> UInt32 { UnsafeRawPointer(self).load32LE(offset) }
    /// The little-endian `UInt64` at `offset`.
    @inlinable @inline(__always)
    package func load64LE(_ offset: Int) -> UInt64 { UnsafeRawPointer(self).load64LE(offset) }
}
