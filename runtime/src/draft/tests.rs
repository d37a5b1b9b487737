//! Tests of [`Draft`]: wire order, copied headers, tags, refused headers, run-time checks.

use super::*;
use crate::Citation;
use crate::rules::{HeaderRules, Rule};

struct Allow(&'static str);
impl TypedValue for Allow {
    fn write_value(&self, out: &mut String) {
        out.push_str(self.0);
    }
}

struct Warning(&'static str);
impl TypedValue for Warning {
    fn write_value(&self, out: &mut String) {
        out.push_str(self.0);
    }
}

const CITE: Citation<'static> = Citation::Rfc {
    rfc: 3261,
    section: "21.4.6",
};
static ALLOW: [Rule; 1] = [Rule {
    headers: &["Allow"],
    one_of: false,
    method: None,
    condition: None,
    citation: CITE,
}];
static CONTACT_TO_INVITE: [Rule; 1] = [Rule {
    headers: &["Contact"],
    one_of: false,
    method: Some("INVITE"),
    condition: None,
    citation: CITE,
}];
static NO_CONTACT: [Rule; 1] = [Rule {
    headers: &["Contact"],
    one_of: false,
    method: None,
    condition: None,
    citation: CITE,
}];

fn code(code: u16, phrase: &'static str) -> &'static CodeRules {
    let (must, must_not): (&'static [Rule], &'static [Rule]) = match code {
        405 => (&ALLOW, &NO_CONTACT),
        200 => (&CONTACT_TO_INVITE, &[]),
        _ => (&[], &[]),
    };
    Box::leak(Box::new(CodeRules {
        code,
        phrase,
        headers: HeaderRules {
            must,
            should: &[],
            may: &[],
            must_not,
        },
        answers: &[],
    }))
}

fn request(to: &str) -> RequestHeaders {
    RequestHeaders::new(
        "Alice <sip:alice@atlanta.com>;tag=88",
        to,
        "abc@host",
        "1 INVITE",
    )
    .unwrap()
    .via("SIP/2.0/UDP p1;branch=z9hG4bK1")
    .unwrap()
    .via("SIP/2.0/UDP p2;branch=z9hG4bK2")
    .unwrap()
    .timestamp("54")
    .unwrap()
}

const HEAD: &str = "Via: SIP/2.0/UDP p1;branch=z9hG4bK1\r\nVia: SIP/2.0/UDP p2;branch=z9hG4bK2\r\n\
    From: Alice <sip:alice@atlanta.com>;tag=88\r\n";

#[test]
fn method_not_allowed() {
    let mut d = Draft::new(code(405, "Method Not Allowed"));
    d.set("Allow", &Allow("INVITE"), false);
    d.set("Allow", &Allow("INVITE, ACK"), false);
    d.reply_to(&request("<sip:bob@biloxi.com>"));
    d.to_tag(Token::new("uas1").unwrap());
    let r = d.finish();
    assert_eq!(
        r.to_string(),
        format!(
            "SIP/2.0 405 Method Not Allowed\r\n{HEAD}To: <sip:bob@biloxi.com>;tag=uas1\r\n\
             Call-ID: abc@host\r\nCSeq: 1 INVITE\r\nAllow: INVITE, ACK\r\nContent-Length: 0\r\n\r\n"
        )
    );
    assert_eq!(r.code(), 405);
    assert_eq!(r.header("allow").unwrap(), "INVITE, ACK");
}

#[test]
fn trying_keeps_to_and_copies_timestamp() {
    let mut d = Draft::new(code(100, "Trying"));
    d.to_tag(Token::new("uas1").unwrap());
    d.reply_to(&request("<sip:bob@biloxi.com>"));
    assert_eq!(
        d.finish().to_string(),
        format!(
            "SIP/2.0 100 Trying\r\n{HEAD}To: <sip:bob@biloxi.com>\r\n\
             Call-ID: abc@host\r\nCSeq: 1 INVITE\r\nTimestamp: 54\r\nContent-Length: 0\r\n\r\n"
        )
    );
}

#[test]
fn ok_adds_random_tag_and_body() {
    let mut d = Draft::new(code(200, "OK"));
    d.set("Warning", &Warning("399 a \"x\""), true);
    d.reply_to(&request("Bob <sip:bob@biloxi.com>"));
    d.set("Warning", &Warning("399 b \"y\""), true);
    d.body(MediaType::APPLICATION_SDP, "v=0\r\n");
    let r = d.finish();
    let to = r.header("To").unwrap().as_str();
    let tag = to.strip_prefix("Bob <sip:bob@biloxi.com>;tag=").unwrap();
    assert_eq!(tag.len(), 16);
    assert!(tag.bytes().all(|b| b.is_ascii_hexdigit()));
    assert_eq!(r.header("Timestamp"), None);
    assert_eq!(
        r.to_string(),
        format!(
            "SIP/2.0 200 OK\r\n{HEAD}To: {to}\r\nCall-ID: abc@host\r\nCSeq: 1 INVITE\r\n\
             Warning: 399 a \"x\"\r\nWarning: 399 b \"y\"\r\n\
             Content-Type: application/sdp\r\nContent-Length: 5\r\n\r\nv=0\r\n"
        )
    );
    assert_eq!(r.to_bytes().len(), r.wire_len());
    // Tags differ between responses.
    let mut d2 = Draft::new(code(200, "OK"));
    d2.reply_to(&request("Bob <sip:bob@biloxi.com>"));
    assert_ne!(d2.finish().header("To").unwrap().as_str(), to);
}

#[test]
fn existing_tag_kept() {
    for to in [
        "<sip:bob@biloxi.com>;tag=xyz",
        "<sip:bob@biloxi.com> ; TAG = xyz",
        "sip:bob@biloxi.com;tag=xyz",
        "\"Bob <b>;tag=no\" <sip:bob@biloxi.com;lr>;x=\"1;2\";tag=xyz",
    ] {
        let mut d = Draft::new(code(486, "Busy Here"));
        d.to_tag(Token::new("mine").unwrap());
        d.reply_to(&request(to));
        assert_eq!(d.finish().header("To").unwrap(), to);
    }
    for to in [
        "<sip:bob@biloxi.com;tag=uri-param>",
        "\"tag=x;tag=y\" <sip:bob@biloxi.com>",
        "<sip:bob@biloxi.com>;x=\";tag=no\"",
        "<sip:bob@biloxi.com>;tagx=1",
        "sip:bob@biloxi.com",
    ] {
        assert!(!has_tag(to), "{to}");
        let mut d = Draft::new(code(486, "Busy Here"));
        d.to_tag(Token::new("mine").unwrap());
        d.reply_to(&request(to));
        assert_eq!(
            d.finish().header("To").unwrap().as_str(),
            format!("{to};tag=mine")
        );
    }
}

#[test]
fn reply_to_twice_replaces() {
    let mut d = Draft::new(code(200, "OK"));
    d.set("Allow", &Allow("INVITE"), false);
    d.reply_to(&request("<sip:a@b>;tag=1"));
    let other = RequestHeaders::new("f", "<sip:c@d>;tag=2", "i", "2 BYE")
        .unwrap()
        .via("v")
        .unwrap();
    d.reply_to(&other);
    d.set("Allow", &Allow("BYE"), false);
    assert_eq!(
        d.finish().to_string(),
        "SIP/2.0 200 OK\r\nVia: v\r\nFrom: f\r\nTo: <sip:c@d>;tag=2\r\nCall-ID: i\r\nCSeq: 2 BYE\r\n\
         Allow: BYE\r\nContent-Length: 0\r\n\r\n"
    );
}

#[test]
fn extra_headers() {
    let mut d = Draft::new(code(405, "Method Not Allowed"));
    let value = HeaderValue::from_static("x").unwrap();
    for name in [
        "Content-Length",
        "content-length",
        "l",
        "L",
        "Content-Type",
        "c",
        "Via",
        "v",
        "From",
        "f",
        "TO",
        "t",
        "Call-ID",
        "i",
        "CSeq",
        "cseq",
        "Record-Route",
        "Timestamp",
    ] {
        let err = d
            .extra_header(HeaderName::new(name).unwrap(), value.clone())
            .unwrap_err();
        assert!(
            matches!(err.kind(), ViolationKind::Managed { .. }),
            "{name}"
        );
    }
    for name in ["Contact", "m", "CONTACT"] {
        let err = d
            .extra_header(HeaderName::new(name).unwrap(), value.clone())
            .unwrap_err();
        assert_eq!(
            err.to_string(),
            "`405 Method Not Allowed` must not carry the `Contact` header (RFC 3261 §21.4.6)"
        );
    }
    let err = d
        .extra_header(HeaderName::new("l").unwrap(), value.clone())
        .unwrap_err();
    assert_eq!(
        err.to_string(),
        "`405 Method Not Allowed`: the library writes the `Content-Length` header itself (RFC 3261 §20.14)"
    );
    d.extra_header(HeaderName::new("X-Trace").unwrap(), value.clone())
        .unwrap();
    d.set_reason_phrase(ReasonPhrase::new("Nope").unwrap());
    assert_eq!(
        d.finish().to_string(),
        "SIP/2.0 405 Nope\r\nX-Trace: x\r\nContent-Length: 0\r\n\r\n"
    );
}

#[test]
fn record_route_copied_where_a_dialog_starts() {
    let request = |cseq: &str| {
        RequestHeaders::new("<sip:a@b>;tag=1", "<sip:c@d>", "i", cseq)
            .unwrap()
            .via("SIP/2.0/UDP p1;branch=z9hG4bK1")
            .unwrap()
            .record_route("<sip:p1;lr>")
            .unwrap()
            .record_route("<sip:p2;lr>")
            .unwrap()
    };
    let routes = |c: u16, cseq: &str| {
        let mut d = Draft::new(code(c, "X"));
        d.reply_to(&request(cseq));
        let r = d.finish();
        r.header_all("Record-Route")
            .map(|v| v.as_str().to_string())
            .collect::<Vec<_>>()
    };
    assert_eq!(routes(200, "1 INVITE"), ["<sip:p1;lr>", "<sip:p2;lr>"]);
    assert_eq!(routes(180, "1 INVITE"), ["<sip:p1;lr>", "<sip:p2;lr>"]);
    assert_eq!(routes(200, "1 SUBSCRIBE"), ["<sip:p1;lr>", "<sip:p2;lr>"]);
    assert!(routes(100, "1 INVITE").is_empty());
    assert!(routes(486, "1 INVITE").is_empty());
    assert!(routes(200, "1 OPTIONS").is_empty());
    let mut d = Draft::new(code(200, "OK"));
    d.reply_to(&request("1 INVITE"));
    let wire = d.finish().to_string();
    let via = wire.find("Via:").unwrap();
    let rr = wire.find("Record-Route: <sip:p1;lr>").unwrap();
    let rr2 = wire.find("Record-Route: <sip:p2;lr>").unwrap();
    let from = wire.find("From:").unwrap();
    assert!(via < rr && rr < rr2 && rr2 < from, "{wire}");
}

#[test]
fn run_time_checks_follow_the_method() {
    let request = |cseq: &str| {
        RequestHeaders::new("<sip:a@b>;tag=1", "<sip:c@d>", "i", cseq)
            .unwrap()
            .via("v")
            .unwrap()
    };
    let mut d = Draft::new(code(200, "OK"));
    d.reply_to(&request("1 INVITE"));
    let err = d.clone().finish_checked().unwrap_err();
    assert_eq!(
        err.to_string(),
        "`200 OK` to INVITE requires the `Contact` header (RFC 3261 §21.4.6)"
    );
    d.set_value(
        "Contact",
        HeaderValue::from_static("<sip:me@h>").unwrap(),
        true,
    );
    assert!(d.finish_checked().is_ok());
    let mut d = Draft::new(code(200, "OK"));
    d.reply_to(&request("1 OPTIONS"));
    assert!(d.finish_checked().is_ok());
}

#[test]
fn random_tags_are_tokens() {
    let a = random_tag();
    let b = random_tag();
    assert_ne!(a, b);
    assert!(crate::syntax::is_token(a.as_str()));
}
