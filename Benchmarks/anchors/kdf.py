"""KDF section anchors: OpenSSL's SHA-256/SHA-512 through hashlib, HMAC-SHA256 through hmac
(hmac.digest, OpenSSL's one-shot HMAC), HKDF-SHA256 through cryptography's HKDF, and
PBKDF2-HMAC-SHA256 through hashlib.pbkdf2_hmac. One Python call per operation, so the small
cases include Python's per-call overhead (a few hundred ns)."""
import hashlib
import hmac
import os

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

KEY = os.urandom(32)


def digest(name, n):
    def setup():
        msg = b"\x5a" * n
        return lambda: hashlib.new(name, msg).digest()
    return setup


def hmac_sha256(n):
    def setup():
        msg = b"\x5a" * n
        return lambda: hmac.digest(KEY, msg, "sha256")
    return setup


def hkdf_sha256(length):
    def setup():
        salt, info = b"\x5a" * 32, b"tessera v1"
        return lambda: HKDF(algorithm=hashes.SHA256(), length=length, salt=salt, info=info).derive(KEY)
    return setup


def pbkdf2_sha256(rounds):
    def setup():
        pw, salt = b"correct horse battery staple", b"\x5a" * 16
        return lambda: hashlib.pbkdf2_hmac("sha256", pw, salt, rounds, 32)
    return setup


CASES = {}
for size in (64, 16384):
    CASES[f"sha256-{size}"] = digest("sha256", size)
    CASES[f"sha512-{size}"] = digest("sha512", size)
CASES["hmac-sha256-64"] = hmac_sha256(64)
CASES["hkdf-sha256-32"] = hkdf_sha256(32)
CASES["pbkdf2-sha256-1000"] = pbkdf2_sha256(1000)
