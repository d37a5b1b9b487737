//! The stream framer on a stream cut at every point.

use super::*;
use crate::message::{BodyLength, Frame, frame};

#[test]
fn framer_at_every_split_point() {
    let first = ok_200();
    let second = message(
        &["SIP/2.0 405 Method Not Allowed", "Allow: INVITE", "l: 0"],
        "",
    );
    let third = invite();
    let stream = [first.as_slice(), b"\r\n\r\n", &second, &third].concat();
    let ends = [
        first.len(),
        first.len() + 4,
        first.len() + 4 + second.len(),
        stream.len(),
    ];
    // Every prefix of the stream frames as what has arrived of its first message.
    for k in 0..=stream.len() {
        let got = frame(&stream[..k]).unwrap();
        let want = if k < first.len() {
            Frame::Incomplete
        } else {
            Frame::Complete(first.len())
        };
        assert_eq!(got, want, "split at {k}");
    }
    // A reader that receives the stream in two parts, split anywhere, gets the same messages.
    for split in 0..=stream.len() {
        let mut buf: Vec<u8> = Vec::new();
        let mut got = Vec::new();
        let mut offset = 0;
        for part in [&stream[..split], &stream[split..]] {
            buf.extend_from_slice(part);
            loop {
                match frame(&buf).unwrap() {
                    Frame::Incomplete => break,
                    Frame::KeepAlive(n) => {
                        buf.drain(..n);
                        offset += n;
                    }
                    Frame::Complete(len) => {
                        let m = Message::parse(&buf[..len]).unwrap();
                        assert_eq!(m.body_length(), BodyLength::Matches(m.body().len()));
                        let (again, used) = Message::parse_stream(&buf).unwrap();
                        assert_eq!(
                            (again.head(), again.body(), used),
                            (m.head(), m.body(), len)
                        );
                        offset += len;
                        got.push(offset);
                        buf.drain(..len);
                    }
                }
            }
        }
        assert!(buf.is_empty(), "split at {split}");
        assert_eq!(got, [ends[0], ends[2], ends[3]], "split at {split}");
    }
}

#[test]
fn a_lone_cr_waits_for_its_lf() {
    // Once found by the proptest: a stream holding only the CR of a keep-alive (or of an empty start
    // line) waits, and a stream that ends there has no head.
    assert_eq!(frame(b"\r"), Ok(Frame::Incomplete));
    let e = Message::parse_stream(b"\r").unwrap_err();
    assert_eq!(e.kind(), crate::message::ParseErrorKind::NoEmptyLine);
    assert_eq!(frame(b"\r\n"), Ok(Frame::KeepAlive(2)));
}
