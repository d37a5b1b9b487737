//! Every response the builders can make, for every code of the spec (and every method-scoped builder),
//! parses under an independent SIP parser used as a test oracle (`ezk-sip-types`, which no one here
//! wrote), and round-trips through our own `StatusLine`.

use bytes::Bytes;
use ezk_sip_types::header::typed::{CSeq, CallID, ContentLength, FromTo, Via};
use ezk_sip_types::msg::{Line, MessageLine, PullParser};
use ezk_sip_types::parse::Parse;
use ezk_sip_types::{Headers, Name};
use sip_codes::header::*;
use sip_codes::{RequestHeaders, Response, StatusCode, StatusLine, status};

const INVITE: &str = "INVITE sip:bob@192.0.2.4 SIP/2.0\r\n\
Via: SIP/2.0/UDP pc33.example.com;branch=z9hG4bK776asdhds\r\n\
Via: SIP/2.0/TCP proxy.example.com:5061;branch=z9hG4bKnashds8;received=192.0.2.1\r\n\
Max-Forwards: 70\r\n\
To: Bob <sip:bob@example.com>\r\n\
From: Alice <sip:alice@example.com>;tag=1928301774\r\n\
Call-ID: a84b4c76e66710@pc33.example.com\r\n\
CSeq: 314159 INVITE\r\n\
Timestamp: 54\r\n\
Contact: <sip:alice@pc33.example.com>\r\n\
Content-Length: 0\r\n\r\n";

fn server() -> Server {
    Server::new("sip-codes/0.1 (oracle test)").unwrap()
}

