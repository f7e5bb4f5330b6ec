// The disk schema, format version 1 (docs/FORMAT.md, "File layout"): JSON text ↔ StoreModel.
//
// Decoding is strict: every member required, no unknown member, no duplicate, every binary field
// canonical base64 (or hex for the store id) of the right length, every time canonical, every
// name valid, versions positive and history versions strictly decreasing below the current one.
// The format and version members are checked first, so a file from a newer Tessera reports
// "unsupported format version" rather than a schema error. Error reasons name fields and
// secrets, never contents.

import TesseraCore

/// The largest key name accepted when reading a file (the configured limit applies to writes).
private let fileMaxKeyLength = 4096
/// The largest sealed value accepted when reading (1 MiB of plaintext plus nonce and tag).
private let fileMaxSealedByteCount = (1 << 20) + SealedValue.overhead

/// Decodes a store file.
///
/// - Throws: ``SecretStoreError/malformedStore(reason:)``,
///   ``SecretStoreError/unsupportedFormatVersion(found:supported:)``.
package func decodeStoreFile(_ bytes: UnsafeRawBufferPointer) throws(SecretStoreError) -> StoreModel {
    if bytes.isEmpty { throw .malformedStore(reason: "empty file") }
    let root: JSONValue
    do { root = try parseJSON(bytes) } catch {
        if error.offset >= bytes.count { throw .malformedStore(reason: "truncated JSON (expected \(error.expected) at end of file)") }
        throw .malformedStore(reason: "invalid JSON at byte \(error.offset): expected \(error.expected)")
    }
    guard case let .object(top) = root else { throw .malformedStore(reason: "top level is not an object") }
    var fields = try Fields(top, "top level")
    guard case let .string(format)? = fields.optional("format"), format == StoreModel.formatName else {
        throw .malformedStore(reason: "not a tessera store (member 'format' is not \"\(StoreModel.formatName)\")")
    }
    let version = try fields.integer("version")
    guard version == StoreModel.formatVersion else {
        throw .unsupportedFormatVersion(found: version, supported: StoreModel.formatVersion)
    }
    let storeIdText = try fields.string("storeId")
    guard let storeId = bytesFromHexStrict(storeIdText), storeId.count == StoreModel.storeIdByteCount else {
        throw .malformedStore(reason: "'storeId' is not 32 lower-case hex characters")
    }
    let kdf = try decodeKDF(fields.object("kdf"))
    let keyCheck = try fields.binary("keyCheck", count: StoreModel.macByteCount)
    let manifestMAC = try fields.binary("mac", count: StoreModel.macByteCount)
    var environments: [String: EnvironmentRecord] = [:]
    for (name, value) in try fields.object("environments") {
        do { try validateEnvironmentName(name) } catch {
            throw .malformedStore(reason: "invalid environment name in 'environments'")
        }
        guard case let .object(members) = value else { throw .malformedStore(reason: "environment '\(name)' is not an object") }
        guard environments[name] == nil else { throw .malformedStore(reason: "duplicate environment '\(name)'") }
        environments[name] = try decodeEnvironment(members, name: name)
    }
    try fields.finish()
    return StoreModel(storeId: storeId, kdf: kdf, keyCheck: keyCheck, manifestMAC: manifestMAC,
                      environments: environments)
}

/// Decodes a store file held in an array.
package func decodeStoreFile(_ bytes: [UInt8]) throws(SecretStoreError) -> StoreModel {
    let result: Result<StoreModel, SecretStoreError> = bytes.withUnsafeBytes { raw in
        do throws(SecretStoreError) { return .success(try decodeStoreFile(raw)) } catch { return .failure(error) }
    }
    return try result.get()
}

private func decodeKDF(_ members: [(String, JSONValue)]) throws(SecretStoreError) -> MasterKeyDerivation {
    var fields = try Fields(members, "'kdf'")
    let algorithm = try fields.string("algorithm")
    switch algorithm {
    case "none":
        try fields.finish()
        return .none
    case "scrypt":
        let salt = try fields.binary("salt", count: nil)
        guard (16...64).contains(salt.count) else { throw .malformedStore(reason: "scrypt salt must be 16 to 64 bytes") }
        let parameters = ScryptParameters(costFactor: try fields.integer("n"), blockSize: try fields.integer("r"),
                                          parallelism: try fields.integer("p"))
        try fields.finish()
        do { try parameters.validate() } catch { throw .malformedStore(reason: "scrypt parameters out of range") }
        return .scrypt(salt: salt, parameters: parameters)
    default:
        throw .malformedStore(reason: "unknown key derivation in 'kdf'")
    }
}

