"""Times OpenSSL reference operations for the Tessera benchmark, the same way the Swift harness
times its own cases: warm-up, calibration to ~50 ms samples, median and min/max of N samples.

Each section's file in this folder defines CASES = {name: setup}, where setup() does the set-up
and returns a zero-argument function performing one operation. OPENSSL_ia32cap, set by the
caller, selects OpenSSL's code path. Prints {name: {median, min, max, samples}} in seconds/op.
"""
import importlib
import json
import pathlib
import sys
import time


def load_cases():
    cases = {}
    here = pathlib.Path(__file__).parent
    sys.path.insert(0, str(here))
    for path in sorted(here.glob("*.py")):
        if path.stem == "run":
            continue
        cases.update(importlib.import_module(path.stem).CASES)
    return cases


def measure(op, runs, target=0.05):
    op()
    iterations = 1
    while True:
        t0 = time.perf_counter()
        for _ in range(iterations):
            op()
        t = time.perf_counter() - t0
        if t >= target / 4 or iterations >= 1 << 26:
            iterations = max(1, int(iterations * target / max(t, 1e-9)))
            break
        iterations *= 4
    per_op = []
    for _ in range(runs):
        t0 = time.perf_counter()
        for _ in range(iterations):
            op()
        per_op.append((time.perf_counter() - t0) / iterations)
    per_op.sort()
    return {"median": per_op[len(per_op) // 2], "min": per_op[0], "max": per_op[-1], "samples": runs}


def main():
    args = sys.argv[1:]
    runs = 5
    if args[:1] == ["--runs"]:
        runs = int(args[1])
        args = args[2:]
    cases = load_cases()
    out = {}
    for name in args:
        if name in cases:
            out[name] = measure(cases[name](), runs)
    json.dump(out, sys.stdout)


if __name__ == "__main__":
    main()
