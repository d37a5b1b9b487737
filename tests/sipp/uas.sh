# Shared by tests/sipp/run.sh, tests/load.sh and tests/conformance.sh (source it): a free loopback port,
# and examples/uas started in the background and stopped by PID.

# Prints a TCP port that is free on 127.0.0.1 now.
free_port() {
    python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'
}

# Prints a port free on 127.0.0.1 for both UDP and TCP now (the UAS listens on both).
free_udp_port() {
    python3 -c '
import socket
while True:
    t = socket.socket(); t.bind(("127.0.0.1", 0)); p = t.getsockname()[1]
    u = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    try:
        u.bind(("127.0.0.1", p)); print(p); break
    except OSError:
        pass
    finally:
        u.close(); t.close()'
}

# start_uas BIN PORT LOG [ARGS...]: starts the server on 127.0.0.1:PORT, logging to LOG, and waits until
# it listens; stops it on exit. Fails if it exits or does not come up within 10 s.
start_uas() {
    local bin="$1" port="$2" log="$3"
    shift 3
    "$bin" --bind 127.0.0.1 --port "$port" "$@" >"$log" 2>&1 &
    uas_pid=$!
    uas_log="$log"
    trap stop_uas EXIT
    for _ in $(seq 100); do
        grep -q "uas listening" "$log" 2>/dev/null && return 0
        kill -0 "$uas_pid" 2>/dev/null || break
        sleep 0.1
    done
    echo "the server did not start:"
    cat "$log"
    return 1
}

# Stops the server: SIGTERM, then SIGKILL after 5 s.
stop_uas() {
    if kill -0 "$uas_pid" 2>/dev/null; then
        kill -TERM "$uas_pid"
        for _ in $(seq 50); do kill -0 "$uas_pid" 2>/dev/null || break; sleep 0.1; done
        kill -0 "$uas_pid" 2>/dev/null && kill -KILL "$uas_pid"
    fi
    wait "$uas_pid" 2>/dev/null
}
