//! Parsing of status codes and status lines: every acceptance and rejection the API promises, and
//! RFC 3261 §8.1.3.2 interpretation of unknown codes.

use sip_codes::code::ParseCodeErrorKind;
use sip_codes::{StatusClass, StatusCode, StatusLine};

#[test]
fn from_str_accepts_a_code_with_or_without_any_phrase() {
    for (input, expected) in [
        ("405", StatusCode::MethodNotAllowed),
        ("405 Method Not Allowed", StatusCode::MethodNotAllowed),
        ("405 Go Away", StatusCode::MethodNotAllowed),
        ("405 ", StatusCode::MethodNotAllowed),
        ("403 Wrong Guess", StatusCode::Forbidden),
        ("486 Занято", StatusCode::BusyHere),
        (
            "480 Temporarily\tnot available",
            StatusCode::TemporarilyUnavailable,
        ),
        ("200 OK", StatusCode::Ok),
        (
            "604 Does Not Exist Anywhere",
            StatusCode::DoesNotExistAnywhere,
        ),
    ] {
        assert_eq!(input.parse::<StatusCode>(), Ok(expected), "{input:?}");
    }
}

#[test]
fn from_str_rejects_with_a_reason() {
    let kind = |s: &str| s.parse::<StatusCode>().unwrap_err().kind();
    assert!(matches!(
        kind("4O5"),
        ParseCodeErrorKind::InvalidDigit { byte: b'O', at: 1 }
    ));
    assert!(matches!(
        kind("+405"),
        ParseCodeErrorKind::InvalidDigit { byte: b'+', at: 0 }
    ));
    assert_eq!(kind(" 405"), ParseCodeErrorKind::LeadingWhitespace);
    assert_eq!(kind("0405"), ParseCodeErrorKind::TooManyDigits);
    assert_eq!(kind("4050"), ParseCodeErrorKind::TooManyDigits);
    assert_eq!(kind("40"), ParseCodeErrorKind::TooFewDigits);
    assert_eq!(kind(""), ParseCodeErrorKind::Empty);
    assert_eq!(kind("700"), ParseCodeErrorKind::OutOfRange { code: 700 });
    assert_eq!(kind("099"), ParseCodeErrorKind::OutOfRange { code: 99 });
    assert!(matches!(
        kind("405Method"),
        ParseCodeErrorKind::MissingSpace { byte: b'M' }
    ));
    assert!(matches!(
        kind("405 Bad\r\nX-Evil: 1"),
        ParseCodeErrorKind::InvalidPhraseChar { byte: b'\r', .. }
    ));
    assert!(matches!(
        kind("405 a\0b"),
        ParseCodeErrorKind::InvalidPhraseChar { byte: 0, .. }
    ));
    assert_eq!(kind("431"), ParseCodeErrorKind::Unknown { code: 431 });
    assert_eq!(
        kind("499 Codec Mismatch"),
        ParseCodeErrorKind::Unknown { code: 499 }
    );
    // Every error says why in words.
    for bad in ["4O5", "+405", " 405", "0405", "700", "405Method", "", "431"] {
        let message = bad.parse::<StatusCode>().unwrap_err().to_string();
        assert!(
            message.starts_with("invalid SIP status code: "),
            "{message}"
        );
    }
}

#[test]
fn interpret_follows_rfc3261_8_1_3_2() {
    assert_eq!(StatusCode::interpret(486), Ok(StatusCode::BusyHere));
    assert_eq!(StatusCode::interpret(431), Ok(StatusCode::BadRequest));
    assert_eq!(StatusCode::interpret(499), Ok(StatusCode::BadRequest));
    assert_eq!(StatusCode::interpret(299), Ok(StatusCode::Ok));
    assert_eq!(StatusCode::interpret(399), Ok(StatusCode::MultipleChoices));
    assert_eq!(
        StatusCode::interpret(599),
        Ok(StatusCode::ServerInternalError)
    );
    assert_eq!(StatusCode::interpret(699), Ok(StatusCode::BusyEverywhere));
    assert_eq!(StatusCode::interpret(189), Ok(StatusCode::SessionProgress));
    assert_eq!(StatusCode::interpret(100), Ok(StatusCode::Trying));
    assert!(StatusCode::interpret(99).is_err());
    assert!(StatusCode::interpret(700).is_err());
    assert!(StatusCode::interpret(0).is_err());
    for n in 100..=699 {
        let code = StatusCode::interpret(n).unwrap();
        assert_eq!(code.class(), StatusClass::of(n).unwrap(), "{n}");
    }
}

#[test]
fn status_lines_parse_and_print_back_byte_for_byte() {
    for (text, code, reason) in [
        ("SIP/2.0 403 Wrong Guess", 403, "Wrong Guess"),
        ("SIP/2.0 480 ", 480, ""),
        ("SIP/2.0 499 Codec Mismatch", 499, "Codec Mismatch"),
        ("SIP/2.0 200 OK", 200, "OK"),
        ("sip/2.0 486 Busy Here", 486, "Busy Here"),
        ("SIP/2.0 180 Ringing\t(tab)", 180, "Ringing\t(tab)"),
    ] {
        let line: StatusLine = text.parse().unwrap_or_else(|e| panic!("{text:?}: {e}"));
        assert_eq!(line.code(), code);
        assert_eq!(line.reason(), reason);
        assert_eq!(line.to_string(), text);
        assert_eq!(line.class(), StatusClass::of(code).unwrap());
    }
    let line: StatusLine = "SIP/2.0 403 Wrong Guess".parse().unwrap();
    assert_eq!(line.status(), Some(StatusCode::Forbidden));
    let unknown: StatusLine = "SIP/2.0 499 Codec Mismatch".parse().unwrap();
    assert_eq!(unknown.status(), None);
    assert_eq!(unknown.interpret(), Ok(StatusCode::BadRequest));
}

#[test]
fn bad_status_lines_are_errors() {
    for bad in [
        "SIP/3.0 200 OK",
        "SIP/2.0 200OK",
        "SIP/2.0  200 OK",
        "SIP/2.0 200",
        "SIP/2.0 2OO OK",
        "SIP/2.0 700 Out",
        "SIP/2.0 099 Low",
        "SIP/2.0 200 O\rK",
        "SIP/2.0 200 OK\r\n",
        "SIP/2.0 200 O\nK",
        "SIP/2.0 200 O\0K",
        "HTTP/1.1 200 OK",
        "SIP/2.0",
        "",
        "SIP/2.0 +20 OK",
    ] {
        assert!(bad.parse::<StatusLine>().is_err(), "{bad:?} parsed");
    }
}
