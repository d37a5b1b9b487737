//! Properties: no input makes the parser or the framer panic; what [`frame`] says agrees with what
//! [`Message::parse`] and [`Message::parse_stream`] do on the same bytes; a message written from known
//! fields parses back to them, folds and line ends whatever they are.

use proptest::prelude::*;

use crate::header::same_header;
use crate::message::*;

/// Checks every promise that ties the framer to the parsers, and the invariants of what they return.
fn agree(buf: &[u8]) {
    let framed = frame(buf);
    let streamed = Message::parse_stream(buf);
    let datagram = Message::parse(buf);
    match framed {
        Ok(Frame::Complete(len)) => {
            let m =
                Message::parse(&buf[..len]).expect("Complete(len) promises a parse of len bytes");
            assert_eq!(m.body_length(), BodyLength::Matches(m.body().len()));
            let (s, used) = streamed.expect("Complete(len) promises a stream parse");
            assert_eq!((s.head(), s.body(), used), (m.head(), m.body(), len));
            let d = datagram
                .as_ref()
                .expect("a complete stream message is a valid datagram");
            assert_eq!(d.head(), m.head());
            // Every shorter prefix is still waiting for bytes.
            let step = (len / 16).max(1);
            for k in (0..len).step_by(step) {
                assert_eq!(
                    frame(&buf[..k]),
                    Ok(Frame::Incomplete),
                    "prefix {k} of {len}"
                );
            }
            invariants(&buf[..len], &m);
        }
        Ok(Frame::Incomplete) => {
            let kind = streamed
                .expect_err("Incomplete is no stream message")
                .kind();
            assert!(
                matches!(
                    kind,
                    ParseErrorKind::NoEmptyLine | ParseErrorKind::Truncated
                ) || (buf.is_empty() && kind == ParseErrorKind::Empty),
                "{kind:?}"
            );
        }
        Ok(Frame::KeepAlive(n)) => {
            assert!(n > 0 && buf[..n].iter().all(|&b| b == b'\r' || b == b'\n'));
            assert_eq!(streamed.unwrap_err().kind(), ParseErrorKind::BadStartLine);
        }
        Err(e) => {
            assert_eq!(streamed.unwrap_err(), e);
            if !matches!(
                e.kind(),
                ParseErrorKind::MissingContentLength | ParseErrorKind::BodyTooLarge
            ) {
                assert_eq!(datagram.as_ref().unwrap_err(), &e);
            }
            let _ = e.to_string();
        }
    }
    if let Ok(m) = &datagram {
        assert_eq!(m.head().len() + m.body().len(), buf.len());
        invariants(buf, m);
    }
}

/// What holds of every parsed message: fields and values point into the input, names are tokens,
/// values are trimmed and free of control characters but folds, lookups find the first field.
fn invariants(buf: &[u8], m: &Message<'_>) {
    let lws = |c: char| matches!(c, ' ' | '\t' | '\r' | '\n');
    assert_eq!(m.fields().count(), m.field_count());
    for f in m.fields() {
        assert!(crate::syntax::is_token(f.name()));
        assert!(buf[f.offset()..].starts_with(f.name().as_bytes()));
        let v = f.value();
        assert!(buf[v.offset()..].starts_with(v.raw().as_bytes()));
        assert!(!v.raw().starts_with(lws) && !v.raw().ends_with(lws));
        assert_eq!(v.is_folded(), v.raw().contains('\n'));
        let unfolded = v.unfolded();
        assert!(!unfolded.chars().any(|c| c.is_ascii_control() && c != '\t'));
        assert_eq!(v, *unfolded);
        let first = m.field(f.name()).expect("a field is found by its own name");
        assert!(first.offset() <= f.offset() && same_header(first.name(), f.name()));
        for part in m.values(f.name()).take(64) {
            assert!(!part.is_empty() && !part.raw().starts_with(lws) && !part.raw().ends_with(lws));
            assert!(buf[part.offset()..].starts_with(part.raw().as_bytes()));
        }
    }
    if let Some(cl) = m.content_length() {
        assert!(
            m.field("Content-Length")
                .is_some_and(|f| f.offset() == cl.offset())
        );
    }
}

/// A header value as words joined by single spaces, so that folding at a space and unfolding give it
/// back exactly.
fn words() -> impl Strategy<Value = Vec<String>> {
    prop::collection::vec("[!-~é☎\"<>,\u{85}]{1,8}", 0..6)
}

fn header_name() -> impl Strategy<Value = String> {
    prop_oneof![
        prop::sample::select(vec![
            "Via",
            "v",
            "VIA",
            "From",
            "f",
            "To",
            "t",
            "Call-ID",
            "i",
            "CSeq",
            "Contact",
            "m",
            "Record-Route",
            "Allow",
            "k",
            "Content-Type",
            "c",
            "Subject",
        ])
        .prop_map(str::to_owned),
        "[A-Za-z0-9!%*_+`'~.-]{1,12}",
    ]
    .prop_filter("Content-Length is written on purpose", |n| {
        !same_header(n, "Content-Length")
    })
}

