//! Building and serializing typical responses, each crate building the same message with its own API and
//! writing it to bytes:
//!
//! - `405_allow`: `405 Method Not Allowed` with `Allow: INVITE, ACK, BYE, CANCEL, OPTIONS`;
//! - `401_digest`: `401 Unauthorized` with a Digest `WWW-Authenticate` (realm, nonce, qop, algorithm);
//! - `200_reply_to`: `200 OK` with the `Contact` a 200 to an INVITE must carry.
//!
//! Each answers the same INVITE (two Via, a Record-Route): both Via, From, To with the UAS's tag added,
//! Call-ID and CSeq copied from the request (the 200 also its Record-Route, RFC 3261 §12.1.1). The request is parsed before timing, by each crate into its own representation (what its
//! server has in hand when it answers). Timed: `sip-codes` typing the request by its method (so that the
//! compiler checks the 401's and the 200's rules), making the header values, building the response,
//! serializing it; each peer copying the same headers and adding the same ones with its own API.
//! `sip-codes` writes into a reused `Vec` (`write_to`); peers serialize with their own call (`to_bytes`,
//! `Into<Vec<u8>>`, or for `ezk-sip-types` what `ezk-sip-core` does when it sends a response).

use std::hint::black_box;

use bytes::BytesMut;
use criterion::{Criterion, criterion_group, criterion_main};

const REALM: &str = "atlanta.example.com";
const NONCE: &str = "84a4cc6f3082121f32b42a2187831a9e";
const TAG: &str = "a6c85cf";
const CONTACT: &str = "sip:bob@192.0.2.4";

const REQUEST: &str = "INVITE sip:bob@biloxi.example.com SIP/2.0\r\n\
    Via: SIP/2.0/UDP bigbox3.site3.atlanta.example.com;branch=z9hG4bK77ef4c2312983.1\r\n\
    Via: SIP/2.0/UDP pc33.atlanta.example.com;branch=z9hG4bKnashds8;received=192.0.2.1\r\n\
    Max-Forwards: 69\r\n\
    Record-Route: <sip:bigbox3.site3.atlanta.example.com;lr>\r\n\
    To: Bob <sip:bob@biloxi.example.com>\r\n\
    From: Alice <sip:alice@atlanta.example.com>;tag=1928301774\r\n\
    Call-ID: a84b4c76e66710@pc33.atlanta.example.com\r\n\
    CSeq: 314159 INVITE\r\n\
    Contact: <sip:alice@pc33.atlanta.example.com>\r\n\
    Content-Length: 0\r\n\r\n";

mod ours {
    use sip_codes::header::{Challenge, DigestAlgorithm, DigestChallenge, Method, Qop, Token, Uri};
    use sip_codes::{RequestHeaders, method, status};

    pub fn allow_405(request: &RequestHeaders, out: &mut Vec<u8>) {
        status::MethodNotAllowed::reply_to(request)
            .to_tag(Token::new(super::TAG).unwrap())
            .allow([
                Method::Invite,
                Method::Ack,
                Method::Bye,
                Method::Cancel,
                Method::Options,
            ])
            .build()
            .expect("an INVITE, not an ACK")
            .write_to(out)
            .unwrap();
    }

    pub fn digest_401(request: &RequestHeaders, out: &mut Vec<u8>) {
        let invite = request.typed::<method::Invite>().unwrap();
        let challenge = DigestChallenge::new(super::REALM, super::NONCE)
            .unwrap()
            .with_qop(Qop::Auth)
            .with_algorithm(DigestAlgorithm::Md5);
        status::Unauthorized::reply_to(invite)
            .to_tag(Token::new(super::TAG).unwrap())
            .www_authenticate(Challenge::from(challenge))
            .build()
            .write_to(out)
            .unwrap();
    }

