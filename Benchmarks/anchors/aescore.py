"""AES core section: OpenSSL's AES-CTR on 16 KiB, the reference for AESCore.ctr32.

With OPENSSL_ia32cap masking AES-NI, OpenSSL's CTR uses vpaes (SSSE3) or its plain-C AES.
"""
import os

from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes


def _ctr(key_bytes: int, size: int):
    def setup():
        encryptor = Cipher(algorithms.AES(os.urandom(key_bytes)), modes.CTR(bytes(16))).encryptor()
        data = bytes(size)
        return lambda: encryptor.update(data)
    return setup


CASES = {
    "aes128-ctr-16k": _ctr(16, 16384),
    "aes256-ctr-16k": _ctr(32, 16384),
}
