#!/usr/bin/env python3
"""Independent reader of Tessera secret-store files, written from docs/FORMAT.md alone.

Usage: read_store.py STORE
Keys come from the environment, as for the tessera CLI:
  TESSERA_MASTER_KEY       64 hex characters (stores sealed with a master key), or
  TESSERA_PASSPHRASE       the passphrase (stores with "kdf": {"algorithm": "scrypt", ...})
  TESSERA_MASTER_KEY_<ENV> an environment's own key (name upper-cased, '-' as '_')
For every environment it holds a key for, it checks the key-check value and the environment
MAC (and, with the master key, the manifest MAC), then decrypts every value, current and past,
checking each AES-GCM tag with the associated data of FORMAT.md. It prints one JSON object:
  {"environments": {ENV: {KEY: {"value": B64, "version": N, "history": {"N": B64, ...}}}},
   "locked": [ENV, ...]}
and exits 1 on any check failure. Only `cryptography` (AES-GCM, HKDF, scrypt) and `hashlib`/
`hmac` are used.
"""
import base64
import hashlib
import hmac
import json
import os
import struct
import sys

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

PREFIX = "tessera/store/v1/"


def fail(message):
    print("read_store: " + message, file=sys.stderr)
    sys.exit(1)


def lp(data):
    """LP(x) = u32be(len(x)) || x"""
    if isinstance(data, str):
        data = data.encode("utf-8")
    return struct.pack(">I", len(data)) + data


def u64(n):
    return struct.pack(">Q", n)


def b64(text):
    raw = base64.b64decode(text, validate=True)
    if base64.b64encode(raw).decode("ascii") != text:
        fail("non-canonical base64")
    return raw


def derive(root, store_id, purpose):
    """HKDF-SHA256(root, salt = store id, info = "tessera/store/v1/" + purpose, 32 bytes)"""
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=store_id,
                info=(PREFIX + purpose).encode("ascii")).derive(root)


def utf8_sorted(names):
    return sorted(names, key=lambda s: s.encode("utf-8"))


def environment_mac_input(store_id, name, env):
    out = lp("tessera/store/v1/environment") + lp(store_id) + lp(name) + lp(env["keySource"])
    secrets = env["secrets"]
    out += u64(len(secrets))
    for key in utf8_sorted(secrets):
        s = secrets[key]
        out += lp(key) + lp(s["description"]) + lp(s["created"]) + lp(s["updated"])
        out += u64(s["version"]) + lp(b64(s["value"]))
        out += u64(len(s["history"]))
        for h in s["history"]:
            out += u64(h["version"]) + lp(h["updated"]) + lp(b64(h["value"]))
    return out


def manifest_mac_input(store_id, environments):
    out = lp("tessera/store/v1/manifest") + lp(store_id) + u64(len(environments))
    for name in utf8_sorted(environments):
        env = environments[name]
        out += lp(name) + lp(env["keySource"])
        out += lp(b64(env["mac"]) if env["keySource"] == "master" else b"")
    return out


def value_aad(store_id, env, key, version):
    return lp("tessera/store/v1/value") + lp(store_id) + lp(env) + lp(key) + u64(version)


def open_value(data_key, sealed, aad):
    nonce, ciphertext_and_tag = sealed[:12], sealed[12:]
    return AESGCM(data_key).decrypt(nonce, ciphertext_and_tag, aad)


def check(expected, actual, what):
    if not hmac.compare_digest(expected, actual):
        fail(what)


def main():
    if len(sys.argv) != 2:
        fail("usage: read_store.py STORE")
    with open(sys.argv[1], "rb") as f:
        doc = json.loads(f.read().decode("utf-8"))
    if doc.get("format") != "tessera-secret-store" or doc.get("version") != 1:
        fail("not a version 1 tessera store")
    store_id = bytes.fromhex(doc["storeId"])

    master = None
    kdf = doc["kdf"]
    if "TESSERA_MASTER_KEY" in os.environ:
        master = bytes.fromhex(os.environ["TESSERA_MASTER_KEY"])
    elif "TESSERA_PASSPHRASE" in os.environ and kdf["algorithm"] == "scrypt":
        n, r, p = kdf["n"], kdf["r"], kdf["p"]
        master = Scrypt(salt=b64(kdf["salt"]), length=32, n=n, r=r, p=p).derive(
            os.environ["TESSERA_PASSPHRASE"].encode("utf-8"))
    if master is not None:
        check(b64(doc["keyCheck"]), derive(master, store_id, "key-check"), "wrong master key")
        manifest_key = derive(master, store_id, "manifest-mac")
        expected = hmac.new(manifest_key, manifest_mac_input(store_id, doc["environments"]), hashlib.sha256).digest()
        check(b64(doc["mac"]), expected, "manifest MAC mismatch")

    result = {"environments": {}, "locked": []}
    for name in utf8_sorted(doc["environments"]):
        env = doc["environments"][name]
        if env["keySource"] == "master":
            root = master
        else:
            variable = "TESSERA_MASTER_KEY_" + name.upper().replace("-", "_")
            root = bytes.fromhex(os.environ[variable]) if variable in os.environ else None
        if root is None:
            result["locked"].append(name)
            continue
        check(b64(env["keyCheck"]), derive(root, store_id, "key-check/" + name), "wrong key for " + name)
        data_key = derive(root, store_id, "data-key/" + name)
        mac_key = derive(root, store_id, "mac-key/" + name)
        expected = hmac.new(mac_key, environment_mac_input(store_id, name, env), hashlib.sha256).digest()
        check(b64(env["mac"]), expected, "environment MAC mismatch for " + name)
        values = {}
        for key in utf8_sorted(env["secrets"]):
            s = env["secrets"][key]
            current = open_value(data_key, b64(s["value"]), value_aad(store_id, name, key, s["version"]))
            history = {}
            for h in s["history"]:
                old = open_value(data_key, b64(h["value"]), value_aad(store_id, name, key, h["version"]))
                history[str(h["version"])] = base64.b64encode(old).decode("ascii")
            values[key] = {"value": base64.b64encode(current).decode("ascii"), "version": s["version"],
                           "history": history}
        result["environments"][name] = values
    json.dump(result, sys.stdout, sort_keys=True)
    print()


if __name__ == "__main__":
    main()