    pub fn ok_200(request: &RequestHeaders, out: &mut Vec<u8>) {
        let invite = request.typed::<method::Invite>().unwrap();
        status::Ok::reply_to(invite)
            .to_tag(Token::new(super::TAG).unwrap())
            .contact(Uri::new(super::CONTACT).unwrap())
            .build()
            .write_to(out)
            .unwrap();
    }
}

mod rsip_peer {
    use rsip::headers::UntypedHeader;
    use rsip::headers::auth::{Algorithm, Qop, Scheme};
    use rsip::{Header, Headers, Method, Response, StatusCode, Version};

    /// The headers a response copies from `request`, the UAS's tag added to To.
    fn copied(request: &rsip::Request) -> Headers {
        let mut headers = Headers::default();
        for h in request.headers.iter() {
            match h {
                Header::Via(_) | Header::From(_) | Header::CallId(_) | Header::CSeq(_) => {
                    headers.push(h.clone())
                }
                Header::To(to) => headers.push(Header::To(
                    to.clone()
                        .with_tag(rsip::param::Tag::new(super::TAG))
                        .unwrap(),
                )),
                _ => {}
            }
        }
        headers
    }

    fn respond(status_code: StatusCode, mut headers: Headers) -> Vec<u8> {
        headers.push(Header::ContentLength(Default::default()));
        Response {
            status_code,
            version: Version::V2,
            headers,
            body: Vec::new(),
        }
        .into()
    }

    pub fn allow_405(request: &rsip::Request) -> Vec<u8> {
        let allow = rsip::typed::Allow(vec![
            Method::Invite,
            Method::Ack,
            Method::Bye,
            Method::Cancel,
            Method::Options,
        ]);
        let mut headers = copied(request);
        headers.push(Header::Allow(allow.into()));
        respond(StatusCode::MethodNotAllowed, headers)
    }

    pub fn digest_401(request: &rsip::Request) -> Vec<u8> {
        let challenge = rsip::typed::WwwAuthenticate {
            scheme: Scheme::Digest,
            realm: super::REALM.into(),
            nonce: super::NONCE.into(),
            qop: Some(Qop::Auth),
            algorithm: Some(Algorithm::Md5),
            ..Default::default()
        };
        let mut headers = copied(request);
        headers.push(Header::WwwAuthenticate(challenge.into()));
        respond(StatusCode::Unauthorized, headers)
    }

    pub fn ok_200(request: &rsip::Request) -> Vec<u8> {
        let mut headers = copied(request);
        // A 2xx to INVITE copies the Record-Route (RFC 3261 §12.1.1).
        for h in request.headers.iter() {
            if let Header::RecordRoute(_) = h {
                headers.push(h.clone());
            }
        }
        let contact = format!("<{}>", super::CONTACT);
        headers.push(Header::Contact(rsip::headers::Contact::new(contact)));
        respond(StatusCode::OK, headers)
    }
}

mod rsipstack_peer {
    use rsipstack::sip::headers::auth::{Algorithm, Qop, Scheme};
    use rsipstack::sip::{Header, Headers, Method, Response, StatusCode, Version};

    /// What rsipstack's `EndpointInner::make_response` does (it needs a running endpoint), plus the tag.
    fn copied(request: &rsipstack::sip::Request) -> Headers {
        let mut headers = request.headers.clone();
        headers.retain(|h| {
            matches!(
                h,
                Header::Via(_)
                    | Header::CallId(_)
                    | Header::From(_)
                    | Header::To(_)
                    | Header::CSeq(_)
            )
        });
        for h in headers.iter_mut() {
            if let Header::To(to) = h {
                *to = to
                    .clone()
                    .with_tag(rsipstack::sip::param::Tag::new(super::TAG));
            }
        }
        headers
    }

    fn respond(status_code: StatusCode, mut headers: Headers) -> Vec<u8> {
        headers.push(Header::ContentLength(0u32.into()));
        Response {
            status_code,
            wire_reason: None,
            version: Version::V2,
            headers,
            body: Vec::new(),
        }
        .to_bytes()
    }

