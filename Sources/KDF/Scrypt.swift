// scrypt (RFC 7914 §6) with swift-crypto 4.5.2's `KDF.Scrypt` API (CryptoExtras).
//
//     B  = PBKDF2-HMAC-SHA256(P, S, 1, p * 128 * r)           (p lanes of 128·r bytes)
//     B_i = ROMix_r(B_i, N) for each lane                     (Scrypt+ROMix.swift)
//     DK = PBKDF2-HMAC-SHA256(P, B, 1, dkLen)
//
// Parameters are checked the way swift-crypto's BoringSSL backend (EVP_PBE_scrypt) checks them,
// before anything is allocated: N a power of two, 2 <= N <= 2^32 and N < 2^(16·r); r, p >= 1 and
// r·p < 2^30; and the memory BoringSSL would use, 128·r·(N + p + 1) bytes (V, B and one block
// of scratch), at most `maxMemory`, whose default is swift-crypto's 128·N·r·p plus one page.
// Tessera allocates exactly that: one buffer holding B, the scratch block T and V (16 MiB plus
// 2 KiB for N = 16384, r = 8, p = 1), zeroed before it is freed. The p lanes run one after the
// other on the calling thread, reusing V (the memory the check counts).

#if canImport(FoundationEssentials)
public import FoundationEssentials
#else
public import Foundation
#endif
public import TesseraCore

extension KDF {
    /// The scrypt password-based key derivation function (RFC 7914).
    ///
    /// scrypt is memory-hard: each derivation fills and reads back `128 * rounds * blockSize`
    /// bytes, which makes large-scale password guessing on GPUs and ASICs costly.
    public enum Scrypt: Sendable {
        /// Derives a symmetric key using the scrypt algorithm.
        ///
        /// - Parameters:
        ///   - password: The passphrase, which should be used as a basis for the key. This can be
        ///     any type that conforms to `DataProtocol`, like `Data` or an array of `UInt8`.
        ///   - salt: The salt to use for key derivation.
        ///   - outputByteCount: The length in bytes of resulting symmetric key (at least 1, at
        ///     most (2^32 - 1) * 32).
        ///   - rounds: The cost parameter N: a power of 2, at least 2, at most 2^32, and less
        ///     than `2^(128 * blockSize / 8)`.
        ///   - blockSize: The block size parameter r, at least 1.
        ///   - parallelism: The parallelism parameter p, at least 1, with
        ///     `blockSize * parallelism < 2^30`.
        ///   - maxMemory: The maximum amount of memory in bytes the derivation may use. If not
        ///     provided, the default is `128 * rounds * blockSize * parallelism` plus one 4 KiB
        ///     page, as in swift-crypto. The derivation needs
        ///     `128 * blockSize * (rounds + parallelism + 1)` bytes.
        /// - Returns: The derived symmetric key.
        /// - Throws: ``CryptoKitError/invalidParameter`` when a parameter is out of range, or the
        ///   derivation would need more than `maxMemory` bytes or more than the machine's
        ///   physical memory; nothing is allocated then.
        ///
        /// - Important: Unlike swift-crypto 4.5.2, whose front end does not pass `maxMemory` on
        ///   to its backend, Tessera honours it. With the default limit the check refuses
        ///   `parallelism == 1` with `blockSize > 16` (as swift-crypto does); pass a larger
        ///   `maxMemory` for such parameters. Lookups into the large table depend on the
        ///   password (scrypt's design), so scrypt is not cache-timing resistant.
        public static func deriveKey<Passphrase: DataProtocol, Salt: DataProtocol>(
            from password: Passphrase, salt: Salt, outputByteCount: Int, rounds: Int,
            blockSize: Int, parallelism: Int, maxMemory: Int? = nil
        ) throws -> SymmetricKey {
            let layout = try ScryptLayout(
                outputByteCount: outputByteCount, rounds: rounds, blockSize: blockSize,
                parallelism: parallelism, maxMemory: maxMemory)
            return try withContiguousBytes(password) { pw in
                try withContiguousBytes(salt) { s in
                    try scryptDerive(password: pw, salt: s, layout: layout)
                }
            }
        }
    }
}

