use super::inline::{INLINE, Text};
use super::scan::scan_line;
use super::*;
use crate::StatusClass;
use crate::code::StatusCodeSet;
use crate::code::test_set::TestCode;
use crate::error::ErrorKind;

type Line = StatusLine<TestCode>;

#[test]
fn valid() {
    for (s, code, reason, status) in [
        ("SIP/2.0 403 Wrong Guess", 403, "Wrong Guess", None),
        (
            "SIP/2.0 405 Method Not Allowed",
            405,
            "Method Not Allowed",
            Some(TestCode::MethodNotAllowed),
        ),
        ("sip/2.0 200 OK", 200, "OK", Some(TestCode::Ok)),
        ("Sip/2.0 100 Trying", 100, "Trying", Some(TestCode::Trying)),
        ("SIP/2.0 480 ", 480, "", None),
        ("SIP/2.0 499 Codec Mismatch", 499, "Codec Mismatch", None),
        (
            "SIP/2.0 600 Busy\tEverywhere ",
            600,
            "Busy\tEverywhere ",
            Some(TestCode::BusyEverywhere),
        ),
        ("SIP/2.0 486 Occupé", 486, "Occupé", None),
        ("SIP/2.0 200  OK", 200, " OK", Some(TestCode::Ok)),
    ] {
        let line: Line = s.parse().unwrap_or_else(|e| panic!("{s:?}: {e}"));
        assert_eq!(line.code(), code, "{s:?}");
        assert_eq!(line.reason(), reason, "{s:?}");
        assert_eq!(line.status(), status, "{s:?}");
        assert_eq!(line.to_string(), s, "byte for byte");
        assert_eq!(line.as_str(), s);
        assert_eq!(line.version().to_ascii_uppercase(), "SIP/2.0");
        let borrowed = StatusLineRef::<TestCode>::parse(s).unwrap();
        assert_eq!(borrowed.to_string(), s);
        assert_eq!(borrowed.reason(), reason);
        assert_eq!(Line::try_from(s.to_owned()).unwrap(), line);
    }
    let line: Line = "SIP/2.0 499 Codec Mismatch".parse().unwrap();
    assert_eq!(line.class(), StatusClass::RequestFailure);
    assert_eq!(line.interpret(), Ok(TestCode::BadRequest));
    assert_eq!(
        Line::new(TestCode::MethodNotAllowed).as_str(),
        "SIP/2.0 405 Method Not Allowed"
    );
}

#[test]
fn invalid() {
    for s in [
        "",
        "SIP/3.0 200 OK",
        "SIP/2.1 200 OK",
        "SIP/20 200 OK",
        "SIP/2.0",
        "SIP/2.0 ",
        "SIP/2.0 200",
        "SIP/2.0200 OK",
        "SIP/2.0  200 OK",
        "HTTP/1.1 200 OK",
        "SIPS/2.0 200 OK",
        " SIP/2.0 200 OK",
        "SIP/2.0 2OO OK",
        "SIP/2.0 20 OK",
        "SIP/2.0 2000 OK",
        "SIP/2.0 700 Too High",
        "SIP/2.0 099 Too Low",
        "SIP/2.0 200OK",
        "SIP/2.0 200 OK\r\n",
        "SIP/2.0 200 O\rK",
        "SIP/2.0 200 O\nK",
        "SIP/2.0 200 O\0K",
        "SIP/2.0 200 OK\r\nVia: x",
        "SIP/2.0\t200 OK",
    ] {
        assert!(s.parse::<Line>().is_err(), "{s:?}");
        assert!(StatusLineRef::<TestCode>::parse(s).is_err(), "{s:?}");
    }
    let err = "SIP/2.0 200 O\nK".parse::<Line>().unwrap_err();
    assert_eq!(
        *err.kind(),
        ErrorKind::InvalidChar {
            byte: b'\n',
            at: 13
        }
    );
    let err = "SIP/2.0 2x0 OK".parse::<Line>().unwrap_err();
    assert_eq!(*err.kind(), ErrorKind::InvalidChar { byte: b'x', at: 9 });
    let err = "SIP/2.0 700 OK".parse::<Line>().unwrap_err();
    assert_eq!(*err.kind(), ErrorKind::OutOfRange);
    assert!(
        "SIP/3.0 200 OK"
            .parse::<Line>()
            .unwrap_err()
            .to_string()
            .contains("version")
    );
    let err = "SIP/2.0 ".parse::<Line>().unwrap_err();
    assert!(err.to_string().contains("no status code"), "{err}");
}

