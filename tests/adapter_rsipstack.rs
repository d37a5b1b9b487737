//! End to end through rsipstack: its parser reads a real INVITE, the adapter reads what a response copies
//! from it (Record-Route included), this crate's builders answer it, the adapter converts the response,
//! rsipstack serializes it, and both rsipstack's parser and this crate's `StatusLine` read the bytes back.
#![cfg(feature = "rsipstack")]

#[path = "common/typical.rs"]
mod typical;
use rsipstack::sip::{self, HeadersExt, ToTypedHeader};
use sip_codes::header::{Method, Token, Uri};
use sip_codes::integrations::rsipstack::{IntoRsipstack, ToRequestHeaders, check, request_headers};
use sip_codes::{
    ByMethod, RequestHeaders, StatusCode, StatusLine, method, response::ReasonPhrase, status,
};

/// An INVITE through two proxies (RFC 3261 §24.2 style): three Vias on two lines, one of them compact and
/// folded, three Record-Routes on two lines (one folded), compact From/To/Call-ID, a To without tag, a
/// Timestamp, and an SDP body.
const INVITE: &str = include_str!("data/invite_via_two_proxies.sip");

const VIAS: [&str; 3] = [
    "SIP/2.0/UDP server10.biloxi.example.com;branch=z9hG4bK4b43c2ff8.1;received=192.0.2.3",
    "SIP/2.0/UDP bigbox3.site3.atlanta.example.com;branch=z9hG4bK77ef4c2312983.1;received=192.0.2.2",
    "SIP/2.0/UDP pc33.atlanta.example.com;branch=z9hG4bKnashds8;received=192.0.2.1",
];

const ROUTES: [&str; 3] = [
    "<sip:server10.biloxi.example.com;lr>",
    "<sip:bigbox3.site3.atlanta.example.com;lr>",
    "<sip:edge.atlanta.example.com;lr>",
];

fn invite() -> sip::Request {
    let request = sip::Request::try_from(INVITE).expect("rsipstack parses the INVITE");
    assert_eq!(request.method, sip::Method::Invite);
    request
}

/// Every Via value of a message, topmost first, as rsipstack stores them (lines split at commas).
fn vias(message: &impl HeadersExt) -> Vec<String> {
    message
        .headers()
        .iter()
        .filter_map(|h| match h {
            sip::Header::Via(v) => Some(v.value().to_owned()),
            _ => None,
        })
        .flat_map(|line| {
            line.split(',')
                .map(|v| v.trim().to_owned())
                .collect::<Vec<_>>()
        })
        .collect()
}

/// Every Record-Route value of a message, in order, as rsipstack stores them (lines split at commas).
fn record_routes(message: &impl HeadersExt) -> Vec<String> {
    message
        .headers()
        .iter()
        .filter_map(|h| match h {
            sip::Header::RecordRoute(v) => Some(v.value().to_owned()),
            _ => None,
        })
        .flat_map(|line| {
            line.split(',')
                .map(|v| v.trim().to_owned())
                .collect::<Vec<_>>()
        })
        .collect()
}

/// What a response copies from the INVITE, read by the adapter.
fn headers() -> RequestHeaders {
    invite()
        .to_request_headers()
        .expect("the adapter reads the INVITE")
}

/// Serializes with rsipstack, parses the bytes back with rsipstack and with this crate's `StatusLine`.
fn round_trip(response: &sip::Response) -> (Vec<u8>, sip::Response, StatusLine) {
    let wire = response.to_bytes();
    let parsed = sip::Response::try_from(wire.as_slice()).expect("rsipstack parses the response");
    let (line, _) = StatusLine::parse_message_start(&wire).expect("a valid status line");
    (wire, parsed, line)
}

#[test]
fn request_headers_from_rsipstack() {
    let headers = request_headers(&invite()).unwrap();
    let vias: Vec<_> = headers.vias().iter().map(|v| v.as_str()).collect();
    assert_eq!(vias, VIAS);
    let routes: Vec<_> = headers.record_routes().iter().map(|v| v.as_str()).collect();
    assert_eq!(routes, ROUTES);
    assert_eq!(headers.method(), &Method::Invite);
    assert_eq!(
        headers.from(),
        "Alice <sip:alice@atlanta.example.com>;tag=1928301774"
    );
    assert_eq!(headers.to(), "Bob <sip:bob@biloxi.example.com>");
    assert_eq!(headers.call_id(), "a84b4c76e66710@pc33.atlanta.example.com");
    assert_eq!(headers.cseq(), "314159 INVITE");
    assert_eq!(headers.timestamp_value().unwrap(), "54.5");
    // The same as this crate's own reader of the raw message, and as the extension method.
    assert_eq!(headers, RequestHeaders::from_message(INVITE).unwrap());
    assert_eq!(headers, invite().to_request_headers().unwrap());
}

