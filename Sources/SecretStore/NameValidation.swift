// The naming rules of key and environment names. Names are ASCII so that they sort, print and
// become environment variables the same way everywhere:
//   key names:          non-empty, at most `maxKeyLength` bytes, [A-Za-z0-9_.\-/]
//   environment names:  non-empty, at most 64 bytes, [a-z0-9_\-]
// Environment names never contain '/', which keeps the HKDF info strings of FORMAT.md
// ("tessera/store/v1/<purpose>/<environment>") unambiguous.

/// The longest environment name accepted, in bytes.
let maxEnvironmentNameLength = 64

/// The longest description accepted, in UTF-8 bytes.
let maxDescriptionLength = 1024

/// The largest version number a file may hold (2^53, exact in every JSON reader's doubles). A
/// larger one is malformed: `set` adds 1 to it, which must never overflow `Int`.
let maxSecretVersion = 1 << 53

/// Checks a key name against the naming rules.
///
/// - Parameters:
///   - name: The key name.
///   - maxLength: The longest name accepted, in bytes.
/// - Throws: ``SecretStoreError/invalidKeyName(_:)``.
package func validateKeyName(_ name: String, maxLength: Int) throws(SecretStoreError) {
    var count = 0
    for byte in name.utf8 {
        // A bit test per byte: this runs for every key on every open.
        let word = byte < 64 ? keyNameLow : (byte < 128 ? keyNameHigh : 0)
        if (word >> UInt64(byte & 63)) & 1 == 0 { throw .invalidKeyName(.invalidCharacter(offset: count)) }
        count += 1
    }
    if count == 0 { throw .invalidKeyName(.empty) }
    if count > maxLength { throw .invalidKeyName(.tooLong(length: count, limit: maxLength)) }
}

/// The allowed bytes of key names (`A-Z a-z 0-9 _ . - /`) as a 128-bit set: bit b of `low`
/// for b < 64, bit b − 64 of `high` for 64 ≤ b < 128; no byte ≥ 128 is allowed.
private let keyNameLow: UInt64 = 0x03ff_e000_0000_0000   // '-' '.' '/' '0'...'9'
private let keyNameHigh: UInt64 = 0x07ff_fffe_87ff_fffe  // 'A'...'Z' '_' 'a'...'z'

/// Checks an environment name against the naming rules.
///
/// - Parameters:
///   - name: The environment name.
/// - Throws: ``SecretStoreError/invalidEnvironmentName(_:)``.
package func validateEnvironmentName(_ name: String) throws(SecretStoreError) {
    var count = 0
    for byte in name.utf8 {
        let ok = (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z")) || isASCIIDigit(byte)
            || byte == UInt8(ascii: "_") || byte == UInt8(ascii: "-")
        if !ok { throw .invalidEnvironmentName(.invalidCharacter(offset: count)) }
        count += 1
    }
    if count == 0 { throw .invalidEnvironmentName(.empty) }
    if count > maxEnvironmentNameLength {
        throw .invalidEnvironmentName(.tooLong(length: count, limit: maxEnvironmentNameLength))
    }
}

/// Checks a description's size.
func validateDescription(_ text: String) throws(SecretStoreError) {
    let count = text.utf8.count
    if count > maxDescriptionLength {
        throw .descriptionTooLarge(byteCount: count, limit: maxDescriptionLength)
    }
}

@inline(__always)
private func isASCIILetter(_ b: UInt8) -> Bool {
    (b >= UInt8(ascii: "a") && b <= UInt8(ascii: "z")) || (b >= UInt8(ascii: "A") && b <= UInt8(ascii: "Z"))
}

@inline(__always)
private func isASCIIDigit(_ b: UInt8) -> Bool { b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9") }
