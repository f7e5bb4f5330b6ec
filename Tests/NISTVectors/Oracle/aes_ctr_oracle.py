"""AES-CTR oracle for Tessera's differential tests: OpenSSL through the `cryptography` package.

Usage: aes_ctr_oracle.py CASES.json
CASES.json is a list of {"key": hex, "counter": hex (16 bytes), "data": hex}. Prints a JSON list
with, for each case, the hex of data XOR AES-CTR keystream (key, initial counter block).
OpenSSL's CTR increments the whole 128-bit block; the tests only send cases whose low 32-bit
word does not wrap, where that equals GCM's inc32.
"""
import json
import sys

from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes


def ctr(key: bytes, counter: bytes, data: bytes) -> bytes:
    encryptor = Cipher(algorithms.AES(key), modes.CTR(counter)).encryptor()
    return encryptor.update(data) + encryptor.finalize()


def main() -> None:
    with open(sys.argv[1]) as f:
        cases = json.load(f)
    out = [ctr(bytes.fromhex(c["key"]), bytes.fromhex(c["counter"]), bytes.fromhex(c["data"])).hex()
           for c in cases]
    json.dump(out, sys.stdout)


if __name__ == "__main__":
    main()
