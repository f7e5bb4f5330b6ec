// SHA-2, HMAC, HKDF and PBKDF2 on secrets memcheck can see: messages, keys, salts, IKM and
// passwords come from memory that was never written, so valgrind reports any branch or
// address computed from them. Lengths and iteration counts are public. Covers SHA-256/384/512
// over lengths that hit every padding path, HMAC-SHA256 with short and long (hashed) keys
// and its constant-time verification, HKDF-SHA256/SHA-512 derive, and PBKDF2-HMAC-SHA256/512.

import Tessera

func checkKDF() {
    // Hashes over 0, 55, 56, 64, 119 and 300 undefined bytes (one- and two-block padding).
    for n in [0, 55, 56, 64, 119, 300] {
        let msg = UnsafeRawBufferPointer(start: undefinedBytes(max(n, 1)), count: n)
        var h256 = SHA256(); h256.update(bufferPointer: msg)
        var h384 = SHA384(); h384.update(bufferPointer: msg)
        var h512 = SHA512(); h512.update(bufferPointer: msg)
        sink(h256.finalize()); sink(h384.finalize()); sink(h512.finalize())
    }

    // HMAC-SHA256: a 32-byte key and a 100-byte key (longer than the block: hashed first).
    for keyLength in [32, 100] {
        let key = SymmetricKey(data: UnsafeRawBufferPointer(start: undefinedBytes(keyLength), count: keyLength))
        let msg = UnsafeRawBufferPointer(start: undefinedBytes(77), count: 77)
        let mac = HMAC<SHA256>.authenticationCode(for: msg, using: key)
        sink(mac)
        // Verification against an undefined code: the comparison must not branch on either.
        let claimed = UnsafeRawBufferPointer(start: undefinedBytes(32), count: 32)
        sink(HMAC<SHA256>.isValidAuthenticationCode(claimed, authenticating: msg, using: key))
    }

    // HKDF: undefined IKM, salt and info.
    let ikm = SymmetricKey(data: UnsafeRawBufferPointer(start: undefinedBytes(32), count: 32))
    let salt = UnsafeRawBufferPointer(start: undefinedBytes(32), count: 32)
    let info = UnsafeRawBufferPointer(start: undefinedBytes(20), count: 20)
    sink(HKDF<SHA256>.deriveKey(inputKeyMaterial: ikm, salt: salt, info: info, outputByteCount: 80))
    sink(HKDF<SHA512>.deriveKey(inputKeyMaterial: ikm, salt: salt, info: info, outputByteCount: 64))

    // PBKDF2: undefined password and salt, a few iterations, two output blocks.
    let password = UnsafeRawBufferPointer(start: undefinedBytes(24), count: 24)
    sink(try! KDF.Insecure.PBKDF2.deriveKey(from: password, salt: salt, using: .sha256, outputByteCount: 40, unsafeUncheckedRounds: 3))
    sink(try! KDF.Insecure.PBKDF2.deriveKey(from: password, salt: salt, using: .sha512, outputByteCount: 64, unsafeUncheckedRounds: 2))
    print("kdf: sha-2, hmac, hkdf, pbkdf2 ran on undefined secrets")
}
