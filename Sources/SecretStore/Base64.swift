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
package func base64Decode(_ input: UnsafeRawBufferPointer) -> [UInt8]? {
    let n = input.count
    guard n % 4 == 0 else { return nil }
    if n == 0 { return [] }
    var padding = 0
    if input[n - 1] == UInt8(ascii: "=") { padding = 1; if input[n - 2] == UInt8(ascii: "=") { padding = 2 } }
    var out = [UInt8]()
    out.reserveCapacity(n / 4 * 3 - padding)
    var i = 0
    while i < n {
        let last = i + 4 == n
        let a = base64Values[Int(input[i])], b = base64Values[Int(input[i + 1])]
        var c = base64Values[Int(input[i + 2])], d = base64Values[Int(input[i + 3])]
        if last && padding >= 1 { d = 0 }
        if last && padding == 2 { c = 0 }
        guard (a | b | c | d) < 64 else { return nil }
        let v = UInt32(a) << 18 | UInt32(b) << 12 | UInt32(c) << 6 | UInt32(d)
        if last && padding == 2 {
            guard v & 0xFFFF == 0 else { return nil }
            out.append(UInt8(v >> 16))
        } else if last && padding == 1 {
            guard v & 0xFF == 0 else { return nil }
            out.append(UInt8(v >> 16)); out.append(UInt8(v >> 8 & 0xFF))
        } else {
            out.append(UInt8(v >> 16)); out.append(UInt8(v >> 8 & 0xFF)); out.append(UInt8(v & 0xFF))
        }
        i += 4
    }
    return out
}