/// Checked scrypt parameters and the sizes of the one work buffer.
package struct ScryptLayout: Sendable {
    package let n: Int
    package let r: Int
    package let p: Int
    package let outputByteCount: Int
    /// Bytes of B (all lanes): 128·r·p.
    package let laneBytesTotal: Int
    /// Bytes of the whole work buffer: 128·r·(N + p + 1).
    package let workBytes: Int

    /// The memory limit used when the caller gives none: swift-crypto's
    /// `128 * N * r * p + pageSize` (saturating instead of trapping on overflow).
    package static func defaultMaxMemory(n: Int, r: Int, p: Int) -> Int {
        let pageSize = 4096
        let (nr, o1) = n.multipliedReportingOverflow(by: r)
        let (nrp, o2) = nr.multipliedReportingOverflow(by: p)
        let (bytes, o3) = nrp.multipliedReportingOverflow(by: 128)
        let (total, o4) = bytes.addingReportingOverflow(pageSize)
        return (o1 || o2 || o3 || o4) ? Int.max : total
    }

    /// Validates the parameters as BoringSSL's EVP_PBE_scrypt does (the backend of swift-crypto's
    /// `KDF.Scrypt`), without allocating.
    ///
    /// - Throws: ``CryptoKitError/invalidParameter`` for any out-of-range parameter or a memory
    ///   need above the limit.
    package init(outputByteCount: Int, rounds n: Int, blockSize r: Int, parallelism p: Int,
                 maxMemory: Int?) throws {
        // r, p >= 1 and r·p < 2^30 (BoringSSL: p > ((1 << 30) - 1) / r is refused).
        guard r >= 1, p >= 1, p <= ((1 << 30) - 1) / r else {
            throw CryptoKitError.invalidParameter
        }
        // N a power of two with 2 <= N <= 2^32 (Integerify keeps 32 bits).
        guard n >= 2, n & (n &- 1) == 0, n <= 1 << 32 else {
            throw CryptoKitError.invalidParameter
        }
        // N < 2^(128·r/8) (RFC 7914 §2), binding only for r <= 3.
        if 16 * r <= 63 && n >= 1 << (16 * r) {
            throw CryptoKitError.invalidParameter
        }
        // PBKDF2-HMAC-SHA256's output limit, (2^32 - 1) blocks of 32 bytes; at least one byte.
        guard outputByteCount >= 1, outputByteCount <= 0xFFFF_FFFF * 32 else {
            throw CryptoKitError.invalidParameter
        }
        // Memory: B (p blocks), T (1), V (N), in units of 128·r bytes, as BoringSSL counts it.
        let limit = maxMemory ?? Self.defaultMaxMemory(n: n, r: r, p: p)
        guard limit >= 0 else { throw CryptoKitError.invalidParameter }
        let maxBlocks = limit / (128 * r)
        guard maxBlocks >= p + 1, maxBlocks - p - 1 >= n else {
            throw CryptoKitError.invalidParameter
        }
        // Swift's allocator traps when malloc fails, so a need beyond the machine's physical
        // memory (which could not be met anyway) is refused here instead of crashing.
        guard (n + p + 1) <= Int(clamping: ProcessInfo.processInfo.physicalMemory) / (128 * r) else {
            throw CryptoKitError.invalidParameter
        }
        self.n = n
        self.r = r
        self.p = p
        self.outputByteCount = outputByteCount
        self.laneBytesTotal = 128 * r * p
        // (N + p + 1)·128·r <= limit, so this does not overflow.
        self.workBytes = 128 * r * (n + p + 1)
    }
}

/// scrypt on contiguous inputs with checked parameters: one work buffer of `layout.workBytes`
/// bytes, [B | T | V], 64-byte aligned, zeroed (`secureZero`) before it is freed.
func scryptDerive(
    password: UnsafeRawBufferPointer, salt: UnsafeRawBufferPointer, layout: ScryptLayout
) throws -> SymmetricKey {
    // malloc's own 16-byte alignment, rounded up to a 64-byte line by hand: asking the allocator
    // for 64 goes through glibc's memalign, which after the first call could not reuse the
    // freed 16 MiB and grew the heap by that much on every other derivation (VmRSS 17 -> 34 ->
    // 51 MB over three calls); plain malloc reuses it.
    let allocation = UnsafeMutableRawPointer.allocate(byteCount: layout.workBytes + 63, alignment: 16)
    defer {
        secureZero(allocation, layout.workBytes + 63)
        allocation.deallocate()
    }
    let work = allocation.alignedUp(toMultipleOf: 64)
    let b = UnsafeMutableRawBufferPointer(start: work, count: layout.laneBytesTotal)
    // Step 1: B = PBKDF2-HMAC-SHA256(P, S, 1, p·128·r).
    let initial = try KDF.Insecure.PBKDF2.deriveKey(
        from: password, salt: salt, using: .sha256,
        outputByteCount: layout.laneBytesTotal, unsafeUncheckedRounds: 1)
    initial.withUnsafeBytes { b.copyMemory(from: $0) }
    // Step 2: ROMix on each lane, with T and V after B.
    scryptROMixLanes(
        work, r: layout.r, n: layout.n, p: layout.p, scratch: work + layout.laneBytesTotal)
    // Step 3: DK = PBKDF2-HMAC-SHA256(P, B, 1, dkLen).
    return try KDF.Insecure.PBKDF2.deriveKey(
        from: password, salt: UnsafeRawBufferPointer(b), using: .sha256,
        outputByteCount: layout.outputByteCount, unsafeUncheckedRounds: 1)
}
