//! End to end through ezk's message types: ezk's parser reads a real INVITE (as `ezk-sip-core` reads what
//! its transports receive), the adapter reads what a response copies from it (Record-Route included),
//! this crate's builders answer it, the adapter converts the response, ezk prints it, and both ezk's
//! parser and this crate's `StatusLine` read the bytes back.
#![cfg(feature = "ezk-sip-types")]

#[path = "common/typical.rs"]
mod typical;
use bytes::Bytes;
use ezk_sip_types::header::typed::{CSeq, CallID, ContentLength, FromTo, Via};
use ezk_sip_types::msg::{Line, MessageLine, PullParser};
use ezk_sip_types::parse::Parse;
use ezk_sip_types::{Headers, Method as EzkMethod, Name, StatusCode as EzkCode};
use sip_codes::header::{MediaType, Method, Token, Uri};
use sip_codes::integrations::ezk::{IntoEzk, ToRequestHeaders, request_headers};
use sip_codes::{RequestHeaders, StatusCode, StatusLine, method, response::ReasonPhrase, status};

/// An INVITE through two proxies: three Vias on two lines, one of them compact and folded, compact
/// From/To/Call-ID, three Record-Routes on two lines (one folded), a To without tag, a Timestamp, and an
/// SDP body.
const INVITE: &str = include_str!("data/invite_via_two_proxies.sip");

const BRANCHES: [&str; 3] = [
    "z9hG4bK4b43c2ff8.1",
    "z9hG4bK77ef4c2312983.1",
    "z9hG4bKnashds8",
];

const ROUTES: [&str; 3] = [
    "<sip:server10.biloxi.example.com;lr>",
    "<sip:bigbox3.site3.atlanta.example.com;lr>",
    "<sip:edge.atlanta.example.com;lr>",
];

/// A message as ezk-sip-core's transports parse it: start line, headers, body (by Content-Length).
struct Parsed {
    line: MessageLine,
    headers: Headers,
    body: Bytes,
}

fn parse(bytes: &[u8]) -> Parsed {
    let buffer = Bytes::copy_from_slice(bytes);
    let mut parser = PullParser::new(&buffer, 0);
    let mut line = None;
    let mut headers = Headers::new();
    for item in &mut parser {
        let text = std::str::from_utf8(item.expect("a complete message")).unwrap();
        if line.is_none() {
            line = Some(MessageLine::parse(&buffer)(text).expect("a start line").1);
        } else {
            let Line { name, value } = Line::parse(&buffer, text).expect("a header line").1;
            headers.insert(name, value);
        }
    }
    let head_end = parser.head_end();
    let length = headers
        .get_named::<ContentLength>()
        .expect("Content-Length")
        .0;
    Parsed {
        line: line.unwrap(),
        headers,
        body: buffer.slice(head_end..head_end + length),
    }
}

fn invite() -> Parsed {
    let request = parse(INVITE.as_bytes());
    assert_eq!(request.line.request_method(), Some(&EzkMethod::INVITE));
    assert_eq!(request.body.len(), 147);
    request
}

/// What a response copies from the INVITE, read by the adapter.
fn headers() -> RequestHeaders {
    invite()
        .headers
        .to_request_headers()
        .expect("the adapter reads the INVITE")
}

/// Every Record-Route value ezk's parser stored, in order (lines split at commas).
fn record_routes(headers: &Headers) -> Vec<String> {
    headers
        .get_raw(&Name::RECORD_ROUTE)
        .flat_map(|line| {
            line.split(',')
                .map(|v| v.trim().to_owned())
                .collect::<Vec<_>>()
        })
        .collect()
}

/// Prints with ezk (as ezk-sip-core's endpoint does), parses the bytes back with ezk and with this crate's
/// `StatusLine`.
fn round_trip(
    response: &sip_codes::integrations::ezk::EzkResponse,
) -> (Vec<u8>, Parsed, StatusLine) {
    let wire = response.to_bytes();
    let parsed = parse(&wire);
    let (line, _) = StatusLine::parse_message_start(&wire).expect("a valid status line");
    (wire, parsed, line)
}

fn status_line(parsed: &Parsed) -> (u16, Option<&str>) {
    match &parsed.line {
        MessageLine::Response(line) => (line.code.into_u16(), line.reason.as_deref()),
        MessageLine::Request(_) => panic!("a request"),
    }
}

fn branches(headers: &Headers) -> Vec<String> {
    let vias: Vec<Via> = headers.get_named().expect("typed Vias");
    vias.iter()
        .map(|via| via.params.get_val("branch").unwrap().to_string())
        .collect()
}

