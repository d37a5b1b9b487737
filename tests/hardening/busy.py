#!/usr/bin/env python3
"""Busy and unanswering callees that are no Digest users (issue 16, item 9), over UDP.

usage: busy.py PORT   (the server: --user alice:secret --busy bob --no-answer carol --no-answer-secs 1)

`--busy bob` with only alice as a user: INVITE bob gets 486, as --help promises (not 404);
`--no-answer carol`: 180, then 480 after --no-answer-secs; an unknown callee still gets 404, and alice
is answered.
"""
import os
import sys
import time

sys.path.insert(0, os.path.dirname(__file__))
import sip  # noqa: E402

PORT = int(sys.argv[1])
checks = sip.Checks()
u = sip.Udp()

code, _, _, _ = sip.call(u, PORT, "bob")
checks.check("--busy bob (not a --user) -> 486", None if code == 486 else f"got {code}")
start = time.monotonic()
code, _, _, seen = sip.call(u, PORT, "carol")
took = time.monotonic() - start
checks.check("--no-answer carol (not a --user) -> 180, then 480",
             None if code == 480 and 180 in seen and took > 0.8 else f"got {seen} in {took:.1f} s")
code, _, _, _ = sip.call(u, PORT, "dave")
checks.check("an unknown callee -> 404", None if code == 404 else f"got {code}")
code, _, _, _ = sip.call(u, PORT, "alice")
checks.check("a user -> 200", None if code == 200 else f"got {code}")
print(f"busy: {checks.passed} passed, {checks.failed} failed")
checks.exit()
