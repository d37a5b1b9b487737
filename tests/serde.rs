//! `StatusCode` as its number and `StatusLine` as its text, through JSON and YAML.
#![cfg(feature = "serde")]

use serde::{Deserialize, Serialize};
use sip_codes::{StatusCode, StatusLine};

#[derive(Serialize, Deserialize, Debug, PartialEq)]
struct Policy {
    reject_with: StatusCode,
    line: StatusLine,
    fallback: Option<StatusCode>,
    lines: Vec<StatusLine>,
}

#[test]
fn status_code_is_its_number() {
    assert_eq!(
        serde_json::to_string(&StatusCode::MethodNotAllowed).unwrap(),
        "405"
    );
    assert_eq!(
        serde_json::from_str::<StatusCode>("405").unwrap(),
        StatusCode::MethodNotAllowed
    );
    for code in StatusCode::ALL {
        let json = serde_json::to_string(&code).unwrap();
        assert_eq!(json, code.code().to_string());
        assert_eq!(serde_json::from_str::<StatusCode>(&json).unwrap(), code);
        let yaml = serde_yaml::to_string(&code).unwrap();
        assert_eq!(serde_yaml::from_str::<StatusCode>(&yaml).unwrap(), code);
    }
}

#[test]
fn status_code_from_text() {
    assert_eq!(
        serde_json::from_str::<StatusCode>(r#""405""#).unwrap(),
        StatusCode::MethodNotAllowed
    );
    assert_eq!(
        serde_json::from_str::<StatusCode>(r#""403 Wrong Guess""#).unwrap(),
        StatusCode::Forbidden
    );
    assert_eq!(
        serde_yaml::from_str::<StatusCode>("486 Busy Here").unwrap(),
        StatusCode::BusyHere
    );
}

#[test]
fn status_code_rejects_with_a_useful_error() {
    for (input, message) in [
        ("999", "999 is not a SIP status code known to this crate"),
        ("499", "499 is not a SIP status code known to this crate"),
        (
            "70000",
            "70000 is not a SIP status code known to this crate",
        ),
        (
            "-405",
            "invalid value: integer `-405`, expected a SIP status code",
        ),
        (
            "405.0",
            "invalid type: floating point `405.0`, expected a SIP status code",
        ),
        (
            "true",
            "invalid type: boolean `true`, expected a SIP status code",
        ),
        (r#""4O5""#, "is not an ASCII digit"),
        (r#""099 Too Low""#, "099 is outside 100-699"),
        (r#""""#, "invalid SIP status code"),
    ] {
        let err = serde_json::from_str::<StatusCode>(input)
            .unwrap_err()
            .to_string();
        assert!(err.contains(message), "{input}: {err}");
    }
}

#[test]
fn status_line_is_its_text() {
    let line: StatusLine = "SIP/2.0 403 Wrong Guess".parse().unwrap();
    let json = serde_json::to_string(&line).unwrap();
    assert_eq!(json, r#""SIP/2.0 403 Wrong Guess""#);
    let back: StatusLine = serde_json::from_str(&json).unwrap();
    assert_eq!(back, line);
    assert_eq!(back.status(), Some(StatusCode::Forbidden));
    assert_eq!(back.reason(), "Wrong Guess");
    // Kept byte for byte: an empty phrase, a tab, a lower-case version, an unknown code.
    for text in [
        "SIP/2.0 480 ",
        "SIP/2.0 486 Busy\tHere",
        "sip/2.0 200 OK",
        "SIP/2.0 499 Codec Mismatch",
    ] {
        let line: StatusLine = text.parse().unwrap();
        let json = serde_json::to_string(&line).unwrap();
        assert_eq!(
            serde_json::from_str::<StatusLine>(&json).unwrap().as_str(),
            text
        );
    }
}

#[test]
fn status_line_rejects_with_a_useful_error() {
    for (input, message) in [
        (r#""SIP/3.0 200 OK""#, "unsupported SIP version"),
        (r#""SIP/2.0 200""#, "no space after the status code"),
        (
            r#""SIP/2.0 200 OK\r\nVia: x""#,
            "byte 0x0d (CR) at offset 14",
        ),
        (r#""HTTP/1.1 200 OK""#, "does not start with `SIP/`"),
        (r#""SIP/2.0 099 Low""#, "invalid status code: out of range"),
        (r#""""#, "invalid status line: empty"),
        (
            "200",
            "invalid type: integer `200`, expected a SIP status line",
        ),
    ] {
        let err = serde_json::from_str::<StatusLine>(input)
            .unwrap_err()
            .to_string();
        assert!(err.contains(message), "{input}: {err}");
    }
    let err = serde_json::from_str::<StatusLine>(r#""SIP/3.0 200 OK""#).unwrap_err();
    assert!(err.to_string().contains(r#"in "SIP/3.0 200 OK""#), "{err}");
}

#[test]
fn round_trip_in_a_struct() {
    let policy = Policy {
        reject_with: StatusCode::MethodNotAllowed,
        line: "SIP/2.0 403 Wrong Guess".parse().unwrap(),
        fallback: None,
        lines: vec![
            StatusLine::new(StatusCode::BusyHere),
            "SIP/2.0 603 Decline".parse().unwrap(),
        ],
    };
    let json = serde_json::to_string(&policy).unwrap();
    assert_eq!(
        json,
        r#"{"reject_with":405,"line":"SIP/2.0 403 Wrong Guess","fallback":null,"lines":["SIP/2.0 486 Busy Here","SIP/2.0 603 Decline"]}"#
    );
    assert_eq!(serde_json::from_str::<Policy>(&json).unwrap(), policy);
    let yaml = serde_yaml::to_string(&policy).unwrap();
    assert!(yaml.contains("reject_with: 405\n"), "{yaml}");
    assert_eq!(serde_yaml::from_str::<Policy>(&yaml).unwrap(), policy);
}

#[test]
fn the_code_module_serves_any_code_set() {
    #[derive(Serialize, Deserialize)]
    struct Rule {
        #[serde(with = "sip_codes::integrations::serde::code")]
        answer: StatusCode,
    }
    let rule: Rule = serde_json::from_str(r#"{"answer":"480 Temporarily Unavailable"}"#).unwrap();
    assert_eq!(rule.answer, StatusCode::TemporarilyUnavailable);
    assert_eq!(serde_json::to_string(&rule).unwrap(), r#"{"answer":480}"#);
}