/// One response per builder kind: every code's `builder()`, and every method-scoped entry point, with its
/// required headers set and the transaction headers copied from the INVITE above.
#[allow(deprecated)]
fn every_response(request: &RequestHeaders) -> Vec<(u16, Response)> {
    vec![
        (
            100,
            status::Trying::builder()
                .reply_to(request)
                .server(server())
                .build(),
        ),
        (
            180,
            status::Ringing::builder()
                .reply_to(request)
                .server(server())
                .build(),
        ),
        (
            181,
            status::CallIsBeingForwarded::builder()
                .reply_to(request)
                .server(server())
                .build(),
        ),
        (
            182,
            status::Queued::builder()
                .reply_to(request)
                .server(server())
                .build(),
        ),
        (
            183,
            status::SessionProgress::builder()
                .reply_to(request)
                .server(server())
                .build(),
        ),
        (
            199,
            status::EarlyDialogTerminated::builder()
                .reply_to(request)
                .reason(Reason::sip(480).unwrap())
                .server(server())
                .build(),
        ),
        (
            200,
            status::Ok::builder()
                .reply_to(request)
                .server(server())
                .build(),
        ),
        (
            200,
            status::Ok::for_invite()
                .reply_to(request)
                .contact(Uri::new("sip:alice@192.0.2.10").unwrap())
                .server(server())
                .build(),
        ),
        (
            200,
            status::Ok::for_subscribe()
                .reply_to(request)
                .expires(3600u32)
                .server(server())
                .build(),
        ),
        (
            200,
            status::Ok::for_publish()
                .reply_to(request)
                .expires(3600u32)
                .sip_etag(SipETag::new("dx200xyz").unwrap())
                .server(server())
                .build(),
        ),
        (
            202,
            status::Accepted::builder()
                .reply_to(request)
                .server(server())
                .build(),
        ),
        (
            202,
            status::Accepted::for_subscribe()
                .reply_to(request)
                .expires(3600u32)
                .server(server())
                .build(),
        ),
        (
            204,
            status::NoNotification::builder()
                .reply_to(request)
                .server(server())
                .build(),
        ),
        (
            204,
            status::NoNotification::for_subscribe()
                .reply_to(request)
                .expires(3600u32)
                .server(server())
                .build(),
        ),
        (
            300,
            status::MultipleChoices::builder()
                .reply_to(request)
                .server(server())
                .build(),
        ),
        (
            301,
            status::MovedPermanently::builder()
                .reply_to(request)
                .server(server())
                .build(),
        ),
        (
            302,
            status::MovedTemporarily::builder()
                .reply_to(request)
                .server(server())
                .build(),
        ),
        (
            305,
            status::UseProxy::builder()
                .reply_to(request)
                .server(server())
                .build(),
        ),
        (
            380,
            status::AlternativeService::builder()
                .reply_to(request)
                .server(server())
                .build(),
        ),
        (
            400,
            status::BadRequest::builder()
                .reply_to(request)
                .server(server())
                .build(),
        ),
        (
            401,
            status::Unauthorized::builder()
                .reply_to(request)
                .www_authenticate(
                    Challenge::digest("example.com", "f84f1cec41e6cbe5aea9c8e88d359").unwrap(),
                )
                .server(server())
                .build(),
        ),
        (
            402,
            status::PaymentRequired::builder()
                .reply_to(request)
                .server(server())
                .build(),
        ),
        (
            403,
            status::Forbidden::builder()
                .reply_to(request)
                .server(server())
                .build(),
        ),
        (
            404,
            status::NotFound::builder()
                .reply_to(request)
                .server(server())
                .build(),
        ),
        (
            405,
            status::MethodNotAllowed::builder()
                .reply_to(request)
                .allow([Method::Invite, Method::Ack])
                .server(server())
                .build(),
        ),
        (
            406,
            status::NotAcceptable::builder()
                .reply_to(request)
                .server(server())
                .build(),
        ),
        (
            407,
            status::ProxyAuthenticationRequired::builder()
                .reply_to(request)
                .proxy_authenticate(
                    Challenge::digest("example.com", "f84f1cec41e6cbe5aea9c8e88d359").unwrap(),
                )
                .server(server())
                .build(),
        ),
        (
            408,
            status::RequestTimeout::builder()
                .reply_to(request)
                .server(server())
                .build(),
        ),
        (
            409,
            status::Conflict::builder()
                .reply_to(request)
                .server(server())
                .build(),
        ),
        (
            410,
            status::Gone::builder()
                .reply_to(request)
                .server(server())
                .build(),
        ),
        (
            411,
            status::LengthRequired::builder()
                .reply_to(request)
                .server(server())
                .build(),
        ),
        (
            412,
            status::ConditionalRequestFailed::builder()
                .reply_to(request)
                .server(server())
                .build(),
        ),
        (
            413,
            status::RequestEntityTooLarge::builder()
                .reply_to(request)
                .server(server())
                .build(),
        ),
        (
            414,
            status::RequestUriTooLong::builder()
                .reply_to(request)
                .server(server())
                .build(),
        ),
        (
            415,
            status::UnsupportedMediaType::builder()
                .reply_to(request)
                .accept(MediaType::APPLICATION_SDP)
                .server(server())
                .build(),
        ),
        (
            416,
            status::UnsupportedUriScheme::builder()
                .reply_to(request)
                .server(server())
                .build(),
        ),
        (
            417,
            status::UnknownResourcePriority::builder()
                .reply_to(request)
                .server(server())
                .build(),
        ),
        (
            420,
            status::BadExtension::builder()
                .reply_to(request)
                .unsupported(OptionTag::REL_100)
                .server(server())
                .build(),
        ),
        (
            421,
            status::ExtensionRequired::builder()
                .reply_to(request)
                .require(OptionTag::REL_100)
                .server(server())
                .build(),
        ),
        (
            422,
            status::SessionIntervalTooSmall::builder()
                .reply_to(request)
                .min_se(90u32)
                .server(server())
                .build(),
        ),
        (
            423,
            status::IntervalTooBrief::builder()
                .reply_to(request)
                .server(server())
                .build(),
        ),
        (
            423,
            status::IntervalTooBrief::for_register()
                .reply_to(request)
                .min_expires(3600u32)
                .server(server())
                .build(),
        ),
        (
            423,
            status::IntervalTooBrief::for_publish()
                .reply_to(request)
                .min_expires(3600u32)
                .server(server())
                .build(),
        ),
        (
            424,
            status::BadLocationInformation::builder()
                .reply_to(request)
                .geolocation_error(GeolocationError::new(100).unwrap())
                .server(server())
                .build(),
        ),
        (
            425,
            status::BadAlertMessage::builder()
                .reply_to(request)
                .alertmsg_error(AlertMsgError::new(100).unwrap())
                .server(server())
                .build(),
        ),
        (
            428,
            status::UseIdentityHeader::builder()
                .reply_to(request)
                .server(server())
                .build(),
        ),
        (
            429,
            status::ProvideReferrerIdentity::builder()
                .reply_to(request)
                .server(server())
                .build(),
        ),
        (
            430,
            status::FlowFailed::builder()
                .reply_to(request)
                .server(server())
                .build(),
        ),
        (
            433,
            status::AnonymityDisallowed::builder()
                .reply_to(request)
                .server(server())
                .build(),
        ),
        (
            436,
            status::BadIdentityInfo::builder()
                .reply_to(request)
                .server(server())
                .build(),
        ),
        (
            437,
            status::UnsupportedCredential::builder()
                .reply_to(request)
                .server(server())
                .build(),
        ),
        (
            438,
            status::InvalidIdentityHeader::builder()
                .reply_to(request)
                .server(server())
                .build(),
        ),
        (
            439,
            status::FirstHopLacksOutboundSupport::builder()
                .reply_to(request)
                .server(server())
                .build(),
        ),
        (
            440,
            status::MaxBreadthExceeded::builder()
                .reply_to(request)
                .server(server())
                .build(),
        ),
        (
            469,
            status::BadInfoPackage::builder()
                .reply_to(request)
                .recv_info(RecvInfo::none())
                .server(server())
                .build(),
        ),
        (
            470,
            status::ConsentNeeded::builder()
                .reply_to(request)
                .server(server())
                .build(),
        ),
        (
            480,
            status::TemporarilyUnavailable::builder()
                .reply_to(request)
                .server(server())
                .build(),
        ),
        (
            481,
            status::CallTransactionDoesNotExist::builder()
                .reply_to(request)
                .server(server())
                .build(),
        ),
        (
            482,
            status::LoopDetected::builder()
                .reply_to(request)
                .server(server())
                .build(),
        ),
        (
            483,
            status::TooManyHops::builder()
                .reply_to(request)
                .server(server())
                .build(),
        ),
        (
            484,
            status::AddressIncomplete::builder()
                .reply_to(request)
                .server(server())
                .build(),
        ),
        (
            485,
            status::Ambiguous::builder()
                .reply_to(request)
                .server(server())
                .build(),
        ),
        (
            486,
            status::BusyHere::builder()
                .reply_to(request)
                .server(server())
                .build(),
        ),
        (
            487,
            status::RequestTerminated::builder()
                .reply_to(request)
                .server(server())
                .build(),
        ),
        (
            488,
            status::NotAcceptableHere::builder()
                .reply_to(request)
                .server(server())
                .build(),
        ),
        (
            489,
            status::BadEvent::builder()
                .reply_to(request)
                .server(server())
                .build(),
        ),
        (
            491,
            status::RequestPending::builder()
                .reply_to(request)
                .server(server())
                .build(),
        ),
        (
            493,
            status::Undecipherable::builder()
                .reply_to(request)
                .server(server())
                .build(),
        ),
        (
            494,
            status::SecurityAgreementRequired::builder()
                .reply_to(request)
                .security_server(SecurityMechanism::TLS)
                .server(server())
                .build(),
        ),
        (
            500,
            status::ServerInternalError::builder()
                .reply_to(request)
                .server(server())
                .build(),
        ),
        (
            501,
            status::NotImplemented::builder()
                .reply_to(request)
                .server(server())
                .build(),
        ),
        (
            502,
            status::BadGateway::builder()
                .reply_to(request)
                .server(server())
                .build(),
        ),
        (
            503,
            status::ServiceUnavailable::builder()
                .reply_to(request)
                .server(server())
                .build(),
        ),
        (
            504,
            status::ServerTimeOut::builder()
                .reply_to(request)
                .server(server())
                .build(),
        ),
        (
            505,
            status::VersionNotSupported::builder()
                .reply_to(request)
                .server(server())
                .build(),
        ),
        (
            513,
            status::MessageTooLarge::builder()
                .reply_to(request)
                .server(server())
                .build(),
        ),
        (
            555,
            status::PushNotificationServiceNotSupported::builder()
                .reply_to(request)
                .server(server())
                .build(),
        ),
        (
            580,
            status::PreconditionFailure::builder()
                .reply_to(request)
                .server(server())
                .build(),
        ),
        (
            600,
            status::BusyEverywhere::builder()
                .reply_to(request)
                .server(server())
                .build(),
        ),
        (
            603,
            status::Decline::builder()
                .reply_to(request)
                .server(server())
                .build(),
        ),
        (
            604,
            status::DoesNotExistAnywhere::builder()
                .reply_to(request)
                .server(server())
                .build(),
        ),
        (
            606,
            status::NotAcceptableAnywhere::builder()
                .reply_to(request)
                .server(server())
                .build(),
        ),
        (
            607,
            status::Unwanted::builder()
                .reply_to(request)
                .server(server())
                .build(),
        ),
        (
            608,
            status::Rejected::builder()
                .reply_to(request)
                .server(server())
                .build(),
        ),
    ]
}

