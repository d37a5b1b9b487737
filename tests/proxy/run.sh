#!/usr/bin/env bash
# examples/proxy, a stateful forking proxy, in front of two examples/uas on loopback, each scenario with
# its own pair of servers configured for it, and one sipp call through the proxy. What RFC 3261 §16.7
# says reaches the caller, as sip_codes::proxy::best_response chooses it:
#
#   answer       busy (486) + rings and answers        -> the 200 (relayed at once, step 5), then ACK and
#                                                         BYE end to end along the Record-Route; the
#                                                         proxy ACKs the 486 itself (§17.1.1.3)
#   decline      busy (486) + rings and declines (603) -> 603 (a 6xx beats every other class, step 6)
#   busy         unavailable (503) + busy (486)        -> 486 (a 503 only when nothing else came)
#   lone_503     unavailable (503) + unavailable (503) -> 500 (the only responses were 503s, step 6)
#   timeout      unavailable (503) + a silent branch   -> 408 (the silent branch times out, §16.8; a 408
#                                                         is 4xx, below the 503's class)
#   cancel       no answer + no answer, caller CANCELs -> 200 to the CANCEL, both branches cancelled
#                                                         (§16.10), 487
#   challenge    REGISTER, both branches challenge     -> one 401 with the challenges of both (step 7)
#
#   tests/proxy/run.sh                        # builds both examples
#   UAS_BIN=... PROXY_BIN=... tests/proxy/run.sh
#
# Prints a PASS/FAIL line per check, then "proxy: N passed, N failed"; exits non-zero on any failure.
# Every process runs under `timeout`, on free loopback ports, and is stopped by PID. Needs sipp, python3.
set -u -o pipefail

here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
cd "$root"
out="${PROXY_OUT:-$root/target/proxy}"
rm -rf "$out"
mkdir -p "$out"
if [ -z "${UAS_BIN:-}" ] || [ -z "${PROXY_BIN:-}" ]; then
    timeout 900 cargo build --example uas --example proxy || { echo "proxy/run.sh: cargo build failed"; exit 1; }
fi
UAS_BIN="${UAS_BIN:-$root/target/debug/examples/uas}"
PROXY_BIN="${PROXY_BIN:-$root/target/debug/examples/proxy}"
. "$root/tests/sipp/uas.sh"


pids=()
stop_all() {
    for pid in "${pids[@]}"; do
        kill -0 "$pid" 2>/dev/null && kill -TERM "$pid"
    done
    for pid in "${pids[@]}"; do
        for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
        kill -0 "$pid" 2>/dev/null && kill -KILL "$pid"
        wait "$pid" 2>/dev/null
    done
    pids=()
}
trap stop_all EXIT

# start LOG PATTERN CMD...: runs CMD in the background (bounded by timeout), waits for PATTERN in LOG.
start() {
    local log="$1" pattern="$2"
    shift 2
    timeout 120 "$@" >"$log" 2>&1 &
    pids+=($!)
    for _ in $(seq 100); do
        grep -q "$pattern" "$log" 2>/dev/null && return 0
        kill -0 "${pids[-1]}" 2>/dev/null || break
        sleep 0.1
    done
    echo "did not start: $*"
    cat "$log"
    return 1
}

passed=0
failed=0
check() { # name result(0=pass) detail
    if [ "$2" -eq 0 ]; then
        echo "PASS  proxy $1"
        passed=$((passed + 1))
    else
        echo "FAIL  proxy $1 ($3)"
        failed=$((failed + 1))
    fi
}
count() { grep -cE -- "$1" "$2" 2>/dev/null; }

# scenario NAME SIPP-XML "UAS-A ARGS" "UAS-B ARGS|silent" [PROXY ARGS...]: starts the two servers and the
# proxy, runs one sipp call through it; leaves the logs in $out/NAME.*.
scenario() {
    local name="$1" xml="$2" a_args="$3" b_args="$4"
    shift 4
    local a b p
    a=$(free_udp_port)
    b=$(free_udp_port)
    p=$(free_udp_port)
    # shellcheck disable=SC2086
    start "$out/$name.a.log" "uas listening" "$UAS_BIN" --bind 127.0.0.1 --port "$a" --user alice:secret $a_args ||
        return 1
    if [ "$b_args" != silent ]; then
        # shellcheck disable=SC2086
        start "$out/$name.b.log" "uas listening" "$UAS_BIN" --bind 127.0.0.1 --port "$b" --user alice:secret $b_args ||
            return 1
    fi
    start "$out/$name.proxy.log" "proxy listening" "$PROXY_BIN" --listen "127.0.0.1:$p" \
        --branch "127.0.0.1:$a" --branch "127.0.0.1:$b" "$@" || return 1
    local start_ns end_ns
    start_ns=$(date +%s%N)
    (
        cd "$out" &&
            timeout 60 sipp -sf "$xml" -s bob -i 127.0.0.1 -t u1 -m 1 -timeout 20s -timeout_error -nostdin \
                -trace_err -error_file "$name.errors.log" -trace_msg -message_file "$name.messages.log" \
                "127.0.0.1:$p" >"$name.sipp.out" 2>&1
    )
    sipp_rc=$?
    end_ns=$(date +%s%N)
    sleep 0.5
    stop_all
    printf '      (%s: sipp %d ms; logs %s/%s.*)\n' "$name" $(((end_ns - start_ns) / 1000000)) "$out" "$name"
}

