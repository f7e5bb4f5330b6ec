// GHASH under memcheck: H (so the key setup too) and the data come from memory that was never
// written, so memcheck reports every branch or address that depends on them. The constant-time
// backend must report nothing; the table backend must report its lookups.
import TesseraAESGCM

/// Bytes absorbed per check: 19 whole blocks and a partial one (exercises the tail path).
private let ghashCheckLength = 311

/// Key setup and absorb with backend `K` on undefined H and data; the result goes to `sink`.
private func checkGHash<K: GHashKey>(_: K.Type) {
    let h = undefinedBytes(16)
    let data = undefinedBytes(ghashCheckLength)
    let key = K(h: h)
    var y = GHashState()
    key.absorb(&y, data, count: ghashCheckLength)
    // A second call from a secret-dependent state, as GCM does for A then C then the lengths.
    key.absorb(&y, data, count: 16)
    let out = undefinedBytes(16)
    y.store(into: out)
    sink(out.load(as: UInt64.self) ^ out.load(fromByteOffset: 8, as: UInt64.self))
    sink(key)
}

/// The constant-time backend: memcheck must stay silent.
func checkGHashCT() { checkGHash(GHashCTMul64.self) }

/// The table backend: memcheck must report its secret-indexed lookups.
func checkGHashTable() { checkGHash(GHashShoupTable.self) }
