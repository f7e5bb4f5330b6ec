// Heap storage for key material: fixed size, 16-byte aligned, zeroed before it is freed, with a
// small per-key cache of derived state (AES round keys, GHASH tables, HMAC pads) so that code
// which reuses one `SymmetricKey` pays the key schedule once.
//
// The cache is keyed by the state's type. Derived state is created outside the lock (two threads
// may both compute it the first time; one result wins and both are equal), then published under
// a `Mutex`. Cached objects live as long as the key storage and zero themselves in their own
// `deinit`.

import Synchronization

/// Fixed-size, zero-on-free byte storage for secrets, with a cache of per-key derived state.
package final class SecureBytes: @unchecked Sendable {
    /// The number of bytes held.
    package let count: Int
    private let base: UnsafeMutableRawPointer
    private let cache = Mutex<[ObjectIdentifier: AnyObject]>([:])

    /// Allocates `count` bytes and lets `initialize` fill all of them.
    package init(count: Int, initialize: (UnsafeMutableRawBufferPointer) throws -> Void) rethrows {
        precondition(count >= 0)
        self.count = count
        self.base = UnsafeMutableRawPointer.allocate(byteCount: Swift.max(count, 1), alignment: 16)
        base.initializeMemory(as: UInt8.self, repeating: 0, count: Swift.max(count, 1))
        do {
            try initialize(UnsafeMutableRawBufferPointer(start: base, count: count))
        } catch {
            secureZero(base, Swift.max(count, 1))
            base.deallocate()
            throw error
        }
    }

    /// Copies `bytes` into new secure storage.
    package convenience init(copying bytes: UnsafeRawBufferPointer) {
        self.init(count: bytes.count) { dst in
            if bytes.count > 0 { dst.copyMemory(from: bytes) }
        }
    }

    deinit {
        cache.withLock { $0.removeAll() }
        secureZero(base, Swift.max(count, 1))
        base.deallocate()
    }

    /// Calls `body` with the bytes.
    @inlinable
    package func withUnsafeBytes<R>(_ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
        try body(UnsafeRawBufferPointer(start: basePointer, count: count))
    }

    @usableFromInline
    package var basePointer: UnsafeRawPointer { UnsafeRawPointer(base) }

    /// The cached state of type `T` derived from these bytes, made by `make` on first use.
    ///
    /// `make` must be a pure function of the bytes: it may run more than once when two threads
    /// ask at the same time, and the first result published is the one every caller gets.
    package func cached<T: AnyObject & Sendable>(
        _ type: T.Type, make: (UnsafeRawBufferPointer) throws -> T
    ) rethrows -> T {
        let id = ObjectIdentifier(type)
        if let hit = cache.withLock({ $0[id] }) {
            return unsafeDowncast(hit, to: T.self)
        }
        let fresh = try withUnsafeBytes(make)
        return cache.withLock { slots in
            if let other = slots[id] { return unsafeDowncast(other, to: T.self) }
            slots[id] = fresh
            return fresh
        }
    }
}

/// Overwrites `count` bytes at `pointer` with zeros in a way the optimiser does not remove as a
/// dead store: the function is opaque to its callers (never inlined), and after the zeroing (an
/// optimised `memset`, ~0.02 instructions per byte where a byte loop at -Onone took ~40) it hands
/// the memory to an unoptimised barrier that reads it, so the stores must happen.
@inline(never)
package func secureZero(_ pointer: UnsafeMutableRawPointer, _ count: Int) {
    guard count > 0 else { return }
    pointer.initializeMemory(as: UInt8.self, repeating: 0, count: count)
    secureZeroBarrier(pointer, count)
}

/// Reads the first and last zeroed bytes, unoptimised and never inlined: the compiler must assume
/// any of the bytes may be read here, so it keeps every store before the call.
@inline(never)
@_optimize(none)
private func secureZeroBarrier(_ pointer: UnsafeMutableRawPointer, _ count: Int) {
    withExtendedLifetime(pointer.load(as: UInt8.self) | pointer.load(fromByteOffset: count - 1, as: UInt8.self)) {}
}

/// Zeroes a whole buffer (see ``secureZero(_:_:)``). Usable from inlinable code (the
/// multi-region copy in ContiguousInput.swift).
@usableFromInline
package func secureZero(_ buffer: UnsafeMutableRawBufferPointer) {
    if let base = buffer.baseAddress, buffer.count > 0 { secureZero(base, buffer.count) }
}
