#!/usr/bin/env python3
"""Writes the trybuild cases of the bundled spec's MUST rules from spec/sip-codes.yaml:

  tests/ui/must/<code>_<header>.rs            an unconditional MUST header missing (a plain request)
  tests/ui/must/<code>_to_<method>_<header>.rs  a method-scoped MUST header missing (a typed request)
  tests/ui/pass/rules/<code>[_to_<method>].rs   the same response with every required header set
  tests/ui/answers/<code>_to_<method>.rs       a typed request of a method an answer rule refuses

Run it after adding a MUST rule to the bundled spec, then `TRYBUILD=overwrite cargo test --test ui` and
review every new .stderr. tests/ui_coverage.rs fails while a rule has no case (or a case no rule).
The only facts written here are example values for each header's setter.
"""
import pathlib
import re
import sys

import yaml

ROOT = pathlib.Path(__file__).resolve().parent.parent
SPEC = yaml.safe_load((ROOT / "spec/sip-codes.yaml").read_text())

# An example value for each setter a MUST rule may need.
VALUES = {
    "accept": "MediaType::APPLICATION_SDP",
    "accept_encoding": "ContentCoding::IDENTITY",
    "accept_language": 'LanguageRange::new("en").unwrap()',
    "alertmsg_error": "AlertMsgError::new(100).unwrap()",
    "allow": "[Method::Invite, Method::Ack]",
    "contact": 'Uri::new("sip:alice@192.0.2.10").unwrap()',
    "expires": "3600u32",
    "geolocation_error": "GeolocationError::new(100).unwrap()",
    "min_expires": "60u32",
    "min_se": "90u32",
    "proxy_authenticate": 'Challenge::digest("example.com", "f84f1cec41e6cbe5aea9c8e88d359").unwrap()',
    "reason": "Reason::sip(480).unwrap()",
    "recv_info": "RecvInfo::none()",
    "require": "OptionTag::REL_100",
    "security_server": "SecurityMechanism::TLS",
    "sip_etag": 'SipETag::new("dx200xyz").unwrap()',
    "unsupported": "OptionTag::REL_100",
    "www_authenticate": 'Challenge::digest("example.com", "f84f1cec41e6cbe5aea9c8e88d359").unwrap()',
}


def words(name):
    return [w for w in re.split(r"[^A-Za-z0-9]", name) if w]


def setter(header):
    """The derivation of sip_codes_core::headers::setter_name, for file names and calls."""
    return "_".join(w.lower() for w in words(header))


def variant(code):
    if "variant" in code:
        return code["variant"]
    out = ""
    for w in words(code["phrase"]):
        rest = w[1:].lower() if not any(c.islower() for c in w) else w[1:]
        out += w[0].upper() + rest
    return out


def musts(code):
    rules = (code.get("headers") or {}).get("must") or []
    return [r for r in rules if "condition" not in r]


def heads(rule):
    return rule["one_of"] if "one_of" in rule else [rule["header"]]


def allowed_method(code):
    """A method the code answers: the first of an `only` rule, else OPTIONS."""
    for rule in code.get("answers") or []:
        if "only" in rule:
            return rule["only"][0]
    return "OPTIONS"


def request(method, typed):
    text = (
        f'    let request = RequestHeaders::new("<sip:alice@example.com>;tag=1", "<sip:bob@example.com>", '
        f'"a84b4c76e66710", "1 {method}")\n'
        f'        .unwrap()\n        .via("SIP/2.0/UDP pc33.example.com;branch=z9hG4bK776").unwrap();\n'
    )
    if typed:
        text += f"    let typed = request.typed::<method::{method.capitalize()}>().unwrap();\n"
    return text


def calls(rules):
    """One setter call per rule (the first header of a one-of group)."""
    return "".join(f"\n        .{setter(heads(r)[0])}({VALUES[setter(heads(r)[0])]})" for r in rules)