private func decodeEnvironment(_ members: [(String, JSONValue)], name: String) throws(SecretStoreError) -> EnvironmentRecord {
    var fields = try Fields(members, "environment '\(name)'")
    let sourceText = try fields.string("keySource")
    guard let keySource = KeySource(rawValue: sourceText) else {
        throw .malformedStore(reason: "'keySource' of environment '\(name)' is not \"master\" or \"own\"")
    }
    let keyCheck = try fields.binary("keyCheck", count: StoreModel.macByteCount)
    let mac = try fields.binary("mac", count: StoreModel.macByteCount)
    let secretMembers = try fields.object("secrets")
    try fields.finish()
    var secrets: [String: SecretEntry] = Dictionary(minimumCapacity: secretMembers.count)
    for (key, value) in secretMembers {
        do { try validateKeyName(key, maxLength: fileMaxKeyLength) } catch {
            throw .malformedStore(reason: "invalid key name in environment '\(name)'")
        }
        guard case let .object(entry) = value else {
            throw .malformedStore(reason: "secret '\(key)' in environment '\(name)' is not an object")
        }
        let decoded = try decodeSecret(entry, context: "secret '\(key)' in environment '\(name)'")
        guard secrets.updateValue(decoded, forKey: key) == nil else {
            throw .malformedStore(reason: "duplicate secret '\(key)' in environment '\(name)'")
        }
    }
    return EnvironmentRecord(keySource: keySource, keyCheck: keyCheck, mac: mac, secrets: secrets)
}

private func decodeSecret(_ members: [(String, JSONValue)], context: String) throws(SecretStoreError) -> SecretEntry {
    var fields = try Fields(members, context)
    let created = try fields.timestamp("created")
    let description = try fields.string("description")
    guard description.utf8.count <= maxDescriptionLength else { throw .malformedStore(reason: "description of \(context) too long") }
    let updated = try fields.timestamp("updated")
    let sealed = try fields.sealed("value")
    let version = try fields.integer("version")
    guard version >= 1 else { throw .malformedStore(reason: "'version' of \(context) is not positive") }
    guard case let .array(items)? = fields.optional("history") else {
        throw .malformedStore(reason: "missing or mistyped 'history' in \(context)")
    }
    try fields.finish()
    var history: [HistoryEntry] = []
    history.reserveCapacity(items.count)
    var previous = version
    for item in items {
        guard case let .object(entry) = item else { throw .malformedStore(reason: "history item of \(context) is not an object") }
        var h = try Fields(entry, "history of \(context)")
        let hUpdated = try h.timestamp("updated")
        let hSealed = try h.sealed("value")
        let hVersion = try h.integer("version")
        try h.finish()
        guard hVersion >= 1, hVersion < previous else {
            throw .malformedStore(reason: "history versions of \(context) are not strictly decreasing below the current version")
        }
        previous = hVersion
        history.append(HistoryEntry(version: hVersion, updated: hUpdated, sealed: hSealed))
    }
    return SecretEntry(description: description, created: created, updated: updated, version: version,
                       sealed: sealed, history: history)
}

/// Member access for one object: each member taken at most once, duplicates and leftovers refused.
private struct Fields {
    var members: [(String, JSONValue)]
    var taken: [Bool]
    let context: String

    init(_ members: [(String, JSONValue)], _ context: String) throws(SecretStoreError) {
        // Objects of the schema have at most 7 members: a quadratic duplicate check is cheapest.
        for i in members.indices {
            for j in members.indices where j > i && members[i].0 == members[j].0 {
                throw .malformedStore(reason: "duplicate member '\(members[i].0)' in \(context)")
            }
        }
        self.members = members
        self.taken = [Bool](repeating: false, count: members.count)
        self.context = context
    }

    mutating func optional(_ name: String) -> JSONValue? {
        for i in members.indices where members[i].0 == name {
            taken[i] = true
            return members[i].1
        }
        return nil
    }

    mutating func required(_ name: String) throws(SecretStoreError) -> JSONValue {
        guard let v = optional(name) else { throw .malformedStore(reason: "missing member '\(name)' in \(context)") }
        return v
    }

    func mistyped(_ name: String, _ type: String) -> SecretStoreError {
        .malformedStore(reason: "member '\(name)' in \(context) is not \(type)")
    }

