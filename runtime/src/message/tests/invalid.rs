//! One invalid message per error kind, with where the error is; Content-Length that disagrees with a
//! datagram.

use super::{message, parse};
use crate::message::{BodyLength, Limits, Message, ParseErrorKind};

/// The kind and offset of the error of parsing `bytes` as a datagram.
fn error(bytes: &[u8]) -> (ParseErrorKind, usize) {
    let e = Message::parse(bytes).expect_err(&String::from_utf8_lossy(bytes));
    assert!(!e.to_string().is_empty());
    (e.kind(), e.offset())
}

#[test]
fn one_error_of_each_kind() {
    use ParseErrorKind as K;
    const OK: &[u8] = b"SIP/2.0 200 OK\r\n";
    let with = |rest: &[u8]| [OK, rest].concat();
    assert_eq!(error(b""), (K::Empty, 0));
    assert_eq!(error(b"HTTP/1.1 200 OK\r\n\r\n"), (K::BadStartLine, 4));
    assert_eq!(
        error(b"\r\nINVITE sip:a SIP/2.0\r\n\r\n"),
        (K::BadStartLine, 0)
    );
    assert_eq!(error(&with(b"Via SIP/2.0/UDP h\r\n\r\n")), (K::NoColon, 16));
    assert_eq!(error(&with(b"Vi{a: x\r\n\r\n")), (K::InvalidName, 18));
    assert_eq!(error(&with(b": x\r\n\r\n")), (K::InvalidName, 16));
    assert_eq!(
        error(&with(b"To: a\0b\r\n\r\n")),
        (K::ControlChar { byte: 0 }, 21)
    );
    assert_eq!(
        error(&with(b"To: a\rb\r\n\r\n")),
        (K::ControlChar { byte: b'\r' }, 21)
    );
    assert_eq!(
        error(&with(b"To: a\x7f\r\n\r\n")),
        (K::ControlChar { byte: 0x7f }, 21)
    );
    assert_eq!(
        error(b"SIP/2.0 200 OK\x01\r\n\r\n"),
        (K::ControlChar { byte: 1 }, 14)
    );
    assert_eq!(
        error(&with(b" folded\r\nVia: x\r\n\r\n")),
        (K::FoldBeforeHeader, 16)
    );
    assert_eq!(error(&with(b"Via: x\r\n")), (K::NoEmptyLine, 24));
    assert_eq!(error(&with(b"Via: x")), (K::NoEmptyLine, 22));
    assert_eq!(error(b"SIP/2.0 200 OK"), (K::NoEmptyLine, 14));
    assert_eq!(
        error(&with(b"Subject: caf\xe9\r\n\r\n")),
        (K::InvalidUtf8, 28)
    );
    assert_eq!(error(b"SIP/2.0 200 \xff\r\n\r\n"), (K::InvalidUtf8, 12));
    // The start line's problems come first, the fields' after.
    assert_eq!(
        error(b"SIP/3.0 200 OK\r\nX: \xff\r\n\r\n").0,
        K::BadStartLine
    );
    assert_eq!(error(b"SIP/3.0 200 OK\r\nX y\r\n\r\n").0, K::BadStartLine);
    for bad in [
        &b"-1"[..],
        b"abc",
        b"",
        b"1 2",
        b"+5",
        b"99999999999999999999999",
    ] {
        let e = error(&with(&[b"Content-Length: ", bad, b"\r\n\r\n"].concat()));
        assert_eq!(e.0, K::InvalidContentLength, "{bad:?}");
    }
    assert_eq!(
        error(&with(b"l: 0\r\nContent-Length: 0\r\n\r\n")),
        (K::DuplicateContentLength, 22)
    );
    let three = with(b"A: 1\r\nB: 2\r\nC: 3\r\n\r\n");
    let e = Message::parse_with(&three, &Limits::DEFAULT.with_max_headers(2)).unwrap_err();
    assert_eq!((e.kind(), e.offset()), (K::TooManyHeaders, 28));
    let e = Message::parse_with(&three, &Limits::DEFAULT.with_max_head_len(30)).unwrap_err();
    assert_eq!((e.kind(), e.offset()), (K::HeadTooLarge, 30));
    assert!(Message::parse_with(&three, &Limits::DEFAULT.with_max_head_len(three.len())).is_ok());
    // The stream-only kinds.
    let e = Message::parse_stream(&with(b"Via: x\r\n\r\n")).unwrap_err();
    assert_eq!((e.kind(), e.offset()), (K::MissingContentLength, 26));
    let e = Message::parse_stream(&with(b"l: 5\r\n\r\nabc")).unwrap_err();
    assert_eq!((e.kind(), e.offset()), (K::Truncated, 16));
    let e = Message::parse_stream(&with(b"l: 5\r\n")).unwrap_err();
    assert_eq!((e.kind(), e.offset()), (K::NoEmptyLine, 22));
    let e = Message::parse_stream_with(
        &with(b"l: 5\r\n\r\nabcde"),
        &Limits::DEFAULT.with_max_body_len(4),
    )
    .unwrap_err();
    assert_eq!((e.kind(), e.offset()), (K::BodyTooLarge, 16));
    assert_eq!(Message::parse_stream(b"").unwrap_err().kind(), K::Empty);
}

#[test]
fn content_length_on_datagrams() {
    let declared = |cl: &str, body: &str| {
        let bytes = message(&["SIP/2.0 200 OK", &format!("Content-Length: {cl}")], body);
        let m = Message::parse(&bytes).unwrap();
        (m.body_length(), m.declared_body().to_vec(), m.body().len())
    };
    assert_eq!(
        declared("3", "abc"),
        (BodyLength::Matches(3), b"abc".to_vec(), 3)
    );
    assert_eq!(
        declared("1", "abc"),
        (
            BodyLength::Extra {
                declared: 1,
                actual: 3
            },
            b"a".to_vec(),
            3
        )
    );
    assert_eq!(
        declared("10", "abc"),
        (
            BodyLength::Truncated {
                declared: 10,
                actual: 3
            },
            b"abc".to_vec(),
            3
        )
    );
    assert_eq!(declared("0000", "").0, BodyLength::Matches(0));
    let m = parse(b"SIP/2.0 200 OK\r\nl: 1\r\n\r\nxyz");
    let cl = m.content_length().unwrap();
    assert_eq!((cl.value(), cl.offset(), cl.value_offset()), (1, 16, 19));
    assert!(!m.body_length().is_consistent());
}
