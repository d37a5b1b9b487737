#!/usr/bin/env python3
"""The RFC 4475 torture messages that apply to a UAS, sent to examples/uas over UDP and TCP.

usage: rfc4475.py PORT [IDLE_SECS]

Each message is tests/data/rfc4475/<case>.sip, sent byte for byte; tests/data/rfc4475/cases.tsv holds the
response this server must give (see the README there): the status code of the first final response, "-"
for none (the server drops it), over TCP "N+close" for a response and then the server closing the
connection, "close" for no response and the connection closed once IDLE_SECS (the server's
--tcp-idle-secs) have passed.

UDP responses go where RFC 3261 §18.2.2 says: to the source address at the port of the top Via's sent-by,
5060 when it has none. The messages keep the RFC's Vias, so each case is sent from a socket of its own on
127.0.0.N:5060 (N differs per case, so a late retransmission cannot be taken for the next case's answer)
and also listens on any other port its Vias name.
"""
import os
import re
import select
import socket
import sys
import time

sys.path.insert(0, os.path.dirname(__file__))
import sip  # noqa: E402

PORT = int(sys.argv[1])
IDLE = float(sys.argv[2]) if len(sys.argv) > 2 else 300.0
DATA = os.path.join(os.path.dirname(__file__), "..", "data", "rfc4475")
SERVER = (sip.LOOPBACK, PORT)
checks = sip.Checks()
next_host = [10]


def via_ports(msg):
    head = msg.split(b"\r\n\r\n", 1)[0].decode("utf-8", "replace")
    unfolded = re.sub(r"\r\n[ \t]+", " ", head)
    ports = {5060}
    for line in unfolded.split("\r\n")[1:]:
        name, sep, value = line.partition(":")
        if sep and name.strip().lower() in ("via", "v"):
            for m in re.finditer(r"SIP\s*/\s*[\d.]+\s*/\s*\w+\s+[\w.\-]+:(\d+)", value, re.I):
                ports.add(int(m.group(1)))
    return ports


def udp_sockets(ports):
    """Sockets on 127.0.0.N for every port, N fresh; the first is on 5060."""
    for _ in range(40):
        host = f"127.0.0.{next_host[0]}"
        next_host[0] += 1
        socks = []
        try:
            for p in sorted(ports, key=lambda p: p != 5060):
                s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
                socks.append(s)
                s.bind((host, p))
            return socks
        except OSError:
            for s in socks:
                s.close()
    raise SystemExit("rfc4475.py: no 127.0.0.N address with port 5060 free for UDP")


def udp_case(msg, wait):
    socks = udp_sockets(via_ports(msg))
    try:
        socks[0].sendto(msg, SERVER)
        got, end = [], time.monotonic() + wait
        while (left := end - time.monotonic()) > 0:
            ready, _, _ = select.select(socks, [], [], min(left, 0.05))
            for s in ready:
                try:
                    got.append(s.recv(70000))
                except OSError:
                    pass
            if any(sip.final(m) for m in got):
                break
        return got
    finally:
        for s in socks:
            s.close()


def first_final(msgs):
    return next((sip.status(m) for m in msgs if sip.final(m)), None)


def check_udp(case, section, expected, msg):
    name = f"rfc4475 {case} ({section})"
    if expected == "-":
        got = udp_case(msg, 0.6)
        why = None if not got else f"expected no response, got {[sip.status(m) for m in got]}"
    else:
        got = udp_case(msg, 3)
        code = first_final(got)
        why = None if code == int(expected) else f"expected {expected}, got {code if got else 'nothing'}"
    checks.check(name, why, "UDP")


def check_tcp(case, section, expected, msg):
    name = f"rfc4475 {case} ({section})"
    try:
        conn = sip.Tcp(PORT)
    except OSError as e:
        return checks.check(name, f"connect: {e}", "TCP")
    try:
        conn.send(msg)
        if expected == "-":
            got = conn.recv(0.6)
            why = None if not got else f"expected no response, got {[sip.status(m) for m in got]}"
        elif expected == "close":
            got = conn.recv(IDLE + 3)
            closed = conn.wait_closed(IDLE + 3)
            why = None
            if got:
                why = f"expected no response, got {[sip.status(m) for m in got]}"
            elif not closed:
                why = f"connection still open {2 * IDLE + 6:.0f} s later"
        else:
            code_s, _, then = expected.partition("+")
            got = conn.recv(3, until=sip.final)
            code = first_final(got)
            why = None if code == int(code_s) else f"expected {code_s}, got {code if got else 'nothing'}"
            if why is None and then == "close" and not conn.wait_closed(3):
                why = f"{code} arrived but the connection stayed open"
    except OSError as e:
        why = f"socket error: {e}"
    finally:
        conn.close()
    checks.check(name, why, "TCP")


def alive():
    branch, call_id = sip.ids()
    u = sip.Udp()
    u.send(sip.request("OPTIONS", f"sip:alive@{sip.LOOPBACK}:{PORT}", f"{sip.LOOPBACK}:{u.addr[1]}", call_id,
                       branch), SERVER)
    got = u.recv(2, until=sip.final)
    u.close()
    checks.check("rfc4475 server still answers", None if first_final(got) == 200 else f"got {got}", "UDP")


rows = [line.rstrip("\n").split("\t") for line in open(os.path.join(DATA, "cases.tsv"), encoding="utf-8")]
head, rows = rows[0], rows[1:]
col = {n: i for i, n in enumerate(head)}
for row in rows:
    case, section = row[col["case"]], row[col["section"]]
    with open(os.path.join(DATA, case + ".sip"), "rb") as f:
        msg = f.read()
    check_udp(case, section, row[col["udp"]], msg)
    check_tcp(case, section, row[col["tcp"]], msg)
alive()
print(f"rfc4475: {checks.passed} passed, {checks.failed} failed")
checks.exit()
