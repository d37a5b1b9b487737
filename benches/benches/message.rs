//! Parsing whole received messages, as a proxy does with every response: a `200 OK` answering an INVITE
//! (two Via, two Record-Route, From, To with tag, Call-ID, CSeq, Contact, Content-Type, Content-Length and
//! a 200-byte SDP body) and a `405 Method Not Allowed` with Allow.
//!
//! - `sip-codes`: `message::Message::parse` of the datagram, then the lookups a proxy makes: the first
//!   (topmost) Via, From, To, Call-ID and CSeq values, and the Content-Length;
//! - `sip-codes/parse`: the parse alone;
//! - `sip-codes/check`: the parse and `rules::check_message` against the bundled spec (the code's MUST,
//!   one-of and MUST NOT rules, the method's, the transaction headers, single-valued headers repeated,
//!   Content-Length against the body): what a proxy linting every response runs;
//! - `rsipstack`: `sip::Response::try_from(&[u8])`, its full parse (every header into its enum);
//!   `rsipstack/lookups` adds the same lookups (`HeadersExt` and a search for Content-Length);
//! - `ezk-sip-types`: what its receiving side does with a datagram: `PullParser` for the lines,
//!   `MessageLine` for the start line, `Line::parse` for each header into `Headers`, the body sliced
//!   off (the input is a `Bytes` made before timing, as a socket's buffer would be);
//!   `ezk-sip-types/lookups` adds the same lookups on its raw values (`get_raw`).
//!
//! Every crate is checked to find the same values before timing.

use std::hint::black_box;

use bytes::Bytes;
use criterion::{Criterion, criterion_group, criterion_main};
use sip_codes::StatusCode;
use sip_codes::rules::check_message;
use sip_codes_runtime::message::Message;

/// A 200-byte SDP answer.
fn sdp() -> String {
    let mut sdp = String::from(
        "v=0\r\n\
         o=bob 2808844564 2808844564 IN IP4 host.biloxi.example.com\r\n\
         s=-\r\n\
         c=IN IP4 192.0.2.201\r\n\
         t=0 0\r\n\
         m=audio 3456 RTP/AVP 0 8 101\r\n\
         a=rtpmap:0 PCMU/8000\r\n\
         a=rtpmap:101 telephone-event/8000\r\n",
    );
    let pad = 200 - sdp.len() - "a=x:\r\n".len();
    sdp.push_str(&format!("a=x:{}\r\n", "p".repeat(pad)));
    assert_eq!(sdp.len(), 200);
    sdp
}

fn ok_200() -> Vec<u8> {
    let body = sdp();
    format!(
        "SIP/2.0 200 OK\r\n\
         Via: SIP/2.0/UDP ss1.atlanta.example.com:5060;branch=z9hG4bK2d4790.1;received=192.0.2.111\r\n\
         Via: SIP/2.0/UDP client.atlanta.example.com:5060;branch=z9hG4bK74bf9;received=192.0.2.101\r\n\
         Record-Route: <sip:ss2.biloxi.example.com;lr>\r\n\
         Record-Route: <sip:ss1.atlanta.example.com;lr>\r\n\
         From: Alice <sip:alice@atlanta.example.com>;tag=9fxced76sl\r\n\
         To: Bob <sip:bob@biloxi.example.com>;tag=314159\r\n\
         Call-ID: 3848276298220188511@atlanta.example.com\r\n\
         CSeq: 1 INVITE\r\n\
         Contact: <sip:bob@client.biloxi.example.com>\r\n\
         Content-Type: application/sdp\r\n\
         Content-Length: {}\r\n\
         \r\n\
         {body}",
        body.len()
    )
    .into_bytes()
}

fn allow_405() -> Vec<u8> {
    b"SIP/2.0 405 Method Not Allowed\r\n\
      Via: SIP/2.0/UDP client.atlanta.example.com:5060;branch=z9hG4bK74bf9;received=192.0.2.101\r\n\
      From: Alice <sip:alice@atlanta.example.com>;tag=9fxced76sl\r\n\
      To: Bob <sip:bob@biloxi.example.com>;tag=314159\r\n\
      Call-ID: 3848276298220188511@atlanta.example.com\r\n\
      CSeq: 1 INVITE\r\n\
      Allow: INVITE, ACK, BYE, CANCEL, OPTIONS\r\n\
      Content-Length: 0\r\n\
      \r\n"
        .to_vec()
}

/// What the lookups found: the lengths of the first Via, From, To, Call-ID and CSeq values, the
/// Content-Length.
type Found = (usize, usize, usize, usize, usize, usize);

mod ours {
    use super::{Found, Message};

    pub fn lookups(m: &Message<'_>) -> Found {
        let len = |name| m.field(name).map_or(0, |f| f.value().raw().len());
        (
            len("Via"),
            len("From"),
            len("To"),
            len("Call-ID"),
            len("CSeq"),
            m.content_length().map_or(0, |cl| cl.value()),
        )
    }