/// Lines around the shape the fast scan accepts, each changed in one place.
fn variants() -> Vec<Vec<u8>> {
    let mut heads: Vec<Vec<u8>> = Vec::new();
    for version in [
        "SIP/2.0",
        "sip/2.0",
        "sIp/2.0",
        "SIP/2.1",
        "SIP/20",
        "SIPS/2.0",
        "HTTP/1.1",
        "SIP/2.0 ",
        "SIP\\2.0",
        "SIP/2,0",
        "S\u{c9}P/2.0",
        "SI",
        "",
        "\u{d3}IP/2.0",
    ] {
        for code in [
            "100", "199", "200", "405", "486", "499", "600", "699", "099", "700", "000", "999",
            "2O0", "20", "2000", "4\r5", "", " 200",
        ] {
            for sep in [" ", "", "\t", "  ", "\r"] {
                heads.push(format!("{version} {code}{sep}").into_bytes());
            }
        }
    }
    heads.push(b"SIP/2.0".to_vec());
    heads.push(b"SIP/2.0\t200 OK".to_vec());
    let mut phrases: Vec<Vec<u8>> = [
        "",
        "OK",
        "Busy Here",
        "Wrong Guess",
        "Codec Mismatch",
        "Busy\tEverywhere ",
        "Occup\u{e9} \u{2713}",
        " OK",
        "Push Notification Service Not Supported",
        "Push Notification Service Not Supported, and then some more",
    ]
    .iter()
    .map(|p| p.as_bytes().to_vec())
    .collect();
    for len in [1, 7, 8, 9, 15, 16, 17] {
        for at in 0..len {
            for bad in [0, b'\r', b'\n', 0x1f, 0x7f, b'\t', 0xc3, 0xff] {
                let mut p = vec![b'a'; len];
                p[at] = bad;
                phrases.push(p);
            }
        }
    }
    // Every head with a few phrases, a few heads with every phrase.
    let mut lines = Vec::new();
    for head in &heads {
        for phrase in [&b""[..], b"Busy Here", b"a\rb", "\u{e9}".as_bytes()] {
            lines.push([head.as_slice(), phrase].concat());
        }
    }
    for head in [
        "SIP/2.0 486 ",
        "sip/2.0 499 ",
        "SIP/2.0 700 ",
        "SIP/2.0 486",
        "SIP/2.0 486\t",
    ] {
        for phrase in &phrases {
            lines.push([head.as_bytes(), phrase].concat());
        }
    }
    lines
}

#[test]
fn fast_line_path_agrees() {
    let mut fast = 0;
    for line in variants() {
        let Ok(line) = core::str::from_utf8(&line) else {
            continue;
        };
        let got = StatusLineRef::<TestCode>::parse(line);
        let want = StatusLineRef::<TestCode>::parse_slow(line);
        assert_eq!(
            got.map(|l| (l.as_str(), l.code())),
            want.map(|l| (l.as_str(), l.code())),
            "{line:?}"
        );
        fast += usize::from(scan_line(line.as_bytes()).is_some_and(|(_, e)| e == line.len()));
        let owned = line.parse::<Line>();
        let view = |l: &Line| (l.to_string(), l.code(), l.reason().to_owned());
        assert_eq!(
            owned.as_ref().map(view).map_err(Clone::clone),
            StatusLineRef::<TestCode>::parse_slow(line).map(|l| (
                l.as_str().to_owned(),
                l.code(),
                l.reason().to_owned()
            )),
            "{line:?}"
        );
        if let Ok(owned) = owned {
            assert_eq!(owned.as_str(), line);
            assert_eq!(Line::parse(line.to_owned()).unwrap(), owned);
        }
    }
    assert!(fast > 200, "the fast path ran {fast} times");
}

#[test]
fn fast_message_path_agrees() {
    let mut fast = 0;
    for line in variants() {
        for tail in [
            &b"\r\n"[..],
            b"\r\n\r\n",
            b"\r\nVia: x\r\n\r\n",
            b"\n",
            b"\r",
            b"",
            b"\r\r\n",
            b"\n\r\n",
            b"\0\r\n",
        ] {
            let message = [line.as_slice(), tail].concat();
            let got = StatusLineRef::<TestCode>::parse_message_start(&message);
            let want = StatusLineRef::<TestCode>::parse_message_start_slow(&message);
            assert_eq!(
                got.map(|(l, used)| (l.as_str(), l.code(), used)),
                want.map(|(l, used)| (l.as_str(), l.code(), used)),
                "{message:?}"
            );
            fast += usize::from(scan_line(&message).is_some());
            let owned = Line::parse_message_start(&message);
            let borrowed = StatusLineRef::<TestCode>::parse_message_start_slow(&message);
            assert_eq!(
                owned.map(|(l, used)| (l.to_string(), l.code(), used)),
                borrowed.map(|(l, used)| (l.to_string(), l.code(), used)),
                "{message:?}"
            );
        }
    }
    assert!(fast > 200, "the fast path ran {fast} times");
}