#[test]
fn ok_with_sdp_end_to_end() {
    let request = headers();
    let invite = request.typed::<method::Invite>().expect("an INVITE");
    let answer = "v=0\r\no=bob 2890844527 2890844527 IN IP4 192.0.2.4\r\ns=-\r\nc=IN IP4 192.0.2.4\r\nt=0 0\r\nm=audio 3456 RTP/AVP 0\r\n";
    let ours = status::Ok::reply_to(&invite)
        .to_tag(Token::new("a6c85cf").unwrap())
        .contact(Uri::new("sip:bob@192.0.2.4").unwrap())
        .body(sip_codes::header::MediaType::APPLICATION_SDP, answer)
        .build();
    let theirs = ours.to_rsipstack();
    assert_eq!(theirs.status_code, sip::StatusCode::OK);

    let (wire, parsed, line) = round_trip(&theirs);
    // rsipstack writes exactly the bytes this crate writes.
    assert_eq!(wire, ours.to_bytes());

    assert_eq!(line.status(), Some(StatusCode::Ok));
    assert_eq!(line.reason(), "OK");
    assert_eq!(parsed.status_code, sip::StatusCode::OK);
    assert_eq!(parsed.wire_reason, None);
    assert_eq!(vias(&parsed), VIAS);
    // A 2xx to an INVITE establishes the dialog: every Record-Route, in order (RFC 3261 §12.1.1).
    assert_eq!(record_routes(&parsed), ROUTES);
    assert_eq!(
        parsed
            .from_header()
            .unwrap()
            .tag()
            .unwrap()
            .unwrap()
            .to_string(),
        "1928301774"
    );
    assert_eq!(
        parsed
            .to_header()
            .unwrap()
            .tag()
            .unwrap()
            .unwrap()
            .to_string(),
        "a6c85cf"
    );
    assert_eq!(
        parsed.call_id_header().unwrap().value(),
        "a84b4c76e66710@pc33.atlanta.example.com"
    );
    let cseq = parsed.cseq_header().unwrap().typed().unwrap();
    assert_eq!((cseq.seq, cseq.method), (314159, sip::Method::Invite));
    assert_eq!(
        parsed.contact_header().unwrap().value(),
        "<sip:bob@192.0.2.4>"
    );
    let content_type = parsed.headers.iter().find_map(|h| match h {
        sip::Header::ContentType(v) => Some(v.value().to_owned()),
        _ => None,
    });
    assert_eq!(content_type.as_deref(), Some("application/sdp"));
    let content_length = parsed.headers.iter().find_map(|h| match h {
        sip::Header::ContentLength(v) => Some(v.value().parse::<usize>().unwrap()),
        _ => None,
    });
    assert_eq!(content_length, Some(answer.len()));
    assert_eq!(parsed.body, answer.as_bytes());
    // No Timestamp outside a 100 (RFC 3261 §8.2.6.1).
    assert!(
        !parsed
            .headers
            .iter()
            .any(|h| matches!(h, sip::Header::Timestamp(_)))
    );
}

#[test]
fn vendor_phrase_is_kept_on_the_wire() {
    let ours = status::Forbidden::reply_to(&headers())
        .reason_phrase(ReasonPhrase::new("Wrong Guess").unwrap())
        .build()
        .expect("not an ACK");
    let theirs = ours.to_rsipstack();
    assert_eq!(theirs.status_code.code(), 403);
    assert_eq!(
        theirs.status_code.kind(),
        sip::StatusCodeKind::RequestFailure
    );

    let (wire, parsed, line) = round_trip(&theirs);
    assert_eq!(wire, ours.to_bytes());
    assert_eq!(line.as_str(), "SIP/2.0 403 Wrong Guess");
    assert_eq!(line.status(), Some(StatusCode::Forbidden));
    assert_eq!(parsed.status_code, sip::StatusCode::Forbidden);
    assert_eq!(parsed.wire_reason.as_deref(), Some("Wrong Guess"));
    assert_eq!(vias(&parsed), VIAS);
    // A failure establishes no dialog: no Record-Route.
    assert!(record_routes(&parsed).is_empty());
    // A random To tag was added, the same in both views.
    let tag = parsed
        .to_header()
        .unwrap()
        .tag()
        .unwrap()
        .unwrap()
        .to_string();
    assert!(!tag.is_empty());
    assert!(
        ours.header("To")
            .unwrap()
            .as_str()
            .ends_with(&format!(";tag={tag}"))
    );
}

