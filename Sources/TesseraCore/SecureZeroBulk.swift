// Zeroing for large scratch buffers (scrypt's 128·r·N-byte V): one memset-speed pass instead of
// `secureZero`'s byte loop, which is unoptimised on purpose and costs ~5 ns per byte.
//
// Why the stores survive: the function is `@inline(never)`, not `@inlinable`, and clears memory
// reached through its argument, so inside it the stores are observable to the caller; callers in
// other modules see only an external call (no LTO in SwiftPM builds), so they cannot drop it as a
// dead store before `deallocate()`. Callers in TesseraCore itself should keep using `secureZero`.

/// Overwrites `count` bytes at `pointer` with zeros at memset speed, in a function the caller's
/// optimiser cannot see into. For large buffers owned by another module.
@inline(never)
package func secureZeroBulk(_ pointer: UnsafeMutableRawPointer, _ count: Int) {
    guard count > 0 else { return }
    pointer.initializeMemory(as: UInt8.self, repeating: 0, count: count)
}
