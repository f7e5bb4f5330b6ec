// libFuzzer target over the store file parser and the sealed-value decoder. Built by
// scripts/fuzz-store.sh (swiftc -sanitize=fuzzer,address) together with the store sources it
// needs, outside the SwiftPM build. Beyond "no crash", each input checks properties:
//   - decodeStoreFile either throws a SecretStoreError or returns a model whose encoding decodes
//     to the same model and re-encodes to the same bytes (the canonical layout is a fixed point);
//   - the generic JSON writer is a fixed point: parse(serialise(v)) serialises to the same bytes
//     (members are sorted on output, so the tree itself may come back reordered);
//   - base64Decode accepts only canonical text (decode → encode gives the input back), and a
//     decoded sealed value splits into a 12-byte nonce, ciphertext and 16-byte tag;
//   - a timestamp is accepted only if it formats back to the same text.

@_cdecl("LLVMFuzzerTestOneInput")
public func storeFuzzOne(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = UnsafeRawBufferPointer(start: data, count: size)

    // 1. The store file parser.
    do {
        let model = try decodeStoreFile(bytes)
        let encoded = encodeStoreFile(model)
        let again = try decodeStoreFile(encoded)
        precondition(again == model, "decode(encode(model)) != model")
        precondition(encodeStoreFile(again) == encoded, "encoding is not a fixed point")
    } catch {
        // Refused: the error must name its class and carry text.
        precondition(!error.description.isEmpty)
    }

    // 2. The generic JSON reader and writer.
    if let value = try? parseJSON(bytes) {
        let text = serializeJSON(value)
        guard let back = try? parseJSON(text) else { preconditionFailure("serialised JSON does not parse") }
        precondition(serializeJSON(back) == text || hasDuplicateNames(value), "JSON writer is not a fixed point")
    }

    // 3. The sealed-value decoder: base64 text → nonce ‖ ciphertext ‖ tag.
    if let decoded = base64Decode(bytes) {
        precondition(Array(base64Encode(decoded).utf8) == Array(bytes), "non-canonical base64 accepted")
        if let sealed = SealedValue(combined: decoded) {
            precondition(sealed.plaintextByteCount == decoded.count - 28)
        } else {
            precondition(decoded.count < 28)
        }
    }

    // 4. Timestamps.
    if size == 20, let text = String(validating: bytes, as: UTF8.self), let seconds = unixSeconds(timestamp: text) {
        precondition(timestampString(unixSeconds: seconds) == text, "timestamp does not round-trip")
    }
    return 0
}

/// The tree parser keeps duplicate member names (the store decoder refuses them); sorting on
/// write may then reorder equal names, so such values are exempt from the fixed-point check.
private func hasDuplicateNames(_ value: JSONValue) -> Bool {
    switch value {
    case let .object(members):
        return Set(members.map(\.0)).count != members.count || members.contains { hasDuplicateNames($0.1) }
    case let .array(elements):
        return elements.contains(where: hasDuplicateNames)
    default:
        return false
    }
}
