// The disk schema, format version 1 (docs/FORMAT.md §1): JSON text → StoreModel, decoded by
// pulling members from the JSON reader straight into the model (no tree: at 10,000 secrets,
// building and freeing a tree was ~60% of an open, callgrind). The model is kept apart from the
// schema so the format can evolve (StoreFile+Encode.swift writes it back).
//
// Decoding is strict: every member required, no unknown member, no duplicate, every binary field
// canonical base64 (or hex for the store id) of the right length, every time canonical, every
// name valid, versions positive and history versions strictly decreasing below the current one.
// A file whose "format" and "version" say another version reports "unsupported format version"
// even when a schema error came first (the decoder meets "environments" before "version"). Error reasons name fields and
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
    let failure: SecretStoreError
    do {
        var decoder = StoreFileDecoder(reader: JSONReader(bytes: bytes))
        return try decoder.decode()
    } catch let error as JSONSyntaxError {
        if error.offset >= bytes.count {
            failure = .malformedStore(reason: "truncated JSON (expected \(error.expected) at end of file)")
        } else {
            failure = .malformedStore(reason: "invalid JSON at byte \(error.offset): expected \(error.expected)")
        }
    } catch let error as SecretStoreError {
        failure = error
    } catch {
        failure = .malformedStore(reason: "unreadable")
    }
    // A file of another format or version is reported as such, whatever else failed first
    // (the decoder meets "environments" before "version").
    if case .malformedStore = failure, case let .object(top)? = try? parseJSON(bytes) {
        let format = top.first { $0.0 == "format" }?.1
        let version = top.first { $0.0 == "version" }?.1
        if format == .string(StoreModel.formatName), case let .integer(v)? = version, v != StoreModel.formatVersion {
            throw .unsupportedFormatVersion(found: v, supported: StoreModel.formatVersion)
        }
        if format != .string(StoreModel.formatName) {
            throw .malformedStore(reason: "not a tessera store (member 'format' is not \"\(StoreModel.formatName)\")")
        }
    }
    throw failure
}

/// Decodes a store file held in an array.
package func decodeStoreFile(_ bytes: [UInt8]) throws(SecretStoreError) -> StoreModel {
    let result: Result<StoreModel, SecretStoreError> = bytes.withUnsafeBytes { raw in
        do throws(SecretStoreError) { return .success(try decodeStoreFile(raw)) } catch { return .failure(error) }
    }
    return try result.get()
}

// The member names of each object of the schema, in the order the decoder's switches use.
private let topFields = MemberTable(["environments", "format", "kdf", "keyCheck", "mac", "storeId", "version"])
private let kdfFields = MemberTable(["algorithm", "salt", "n", "r", "p"])
private let environmentFields = MemberTable(["keyCheck", "keySource", "mac", "secrets"])
private let secretFields = MemberTable(["created", "description", "history", "updated", "value", "version"])
private let historyFields = MemberTable(["updated", "value", "version"])

/// The v1 schema, pulled member by member from the reader straight into the model. Errors are
/// `JSONSyntaxError` (syntax) or `SecretStoreError` (schema); context strings are built only
/// when an error is thrown.
private struct StoreFileDecoder {
    var reader: JSONReader

    /// Marks member `bit` of an object as seen, refusing a duplicate.
    func once(_ seen: inout UInt32, _ bit: Int, _ name: @autoclosure () -> String, _ context: @autoclosure () -> String) throws {
        guard seen & (1 << bit) == 0 else { throw SecretStoreError.malformedStore(reason: "duplicate member '\(name())' in \(context())") }
        seen |= 1 << bit
    }

    func missing(_ name: String, _ context: String) -> SecretStoreError {
        .malformedStore(reason: "missing member '\(name)' in \(context)")
    }

    func unknown(_ name: String, _ context: @autoclosure () -> String) -> SecretStoreError {
        .malformedStore(reason: "unknown member '\(name)' in \(context())")
    }

    func mistyped(_ name: String, _ context: String, _ type: String) -> SecretStoreError {
        .malformedStore(reason: "member '\(name)' in \(context) is not \(type)")
    }

    mutating func string(_ name: @autoclosure () -> String, _ context: @autoclosure () -> String) throws -> String {
        guard reader.nextIsString() else { throw mistyped(name(), context(), "a string") }
        return try reader.readString()
    }

