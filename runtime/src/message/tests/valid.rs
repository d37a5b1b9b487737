//! A table of valid messages and what the parser finds in them.

use super::*;
use crate::message::BodyLength;
use crate::message::Limits;

#[test]
fn rfc3261_invite() {
    let bytes = invite();
    let m = parse(&bytes);
    let line = m.request_line().unwrap();
    assert_eq!(line.method(), "INVITE");
    assert_eq!(line.uri(), "sip:bob@biloxi.example.com");
    assert!(m.is_request() && m.response_line().is_none());
    assert_eq!(m.field_count(), 9);
    assert_eq!(
        m.field("call-id").unwrap().value(),
        "3848276298220188511@atlanta.example.com"
    );
    assert_eq!(
        m.field("i").unwrap().value().raw(),
        "3848276298220188511@atlanta.example.com"
    );
    assert_eq!(m.field("CSeq").unwrap().value(), "1 INVITE");
    assert_eq!(m.body(), SDP.as_bytes());
    assert_eq!(m.body_length(), BodyLength::Matches(SDP.len()));
    assert_eq!(m.content_length().unwrap().value(), SDP.len());
    assert_eq!(m.head().len() + m.body().len(), bytes.len());
    assert!(m.head().ends_with("\r\n\r\n"));
    // Offsets point at the fields and values in the input.
    for f in m.fields() {
        assert!(bytes[f.offset()..].starts_with(f.name().as_bytes()));
        assert!(bytes[f.value().offset()..].starts_with(f.value().raw().as_bytes()));
    }
    let cl = m.content_length().unwrap();
    assert!(bytes[cl.offset()..].starts_with(b"Content-Length"));
    assert!(bytes[cl.value_offset()..].starts_with(SDP.len().to_string().as_bytes()));
}

#[test]
fn rfc3261_ok() {
    let bytes = ok_200();
    let m = parse(&bytes);
    let line = m.response_line().unwrap();
    assert_eq!(
        (line.code(), line.reason(), line.version()),
        (200, "OK", "SIP/2.0")
    );
    assert_eq!(line.class(), crate::StatusClass::Success);
    assert_eq!(m.values("Via").count(), 2);
    assert_eq!(m.fields_named("record-route").count(), 2);
    assert_eq!(
        values(&m, "Record-Route"),
        [
            "<sip:ss2.biloxi.example.com;lr>",
            "<sip:ss1.atlanta.example.com;lr>"
        ]
    );
    assert_eq!(
        m.field("to").unwrap().value(),
        "Bob <sip:bob@biloxi.example.com>;tag=314159"
    );
    assert!(m.field("Max-Forwards").is_none());
    let names: Vec<_> = m.fields().map(|f| f.name()).collect();
    assert_eq!(names.first(), Some(&"Via"));
    assert_eq!(names.last(), Some(&"Content-Length"));
    assert_eq!(m.fields().next_back().unwrap().name(), "Content-Length");
    assert_eq!(m.fields().len(), 11);
}

#[test]
fn compact_forms() {
    let bytes = message(
        &[
            "SIP/2.0 180 Ringing",
            "v: SIP/2.0/UDP a.example.com;branch=z9hG4bK1",
            "f: <sip:a@example.com>;tag=1",
            "T: <sip:b@example.com>;tag=2",
            "i: abc@example.com",
            "CSeq: 7 INVITE",
            "m: <sip:b@192.0.2.4>",
            "k: 100rel, timer",
            "c: text/plain",
            "L: {len}",
        ],
        "hello",
    );
    let m = parse(&bytes);
    for (long, short) in [
        ("Via", "v"),
        ("From", "f"),
        ("To", "t"),
        ("Call-ID", "i"),
        ("Contact", "m"),
        ("Supported", "k"),
        ("Content-Type", "c"),
        ("Content-Length", "l"),
    ] {
        let by_long = m.field(long).unwrap_or_else(|| panic!("{long}"));
        assert_eq!(m.field(short), Some(by_long));
        assert_eq!(m.field(&long.to_uppercase()), Some(by_long));
        assert!(by_long.is(long) && by_long.is(short));
        assert_eq!(by_long.long_name(), long);
    }
    assert_eq!(values(&m, "Supported"), ["100rel", "timer"]);
    assert_eq!(m.body_length(), BodyLength::Matches(5));
}

