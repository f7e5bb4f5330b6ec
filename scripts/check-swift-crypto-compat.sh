#!/usr/bin/env bash
# Compiles and runs swift-crypto 4.5.2's own tests for the APIs Tessera mirrors (AES-GCM with
# Wycheproof, digests, HMAC, HKDF, PBKDF2, scrypt) against Tessera, with `import Crypto` /
# `import _CryptoExtras` replaced by `import Tessera` and nothing else changed, except HKDF's
# SharedSecret test (it needs swift-crypto internals through @testable import: dropped).
#
# Needs a swift-crypto checkout: $SWIFT_CRYPTO_DIR, or it clones
# https://github.com/apple/swift-crypto.git (network) into a temporary directory. Nothing of
# swift-crypto is copied into this repository; the scratch package lives in a temp directory.
# Not part of CI (no network there). Usage: bash scripts/check-swift-crypto-compat.sh
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
src="${SWIFT_CRYPTO_DIR:-}"
if [ -z "$src" ]; then
    git clone -q --branch 4.5.2 --depth 1 https://github.com/apple/swift-crypto.git "$work/swift-crypto"
    src="$work/swift-crypto"
fi
pkg="$work/compat"
mkdir -p "$pkg/Tests/Compat" "$pkg/Test Vectors"
t="$src/Tests/CryptoTests"
x="$src/Tests/CryptoExtrasTests"
cp "$t/Authenticated Encryption/AES-GCM-Runner.swift" "$t/Digests/DigestsTests.swift" \
   "$t/MAC/HMACTests.swift" "$t/Key Derivation/HKDFTests.swift" "$t"/Utils/*.swift \
   "$x/PBKDF2Tests.swift" "$x/ScryptTests.swift" "$pkg/Tests/Compat/"
cp "$src/Tests/Test Vectors/aes_gcm_test.json" "$src/Tests/Test Vectors/"rfc-5869-HKDF-SHA*.txt \
   "$src/Tests/CryptoExtrasVectors/rfc-6070-PBKDF2-SHA1.txt" \
   "$src/Tests/CryptoExtrasVectors/rfc-7914-scrypt.txt" "$pkg/Test Vectors/"
python3 - "$pkg/Tests/Compat" <<'PY'
import pathlib, re, sys
for f in pathlib.Path(sys.argv[1]).glob("*.swift"):
    s = f.read_text()
    s = re.sub(r"(@testable )?import (Crypto|CryptoKit|_CryptoExtras|CryptoExtras)\b", "import Tessera", s)
    # HMAC and HKDF tests are compiled out under CRYPTO_IN_SWIFTPM (they use @testable); keep them.
    s = s.replace("#if CRYPTO_IN_SWIFTPM && !CRYPTO_IN_SWIFTPM_FORCE_BUILD_API\n// Skip tests", "#if false\n// Skip tests")
    if f.name == "HKDFTests.swift":
        s = s.replace("Data(PRK1.digest)", "Data(PRK1)").replace("Data(PRK2.digest)", "Data(PRK2)")
        i = s.index("    func sharedSecretTesting")
        j = s.index("\n    func ", i + 10)
        s = s[:i] + s[j + 1:]
        s = s.replace("sharedSecretTesting(", "_ = (")
    f.write_text(s)
PY
cat > "$pkg/Package.swift" <<SWIFT
// swift-tools-version:6.0
import PackageDescription
let package = Package(
    name: "Compat",
    dependencies: [.package(name: "Tessera", path: "$here")],
    targets: [
        .testTarget(name: "Compat", dependencies: [.product(name: "Tessera", package: "Tessera")],
                    path: "Tests/Compat", swiftSettings: [.define("CRYPTO_IN_SWIFTPM")]),
    ]
)
SWIFT
cd "$pkg" && swift test -c release
