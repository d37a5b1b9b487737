//! Whole responses: built from fuzzed pieces through the public builders (a status marker's `reply_to` or
//! `detached`, or a code chosen at run time; reason phrase, To tag, typed and extra headers, body),
//! serialized, then read back. What we write, we read back identically: the status line, every header in
//! order, Content-Type, Content-Length and the body; `to_bytes`, `write_to`, `wire_len` and `Display`
//! agree; what the request gave is copied (Record-Route only where the response establishes a dialog).
//! A build that checks rules at run time either builds or names broken rules of its own code.
#![no_main]

use arbitrary::Arbitrary;
use libfuzzer_sys::fuzz_target;
use sip_codes::header::{Challenge, HeaderName, HeaderValue, MediaType, Token};
use sip_codes::response::ReasonPhrase;
use sip_codes::{RequestHeaders, Response, RuleViolations, StatusCode, StatusLine, status};

#[derive(Debug, Arbitrary)]
enum Kind<'a> {
    Trying,
    Ringing,
    Ok,
    BusyHere,
    MethodNotAllowed(Vec<u8>, &'a str),
    Unauthorized(&'a str, &'a str),
    ServerInternalError,
    /// A code chosen at run time: `StatusCode::ALL[index % len]`.
    Chosen(u8),
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
    sequence: u32,
    method: RequestMethod,
    vias: Vec<&'a str>,
    record_routes: Vec<&'a str>,
    timestamp: Option<&'a str>,
}

/// A method of the registry, or an extension method.
#[derive(Debug, Arbitrary)]
enum RequestMethod {
    Known(u8),
    Extension(String),
}

fn request(r: &Request<'_>) -> Option<RequestHeaders> {
    let method = match &r.method {
        RequestMethod::Known(i) => {
            let known = sip_codes::header::Method::KNOWN;
            known[usize::from(*i) % known.len()].as_str().to_owned()
        }
        RequestMethod::Extension(name) => name.clone(),
    };
    let cseq = format!("{} {method}", r.sequence);
    let mut h = RequestHeaders::new(r.from, r.to, r.call_id, cseq).ok()?;
    for via in &r.vias {
        h = h.via(via).ok()?;
    }
    for route in &r.record_routes {
        h = h.record_route(route).ok()?;
    }
    if let Some(t) = r.timestamp {
        h = h.timestamp(t).ok()?;
    }
    Some(h)
}

/// What a `build()` returns: a `Response`, or a `Result` where rules are checked at run time.
trait Built {
    fn built(self) -> Result<Response, RuleViolations>;
}

impl Built for Response {
    fn built(self) -> Result<Response, RuleViolations> {
        Ok(self)
    }
}

impl Built for Result<Response, RuleViolations> {
    fn built(self) -> Result<Response, RuleViolations> {
        self
    }
}

/// Applies the options every builder has, then builds.
macro_rules! options {
    ($b:expr, $input:expr) => {{
        let mut b = $b;
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
        b.build().built()
    }};
}

/// A status marker's builder, answering the request (or none), with `setters` applied.
macro_rules! finish {
    ($marker:ident $(. $setter:ident ($($arg:expr),*))*, $input:expr, $req:expr) => {
        match $req {
            Some(req) => options!(status::$marker::reply_to(req) $(.$setter($($arg),*))*, $input),
            None => options!(status::$marker::detached() $(.$setter($($arg),*))*, $input),
        }
    };
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
        let routes: Vec<&str> = r.header_all("Record-Route").map(|v| v.as_str()).collect();
        let dialog = (101..=299).contains(&r.code())
            && sip_codes_core::methods::find(req.method().as_str())
                .is_some_and(|m| m.creates_dialog);
        let sent: Vec<&str> = req.record_routes().iter().map(|v| v.as_str()).collect();
        assert_eq!(routes, if dialog { sent } else { Vec::new() });
    }
}

fuzz_target!(|input: Input<'_>| {
    let req = input.request.as_ref().and_then(request);
    let req = req.as_ref();
    let built = match &input.kind {
        Kind::Trying => finish!(Trying, input, req),
        Kind::Ringing => finish!(Ringing, input, req),
        Kind::Ok => finish!(Ok, input, req),
        Kind::BusyHere => finish!(BusyHere, input, req),
        Kind::ServerInternalError => finish!(ServerInternalError, input, req),
        Kind::MethodNotAllowed(picks, ext) => {
            let mut methods: Vec<sip_codes::header::Method> = picks
                .iter()
                .map(|&i| {
                    let known = sip_codes::header::Method::KNOWN;
                    known[usize::from(i) % known.len()].clone()
                })
                .collect();
            if let Ok(m) = ext.parse() {
                methods.push(m);
            }
            finish!(MethodNotAllowed.allow(methods), input, req)
        }
        Kind::Unauthorized(realm, nonce) => {
            let Ok(challenge) = Challenge::digest(realm, nonce) else {
                return;
            };
            finish!(Unauthorized.www_authenticate(challenge), input, req)
        }
        Kind::Chosen(index) => {
            let Some(req) = req else { return };
            let code = StatusCode::ALL[usize::from(*index) % StatusCode::ALL.len()];
            options!(code.reply_to(req), input)
        }
    };
    match built {
        Ok(response) => check(&response, req),
        // Refused at run time: every violation names the code, and a rule of it.
        Err(violations) => {
            let code = StatusCode::ALL
                .into_iter()
                .find(|c| violations.iter().all(|v| v.code() == c.code()))
                .expect("the violations of one code");
            assert!(!violations.is_empty());
            assert!(
                req.is_some(),
                "{code}: a detached builder checks at compile time"
            );
            for v in &violations {
                assert!(!v.to_string().is_empty());
            }
        }
    }
});
