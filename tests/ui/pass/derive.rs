use sip_codes::header::*;
use sip_codes::{RequestHeaders, SipResponse, StatusCode, method, status};

#[derive(Debug, SipResponse)]
enum RegisterError<'a, T: std::fmt::Debug> {
    #[sip(Unauthorized)]
    Challenge { www_authenticate: Challenge },
    #[sip(IntervalTooBrief)]
    TooBrief { min_expires: MinExpires },
    #[sip(Forbidden, reason = "Wrong Guess")]
    BadPassword,
    #[sip(ServiceUnavailable)]
    Overloaded { retry_after: Option<RetryAfter>, #[sip(skip)] detail: &'a str },
    #[sip(BusyHere, q850 = 17)]
    Busy,
    #[sip(dynamic)]
    Downstream(StatusCode),
    #[sip(dynamic)]
    Relayed { #[sip(code)] code: StatusCode, warning: Vec<Warning>, #[sip(skip)] context: T },
    #[sip(status::NotAcceptableHere)]
    NoCodec(Warning, #[sip(body = "text/plain")] &'static str),
}

// A struct, tuple and unit shapes.
#[derive(SipResponse)]
#[sip(MethodNotAllowed)]
struct NotAllowed {
    allow: Allow,
}

#[derive(SipResponse)]
#[sip(Decline, reason = "Not today")]
struct Declined;

#[derive(SipResponse)]
#[sip(UnsupportedMediaType)]
struct Media(Accept);

fn main() {
    let request = RequestHeaders::new("<sip:a@example.com>;tag=1", "<sip:b@example.com>", "c", "1 REGISTER")
        .unwrap()
        .via("SIP/2.0/UDP h;branch=z9hG4bK1")
        .unwrap();
    assert!(request.typed::<method::Register>().is_some());
    let busy: RegisterError<'_, ()> = RegisterError::Busy;
    assert_eq!(busy.code(), 486);
    let response = busy.into_response(&request).unwrap();
    assert_eq!(response.header("Reason").unwrap().as_str(), "Q.850;cause=17");
    let phrase = RegisterError::<()>::BadPassword.into_response(&request).unwrap();
    assert_eq!(phrase.reason(), "Wrong Guess");
    let relayed = RegisterError::Relayed { code: StatusCode::Decline, warning: vec![], context: 7 };
    assert_eq!(relayed.code(), 603);
    assert!(relayed.into_response(&request).is_ok());
    let empty: RegisterError<'_, ()> = RegisterError::Overloaded { retry_after: None, detail: "" };
    assert!(empty.into_response(&request).is_ok());
    let warning = Warning::new(304, "example.com", "no codec").unwrap();
    let no_codec: RegisterError<'_, ()> = RegisterError::NoCodec(warning, "opus only");
    assert_eq!(no_codec.into_response(&request).unwrap().body(), b"opus only");
    assert_eq!(NotAllowed { allow: Allow::from([Method::Invite]) }.into_response(&request).unwrap().code(), 405);
    assert_eq!(Declined.into_response(&request).unwrap().reason(), "Not today");
    assert_eq!(Media(Accept::from(MediaType::APPLICATION_SDP)).code(), 415);
    let _ = status::Ok::STATUS;
}
