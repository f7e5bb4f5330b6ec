#!/usr/bin/env python3
"""OpenSSL oracle for the KDF differential tests (KDFDifferentialTests.swift).

Reads a JSON list of requests on stdin and writes a JSON list of hex results, in order:
  {"op": "hash",   "alg": a, "msg": hex}
  {"op": "hmac",   "alg": a, "key": hex, "msg": hex}
  {"op": "hkdf",   "alg": a, "ikm": hex, "salt": hex|null, "info": hex|null, "len": n}
  {"op": "pbkdf2", "alg": a, "pw": hex, "salt": hex, "rounds": n, "len": n}
with a in md5 (not for hkdf), sha1, sha224, sha256, sha384, sha512. hashlib/hmac are CPython's
OpenSSL bindings; HKDF is pyca/cryptography's (also OpenSSL), independent of any code in this repository.
"""
import hashlib
import hmac
import json
import sys

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

HKDF_HASHES = {"sha1": hashes.SHA1, "sha224": hashes.SHA224, "sha256": hashes.SHA256,
               "sha384": hashes.SHA384, "sha512": hashes.SHA512}


def unhex(s):
    return None if s is None else bytes.fromhex(s)


def answer(req):
    op, alg = req["op"], req["alg"]
    if op == "hash":
        return hashlib.new(alg, unhex(req["msg"])).hexdigest()
    if op == "hmac":
        return hmac.new(unhex(req["key"]), unhex(req["msg"]), alg).hexdigest()
    if op == "hkdf":
        kdf = HKDF(algorithm=HKDF_HASHES[alg](), length=req["len"], salt=unhex(req["salt"]),
                   info=unhex(req["info"]))
        return kdf.derive(unhex(req["ikm"])).hex()
    if op == "pbkdf2":
        return hashlib.pbkdf2_hmac(alg, unhex(req["pw"]), unhex(req["salt"]), req["rounds"],
                                   req["len"]).hex()
    raise ValueError(f"unknown op {op}")


def main():
    requests = json.load(sys.stdin)
    json.dump([answer(r) for r in requests], sys.stdout)


if __name__ == "__main__":
    main()
