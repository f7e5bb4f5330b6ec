"""Python's hashlib.scrypt (OpenSSL's EVP_PBE_scrypt) as the oracle for Tessera's scrypt
differential test.

  scrypt_oracle.py generate COUNT SEED   print COUNT random cases as JSON lines, each with
                                         OpenSSL's derived key

Cases: password and salt 0..80 random bytes, N = 2^1..2^10, r = 1..9, p = 1..4, output length
1..200 bytes with extra weight on the PBKDF2 block edges (31, 32, 33, 63, 64, 65). N stays below
2^(16 r) as RFC 7914 requires.
"""
import hashlib
import json
import random
import sys


def generate(count, seed):
    rng = random.Random(seed)
    edges = [1, 16, 31, 32, 33, 63, 64, 65, 127, 128, 129]
    for i in range(count):
        password = rng.randbytes(rng.randint(0, 80))
        salt = rng.randbytes(rng.randint(0, 80))
        n = 1 << rng.randint(1, 10)
        r = rng.randint(1, 9)
        p = rng.randint(1, 4)
        dklen = rng.choice(edges) if i % 2 else rng.randint(1, 200)
        dk = hashlib.scrypt(password, salt=salt, n=n, r=r, p=p, dklen=dklen,
                            maxmem=256 * 1024 * 1024)
        print(json.dumps({"password": password.hex(), "salt": salt.hex(), "n": n, "r": r,
                          "p": p, "dklen": dklen, "dk": dk.hex()}))


if __name__ == "__main__":
    if len(sys.argv) != 4 or sys.argv[1] != "generate":
        sys.exit("usage: scrypt_oracle.py generate COUNT SEED")
    generate(int(sys.argv[2]), int(sys.argv[3]))