#[test]
fn folded_fields() {
    let bytes = message(
        &[
            "INVITE sip:b@example.com SIP/2.0",
            "Via: SIP/2.0/UDP a.example.com",
            "  ;branch=z9hG4bK1,",
            "\tSIP/2.0/UDP b.example.com;branch=z9hG4bK2",
            "Subject:",
            "   I know you're there,",
            "      pick up the phone",
            "      and talk to me!",
            "To:   <sip:b@example.com>   ",
            "Content-Length: 0",
        ],
        "",
    );
    let m = parse(&bytes);
    let via = m.field("via").unwrap();
    assert!(via.value().is_folded());
    assert!(via.value().raw().contains("\r\n  ;branch"));
    assert_eq!(
        values(&m, "Via"),
        [
            "SIP/2.0/UDP a.example.com ;branch=z9hG4bK1",
            "SIP/2.0/UDP b.example.com;branch=z9hG4bK2"
        ]
    );
    let subject = m.field("Subject").unwrap().value();
    assert_eq!(
        subject,
        "I know you're there, pick up the phone and talk to me!"
    );
    assert_eq!(
        subject.pieces().collect::<Vec<_>>(),
        [
            "I know you're there,",
            "pick up the phone",
            "and talk to me!"
        ]
    );
    assert!(bytes[subject.offset()..].starts_with(b"I know"));
    let to = m.field("To").unwrap().value();
    assert!(!to.is_folded() && matches!(to.unfolded(), std::borrow::Cow::Borrowed(_)));
    assert_eq!(to.raw(), "<sip:b@example.com>");
    assert_eq!(m.field_count(), 4);
}

#[test]
fn vias_across_lines_and_commas() {
    let bytes = message(
        &[
            "SIP/2.0 100 Trying",
            "Via: SIP/2.0/UDP p1;branch=z9hG4bKa, SIP/2.0/UDP p2;branch=z9hG4bKb",
            "Max-Forwards: 70",
            "v: SIP/2.0/TCP p3;branch=z9hG4bKc;x=\"a, b\"",
            "VIA:SIP/2.0/UDP p4;branch=z9hG4bKd ,,",
        ],
        "",
    );
    let m = parse(&bytes);
    assert_eq!(
        values(&m, "v"),
        [
            "SIP/2.0/UDP p1;branch=z9hG4bKa",
            "SIP/2.0/UDP p2;branch=z9hG4bKb",
            "SIP/2.0/TCP p3;branch=z9hG4bKc;x=\"a, b\"",
            "SIP/2.0/UDP p4;branch=z9hG4bKd",
        ]
    );
    assert_eq!(m.fields_named("Via").count(), 3);
    assert_eq!(m.body_length(), BodyLength::Undeclared);
    // Each value's offset points into the message.
    for v in m.values("Via") {
        assert!(bytes[v.offset()..].starts_with(v.raw().as_bytes()));
    }
}

#[test]
fn quoted_commas_and_brackets() {
    let bytes = message(
        &[
            "SIP/2.0 302 Moved Temporarily",
            "From: \"Doe, John\" <sip:jdoe@example.com>;tag=1",
            "Contact: \"Bob, \\\"the\\\" builder\" <sip:bob@a;x=1,2>;q=0.7, <sip:b@c>;expires=60",
            "WWW-Authenticate: Digest realm=\"a, b\", nonce=\"n\", qop=\"auth,auth-int\"",
        ],
        "",
    );
    let m = parse(&bytes);
    assert_eq!(
        values(&m, "From"),
        ["\"Doe, John\" <sip:jdoe@example.com>;tag=1"]
    );
    assert_eq!(
        values(&m, "m"),
        [
            "\"Bob, \\\"the\\\" builder\" <sip:bob@a;x=1,2>;q=0.7",
            "<sip:b@c>;expires=60",
        ]
    );
    // Not a list: the caller reads the field whole.
    let challenge = m.field("www-authenticate").unwrap().value();
    assert_eq!(
        challenge.raw(),
        "Digest realm=\"a, b\", nonce=\"n\", qop=\"auth,auth-int\""
    );
    assert_eq!(m.values("WWW-Authenticate").count(), 3);
}

#[test]
fn allow_405() {
    let bytes = message(
        &[
            "SIP/2.0 405 Method Not Allowed",
            "Allow: INVITE, ACK, BYE, CANCEL, OPTIONS",
            "Allow: PRACK",
            "Content-Length: 0",
        ],
        "",
    );
    let m = parse(&bytes);
    assert_eq!(m.response_line().unwrap().code(), 405);
    assert_eq!(
        values(&m, "allow"),
        ["INVITE", "ACK", "BYE", "CANCEL", "OPTIONS", "PRACK"]
    );
    assert_eq!(m.body_length(), BodyLength::Matches(0));
}

