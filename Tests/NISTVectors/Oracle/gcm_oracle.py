"""OpenSSL (through `cryptography`) as the oracle for Tessera's AES-GCM differential tests.

  gcm_oracle.py generate N SEED   print N random cases as JSON lines (OpenSSL seals them)
  gcm_oracle.py verify            read JSON lines sealed by Tessera; print one JSON line per case
                                  with OpenSSL's own ciphertext and tag and whether it opened

Cases: key 16/24/32 bytes, IV 8..128 bytes (cryptography's GCM mode accepts that range; shorter
IVs are covered by the CAVP files), AAD 0..100 bytes, plaintext 0..4096 bytes, tag 16 bytes.
"""
import json
import random
import sys

from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes


def seal(key, iv, aad, pt):
    enc = Cipher(algorithms.AES(key), modes.GCM(iv)).encryptor()
    enc.authenticate_additional_data(aad)
    ct = enc.update(pt) + enc.finalize()
    return ct, enc.tag


def opens(key, iv, aad, ct, tag):
    try:
        dec = Cipher(algorithms.AES(key), modes.GCM(iv, tag)).decryptor()
        dec.authenticate_additional_data(aad)
        return dec.update(ct) + dec.finalize()
    except Exception:
        return None


def generate(n, seed):
    rng = random.Random(seed)
    lengths = [0, 1, 15, 16, 17, 31, 32, 33, 47, 48, 63, 64, 65, 127, 128, 129, 255, 256, 1000, 4095, 4096]
    for i in range(n):
        key = rng.randbytes(rng.choice([16, 24, 32]))
        iv = rng.randbytes(12 if i % 3 else rng.randint(8, 128))
        aad = rng.randbytes(rng.randint(0, 100))
        pt = rng.randbytes(rng.choice(lengths) if i % 2 else rng.randint(0, 4096))
        ct, tag = seal(key, iv, aad, pt)
        print(json.dumps({"key": key.hex(), "iv": iv.hex(), "aad": aad.hex(), "pt": pt.hex(),
                          "ct": ct.hex(), "tag": tag.hex()}))


def verify():
    for line in sys.stdin:
        c = json.loads(line)
        key, iv, aad, pt = (bytes.fromhex(c[k]) for k in ("key", "iv", "aad", "pt"))
        ct, tag = seal(key, iv, aad, pt)
        opened = opens(key, iv, aad, bytes.fromhex(c["ct"]), bytes.fromhex(c["tag"]))
        print(json.dumps({"ct": ct.hex(), "tag": tag.hex(), "opened": opened == pt}))


if __name__ == "__main__":
    if sys.argv[1] == "generate":
        generate(int(sys.argv[2]), int(sys.argv[3]))
    else:
        verify()
