"""Small SIP client helpers for the hardening tests (stdlib only, loopback only).

Every wait is bounded: each helper takes a timeout and returns what arrived by then.
"""
import random
import re
import socket
import time

LOOPBACK = "127.0.0.1"


def status(msg):
    """The status code of a response, or None for anything else."""
    m = re.match(rb"SIP/2\.0 (\d{3}) ", msg)
    return int(m.group(1)) if m else None


def header(msg, *names):
    """The first value of the first header among `names` (case-insensitive), or None."""
    head = msg.split(b"\r\n\r\n", 1)[0].decode("utf-8", "replace")
    wanted = {n.lower() for n in names}
    for line in head.split("\r\n")[1:]:
        name, sep, value = line.partition(":")
        if sep and name.strip().lower() in wanted:
            return value.strip()
    return None


def headers(msg, *names):
    """Every value of the headers among `names`, in order."""
    head = msg.split(b"\r\n\r\n", 1)[0].decode("utf-8", "replace")
    wanted = {n.lower() for n in names}
    out = []
    for line in head.split("\r\n")[1:]:
        name, sep, value = line.partition(":")
        if sep and name.strip().lower() in wanted:
            out.append(value.strip())
    return out


def ids():
    n = random.getrandbits(48)
    return f"z9hG4bK{n:x}", f"{n:x}@hardening"


def request(method, uri, via_host, call_id, branch, cseq=1, transport="UDP", to_tag="", extra=(),
            body=b"", cseq_method=None, version="SIP/2.0", from_tag=None):
    """A request as bytes; `extra` are header lines (without CRLF) added before Content-Length."""
    to = f"<{uri}>" + (f";tag={to_tag}" if to_tag else "")
    lines = [
        f"{method} {uri} {version}",
        f"Via: SIP/2.0/{transport} {via_host};branch={branch};rport",
        "Max-Forwards: 70",
        f"From: <sip:tester@{LOOPBACK}>;tag={from_tag or 'f' + branch[-8:]}",
        f"To: {to}",
        f"Call-ID: {call_id}",
        f"CSeq: {cseq} {cseq_method or method}",
        *extra,
        f"Content-Length: {len(body)}",
    ]
    return ("\r\n".join(lines) + "\r\n\r\n").encode() + body


class Udp:
    """A UDP socket on loopback that collects datagrams."""

    def __init__(self, addr=(LOOPBACK, 0)):
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        self.sock.bind(addr)
        self.addr = self.sock.getsockname()

    def send(self, data, dest):
        self.sock.sendto(data, dest)

    def recv(self, wait, until=None):
        """Datagrams received within `wait` s; stops early once `until(msg)` is true for one."""
        out, end = [], time.monotonic() + wait
        while (left := end - time.monotonic()) > 0:
            self.sock.settimeout(min(left, 0.05))
            try:
                msg = self.sock.recv(70000)
            except (socket.timeout, BlockingIOError):
                continue
            except ConnectionRefusedError:
                continue
            out.append(msg)
            if until and until(msg):
                break
        return out

    def close(self):
        self.sock.close()


def read_message(sock, buf, deadline):
    """One message framed by Content-Length from a stream. Returns (message, rest, closed)."""
    while True:
        head_end = buf.find(b"\r\n\r\n")
        if head_end >= 0:
            m = re.search(rb"\r\n(?:content-length|l)[ \t]*:[ \t]*(\d+)", buf[:head_end + 2], re.I)
            total = head_end + 4 + (int(m.group(1)) if m else 0)
            if len(buf) >= total:
                return buf[:total], buf[total:], False
        left = deadline - time.monotonic()
        if left <= 0:
            return None, buf, False
        sock.settimeout(min(left, 0.1))
        try:
            chunk = sock.recv(65536)
        except socket.timeout:
            continue
        except (ConnectionResetError, BrokenPipeError):
            return None, buf, True
        if not chunk:
            return None, buf, True
        buf += chunk