#[test]
fn bare_lf_and_mixed_line_ends() {
    let crlf = invite();
    let lf: Vec<u8> = String::from_utf8(crlf.clone())
        .unwrap()
        .replace("\r\n", "\n")
        .into_bytes();
    let body_lf = SDP.replace("\r\n", "\n");
    let lf_m = Message::parse(&lf).unwrap();
    let crlf_m = parse(&crlf);
    assert_eq!(lf_m.field_count(), crlf_m.field_count());
    for (a, b) in lf_m.fields().zip(crlf_m.fields()) {
        assert_eq!((a.name(), a.value().raw()), (b.name(), b.value().raw()));
    }
    assert_eq!(lf_m.body(), body_lf.as_bytes());
    // The body's length changed, its Content-Length did not: reported, not rejected.
    assert_eq!(
        lf_m.body_length(),
        BodyLength::Truncated {
            declared: SDP.len(),
            actual: body_lf.len()
        }
    );
    let mixed = b"SIP/2.0 200 OK\nVia: SIP/2.0/UDP a\r\nSubject: x\n y\r\n\nbody";
    let m = parse(mixed);
    assert_eq!(m.field("Subject").unwrap().value(), "x y");
    assert_eq!(m.body(), b"body");
    assert_eq!(
        m.head(),
        "SIP/2.0 200 OK\nVia: SIP/2.0/UDP a\r\nSubject: x\n y\r\n\n"
    );
}

#[test]
fn edge_shapes() {
    let m = parse(
        b"OPTIONS sip:x SIP/2.0\r\nX-Empty:\r\nVia  :\tSIP/2.0/UDP h \t\r\nSubject:\r\n \r\n\r\n",
    );
    assert_eq!(m.field("X-Empty").unwrap().value(), "");
    assert!(m.field("x-empty").unwrap().value().is_empty());
    assert_eq!(m.field("via").unwrap().value(), "SIP/2.0/UDP h");
    let subject = m.field("subject").unwrap().value();
    assert_eq!((subject.raw(), subject.is_folded()), ("", false));
    assert_eq!(m.values("Subject").count(), 0);
    // No field at all, and a Status-Line with an empty reason phrase.
    let m = parse(b"SIP/2.0 480 \r\n\r\n");
    assert_eq!(
        (m.field_count(), m.response_line().unwrap().reason()),
        (0, "")
    );
    // Non-ASCII UTF-8 in values and the phrase; binary body.
    let m = parse("SIP/2.0 486 Occupé\r\nSubject: ☎ réunion\r\n\r\n\u{0}\u{7f}".as_bytes());
    assert_eq!(m.field("Subject").unwrap().value(), "☎ réunion");
    assert_eq!(m.body(), b"\0\x7f");
    // C1 controls are UTF8-NONASCII, which TEXT-UTF8char allows (RFC 3261 §25.1).
    let m = parse("SIP/2.0 200 OK\r\nSubject: a\u{85}b\u{9d}\r\n\r\n".as_bytes());
    assert_eq!(m.field("Subject").unwrap().value(), "a\u{85}b\u{9d}");
    let mut binary = b"SIP/2.0 200 OK\r\nl: 3\r\n\r\n".to_vec();
    binary.extend_from_slice(&[0xff, 0x00, 0xfe]);
    assert_eq!(parse(&binary).body(), [0xff, 0, 0xfe]);
}

#[test]
fn many_fields_spill_to_the_heap() {
    let lines: Vec<String> = (0..100).map(|i| format!("X-H{i}: {i}")).collect();
    let mut all = vec!["SIP/2.0 200 OK"];
    all.extend(lines.iter().map(String::as_str));
    let bytes = message(&all, "");
    let m = parse(&bytes);
    assert_eq!(m.field_count(), 100);
    for (i, f) in m.fields().enumerate() {
        assert_eq!(f.value().raw(), i.to_string());
    }
    assert_eq!(m.field("x-h99").unwrap().value(), "99");
    // What the module documentation says of the size of a message.
    assert!(
        size_of::<Message<'_>>() <= 680,
        "{}",
        size_of::<Message<'_>>()
    );
    let limited = Message::parse_with(&bytes, &Limits::DEFAULT.with_max_headers(100));
    assert!(limited.is_ok());
}