    mutating func integer(_ name: @autoclosure () -> String, _ context: @autoclosure () -> String) throws -> Int {
        guard reader.nextIsInteger() else { throw mistyped(name(), context(), "an integer") }
        return try reader.readInteger()
    }

    mutating func timestamp(_ name: @autoclosure () -> String, _ context: @autoclosure () -> String) throws -> String {
        guard reader.nextIsString() else { throw mistyped(name(), context(), "a string") }
        guard let text = try reader.readTimestamp() else { throw mistyped(name(), context(), "a time YYYY-MM-DDTHH:MM:SSZ") }
        return text
    }

    mutating func binary(_ name: @autoclosure () -> String, count: Int?, _ context: @autoclosure () -> String) throws -> [UInt8] {
        guard reader.nextIsString() else { throw mistyped(name(), context(), "a string") }
        guard let bytes = try reader.readBase64(maxLength: 4096) else { throw mistyped(name(), context(), "canonical base64") }
        if let count, bytes.count != count { throw mistyped(name(), context(), "\(count) bytes") }
        return bytes
    }

    mutating func sealed(_ name: @autoclosure () -> String, _ context: @autoclosure () -> String) throws -> SealedValue {
        guard reader.nextIsString() else { throw mistyped(name(), context(), "a string") }
        guard let bytes = try reader.readBase64(maxLength: (fileMaxSealedByteCount + 2) / 3 * 4) else {
            throw mistyped(name(), context(), "canonical base64 of at most 1 MiB")
        }
        guard let sealed = SealedValue(combined: bytes) else { throw mistyped(name(), context(), "a sealed value (nonce, ciphertext, tag)") }
        return sealed
    }

    mutating func decode() throws -> StoreModel {
        let context = "top level"
        try reader.enterObject()
        var seen: UInt32 = 0
        var first = true
        var format: String?, version: Int?, storeId: [UInt8]?, kdf: MasterKeyDerivation?
        var keyCheck: [UInt8]?, manifestMAC: [UInt8]?, environments: [String: EnvironmentRecord]?
        while let field = try reader.nextMember(&first, in: topFields) {
            guard field >= 0 else { throw unknown(reader.lastMemberName(), context) }
            let name = topFields.names[field]
            try once(&seen, field, name.description, context)
            switch field {
            case 0: environments = try decodeEnvironments()
            case 1: format = try string(name.description, context)
            case 2: kdf = try decodeKDF()
            case 3: keyCheck = try binary(name.description, count: StoreModel.macByteCount, context)
            case 4: manifestMAC = try binary(name.description, count: StoreModel.macByteCount, context)
            case 5: storeId = try decodeStoreId()
            case 6: version = try integer(name.description, context)
            default: preconditionFailure("unreachable: field index out of the table")
            }
        }
        try reader.finish()
        guard format == StoreModel.formatName else {
            throw SecretStoreError.malformedStore(reason: "not a tessera store (member 'format' is not \"\(StoreModel.formatName)\")")
        }
        guard let version else { throw missing("version", context) }
        guard version == StoreModel.formatVersion else {
            throw SecretStoreError.unsupportedFormatVersion(found: version, supported: StoreModel.formatVersion)
        }
        guard let storeId else { throw missing("storeId", context) }
        guard let kdf else { throw missing("kdf", context) }
        guard let keyCheck else { throw missing("keyCheck", context) }
        guard let manifestMAC else { throw missing("mac", context) }
        guard let environments else { throw missing("environments", context) }
        return StoreModel(storeId: storeId, kdf: kdf, keyCheck: keyCheck, manifestMAC: manifestMAC, environments: environments)
    }

    mutating func decodeStoreId() throws -> [UInt8] {
        let text = try string("storeId", "top level")
        guard let id = bytesFromHexStrict(text), id.count == StoreModel.storeIdByteCount else {
            throw SecretStoreError.malformedStore(reason: "'storeId' is not 32 lower-case hex characters")
        }
        return id
    }

