// The constant-time equality operators on secrets memcheck can see: `SymmetricKey ==`, digest
// and MAC `==` (against each other and against raw bytes). Both sides come from memory that was
// never written, so any branch or address on their bytes is reported; the lengths are public
// (a length mismatch returns early, as it may). The results go to `sink`, never to a branch.

import Tessera

func checkCompare() {
    for size in [16, 32] {
        let a = SymmetricKey(data: UnsafeRawBufferPointer(start: undefinedBytes(size), count: size))
        let b = SymmetricKey(data: UnsafeRawBufferPointer(start: undefinedBytes(size), count: size))
        sink(a == b)
    }
    let m1 = UnsafeRawBufferPointer(start: undefinedBytes(40), count: 40)
    let m2 = UnsafeRawBufferPointer(start: undefinedBytes(40), count: 40)
    let d1 = SHA256.hash(data: m1), d2 = SHA256.hash(data: m2)
    sink(d1 == d2)
    sink(d1 == UnsafeRawBufferPointer(start: undefinedBytes(32), count: 32))
    let key = SymmetricKey(data: UnsafeRawBufferPointer(start: undefinedBytes(32), count: 32))
    let mac1 = HMAC<SHA256>.authenticationCode(for: m1, using: key)
    let mac2 = HMAC<SHA256>.authenticationCode(for: m2, using: key)
    sink(mac1 == mac2)
    sink(mac1 == UnsafeRawBufferPointer(start: undefinedBytes(32), count: 32))
    print("compare: key, digest and MAC equality ran on undefined secrets")
}