    pub fn allow_405(request: &rsipstack::sip::Request) -> Vec<u8> {
        let allow = rsipstack::sip::typed::Allow::from(vec![
            Method::Invite,
            Method::Ack,
            Method::Bye,
            Method::Cancel,
            Method::Options,
        ]);
        let mut headers = copied(request);
        headers.push(Header::from(allow));
        respond(StatusCode::MethodNotAllowed, headers)
    }

    pub fn digest_401(request: &rsipstack::sip::Request) -> Vec<u8> {
        let challenge = rsipstack::sip::typed::WwwAuthenticate {
            scheme: Scheme::Digest,
            realm: super::REALM.into(),
            nonce: super::NONCE.into(),
            qop: Some(Qop::Auth),
            algorithm: Some(Algorithm::Md5),
            ..Default::default()
        };
        let mut headers = copied(request);
        headers.push(Header::from(challenge));
        respond(StatusCode::Unauthorized, headers)
    }

    pub fn ok_200(request: &rsipstack::sip::Request) -> Vec<u8> {
        let mut headers = copied(request);
        // A 2xx to INVITE copies the Record-Route (RFC 3261 §12.1.1).
        for h in request.headers.iter() {
            if let Header::RecordRoute(_) = h {
                headers.push(h.clone());
            }
        }
        let contact = format!("<{}>", super::CONTACT);
        headers.push(Header::Contact(rsipstack::sip::headers::Contact::new(
            contact,
        )));
        respond(StatusCode::OK, headers)
    }
}

mod ezk_peer {
    use std::fmt::Write as _;

    use bytes::BytesMut;
    use bytesstr::BytesStr;
    use ezk_sip_types::header::typed::{
        Algorithm, Allow, AuthChallenge, CSeq, CallID, Contact, DigestChallenge, FromTo, QopOption,
        Routing, Via,
    };
    use ezk_sip_types::msg::StatusLine;
    use ezk_sip_types::print::{AppendCtx, PrintCtx};
    use ezk_sip_types::uri::{NameAddr, SipUri};
    use ezk_sip_types::{Headers, Method, Name, StatusCode};

    /// The headers ezk-sip-core keeps of a received request (its `BaseHeaders`), decoded on receipt.
    pub struct Base {
        pub via: Vec<Via>,
        pub from: FromTo,
        pub to: FromTo,
        pub call_id: CallID,
        pub cseq: CSeq,
        pub record_route: Vec<Routing>,
    }

    pub fn parse(request: &str) -> Base {
        let data = bytes::Bytes::copy_from_slice(request.as_bytes());
        let mut lines = ezk_sip_types::msg::PullParser::new(&data, 0);
        lines.next();
        let mut headers = Headers::new();
        for line in lines {
            let line = std::str::from_utf8(line.unwrap()).unwrap();
            let (_, l) = ezk_sip_types::msg::Line::parse(&data, line).unwrap();
            headers.insert(l.name, l.value);
        }
        Base {
            via: headers.get_named().unwrap(),
            from: headers.get(Name::FROM).unwrap(),
            to: headers.get(Name::TO).unwrap(),
            call_id: headers.get_named().unwrap(),
            cseq: headers.get_named().unwrap(),
            record_route: headers.get(Name::RECORD_ROUTE).unwrap(),
        }
    }

    /// What `ezk_sip_core::Endpoint::send_outgoing_response` writes.
    fn print(line: StatusLine, mut headers: Headers, body: &[u8], out: &mut BytesMut) {
        headers.insert(Name::CONTENT_LENGTH, body.len().to_string());
        let ctx = PrintCtx {
            method: None,
            uri: None,
        };
        write!(out, "{}\r\n{}\r\n", line.print_ctx(ctx), headers).unwrap();
        out.extend_from_slice(body);
    }

