// HMAC directly over a Merkle–Damgård compression function, for Tessera's own hashes: the
// kernels behind HKDF and PBKDF2 (and the seam that maps a `HashFunction` type to its
// compression enum). The public `HMAC<H>` is generic over any `HashFunction`; called from another
// module it runs unspecialised, and every generic value it touches costs a runtime metadata
// lookup (callgrind on HKDF-SHA256: ~20,000 instructions of overhead per derivation around
// 8 compressions). These functions are generic over `C: MDCompression` and are only ever
// called with a concrete `C`, so each is compiled specialised: no metadata, no witness calls.

import TesseraCore

/// The compression function of a Tessera hash type, for the specialised kernels.
package enum MDHashKind {
    case sha1, sha256, sha384, sha512

    /// The kind of `H`, or nil for a hash function Tessera does not implement (a caller's own
    /// `HashFunction`, which then takes the generic path). A metatype comparison per case.
    @inline(__always)
    package init?<H: HashFunction>(_: H.Type) {
        if H.self == SHA256.self { self = .sha256 }
        else if H.self == SHA512.self { self = .sha512 }
        else if H.self == SHA384.self { self = .sha384 }
        else if H.self == Insecure.SHA1.self { self = .sha1 }
        else { return nil }
    }
}

/// HMAC keyed from raw bytes over compression `C` (RFC 2104).
package struct MDHMAC<C: MDCompression> {
    /// The inner hash, after the K0 ^ ipad block and any message bytes so far.
    package var inner: MDHasher<C>
    /// The outer hash, after the K0 ^ opad block.
    package var outer: MDHasher<C>

    /// Keys HMAC with `key` (hashed first when longer than a block). The K0 block lives on the
    /// stack (a 128-byte tuple, enough for every block size here) and is zeroed after use.
    @inline(__always)
    package init(key: UnsafeRawBufferPointer) {
        var block: (UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64,
                    UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64) =
            (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        let blockSize = C.blockByteCount
        var innerState = C.initialState
        var outerState = C.initialState
        withUnsafeMutableBytes(of: &block) { raw in
            let k0 = raw.baseAddress!
            if key.count > blockSize {
                var h = MDHasher<C>()
                h.update(key)
                h.finalize(into: k0)
                // The hasher's buffer still holds the key's last bytes.
                withUnsafeMutableBytes(of: &h) { secureZero($0) }
            } else if key.count > 0 {
                k0.copyMemory(from: key.baseAddress!, byteCount: key.count)
            }
            xorWords(k0, blockSize, 0x3636_3636_3636_3636)
            C.compress(&innerState, k0, 1)
            xorWords(k0, blockSize, 0x3636_3636_3636_3636 ^ 0x5c5c_5c5c_5c5c_5c5c)
            C.compress(&outerState, k0, 1)
            secureZero(k0, blockSize)
            // A store after the call: a closure must not end in a call (toolchain note in
            // SHA256+Compress.swift).
            raw[0] = 0
        }
        inner = MDHasher(state: innerState, byteCount: UInt64(blockSize))
        outer = MDHasher(state: outerState, byteCount: UInt64(blockSize))
    }

    /// Absorbs message bytes.
    @inline(__always)
    package mutating func update(_ bytes: UnsafeRawBufferPointer) {
        inner.update(bytes)
    }

    /// Writes HMAC(K, message) (`C.digestByteCount` bytes) to `out`; `self` is unchanged.
    ///
    /// The outer hash always sees one key block and then the hLen-byte inner digest, so its
    /// input is a single pre-padded block compressed from the cached outer state (as in
    /// PBKDF2+Core.swift), without the general update and padding path.
    package func finalize(into out: UnsafeMutableRawPointer) {
        let blockSize = C.blockByteCount
        let hLen = C.digestByteCount
        var block: (UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64,
                    UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64) =
            (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        var state = outer.state
        withUnsafeMutableBytes(of: &block) { raw in
            let b = raw.baseAddress!
            inner.finalize(into: b)
            b.storeBytes(of: 0x80, toByteOffset: hLen, as: UInt8.self)
            C.storeBitLength(UInt64(blockSize + hLen) &* 8, into: b)
            C.compress(&state, b, 1)
            raw[0] = 0  // a store after the call: see the toolchain note in SHA256+Compress.swift
        }
        C.storeDigest(state, out)
    }
}

/// XORs `count` bytes (a multiple of 8) at `p` with the repeated `word`.
@inline(__always)
package func xorWords(_ p: UnsafeMutableRawPointer, _ count: Int, _ word: UInt64) {
    var i = 0
    while i < count {
        p.storeBytes(of: p.loadUnaligned(fromByteOffset: i, as: UInt64.self) ^ word, toByteOffset: i, as: UInt64.self)
        i += 8
    }
}

/// HKDF-Extract (RFC 5869 §2.2): writes PRK = HMAC(salt, IKM) to `prk`.
package func hkdfExtract<C: MDCompression>(
    _: C.Type, ikm: UnsafeRawBufferPointer, salt: UnsafeRawBufferPointer, prk: UnsafeMutableRawPointer
) {
    var mac = MDHMAC<C>(key: salt)
    mac.update(ikm)
    mac.finalize(into: prk)
    // The inner hasher's buffer holds the IKM's last bytes.
    withUnsafeMutableBytes(of: &mac) { secureZero($0) }
}

/// HKDF-Expand (RFC 5869 §2.3): fills `out` with T(1) || T(2) || … for the given PRK and info.
package func hkdfExpand<C: MDCompression>(
    _: C.Type, prk: UnsafeRawBufferPointer, info: UnsafeRawBufferPointer, out: UnsafeMutableRawBufferPointer
) {
    let hLen = C.digestByteCount
    // The PRK's padded-key states, the per-block HMAC (its buffer holds T(i-1)) and T(i)
    // (64 bytes ≥ hLen) in one stack struct, zeroed at the end with one call.
    var sec = HKDFExpandSecrets<C>(keyed: MDHMAC<C>(key: prk))
    withUnsafeMutableBytes(of: &sec.t) { tBytes in
        let tp = tBytes.baseAddress!
        var offset = 0
        var counter: UInt8 = 1
        while offset < out.count {
            sec.mac = sec.keyed
            if counter > 1 { sec.mac.update(UnsafeRawBufferPointer(start: tp, count: hLen)) }
            sec.mac.update(info)
            withUnsafeBytes(of: counter) { sec.mac.update($0) }
            sec.mac.finalize(into: tp)
            let n = Swift.min(hLen, out.count - offset)
            (out.baseAddress! + offset).copyMemory(from: tp, byteCount: n)
            offset += n
            counter &+= 1
        }
    }
    withUnsafeMutableBytes(of: &sec) { secureZero($0) }
}

/// HKDF-Expand's key-derived stack values, together so that one secureZero wipes them.
private struct HKDFExpandSecrets<C: MDCompression> {
    /// HMAC keyed with the PRK (its padded-key states).
    var keyed: MDHMAC<C>
    /// The HMAC of the current block, copied from `keyed`.
    var mac: MDHMAC<C>
    /// T(i), 64 bytes (≥ hLen).
    var t: (UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64)

    init(keyed: MDHMAC<C>) {
        self.keyed = keyed
        mac = keyed
        t = (0, 0, 0, 0, 0, 0, 0, 0)
    }
}

/// HKDF (RFC 5869 §2): extract then expand into `out`; the PRK stays on the stack and is
/// zeroed.
package func hkdfDerive<C: MDCompression>(
    _: C.Type, ikm: UnsafeRawBufferPointer, salt: UnsafeRawBufferPointer,
    info: UnsafeRawBufferPointer, out: UnsafeMutableRawBufferPointer
) {
    var prk: (UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0, 0, 0, 0, 0)
    withUnsafeMutableBytes(of: &prk) { prkBytes in
        hkdfExtract(C.self, ikm: ikm, salt: salt, prk: prkBytes.baseAddress!)
        hkdfExpand(C.self, prk: UnsafeRawBufferPointer(start: prkBytes.baseAddress!, count: C.digestByteCount),
                   info: info, out: out)
        secureZero(prkBytes.baseAddress!, 64)
        prkBytes[0] = 0
    }
}

/// The padded-key states of one `SymmetricKey` for compression `C`, cached on the key's
/// storage (one per compression type) and zeroed when the key's storage is released.
package final class MDHMACKeyState<C: MDCompression>: @unchecked Sendable {
    private let keyed: UnsafeMutablePointer<MDHMAC<C>>

    private init(key: UnsafeRawBufferPointer) {
        keyed = .allocate(capacity: 1)
        keyed.initialize(to: MDHMAC<C>(key: key))
    }

    deinit {
        secureZero(UnsafeMutableRawPointer(keyed), MemoryLayout<MDHMAC<C>>.size)
        keyed.deallocate()
    }

    /// HMAC keyed with `key`, from the key's cache or keyed now and cached.
    @inline(__always)
    package static func keyed(_ key: SymmetricKey) -> MDHMAC<C> {
        key.storage.cached(MDHMACKeyState<C>.self) { MDHMACKeyState<C>(key: $0) }.keyed.pointee
    }
}

/// HMAC(K, message) under a cached key, returned as the outer hasher ready to finalize (so
/// the caller builds its own digest type from it without a copy through bytes).
package func hmacOuter<C: MDCompression>(_: C.Type, key: SymmetricKey, message: UnsafeRawBufferPointer) -> MDHasher<C> {
    var mac = MDHMACKeyState<C>.keyed(key)
    mac.update(message)
    var innerDigest: (UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0, 0, 0, 0, 0)
    var outer = mac.outer
    withUnsafeMutableBytes(of: &innerDigest) { d in
        mac.inner.finalize(into: d.baseAddress!)
        outer.update(UnsafeRawBufferPointer(start: d.baseAddress!, count: C.digestByteCount))
    }
    return outer
}

// The one-shot HMAC kernels behind `HMAC.authenticationCode(for:using:)`, one per Tessera hash:
// concrete, so the `@inlinable` entry point reaches them from the caller's specialised code with
// no runtime generic metadata (the unspecialised entry instantiated HashedAuthenticationCode<H>
// and Optional metadata: ~2,400 of ~12,900 instructions per HMAC-SHA256 of 64 bytes, callgrind).

/// HMAC-SHA256 of `message` under `key` (padded-key states cached on the key).
@usableFromInline
func _hmacSHA256(_ key: SymmetricKey, _ message: UnsafeRawBufferPointer) -> HashedAuthenticationCode<SHA256> {
    HashedAuthenticationCode(digest: SHA256Digest(finalizing: hmacOuter(SHA256Compression.self, key: key, message: message)))
}

/// HMAC-SHA384 of `message` under `key`.
@usableFromInline
func _hmacSHA384(_ key: SymmetricKey, _ message: UnsafeRawBufferPointer) -> HashedAuthenticationCode<SHA384> {
    HashedAuthenticationCode(digest: SHA384Digest(finalizing: hmacOuter(SHA384Compression.self, key: key, message: message)))
}

/// HMAC-SHA512 of `message` under `key`.
@usableFromInline
func _hmacSHA512(_ key: SymmetricKey, _ message: UnsafeRawBufferPointer) -> HashedAuthenticationCode<SHA512> {
    HashedAuthenticationCode(digest: SHA512Digest(finalizing: hmacOuter(SHA512Compression.self, key: key, message: message)))
}

/// HMAC-SHA1 of `message` under `key`.
@usableFromInline
func _hmacSHA1(_ key: SymmetricKey, _ message: UnsafeRawBufferPointer) -> HashedAuthenticationCode<Insecure.SHA1> {
    HashedAuthenticationCode(digest: Insecure.SHA1Digest(finalizing: hmacOuter(SHA1Compression.self, key: key, message: message)))
}
