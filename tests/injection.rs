//! No public API puts CR, LF or NUL on the wire: header injection and response splitting are rejected
//! where the value is made, and the builders' by-name escape hatch respects MUST NOT rules and the headers
//! the library writes itself.

use sip_codes::header::{
    HeaderName, HeaderValue, MediaType, OptionTag, Reason, Token, Uri, Warning,
};
use sip_codes::response::ReasonPhrase;
use sip_codes::rules::ViolationKind;
use sip_codes::{RequestHeaders, status};

const EVIL: [&str; 6] = [
    "a\rb",
    "a\nb",
    "a\0b",
    "ok\r\nX-Injected: 1",
    "\r\n\r\nSIP/2.0 200 OK",
    "a\x1bb",
];

#[test]
fn reason_phrases() {
    for evil in EVIL {
        assert!(ReasonPhrase::new(evil).is_err(), "{evil:?}");
    }
    assert!(ReasonPhrase::new("Wrong Guess").is_ok());
    assert!(
        ReasonPhrase::new("").is_ok(),
        "the empty phrase is legal (RFC 3261 §25)"
    );
}

#[test]
fn header_values_and_names() {
    for evil in EVIL {
        assert!(HeaderValue::new(evil).is_err(), "value {evil:?}");
        assert!(HeaderName::new(evil).is_err(), "name {evil:?}");
        assert!(Token::new(evil).is_err(), "token {evil:?}");
        assert!(OptionTag::new(evil).is_err(), "option tag {evil:?}");
        assert!(
            Uri::new(&format!("sip:{evil}@example.com")).is_err(),
            "uri {evil:?}"
        );
        assert!(
            Warning::new(399, "example.com", evil).is_err(),
            "warning text {evil:?}"
        );
        assert!(
            Reason::q850(17).unwrap().with_text(evil).is_err(),
            "reason text {evil:?}"
        );
    }
    for bad_name in ["X Header", "X:Header", "", "Bad\tName", "Ünicode"] {
        assert!(HeaderName::new(bad_name).is_err(), "{bad_name:?}");
    }
}

#[test]
fn body_types() {
    for evil in EVIL {
        assert!(MediaType::new("application", evil).is_err(), "{evil:?}");
        assert!(
            format!("application/sdp;p={evil}")
                .parse::<MediaType>()
                .is_err(),
            "{evil:?}"
        );
        assert!(
            MediaType::APPLICATION_SDP.param("charset", evil).is_err(),
            "{evil:?}"
        );
    }
}

#[test]
fn request_headers_copied_into_a_response() {
    assert!(
        RequestHeaders::new(
            "<sip:a@b>;tag=1",
            "<sip:c@d>\r\nX-Evil: 1",
            "id",
            "1 INVITE"
        )
        .is_err()
    );
    assert!(RequestHeaders::new("<sip:a@b>;tag=1", "<sip:c@d>", "id\0", "1 INVITE").is_err());
}

/// A BYE inside a dialog, the request the responses below answer.
fn bye() -> RequestHeaders {
    RequestHeaders::new(
        "<sip:alice@example.com>;tag=1928301774",
        "<sip:bob@example.com>;tag=a6c85cf",
        "a84b4c76e66710",
        "231 BYE",
    )
    .unwrap()
    .via("SIP/2.0/UDP pc33.example.com;branch=z9hG4bK776asdhds")
    .unwrap()
}

#[test]
fn extra_headers_by_name() {
    let request = bye();
    let name = |n: &str| HeaderName::new(n).unwrap();
    let value = |v: &str| HeaderValue::new(v).unwrap();
    // An ordinary extension header is fine.
    let response = status::BusyHere::reply_to(&request)
        .header(name("X-Queue-Position"), value("3"))
        .unwrap()
        .build()
        .expect("not an ACK");
    assert_eq!(response.header("x-queue-position").unwrap().as_str(), "3");
    // The headers the library computes or copies cannot be set by hand, in any case or compact form.
    for taken in [
        "Content-Length",
        "content-length",
        "l",
        "Content-Type",
        "c",
        "Via",
        "v",
        "From",
        "f",
        "To",
        "t",
        "Call-ID",
        "i",
        "CSeq",
        "Record-Route",
        "record-route",
        "Timestamp",
    ] {
        let refused = status::BusyHere::reply_to(&request)
            .header(name(taken), value("1"))
            .unwrap_err();
        assert_eq!(refused.code(), 486, "{taken}");
        assert!(
            matches!(refused.kind(), ViolationKind::Managed { .. }),
            "{taken}: {refused}"
        );
    }
    // A MUST NOT header cannot sneak in by name: Min-SE outside 422 (RFC 4028 §5), Event in a response
    // (RFC 6665 §8.2.1); the refusal names the rule.
    for (header, citation) in [
        ("Min-SE", "RFC 4028 §5"),
        ("min-se", "RFC 4028 §5"),
        ("Event", "RFC 6665 §8.2.1"),
        ("o", "RFC 6665 §8.2.1"),
        ("Subscription-State", "RFC 6665 §8.2.3"),
    ] {
        let refused = status::Ok::reply_to(&request)
            .header(name(header), value("90"))
            .unwrap_err();
        assert!(
            matches!(refused.kind(), ViolationKind::Forbidden { .. }),
            "{header}: {refused}"
        );
        assert_eq!(refused.citation().to_string(), citation, "{header}");
        assert!(
            refused.to_string().starts_with("`200 OK` must not carry"),
            "{refused}"
        );
    }
    assert!(
        status::SessionIntervalTooSmall::reply_to(&request)
            .header(name("X-Ok"), value("1"))
            .is_ok()
    );
}
