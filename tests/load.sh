#!/usr/bin/env bash
# Load run of examples/uas with sipp: OPTIONS, then INVITE/ACK/BYE calls, each at LOAD_RATE calls per
# second for LOAD_SECONDS over UDP, against a release build on a free loopback port.
#
#   tests/load.sh                     # 500 cps for 30 s (the full run)
#   LOAD_SECONDS=5 tests/load.sh      # the short run of CI
#   LOAD_RATE=200 LOAD_TRANSPORT=t1 UAS_PORT=25070 UAS_BIN=... tests/load.sh
#
# Prints, per scenario: calls per second achieved, successful and failed calls, unexpected messages,
# retransmissions, and response-time percentiles (from sipp's -trace_rtt). Exits non-zero on any failed
# call, any unexpected message, or fewer successful calls than sent. Needs sipp and python3.
set -u -o pipefail

here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/.." && pwd)"
cd "$root"

rate="${LOAD_RATE:-500}"
secs="${LOAD_SECONDS:-30}"
transport="${LOAD_TRANSPORT:-u1}"
out="${LOAD_OUT:-$root/target/load}"
rm -rf "$out"
mkdir -p "$out"

if [ -z "${UAS_BIN:-}" ]; then
    timeout 1200 cargo build --release --example uas || { echo "load.sh: cargo build failed"; exit 1; }
    UAS_BIN="$root/target/release/examples/uas"
fi
. "$here/sipp/uas.sh"
port="${UAS_PORT:-$(free_port)}"
export RUST_LOG="${UAS_LOG:-info}"
start_uas "$UAS_BIN" "$port" "$out/uas.log" --user alice:secret || exit 1

calls=$((rate * secs))
status=0
for scenario in load_options load_call; do
    dir="$out/$scenario"
    mkdir -p "$dir"
    echo "== $scenario: $rate cps for $secs s ($calls calls) over $transport to 127.0.0.1:$port"
    (
        cd "$dir" &&
            timeout $((secs + 90)) sipp -sf "$here/sipp/$scenario.xml" -s alice -i 127.0.0.1 -t "$transport" \
                -r "$rate" -rp 1000 -m "$calls" -l $((rate * 10)) \
                -timeout $((secs + 60))s -timeout_error -recv_timeout 10000 -nostdin \
                -trace_stat -stf stat.csv -fd 1 -trace_rtt -rtt_freq 1 -trace_err -error_file errors.log \
                "127.0.0.1:$port" >sipp.out 2>&1
    )
    rc=$?
    python3 - "$dir" "$calls" "$rc" <<'EOF' || status=1
import csv, glob, sys
d, expected, rc = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
rows = list(csv.reader(open(f"{d}/stat.csv"), delimiter=";"))
head, last = rows[0], rows[-1]
get = lambda name: last[head.index(name)]
ok, failed = int(get("SuccessfulCall(C)")), int(get("FailedCall(C)"))
unexpected = int(get("FailedUnexpectedMessage(C)")) + int(get("OutOfCallMsgs(C)"))
retrans = int(get("Retransmissions(C)"))
h, m, s = get("ElapsedTime(C)").split(":")[:3]
elapsed = int(h) * 3600 + int(m) * 60 + float(s)
times = {}
for f in glob.glob(f"{d}/*_rtt.csv"):
    for row in csv.reader(open(f), delimiter=";"):
        if len(row) >= 3 and row[1].replace(".", "", 1).isdigit():
            times.setdefault(row[2], []).append(float(row[1]))
def pct(v, p):
    v = sorted(v)
    return v[min(len(v) - 1, int(round(p / 100 * (len(v) - 1))))]
print(f"   sipp exit {rc}; elapsed {elapsed:.1f} s; {ok / elapsed if elapsed else 0:.1f} successful calls per second")
print(f"   calls: {ok} successful, {failed} failed (of {expected}); unexpected messages: {unexpected}; retransmissions: {retrans}")
names = {"1": "request -> 200", "2": "BYE -> 200"}
for k in sorted(times):
    v = times[k]
    label = names.get(k, k) if "call" in d.rsplit("/", 1)[-1] else "OPTIONS -> 200"
    print(f"   response time ({label}, ms, n={len(v)}): p50 {pct(v,50):.3f}  p90 {pct(v,90):.3f}  "
          f"p99 {pct(v,99):.3f}  p99.9 {pct(v,99.9):.3f}  max {max(v):.3f}")
bad = rc != 0 or failed or unexpected or ok != expected
if bad:
    print(f"   FAIL (see {d})")
sys.exit(1 if bad else 0)
EOF
done

stop_uas
trap - EXIT
if grep -q "panicked" "$out/uas.log"; then
    echo "load.sh: the server panicked"
    status=1
fi
echo "server log: $(grep -c ' <- ' "$out/uas.log") request lines, $(grep -c ' -> ' "$out/uas.log") response lines, $(grep -c ' WARN ' "$out/uas.log") warnings"
if [ "$status" -eq 0 ]; then echo "load: 2 passed, 0 failed"; else echo "load: FAILED"; fi
exit "$status"
