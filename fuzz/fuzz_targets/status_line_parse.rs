//! `StatusLine` parsing, as a line and as the start of a message: never panics, keeps the line byte for
//! byte, and agrees with `parse_code` on the code and phrase.
#![no_main]

use libfuzzer_sys::fuzz_target;
use sip_codes::StatusCode;
use sip_codes::StatusLine;
use sip_codes::StatusLineRef;

fuzz_target!(|data: &[u8]| {
    if let Ok((line, used)) = StatusLine::parse_message_start(data) {
        assert!(used >= 2 && &data[used - 2..used] == b"\r\n");
        assert_eq!(line.as_str().as_bytes(), &data[..used - 2]);
    }
    let Ok(s) = std::str::from_utf8(data) else {
        return;
    };
    match s.parse::<StatusLine>() {
        Ok(line) => {
            assert_eq!(line.to_string(), s);
            assert!((100..=699).contains(&line.code()));
            assert!(line.version().eq_ignore_ascii_case("SIP/2.0"));
            assert_eq!(
                sip_codes::code::parse_code(&s[8..]),
                Ok(line.code()),
                "{s:?}"
            );
            assert_eq!(line.reason(), &s[12..]);
            assert_eq!(line.status(), StatusCode::from_u16(line.code()));
            let _ = line.interpret();
            let borrowed = StatusLineRef::parse(s).expect("the owned parse succeeded");
            assert_eq!(borrowed.code(), line.code());
            let mut wire = s.as_bytes().to_vec();
            wire.extend_from_slice(b"\r\nVia: x\r\n\r\n");
            let (again, used) = StatusLine::parse_message_start(&wire).expect("same line + CRLF");
            assert_eq!((again, used), (line, s.len() + 2));
        }
        Err(e) => {
            assert!(StatusLineRef::parse(s).is_err());
            let _ = e.to_string();
        }
    }
});