/// What the oracle read from a message.
struct Parsed {
    code: u16,
    reason: String,
    headers: Headers,
    body_len: usize,
}

fn oracle_parse(bytes: &[u8]) -> Parsed {
    let data = Bytes::copy_from_slice(bytes);
    let mut lines = PullParser::new(&data, 0);
    let first = lines
        .next()
        .expect("a start line")
        .expect("a complete start line");
    let first = std::str::from_utf8(first).expect("utf-8 start line");
    let (code, reason) = match <MessageLine as Parse>::parse(&data)(first) {
        Ok((rest, MessageLine::Response(line))) => {
            assert!(
                rest.is_empty(),
                "trailing bytes after the status line: {rest:?}"
            );
            (
                line.code.into_u16(),
                line.reason.map(|r| r.to_string()).unwrap_or_default(),
            )
        }
        other => panic!("not a response line: {first:?} ({:?})", other.is_ok()),
    };
    let mut headers = Headers::with_capacity(16);
    for line in lines.by_ref() {
        let line = std::str::from_utf8(line.expect("complete header line")).expect("utf-8 header");
        let (_, parsed) =
            Line::parse(&data, line).unwrap_or_else(|e| panic!("header line {line:?}: {e:?}"));
        headers.insert(parsed.name, parsed.value);
    }
    let body_len = data.len() - lines.head_end();
    Parsed {
        code,
        reason,
        headers,
        body_len,
    }
}

