#!/usr/bin/env python3
"""Turns criterion's estimates (benches/target/criterion/**/new/estimates.json) into the Markdown tables of
BENCHMARKS.md: one row per comparison group, the median time of each crate, and the ratio of the fastest
peer to sip-codes (above 1 means sip-codes is faster).

    python3 scripts/bench-table.py [CRITERION_DIR] [BASELINE]

BASELINE is a baseline saved with criterion's `--save-baseline NAME` (default: `new`, the last run).

Which of our variants is compared with which peer is decided by `OURS`: in a status-line group,
`sip-codes` (the line, owned) is set against ezk-sip-types (which parses the line alone), and
`sip-codes/message` against rsip and rsipstack (which only parse whole messages).
"""

import json
import pathlib
import sys

ROOT = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else "benches/target/criterion")
BASELINE = sys.argv[2] if len(sys.argv) > 2 else "new"
PEERS = ["http", "rsip", "rsipstack", "ezk-sip-types"]
# For each peer, the sip-codes variant that does the same job (default: "sip-codes").
OURS = {("status_line", "rsip"): "sip-codes/message", ("status_line", "rsipstack"): "sip-codes/message"}


def fmt(ns):
    if ns is None:
        return "—"
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
    ours_cols = ["sip-codes", "sip-codes/borrowed", "sip-codes/message"]
    print("| group | " + " | ".join(ours_cols + PEERS) + " | fastest peer | speed-up vs fastest peer |")
    print("|---|" + "---:|" * (len(ours_cols) + len(PEERS)) + "---|---:|")
    for name in sorted(groups):
        g = groups[name]
        family = name.split("/")[0]
        peers = [(p, g[p]) for p in PEERS if p in g]
        cells = [fmt(g.get(c)) for c in ours_cols + PEERS]
        if peers:
            # The fastest peer relative to the variant of ours that does the same job.
            best = min(peers, key=lambda pv: pv[1] / g[OURS.get((family, pv[0]), "sip-codes")])
            ours = OURS.get((family, best[0]), "sip-codes")
            ratio = best[1] / g[ours]
            verdict = f"{ratio:.2f}× ({ours} vs {best[0]})"
        else:
            verdict = "—"
            best = ("—",)
        print(f"| {name} | " + " | ".join(cells) + f" | {best[0]} | {verdict} |")


if __name__ == "__main__":
    main()
