#!/usr/bin/env python3
"""Request grammar (issue 16, items 4-7), beyond the RFC 4475 messages, over UDP and TCP.

usage: syntax.py PORT   (the server runs with its default users, alice and bob)

- RFC 3261 §7.1: methods are case-sensitive (`options`, `Invite` are unknown: 501, and no call starts);
  the SIP version is not (`sip/2.0` works).
- A CSeq method that differs from a known request method: 400; an unknown method: 501 either way.
- `SIP/7.0`: 505 (§21.5.6); `nope:` and `tel:` Request-URIs: 416 (§8.2.2.1).
- An unterminated quote in From, LWS in the Request-URI: 400.
- 400 wherever Via, From, To, Call-ID and CSeq can be read: a header line without a colon, a second
  Call-ID, a NUL in a header value, `Content-Length: abc` and `-1` (on TCP: 400, then the connection is
  closed, the framing being lost).
"""
import os
import sys

sys.path.insert(0, os.path.dirname(__file__))
import sip  # noqa: E402

PORT = int(sys.argv[1])
SERVER = (sip.LOOPBACK, PORT)
URI = f"sip:alice@{sip.LOOPBACK}:{PORT}"
checks = sip.Checks()


def exchange(transport, make, wait=1.5, close_expected=False):
    """Sends the request `make(via_host)` and returns (responses, connection closed)."""
    if transport == "UDP":
        u = sip.Udp()
        u.send(make(f"{sip.LOOPBACK}:{u.addr[1]}", "UDP"), SERVER)
        got = u.recv(wait, until=sip.final)
        u.close()
        return got, False
    c = sip.Tcp(PORT)
    c.send(make(f"{sip.LOOPBACK}:{c.sock.getsockname()[1]}", "TCP"))
    got = c.recv(wait, until=sip.final)
    closed = c.wait_closed(2) if close_expected else False
    c.close()
    return got, closed


def req(method, uri=URI, **kw):
    def make(via, transport):
        branch, call_id = sip.ids()
        return sip.request(method, uri, via, call_id, branch, transport=transport, **kw)
    return make


def raw(lines, body=b""):
    """A request from header lines with {via}/{branch}/{cid}/{transport} filled in; CRLF added."""
    def make(via, transport):
        branch, call_id = sip.ids()
        text = "\r\n".join(lines).format(via=via, branch=branch, cid=call_id, transport=transport,
                                         uri=URI, len=len(body))
        return text.encode() + b"\r\n\r\n" + body
    return make


def expect(name, make, code, transports=("UDP", "TCP"), no_provisional=False, close=False):
    for t in transports:
        got, closed = exchange(t, make, close_expected=close)
        codes = [sip.status(m) for m in got]
        final = next((c for c in codes if c and c >= 200), None)
        why = None
        if final != code:
            why = f"expected {code}, got {codes or 'nothing'}"
        elif no_provisional and len(codes) != 1:
            why = f"expected {code} alone, got {codes}"
        elif close and t == "TCP" and not closed:
            why = f"{code} arrived but the connection stayed open"
        checks.check(name, why, t)


HEAD = ["{method} {uri} SIP/2.0", "Via: SIP/2.0/{transport} {via};branch={branch};rport", "Max-Forwards: 70",
        "From: <sip:tester@127.0.0.1>;tag=t1", "To: <{uri}>", "Call-ID: {cid}", "CSeq: 1 {method}"]


def head(method, *extra, cl="Content-Length: {len}"):
    return [HEAD[0].replace("{method}", method)] + [h.replace("{method}", method) for h in HEAD[1:]] \
        + list(extra) + ([cl] if cl else [])


# Item 4: case-sensitive methods, case-insensitive version, CSeq mismatches.
expect("lower-case options -> 501", req("options"), 501)
expect("Invite starts no call -> 501 alone", req("Invite"), 501, no_provisional=True)
expect("version sip/2.0 -> 200", req("OPTIONS", version="sip/2.0"), 200)
expect("CSeq INVITE on OPTIONS -> 400", req("OPTIONS", cseq_method="INVITE"), 400)
expect("CSeq options on OPTIONS -> 400", req("OPTIONS", cseq_method="options"), 400)
expect("unknown method FOO -> 501", req("FOO"), 501)
expect("unknown method, CSeq BAR -> 501", req("FOO", cseq_method="BAR"), 501)
# Item 5: version and Request-URI scheme.
expect("SIP/7.0 -> 505", req("OPTIONS", version="SIP/7.0"), 505)
expect("nope: Request-URI -> 416", req("OPTIONS", uri=f"nope:alice@{sip.LOOPBACK}"), 416)
expect("tel: Request-URI INVITE -> 416", req("INVITE", uri="tel:+15551234567"), 416, no_provisional=True)
# Item 6: broken From, LWS in the Request-URI.
expect("unterminated quote in From -> 400",
       raw([l if not l.startswith("From") else 'From: "Bob <sip:h1@127.0.0.1>;tag=t1' for l in head("OPTIONS")]), 400)
expect("LWS in the Request-URI, no call -> 400",
       raw(["INVITE sip:alice@127.0.0.1; lr SIP/2.0"] + head("INVITE")[1:]), 400, no_provisional=True)
# Item 7: 400 where the transaction headers are readable.
expect("header line without a colon -> 400", raw(head("OPTIONS", "This line has no colon")), 400)
expect("second Call-ID -> 400", raw(head("OPTIONS", "Call-ID: another@x")), 400)
expect("NUL in a header value -> 400", raw(head("OPTIONS", "Subject: a\x00b")), 400)
expect("Content-Length: abc -> 400 (TCP: closed)", raw(head("OPTIONS", cl="Content-Length: abc")), 400, close=True)
expect("Content-Length: -1 -> 400 (TCP: closed)", raw(head("OPTIONS", cl="Content-Length: -1")), 400, close=True)
expect("server still answers", req("OPTIONS"), 200)
print(f"syntax: {checks.passed} passed, {checks.failed} failed")
checks.exit()