#[test]
fn trying_carries_the_timestamp_and_keeps_the_to() {
    let theirs = status::Trying::reply_to(&headers())
        .build()
        .expect("not an ACK")
        .into_rsipstack();
    assert_eq!(theirs.status_code, sip::StatusCode::Trying);
    let (_, parsed, line) = round_trip(&theirs);
    assert_eq!(line.code(), 100);
    assert_eq!(parsed.to_header().unwrap().tag().unwrap(), None);
    let timestamp = parsed.headers.iter().find_map(|h| match h {
        sip::Header::Timestamp(v) => Some(v.value().to_owned()),
        _ => None,
    });
    assert_eq!(timestamp.as_deref(), Some("54.5"));
    assert!(
        record_routes(&parsed).is_empty(),
        "a 100 has no Record-Route"
    );
    assert_eq!(parsed.body, b"");
}

#[test]
fn ringing_with_a_to_tag_carries_the_record_route() {
    let ours = status::Ringing::reply_to(&headers())
        .to_tag(Token::new("a6c85cf").unwrap())
        .build()
        .expect("a 180 to an INVITE");
    let (wire, parsed, line) = round_trip(&ours.to_rsipstack());
    assert_eq!(wire, ours.to_bytes());
    assert_eq!(line.status(), Some(StatusCode::Ringing));
    assert_eq!(record_routes(&parsed), ROUTES);
    assert_eq!(vias(&parsed), VIAS);
}

#[test]
fn method_not_allowed_headers_in_order() {
    let ours = status::MethodNotAllowed::reply_to(&headers())
        .to_tag(Token::new("x1").unwrap())
        .allow([Method::Invite, Method::Ack, Method::Bye])
        .build()
        .expect("not an ACK");
    let theirs = ours.to_rsipstack();
    let names: Vec<_> = theirs.headers.iter().map(|h| h.name().to_owned()).collect();
    assert_eq!(
        names,
        [
            "Via",
            "Via",
            "Via",
            "From",
            "To",
            "Call-ID",
            "CSeq",
            "Allow",
            "Content-Length"
        ]
    );
    let (wire, parsed, _) = round_trip(&theirs);
    assert_eq!(wire, ours.to_bytes());
    let allow = parsed.headers.iter().find_map(|h| match h {
        sip::Header::Allow(v) => Some(v.value().to_owned()),
        _ => None,
    });
    assert_eq!(allow.as_deref(), Some("INVITE, ACK, BYE"));
}

#[test]
fn malformed_requests_are_rejected() {
    for (drop, reason) in [
        (
            "i: a84b4c76e66710@pc33.atlanta.example.com\r\n",
            "no Call-ID header",
        ),
        ("CSeq: 314159 INVITE\r\n", "no CSeq header"),
        (
            "f: Alice <sip:alice@atlanta.example.com>;tag=1928301774\r\n",
            "no From header",
        ),
    ] {
        let text = INVITE.replace(drop, "");
        let request = sip::Request::try_from(text.as_str()).unwrap();
        let err = request.to_request_headers().unwrap_err();
        assert_eq!(err.to_string(), format!("invalid SIP request: {reason}"));
    }
    let twice = INVITE.replace(
        "CSeq: 314159 INVITE\r\n",
        "CSeq: 314159 INVITE\r\nCSeq: 1 INVITE\r\n",
    );
    let request = sip::Request::try_from(twice.as_str()).unwrap();
    let err = request_headers(&request).unwrap_err();
    assert_eq!(
        err.to_string(),
        "invalid CSeq header: appears more than once"
    );
    // CSeq must be a sequence number and a method (RFC 3261 §20.16): the method is read from it.
    let no_number = INVITE.replace("CSeq: 314159 INVITE", "CSeq: INVITE");
    let request = sip::Request::try_from(no_number.as_str()).unwrap();
    let err = request.to_request_headers().unwrap_err();
    assert_eq!(
        err.to_string(),
        "invalid CSeq header: it does not start with a sequence number"
    );
}

#[test]
fn responses_made_with_rsipstack_are_checked_by_the_same_rules() {
    let request = headers();
    let ByMethod::Invite(invite) = request.by_method() else {
        panic!("an INVITE")
    };
    // What this crate's builders make checks clean after the conversion.
    for ours in typical::responses(&request) {
        let found = check::<StatusCode>(&ours.to_rsipstack()).expect("rsipstack's bytes parse");
        assert!(found.is_empty(), "{}: {found:?}", ours.code());
    }
    // A 200 to the INVITE whose Contact was lost on the way (a B2BUA relaying it with rsipstack).
    let mut relayed = status::Ok::reply_to(&invite)
        .contact(Uri::new("sip:bob@192.0.2.4").unwrap())
        .build()
        .to_rsipstack();
    relayed
        .headers
        .retain(|h| !matches!(h, sip::Header::Contact(_)));
    let found = check::<StatusCode>(&relayed).unwrap();
    assert_eq!(
        found.iter().map(ToString::to_string).collect::<Vec<_>>(),
        ["`200 OK` to INVITE requires the `Contact` header (RFC 3261 §12.1.1)"]
    );
}
