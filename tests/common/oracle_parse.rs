//! The oracle's side of tests/oracle.rs: ezk-sip-types reads a response, and [`check`] compares what it
//! read with what the response answers and what the spec says its code must carry.

use bytes::Bytes;
use ezk_sip_types::header::DecodeValues;
use ezk_sip_types::header::typed::{
    Accept, Allow, AllowEvents, AuthChallenge, CSeq, CallID, Contact, ContentLength, Expires,
    FromTo, MinExpires, MinSe, RSeq, Require, RetryAfter, Routing, SessionExpires, Supported,
    Unsupported, Via,
};
use ezk_sip_types::msg::{Line, MessageLine, PullParser};
use ezk_sip_types::parse::Parse;
use ezk_sip_types::{Headers, Method as EzkMethod, Name};
use sip_codes::{Response, StatusCode, StatusLine};
use sip_codes_core::methods;

use super::requests;

/// A response, the code and method it was made for, and which builder made it.
pub struct Made {
    pub code: StatusCode,
    pub method: &'static str,
    pub how: &'static str,
    pub response: Response,
}

/// What the oracle read from a message.
pub struct Parsed {
    pub code: u16,
    pub reason: String,
    pub headers: Headers,
    pub body_len: usize,
}

pub fn parse(bytes: &[u8]) -> Parsed {
    let data = Bytes::copy_from_slice(bytes);
    let mut lines = PullParser::new(&data, 0);
    let first = lines
        .next()
        .expect("a start line")
        .expect("a complete start line");
    let first = std::str::from_utf8(first).expect("utf-8 start line");
    let (code, reason) = match <MessageLine as Parse>::parse(&data)(first) {
        Ok((rest, MessageLine::Response(line))) => {
            assert!(
                rest.is_empty(),
                "trailing bytes after the status line: {rest:?}"
            );
            (
                line.code.into_u16(),
                line.reason.map(|r| r.to_string()).unwrap_or_default(),
            )
        }
        other => panic!("not a response line: {first:?} ({:?})", other.is_ok()),
    };
    let mut headers = Headers::with_capacity(16);
    for line in lines.by_ref() {
        let line = std::str::from_utf8(line.expect("complete header line")).expect("utf-8 header");
        let (_, parsed) =
            Line::parse(&data, line).unwrap_or_else(|e| panic!("header line {line:?}: {e:?}"));
        headers.insert(parsed.name, parsed.value);
    }
    let body_len = data.len() - lines.head_end();
    Parsed {
        code,
        reason,
        headers,
        body_len,
    }
}

fn decode<H: DecodeValues>(headers: &Headers, name: Name) -> Result<(), String> {
    headers
        .get::<H>(name)
        .map(|_| ())
        .map_err(|e| format!("{e:?}"))
}

/// Whether ezk's typed parser reads `header` from `headers`, for the headers it has one for.
fn typed_parse(headers: &Headers, header: &str) -> Option<Result<(), String>> {
    Some(match header {
        "Accept" => decode::<Vec<Accept>>(headers, Name::ACCEPT),
        "Allow" => decode::<Vec<Allow>>(headers, Name::ALLOW),
        "Allow-Events" => decode::<Vec<AllowEvents>>(headers, Name::ALLOW_EVENTS),
        "Contact" => decode::<Vec<Contact>>(headers, Name::CONTACT),
        "Expires" => decode::<Expires>(headers, Name::EXPIRES),
        "Min-Expires" => decode::<MinExpires>(headers, Name::MIN_EXPIRES),
        "Min-SE" => decode::<MinSe>(headers, Name::MIN_SE),
        "Proxy-Authenticate" => decode::<Vec<AuthChallenge>>(headers, Name::PROXY_AUTHENTICATE),
        "WWW-Authenticate" => decode::<Vec<AuthChallenge>>(headers, Name::WWW_AUTHENTICATE),
        "Require" => decode::<Vec<Require>>(headers, Name::REQUIRE),
        "Supported" => decode::<Vec<Supported>>(headers, Name::SUPPORTED),
        "Unsupported" => decode::<Vec<Unsupported>>(headers, Name::UNSUPPORTED),
        "RSeq" => decode::<RSeq>(headers, Name::RSEQ),
        "Retry-After" => decode::<RetryAfter>(headers, Name::RETRY_AFTER),
        "Session-Expires" => decode::<SessionExpires>(headers, Name::SESSION_EXPIRES),
        _ => return None,
    })
}

