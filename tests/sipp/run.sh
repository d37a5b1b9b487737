#!/usr/bin/env bash
# Conformance scenarios of examples/uas against sipp, over UDP and TCP.
#
#   tests/sipp/run.sh            # builds the example, picks a free loopback port
#   UAS_PORT=25060 UAS_BIN=target/debug/examples/uas tests/sipp/run.sh
#
# Every scenario runs with one call (-m 1) and must end with sipp's exit code 0: the expected status
# code arrived and every `check_it` regexp on the mandatory headers matched. Prints one line per scenario
# and transport, then "N passed, N failed". Exits non-zero on any failure. Needs sipp (Debian:
# sip-tester) and python3.
set -u -o pipefail

here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
cd "$root"

out="${SIPP_OUT:-$root/target/sipp}"
mkdir -p "$out"

if [ -z "${UAS_BIN:-}" ]; then
    timeout 900 cargo build --example uas || { echo "run.sh: cargo build failed"; exit 1; }
    UAS_BIN="$root/target/debug/examples/uas"
fi
. "$here/uas.sh"
port="${UAS_PORT:-$(free_port)}"
start_uas "$UAS_BIN" "$port" "$out/uas.log" \
    --user alice:secret --user bob:secret --user carol:secret \
    --busy bob --no-answer carol --no-answer-secs 15 --min-expires 60 --digest MD5,SHA-256 || exit 1

# The scenarios, each run over both transports except two that are about datagrams: `malformed` (a
# datagram that is not SIP has no stream equivalent: on TCP it ends the connection by design) and
# `retransmission` (RFC 3261 §17: no retransmissions over TCP, and Timer J is 0 there).
# MD5 is offered first (--digest MD5,SHA-256) because sipp answers only the first challenge and knows
# only MD5; SHA-256 is checked by peer_checks.py.
scenarios=(options register_challenge register_auth register_too_brief invite_call invite_unknown_user
    invite_busy invite_require_unknown invite_bad_content_type cancel unsupported_method unknown_method
    max_forwards_zero retransmission malformed)

passed=0
failed=0
failures=()
run_one() { # name transport(u1|t1) sipp-args...
    local name="$1" t="$2"
    shift 2
    local log="$out/${name}_${t}"
    rm -f "$log".*
    local start end rc
    start=$(date +%s%N)
    timeout 40 sipp "$@" -i 127.0.0.1 -t "$t" -m 1 -timeout 10s -timeout_error -nostdin \
        -trace_err -error_file "$log.errors.log" -trace_msg -message_file "$log.messages.log" \
        -trace_screen -screen_file "$log.screen.log" \
        "127.0.0.1:$port" >"$log.out" 2>&1
    rc=$?
    end=$(date +%s%N)
    local ms=$(((end - start) / 1000000))
    local proto="UDP"
    [ "$t" = t1 ] && proto="TCP"
    if [ "$rc" -eq 0 ]; then
        passed=$((passed + 1))
        printf 'PASS  %-26s %s  %5d ms\n' "$name" "$proto" "$ms"
    else
        failed=$((failed + 1))
        failures+=("$name/$proto")
        printf 'FAIL  %-26s %s  %5d ms  (sipp exit %d; see %s.*)\n' "$name" "$proto" "$ms" "$rc" "$log"
        [ -s "$log.errors.log" ] && { sed "s/^/      /" "$log.errors.log" | tail -n 15; echo; }
    fi
}

for t in u1 t1; do
    for name in "${scenarios[@]}"; do
        case "$t:$name" in t1:malformed | t1:retransmission) continue ;; esac
        run_one "$name" "$t" -sf "$here/$name.xml" -inf "$here/users.csv" -s alice -au alice -ap secret
    done
    # sipp's own built-in UAC: INVITE, 100/180/200, ACK, BYE, 200.
    run_one "builtin_uac" "$t" -sn uac -s alice
done

# What sipp cannot check: SHA-256 Digest, Timer G until the ACK, byte-identical retransmitted responses.
while IFS= read -r line; do
    echo "$line"
    case "$line" in PASS*) passed=$((passed + 1)) ;; FAIL*) failed=$((failed + 1)); failures+=("$line") ;; esac
done < <(timeout 60 python3 "$here/peer_checks.py" "$port" alice secret 2>&1 || echo "FAIL  peer_checks.py exited non-zero")

stop_uas
trap - EXIT
if grep -qiE "panicked|RUST_BACKTRACE" "$out/uas.log"; then
    echo "FAIL  the server panicked:"
    grep -iE -A5 "panicked" "$out/uas.log" | head -n 20
    failed=$((failed + 1))
fi
requests=$(grep -c ' <- ' "$out/uas.log")
responses=$(grep -c ' -> ' "$out/uas.log")
echo "server log: $requests request lines, $responses response lines ($out/uas.log)"
[ "$failed" -gt 0 ] && echo "failed: ${failures[*]}"
echo "sipp: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
