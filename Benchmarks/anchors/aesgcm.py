"""AES-GCM section anchors: OpenSSL's AES-256-GCM through cryptography's AESGCM (one Python
call per operation, so small sizes include Python's per-call overhead)."""
import os

from cryptography.hazmat.primitives.ciphers.aead import AESGCM

KEY = os.urandom(32)
NONCE = os.urandom(12)


def seal(n, aad=None):
    def setup():
        gcm, msg = AESGCM(KEY), b"\x5a" * n
        return lambda: gcm.encrypt(NONCE, msg, aad)
    return setup


def open_(n):
    def setup():
        gcm = AESGCM(KEY)
        box = gcm.encrypt(NONCE, b"\x5a" * n, None)
        return lambda: gcm.decrypt(NONCE, box, None)
    return setup


def oneshot(n):
    def setup():
        msg = b"\x5a" * n
        return lambda: AESGCM(KEY).encrypt(NONCE, msg, None)
    return setup


CASES = {}
for size in (16, 1024, 16384, 1 << 20):
    CASES[f"aes256gcm-seal-{size}"] = seal(size)
    CASES[f"aes256gcm-open-{size}"] = open_(size)
CASES["aes256gcm-seal-1024-aad32"] = seal(1024, b"\xad" * 32)
CASES["aes256gcm-oneshot-16"] = oneshot(16)
CASES["aes256gcm-oneshot-16384"] = oneshot(16384)