/// The header `header` is in the response and in what the oracle read, and parses under the oracle's
/// typed parser where it has one.
fn carries(made: &Made, parsed: &Parsed, header: &str) -> bool {
    if made.response.header(header).is_none() {
        return false;
    }
    let name = Name::from(header);
    assert!(
        parsed.headers.contains(&name),
        "{} ({}, {}): the oracle did not read `{header}`",
        made.code,
        made.method,
        made.how
    );
    if let Some(Err(e)) = typed_parse(&parsed.headers, header) {
        panic!(
            "{} ({}, {}): `{header}` does not parse under the oracle: {e}",
            made.code, made.method, made.how
        );
    }
    true
}

/// Parses `made` with the oracle and checks it: status line, every header copied from the request
/// ([`requests::message`]), the headers the code's MUST rules require for the method (each one-of group
/// by one member at least), Content-Length, and our own `StatusLine` reading the bytes back.
pub fn check(made: &Made) {
    let Made {
        code,
        method,
        how,
        response,
    } = made;
    let what = format!("{code} to {method} ({how})");
    let bytes = response.to_bytes();
    assert_eq!(bytes.len(), response.wire_len(), "{what}");
    let parsed = parse(&bytes);
    assert_eq!(parsed.code, code.code(), "{what}");
    assert_eq!(parsed.reason, response.reason(), "{what}");

    // Copied from the request: both Vias in order, From, To with a tag except on 100, Call-ID, CSeq.
    let vias: Vec<Via> = parsed.headers.get_named().expect("Via");
    let branches: Vec<_> = vias
        .iter()
        .map(|v| v.params.get_val("branch").map(|b| b.to_string()))
        .collect();
    let expected = ["z9hG4bK776asdhds", "z9hG4bKnashds8"].map(|b| Some(b.to_owned()));
    assert_eq!(branches, expected, "{what}");
    let from: FromTo = parsed.headers.get(Name::FROM).expect("From");
    assert_eq!(from.tag.as_deref(), Some("1928301774"), "{what}");
    let to: FromTo = parsed.headers.get(Name::TO).expect("To");
    assert_eq!(to.tag.is_some(), *code != 100, "To tag on {what}");
    let call_id: CallID = parsed.headers.get_named().expect("Call-ID");
    assert_eq!(call_id.0.as_str(), "a84b4c76e66710@pc33.example.com");
    let cseq: CSeq = parsed.headers.get_named().expect("CSeq");
    assert_eq!(
        (cseq.cseq, cseq.method),
        (314159, EzkMethod::from(*method)),
        "{what}"
    );
    let timestamp = parsed
        .headers
        .get_raw(&Name::TIMESTAMP)
        .next()
        .map(|v| v.trim().to_string());
    assert_eq!(
        timestamp.as_deref(),
        (*code == 100).then_some("54"),
        "Timestamp on {what}"
    );
    // Record-Route, in order, exactly on the responses that establish a dialog (RFC 3261 §12.1.1).
    let dialog = (101..=299).contains(&code.code())
        && methods::find(method).is_some_and(|m| m.creates_dialog);
    let routes = parsed
        .headers
        .try_get::<Vec<Routing>>(Name::RECORD_ROUTE)
        .map(|r| r.expect("Record-Route parses"));
    match routes {
        Some(routes) => {
            assert!(dialog, "Record-Route on {what}");
            assert_eq!(routes.len(), 2, "{what}");
            let raw: Vec<_> = parsed
                .headers
                .get_raw(&Name::RECORD_ROUTE)
                .flat_map(|line| line.split(", "))
                .collect();
            assert_eq!(
                raw,
                [
                    "<sip:proxy.example.com:5061;transport=tcp;lr>",
                    "<sip:edge.example.com;lr>"
                ],
                "{what}"
            );
        }
        None => assert!(!dialog, "no Record-Route on {what}"),
    }
    let length: ContentLength = parsed.headers.get_named().expect("Content-Length");
    assert_eq!(length.0, parsed.body_len, "{what}");

    // What the code's rules require of a response to this method.
    for rule in requests::musts_for(code.rules(), method) {
        let present = rule
            .headers
            .iter()
            .filter(|h| carries(made, &parsed, h))
            .count();
        assert!(
            present > 0,
            "{what} lacks {:?} ({})",
            rule.headers,
            rule.citation
        );
    }

    // Our own parser reads the status line back byte for byte.
    let (line, used) = StatusLine::parse_message_start(&bytes).unwrap();
    assert_eq!(line.code(), *code, "{what}");
    assert_eq!(line.reason(), response.reason());
    assert_eq!(format!("{line}\r\n").as_bytes(), &bytes[..used]);
    assert_eq!(line.status(), Some(*code));
}
