// The canonical byte encoding under the store's MACs and AAD (docs/FORMAT.md, "Canonical
// encoding"): every variable-length field is LP(x) = u32be(len(x)) ‖ x, every number u64be, and
// every list is preceded by its u64be count. Each field's length is known before it is read, so
// two different inputs never encode to the same bytes: moving a byte from a description into a
// name, or an entry from one secret's history to the next secret, changes the encoding.
//
//   environment MAC = HMAC-SHA256(mac-key/<env>,
//       LP("tessera/store/v1/environment") ‖ LP(storeId) ‖ LP(env) ‖ LP(keySource) ‖ u64(count) ‖
//       for each secret, by UTF-8 bytes of its name:
//           LP(name) ‖ LP(description) ‖ LP(created) ‖ LP(updated) ‖ u64(version) ‖ LP(sealed) ‖
//           u64(historyCount) ‖ for each history entry, newest first:
//               u64(version) ‖ LP(updated) ‖ LP(sealed))
//   manifest MAC    = HMAC-SHA256(manifest-mac,
//       LP("tessera/store/v1/manifest") ‖ LP(storeId) ‖ u64(count) ‖
//       for each environment, by UTF-8 bytes of its name:
//           LP(name) ‖ LP(keySource) ‖ (keySource = "master" ? LP(environment MAC) : LP(""))
// The manifest binds the MACs of the environments the master key seals, so one of them
// replaced by an older copy of itself (valid on its own) fails the manifest. An environment
// with its own key is changed by holders of that key alone, so only its name and key source
// are bound.
// Times are their 20-byte text, sealed values nonce ‖ ciphertext ‖ tag.

import TesseraCore
import TesseraKDF

struct CanonicalEncoder {
    var buffer: [UInt8] = []

    mutating func u64(_ v: UInt64) {
        for shift in stride(from: 56, through: 0, by: -8) { buffer.append(UInt8(truncatingIfNeeded: v >> UInt64(shift))) }
    }

    mutating func bytes<C: Collection<UInt8>>(_ field: C) {
        let n = UInt32(field.count)
        buffer.append(UInt8(n >> 24)); buffer.append(UInt8(n >> 16 & 0xFF))
        buffer.append(UInt8(n >> 8 & 0xFF)); buffer.append(UInt8(n & 0xFF))
        buffer.append(contentsOf: field)
    }

    mutating func string(_ s: String) { bytes(s.utf8) }
}

/// The canonical encoding of one environment (the MAC's message).
func environmentMACInput(storeId: [UInt8], name: String, record: EnvironmentRecord) -> [UInt8] {
    var e = CanonicalEncoder()
    var estimate = 128
    for (_, s) in record.secrets { estimate += 120 + s.sealed.combined.count + s.description.utf8.count + s.history.count * (40 + s.sealed.combined.count) }
    e.buffer.reserveCapacity(estimate)
    e.string("tessera/store/v1/environment")
    e.bytes(storeId)
    e.string(name)
    e.string(record.keySource.rawValue)
    e.u64(UInt64(record.secrets.count))
    for key in record.secrets.keys.sorted(by: nameLess) {
        let s = record.secrets[key]!
        e.string(key)
        e.string(s.description)
        e.string(s.created)
        e.string(s.updated)
        e.u64(UInt64(s.version))
        e.bytes(s.sealed.combined)
        e.u64(UInt64(s.history.count))
        for h in s.history {
            e.u64(UInt64(h.version))
            e.string(h.updated)
            e.bytes(h.sealed.combined)
        }
    }
    return e.buffer
}

/// The canonical encoding of the environment list (the manifest MAC's message).
func manifestMACInput(storeId: [UInt8], environments: [String: EnvironmentRecord]) -> [UInt8] {
    var e = CanonicalEncoder()
    e.string("tessera/store/v1/manifest")
    e.bytes(storeId)
    e.u64(UInt64(environments.count))
    for name in environments.keys.sorted(by: nameLess) {
        let record = environments[name]!
        e.string(name)
        e.string(record.keySource.rawValue)
        e.bytes(record.keySource == .master ? record.mac : [])
    }
    return e.buffer
}

/// HMAC-SHA256 of `message` as bytes.
func storeMAC(_ message: [UInt8], key: SymmetricKey) -> [UInt8] {
    Array(HMAC<SHA256>.authenticationCode(for: message, using: key))
}

/// Constant-time check of a stored MAC.
func storeMACIsValid(_ mac: [UInt8], _ message: [UInt8], key: SymmetricKey) -> Bool {
    HMAC<SHA256>.isValidAuthenticationCode(mac, authenticating: message, using: key)
}
