// AES-GCM seal end to end with the constant-time GHASH, on a key, nonce, AAD and plaintext that
// memcheck sees as secret (never written): J0, CTR, GHASH over AAD and ciphertext, the length
// block and the tag must compute no branch and no address from them. Covers the small-message
// path (one CTR pass including E(K, J0)) and the long one, and a non-12-byte IV (J0 by GHASH).

import Tessera

func checkGCMConstantTime() {
    for keySize in [16, 32] {
        let key = SymmetricKey(data: UnsafeRawBufferPointer(start: undefinedBytes(keySize), count: keySize))
        let gcm = try! AES.GCM.Context(key: key, ghash: .constantTime)
        for (ivCount, aadCount, textCount) in [(12, 0, 16), (12, 13, 100), (12, 32, 1000), (20, 7, 61)] {
            let iv = UnsafeRawBufferPointer(start: undefinedBytes(ivCount), count: ivCount)
            let aad = UnsafeRawBufferPointer(start: undefinedBytes(aadCount), count: aadCount)
            let text = UnsafeRawBufferPointer(start: undefinedBytes(textCount), count: textCount)
            let sealed = try! gcm.seal(text, iv: iv, authenticating: aad)
            sink(sealed)
        }
    }
    print("gcm-ct: AES-GCM seal with the constant-time GHASH ran on undefined secrets")
}
