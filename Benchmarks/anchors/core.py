"""Core section: no OpenSSL anchors yet."""
CASES = {}
