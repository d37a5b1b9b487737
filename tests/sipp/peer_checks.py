#!/usr/bin/env python3
"""Checks sipp cannot make, with a small UDP peer (stdlib only):

- digest_sha256: REGISTER answered with a SHA-256 Digest response (RFC 8760) -> 200; a wrong one -> 401.
- timer_g: INVITE to an unknown user -> 404, resent by the server (Timer G) while no ACK comes; after the
  ACK (same branch) the resending stops and the ACK gets no answer (RFC 3261 §17.2.1).
- retransmission_bytes: a retransmitted OPTIONS gets a byte-identical response.

usage: peer_checks.py PORT USER PASSWORD   (prints one PASS/FAIL line per check; exit 1 on any failure)
"""
import hashlib
import random
import re
import socket
import sys
import time

PORT, USER, PASSWORD = int(sys.argv[1]), sys.argv[2], sys.argv[3]
sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
sock.bind(("127.0.0.1", 0))
LPORT = sock.getsockname()[1]
DEST = ("127.0.0.1", PORT)


def request(method, user, branch, call_id, cseq, extra="", to_tag=""):
    to = f"<sip:{user}@127.0.0.1:{PORT}>" + (f";tag={to_tag}" if to_tag else "")
    return (
        f"{method} sip:{user}@127.0.0.1:{PORT} SIP/2.0\r\n"
        f"Via: SIP/2.0/UDP 127.0.0.1:{LPORT};branch={branch}\r\n"
        f"Max-Forwards: 70\r\nFrom: <sip:{USER}@127.0.0.1>;tag=peer{call_id}\r\nTo: {to}\r\n"
        f"Call-ID: {call_id}\r\nCSeq: {cseq} {method}\r\n"
        f"Contact: <sip:{USER}@127.0.0.1:{LPORT}>\r\n{extra}Content-Length: 0\r\n\r\n"
    ).encode()


def recv_all(wait):
    sock.settimeout(0.05)
    out, end = [], time.time() + wait
    while time.time() < end:
        try:
            out.append(sock.recv(65535))
        except socket.timeout:
            pass
    return out


def status(msg):
    return int(msg.split(b" ", 2)[1])


def ids():
    n = random.getrandbits(48)
    return f"z9hG4bK{n:x}", f"{n:x}@peer"


def digest_sha256():
    branch, call_id = ids()
    sock.sendto(request("REGISTER", USER, branch, call_id, 1, "Expires: 600\r\n"), DEST)
    msgs = recv_all(0.5)
    if not msgs or status(msgs[0]) != 401:
        return "no 401 to an unauthenticated REGISTER"
    text = msgs[0].decode()
    m = [c for c in re.findall(r"WWW-Authenticate: (Digest [^\r\n]*)", text) if "algorithm=SHA-256" in c]
    if not m:
        return "no SHA-256 challenge"
    realm = re.search(r'realm="([^"]+)"', m[0]).group(1)
    nonce = re.search(r'nonce="([^"]+)"', m[0]).group(1)
    uri = f"sip:127.0.0.1:{PORT}"

    def attempt(password, cseq):
        h = lambda s: hashlib.sha256(s.encode()).hexdigest()
        ha1, ha2 = h(f"{USER}:{realm}:{password}"), h(f"REGISTER:{uri}")
        cnonce, nc = "0a4f113b", f"{cseq:08x}"
        resp = h(f"{ha1}:{nonce}:{nc}:{cnonce}:auth:{ha2}")
        auth = (f'Authorization: Digest username="{USER}", realm="{realm}", nonce="{nonce}", uri="{uri}", '
                f'response="{resp}", algorithm=SHA-256, qop=auth, nc={nc}, cnonce="{cnonce}"\r\n')
        b, _ = ids()
        sock.sendto(request("REGISTER", USER, b, call_id, cseq, "Expires: 600\r\n" + auth), DEST)
        got = recv_all(0.5)
        return status(got[0]) if got else None

    if (code := attempt("wrong-" + PASSWORD, 2)) != 401:
        return f"a wrong SHA-256 response got {code}, not 401"
    if (code := attempt(PASSWORD, 3)) != 200:
        return f"a right SHA-256 response got {code}, not 200"
    return None


def timer_g():
    branch, call_id = ids()
    sock.sendto(request("INVITE", "nobody-here", branch, call_id, 1), DEST)
    msgs = [m for m in recv_all(1.8) if status(m) == 404]
    # 404 at once, then Timer G at 0.5 s and 1.5 s.
    if len(msgs) < 3:
        return f"{len(msgs)} copies of the 404 in 1.8 s without ACK; expected at least 3 (Timer G)"
    if len(set(msgs)) != 1:
        return "the resent 404s differ"
    to_tag = re.search(rb"\r\nTo: [^\r\n]*;tag=([^\r\n;]+)", msgs[0]).group(1).decode()
    sock.sendto(request("ACK", "nobody-here", branch, call_id, 1, to_tag=to_tag), DEST)
    after = recv_all(2.5)
    if after:
        return f"{len(after)} message(s) after the ACK (expected none)"
    return None


def retransmission_bytes():
    branch, call_id = ids()
    req = request("OPTIONS", USER, branch, call_id, 1)
    sock.sendto(req, DEST)
    first = recv_all(0.3)
    sock.sendto(req, DEST)
    second = recv_all(0.3)
    if len(first) != 1 or len(second) != 1:
        return f"{len(first)} then {len(second)} responses, expected 1 and 1"
    if first[0] != second[0]:
        return "the retransmission got a different response"
    return None


failed = 0
for check in (digest_sha256, timer_g, retransmission_bytes):
    why = check()
    print(f"{'PASS' if why is None else 'FAIL'}  {check.__name__:26} UDP" + ("" if why is None else f"  ({why})"))
    failed += why is not None
sys.exit(1 if failed else 0)
