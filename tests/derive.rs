//! `#[derive(SipResponse)]` at run time: every shape the derive takes (enum variants named, tuple and
//! unit; structs; generics and lifetimes; `Option`, `Vec`, body, reason, Q.850, `to_tag`, `dynamic`; a
//! user's spec; next to `thiserror`) makes responses that ezk-sip-types reads with the headers their
//! rules require (the oracle of tests/oracle.rs) and that the crate's own checker of received responses
//! finds nothing wrong with.

#[path = "common/oracle_parse.rs"]
mod oracle_parse;
#[path = "common/requests.rs"]
#[allow(dead_code)]
mod requests;

use oracle_parse::{Made, check};
use sip_codes::header::*;
use sip_codes::message::Message;
use sip_codes::rules::check_message;
use sip_codes::{Response, SipResponse, StatusCode};

mod vendor {
    sip_codes::sip_codes!(
        "tests/specs/vendor.yaml",
        name = VendorCode,
        module = vendor_status
    );
}
use vendor::{VendorCode, vendor_status};

#[derive(Debug, SipResponse, thiserror::Error)]
enum RegisterError<'a, T: std::fmt::Debug> {
    #[error("credentials needed")]
    #[sip(Unauthorized)]
    Challenge { www_authenticate: Challenge },
    #[error("expiry too brief")]
    #[sip(IntervalTooBrief)]
    TooBrief(MinExpires),
    #[error("wrong password")]
    #[sip(Forbidden, reason = "Wrong Guess")]
    BadPassword,
    #[error("overloaded: {detail}")]
    #[sip(ServiceUnavailable)]
    Overloaded {
        retry_after: Option<RetryAfter>,
        #[sip(skip)]
        detail: &'a str,
    },
    #[error("busy")]
    #[sip(BusyHere, q850 = 17)]
    Busy,
    #[error("no answer")]
    #[sip(TemporarilyUnavailable)]
    NoAnswer {
        #[sip(to_tag)]
        tag: Token,
    },
    #[error("{0} downstream")]
    #[sip(dynamic)]
    Downstream(StatusCode),
    #[error("relayed {code}")]
    #[sip(dynamic)]
    Relayed {
        #[sip(code)]
        code: StatusCode,
        warning: Vec<Warning>,
        #[sip(skip)]
        context: T,
    },
    #[error("no codec")]
    #[sip(sip_codes::status::NotAcceptableHere)]
    NoCodec(Warning, #[sip(body = "text/plain")] &'static str),
}

#[derive(SipResponse)]
#[sip(MethodNotAllowed)]
struct NotAllowed {
    #[sip(header = "Allow")]
    methods: Allow,
}

#[derive(SipResponse)]
#[sip(Decline, reason = "Not today")]
struct Declined;

#[derive(SipResponse)]
#[sip(UnsupportedMediaType)]
struct Media(Accept);

#[derive(SipResponse)]
#[sip(spec = vendor_status)]
enum Carrier {
    #[sip(CodecMismatch)]
    Codec { warning: Warning },
    #[sip(Forbidden)]
    Policy { reason: Reason },
}

fn warning() -> Warning {
    Warning::new(304, "example.com", "no codec").unwrap()
}

/// Every derived response to a request of `method`.
fn derived(method: &str) -> Vec<Response> {
    let request = requests::request(method);
    let challenge = Challenge::digest("example.com", "84a4cc6f3082121f32b42a2187831a9e").unwrap();
    let errors: Vec<RegisterError<'_, u8>> = vec![
        RegisterError::Challenge {
            www_authenticate: challenge,
        },
        RegisterError::TooBrief(MinExpires::new(3600)),
        RegisterError::BadPassword,
        RegisterError::Overloaded {
            retry_after: Some(RetryAfter::new(30)),
            detail: "queue full",
        },
        RegisterError::Overloaded {
            retry_after: None,
            detail: "queue full",
        },
        RegisterError::Busy,
        RegisterError::NoAnswer {
            tag: Token::new("a6c85cf").unwrap(),
        },
        RegisterError::Downstream(StatusCode::BadGateway),
        RegisterError::Relayed {
            code: StatusCode::Decline,
            warning: vec![warning(), warning()],
            context: 7,
        },
        RegisterError::NoCodec(warning(), "opus only"),
    ];
    let mut out: Vec<Response> = errors
        .into_iter()
        .map(|e| {
            let what = e.to_string();
            e.into_response(&request)
                .unwrap_or_else(|v| panic!("{what}: {v}"))
        })
        .collect();
    let allow = Allow::from([Method::Invite, Method::Options]);
    out.push(
        NotAllowed { methods: allow }
            .into_response(&request)
            .unwrap(),
    );
    out.push(Declined.into_response(&request).unwrap());
    let media = Media(Accept::from(MediaType::APPLICATION_SDP));
    out.push(media.into_response(&request).unwrap());
    out
}