def case(code, scope, target, rules):
    """A response of `code` with the setters of `rules`; to a typed request of `scope`, else a plain one."""
    uses = "{method, status, RequestHeaders}" if scope else "{status, RequestHeaders}"
    lines = [
        "use sip_codes::header::*;" if any("::" in VALUES[setter(heads(r)[0])] for r in rules) else "",
        f"use sip_codes::{uses};",
        "",
        "fn main() {",
        request(scope or allowed_method(code), scope is not None).rstrip("\n"),
    ]
    start = "&typed" if scope else "&request"
    body = f"    let _response = status::{variant(code)}::reply_to({start})"
    body += calls(rules) + "\n        .build();"
    if target is not None:
        cite = f"RFC {target['rfc']} §{target['section']}" if "rfc" in target else target["source"]
        lines.insert(4, f"    // {cite}: without `{' / '.join(heads(target))}` this does not compile.")
    lines.append(body)
    lines.append("}")
    return "\n".join(lines).lstrip("\n") + "\n"


def write(path, text):
    path.parent.mkdir(parents=True, exist_ok=True)
    if not path.exists() or path.read_text() != text:
        path.write_text(text)
        print("wrote", path.relative_to(ROOT))


METHODS = ["INVITE", "ACK", "BYE", "CANCEL", "OPTIONS", "REGISTER", "PRACK", "SUBSCRIBE", "NOTIFY",
           "PUBLISH", "INFO", "REFER", "MESSAGE", "UPDATE"]


def refused(rule):
    """A method the answer rule refuses: the first it names, or the first of the others for `only`."""
    if "never" in rule:
        return rule["never"][0]
    return next(m for m in ["OPTIONS"] + METHODS if m not in rule["only"] and m != "ACK")


def answers_case(code, method, rule):
    cite = f"RFC {rule['rfc']} §{rule['section']}"
    return (
        "use sip_codes::{method, status, RequestHeaders};\n\nfn main() {\n"
        f"    // {cite}: `{code['code']} {code['phrase']}` does not answer {method}.\n"
        + request(method, True)
        + f"    let _response = status::{variant(code)}::reply_to(&typed);\n}}\n"
    )


def main():
    must_dir, pass_dir = ROOT / "tests/ui/must", ROOT / "tests/ui/pass/rules"
    answers_dir = ROOT / "tests/ui/answers"
    wanted = set()
    common = (SPEC.get("common") or {}).get("answers") or []
    for code in SPEC["codes"]:
        for rule in code.get("answers") or []:
            method = refused(rule)
            path = answers_dir / f"{code['code']}_to_{method.lower()}.rs"
            write(path, answers_case(code, method, rule))
            wanted.add(path)
    # Each common answer rule once, on the first code it applies to.
    for rule in common:
        code = next(c for c in SPEC["codes"] if c["code"] not in (rule.get("except") or []))
        method = refused(rule)
        path = answers_dir / f"{code['code']}_to_{method.lower()}.rs"
        write(path, answers_case(code, method, rule))
        wanted.add(path)
    for code in SPEC["codes"]:
        rules = musts(code)
        if not rules:
            continue
        scopes = [None] + sorted({r["method"] for r in rules if "method" in r})
        for scope in scopes:
            applies = [r for r in rules if r.get("method") in (None, scope)]
            suffix = f"_to_{scope.lower()}" if scope else ""
            for target in [r for r in applies if r.get("method") == scope]:
                name = f"{code['code']}{suffix}_{'_or_'.join(setter(h) for h in heads(target))}.rs"
                others = [r for r in applies if r is not target]
                write(must_dir / name, case(code, scope, target, others))
                wanted.add(must_dir / name)
            if not applies:
                continue
            name = f"{code['code']}{suffix}.rs"
            text = case(code, scope or allowed_method(code), None, applies)
            text = text.replace("    let _response =", "    let response =").replace(
                "        .build();", f"        .build();\n    assert_eq!(response.code(), {code['code']});"
            )
            for rule in applies:
                text = text.replace(
                    "\n}\n",
                    f'\n    assert!(response.header("{heads(rule)[0]}").is_some());\n}}\n',
                )
            write(pass_dir / name, text)
            wanted.add(pass_dir / name)
    for directory in (must_dir, pass_dir, answers_dir):
        for stale in directory.glob("*.rs"):
            if stale not in wanted:
                print("stale (no rule):", stale.relative_to(ROOT), file=sys.stderr)


main()
