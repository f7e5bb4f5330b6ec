// Standard base64 with padding (RFC 4648 §4) for the file's binary fields. The decoder is
// strict: only the canonical encoding of some byte string is accepted (length a multiple of 4,
// '=' only as final padding, unused bits of the last symbol zero), so each byte string has
// exactly one spelling in the file and the MAC over decoded bytes covers the text too.
// Not constant-time: it handles ciphertexts, MACs and salts, never keys or plaintexts.

private let base64Alphabet: [UInt8] = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)

private let base64Values: [UInt8] = {
    var table = [UInt8](repeating: 0xFF, count: 256)
    for (i, c) in base64Alphabet.enumerated() { table[Int(c)] = UInt8(i) }
    return table
}()

/// Base64 text of `bytes`.
package func base64Encode(_ bytes: some Collection<UInt8>) -> String {
    let input = Array(bytes)
    var out = [UInt8]()
    out.reserveCapacity((input.count + 2) / 3 * 4)
    var i = 0
    while i + 3 <= input.count {
        let v = UInt32(input[i]) << 16 | UInt32(input[i + 1]) << 8 | UInt32(input[i + 2])
        out.append(base64Alphabet[Int(v >> 18)]); out.append(base64Alphabet[Int(v >> 12 & 63)])
        out.append(base64Alphabet[Int(v >> 6 & 63)]); out.append(base64Alphabet[Int(v & 63)])
        i += 3
    }
    let rest = input.count - i
    if rest == 1 {
        let v = UInt32(input[i]) << 16
        out.append(base64Alphabet[Int(v >> 18)]); out.append(base64Alphabet[Int(v >> 12 & 63)])
        out.append(UInt8(ascii: "=")); out.append(UInt8(ascii: "="))
    } else if rest == 2 {
        let v = UInt32(input[i]) << 16 | UInt32(input[i + 1]) << 8
        out.append(base64Alphabet[Int(v >> 18)]); out.append(base64Alphabet[Int(v >> 12 & 63)])
        out.append(base64Alphabet[Int(v >> 6 & 63)]); out.append(UInt8(ascii: "="))
    }
    return String(decoding: out, as: UTF8.self)
}

/// The bytes of canonical base64 text, or `nil` when the text is not canonical base64.
package func base64Decode(_ text: String) -> [UInt8]? {
    var text = text
    return text.withUTF8 { base64Decode(UnsafeRawBufferPointer($0)) }
}

/// The bytes of canonical base64 text, or `nil` when the text is not canonical base64.
/// Decodes into uninitialised storage of the exact size with the table reached through a
/// pointer (the array-append version was 8% of a 10,000-secret open, callgrind).
package func base64Decode(_ input: UnsafeRawBufferPointer) -> [UInt8]? {
    let n = input.count
    guard n % 4 == 0 else { return nil }
    if n == 0 { return [] }
    var padding = 0
    if input[n - 1] == UInt8(ascii: "=") { padding = 1; if input[n - 2] == UInt8(ascii: "=") { padding = 2 } }
    let outCount = n / 4 * 3 - padding
    var valid = true
    let out = base64Values.withUnsafeBufferPointer { table in
        [UInt8](unsafeUninitializedCapacity: outCount) { buffer, initialized in
            var o = 0
            var i = 0
            let full = padding == 0 ? n : n - 4
            var bad: UInt8 = 0
            while i < full {
                let a = table[Int(input[i])], b = table[Int(input[i + 1])]
                let c = table[Int(input[i + 2])], d = table[Int(input[i + 3])]
                bad |= a | b | c | d
                let v = UInt32(a) << 18 | UInt32(b) << 12 | UInt32(c) << 6 | UInt32(d)
                buffer[o] = UInt8(truncatingIfNeeded: v >> 16)
                buffer[o + 1] = UInt8(truncatingIfNeeded: v >> 8)
                buffer[o + 2] = UInt8(truncatingIfNeeded: v)
                o += 3
                i += 4
            }
            if padding > 0 {
                let a = table[Int(input[i])], b = table[Int(input[i + 1])]
                let c = padding == 2 ? 0 : table[Int(input[i + 2])]
                bad |= a | b | c
                let v = UInt32(a) << 18 | UInt32(b) << 12 | UInt32(c) << 6
                // Canonical: the unused low bits of the last symbol are zero.
                if padding == 2 { if v & 0xFFFF != 0 { bad |= 0x80 } } else if v & 0xFF != 0 { bad |= 0x80 }
                buffer[o] = UInt8(truncatingIfNeeded: v >> 16)
                if padding == 1 { buffer[o + 1] = UInt8(truncatingIfNeeded: v >> 8) }
            }
            // 0xFF marks a byte outside the alphabet ('=' included): any value above 63 is invalid.
            valid = bad < 64
            initialized = outCount
        }
    }
    return valid ? out : nil
}
