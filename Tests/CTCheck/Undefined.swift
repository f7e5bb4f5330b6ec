// Memory memcheck treats as secret: allocated and never written, so every byte is "undefined".
#if canImport(Glibc)
import Glibc
#endif

/// `count` bytes that were never written (memcheck: undefined), 16-byte aligned. Never freed:
/// the program is short-lived.
func undefinedBytes(_ count: Int) -> UnsafeMutableRawPointer {
    UnsafeMutableRawPointer.allocate(byteCount: count, alignment: 16)
}

/// Keeps `value` alive without branching on it or printing it (an opaque, non-inlined sink).
@inline(never)
func sink<T>(_ value: T) {
    withExtendedLifetime(value) {}
}
