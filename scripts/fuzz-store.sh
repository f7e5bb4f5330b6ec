#!/usr/bin/env bash
# Fuzzes the store file parser and the sealed-value decoder with libFuzzer for a fixed time.
#
#   scripts/fuzz-store.sh [SECONDS]        (default 60; FUZZ_JOBS=N runs N jobs in parallel)
#
# Builds fuzz/StoreFuzzTarget.swift with `swiftc -sanitize=fuzzer,address` together with the
# store sources it exercises (TesseraCore first, as its own module), outside the SwiftPM build,
# in .build-fuzz/. Runs from a copy of fuzz/corpus so the repository corpus only changes when
# you copy new finds back (see the last line it prints). Exits non-zero on any crash, leak or
# failed property, leaving the reproducer in .build-fuzz/.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-60}"
out=.build-fuzz
mkdir -p "$out/corpus"

core_sources=(Sources/TesseraCore/*.swift)
store_sources=(
    Sources/SecretStore/JSONReader.swift Sources/SecretStore/JSONReader+Tree.swift Sources/SecretStore/JSONWriter.swift Sources/SecretStore/StoreFile+Decode.swift Sources/SecretStore/StoreFile+Encode.swift Sources/SecretStore/StoreModel.swift
    Sources/SecretStore/Base64.swift Sources/SecretStore/Timestamp.swift Sources/SecretStore/NameValidation.swift
    Sources/SecretStore/SecretStoreError.swift Sources/SecretStore/MasterKey.swift
)
flags=(-O -parse-as-library -package-name tessera -sanitize=fuzzer,address -swift-version 6)

echo "fuzz-store: building TesseraCore"
swiftc "${flags[@]}" -module-name TesseraCore -emit-module -emit-module-path "$out/TesseraCore.swiftmodule" \
    -emit-library -static -o "$out/libTesseraCore.a" "${core_sources[@]}" 2> >(grep -v "ld.gold: warning" >&2)
echo "fuzz-store: building the fuzz target"
swiftc "${flags[@]}" -module-name TesseraSecretStore -I "$out" -L "$out" -lTesseraCore \
    -o "$out/store-fuzz" fuzz/StoreFuzzTarget.swift "${store_sources[@]}" 2> >(grep -v "ld.gold: warning" >&2)

cp -n fuzz/corpus/* "$out/corpus/" 2>/dev/null || true
echo "fuzz-store: running for ${seconds}s"
jobs=()
if [ "${FUZZ_JOBS:-1}" -gt 1 ]; then jobs=(-jobs="$FUZZ_JOBS" -workers="$FUZZ_JOBS"); fi
# The Swift runtime's backtracer would catch the trap first; libFuzzer must see it.
SWIFT_BACKTRACE=enable=no "$out/store-fuzz" "$out/corpus" fuzz/corpus -dict=fuzz/store.dict \
    -max_total_time="$seconds" -max_len=16384 -timeout=10 -rss_limit_mb=2048 "${jobs[@]}" \
    -artifact_prefix="$out/" -print_final_stats=1
echo "fuzz-store: no crash. New inputs are in $out/corpus (merge: $out/store-fuzz -merge=1 fuzz/corpus $out/corpus)"