class Tcp:
    """A TCP connection to the server that reads framed responses."""

    def __init__(self, port, timeout=5):
        self.sock = socket.create_connection((LOOPBACK, port), timeout=timeout)
        self.buf = b""
        self.closed = False

    def send(self, data):
        self.sock.sendall(data)

    def recv(self, wait, until=None):
        out, end = [], time.monotonic() + wait
        while not self.closed and time.monotonic() < end:
            msg, self.buf, self.closed = read_message(self.sock, self.buf, end)
            if msg is None:
                break
            out.append(msg)
            if until and until(msg):
                break
        return out

    def wait_closed(self, wait):
        """True if the server closes the connection within `wait` s (bytes received meanwhile are kept)."""
        end = time.monotonic() + wait
        while not self.closed and time.monotonic() < end:
            self.sock.settimeout(min(end - time.monotonic(), 0.1) or 0.01)
            try:
                chunk = self.sock.recv(65536)
            except socket.timeout:
                continue
            except (ConnectionResetError, BrokenPipeError):
                self.closed = True
                break
            if not chunk:
                self.closed = True
            self.buf += chunk
        return self.closed

    def close(self):
        self.sock.close()


def final(msg):
    code = status(msg)
    return code is not None and code >= 200


def rss_kib(pid):
    """Resident set size of a process in KiB (Linux /proc)."""
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return 0


def open_fds(pid):
    import os
    return len(os.listdir(f"/proc/{pid}/fd"))


def of_call(call_id):
    """A predicate for the responses of one call (Timer G may still resend an earlier call's)."""
    return lambda m: header(m, "Call-ID", "i") == call_id


def call(udp, port, user, wait=4):
    """INVITE to `user` from `udp`, and the ACK of its final response (RFC 3261 §17.1.1.3: a 2xx is
    ACKed in a transaction of its own, a non-2xx in the INVITE's): (final code, final response, Call-ID,
    every code seen)."""
    uri = f"sip:{user}@{LOOPBACK}:{port}"
    via = f"{LOOPBACK}:{udp.addr[1]}"
    branch, call_id = ids()
    udp.send(request("INVITE", uri, via, call_id, branch, from_tag="f" + call_id[:8]), (LOOPBACK, port))
    mine = of_call(call_id)
    got = [m for m in udp.recv(wait, until=lambda m: mine(m) and final(m)) if mine(m)]
    last = next((m for m in got if final(m)), None)
    code = status(last) if last else None
    if code:
        b2 = ids()[0] if code < 300 else branch
        ack = request("ACK", uri, via, call_id, b2, from_tag="f" + call_id[:8])
        udp.send(ack.replace(f"To: <{uri}>".encode(), f"To: {header(last, 'To', 't')}".encode()), (LOOPBACK, port))
    return code, last, call_id, [status(m) for m in got]


def bye(udp, port, user, answer, call_id, wait=3):
    """BYE in the dialog the final response `answer` to the INVITE `call_id` set up: its final code."""
    uri = f"sip:{user}@{LOOPBACK}:{port}"
    branch, _ = ids()
    msg = request("BYE", uri, f"{LOOPBACK}:{udp.addr[1]}", call_id, branch, cseq=2, from_tag="f" + call_id[:8])
    udp.send(msg.replace(f"To: <{uri}>".encode(), f"To: {header(answer, 'To', 't')}".encode()), (LOOPBACK, port))
    mine = of_call(call_id)
    got = udp.recv(wait, until=lambda m: mine(m) and final(m))
    return next((status(m) for m in got if mine(m) and final(m)), None)


class Checks:
    """Prints one PASS/FAIL line per check and counts failures."""

    def __init__(self):
        self.failed = 0
        self.passed = 0

    def check(self, name, why, transport=""):
        """`why` is None on success, else the reason of the failure."""
        tag = f"{name:34} {transport}".rstrip()
        if why is None:
            self.passed += 1
            print(f"PASS  {tag}", flush=True)
        else:
            self.failed += 1
            print(f"FAIL  {tag}  ({why})", flush=True)

    def exit(self):
        raise SystemExit(1 if self.failed else 0)
