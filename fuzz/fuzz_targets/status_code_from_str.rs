//! `StatusCode` FromStr (and `parse_code`, `TryFrom<u16>`): never panics; what parses is three digits in
//! 100–699 followed by nothing or a space and a phrase without control characters; Display of a parsed code
//! parses back to the same code.
#![no_main]

use libfuzzer_sys::fuzz_target;
use sip_codes::StatusCode;
use sip_codes::code::{ParseCodeErrorKind, parse_code};

fuzz_target!(|data: &[u8]| {
    let Ok(s) = std::str::from_utf8(data) else {
        return;
    };
    let parsed = s.parse::<StatusCode>();
    match parse_code(s) {
        Ok(code) => {
            assert!((100..=699).contains(&code));
            let b = s.as_bytes();
            assert!(b[..3].iter().all(u8::is_ascii_digit));
            assert!(b.len() == 3 || b[3] == b' ');
            match parsed {
                Ok(status) => {
                    assert_eq!(status.code(), code);
                    assert_eq!(status.as_str(), &s[..3]);
                    assert_eq!(status.to_string().parse::<StatusCode>(), Ok(status));
                    assert_eq!(StatusCode::try_from(code), Ok(status));
                }
                Err(e) => {
                    assert_eq!(e.kind(), ParseCodeErrorKind::Unknown { code });
                    assert!(StatusCode::from_u16(code).is_none());
                }
            }
        }
        Err(e) => {
            assert_eq!(parsed.unwrap_err(), e);
            let _ = e.to_string();
        }
    }
    if data.len() >= 2 {
        let n = u16::from_le_bytes([data[0], data[1]]);
        if let Some(code) = StatusCode::from_u16(n) {
            assert_eq!(code.code(), n);
            assert_eq!(code.as_status_text(), code.to_string());
        }
        let _ = StatusCode::interpret(n);
    }
});