#[test]
fn request_headers_from_ezk() {
    let request = invite();
    let headers = request_headers(&request.headers).unwrap();
    let vias: Vec<_> = headers.vias().iter().map(|v| v.as_str()).collect();
    assert_eq!(vias.len(), 3);
    for (via, branch) in vias.iter().zip(BRANCHES) {
        assert!(via.contains(&format!(";branch={branch};")), "{via}");
    }
    let routes: Vec<_> = headers.record_routes().iter().map(|v| v.as_str()).collect();
    assert_eq!(routes, ROUTES);
    assert_eq!(headers.method(), &Method::Invite);
    assert_eq!(headers.call_id(), "a84b4c76e66710@pc33.atlanta.example.com");
    assert_eq!(headers.timestamp_value().unwrap(), "54.5");
    // The same as this crate's own reader of the raw message, and as the extension method.
    assert_eq!(headers, RequestHeaders::from_message(INVITE).unwrap());
    assert_eq!(headers, request.headers.to_request_headers().unwrap());
}

#[test]
fn ok_with_sdp_end_to_end() {
    let request = headers();
    let invite = request.typed::<method::Invite>().expect("an INVITE");
    let answer = "v=0\r\no=bob 2890844527 2890844527 IN IP4 192.0.2.4\r\ns=-\r\nc=IN IP4 192.0.2.4\r\nt=0 0\r\nm=audio 3456 RTP/AVP 0\r\n";
    let ours = status::Ok::reply_to(&invite)
        .to_tag(Token::new("a6c85cf").unwrap())
        .contact(Uri::new("sip:bob@192.0.2.4").unwrap())
        .body(MediaType::APPLICATION_SDP, answer)
        .build();
    let theirs = ours.to_ezk();
    assert_eq!(theirs.line.code, EzkCode::OK);
    assert!(!theirs.headers.contains(&Name::CONTENT_LENGTH));

    let (wire, parsed, line) = round_trip(&theirs);
    // ezk prints exactly the bytes this crate writes.
    assert_eq!(wire, ours.to_bytes());

    assert_eq!(line.status(), Some(StatusCode::Ok));
    assert_eq!(status_line(&parsed), (200, Some("OK")));
    assert_eq!(branches(&parsed.headers), BRANCHES);
    // A 2xx to an INVITE establishes the dialog: every Record-Route, in order (RFC 3261 §12.1.1).
    assert_eq!(record_routes(&parsed.headers), ROUTES);
    let from: FromTo = parsed.headers.get(Name::FROM).unwrap();
    let to: FromTo = parsed.headers.get(Name::TO).unwrap();
    assert_eq!(from.tag.as_deref(), Some("1928301774"));
    assert_eq!(to.tag.as_deref(), Some("a6c85cf"));
    let call_id: CallID = parsed.headers.get_named().unwrap();
    assert_eq!(call_id.0, "a84b4c76e66710@pc33.atlanta.example.com");
    let cseq: CSeq = parsed.headers.get_named().unwrap();
    assert_eq!((cseq.cseq, cseq.method), (314159, EzkMethod::INVITE));
    assert_eq!(
        parsed.headers.get_raw(&Name::CONTENT_TYPE).next().unwrap(),
        "application/sdp"
    );
    let length: ContentLength = parsed.headers.get_named().unwrap();
    assert_eq!(length.0, answer.len());
    assert_eq!(parsed.body, answer.as_bytes());
    assert!(!parsed.headers.contains(&Name::TIMESTAMP));
}

#[test]
fn vendor_phrase_is_kept_on_the_wire() {
    let ours = status::Forbidden::reply_to(&headers())
        .reason_phrase(ReasonPhrase::new("Wrong Guess").unwrap())
        .build()
        .expect("not an ACK");
    let (wire, parsed, line) = round_trip(&ours.to_ezk());
    assert_eq!(wire, ours.to_bytes());
    assert_eq!(line.as_str(), "SIP/2.0 403 Wrong Guess");
    assert_eq!(line.status(), Some(StatusCode::Forbidden));
    assert_eq!(status_line(&parsed), (403, Some("Wrong Guess")));
    assert_eq!(branches(&parsed.headers), BRANCHES);
    // A failure establishes no dialog: no Record-Route.
    assert!(record_routes(&parsed.headers).is_empty());
    let to: FromTo = parsed.headers.get(Name::TO).unwrap();
    let tag = to.tag.expect("a To tag was added");
    assert!(
        ours.header("To")
            .unwrap()
            .as_str()
            .ends_with(&format!(";tag={tag}"))
    );
    assert_eq!(parsed.body, Bytes::new());
}

#[test]
fn trying_carries_the_timestamp_and_keeps_the_to() {
    let theirs = status::Trying::reply_to(&headers())
        .build()
        .expect("not an ACK")
        .into_ezk();
    let (_, parsed, line) = round_trip(&theirs);
    assert_eq!(line.code(), 100);
    assert_eq!(status_line(&parsed), (100, Some("Trying")));
    let to: FromTo = parsed.headers.get(Name::TO).unwrap();
    assert_eq!(to.tag, None);
    assert_eq!(
        parsed.headers.get_raw(&Name::TIMESTAMP).next().unwrap(),
        "54.5"
    );
    assert!(
        record_routes(&parsed.headers).is_empty(),
        "a 100 has no Record-Route"
    );
}