    pub fn parse_and_look_up(bytes: &[u8]) -> Found {
        lookups(&Message::parse(bytes).unwrap())
    }
}

mod rsipstack_peer {
    use rsipstack::sip::{Header, HeadersExt, Response};

    use super::Found;

    pub fn parse(bytes: &[u8]) -> Response {
        Response::try_from(bytes).unwrap()
    }

    pub fn lookups(r: &Response) -> Found {
        let content_length = r.headers.iter().find_map(|h| match h {
            Header::ContentLength(cl) => cl.value().trim().parse().ok(),
            _ => None,
        });
        (
            r.via_header().map_or(0, |h| h.value().len()),
            r.from_header().map_or(0, |h| h.value().len()),
            r.to_header().map_or(0, |h| h.value().len()),
            r.call_id_header().map_or(0, |h| h.value().len()),
            r.cseq_header().map_or(0, |h| h.value().len()),
            content_length.unwrap_or(0),
        )
    }
}

mod ezk_peer {
    use bytes::Bytes;
    use ezk_sip_types::msg::{Line, MessageLine, PullParser};
    use ezk_sip_types::parse::Parse;
    use ezk_sip_types::{Headers, Name};

    use super::Found;

    pub struct Parsed {
        pub line: MessageLine,
        pub headers: Headers,
        pub body: Bytes,
    }

    pub fn parse(data: &Bytes) -> Parsed {
        let mut lines = PullParser::new(data, 0);
        let first = lines.next().unwrap().unwrap();
        let (_, line) = MessageLine::parse(data)(std::str::from_utf8(first).unwrap()).unwrap();
        let mut headers = Headers::with_capacity(16);
        for l in &mut lines {
            let l = std::str::from_utf8(l.unwrap()).unwrap();
            let (_, l) = Line::parse(data, l).unwrap();
            headers.insert(l.name, l.value);
        }
        let body = data.slice(lines.head_end()..);
        Parsed {
            line,
            headers,
            body,
        }
    }

    pub fn lookups(p: &Parsed) -> Found {
        let h = &p.headers;
        let len = |name: &Name| h.get_raw(name).next().map_or(0, |v| v.len());
        let content_length = h
            .get_raw(&Name::CONTENT_LENGTH)
            .next()
            .and_then(|v| v.trim().parse().ok());
        (
            len(&Name::VIA),
            len(&Name::FROM),
            len(&Name::TO),
            len(&Name::CALL_ID),
            len(&Name::CSEQ),
            content_length.unwrap_or(0),
        )
    }
}

fn messages(c: &mut Criterion) {
    for (name, bytes) in [("200_invite_sdp", ok_200()), ("405_allow", allow_405())] {
        let bytes = bytes.as_slice();
        let data = Bytes::copy_from_slice(bytes);
        // Each crate finds the same values.
        let ours = ours::parse_and_look_up(bytes);
        assert_eq!(rsipstack_peer::lookups(&rsipstack_peer::parse(bytes)), ours);
        let ezk = ezk_peer::parse(&data);
        assert_eq!(ezk_peer::lookups(&ezk), ours);
        assert!(!ezk.line.is_request());
        assert_eq!(
            ezk.body.as_ref(),
            Message::parse(bytes).unwrap().body(),
            "{name}"
        );

        // Both are clean.
        let checked = check_message::<StatusCode>(&Message::parse(bytes).unwrap()).unwrap();
        assert!(checked.is_empty(), "{name}: {checked:?}");

        let mut g = c.benchmark_group(format!("message_parse/{name}"));
        g.bench_function("sip-codes", |b| {
            b.iter(|| ours::parse_and_look_up(black_box(bytes)))
        });
        g.bench_function("sip-codes/parse", |b| {
            b.iter(|| Message::parse(black_box(bytes)).map(|m| black_box(&m).field_count()))
        });
        g.bench_function("sip-codes/check", |b| {
            b.iter(|| {
                let message = Message::parse(black_box(bytes)).unwrap();
                check_message::<StatusCode>(&message).map(|found| found.len())
            })
        });
        g.bench_function("rsipstack", |b| {
            b.iter(|| rsipstack_peer::parse(black_box(bytes)))
        });
        g.bench_function("rsipstack/lookups", |b| {
            b.iter(|| rsipstack_peer::lookups(&rsipstack_peer::parse(black_box(bytes))))
        });
        g.bench_function("ezk-sip-types", |b| {
            b.iter(|| ezk_peer::parse(black_box(&data)))
        });
        g.bench_function("ezk-sip-types/lookups", |b| {
            b.iter(|| ezk_peer::lookups(&ezk_peer::parse(black_box(&data))))
        });
        g.finish();
    }
}

criterion_group!(benches, messages);
criterion_main!(benches);
