#!/usr/bin/env python3
"""Sends one request of each kind a user agent may be asked to answer (OPTIONS, REGISTER, MESSAGE, INFO
outside a dialog, SUBSCRIBE to an event it may not know, an extension method) over UDP to HOST:PORT, and
waits for each final response, so that a capture holds the answers of the implementation under test.

usage: requests.py HOST PORT
"""
import random
import socket
import sys
import time

METHODS = [
    ("OPTIONS", ""),
    ("REGISTER", "Contact: <sip:lint@{local}>\r\nExpires: 60\r\n"),
    ("MESSAGE", "Content-Type: text/plain\r\n"),
    ("INFO", ""),
    ("SUBSCRIBE", "Event: no-such-package\r\nContact: <sip:lint@{local}>\r\nExpires: 60\r\n"),
    ("PUBLISH", "Event: presence\r\nExpires: 60\r\n"),
    ("FOO", ""),
]


def request(method, extra, host, port, local, seq):
    branch = "z9hG4bK" + "%08x" % random.getrandbits(32)
    body = "hello" if method == "MESSAGE" else ""
    uri = f"sip:pjsip@{host}:{port}"
    return (
        f"{method} {uri} SIP/2.0\r\n"
        f"Via: SIP/2.0/UDP {local};branch={branch};rport\r\n"
        f"Max-Forwards: 70\r\n"
        f"From: <sip:lint@{local}>;tag={random.getrandbits(32):x}\r\n"
        f"To: <{uri}>\r\n"
        f"Call-ID: {random.getrandbits(64):x}@{local}\r\n"
        f"CSeq: {seq} {method}\r\n"
        + extra.format(local=local)
        + f"Content-Length: {len(body)}\r\n\r\n{body}"
    ).encode()


def main():
    host, port = sys.argv[1], int(sys.argv[2])
    sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    sock.bind(("127.0.0.1", 0))
    sock.settimeout(0.5)
    local = "%s:%d" % sock.getsockname()
    for seq, (method, extra) in enumerate(METHODS, start=1):
        sock.sendto(request(method, extra, host, port, local, seq), (host, port))
        deadline = time.monotonic() + 3
        final = None
        while final is None and time.monotonic() < deadline:
            try:
                data, _ = sock.recvfrom(65535)
            except socket.timeout:
                continue
            code = data.split(b" ", 2)[1] if data.startswith(b"SIP/2.0 ") else b""
            if code and not code.startswith(b"1"):
                final = code.decode()
        print(f"{method}: {final or 'no final response'}", flush=True)


if __name__ == "__main__":
    main()