#[test]
fn every_derived_response_reads_back_and_checks_clean() {
    for method in ["INVITE", "REGISTER", "OPTIONS"] {
        for response in derived(method) {
            let code = StatusCode::from_u16(response.code()).unwrap();
            check(&Made {
                code,
                method,
                how: "derive",
                response: response.clone(),
            });
            let wire = response.to_bytes();
            let found = check_message::<StatusCode>(&Message::parse(&wire).unwrap()).unwrap();
            assert!(found.is_empty(), "{code} to {method}: {found:?}");
        }
    }
}

#[test]
fn attributes_reach_the_wire() {
    let request = requests::request("INVITE");
    let busy: RegisterError<'_, ()> = RegisterError::Busy;
    assert_eq!(busy.code(), 486);
    let busy = busy.into_response(&request).unwrap();
    assert_eq!(busy.header("Reason").unwrap(), "Q.850;cause=17");
    let phrase = RegisterError::<()>::BadPassword
        .into_response(&request)
        .unwrap();
    assert_eq!(phrase.reason(), "Wrong Guess");
    let tagged: RegisterError<'_, ()> = RegisterError::NoAnswer {
        tag: Token::new("a6c85cf").unwrap(),
    };
    let tagged = tagged.into_response(&request).unwrap();
    assert!(
        tagged
            .header("To")
            .unwrap()
            .as_str()
            .ends_with(";tag=a6c85cf")
    );
    let no_codec: RegisterError<'_, ()> = RegisterError::NoCodec(warning(), "opus only");
    let no_codec = no_codec.into_response(&request).unwrap();
    assert_eq!(no_codec.body(), b"opus only");
    assert_eq!(no_codec.content_type().unwrap().as_str(), "text/plain");
    let relayed: RegisterError<'_, ()> = RegisterError::Relayed {
        code: StatusCode::Decline,
        warning: vec![warning(), warning()],
        context: (),
    };
    assert_eq!(relayed.to_string(), "relayed 603 Decline");
    assert_eq!(
        relayed
            .into_response(&request)
            .unwrap()
            .header_all("Warning")
            .count(),
        2
    );
}

#[test]
fn rules_checked_at_run_time_refuse_in_the_builder_sentence() {
    // A dynamic code whose MUST header has no field: refused when the code is known.
    let request = requests::request("INVITE");
    let refused = RegisterError::<()>::Downstream(StatusCode::MethodNotAllowed)
        .into_response(&request)
        .unwrap_err();
    assert_eq!(
        refused.to_string(),
        "`405 Method Not Allowed` requires the `Allow` header (RFC 3261 §21.4.6)"
    );
    // No response to an ACK, whatever the variant.
    let ack = requests::request("ACK");
    let refused = RegisterError::<()>::Busy.into_response(&ack).unwrap_err();
    assert!(
        refused.to_string().ends_with("ACK request (RFC 3261 §17)"),
        "{refused}"
    );
}

#[test]
fn a_users_spec_through_the_derive() {
    let request = requests::request("INVITE");
    let codec = Carrier::Codec { warning: warning() }
        .into_response(&request)
        .unwrap();
    assert_eq!(codec.code(), 499);
    let policy = Carrier::Policy {
        reason: Reason::sip(403).unwrap(),
    }
    .into_response(&request)
    .unwrap();
    assert_eq!(policy.reason(), VendorCode::Forbidden.reason_phrase());
    let line = policy.to_string();
    assert!(line.starts_with("SIP/2.0 403 Wrong Guess\r\n"), "{line}");
}
