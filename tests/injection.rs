//! No public API puts CR, LF or NUL on the wire: header injection and response splitting are rejected
//! where the value is made, and the builders' by-name escape hatch respects MUST NOT rules and the headers
//! the library writes itself.

use sip_codes::header::{
    HeaderName, HeaderValue, MediaType, OptionTag, Reason, Token, Uri, Warning,
};
use sip_codes::response::ReasonPhrase;
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

#[test]
fn extra_headers_by_name() {
    let name = |n: &str| HeaderName::new(n).unwrap();
    let value = |v: &str| HeaderValue::new(v).unwrap();
    // An ordinary extension header is fine.
    let response = status::BusyHere::builder()
        .header(name("X-Queue-Position"), value("3"))
        .unwrap()
        .build();
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
        "To",
        "Call-ID",
        "i",
        "CSeq",
    ] {
        assert!(
            status::BusyHere::builder()
                .header(name(taken), value("1"))
                .is_err(),
            "{taken}"
        );
    }
    // A MUST NOT header cannot sneak in by name: Min-SE outside 422 (RFC 4028 §5), Event in a response.
    assert!(
        status::Ok::builder()
            .header(name("Min-SE"), value("90"))
            .is_err()
    );
    assert!(
        status::Ok::builder()
            .header(name("min-se"), value("90"))
            .is_err()
    );
    assert!(
        status::Ok::builder()
            .header(name("Event"), value("presence"))
            .is_err()
    );
    assert!(
        status::Ok::builder()
            .header(name("o"), value("presence"))
            .is_err(),
        "compact form of Event"
    );
    assert!(
        status::SessionIntervalTooSmall::builder()
            .header(name("X-Ok"), value("1"))
            .is_ok()
    );
}
