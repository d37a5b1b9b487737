//! Whole messages (`sip_codes_runtime::message`): parsing any bytes never panics, as a datagram or from a
//! stream; what the framer says agrees with what the parsers do; everything a parsed message hands out
//! points into the input and keeps its promises (names are tokens, values trimmed and free of control
//! characters but folds, lookups find the first field of a name, values split inside the field); the rule
//! check of a received response (`rules::check_message`) never panics and places every violation inside
//! the message.
#![no_main]

use libfuzzer_sys::fuzz_target;
use sip_codes_runtime::message::{BodyLength, Frame, Message, ParseErrorKind, frame};

fn lws(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\r' | '\n')
}

fn check(data: &[u8], m: &Message<'_>) {
    assert_eq!(m.fields().count(), m.field_count());
    for f in m.fields() {
        assert!(!f.name().is_empty());
        assert!(data[f.offset()..].starts_with(f.name().as_bytes()));
        let v = f.value();
        assert!(data[v.offset()..].starts_with(v.raw().as_bytes()));
        assert!(!v.raw().starts_with(lws) && !v.raw().ends_with(lws));
        assert_eq!(v.is_folded(), v.raw().contains('\n'));
        let unfolded = v.unfolded();
        // ASCII controls only: C1 controls (U+0080..U+009F) are UTF8-NONASCII, which RFC 3261 §25.1
        // allows in TEXT-UTF8char.
        assert!(!unfolded.chars().any(|c| c.is_ascii_control() && c != '\t'));
        assert_eq!(v, *unfolded);
        assert_eq!(v.pieces().collect::<Vec<_>>().join(" "), unfolded);
        let first = m.field(f.name()).expect("a field is found by its own name");
        assert!(first.offset() <= f.offset() && first.is(f.name()));
        for part in f.values() {
            assert!(!part.is_empty() && !part.raw().starts_with(lws) && !part.raw().ends_with(lws));
            assert!(data[part.offset()..].starts_with(part.raw().as_bytes()));
            assert!(
                part.offset() >= v.offset()
                    && part.offset() + part.raw().len() <= v.offset() + v.raw().len()
            );
        }
    }
    let _ = m.values("Via").count();
    if let Some(cl) = m.content_length() {
        assert_eq!(m.field("l").map(|f| f.offset()), Some(cl.offset()));
    }
    assert!(m.declared_body().len() <= m.body().len());
    match sip_codes::rules::check_message::<sip_codes::StatusCode>(m) {
        Ok(found) => {
            for violation in found {
                assert!(violation.offset().is_some_and(|at| at <= data.len()));
                assert!(!violation.to_string().is_empty());
            }
        }
        Err(_) => assert!(m.is_request()),
    }
}

fuzz_target!(|data: &[u8]| {
    let datagram = Message::parse(data);
    if let Ok(m) = &datagram {
        assert_eq!(m.head().len() + m.body().len(), data.len());
        check(data, m);
    }
    let streamed = Message::parse_stream(data);
    match frame(data) {
        Ok(Frame::Complete(len)) => {
            let m = Message::parse(&data[..len]).expect("Complete(len) promises a parse");
            assert_eq!(m.body_length(), BodyLength::Matches(m.body().len()));
            let (s, used) = streamed.expect("Complete(len) promises a stream parse");
            assert_eq!((s.head(), s.body(), used), (m.head(), m.body(), len));
            assert_eq!(datagram.expect("and a datagram parse").head(), m.head());
            assert_eq!(frame(&data[..len - 1]), Ok(Frame::Incomplete));
            check(&data[..len], &m);
        }
        Ok(Frame::Incomplete) => {
            let kind = streamed
                .expect_err("Incomplete is no stream message")
                .kind();
            assert!(
                matches!(
                    kind,
                    ParseErrorKind::NoEmptyLine | ParseErrorKind::Truncated
                ) || (data.is_empty() && kind == ParseErrorKind::Empty),
                "{kind:?}"
            );
        }
        Ok(Frame::KeepAlive(n)) => {
            assert!(n > 0 && data[..n].iter().all(|&b| b == b'\r' || b == b'\n'));
            assert!(streamed.is_err());
        }
        Err(e) => {
            assert_eq!(streamed.unwrap_err(), e);
            if !matches!(
                e.kind(),
                ParseErrorKind::MissingContentLength | ParseErrorKind::BodyTooLarge
            ) {
                assert_eq!(datagram.unwrap_err(), e);
            }
            assert!(e.offset() <= data.len());
            let _ = e.to_string();
        }
    }
});