    fn line(code: StatusCode) -> StatusLine {
        StatusLine {
            code,
            reason: code.text().map(BytesStr::from_static),
        }
    }

    /// What `ezk_sip_core::Endpoint::create_response` does, plus the tag.
    fn copied(base: &Base, capacity: usize) -> Headers {
        let mut headers = Headers::with_capacity(capacity);
        headers.insert_named(&base.via);
        headers.insert_type(Name::FROM, &base.from);
        let mut to = base.to.clone();
        to.tag = Some(BytesStr::from_static(super::TAG));
        headers.insert_type(Name::TO, &to);
        headers.insert_named(&base.call_id);
        headers.insert_named(&base.cseq);
        headers
    }

    pub fn allow_405(base: &Base, out: &mut BytesMut) {
        let allow: Vec<Allow> = vec![
            Allow(Method::INVITE),
            Allow(Method::ACK),
            Allow(Method::BYE),
            Allow(Method::CANCEL),
            Allow(Method::OPTIONS),
        ];
        let mut headers = copied(base, 7);
        headers.insert_named(&allow);
        print(line(StatusCode::METHOD_NOT_ALLOWED), headers, &[], out);
    }

    pub fn digest_401(base: &Base, out: &mut BytesMut) {
        let challenge = AuthChallenge::Digest(DigestChallenge {
            realm: BytesStr::from_static(super::REALM),
            domain: None,
            nonce: BytesStr::from_static(super::NONCE),
            opaque: None,
            stale: false,
            algorithm: Algorithm::AlgorithmValue(ezk_sip_types::header::typed::AlgorithmValue::MD5),
            qop: vec![QopOption::Auth],
            userhash: false,
            other: Vec::new(),
        });
        let mut headers = copied(base, 7);
        headers.insert_type(Name::WWW_AUTHENTICATE, &challenge);
        print(line(StatusCode::UNAUTHORIZED), headers, &[], out);
    }

    pub fn ok_200(base: &Base, out: &mut BytesMut) {
        let uri: SipUri = super::CONTACT.parse().unwrap();
        let mut headers = copied(base, 8);
        // A 2xx to INVITE copies the Record-Route (RFC 3261 §12.1.1).
        headers.insert_type(Name::RECORD_ROUTE, &base.record_route);
        headers.insert_named(&Contact::new(NameAddr::uri(uri)));
        print(line(StatusCode::OK), headers, &[], out);
    }
}

/// Prints each crate's output once, so that a reader can check they build the same message.
fn show(name: &str, wire: &[u8]) {
    if std::env::var_os("SHOW_RESPONSES").is_some() {
        eprintln!("--- {name}\n{}", String::from_utf8_lossy(wire));
    }
    assert!(wire.starts_with(b"SIP/2.0 "), "{name}");
    assert!(wire.ends_with(b"\r\n\r\n"), "{name}");
    let text = String::from_utf8_lossy(wire);
    assert_eq!(text.matches("Via: ").count(), 2, "{name}: both Vias");
    // Only the 200 establishes a dialog: only it copies the Record-Route (RFC 3261 §12.1.1).
    let routes = text.contains("Record-Route: ");
    assert_eq!(routes, name.ends_with("200"), "{name}: Record-Route");
}

