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

/// The v1 schema, pulled member by member from the reader straight into the model. Errors are
/// `JSONSyntaxError` (syntax) or `SecretStoreError` (schema); context strings are built only
/// when an error is thrown.
private struct StoreFileDecoder {
    var reader: JSONReader

    /// Marks member `bit` of an object as seen, refusing a duplicate.
    func once(_ seen: inout UInt32, _ bit: Int, _ name: String, _ context: @autoclosure () -> String) throws {
        guard seen & (1 << bit) == 0 else { throw SecretStoreError.malformedStore(reason: "duplicate member '\(name)' in \(context())") }
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

    mutating func string(_ name: String, _ context: @autoclosure () -> String) throws -> String {
        guard reader.nextIsString() else { throw mistyped(name, context(), "a string") }
        return try reader.readString()
    }

    mutating func integer(_ name: String, _ context: @autoclosure () -> String) throws -> Int {
        guard reader.nextIsInteger() else { throw mistyped(name, context(), "an integer") }
        return try reader.readInteger()
    }

    mutating func timestamp(_ name: String, _ context: @autoclosure () -> String) throws -> String {
        let text = try string(name, context())
        guard unixSeconds(timestamp: text) != nil else { throw mistyped(name, context(), "a time YYYY-MM-DDTHH:MM:SSZ") }
        return text
    }

    mutating func binary(_ name: String, count: Int?, _ context: @autoclosure () -> String) throws -> [UInt8] {
        guard reader.nextIsString() else { throw mistyped(name, context(), "a string") }
        guard let bytes = try reader.readBase64(maxLength: 4096) else { throw mistyped(name, context(), "canonical base64") }
        if let count, bytes.count != count { throw mistyped(name, context(), "\(count) bytes") }
        return bytes
    }

    mutating func sealed(_ name: String, _ context: @autoclosure () -> String) throws -> SealedValue {
        guard reader.nextIsString() else { throw mistyped(name, context(), "a string") }
        guard let bytes = try reader.readBase64(maxLength: (fileMaxSealedByteCount + 2) / 3 * 4) else {
            throw mistyped(name, context(), "canonical base64 of at most 1 MiB")
        }
        guard let sealed = SealedValue(combined: bytes) else { throw mistyped(name, context(), "a sealed value (nonce, ciphertext, tag)") }
        return sealed
    }

    mutating func decode() throws -> StoreModel {
        let context = "top level"
        try reader.enterObject()
        var seen: UInt32 = 0
        var first = true
        var format: String?, version: Int?, storeId: [UInt8]?, kdf: MasterKeyDerivation?
        var keyCheck: [UInt8]?, manifestMAC: [UInt8]?, environments: [String: EnvironmentRecord]?
        while let name = try reader.nextMember(&first) {
            switch name {
            case "environments": try once(&seen, 0, name, context); environments = try decodeEnvironments()
            case "format": try once(&seen, 1, name, context); format = try string(name, context)
            case "kdf": try once(&seen, 2, name, context); kdf = try decodeKDF()
            case "keyCheck": try once(&seen, 3, name, context); keyCheck = try binary(name, count: StoreModel.macByteCount, context)
            case "mac": try once(&seen, 4, name, context); manifestMAC = try binary(name, count: StoreModel.macByteCount, context)
            case "storeId": try once(&seen, 5, name, context); storeId = try decodeStoreId()
            case "version": try once(&seen, 6, name, context); version = try integer(name, context)
            default: throw unknown(name, context)
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
        while let name = try reader.nextMember(&first) {
            switch name {
            case "algorithm": try once(&seen, 0, name, context); algorithm = try string(name, context)
            case "salt": try once(&seen, 1, name, context); salt = try binary(name, count: nil, context)
            case "n": try once(&seen, 2, name, context); n = try integer(name, context)
            case "r": try once(&seen, 3, name, context); r = try integer(name, context)
            case "p": try once(&seen, 4, name, context); p = try integer(name, context)
            default: throw unknown(name, context)
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
        while let name = try reader.nextMember(&first) {
            switch name {
            case "keyCheck": try once(&seen, 0, name, context); keyCheck = try binary(name, count: StoreModel.macByteCount, context)
            case "keySource":
                try once(&seen, 1, name, context)
                guard let source = KeySource(rawValue: try string(name, context)) else {
                    throw SecretStoreError.malformedStore(reason: "'keySource' of \(context) is not \"master\" or \"own\"")
                }
                keySource = source
            case "mac": try once(&seen, 2, name, context); mac = try binary(name, count: StoreModel.macByteCount, context)
            case "secrets": try once(&seen, 3, name, context); secrets = try decodeSecrets(env)
            default: throw unknown(name, context)
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
        while let name = try reader.nextMember(&first) {
            switch name {
            case "created": try once(&seen, 0, name, context()); created = try timestamp(name, context())
            case "description": try once(&seen, 1, name, context()); description = try string(name, context())
            case "history": try once(&seen, 2, name, context()); history = try decodeHistory(key, env)
            case "updated": try once(&seen, 3, name, context()); updated = try timestamp(name, context())
            case "value": try once(&seen, 4, name, context()); sealed = try self.sealed(name, context())
            case "version": try once(&seen, 5, name, context()); version = try integer(name, context())
            default: throw unknown(name, context())
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
            while let name = try reader.nextMember(&firstMember) {
                switch name {
                case "updated": try once(&seen, 0, name, context()); updated = try timestamp(name, context())
                case "value": try once(&seen, 1, name, context()); sealed = try self.sealed(name, context())
                case "version": try once(&seen, 2, name, context()); version = try integer(name, context())
                default: throw unknown(name, context())
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
