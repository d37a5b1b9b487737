#!/usr/bin/env bash
# examples/lint against traffic nobody here wrote (issue 12), each capture made on lo by tshark:
#   1. sipp's built-in `uas` scenario answering sipp's built-in `uac` (INVITE/180/200/ACK/BYE/200), over
#      UDP and TCP: every response must check clean;
#   2. a sipp server that breaks two rules on purpose (tests/lint/uas_405_without_allow.xml): the linter
#      must name both, at their frames, and exit 1;
#   3. PJSIP (pip `pjsua2-python`, tests/lint/pjsip_uas.py) answering calls over UDP and TCP, and an
#      OPTIONS, REGISTER, MESSAGE, INFO, SUBSCRIBE, PUBLISH and an extension method
#      (tests/lint/requests.py): run when `import pjsua2` works, skipped otherwise (LINT_PJSIP=require
#      makes a missing PJSIP a failure);
#   4. text input from a file and from stdin, and `--spec` with a user's spec (a local rule) and with a
#      broken one (exit 2, `file:line:col`).
# examples/uas's own captures are linted by tests/conformance.sh. Every capture and report is kept in
# target/lint. Exits non-zero on any failure.
set -u -o pipefail

here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
cd "$root"
out="${LINT_OUT:-$root/target/lint}"
rm -rf "$out"
mkdir -p "$out"
. "$root/tests/sipp/uas.sh"
timeout 900 cargo build --example lint || { echo "lint/run.sh: cargo build failed"; exit 1; }
lint="$root/target/debug/examples/lint"
status=0
passed=0
failed=0
pass() { echo "ok    $1"; passed=$((passed + 1)); }
fail() { echo "FAIL  $1"; failed=$((failed + 1)); status=1; }

pids=()
cleanup() { for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null; wait "$pid" 2>/dev/null; done; }
trap cleanup EXIT

capture_start() { # pcap port...
    local pcap="$1" filter=""
    shift
    for port in "$@"; do filter="${filter:+$filter or }port $port"; done
    timeout 300 tshark -i lo -f "$filter" -w "$pcap" -q >"$pcap.log" 2>&1 </dev/null &
    cap_pid=$!
    for _ in $(seq 100); do grep -q "Capturing on" "$pcap.log" 2>/dev/null && break; sleep 0.1; done
    sleep 0.5
}
capture_stop() { sleep 0.5; kill -INT "$cap_pid" 2>/dev/null; wait "$cap_pid" 2>/dev/null; }

# expect NAME EXIT FILE [LINT ARGS...]: runs the linter, keeps its report, checks its exit status.
expect() {
    local name="$1" want="$2" report="$out/$1.txt"
    shift 2
    timeout 120 "$lint" "$@" >"$report" 2>&1
    local got=$?
    if [ "$got" -ne "$want" ]; then
        fail "$name: exit $got, expected $want"
        sed 's/^/      /' "$report" | tail -n 30
        return 1
    fi
    pass "$name: exit $got — $(tail -n 1 "$report")"
}
# has NAME TEXT: the report of NAME holds TEXT.
has() {
    if grep -qF -- "$2" "$out/$1.txt"; then pass "$1 says: $2"; else fail "$1 does not say: $2"; fi
}

# 1. sipp's uas, UDP and TCP.
udp=$(free_port)
tcp=$(free_port)
capture_start "$out/sipp_uas.pcapng" "$udp" "$tcp"
timeout 60 sipp -sn uas -i 127.0.0.1 -p "$udp" -m 3 >/dev/null 2>&1 &
pids+=($!)
timeout 60 sipp -sn uas -i 127.0.0.1 -p "$tcp" -t t1 -m 3 >/dev/null 2>&1 &
pids+=($!)
sleep 0.5
timeout 60 sipp -sn uac "127.0.0.1:$udp" -i 127.0.0.1 -m 3 -r 10 >/dev/null 2>&1 || fail "sipp uac (UDP)"
timeout 60 sipp -sn uac "127.0.0.1:$tcp" -i 127.0.0.1 -m 3 -r 10 -t t1 >/dev/null 2>&1 || fail "sipp uac (TCP)"
capture_stop
expect sipp_uas 0 "$out/sipp_uas.pcapng" && has sipp_uas "checked 18 responses (18 requests read): 0 rules broken"

