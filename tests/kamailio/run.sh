#!/usr/bin/env bash
# examples/uas behind a real proxy: a stateful, record-routing Kamailio (tests/kamailio/kamailio.cfg) on
# a free loopback port in front of the UAS, and one sipp call through it (INVITE/100/180/200, ACK, BYE/200,
# tests/kamailio/call.xml). RFC 3261 §12.1.1: the UAS copies the Record-Route of the INVITE into its 180
# and 200, so the caller's ACK and BYE carry the route set and come back through the proxy.
#
#   tests/kamailio/run.sh                                  # builds the example
#   UAS_BIN=target/debug/examples/uas tests/kamailio/run.sh
#
# Passes when sipp reports 1 successful call, Kamailio relayed both ACK and BYE along the route set
# (ROUTED-IN-DIALOG in its log, no ...-WITHOUT-ROUTE-SET), the UAS saw the ACK and the BYE, Kamailio
# listened on 127.0.0.1 only, and neither crashed. Kamailio runs in the foreground (-DD -E) with its PID
# file and runtime directory in a temporary directory, and is stopped by PID. Needs kamailio, sipp,
# python3.
set -u -o pipefail

here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
cd "$root"
out="${KAMAILIO_OUT:-$root/target/kamailio}"
rm -rf "$out"
mkdir -p "$out"
kamailio_bin="$(command -v kamailio || echo /usr/sbin/kamailio)"
[ -x "$kamailio_bin" ] || { echo "FAIL  kamailio is not installed (Debian: apt-get install kamailio)"; exit 1; }
mpath="$(ls -d /usr/lib/*/kamailio/modules /usr/lib/kamailio/modules /usr/local/lib*/kamailio/modules 2>/dev/null | head -n 1)"
[ -n "$mpath" ] || { echo "FAIL  no Kamailio module directory found"; exit 1; }

if [ -z "${UAS_BIN:-}" ]; then
    timeout 900 cargo build --example uas || { echo "kamailio/run.sh: cargo build failed"; exit 1; }
    UAS_BIN="$root/target/debug/examples/uas"
fi
. "$root/tests/sipp/uas.sh"


uas_port=$(free_udp_port)
kam_port=$(free_udp_port)
while [ "$kam_port" = "$uas_port" ]; do kam_port=$(free_udp_port); done
# --ring-ms: a 180 and a 200 sent back to back may reach Kamailio's workers in either order, and the 180
# is dropped after the 200; 100 ms apart, the caller sees both.
start_uas "$UAS_BIN" "$uas_port" "$out/uas.log" --user alice:secret --ring-ms 100 || exit 1

tmp="$(mktemp -d "${TMPDIR:-/tmp}/uas-kamailio.XXXXXX")"
kam_pid=""
stop_all() {
    if [ -n "$kam_pid" ] && kill -0 "$kam_pid" 2>/dev/null; then
        kill -TERM "$kam_pid"
        for _ in $(seq 50); do kill -0 "$kam_pid" 2>/dev/null || break; sleep 0.1; done
        kill -0 "$kam_pid" 2>/dev/null && kill -KILL "$kam_pid"
        wait "$kam_pid" 2>/dev/null
    fi
    stop_uas
    rm -rf "$tmp"
}
trap stop_all EXIT

sed -e "s|@KAM_PORT@|$kam_port|g" -e "s|@UAS_PORT@|$uas_port|g" -e "s|@MPATH@|$mpath/|g" \
    "$here/kamailio.cfg" >"$tmp/kamailio.cfg"
if ! timeout 30 "$kamailio_bin" -c -f "$tmp/kamailio.cfg" >"$out/kamailio-check.log" 2>&1; then
    echo "FAIL  kamailio -c rejects the configuration:"
    tail -n 20 "$out/kamailio-check.log"
    exit 1
fi
# -DD: stay in the foreground (children still forked); -E: log to stderr; small shared/private memory.
timeout 300 "$kamailio_bin" -DD -E -f "$tmp/kamailio.cfg" -P "$tmp/kamailio.pid" -Y "$tmp" -w "$tmp" \
    -m 32 -M 8 >"$out/kamailio.log" 2>&1 &
