#!/usr/bin/env bash
# Issue 16: examples/uas against hostile and odd clients. Starts one server per group, each on a free
# loopback port with the options the group is about, runs its Python client (stdlib only, every step
# under `timeout`), and checks the server log for panics:
#
#   rfc4475.py     the RFC 4475 torture messages of tests/data/rfc4475, UDP and TCP
#   syntax.py      request grammar: case-sensitive methods, 505, 416, 400 where one is possible
#   udp_large.py   a 200 too large for UDP becomes 513 and the transaction ends
#   busy.py        busy and unanswering callees that are no Digest users
#   dialogs.py     --max-dialogs (503 + Retry-After), --dialog-max-secs
#   tcp_limits.py  half-open and silent connections, slow heads, the connection cap (also under a low
#                  open-file limit, and with descriptors exhausted), partial bodies and 413
#
#   tests/hardening/run.sh                      # builds the example
#   UAS_BIN=target/debug/examples/uas tests/hardening/run.sh
#
# Prints the PASS/FAIL lines of every client, then "hardening: N passed, N failed"; exits non-zero on any
# failure. Needs python3.
set -u -o pipefail

here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
cd "$root"
out="${HARDENING_OUT:-$root/target/hardening}"
rm -rf "$out"
mkdir -p "$out"
if [ -z "${UAS_BIN:-}" ]; then
    timeout 900 cargo build --example uas || { echo "hardening/run.sh: cargo build failed"; exit 1; }
    UAS_BIN="$root/target/debug/examples/uas"
fi
. "$root/tests/sipp/uas.sh"

# The server under a soft open-file limit of 128 (exec keeps the PID that start_uas records).
low_fd="$out/uas-nofile-128"
printf '#!/bin/sh\nulimit -S -n 128 || exit 1\nexec "%s" "$@"\n' "$UAS_BIN" >"$low_fd"
chmod +x "$low_fd"

passed=0
failed=0
failures=()
group() { # name bin seconds server-args... -- client-args...
    local name="$1" bin="$2" secs="$3"
    shift 3
    local args=()
    while [ "$#" -gt 0 ] && [ "$1" != "--" ]; do args+=("$1"); shift; done
    shift
    local port
    port=$(free_port)
    local log="$out/$name.uas.log"
    if ! start_uas "$bin" "$port" "$log" "${args[@]}"; then
        failed=$((failed + 1)); failures+=("$name: server did not start"); return
    fi
    local client=("$@")
    client=("${client[@]//@PORT@/$port}")
    client=("${client[@]//@PID@/$uas_pid}")
    local start end
    start=$(date +%s%N)
    while IFS= read -r line; do
        echo "$line"
        case "$line" in
            PASS*) passed=$((passed + 1)) ;;
            FAIL*) failed=$((failed + 1)); failures+=("$name: ${line#FAIL  }") ;;
        esac
    done < <(timeout "$secs" python3 "${client[@]}" 2>&1 || echo "FAIL  $name: client exited non-zero or timed out")
    end=$(date +%s%N)
    stop_uas
    trap - EXIT
    if grep -qE "panicked|RUST_BACKTRACE" "$log"; then
        echo "FAIL  $name: the server panicked (see $log)"
        failed=$((failed + 1)); failures+=("$name: panic")
    fi
    printf '      (%s: %d ms; server log %s)\n' "$name" $(((end - start) / 1000000)) "$log"
}

h="$here"
group rfc4475 "$UAS_BIN" 240 --user vivekg:x --user user:x --user j.user:x --user UserB:x --tcp-idle-secs 2 \
    -- "$h/rfc4475.py" @PORT@ 2
group syntax "$UAS_BIN" 120 -- "$h/syntax.py" @PORT@
group udp_large "$UAS_BIN" 60 -- "$h/udp_large.py" @PORT@
group busy "$UAS_BIN" 60 --user alice:secret --busy bob --no-answer carol --no-answer-secs 1 -- "$h/busy.py" @PORT@
group dialogs "$UAS_BIN" 60 --max-dialogs 3 --dialog-max-secs 2 -- "$h/dialogs.py" @PORT@ 3 2
group tcp_halfopen "$UAS_BIN" 60 --tcp-head-secs 2 -- "$h/tcp_limits.py" halfopen @PORT@ @PID@ 500 2
group tcp_idle "$UAS_BIN" 60 --tcp-idle-secs 2 --tcp-head-secs 4 -- "$h/tcp_limits.py" idle @PORT@ @PID@ 2 4
group tcp_cap "$UAS_BIN" 60 --tcp-max-conns 50 --tcp-head-secs 60 -- "$h/tcp_limits.py" cap @PORT@ @PID@ 50
# The default cap under `ulimit -n 128`: 128 - 64 = 64 connections (the issue's `ulimit -n 1024` case).
group tcp_cap_low_fd "$low_fd" 60 --tcp-head-secs 60 -- "$h/tcp_limits.py" cap @PORT@ @PID@ 64
group tcp_emfile "$low_fd" 60 --tcp-max-conns 500 --tcp-head-secs 60 -- "$h/tcp_limits.py" emfile @PORT@ @PID@ 200
group tcp_bodies "$UAS_BIN" 60 --tcp-head-secs 30 -- "$h/tcp_limits.py" bodies @PORT@ @PID@ 64 65536

[ "$failed" -gt 0 ] && printf 'failed: %s\n' "${failures[@]}"
echo "hardening: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
