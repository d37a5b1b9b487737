//! Whole responses: built from fuzzed pieces through the public builders (request headers copied with
//! `reply_to`, reason phrase, To tag, typed and extra headers, body), serialized, then read back. What we
//! write, we read back identically: the status line, every header in order, Content-Type, Content-Length
//! and the body; `to_bytes`, `write_to`, `wire_len` and `Display` agree.
#![no_main]

use arbitrary::Arbitrary;
use libfuzzer_sys::fuzz_target;
use sip_codes::header::{Challenge, HeaderName, HeaderValue, MediaType, Method, Token};
use sip_codes::response::ReasonPhrase;
use sip_codes::{RequestHeaders, Response, StatusLine, status};

#[derive(Debug, Arbitrary)]
enum Kind<'a> {
    Trying,
    Ringing,
    Ok,
    BusyHere,
    MethodNotAllowed(Vec<u8>, &'a str),
    Unauthorized(&'a str, &'a str),
    ServerInternalError,
}

#[derive(Debug, Arbitrary)]
struct Input<'a> {
    kind: Kind<'a>,
    request: Option<Request<'a>>,
    reason: Option<&'a str>,
    to_tag: Option<&'a str>,
    extra: Vec<(&'a str, &'a str)>,
    body: Option<(&'a str, &'a [u8])>,
}

#[derive(Debug, Arbitrary)]
struct Request<'a> {
    from: &'a str,
    to: &'a str,
    call_id: &'a str,
    cseq: &'a str,
    vias: Vec<&'a str>,
    timestamp: Option<&'a str>,
}

fn request(r: &Request<'_>) -> Option<RequestHeaders> {
    let mut h = RequestHeaders::new(r.from, r.to, r.call_id, r.cseq).ok()?;
    for via in &r.vias {
        h = h.via(via).ok()?;
    }
    if let Some(t) = r.timestamp {
        h = h.timestamp(t).ok()?;
    }
    Some(h)
}

/// Applies the options every builder has, then builds.
macro_rules! finish {
    ($b:expr, $input:expr, $req:expr) => {{
        let mut b = $b;
        if let Some(req) = $req {
            b = b.reply_to(req);
        }
        if let Some(tag) = $input.to_tag.and_then(|t| Token::new(t).ok()) {
            b = b.to_tag(tag);
        }
        if let Some(reason) = $input.reason.and_then(|r| ReasonPhrase::new(r).ok()) {
            b = b.reason_phrase(reason);
        }
        for (name, value) in &$input.extra {
            if let (Ok(n), Ok(v)) = (HeaderName::new(*name), HeaderValue::new(*value)) {
                if let Ok(next) = b.header(n, v) {
                    b = next;
                } else {
                    return;
                }
            }
        }
        if let Some((ct, body)) = $input.body {
            if let Ok(ct) = ct.parse::<MediaType>() {
                b = b.body(ct, body);
            }
        }
        b.build()
    }};
}

/// Reads a serialized response back: status line, header lines, body.
fn read_back(wire: &[u8]) -> (StatusLine, Vec<(&str, &str)>, &[u8]) {
    let (line, mut at) = StatusLine::parse_message_start(wire).expect("our status line parses");
    let mut headers = Vec::new();
    loop {
        let rest = &wire[at..];
        let lf = rest.iter().position(|&b| b == b'\n').expect("a CRLF");
        assert_eq!(rest[lf - 1], b'\r', "bare LF");
        let text = std::str::from_utf8(&rest[..lf - 1]).expect("UTF-8 head");
        at += lf + 1;
        if text.is_empty() {
            break;
        }
        let (name, value) = text.split_once(':').expect("a colon");
        let value = value.strip_prefix(' ').expect("a space after the colon");
        headers.push((name, value));
    }
    (line, headers, &wire[at..])
}

fn check(r: &Response, req: Option<&RequestHeaders>) {
    let wire = r.to_bytes();
    assert_eq!(wire.len(), r.wire_len());
    let mut written = Vec::new();
    r.write_to(&mut written).expect("Vec never fails");
    assert_eq!(written, wire);
    assert_eq!(r.to_string(), String::from_utf8_lossy(&wire));

    let (line, headers, body) = read_back(&wire);
    assert_eq!(line.code(), r.code());
    assert_eq!(line.reason(), r.reason());
    assert_eq!(body, r.body());
    let mut expected: Vec<(&str, String)> = r
        .headers()
        .iter()
        .map(|h| (h.name().as_str(), h.value().as_str().to_owned()))
        .collect();
    if let Some(ct) = r.content_type() {
        expected.push(("Content-Type", ct.as_str().to_owned()));
    }
    expected.push(("Content-Length", r.body().len().to_string()));
    let got: Vec<(&str, String)> = headers.iter().map(|&(n, v)| (n, v.to_owned())).collect();
    assert_eq!(got, expected);

    if let Some(req) = req {
        let vias: Vec<&str> = r.header_all("Via").map(|v| v.as_str()).collect();
        let sent: Vec<&str> = req.vias().iter().map(|v| v.as_str()).collect();
        assert_eq!(vias, sent);
        assert_eq!(r.header("From"), Some(req.from()));
        assert_eq!(r.header("Call-ID"), Some(req.call_id()));
        assert_eq!(r.header("CSeq"), Some(req.cseq()));
        let to = r.header("To").expect("To copied").as_str();
        assert!(to.starts_with(req.to().as_str()));
    }
}

fuzz_target!(|input: Input<'_>| {
    let req = input.request.as_ref().and_then(request);
    let req = req.as_ref();
    let response = match &input.kind {
        Kind::Trying => finish!(status::Trying::builder(), input, req),
        Kind::Ringing => finish!(status::Ringing::builder(), input, req),
        Kind::Ok => finish!(status::Ok::builder(), input, req),
        Kind::BusyHere => finish!(status::BusyHere::builder(), input, req),
        Kind::ServerInternalError => finish!(status::ServerInternalError::builder(), input, req),
        Kind::MethodNotAllowed(picks, ext) => {
            let mut methods: Vec<Method> = picks
                .iter()
                .map(|&i| Method::KNOWN[usize::from(i) % Method::KNOWN.len()].clone())
                .collect();
            if let Ok(m) = ext.parse::<Method>() {
                methods.push(m);
            }
            finish!(
                status::MethodNotAllowed::builder().allow(methods),
                input,
                req
            )
        }
        Kind::Unauthorized(realm, nonce) => {
            let Ok(challenge) = Challenge::digest(realm, nonce) else {
                return;
            };
            finish!(
                status::Unauthorized::builder().www_authenticate(challenge),
                input,
                req
            )
        }
    };
    check(&response, req);
});
