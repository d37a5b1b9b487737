#!/usr/bin/env python3
"""Bounded dialogs (issue 16, item 8), over UDP.

usage: dialogs.py PORT MAX_DIALOGS MAX_SECS   (the server: --max-dialogs MAX_DIALOGS --dialog-max-secs MAX_SECS)

MAX_DIALOGS calls answered and ACKed but never hung up fill the table: the next INVITE gets 503 with a
Retry-After; a BYE frees a place; MAX_SECS later the calls left are forgotten (their BYE gets 481) and
new calls are answered again.
"""
import os
import sys
import time

sys.path.insert(0, os.path.dirname(__file__))
import sip  # noqa: E402

PORT, MAX, SECS = int(sys.argv[1]), int(sys.argv[2]), float(sys.argv[3])
checks = sip.Checks()
u = sip.Udp()

calls = [sip.call(u, PORT, "alice") for _ in range(MAX)]
checks.check(f"{MAX} calls answered", None if all(c[0] == 200 for c in calls) else f"{[c[0] for c in calls]}")
code, full, _, _ = sip.call(u, PORT, "alice")
retry = sip.header(full, "Retry-After") if full is not None else None
checks.check("INVITE beyond --max-dialogs -> 503", None if code == 503 else f"got {code}")
checks.check("503 carries Retry-After", None if retry and retry.split(";")[0].strip().isdigit() else f"{retry!r}")
checks.check("BYE of a kept call -> 200", None if sip.bye(u, PORT, "alice", calls[0][1], calls[0][2]) == 200
             else "no 200")
code, _, _, _ = sip.call(u, PORT, "alice")
checks.check("a freed place takes a new call", None if code == 200 else f"got {code}")
time.sleep(SECS + 1.5)
code = sip.bye(u, PORT, "alice", calls[1][1], calls[1][2])
checks.check("BYE after --dialog-max-secs -> 481", None if code == 481 else f"got {code}")
again = [sip.call(u, PORT, "alice")[0] for _ in range(MAX)]
checks.check(f"{MAX} new calls answered once the old expired", None if all(c == 200 for c in again) else f"{again}")
print(f"dialogs: {checks.passed} passed, {checks.failed} failed")
checks.exit()