    mutating func decodeKDF() throws -> MasterKeyDerivation {
        let context = "'kdf'"
        guard reader.nextIsString() == false else { throw mistyped("kdf", "top level", "an object") }
        try reader.enterObject()
        var seen: UInt32 = 0
        var first = true
        var algorithm: String?, salt: [UInt8]?, n: Int?, r: Int?, p: Int?
        while let field = try reader.nextMember(&first, in: kdfFields) {
            guard field >= 0 else { throw unknown(reader.lastMemberName(), context) }
            let name = kdfFields.names[field]
            try once(&seen, field, name.description, context)
            switch field {
            case 0: algorithm = try string(name.description, context)
            case 1: salt = try binary(name.description, count: nil, context)
            case 2: n = try integer(name.description, context)
            case 3: r = try integer(name.description, context)
            case 4: p = try integer(name.description, context)
            default: preconditionFailure("unreachable: field index out of the table")
            }
        }
        switch algorithm {
        case "none"?:
            guard seen == 1 else { throw SecretStoreError.malformedStore(reason: "'kdf' \"none\" takes no parameters") }
            return .none
        case "scrypt"?:
            guard let salt else { throw missing("salt", context) }
            guard let n else { throw missing("n", context) }
            guard let r else { throw missing("r", context) }
            guard let p else { throw missing("p", context) }
            guard (16...64).contains(salt.count) else { throw SecretStoreError.malformedStore(reason: "scrypt salt must be 16 to 64 bytes") }
            let parameters = ScryptParameters(costFactor: n, blockSize: r, parallelism: p)
            do { try parameters.validate() } catch { throw SecretStoreError.malformedStore(reason: "scrypt parameters out of range") }
            return .scrypt(salt: salt, parameters: parameters)
        case nil:
            throw missing("algorithm", context)
        default:
            throw SecretStoreError.malformedStore(reason: "unknown key derivation in 'kdf'")
        }
    }

    mutating func decodeEnvironments() throws -> [String: EnvironmentRecord] {
        guard !reader.nextIsString(), !reader.nextIsInteger() else { throw mistyped("environments", "top level", "an object") }
        try reader.enterObject()
        var environments: [String: EnvironmentRecord] = [:]
        var first = true
        while let name = try reader.nextMember(&first) {
            do { try validateEnvironmentName(name) } catch {
                throw SecretStoreError.malformedStore(reason: "invalid environment name in 'environments'")
            }
            let record = try decodeEnvironment(name)
            guard environments.updateValue(record, forKey: name) == nil else {
                throw SecretStoreError.malformedStore(reason: "duplicate environment '\(name)'")
            }
        }
        return environments
    }

    mutating func decodeEnvironment(_ env: String) throws -> EnvironmentRecord {
        let context = "environment '\(env)'"
        guard reader.nextIsString() == false, reader.nextIsInteger() == false else {
            throw SecretStoreError.malformedStore(reason: "\(context) is not an object")
        }
        do { try reader.enterObject() } catch { throw SecretStoreError.malformedStore(reason: "\(context) is not an object") }
        var seen: UInt32 = 0
        var first = true
        var keySource: KeySource?, keyCheck: [UInt8]?, mac: [UInt8]?, secrets: [String: SecretEntry]?
        while let field = try reader.nextMember(&first, in: environmentFields) {
            guard field >= 0 else { throw unknown(reader.lastMemberName(), context) }
            let name = environmentFields.names[field]
            try once(&seen, field, name.description, context)
            switch field {
            case 0: keyCheck = try binary(name.description, count: StoreModel.macByteCount, context)
            case 1:
                guard let source = KeySource(rawValue: try string(name.description, context)) else {
                    throw SecretStoreError.malformedStore(reason: "'keySource' of \(context) is not \"master\" or \"own\"")
                }
                keySource = source
            case 2: mac = try binary(name.description, count: StoreModel.macByteCount, context)
            case 3: secrets = try decodeSecrets(env)
            default: preconditionFailure("unreachable: field index out of the table")
            }
        }
        guard let keySource else { throw missing("keySource", context) }
        guard let keyCheck else { throw missing("keyCheck", context) }
        guard let mac else { throw missing("mac", context) }
        guard let secrets else { throw missing("secrets", context) }
        return EnvironmentRecord(keySource: keySource, keyCheck: keyCheck, mac: mac, secrets: secrets)
    }

    mutating func decodeSecrets(_ env: String) throws -> [String: SecretEntry] {
        guard !reader.nextIsString(), !reader.nextIsInteger() else {
            throw mistyped("secrets", "environment '\(env)'", "an object")
        }
        try reader.enterObject()
        var secrets: [String: SecretEntry] = [:]
        var first = true
        while let key = try reader.nextMember(&first) {
            do { try validateKeyName(key, maxLength: fileMaxKeyLength) } catch {
                throw SecretStoreError.malformedStore(reason: "invalid key name in environment '\(env)'")
            }
            let entry = try decodeSecret(key, env)
            guard secrets.updateValue(entry, forKey: key) == nil else {
                throw SecretStoreError.malformedStore(reason: "duplicate secret '\(key)' in environment '\(env)'")
            }
        }
        return secrets
    }