kam_pid=$!
for _ in $(seq 100); do
    grep -qi "listening on" "$out/kamailio.log" 2>/dev/null && [ -s "$tmp/kamailio.pid" ] && break
    kill -0 "$kam_pid" 2>/dev/null || break
    sleep 0.1
done
if ! kill -0 "$kam_pid" 2>/dev/null; then
    echo "FAIL  kamailio did not start:"
    tail -n 20 "$out/kamailio.log"
    exit 1
fi
sleep 0.5

status=0
check() { # name condition-result(0=pass) detail
    if [ "$2" -eq 0 ]; then echo "PASS  kamailio: $1"; else echo "FAIL  kamailio: $1 ($3)"; status=1; fi
}

# Kamailio must listen on 127.0.0.1 only (every socket of its processes).
if command -v ss >/dev/null; then
    sockets=$(ss -H -lnup 2>/dev/null | grep -F "pid=$kam_pid," ; for p in $(pgrep -P "$kam_pid"); do ss -H -lnup 2>/dev/null | grep -F "pid=$p,"; done)
    locals=$(printf '%s\n' "$sockets" | awk 'NF {print $4}' | sort -u)
    others=$(printf '%s\n' "$locals" | grep -v '^127\.0\.0\.1:')
    ours=$(printf '%s\n' "$locals" | grep -cx "127\.0\.0\.1:$kam_port")
    check "listens on 127.0.0.1:$kam_port only" "$([ -z "$others" ] && [ "$ours" -ge 1 ] && echo 0 || echo 1)" \
        "sockets: $(echo $locals)"
fi

(
    cd "$out" &&
        timeout 60 sipp -sf "$here/call.xml" -s alice -i 127.0.0.1 -t u1 -m 1 -timeout 20s -timeout_error \
            -nostdin -trace_stat -stf stat.csv -trace_err -error_file errors.log -trace_msg \
            -message_file messages.log "127.0.0.1:$kam_port" >sipp.out 2>&1
)
rc=$?
ok=$(python3 -c '
import csv, sys
rows = list(csv.reader(open(sys.argv[1]), delimiter=";"))
print(rows[-1][rows[0].index("SuccessfulCall(C)")])' "$out/stat.csv" 2>/dev/null || echo 0)
check "sipp: 1 successful call through the proxy" "$([ "$rc" -eq 0 ] && [ "$ok" = 1 ] && echo 0 || echo 1)" \
    "sipp exit $rc, $ok successful; see $out/errors.log"
sleep 0.5
call_id=$(grep -m1 -oE '^Call-ID: .*' "$out/messages.log" | cut -d' ' -f2 | tr -d '\r')
for m in ACK BYE; do
    n=$(grep -c "ROUTED-IN-DIALOG $m call-id=$call_id" "$out/kamailio.log")
    check "$m relayed along the route set" "$([ "$n" -ge 1 ] && echo 0 || echo 1)" "$n in $out/kamailio.log"
    n=$(grep -cE " <- $m .* call-id=$call_id " "$out/uas.log")
    check "the UAS saw the $m" "$([ "$n" -ge 1 ] && echo 0 || echo 1)" "$n in $out/uas.log"
done
bad=$(grep -cE "WITHOUT-ROUTE-SET" "$out/kamailio.log")
check "no in-dialog request without the route set" "$bad" "$bad in $out/kamailio.log"
rr=$(grep -cE "^Record-Route: <sip:127\.0\.0\.1:$kam_port;lr" "$out/messages.log")
check "the 180 and 200 carried the Record-Route" "$([ "$rr" -ge 2 ] && echo 0 || echo 1)" "$rr in sipp's messages"
alive=0
kill -0 "$kam_pid" 2>/dev/null || alive=1
check "kamailio still running" "$alive" "it exited; see $out/kamailio.log"
stop_all
trap - EXIT
if grep -q "panicked" "$out/uas.log"; then
    check "the UAS did not panic" 1 "see $out/uas.log"
fi
[ "$status" -eq 0 ] && echo "kamailio: passed" || echo "kamailio: FAILED (logs in $out)"
exit "$status"