fn responses(c: &mut Criterion) {
    let ours_request = sip_codes::RequestHeaders::from_message(REQUEST).unwrap();
    let rsip_request = rsip::Request::try_from(REQUEST).unwrap();
    let rsipstack_request = rsipstack::sip::Request::try_from(REQUEST).unwrap();
    let ezk_request = ezk_peer::parse(REQUEST);

    let mut buf = Vec::with_capacity(1024);
    let mut bytes_buf = BytesMut::with_capacity(1024);
    let mut check = |name: &str, f: &mut dyn FnMut(&mut Vec<u8>)| {
        buf.clear();
        f(&mut buf);
        show(name, &buf);
    };
    check("sip-codes 405", &mut |b| ours::allow_405(&ours_request, b));
    check("sip-codes 401", &mut |b| ours::digest_401(&ours_request, b));
    check("sip-codes 200", &mut |b| ours::ok_200(&ours_request, b));
    check("rsip 405", &mut |b| {
        *b = rsip_peer::allow_405(&rsip_request)
    });
    check("rsip 401", &mut |b| {
        *b = rsip_peer::digest_401(&rsip_request)
    });
    check("rsip 200", &mut |b| *b = rsip_peer::ok_200(&rsip_request));
    check("rsipstack 405", &mut |b| {
        *b = rsipstack_peer::allow_405(&rsipstack_request)
    });
    check("rsipstack 401", &mut |b| {
        *b = rsipstack_peer::digest_401(&rsipstack_request)
    });
    check("rsipstack 200", &mut |b| {
        *b = rsipstack_peer::ok_200(&rsipstack_request)
    });
    for (name, f) in [
        (
            "ezk 405",
            ezk_peer::allow_405 as fn(&ezk_peer::Base, &mut BytesMut),
        ),
        ("ezk 401", ezk_peer::digest_401),
        ("ezk 200", ezk_peer::ok_200),
    ] {
        let mut out = BytesMut::new();
        f(&ezk_request, &mut out);
        show(name, &out);
    }

    let mut buf = Vec::with_capacity(1024);
    let mut g = c.benchmark_group("response/405_allow");
    g.bench_function("sip-codes", |b| {
        b.iter(|| {
            buf.clear();
            ours::allow_405(black_box(&ours_request), &mut buf);
            black_box(buf.len())
        })
    });
    g.bench_function("rsip", |b| {
        b.iter(|| rsip_peer::allow_405(black_box(&rsip_request)))
    });
    g.bench_function("rsipstack", |b| {
        b.iter(|| rsipstack_peer::allow_405(black_box(&rsipstack_request)))
    });
    g.bench_function("ezk-sip-types", |b| {
        b.iter(|| {
            bytes_buf.clear();
            ezk_peer::allow_405(black_box(&ezk_request), &mut bytes_buf);
            black_box(bytes_buf.len())
        })
    });
    g.finish();

    let mut g = c.benchmark_group("response/401_digest");
    g.bench_function("sip-codes", |b| {
        b.iter(|| {
            buf.clear();
            ours::digest_401(black_box(&ours_request), &mut buf);
            black_box(buf.len())
        })
    });
    g.bench_function("rsip", |b| {
        b.iter(|| rsip_peer::digest_401(black_box(&rsip_request)))
    });
    g.bench_function("rsipstack", |b| {
        b.iter(|| rsipstack_peer::digest_401(black_box(&rsipstack_request)))
    });
    g.bench_function("ezk-sip-types", |b| {
        b.iter(|| {
            bytes_buf.clear();
            ezk_peer::digest_401(black_box(&ezk_request), &mut bytes_buf);
            black_box(bytes_buf.len())
        })
    });
    g.finish();

    let mut g = c.benchmark_group("response/200_reply_to");
    g.bench_function("sip-codes", |b| {
        b.iter(|| {
            buf.clear();
            ours::ok_200(black_box(&ours_request), &mut buf);
            black_box(buf.len())
        })
    });
    g.bench_function("rsip", |b| {
        b.iter(|| rsip_peer::ok_200(black_box(&rsip_request)))
    });
    g.bench_function("rsipstack", |b| {
        b.iter(|| rsipstack_peer::ok_200(black_box(&rsipstack_request)))
    });
    g.bench_function("ezk-sip-types", |b| {
        b.iter(|| {
            bytes_buf.clear();
            ezk_peer::ok_200(black_box(&ezk_request), &mut bytes_buf);
            black_box(bytes_buf.len())
        })
    });
    g.finish();
}

criterion_group!(benches, responses);
criterion_main!(benches);
