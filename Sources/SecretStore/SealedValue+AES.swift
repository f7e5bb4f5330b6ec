// Sealing one value (docs/FORMAT.md, "Values"): AES-256-GCM (SP 800-38D) under the
// environment's data key, a fresh random 96-bit nonce per seal, and associated data binding the
// ciphertext to its place:
//     AAD = LP("tessera/store/v1/value") ‖ LP(storeId) ‖ LP(environment) ‖ LP(key) ‖ u64be(version)
// with LP(x) = u32be(len(x)) ‖ x. A ciphertext copied to another store, environment, key or
// version fails to open. Stored as nonce ‖ ciphertext ‖ tag.
// Random nonces: 2^32 seals under one data key keep the collision chance below 2^-32
// (SP 800-38D §8.3); a store re-seals far fewer values than that between rotations.

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import TesseraAESGCM
import TesseraCore

/// The associated data of one value.
func valueAAD(storeId: [UInt8], environment: String, key: String, version: Int) -> [UInt8] {
    var out = CanonicalEncoder()
    out.bytes("tessera/store/v1/value".utf8)
    out.bytes(storeId)
    out.bytes(environment.utf8)
    out.bytes(key.utf8)
    out.u64(UInt64(version))
    return out.buffer
}

extension SealedValue {
    /// Seals `plaintext` with a fresh random nonce.
    static func seal(_ plaintext: UnsafeRawBufferPointer, key: SymmetricKey, aad: [UInt8]) -> SealedValue {
        let nonceBytes = randomBytes(SealedValue.nonceByteCount)
        do {
            let nonce = try AES.GCM.Nonce(data: nonceBytes)
            let box = try AES.GCM.seal(plaintext, using: key, nonce: nonce, authenticating: aad)
            var combined = nonceBytes
            combined.reserveCapacity(SealedValue.overhead + plaintext.count)
            combined.append(contentsOf: box.ciphertext)
            combined.append(contentsOf: box.tag)
            return SealedValue(combined: combined)!
        } catch {
            // A 12-byte nonce and a 32-byte key are valid by construction.
            preconditionFailure("AES-GCM refused a well-formed seal")
        }
    }

    /// Opens the value, or returns `nil` when the tag does not verify.
    func open(key: SymmetricKey, aad: [UInt8]) -> Data? {
        let n = combined.count
        do {
            let box = try AES.GCM.SealedBox(
                nonce: AES.GCM.Nonce(data: combined[0..<SealedValue.nonceByteCount]),
                ciphertext: combined[SealedValue.nonceByteCount..<(n - SealedValue.tagByteCount)],
                tag: combined[(n - SealedValue.tagByteCount)...])
            return try AES.GCM.open(box, using: key, authenticating: aad)
        } catch {
            return nil
        }
    }
}
