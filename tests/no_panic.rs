//! Property tests: no input makes a parser panic, and what parses prints back as it came.

use proptest::prelude::*;
use sip_codes::header::{HeaderName, HeaderValue, MediaType, Token};
use sip_codes::response::ReasonPhrase;
use sip_codes::{RequestHeaders, StatusCode, StatusLine};

/// Strings near the grammar: digits, spaces, SIP versions, controls, and arbitrary text.
fn near_status() -> impl Strategy<Value = String> {
    prop_oneof![
        any::<String>(),
        "[0-9+ -]{0,6}( [ -~\t\r\n\0]{0,12})?",
        "(SIP|sip|HTTP)/[0-9.]{0,4} [0-9O]{0,4} [ -~\t\r\n\0é]{0,16}",
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(4000))]

    #[test]
    fn status_code_from_str_never_panics(s in near_status()) {
        if let Ok(code) = s.parse::<StatusCode>() {
            prop_assert_eq!(code.as_str(), &s[..3]);
        }
    }

    #[test]
    fn status_line_never_panics_and_round_trips(s in near_status()) {
        if let Ok(line) = s.parse::<StatusLine>() {
            prop_assert_eq!(line.to_string(), s.clone());
            prop_assert!(!s.contains(['\r', '\n', '\0']));
        }
        let _ = StatusLine::parse_message_start(s.as_bytes());
    }

    #[test]
    fn message_parsers_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..256)) {
        let _ = StatusLine::parse_message_start(&bytes);
        if let Ok(text) = std::str::from_utf8(&bytes) {
            let _ = RequestHeaders::from_message(text);
        }
    }

    #[test]
    fn validated_strings_never_carry_cr_lf_nul(s in any::<String>()) {
        let forbidden = |v: &str| v.contains(['\r', '\n', '\0']);
        if let Ok(v) = HeaderValue::new(s.clone()) { prop_assert!(!forbidden(v.as_str())); }
        if let Ok(v) = HeaderName::new(s.clone()) { prop_assert!(!forbidden(v.as_str())); }
        if let Ok(v) = ReasonPhrase::new(s.clone()) { prop_assert!(!forbidden(v.as_str())); }
        if let Ok(v) = Token::new(s.clone()) { prop_assert!(!forbidden(v.as_str())); }
        if let Ok(v) = s.parse::<MediaType>() { prop_assert!(!forbidden(v.as_ref())); }
    }

    #[test]
    fn interpret_is_total(n in any::<u16>()) {
        let result = StatusCode::interpret(n);
        prop_assert_eq!(result.is_ok(), (100..=699).contains(&n));
    }
}
