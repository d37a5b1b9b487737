#!/usr/bin/env python3
"""TCP limits of examples/uas (issue 16, item 2): each sub-command expects a server started with the
options named here (tests/hardening/run.sh starts them). Loopback only; every wait is bounded.

  halfopen PORT PID N HEAD_SECS   (--tcp-head-secs HEAD_SECS) N connections that never send anything:
                                  a normal client is served meanwhile; the server closes them all within
                                  HEAD_SECS + 3 s and its open descriptors fall back.
  idle PORT PID IDLE HEAD         (--tcp-idle-secs IDLE --tcp-head-secs HEAD, IDLE < HEAD) a connection
                                  silent after one OPTIONS is closed after IDLE s; one that sends CRLF
                                  keep-alives is not; one that trickles a head a byte at a time is closed
                                  after HEAD s.
  cap PORT PID CAP                (--tcp-max-conns CAP, long timeouts) CAP connections are held; the
                                  ones beyond are closed at once; UDP is still served; once ours close,
                                  a new TCP client is served.
  emfile PORT PID N               (under `ulimit -n` well below N, --tcp-max-conns above it) N
                                  connections exhaust the server's descriptors: it must not spin (CPU
                                  time over 2 s), UDP is still served, and once ours close, TCP is too.
  bodies PORT PID N MAX_BODY      (--max-body MAX_BODY) N connections each hold a partial body just under
                                  MAX_BODY: RSS stays bounded; N more announce 1 MiB: each gets 413 and
                                  the connection is closed.
"""
import os
import resource
import socket
import sys
import time

sys.path.insert(0, os.path.dirname(__file__))
import sip  # noqa: E402

soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))
checks = sip.Checks()
cmd, PORT, PID = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
SERVER = (sip.LOOPBACK, PORT)


def options_over(transport, wait=3):
    """The status of an OPTIONS over a fresh UDP socket or TCP connection (None: no answer)."""
    branch, call_id = sip.ids()
    uri = f"sip:alice@{sip.LOOPBACK}:{PORT}"
    try:
        if transport == "UDP":
            u = sip.Udp()
            u.send(sip.request("OPTIONS", uri, f"{sip.LOOPBACK}:{u.addr[1]}", call_id, branch), SERVER)
            got = u.recv(wait, until=sip.final)
            u.close()
        else:
            c = sip.Tcp(PORT, timeout=wait)
            c.send(sip.request("OPTIONS", uri, f"{sip.LOOPBACK}:{c.sock.getsockname()[1]}", call_id, branch,
                               transport="TCP"))
            got = c.recv(wait, until=sip.final)
            c.close()
    except OSError:
        return None
    return next((sip.status(m) for m in got if sip.final(m)), None)


def connect_many(n):
    socks = []
    for _ in range(n):
        try:
            socks.append(socket.create_connection(SERVER, timeout=5))
        except OSError:
            break
    return socks


def closed_by_server(socks, wait):
    """How many of `socks` the server closes within `wait` s."""
    for s in socks:
        s.setblocking(False)
    pending, end = set(socks), time.monotonic() + wait
    while pending and time.monotonic() < end:
        for s in list(pending):
            try:
                if s.recv(4096) == b"":
                    pending.discard(s)
            except BlockingIOError:
                pass
            except OSError:
                pending.discard(s)
        time.sleep(0.05)
    return len(socks) - len(pending)


def cpu_seconds(pid):
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def halfopen(n, head_secs):
    fds0, rss0 = sip.open_fds(PID), sip.rss_kib(PID)
    socks = connect_many(n)
    time.sleep(0.5)
    fds1, rss1 = sip.open_fds(PID), sip.rss_kib(PID)
    checks.check(f"{len(socks)} half-open connections accepted", None if len(socks) == n else f"only {len(socks)}")
    checks.check("a normal client is served meanwhile", None if options_over("TCP") == 200 else "no 200")
    start = time.monotonic()
    closed = closed_by_server(socks, head_secs + 3)
    took = time.monotonic() - start + 0.5
    for s in socks:
        s.close()
    time.sleep(0.5)
    fds2, rss2 = sip.open_fds(PID), sip.rss_kib(PID)
    print(f"      server fds {fds0} -> {fds1} with {n} half-open -> {fds2} after; "
          f"RSS {rss0} -> {rss1} -> {rss2} KiB; closed by the server within {took:.1f} s")
    checks.check(f"server closed all {n} (--tcp-head-secs {head_secs})",
                 None if closed == n else f"{closed} of {n} closed within {head_secs + 3} s")
    checks.check("server descriptors back to normal", None if fds2 <= fds0 + 5 else f"{fds2} open (was {fds0})")
    checks.check("a normal client is served after", None if options_over("TCP") == 200 else "no 200")