#[test]
fn ringing_with_a_to_tag_carries_the_record_route() {
    let ours = status::Ringing::reply_to(&headers())
        .to_tag(Token::new("a6c85cf").unwrap())
        .build()
        .expect("a 180 to an INVITE");
    let (wire, parsed, line) = round_trip(&ours.to_ezk());
    assert_eq!(wire, ours.to_bytes());
    assert_eq!(line.status(), Some(StatusCode::Ringing));
    assert_eq!(record_routes(&parsed.headers), ROUTES);
    assert_eq!(branches(&parsed.headers), BRANCHES);
}

#[test]
fn method_not_allowed_headers_in_order() {
    let ours = status::MethodNotAllowed::reply_to(&headers())
        .to_tag(Token::new("x1").unwrap())
        .allow([Method::Invite, Method::Ack, Method::Bye])
        .build()
        .expect("not an ACK");
    let theirs = ours.to_ezk();
    let names: Vec<_> = theirs
        .headers
        .iter()
        .map(|(n, _)| n.as_print_str().to_owned())
        .collect();
    assert_eq!(
        names,
        [
            "Via", "Via", "Via", "From", "To", "Call-ID", "CSeq", "Allow"
        ]
    );
    let (wire, parsed, _) = round_trip(&theirs);
    assert_eq!(wire, ours.to_bytes());
    assert_eq!(
        parsed.headers.get_raw(&Name::ALLOW).next().unwrap(),
        "INVITE, ACK, BYE"
    );
}

#[test]
fn malformed_requests_are_rejected() {
    for (drop, reason) in [
        (
            "i: a84b4c76e66710@pc33.atlanta.example.com\r\n",
            "no Call-ID header",
        ),
        ("CSeq: 314159 INVITE\r\n", "no CSeq header"),
        ("t: Bob <sip:bob@biloxi.example.com>\r\n", "no To header"),
    ] {
        let text = INVITE.replace(drop, "");
        let request = parse(text.as_bytes());
        let err = request.headers.to_request_headers().unwrap_err();
        assert_eq!(err.to_string(), format!("invalid SIP request: {reason}"));
    }
    let twice = INVITE.replace("i: a84b", "Call-ID: other\r\ni: a84b");
    let err = request_headers(&parse(twice.as_bytes()).headers).unwrap_err();
    assert_eq!(
        err.to_string(),
        "invalid Call-ID header: appears more than once"
    );
    // CSeq must be a sequence number and a method (RFC 3261 §20.16): the method is read from it.
    let no_number = INVITE.replace("CSeq: 314159 INVITE", "CSeq: INVITE");
    let err = request_headers(&parse(no_number.as_bytes()).headers).unwrap_err();
    assert_eq!(
        err.to_string(),
        "invalid CSeq header: it does not start with a sequence number"
    );
}

#[test]
fn responses_made_with_ezk_are_checked_by_the_same_rules() {
    let request = headers();
    // What this crate's builders make checks clean after the conversion.
    for ours in typical::responses(&request) {
        let found = ours
            .to_ezk()
            .check::<StatusCode>()
            .expect("ezk's bytes parse");
        assert!(found.is_empty(), "{}: {found:?}", ours.code());
    }
    // A 405 whose Allow was lost on the way (a B2BUA relaying it with ezk's types).
    let mut relayed = status::MethodNotAllowed::reply_to(&request)
        .allow([Method::Invite])
        .build()
        .expect("not an ACK")
        .to_ezk();
    relayed.headers.remove(&Name::ALLOW);
    let found = relayed.check::<StatusCode>().unwrap();
    assert_eq!(
        found.iter().map(ToString::to_string).collect::<Vec<_>>(),
        ["`405 Method Not Allowed` requires the `Allow` header (RFC 3261 §21.4.6)"]
    );
}

#[test]
fn an_empty_reason_phrase_keeps_its_space() {
    // RFC 3261 §25.1: `Status-Line = SIP-Version SP Status-Code SP Reason-Phrase CRLF`, the second SP
    // even when the phrase is empty. ezk-sip-types 0.6 prints a line with `reason: None` (what its parser
    // makes of `SIP/2.0 480 `) without it, which the checker finds malformed; the conversion gives
    // `Some("")`, which ezk prints with the space.
    let ours = status::TemporarilyUnavailable::reply_to(&headers())
        .reason_phrase(ReasonPhrase::new("").unwrap())
        .build()
        .expect("not an ACK");
    assert!(ours.to_bytes().starts_with(b"SIP/2.0 480 \r\n"));
    let mut theirs = ours.to_ezk();
    assert_eq!(theirs.line.reason.as_deref(), Some(""));
    assert_eq!(theirs.to_bytes(), ours.to_bytes());
    assert_eq!(theirs.check::<StatusCode>().unwrap(), []);
    theirs.line.reason = None;
    assert!(theirs.to_bytes().starts_with(b"SIP/2.0 480\r\n"));
    assert!(theirs.check::<StatusCode>().is_err());
}
