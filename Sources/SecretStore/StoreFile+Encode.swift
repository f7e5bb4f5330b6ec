// The disk schema, format version 1: the model written in the canonical layout (docs/FORMAT.md
// §1), streamed through JSONStreamWriter with members in sorted order by hand (no intermediate
// tree). StoreFormatTests checks the bytes equal the generic writer's and round-trip.

import TesseraCore

/// Encodes a store in the canonical layout, streaming from the model (no intermediate tree:
/// at 10,000 secrets the tree cost more than the writing). Members are written in sorted order
/// by hand here; StoreFormatTests checks the result equals the generic writer's.
package func encodeStoreFile(_ model: StoreModel) -> [UInt8] {
    var estimate = 1024
    for (_, env) in model.environments {
        for (_, s) in env.secrets {
            estimate += 260 + s.description.utf8.count + s.sealed.combined.count * 4 / 3 + s.history.count * (110 + s.sealed.combined.count * 4 / 3)
        }
    }
    var w = JSONStreamWriter(capacity: estimate)
    w.beginObject()
    w.member("environments")
    w.beginObject()
    for name in model.sortedEnvironmentNames {
        w.member(name)
        encodeEnvironment(model.environments[name]!, into: &w)
    }
    w.endObject()
    w.member("format", string: StoreModel.formatName)
    w.member("kdf")
    w.beginObject()
    switch model.kdf {
    case .none:
        w.member("algorithm", string: "none")
    case let .scrypt(salt, p):
        w.member("algorithm", string: "scrypt")
        w.member("n", integer: p.costFactor)
        w.member("p", integer: p.parallelism)
        w.member("r", integer: p.blockSize)
        w.member("salt", string: base64Encode(salt))
    }
    w.endObject()
    w.member("keyCheck", string: base64Encode(model.keyCheck))
    w.member("mac", string: base64Encode(model.manifestMAC))
    w.member("storeId", string: hexString(model.storeId))
    w.member("version", integer: StoreModel.formatVersion)
    w.endObject()
    return w.finish()
}

private func encodeEnvironment(_ env: EnvironmentRecord, into w: inout JSONStreamWriter) {
    w.beginObject()
    w.member("keyCheck", string: base64Encode(env.keyCheck))
    w.member("keySource", string: env.keySource.rawValue)
    w.member("mac", string: base64Encode(env.mac))
    w.member("secrets")
    w.beginObject()
    for key in env.secrets.keys.sorted(by: nameLess) {
        let s = env.secrets[key]!
        w.member(key)
        w.beginObject()
        w.member("created", string: s.created)
        w.member("description", string: s.description)
        w.member("history")
        w.beginArray()
        for h in s.history {
            w.element()
            w.beginObject()
            w.member("updated", string: h.updated)
            w.member("value", string: base64Encode(h.sealed.combined))
            w.member("version", integer: h.version)
            w.endObject()
        }
        w.endArray()
        w.member("updated", string: s.updated)
        w.member("value", string: base64Encode(s.sealed.combined))
        w.member("version", integer: s.version)
        w.endObject()
    }
    w.endObject()
    w.endObject()
}
