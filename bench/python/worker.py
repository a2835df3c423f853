"""Runs one CPython case in its own process, speaking the JavaScript worker's protocol.

    python3 bench/python/worker.py <id> <n> <repeats> <warmup_n> [no-gc]

One warm-up at warmup_n, then `repeats` timed runs at n, each after gc.collect() (not
with `no-gc`, the bench's diagnostic `--no-gc`); one
`@@start` line before each run, one line per timed run (`@@run {"ms": ...}`), then `@@done`.
"""
import asyncio
import gc
import json
import sys

from workloads import CASES

SLOW_CASE_MS = 45_000
MIN_REPEATS = 3


def main():
    case_id, n, repeats = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    warmup_n = int(sys.argv[4]) if len(sys.argv) > 4 else n
    forced_gc = sys.argv[5:6] != ["no-gc"]
    case = CASES[case_id]
    print("@@start warm-up", flush=True)
    asyncio.run(case(warmup_n))
    timed_ms = 0.0
    for r in range(repeats):
        if r >= MIN_REPEATS and timed_ms > SLOW_CASE_MS:
            break  # as bench/worker.ts: a very slow case stops after MIN_REPEATS runs
        if forced_gc:
            gc.collect()
        print(f"@@start {r + 1}", flush=True)
        ms, bytes_per_item = asyncio.run(case(n))
        timed_ms += ms
        run = {"ms": ms}
        if bytes_per_item is not None:
            run["bytesPerItem"] = bytes_per_item
        print("@@run " + json.dumps(run), flush=True)
    print("@@done", flush=True)


if __name__ == "__main__":
    main()