/// One header field: its name, its words, where it folds (a bit per gap), its line ends.
#[derive(Debug, Clone)]
struct Header {
    name: String,
    words: Vec<String>,
    folds: u8,
    lf: bool,
    tab: bool,
}

fn header() -> impl Strategy<Value = Header> {
    (
        header_name(),
        words(),
        any::<u8>(),
        any::<bool>(),
        any::<bool>(),
    )
        .prop_map(|(name, words, folds, lf, tab)| Header {
            name,
            words,
            folds,
            lf,
            tab,
        })
}

/// How the message declares its body.
#[derive(Debug, Clone, Copy)]
enum Declared {
    None,
    Right,
    Wrong(u16),
}

fn start_line() -> impl Strategy<Value = String> {
    prop_oneof![
        ("[A-Z]{3,9}", "sips?:[a-z0-9@.;=]{1,20}").prop_map(|(m, u)| format!("{m} {u} SIP/2.0")),
        (100u16..700, "[ -~é]{0,20}").prop_map(|(c, r)| format!("SIP/2.0 {c} {r}")),
    ]
}

/// The message's bytes.
fn render(start: &str, headers: &[Header], declared: Declared, body: &[u8]) -> Vec<u8> {
    let mut out = String::from(start);
    out.push_str("\r\n");
    for h in headers {
        let eol = if h.lf { "\n" } else { "\r\n" };
        out.push_str(&h.name);
        out.push_str(": ");
        for (i, word) in h.words.iter().enumerate() {
            if i > 0 {
                let fold = i < 8 && h.folds & (1 << i) != 0;
                out.push_str(match (fold, h.tab) {
                    (false, _) => " ",
                    (true, false) => &"\r\n  "[usize::from(h.lf)..],
                    (true, true) => &"\r\n\t"[usize::from(h.lf)..],
                });
            }
            out.push_str(word);
        }
        out.push_str(eol);
    }
    match declared {
        Declared::None => {}
        Declared::Right => out.push_str(&format!("l: {}\r\n", body.len())),
        Declared::Wrong(n) => out.push_str(&format!("Content-Length: {n}\r\n")),
    }
    out.push_str("\r\n");
    let mut bytes = out.into_bytes();
    bytes.extend_from_slice(body);
    bytes
}

fn declared() -> impl Strategy<Value = Declared> {
    prop_oneof![
        Just(Declared::None),
        Just(Declared::Right),
        any::<u16>().prop_map(Declared::Wrong)
    ]
}

proptest! {
    #[test]
    fn arbitrary_bytes_never_panic(buf in prop::collection::vec(any::<u8>(), 0..512)) {
        agree(&buf);
    }

    #[test]
    fn sip_like_bytes_never_panic(
        buf in prop::collection::vec(
            prop::sample::select(b"SIP/2.0 200 OK\r\n\t:;,\"<>\\lvVia\0\x7f\xc3\xa9".to_vec()),
            0..256,
        )
    ) {
        agree(&buf);
    }

    #[test]
    fn written_messages_parse_back(
        start in start_line(),
        headers in prop::collection::vec(header(), 0..40),
        declared in declared(),
        body in prop::collection::vec(any::<u8>(), 0..64),
        edits in prop::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 0..4),
        cut in any::<prop::sample::Index>(),
    ) {
        let bytes = render(&start, &headers, declared, &body);
        let m = Message::parse(&bytes).map_err(|e| TestCaseError::fail(e.to_string()))?;
        prop_assert_eq!(m.start_line().request().is_some(), !start.starts_with("SIP/"));
        prop_assert_eq!(m.body(), &body[..]);
        let fields: Vec<_> = m.fields().collect();
        prop_assert_eq!(fields.len(), headers.len() + usize::from(!matches!(declared, Declared::None)));
        for (f, h) in fields.iter().zip(&headers) {
            prop_assert_eq!(f.name(), h.name.as_str());
            prop_assert_eq!(f.value().unfolded(), h.words.join(" "));
        }
        let expected = match declared {
            Declared::None => BodyLength::Undeclared,
            Declared::Right => BodyLength::Matches(body.len()),
            Declared::Wrong(n) => BodyLength::of(Some(usize::from(n)), body.len()),
        };
        prop_assert_eq!(m.body_length(), expected);
        agree(&bytes);

        // Damaged copies: bytes overwritten, the end cut off.
        let mut damaged = bytes.clone();
        for (at, byte) in edits {
            let i = at.index(damaged.len());
            damaged[i] = byte;
        }
        agree(&damaged);
        agree(&damaged[..cut.index(damaged.len() + 1)]);
    }
}