# A fail.xml for one final code.
fail_xml() { sed "s/@CODE@/$1/g" "$here/fail.xml" >"$out/fail_$1.xml"; echo "$out/fail_$1.xml"; }

proxy_panicked() { grep -lE "panicked" "$out/$1".*.log 2>/dev/null | head -n 1; }

scenario answer "$here/call.xml" "--busy bob" "--user bob:secret --ring-ms 200"
check "answer: sipp saw 200, ACK and BYE completed" "$sipp_rc" "sipp exit $sipp_rc; see $out/answer.errors.log"
for m in ACK BYE; do
    n=$(count "routed $m in-dialog" "$out/answer.proxy.log")
    check "answer: the $m came back through the proxy (Record-Route)" "$([ "$n" -ge 1 ] && echo 0 || echo 1)" "$n"
    n=$(count " <- $m " "$out/answer.b.log")
    check "answer: the answering UAS got the $m" "$([ "$n" -ge 1 ] && echo 0 || echo 1)" "$n"
done
n=$(count " <- ACK " "$out/answer.a.log")
check "answer: the proxy ACKed the busy branch's 486 (§17.1.1.3)" "$([ "$n" -ge 1 ] && echo 0 || echo 1)" "$n"
n=$(count "^SIP/2.0 486" "$out/answer.messages.log")
check "answer: no 486 reached the caller" "$n" "$n"
n=$(count "^Record-Route: <sip:127\.0\.0\.1:[0-9]+;lr>" "$out/answer.messages.log")
check "answer: the 180 and 200 carried the proxy's Record-Route" "$([ "$n" -ge 2 ] && echo 0 || echo 1)" "$n"

scenario decline "$(fail_xml 603)" "--busy bob" "--decline bob --ring-ms 300"
check "decline: 603 reached the caller" "$sipp_rc" "sipp exit $sipp_rc"
n=$(count "final: 603 chosen of \[486, 603\]" "$out/decline.proxy.log")
check "decline: 603 chosen over the 486 (§16.7 step 6)" "$([ "$n" -eq 1 ] && echo 0 || echo 1)" "$n"
n=$(count "ACK of the final response: absorbed" "$out/decline.proxy.log")
check "decline: the caller's ACK stayed at the proxy (hop by hop)" "$([ "$n" -ge 1 ] && echo 0 || echo 1)" "$n"

scenario busy "$(fail_xml 486)" "--unavailable bob" "--busy bob"
check "busy: 486 reached the caller" "$sipp_rc" "sipp exit $sipp_rc"
n=$(count "final: 486 chosen of \[(503, 486|486, 503)\]" "$out/busy.proxy.log")
check "busy: 486 chosen over the 503" "$([ "$n" -eq 1 ] && echo 0 || echo 1)" "$n"

scenario lone_503 "$(fail_xml 500)" "--unavailable bob" "--unavailable bob"
check "lone_503: 500 reached the caller" "$sipp_rc" "sipp exit $sipp_rc"
n=$(count "final: 500 instead of the only response, a 503" "$out/lone_503.proxy.log")
check "lone_503: the 503s became a 500 (§16.7 step 6)" "$([ "$n" -eq 1 ] && echo 0 || echo 1)" "$n"
n=$(count "^SIP/2.0 503" "$out/lone_503.messages.log")
check "lone_503: no 503 reached the caller" "$n" "$n"

scenario timeout "$(fail_xml 408)" "--unavailable bob" silent --t1-ms 50
check "timeout: 408 reached the caller" "$sipp_rc" "sipp exit $sipp_rc"
n=$(count "no final response, timed out" "$out/timeout.proxy.log")
check "timeout: the silent branch timed out (Timer B)" "$([ "$n" -eq 1 ] && echo 0 || echo 1)" "$n"

scenario cancel "$here/cancel.xml" "--no-answer bob" "--no-answer bob"
check "cancel: 200 to the CANCEL, then 487" "$sipp_rc" "sipp exit $sipp_rc"
n=$(count "-> CANCEL branch" "$out/cancel.proxy.log")
check "cancel: both branches cancelled (§16.10)" "$([ "$n" -eq 2 ] && echo 0 || echo 1)" "$n"
for side in a b; do
    n=$(count " <- CANCEL " "$out/cancel.$side.log")
    check "cancel: UAS $side got the CANCEL" "$([ "$n" -ge 1 ] && echo 0 || echo 1)" "$n"
done

scenario challenge "$here/register.xml" "" ""
check "challenge: a 401 reached the caller" "$sipp_rc" "sipp exit $sipp_rc"
n=$(count "final: 401 chosen of \[401, 401\]" "$out/challenge.proxy.log")
check "challenge: one of the two 401s chosen" "$([ "$n" -eq 1 ] && echo 0 || echo 1)" "$n"
n=$(count "^WWW-Authenticate: Digest" "$out/challenge.messages.log")
check "challenge: it carried the 4 challenges of both branches (§16.7 step 7)" "$([ "$n" -eq 4 ] && echo 0 || echo 1)" "$n"

for name in answer decline busy lone_503 timeout cancel challenge; do
    p=$(proxy_panicked "$name")
    check "$name: nothing panicked" "$([ -z "$p" ] && echo 0 || echo 1)" "see $p"
done

echo "proxy: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
