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

/// Checks a key name against the naming rules.
///
/// - Parameters:
///   - name: The key name.
///   - maxLength: The longest name accepted, in bytes.
/// - Throws: ``SecretStoreError/invalidKeyName(_:)``.
package func validateKeyName(_ name: String, maxLength: Int) throws(SecretStoreError) {
    var count = 0
    for byte in name.utf8 {
        let ok = isASCIILetter(byte) || isASCIIDigit(byte) || byte == UInt8(ascii: "_")
            || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "/")
        if !ok { throw .invalidKeyName(.invalidCharacter(offset: count)) }
        count += 1
    }
    if count == 0 { throw .invalidKeyName(.empty) }
    if count > maxLength { throw .invalidKeyName(.tooLong(length: count, limit: maxLength)) }
}

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
