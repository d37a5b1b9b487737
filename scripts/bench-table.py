#!/usr/bin/env python3
"""Turns criterion's estimates (benches/target/criterion/**/new/estimates.json) into the Markdown table of
BENCHMARKS.md: one row per comparison, the median time of the sip-codes variant, the fastest peer that
does the same job and its median time, and the ratio of the two (above 1 means sip-codes is faster).

    python3 scripts/bench-table.py [CRITERION_DIR] [BASELINE]

BASELINE is a baseline saved with criterion's `--save-baseline NAME` (default: `new`, the last run).

Which of our variants is set against which peers is decided by `COMPARE`, per group family (the part of
the group name before `/`): in a status-line group, the owned and the borrowed line against ezk-sip-types
(the one peer that parses a line alone) and the whole-message parse against rsip and rsipstack (which only
parse whole messages); in a message group, the parse with a proxy's lookups against the peers' parse with
the same lookups, and the rule check against the peers' full parse.
"""

import json
import pathlib
import sys

ROOT = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else "benches/target/criterion")
BASELINE = sys.argv[2] if len(sys.argv) > 2 else "new"
PEERS = ["http", "rsip", "rsipstack", "ezk-sip-types"]
# family -> [(our variant, what it is, [peer variants doing the same job])]; absent: sip-codes vs PEERS.
COMPARE = {
    "status_line": [
        ("sip-codes", "owned line", ["ezk-sip-types"]),
        ("sip-codes/borrowed", "borrowed line", ["ezk-sip-types"]),
        ("sip-codes/message", "whole message", ["rsip", "rsipstack"]),
    ],
    "status_line_reason": [
        ("sip-codes", "owned line", ["ezk-sip-types"]),
        ("sip-codes/borrowed", "borrowed line", ["ezk-sip-types"]),
    ],
    "message_parse": [
        ("sip-codes", "parse + lookups", ["rsipstack/lookups", "ezk-sip-types/lookups"]),
        ("sip-codes/parse", "parse", ["rsipstack", "ezk-sip-types"]),
        ("sip-codes/check", "parse + rule check vs peers' parse", ["rsipstack", "ezk-sip-types"]),
    ],
}


def fmt(ns):
    if ns < 1000:
        return f"{ns:.1f} ns"
    return f"{ns / 1000:.2f} µs"


def load():
    groups = {}
    for bench in ROOT.glob(f"**/{BASELINE}/benchmark.json"):
        meta = json.loads(bench.read_text())
        est = json.loads((bench.parent / "estimates.json").read_text())
        groups.setdefault(meta["group_id"], {})[meta["function_id"]] = est["median"]["point_estimate"]
    return groups


def main():
    groups = load()
    if not groups:
        sys.exit(f"no criterion results under {ROOT}")
    print("| group | sip-codes variant | sip-codes | fastest peer | its time | speed-up | every peer |")
    print("|---|---|---:|---|---:|---:|---|")
    for name in sorted(groups):
        g = groups[name]
        family = name.split("/")[0]
        for ours, what, peers in COMPARE.get(family, [("sip-codes", "", PEERS)]):
            times = [(p, g[p]) for p in peers if p in g]
            if ours not in g or not times:
                continue
            best, t = min(times, key=lambda pt: pt[1])
            every = ", ".join(f"{p} {fmt(v)}" for p, v in times)
            label = f"{ours} ({what})" if what else ours
            print(f"| {name} | {label} | {fmt(g[ours])} | {best} | {fmt(t)} | {t / g[ours]:.2f}× | {every} |")


if __name__ == "__main__":
    main()