    mutating func decodeSecret(_ key: String, _ env: String) throws -> SecretEntry {
        func context() -> String { "secret '\(key)' in environment '\(env)'" }
        guard !reader.nextIsString(), !reader.nextIsInteger() else {
            throw SecretStoreError.malformedStore(reason: "\(context()) is not an object")
        }
        do { try reader.enterObject() } catch { throw SecretStoreError.malformedStore(reason: "\(context()) is not an object") }
        var seen: UInt32 = 0
        var first = true
        var created: String?, description: String?, updated: String?, sealed: SealedValue?, version: Int?
        var history: [HistoryEntry]?
        while let field = try reader.nextMember(&first, in: secretFields) {
            guard field >= 0 else { throw unknown(reader.lastMemberName(), context()) }
            let name = secretFields.names[field]
            try once(&seen, field, name.description, context())
            switch field {
            case 0: created = try timestamp(name.description, context())
            case 1: description = try string(name.description, context())
            case 2: history = try decodeHistory(key, env)
            case 3: updated = try timestamp(name.description, context())
            case 4: sealed = try self.sealed(name.description, context())
            case 5: version = try integer(name.description, context())
            default: preconditionFailure("unreachable: field index out of the table")
            }
        }
        guard let created else { throw missing("created", context()) }
        guard let description else { throw missing("description", context()) }
        guard let history else { throw missing("history", context()) }
        guard let updated else { throw missing("updated", context()) }
        guard let sealed else { throw missing("value", context()) }
        guard let version else { throw missing("version", context()) }
        guard description.utf8.count <= maxDescriptionLength else {
            throw SecretStoreError.malformedStore(reason: "description of \(context()) too long")
        }
        guard version >= 1 else { throw SecretStoreError.malformedStore(reason: "'version' of \(context()) is not positive") }
        guard version <= maxSecretVersion else {
            throw SecretStoreError.malformedStore(reason: "'version' of \(context()) is larger than 2^53")
        }
        var previous = version
        for h in history {
            guard h.version >= 1, h.version < previous else {
                throw SecretStoreError.malformedStore(
                    reason: "history versions of \(context()) are not strictly decreasing below the current version")
            }
            previous = h.version
        }
        return SecretEntry(description: description, created: created, updated: updated, version: version,
                           sealed: sealed, history: history)
    }

    mutating func decodeHistory(_ key: String, _ env: String) throws -> [HistoryEntry] {
        func context() -> String { "history of secret '\(key)' in environment '\(env)'" }
        guard !reader.nextIsString(), !reader.nextIsInteger() else { throw mistyped("history", context(), "an array") }
        do { try reader.enterArray() } catch { throw mistyped("history", context(), "an array") }
        var history: [HistoryEntry] = []
        var first = true
        while try reader.nextElement(&first) {
            guard !reader.nextIsString(), !reader.nextIsInteger() else {
                throw SecretStoreError.malformedStore(reason: "item of \(context()) is not an object")
            }
            do { try reader.enterObject() } catch {
                throw SecretStoreError.malformedStore(reason: "item of \(context()) is not an object")
            }
            var seen: UInt32 = 0
            var firstMember = true
            var updated: String?, sealed: SealedValue?, version: Int?
            while let field = try reader.nextMember(&firstMember, in: historyFields) {
                guard field >= 0 else { throw unknown(reader.lastMemberName(), context()) }
                let name = historyFields.names[field]
                try once(&seen, field, name.description, context())
                switch field {
                case 0: updated = try timestamp(name.description, context())
                case 1: sealed = try self.sealed(name.description, context())
                case 2: version = try integer(name.description, context())
                default: preconditionFailure("unreachable: field index out of the table")
                }
            }
            guard let updated else { throw missing("updated", context()) }
            guard let sealed else { throw missing("value", context()) }
            guard let version else { throw missing("version", context()) }
            history.append(HistoryEntry(version: version, updated: updated, sealed: sealed))
        }
        return history
    }
}

/// Lower-case hex only (the one spelling the writer uses).
private func bytesFromHexStrict(_ text: String) -> [UInt8]? {
    guard text.utf8.allSatisfy({ ($0 >= 0x30 && $0 <= 0x39) || ($0 >= 0x61 && $0 <= 0x66) }) else { return nil }
    return bytesFromHex(text)
}
