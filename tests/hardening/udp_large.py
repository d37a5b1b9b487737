#!/usr/bin/env python3
"""A response too large for UDP (issue 16, item 3).

usage: udp_large.py PORT   (the server's default users: alice)

INVITEs of about 65,440 bytes over UDP, their bulk in Record-Route (copied into the 180 and the 200, RFC
3261 §12.1.1) or in Via (copied into every response), without an offer (the server puts an SDP offer into
its 200): the 200 is larger than a UDP datagram can be (65,507 bytes). The server must still end the
transaction with a final response, 513 Message Too Large (RFC 3261 §21.5.7), not go silent; the ACK for
the 513 stops its retransmission (§17.2.1); and the next ordinary INVITE is answered 200.
"""
import os
import sys

sys.path.insert(0, os.path.dirname(__file__))
import sip  # noqa: E402

PORT = int(sys.argv[1])
SERVER = (sip.LOOPBACK, PORT)
URI = f"sip:alice@{sip.LOOPBACK}:{PORT}"
checks = sip.Checks()
u = sip.Udp()
via = f"{sip.LOOPBACK}:{u.addr[1]}"


def invite(branch, call_id, kind, fill):
    extra = [f"Record-Route: <sip:{r}.proxy.example.com;lr>" for r in fill] if kind == "Record-Route" \
        else [f"Via: SIP/2.0/UDP {r}.proxy.example.com;branch=z9hG4bK{r}" for r in fill]
    msg = sip.request("INVITE", URI, via, call_id, branch, extra=extra)
    if kind == "Via":
        # The extra Vias go below the client's own, which must stay on top.
        head, rest = msg.split(b"\r\n", 1)
        lines = rest.split(b"\r\n")
        vias = [l for l in lines if l.startswith(b"Via:")]
        others = [l for l in lines if not l.startswith(b"Via:")]
        msg = b"\r\n".join([head] + vias + others)
    return msg


def sized(kind, size):
    """An INVITE of exactly `size` bytes, its bulk in `kind` headers."""
    branch, call_id = sip.ids()
    fill = [f"p{i:05d}" for i in range(1500)]
    msg = invite(branch, call_id, kind, fill)
    while len(msg) > size:
        fill.pop()
        msg = invite(branch, call_id, kind, fill)
    fill[-1] += "x" * (size - len(msg))
    return invite(branch, call_id, kind, fill), branch, call_id, len(fill)


# Record-Route is copied into the 180 and the 200 (RFC 3261 §12.1.1), Via into every response: either
# way the 200, which adds Contact and an SDP offer, no longer fits, while the 513 does.
for kind, size in (("Record-Route", 65_450), ("Via", 65_430)):
    msg, branch, call_id, n = sized(kind, size)
    u.send(msg, SERVER)
    got = u.recv(3, until=sip.final)
    codes = [sip.status(m) for m in got]
    print(f"      INVITE of {len(msg)} bytes with {n} extra {kind} values: got {codes} "
          f"(bytes {[len(m) for m in got]})")
    final = next((m for m in got if sip.final(m)), None)
    checks.check(f"{kind}: final response though the 200 is too large",
                 None if final is not None and sip.status(final) == 513 else f"got {codes}")
    checks.check(f"{kind}: no 200 attempted over UDP", None if 200 not in codes else "a 200 arrived")
    if final is not None:
        to = sip.header(final, "To", "t")
        ack = sip.request("ACK", URI, via, call_id, branch).replace(f"To: <{URI}>".encode(), f"To: {to}".encode())
        u.recv(0.6)  # Timer G copies already on their way
        u.send(ack, SERVER)
        u.recv(0.3)
        after = u.recv(2.5)
        checks.check(f"{kind}: the ACK ends the transaction", None if not after else f"{len(after)} more 513s")
b2, c2 = sip.ids()
u.send(sip.request("INVITE", URI, via, c2, b2), SERVER)
got = u.recv(3, until=sip.final)
checks.check("the next INVITE gets 200", None if [sip.status(m) for m in got if sip.final(m)] == [200]
             else f"got {[sip.status(m) for m in got]}")
print(f"udp_large: {checks.passed} passed, {checks.failed} failed")
checks.exit()
