#!/usr/bin/env bash
# Conformance of examples/uas with real peers, as CI runs it (installs nothing: .ci/run installs
# sip-tester, tshark, kamailio, python3 and pjsua2-python first):
#   1. tests/sipp/run.sh — every sipp scenario over UDP and TCP, captured on lo by tshark;
#   2. tests/load.sh — a short load run (LOAD_SECONDS, default 5 here), captured too;
#   3. tshark's SIP dissector reads every captured response: it must count as many responses as the
#      server logged (suite) and report no malformed packet and no expert warning or error;
#   4. the example's own unit tests;
#   5. tests/hardening/run.sh — the RFC 4475 torture messages, request grammar, TCP limits, a response
#      too large for UDP, bounded dialogs (issue 16);
#   6. tests/kamailio/run.sh — a call through a record-routing Kamailio (RFC 3261 §12.1.1);
#   7. tests/proxy/run.sh — examples/proxy forking to two examples/uas: what RFC 3261 §16.7 lets reach
#      the caller (sip_codes::proxy::best_response).
# Exits non-zero on any failure; every step is bounded by `timeout`.
set -u -o pipefail

here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/.." && pwd)"
cd "$root"
out="$root/target/conformance"
rm -rf "$out"
mkdir -p "$out"
status=0
passed=0
failed=0
# Counts one step: its exit code.
result() { if [ "$1" -eq 0 ]; then passed=$((passed + 1)); else failed=$((failed + 1)); status=1; fi; }
. "$here/sipp/uas.sh"

capture_start() { # port pcap
    timeout 900 tshark -i lo -f "port $1" -w "$2" -q >"$2.log" 2>&1 </dev/null &
    cap_pid=$!
    for _ in $(seq 100); do
        grep -q "Capturing on" "$2.log" 2>/dev/null && break
        sleep 0.1
    done
    sleep 0.5
}
capture_stop() {
    sleep 1
    kill -INT "$cap_pid" 2>/dev/null
    wait "$cap_pid" 2>/dev/null
}
check_pcap() { # name port pcap expected-responses(or -)
    local name="$1" port="$2" pcap="$3" expected="$4"
    local decode=(-d "udp.port==$port,sip" -d "tcp.port==$port,sip")
    local responses problems
    responses=$(timeout 300 tshark -r "$pcap" "${decode[@]}" -Y "sip.Status-Code" -T fields -e sip.Status-Code 2>/dev/null |
        tr ',' '\n' | grep -c .)
    timeout 300 tshark -r "$pcap" "${decode[@]}" -Y "sip.Status-Code && (_ws.malformed || _ws.expert.severity >= warning)" \
        -V 2>/dev/null >"$pcap.problems.txt"
    problems=$(timeout 300 tshark -r "$pcap" "${decode[@]}" -Y "sip.Status-Code && (_ws.malformed || _ws.expert.severity >= warning)" \
        2>/dev/null | grep -c .)
    echo "tshark $name: $responses SIP responses decoded (server logged ${expected}); $problems with a malformed or expert-warning mark"
    if [ "$problems" -ne 0 ]; then
        echo "FAIL  tshark $name: see $pcap.problems.txt"
        grep -E "Expert Info|Malformed" "$pcap.problems.txt" | sort | uniq -c | head -n 10
        return 1
    fi
    if [ "$expected" != "-" ] && [ "$responses" -ne "$expected" ]; then
        echo "FAIL  tshark $name: decoded $responses responses, the server logged $expected"
        return 1
    fi
    if [ "$responses" -eq 0 ]; then
        echo "FAIL  tshark $name: no response captured"
        return 1
    fi
    return 0
}

# The load run's server: release by default; CI sets LOAD_PROFILE=debug to skip a second full build of
# every dev-dependency (the short run's 500 calls/s are well within a debug build's reach).
load_profile="${LOAD_PROFILE:-release}"
if [ "$load_profile" = release ]; then
    timeout 1200 cargo build --example uas --release || { echo "conformance: cargo build failed"; exit 1; }
fi

# 1. sipp scenarios (debug build: the one `cargo run --example uas` runs).
timeout 900 cargo build --example uas || { echo "conformance: cargo build failed"; exit 1; }
port=$(free_port)
capture_start "$port" "$out/suite.pcap"
UAS_PORT="$port" SIPP_OUT="$out/sipp" timeout 900 "$here/sipp/run.sh"
result $?
capture_stop
suite_responses=$(grep -c ' -> ' "$out/sipp/uas.log")
check_pcap suite "$port" "$out/suite.pcap" "$suite_responses"
result $?

# 2. short load run, captured.
port=$(free_port)
capture_start "$port" "$out/load.pcap"
UAS_PORT="$port" UAS_BIN="$root/target/$load_profile/examples/uas" LOAD_OUT="$out/load" \
    LOAD_SECONDS="${LOAD_SECONDS:-5}" timeout 900 "$here/load.sh"
result $?
capture_stop
check_pcap load "$port" "$out/load.pcap" -
result $?

# 4. the example's own unit tests (Digest vectors of RFC 7616, nonces, grammar, framing, dialogs).
timeout 900 cargo test --example uas
result $?

# 5. hostile and odd clients (issue 16), against the debug build.
HARDENING_OUT="$out/hardening" UAS_BIN="$root/target/debug/examples/uas" timeout 600 "$here/hardening/run.sh"
result $?

# 6. behind a real proxy: Kamailio record-routing in front of the UAS.
KAMAILIO_OUT="$out/kamailio" UAS_BIN="$root/target/debug/examples/uas" timeout 300 "$here/kamailio/run.sh"
result $?

# 7. the example forking proxy in front of two UASs (issue 14), against the debug builds.
timeout 900 cargo build --example proxy || { echo "conformance: cargo build failed"; exit 1; }
PROXY_OUT="$out/proxy" UAS_BIN="$root/target/debug/examples/uas" PROXY_BIN="$root/target/debug/examples/proxy" \
    timeout 300 "$here/proxy/run.sh"
result $?

# 8. examples/lint: the captures above, of examples/uas, must check clean (every response, every rule of
# the bundled spec); then sipp's own uas, a deliberately broken server and PJSIP (tests/lint/run.sh).
timeout 900 cargo build --example lint || { echo "conformance: cargo build failed"; exit 1; }
for pcap in suite load; do
    timeout 120 "$root/target/debug/examples/lint" --quiet "$out/$pcap.pcap" >"$out/$pcap.lint.txt" 2>&1
    code=$?
    echo "lint $pcap.pcap (examples/uas): exit $code — $(tail -n 1 "$out/$pcap.lint.txt")"
    if [ "$code" -ne 0 ]; then
        timeout 120 "$root/target/debug/examples/lint" "$out/$pcap.pcap" 2>&1 | head -n 40
    fi
    result $code
done
LINT_OUT="$out/lint" timeout 600 "$here/lint/run.sh"
result $?

echo "conformance: $passed passed, $failed failed"
exit "$status"
