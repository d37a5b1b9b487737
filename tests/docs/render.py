#!/usr/bin/env python3
"""The rendered docs as a reader sees them, with JavaScript off (issue 15).

Opens pages of `target/doc` (run `cargo doc --workspace --no-deps --all-features` first) in headless
Chromium with script execution disabled, driven over the DevTools protocol on a pipe (stdlib only),
takes the DOM Chromium built and a full-page screenshot of each (target/doc-screens/, a CI artefact),
and checks the text a reader sees: the key methods, rule sentences and examples are there, and nothing
of the crate's internals or of unresolved intra-doc links (`[`Builder`]`) shows.

usage: tests/docs/render.py [--show PAGE]   (--show prints the text of one page, for writing checks)
"""
import base64
import html.parser
import json
import os
import re
import shutil
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
DOC = os.path.join(ROOT, "target", "doc")
SHOTS = os.path.join(ROOT, "target", "doc-screens")

# page → texts it must show (whitespace normalised), texts it must not show, a size limit in KB.
PAGES = {
    "sip_codes/index.html": {
        "must": [
            "does not compile while a header the RFCs say the response MUST carry is missing",
            "let response = status::MethodNotAllowed::reply_to(&request)",
            ".allow([Method::Invite, Method::Ack])",
            "StatusCode::reply_to starts the same builder",
        ],
    },
    "sip_codes/enum.StatusCode.html": {
        "must": [
            "MethodNotAllowed = 405",
            "RFC 3261 §21.4.6",
            "fn reason_phrase(self) -> &'static str",
            "fn reply_to<'r, R: ReplyTo<'r>>(",
            "fn usage_effect(self, method: &Method) -> DialogEffect",
            "fn applies_to(self, method: &Method) -> bool",
            "fn uac_action(self) -> UacAction",
            "fn rules(self) -> &'static CodeRules",
        ],
    },
    "sip_codes/struct.StatusLine.html": {
        "must": [
            "fn parse(",
            "fn code(&self) -> u16",
            "fn reason(&self) -> &str",
            "fn status(&self) -> Option<StatusCode>",
            "SIP/2.0 403 Wrong Guess",
        ],
    },
    "sip_codes/status/struct.MethodNotAllowed.html": {
        "must": [
            "fn reply_to<'r, R: ReplyTo<'r>>(",
            "fn detached()",
            "MUST carry Allow (RFC 3261 §21.4.6)",
            "build() compiles once these are set: Allow",
        ],
    },
    "sip_codes/status/struct.Builder.html": {
        "must": [
            "fn build<O>(self) -> O",
            "fn allow(",
            "fn www_authenticate(",
            "fn header(",
            "fn to_tag(self, tag: Token) -> Self",
        ],
        "must_not": ["fn event(", "fn subscription_state("],
        "kb": 120,
    },
}
# Nothing of this shows on any page.
NEVER = ["[`", "](crate::", "crate::", "sip_codes_runtime", "sip_codes_core", "__private", "__X__"]
# An intra-doc link left as text: `[Builder]`, `[crate::Draft]`.
UNRESOLVED = re.compile(r"(?<![&(<\w])\[(?:crate::|super::|self::)?[A-Z][A-Za-z0-9_]*(?:::[A-Za-z0-9_]+)*\]")


