"""scrypt section: OpenSSL's EVP_PBE_scrypt through hashlib.scrypt, RFC 7914's N=16384, r=8, p=1."""
import hashlib


def scrypt_16384_8_1():
    password, salt = b"pleaseletmein", b"SodiumChloride"
    return lambda: hashlib.scrypt(password, salt=salt, n=16384, r=8, p=1, dklen=64,
                                  maxmem=64 * 1024 * 1024)


CASES = {"scrypt-16384-8-1": scrypt_16384_8_1}