# 2. A server that breaks rules on purpose.
port=$(free_port)
capture_start "$out/sipp_broken.pcapng" "$port"
timeout 60 sipp -sf "$here/uas_405_without_allow.xml" -i 127.0.0.1 -p "$port" -m 1 >/dev/null 2>&1 &
pids+=($!)
sleep 0.5
timeout 60 sipp -sf "$here/uac_options_message.xml" "127.0.0.1:$port" -i 127.0.0.1 -m 1 >/dev/null 2>&1 ||
    fail "sipp uac for the broken server"
capture_stop
if expect sipp_broken 1 "$out/sipp_broken.pcapng"; then
    has sipp_broken "error: \`405 Method Not Allowed\` requires the \`Allow\` header (RFC 3261 §21.4.6)"
    has sipp_broken ": frame 2 (UDP 127.0.0.1:$port → 127.0.0.1:"
    has sipp_broken "error: \`180 Ringing\` is sent only in response to an INVITE request (RFC 4320 §4.1)"
    has sipp_broken "answers a MESSAGE"
    has sipp_broken "checked 3 responses (2 requests read): 2 rules broken"
fi

# 3. PJSIP.
if python3 -c "import pjsua2" 2>/dev/null; then
    port=$(free_port)
    capture_start "$out/pjsip.pcapng" "$port"
    timeout 120 python3 "$here/pjsip_uas.py" "$port" >"$out/pjsip.log" 2>&1 &
    pids+=($!)
    for _ in $(seq 100); do grep -q "pjsip listening" "$out/pjsip.log" 2>/dev/null && break; sleep 0.1; done
    timeout 60 python3 "$here/requests.py" 127.0.0.1 "$port" >"$out/pjsip_requests.txt" 2>&1
    sed 's/^/      PJSIP answered /' "$out/pjsip_requests.txt"
    timeout 60 sipp -sn uac "127.0.0.1:$port" -i 127.0.0.1 -s pjsip -m 2 -r 5 >/dev/null 2>&1 ||
        fail "sipp uac to PJSIP (UDP)"
    timeout 60 sipp -sn uac "127.0.0.1:$port" -i 127.0.0.1 -s pjsip -m 2 -r 5 -t t1 >/dev/null 2>&1 ||
        fail "sipp uac to PJSIP (TCP)"
    capture_stop
    expect pjsip 0 "$out/pjsip.pcapng"
elif [ "${LINT_PJSIP:-}" = require ]; then
    fail "PJSIP: python3 cannot import pjsua2 (pip install pjsua2-python)"
else
    echo "skip  PJSIP: python3 cannot import pjsua2 (pip install pjsua2-python)"
fi

# 4. Text, stdin, --spec.
data="$here/data"
expect text 1 "$data/405_without_allow.txt" && has text "$data/405_without_allow.txt:1:1"
expect stdin 1 - <"$data/405_without_allow.txt" && has stdin "<stdin>:1:1"
expect bundled_403 0 "$data/403_without_reason.txt"
expect vendor_403 1 --spec "$root/tests/specs/vendor.yaml" "$data/403_without_reason.txt" &&
    has vendor_403 "error: \`403 Wrong Guess\` requires the \`Reason\` header (ACME policy (every 403 says why))"
expect bad_spec 2 --spec "$data/bad_spec.yaml" "$data/403_without_reason.txt" &&
    has bad_spec "$data/bad_spec.yaml:5:"

echo "lint: $passed passed, $failed failed"
exit $status