    mutating func string(_ name: String) throws(SecretStoreError) -> String {
        guard case let .string(s) = try required(name) else { throw mistyped(name, "a string") }
        return s
    }

    mutating func integer(_ name: String) throws(SecretStoreError) -> Int {
        guard case let .integer(n) = try required(name) else { throw mistyped(name, "an integer") }
        return n
    }

    mutating func object(_ name: String) throws(SecretStoreError) -> [(String, JSONValue)] {
        guard case let .object(o) = try required(name) else { throw mistyped(name, "an object") }
        return o
    }

    mutating func timestamp(_ name: String) throws(SecretStoreError) -> String {
        let s = try string(name)
        guard unixSeconds(timestamp: s) != nil else { throw mistyped(name, "a time YYYY-MM-DDTHH:MM:SSZ") }
        return s
    }

    mutating func binary(_ name: String, count: Int?) throws(SecretStoreError) -> [UInt8] {
        let s = try string(name)
        guard let bytes = base64Decode(s) else { throw mistyped(name, "canonical base64") }
        if let count, bytes.count != count { throw mistyped(name, "\(count) bytes") }
        return bytes
    }

    mutating func sealed(_ name: String) throws(SecretStoreError) -> SealedValue {
        let s = try string(name)
        guard s.utf8.count <= (fileMaxSealedByteCount + 2) / 3 * 4, let bytes = base64Decode(s) else {
            throw mistyped(name, "canonical base64 of at most 1 MiB")
        }
        guard let sealed = SealedValue(combined: bytes) else { throw mistyped(name, "a sealed value (nonce, ciphertext, tag)") }
        return sealed
    }

    func finish() throws(SecretStoreError) {
        for i in members.indices where !taken[i] {
            throw .malformedStore(reason: "unknown member '\(members[i].0)' in \(context)")
        }
    }
}

/// Lower-case hex only (the one spelling the writer uses).
private func bytesFromHexStrict(_ text: String) -> [UInt8]? {
    guard text.utf8.allSatisfy({ ($0 >= 0x30 && $0 <= 0x39) || ($0 >= 0x61 && $0 <= 0x66) }) else { return nil }
    return bytesFromHex(text)
}

// MARK: - Encoding

/// Encodes a store in the canonical layout.
package func encodeStoreFile(_ model: StoreModel) -> [UInt8] {
    var top: [(String, JSONValue)] = []
    var environments: [(String, JSONValue)] = []
    for name in model.sortedEnvironmentNames {
        environments.append((name, encodeEnvironment(model.environments[name]!)))
    }
    top.append(("environments", .object(environments)))
    top.append(("format", .string(StoreModel.formatName)))
    switch model.kdf {
    case .none:
        top.append(("kdf", .object([("algorithm", .string("none"))])))
    case let .scrypt(salt, p):
        top.append(("kdf", .object([
            ("algorithm", .string("scrypt")), ("n", .integer(p.costFactor)), ("p", .integer(p.parallelism)),
            ("r", .integer(p.blockSize)), ("salt", .string(base64Encode(salt))),
        ])))
    }
    top.append(("keyCheck", .string(base64Encode(model.keyCheck))))
    top.append(("mac", .string(base64Encode(model.manifestMAC))))
    top.append(("storeId", .string(hexString(model.storeId))))
    top.append(("version", .integer(StoreModel.formatVersion)))
    return serializeJSON(.object(top))
}

private func encodeEnvironment(_ env: EnvironmentRecord) -> JSONValue {
    var secrets: [(String, JSONValue)] = []
    secrets.reserveCapacity(env.secrets.count)
    for key in env.secrets.keys.sorted(by: utf8Less) {
        let s = env.secrets[key]!
        let history: [JSONValue] = s.history.map { h in
            .object([("updated", .string(h.updated)), ("value", .string(base64Encode(h.sealed.combined))),
                     ("version", .integer(h.version))])
        }
        secrets.append((key, .object([
            ("created", .string(s.created)), ("description", .string(s.description)),
            ("history", .array(history)), ("updated", .string(s.updated)),
            ("value", .string(base64Encode(s.sealed.combined))), ("version", .integer(s.version)),
        ])))
    }
    return .object([
        ("keyCheck", .string(base64Encode(env.keyCheck))), ("keySource", .string(env.keySource.rawValue)),
        ("mac", .string(base64Encode(env.mac))), ("secrets", .object(secrets)),
    ])
}