class Pipe:
    """The DevTools protocol over --remote-debugging-pipe: JSON messages ended by NUL on fds 3 and 4."""

    def __init__(self, chromium):
        to_chrome_r, self.to_chrome = os.pipe()
        self.from_chrome, from_chrome_w = os.pipe()
        # Chromium reads fd 3 and writes fd 4.
        def fds():
            os.dup2(to_chrome_r, 3)
            os.dup2(from_chrome_w, 4)
        self.proc = subprocess.Popen(
            [chromium, "--headless", "--no-sandbox", "--disable-gpu", "--remote-debugging-pipe",
             "--blink-settings=scriptEnabled=false", "--hide-scrollbars", "about:blank"],
            preexec_fn=fds, pass_fds=(3, 4, to_chrome_r, from_chrome_w),
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        os.close(to_chrome_r)
        os.close(from_chrome_w)
        self.buf = b""
        self.next_id = 0
        self.events = []

    def read(self):
        while b"\0" not in self.buf:
            chunk = os.read(self.from_chrome, 1 << 20)
            if not chunk:
                raise RuntimeError("chromium closed the pipe")
            self.buf += chunk
        message, self.buf = self.buf.split(b"\0", 1)
        return json.loads(message)

    def call(self, method, session=None, **params):
        self.next_id += 1
        message = {"id": self.next_id, "method": method, "params": params}
        if session:
            message["sessionId"] = session
        os.write(self.to_chrome, json.dumps(message).encode() + b"\0")
        while True:
            reply = self.read()
            if reply.get("id") == self.next_id:
                if "error" in reply:
                    raise RuntimeError(f"{method}: {reply['error']}")
                return reply["result"]
            self.events.append(reply)

    def wait_event(self, name, session):
        while True:
            for i, event in enumerate(self.events):
                if event.get("method") == name and event.get("sessionId") == session:
                    del self.events[i]
                    return event
            self.events.append(self.read())

    def close(self):
        try:
            self.call("Browser.close")
        except RuntimeError:
            pass
        self.proc.wait(timeout=30)


class Text(html.parser.HTMLParser):
    """The text of a DOM, as laid out in blocks; script and style dropped."""

    BLOCKS = {"p", "div", "h1", "h2", "h3", "h4", "li", "pre", "section", "summary", "details", "tr"}

    def __init__(self):
        super().__init__()
        self.parts = []
        self.skip = 0

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style", "template"):
            self.skip += 1

    def handle_endtag(self, tag):
        if tag in ("script", "style", "template"):
            self.skip -= 1
        elif tag in self.BLOCKS:
            self.parts.append("\n")

    def handle_data(self, data):
        if not self.skip:
            self.parts.append(data)

    def text(self):
        lines = ("".join(self.parts)).split("\n")
        return "\n".join(re.sub(r"\s+", " ", line).strip() for line in lines if line.strip())


def render(pipe, session, page):
    url = "file://" + os.path.join(DOC, page)
    # Laid out 1280 px wide in a short window, so that the page's own height can be measured.
    pipe.call("Emulation.setDeviceMetricsOverride", session, width=1280, height=800,
              deviceScaleFactor=1, mobile=False)
    pipe.call("Page.navigate", session, url=url)
    pipe.wait_event("Page.loadEventFired", session)
    root = pipe.call("DOM.getDocument", session, depth=-1)["root"]["nodeId"]
    dom = pipe.call("DOM.getOuterHTML", session, nodeId=root)["outerHTML"]
    metrics = pipe.call("Page.getLayoutMetrics", session)
    height = min(int(metrics["cssContentSize"]["height"]) + 1, 16000)
    pipe.call("Emulation.setDeviceMetricsOverride", session, width=1280, height=height,
              deviceScaleFactor=1, mobile=False)
    shot = pipe.call("Page.captureScreenshot", session, format="png", captureBeyondViewport=True)
    name = page.replace("/", "__").replace(".html", ".png")
    with open(os.path.join(SHOTS, name), "wb") as f:
        f.write(base64.b64decode(shot["data"]))
    parser = Text()
    parser.feed(dom)
    return parser.text(), len(dom)


def main():
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if not chromium:
        print("FAIL  chromium is not installed (Debian: apt-get install chromium)")
        return 1
    if os.path.exists("/usr/lib/chromium/chromium"):
        chromium = "/usr/lib/chromium/chromium"  # the Debian wrapper script adds nothing headless needs
    show = sys.argv[2] if len(sys.argv) > 2 and sys.argv[1] == "--show" else None
    os.makedirs(SHOTS, exist_ok=True)
    pipe = Pipe(chromium)
    failed = 0
    try:
        target = pipe.call("Target.createTarget", url="about:blank")["targetId"]
        session = pipe.call("Target.attachToTarget", targetId=target, flatten=True)["sessionId"]
        pipe.call("Page.enable", session)
        pipe.call("Emulation.setScriptExecutionDisabled", session, value=True)
        for page, checks in ([(show, {})] if show else PAGES.items()):
            if not os.path.exists(os.path.join(DOC, page)):
                print(f"FAIL  {page}: not in target/doc (run cargo doc first)")
                failed += 1
                continue
            text, size = render(pipe, session, page)
            if show:
                print(text)
                continue
            # What other crates' blanket impls say (tracing's Instrument, …) is theirs to fix.
            ours = text.split("Blanket Implementations§")[0]
            flat = re.sub(r"\s+", " ", ours)
            problems = [f"missing {t!r}" for t in checks.get("must", []) if t not in flat]
            problems += [f"shows {t!r}" for t in checks.get("must_not", []) + NEVER if t in flat]
            problems += [f"shows the link {m!r} as text" for m in sorted(set(UNRESOLVED.findall(flat)))]
            if "kb" in checks and size > checks["kb"] * 1024:
                problems.append(f"{size // 1024} KB of DOM, more than {checks['kb']} KB")
            if problems:
                failed += 1
                print(f"FAIL  {page}: " + "; ".join(problems))
            else:
                print(f"ok    {page}: {len(checks.get('must', []))} texts found, {size // 1024} KB")
    finally:
        pipe.close()
    if not show:
        print(f"docs: {len(PAGES) - failed} pages passed, {failed} failed; screenshots in {SHOTS}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