#[test]
fn inline_and_heap_text() {
    let long = format!("SIP/2.0 499 {}", "x".repeat(INLINE));
    for line in [
        "SIP/2.0 480 ",
        "SIP/2.0 486 Busy Here",
        "SIP/2.0 555 Push Notification Service Not Supported", // 51 bytes
        &long[..INLINE],
        &long[..INLINE + 1],
        &long,
        "SIP/2.0 486 Occup\u{e9} \u{2713}",
    ] {
        let parsed: Line = line.parse().unwrap();
        let heap = Line::parse(line.to_owned()).unwrap();
        assert!(matches!(heap.text, Text::Heap { .. }));
        assert_eq!(
            matches!(parsed.text, Text::Inline { .. }),
            line.len() <= INLINE,
            "{line:?}"
        );
        for l in [&parsed, &heap, &parsed.clone(), &heap.clone()] {
            assert_eq!(
                l.status(),
                StatusLineRef::<TestCode>::parse(line).unwrap().status()
            );
            assert_eq!(
                l.class(),
                StatusLineRef::<TestCode>::parse(line).unwrap().class()
            );
            assert_eq!(l.as_str(), line);
            assert_eq!(l.to_string(), line);
            assert_eq!(format!("{l:?}"), format!("StatusLine({line:?})"));
            assert_eq!(l.reason(), &line[PHRASE_START..]);
            assert_eq!(l.version(), "SIP/2.0");
            assert_eq!(*l, parsed);
        }
    }
    for status in [
        TestCode::Trying,
        TestCode::Ok,
        TestCode::MethodNotAllowed,
        TestCode::BusyEverywhere,
    ] {
        let line = Line::new(status);
        let text = format!("SIP/2.0 {} {}", status.code(), status.reason_phrase());
        assert_eq!(line.as_str(), text);
        assert_eq!(line, text.parse().unwrap());
        assert_eq!(line.status(), Some(status));
    }
    assert_eq!(size_of::<Line>(), 64);
    // Every case of `SIP`, the code's own phrase and another one, inline and on the heap.
    for case in 0..8 {
        let version: String = "SIP/2.0"
            .chars()
            .enumerate()
            .map(|(at, c)| {
                if at < 3 && case & (1 << at) != 0 {
                    c.to_ascii_lowercase()
                } else {
                    c
                }
            })
            .collect();
        for phrase in [
            "Method Not Allowed",
            "Method not allowed",
            "",
            "M\u{e9}thode",
        ] {
            let text = format!("{version} 405 {phrase}");
            let inline: Line = text.parse().unwrap();
            let heap = Line::parse(text.clone()).unwrap();
            for l in [&inline, &heap] {
                assert_eq!(l.version(), &text[..7]);
                assert_eq!(l.reason(), phrase);
                assert_eq!(l.borrowed().reason(), phrase);
                assert_eq!(l.borrowed().version(), &text[..7]);
            }
        }
    }
}

#[test]
fn message_start() {
    let msg = b"SIP/2.0 180 Ringing\r\nVia: x\r\n\r\n";
    let (line, used) = Line::parse_message_start(msg).unwrap();
    assert_eq!((line.code(), line.reason(), used), (180, "Ringing", 21));
    assert_eq!(&msg[used..used + 4], b"Via:");
    let (line, used) = StatusLineRef::<TestCode>::parse_message_start(b"SIP/2.0 480 \r\n").unwrap();
    assert_eq!((line.reason(), used), ("", 14));
    for bad in [
        &b""[..],
        b"SIP/2.0 200 OK",
        b"SIP/2.0 200 OK\n",
        b"\n",
        b"\r\n",
        b"SIP/2.0 200 \xffOK\r\n",
        b"SIP/2.0 200 O\rK\r\n",
        b"SIP/3.0 200 OK\r\n",
    ] {
        assert!(Line::parse_message_start(bad).is_err(), "{bad:?}");
    }
}
