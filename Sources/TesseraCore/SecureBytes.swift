// Heap storage for key material: fixed size, 16-byte aligned, zeroed before it is freed, with a
// small per-key cache of derived state (AES round keys, GHASH tables, HMAC pads) so that code
// which reuses one `SymmetricKey` pays the key schedule once.
//
// The cache is keyed by the state's type and is lock-free: an immutable linked list of entries
// whose head is one atomic pointer. A lookup is an acquiring load (a plain `mov` on x86-64) and a
// walk of one or two nodes, with no lock, no hashing and no thread-id lookup: the Mutex and
// Dictionary it replaces cost ~210 of the ~8,250 instructions of a 16-byte AES-GCM seal under
// callgrind. Derived state is created outside any lock (two threads may both compute it the first
// time; the first published wins and both are equal), then prepended with a compare-exchange
// (releasing, so the state's contents are visible to every acquiring reader). Entries are never
// removed before `deinit`, so a reader may hold a node unretained while the storage is alive.
// Disassembly of `cached` (swift 6.3.1 -O, objdump): a hit is a `mov` of the head, a compare
// loop over the nodes' type ids and one `swift_retain` of the result; no locked instruction.
// Cached objects live as long as the key storage and zero themselves in their own `deinit`.

import Synchronization

/// Fixed-size, zero-on-free byte storage for secrets, with a cache of per-key derived state.
package final class SecureBytes: @unchecked Sendable {
    /// The number of bytes held.
    package let count: Int
    private let base: UnsafeMutableRawPointer
    /// Head of the cache list (+1 retained by this slot), `nil` while empty.
    private let cacheHead = Atomic<Unmanaged<CacheEntry>?>(nil)

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
        cacheHead.load(ordering: .acquiring)?.release()
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
        if let hit = Self.find(id, from: cacheHead.load(ordering: .acquiring)) {
            return unsafeDowncast(hit, to: T.self)
        }
        let fresh = try withUnsafeBytes(make)
        while true {
            let head = cacheHead.load(ordering: .acquiring)
            if let other = Self.find(id, from: head) { return unsafeDowncast(other, to: T.self) }
            let entry = Unmanaged.passRetained(CacheEntry(id: id, value: fresh, next: head?.takeUnretainedValue()))
            if cacheHead.compareExchange(expected: head, desired: entry, ordering: .acquiringAndReleasing).exchanged {
                head?.release()  // the new entry's `next` now holds it
                return fresh
            }
            entry.release()  // another thread published first: look again
        }
    }

    /// The value cached for `id` in the list starting at `head`, if any.
    @inline(__always)
    private static func find(_ id: ObjectIdentifier, from head: Unmanaged<CacheEntry>?) -> AnyObject? {
        var node = head
        while let n = node {
            let hit: AnyObject? = n._withUnsafeGuaranteedRef { e in
                if e.id == id { return e.value }
                node = e.next.map { Unmanaged.passUnretained($0) }
                return nil
            }
            if let hit { return hit }
        }
        return nil
    }
}

/// One published cache entry: immutable once created, holding the entries published before it.
private final class CacheEntry: @unchecked Sendable {
    let id: ObjectIdentifier
    let value: AnyObject
    let next: CacheEntry?

    init(id: ObjectIdentifier, value: AnyObject, next: CacheEntry?) {
        self.id = id
        self.value = value
        self.next = next
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
    _ = secureZeroBarrier(pointer.assumingMemoryBound(to: UInt8.self), count)
}

/// Reads the first and last zeroed bytes, unoptimised and never inlined: the compiler must assume
/// any of the bytes may be read here, so it keeps every store before the call. The reads go
/// through `UnsafeMutablePointer<UInt8>.pointee` and its subscript, whose accessors are
/// `@_transparent` and so inlined even at -Onone: ~10 instructions, where the generic
/// `load(fromByteOffset:as:)` and `withExtendedLifetime` calls it replaced cost ~130 per wipe
/// (callgrind, two wipes per 16-byte AES-GCM seal).
@inline(never)
@_optimize(none)
private func secureZeroBarrier(_ bytes: UnsafeMutablePointer<UInt8>, _ count: Int) -> UInt8 {
    bytes.pointee | bytes[count &- 1]
}

/// Zeroes a whole buffer (see ``secureZero(_:_:)``). Usable from inlinable code (the
/// multi-region copy in ContiguousInput.swift).
@usableFromInline
package func secureZero(_ buffer: UnsafeMutableRawBufferPointer) {
    if let base = buffer.baseAddress, buffer.count > 0 { secureZero(base, buffer.count) }
}
