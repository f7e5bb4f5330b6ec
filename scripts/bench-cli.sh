#!/usr/bin/env bash
# Whole-process timings of the `tessera` CLI (issue 6): `tessera get` on a master-key store of
# 10,000 secrets over 5 environments (target: <= 30 ms), and start-up (`tessera --version`) next
# to an empty Swift main. Uses hyperfine when installed (apt-get install hyperfine), else 20 runs
# of each under bash's `time`.
set -euo pipefail
cd "$(dirname "$0")/.."
swift build -c release --product tessera >/dev/null
T="$PWD/.build/release/tessera"
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
cd "$dir"
export TESSERA_MASTER_KEY=$("$T" keygen)
"$T" init 2>/dev/null
for env in global dev staging prod test; do
    head -c 64000 /dev/urandom | od -An -v -tx1 | tr -d ' \n' | fold -w 64 | head -2000 \
        | awk '{ printf "SERVICE_%d_API_KEY=%s\n", NR - 1, $0 }' > "$env.env"
    "$T" import "$env.env" --env "$env" 2>/dev/null
done
echo "store: $(wc -c < secrets.tessera.json) bytes, $("$T" list --names | wc -l) key names, $("$T" list | tail -n +2 | wc -l) secrets"
printf 'print("x")\n' > empty.swift && swiftc -O empty.swift -o empty-main 2>/dev/null
if command -v hyperfine >/dev/null; then
    hyperfine -N -w 5 -r 50 "$T get SERVICE_7_API_KEY --env prod" "$T --version" ./empty-main
else
    for cmd in "$T get SERVICE_7_API_KEY --env prod" "$T --version" ./empty-main; do
        echo "$cmd (20 runs):"
        time (for _ in $(seq 20); do $cmd >/dev/null; done)
    done
fi