def idle(idle_secs, head_secs):
    uri = f"sip:alice@{sip.LOOPBACK}:{PORT}"

    def after_options():
        c = sip.Tcp(PORT)
        branch, call_id = sip.ids()
        c.send(sip.request("OPTIONS", uri, f"{sip.LOOPBACK}:{c.sock.getsockname()[1]}", call_id, branch,
                           transport="TCP"))
        return c, next((sip.status(m) for m in c.recv(3, until=sip.final)), None)

    quiet, code = after_options()
    alive, _ = after_options()
    slow = socket.create_connection(SERVER, timeout=5)
    head = sip.request("OPTIONS", uri, f"{sip.LOOPBACK}:{slow.getsockname()[1]}", "slow@x", "z9hG4bKslow",
                       transport="TCP")
    start, slow_closed, sent = time.monotonic(), None, 0
    quiet_closed = None
    while time.monotonic() - start < head_secs + 3:
        alive.send(b"\r\n\r\n")
        if slow_closed is None:
            try:
                slow.send(head[sent:sent + 1])
                sent += 1
                slow.setblocking(False)
                if slow.recv(1) == b"":
                    slow_closed = time.monotonic() - start
            except BlockingIOError:
                pass
            except OSError:
                slow_closed = time.monotonic() - start
        if quiet_closed is None and quiet.wait_closed(0.01):
            quiet_closed = time.monotonic() - start
        time.sleep(0.25)
    def secs(t):
        return "never" if t is None else f"{t:.1f} s"
    print(f"      silent connection closed after {secs(quiet_closed)}, trickling head after {secs(slow_closed)} "
          f"({sent} bytes sent)")
    checks.check("OPTIONS answered before going silent", None if code == 200 else f"got {code}")
    checks.check(f"silent connection closed (--tcp-idle-secs {idle_secs})",
                 None if quiet_closed is not None and quiet_closed < idle_secs + 1.5 else f"after {quiet_closed}")
    checks.check("keep-alive connection left open", None if not alive.wait_closed(0.1) else "closed")
    checks.check(f"trickled head closed (--tcp-head-secs {head_secs})",
                 None if slow_closed is not None and head_secs - 0.5 < slow_closed < head_secs + 1.5
                 else f"after {slow_closed}")
    for c in (quiet, alive):
        c.close()
    slow.close()


def cap(n):
    held = connect_many(n)
    time.sleep(0.5)
    extra = connect_many(20)
    closed_extra = closed_by_server(extra, 2)
    checks.check(f"{n} connections held at the cap", None if closed_by_server(held, 0.5) == 0 else "some closed")
    checks.check("20 beyond the cap closed at once", None if closed_extra == len(extra) == 20
                 else f"{closed_extra} of {len(extra)} closed")
    checks.check("UDP still served at the TCP cap", None if options_over("UDP") == 200 else "no 200")
    checks.check("a TCP client at the cap is refused", None if options_over("TCP", wait=1.5) is None else "served")
    for s in held[:10] + extra:
        s.close()
    time.sleep(0.5)
    checks.check("accepting resumes once connections close", None if options_over("TCP") == 200 else "no 200")
    for s in held[10:]:
        s.close()


def emfile(n):
    socks = connect_many(n)
    time.sleep(0.5)
    cpu0 = cpu_seconds(PID)
    time.sleep(2)
    spent = cpu_seconds(PID) - cpu0
    print(f"      {len(socks)} connections opened; server CPU {spent:.2f} s over 2 s with descriptors exhausted")
    checks.check("no spinning while out of descriptors", None if spent < 0.5 else f"{spent:.2f} s of CPU in 2 s")
    checks.check("UDP still served while out of descriptors", None if options_over("UDP") == 200 else "no 200")
    for s in socks:
        s.close()
    time.sleep(1)
    checks.check("TCP served again once descriptors free up", None if options_over("TCP", wait=5) == 200
                 else "no 200")


def bodies(n, max_body):
    rss0 = sip.rss_kib(PID)
    uri = f"sip:alice@{sip.LOOPBACK}:{PORT}"
    socks = connect_many(n)
    chunk = b"x" * (max_body - 1024)
    for i, s in enumerate(socks):
        branch, call_id = sip.ids()
        head = sip.request("OPTIONS", uri, f"{sip.LOOPBACK}:{s.getsockname()[1]}", call_id, branch,
                           transport="TCP", body=b"")
        head = head.replace(b"Content-Length: 0", f"Content-Length: {max_body - 1}".encode())
        s.sendall(head + chunk)
    time.sleep(1)
    rss1 = sip.rss_kib(PID)
    grew = rss1 - rss0
    bound = n * max_body * 3 // 1024 + 8192
    print(f"      RSS {rss0} -> {rss1} KiB (+{grew} KiB) with {n} partial bodies of {len(chunk)} bytes held; "
          f"bound {bound} KiB")
    checks.check(f"RSS bounded with {n} partial bodies", None if grew < bound else f"+{grew} KiB")
    for s in socks:
        s.close()
    refused, socks = 0, connect_many(n)
    for s in socks:
        branch, call_id = sip.ids()
        head = sip.request("OPTIONS", uri, f"{sip.LOOPBACK}:{s.getsockname()[1]}", call_id, branch,
                           transport="TCP").replace(b"Content-Length: 0", b"Content-Length: 1048576")
        s.sendall(head + b"y" * 4096)
    for s in socks:
        msg, rest, closed = sip.read_message(s, b"", time.monotonic() + 3)
        if msg and sip.status(msg) == 413:
            _, _, closed = sip.read_message(s, rest, time.monotonic() + 3)
            refused += closed
        s.close()
    rss2 = sip.rss_kib(PID)
    print(f"      {refused} of {n} bodies of 1 MiB refused with 413 and closed; RSS {rss2} KiB")
    checks.check(f"1 MiB bodies: 413 and closed ({n})", None if refused == n else f"{refused} of {n}")


if cmd == "halfopen":
    halfopen(int(sys.argv[4]), int(sys.argv[5]))
elif cmd == "idle":
    idle(int(sys.argv[4]), int(sys.argv[5]))
elif cmd == "cap":
    cap(int(sys.argv[4]))
elif cmd == "emfile":
    emfile(int(sys.argv[4]))
elif cmd == "bodies":
    bodies(int(sys.argv[4]), int(sys.argv[5]))
else:
    raise SystemExit(f"unknown sub-command {cmd}")
print(f"tcp_limits {cmd}: {checks.passed} passed, {checks.failed} failed")
checks.exit()
