#!/usr/bin/env bash
# The test command of the README and of CI: installs what the tests need (the `cryptography`
# PyPI package as the OpenSSL oracle, valgrind for the constant-time check) when it is missing,
# then runs the whole suite in release mode (debug Swift is ~30x slower on crypto loops).
set -euo pipefail
cd "$(dirname "$0")/.."
if ! python3 -c 'import cryptography' 2>/dev/null; then
    python3 -m pip install -q -r Tests/requirements.txt
fi
if ! command -v valgrind >/dev/null 2>&1; then
    if [ "$(id -u)" = 0 ]; then SUDO=""; else SUDO="sudo"; fi
    $SUDO apt-get update -qq && $SUDO apt-get install -y -qq valgrind
fi
swift test -c release "$@"