#[test]
fn every_response_parses_under_an_independent_parser() {
    let request = RequestHeaders::from_message(INVITE).unwrap();
    let responses = every_response(&request);
    // Every code of the spec is covered.
    for code in StatusCode::ALL {
        assert!(
            responses.iter().any(|(c, _)| *c == code.code()),
            "no response built for {code}"
        );
    }
    for (code, response) in &responses {
        let bytes = response.to_bytes();
        assert_eq!(bytes.len(), response.wire_len());
        let parsed = oracle_parse(&bytes);
        assert_eq!(parsed.code, *code);
        assert_eq!(parsed.reason, response.reason());

        // Transaction headers: both Vias in order, From, To with a tag except on 100, Call-ID, CSeq.
        let vias: Vec<Via> = parsed
            .headers
            .get_named()
            .map(|v: Vec<Via>| v)
            .expect("Via");
        assert_eq!(vias.len(), 2, "{code}");
        assert_eq!(
            vias[0].params.get_val("branch").map(|b| b.as_str()),
            Some("z9hG4bK776asdhds")
        );
        assert_eq!(
            vias[1].params.get_val("branch").map(|b| b.as_str()),
            Some("z9hG4bKnashds8")
        );
        let from: FromTo = parsed.headers.get(Name::FROM).expect("From");
        assert_eq!(from.tag.as_deref(), Some("1928301774"));
        let to: FromTo = parsed.headers.get(Name::TO).expect("To");
        assert_eq!(to.tag.is_some(), *code != 100, "To tag on {code}");
        let call_id: CallID = parsed.headers.get_named().expect("Call-ID");
        assert_eq!(call_id.0.as_str(), "a84b4c76e66710@pc33.example.com");
        let cseq: CSeq = parsed.headers.get_named().expect("CSeq");
        assert_eq!(cseq.cseq, 314159);
        let timestamp = parsed
            .headers
            .get_raw(&Name::TIMESTAMP)
            .next()
            .map(|v| v.trim().to_string());
        assert_eq!(
            timestamp.as_deref(),
            (*code == 100).then_some("54"),
            "Timestamp on {code}"
        );
        let length: ContentLength = parsed.headers.get_named().expect("Content-Length");
        assert_eq!(length.0, parsed.body_len);

        // Our own parser reads the status line back byte for byte.
        let (line, used) = StatusLine::parse_message_start(&bytes).unwrap();
        assert_eq!(line.code(), *code);
        assert_eq!(line.reason(), response.reason());
        assert_eq!(format!("{line}\r\n").as_bytes(), &bytes[..used]);
        assert_eq!(line.status(), StatusCode::from_u16(*code));
    }
}

#[test]
fn a_body_and_a_custom_phrase_parse_too() {
    let request = RequestHeaders::from_message(INVITE).unwrap();
    let sdp = "v=0\r\no=- 1 1 IN IP4 192.0.2.4\r\ns=-\r\nc=IN IP4 192.0.2.4\r\nt=0 0\r\nm=audio 49170 RTP/AVP 0\r\n";
    let response = status::Ok::for_invite()
        .reply_to(&request)
        .contact(Uri::new("sip:bob@192.0.2.4").unwrap())
        .reason_phrase(sip_codes::response::ReasonPhrase::new("Answered").unwrap())
        .body(MediaType::APPLICATION_SDP, sdp)
        .build();
    let bytes = response.to_bytes();
    let parsed = oracle_parse(&bytes);
    assert_eq!(parsed.code, 200);
    assert_eq!(parsed.reason, "Answered");
    assert_eq!(parsed.body_len, sdp.len());
    assert!(bytes.ends_with(sdp.as_bytes()));
}
