//! Every response the builders can make parses under an independent SIP parser used as a test oracle
//! (`ezk-sip-types`, which no one here wrote), carries what it copies from its request and every header
//! the spec says it MUST carry (each parsing under the oracle's typed parser where it has one), and
//! round-trips through our own `StatusLine`. Three ways of making them, each driven by the spec:
//!
//! - every status marker's `reply_to(&request)` (the typestate builder, untyped request): one line per code
//!   below, checked to cover `StatusCode::ALL`;
//! - a typed request (`reply_to(&request.typed::<M>())`) for every method a code's rules are scoped to;
//! - the code chosen at run time (`StatusCode::X.reply_to(&request)`), for every code and every method it
//!   answers, its required headers set from the rule data.

#[path = "common/oracle_parse.rs"]
mod oracle_parse;
#[path = "common/requests.rs"]
mod requests;
#[path = "common/samples.rs"]
mod samples;

use sip_codes::header::*;
use sip_codes::method::{self, MethodMarker};
use sip_codes::rules::ViolationKind;
use sip_codes::status::{self, Builder};
use sip_codes::{Response, RuleViolations, StatusCode};

use oracle_parse::{Made, check};

fn server() -> Server {
    Server::new("sip-codes/0.1 (oracle test)").unwrap()
}

fn challenge() -> Challenge {
    Challenge::digest("example.com", "f84f1cec41e6cbe5aea9c8e88d359").unwrap()
}

/// A method `code` answers, INVITE where it can.
fn a_method_answered(code: StatusCode) -> &'static str {
    let mut answered = requests::answered(code);
    let first = answered.next().expect("every code answers some method");
    if first == "INVITE" {
        first
    } else {
        answered.find(|m| *m == "INVITE").unwrap_or(first)
    }
}

/// Adds by name, with a sample value, every header a MUST rule requires of a response of `code` to
/// `method` that the builder does not carry yet (the first member of a one-of group).
fn fill<C, M, S>(
    mut builder: Builder<C, M, S>,
    code: StatusCode,
    method: &str,
) -> Builder<C, M, S> {
    for rule in requests::musts_for(code.rules(), method) {
        if rule.headers.iter().any(|h| builder.draft().has(h)) {
            continue;
        }
        let (name, value) = samples::named(rule.headers[0]);
        builder = builder
            .header(name, value)
            .unwrap_or_else(|e| panic!("{code}: {e}"));
    }
    builder
}

/// One line per status marker: the setters of the headers its code requires whatever the method (the
/// compiler refuses `build()` without them); method-scoped ones are added by name (`fill`).
// 202, 409 and 411 are deprecated or historic: built here all the same, as every code is.
macro_rules! typestate {
    ($($marker:ident $(. $setter:ident ($($arg:expr),*))* ;)*) => {
        #[allow(deprecated)]
        const TYPESTATE: &[StatusCode] = &[$(status::$marker::STATUS),*];

        #[allow(deprecated)]
        fn typestate_responses() -> Vec<Made> {
            let mut out = Vec::new();
            $({
                let code = status::$marker::STATUS;
                let method = a_method_answered(code);
                let request = requests::request(method);
                let builder = status::$marker::reply_to(&request) $(.$setter($($arg),*))* .server(server());
                // The method is known at run time only, so `build()` checks it: a `Result` for every code.
                let built: Result<Response, RuleViolations> = fill(builder, code, method).build();
                let response = built
                    .unwrap_or_else(|e| panic!("{code} to {method}: {e}"));
                out.push(Made { code, method, how: "typestate", response });
            })*
            out
        }

        /// Every code's typestate builder from an untyped ACK, which no response answers.
        #[allow(deprecated)]
        fn typestate_to_an_ack() -> Vec<(StatusCode, Result<Response, RuleViolations>)> {
            let request = requests::request("ACK");
            vec![$((
                status::$marker::STATUS,
                status::$marker::reply_to(&request) $(.$setter($($arg),*))* .build(),
            )),*]
        }
    };
}

typestate! {
    Trying; Ringing; CallIsBeingForwarded; Queued; SessionProgress;
    EarlyDialogTerminated.reason(Reason::sip(480).unwrap());
    Ok; Accepted; NoNotification;
    MultipleChoices; MovedPermanently; MovedTemporarily; UseProxy; AlternativeService;
    BadRequest;
    Unauthorized.www_authenticate(challenge());
    PaymentRequired; Forbidden; NotFound;
    MethodNotAllowed.allow([Method::Invite, Method::Ack]);
    NotAcceptable;
    ProxyAuthenticationRequired.proxy_authenticate(challenge());
    RequestTimeout; Conflict; Gone; LengthRequired; ConditionalRequestFailed; RequestEntityTooLarge;
    RequestUriTooLong;
    UnsupportedMediaType.accept(MediaType::APPLICATION_SDP);
    UnsupportedUriScheme; UnknownResourcePriority;
    BadExtension.unsupported(OptionTag::new("foo").unwrap());
    ExtensionRequired.require(OptionTag::REL_100);
    SessionIntervalTooSmall.min_se(90u32);
    IntervalTooBrief.min_expires(1800u32);
    BadLocationInformation.geolocation_error(GeolocationError::new(100).unwrap());
    BadAlertMessage.alertmsg_error(AlertMsgError::new(100).unwrap());
    UseIdentityHeader; ProvideReferrerIdentity; FlowFailed; AnonymityDisallowed; BadIdentityInfo;
    UnsupportedCredential; InvalidIdentityHeader; FirstHopLacksOutboundSupport; MaxBreadthExceeded;
    BadInfoPackage.recv_info(RecvInfo::none());
    ConsentNeeded; TemporarilyUnavailable; CallTransactionDoesNotExist; LoopDetected; TooManyHops;
    AddressIncomplete; Ambiguous; BusyHere; RequestTerminated; NotAcceptableHere; BadEvent;
    RequestPending; Undecipherable;
    SecurityAgreementRequired.security_server(SecurityMechanism::TLS);
    ServerInternalError; NotImplemented; BadGateway; ServiceUnavailable; ServerTimeOut;
    VersionNotSupported; MessageTooLarge; PushNotificationServiceNotSupported; PreconditionFailure;
    BusyEverywhere; Decline; DoesNotExistAnywhere; NotAcceptableAnywhere; Unwanted; Rejected;
}

/// One line per code and method its rules are scoped to: the typed request, whose rules the compiler
/// checks (`build()` returns a `Response`).
macro_rules! typed {
    ($($marker:ident $method:ident $(. $setter:ident ($($arg:expr),*))* ;)*) => {
        fn typed_responses() -> Vec<Made> {
            let mut out = Vec::new();
            $({
                let method = <method::$method as MethodMarker>::NAME;
                let request = requests::request(method);
                let typed = request.typed::<method::$method>().expect("the method of its CSeq");
                let response: Response =
                    status::$marker::reply_to(&typed) $(.$setter($($arg),*))* .server(server()).build();
                out.push(Made { code: status::$marker::STATUS, method, how: "typed", response });
            })*
            out
        }
    };
}

typed! {
    Ringing Invite; CallIsBeingForwarded Invite; Queued Invite; SessionProgress Invite;
    Ok Invite.contact(Uri::new("sip:bob@192.0.2.4").unwrap());
    Ok Register;
    Ok Subscribe.expires(3600u32);
    Ok Publish.expires(3600u32).sip_etag(SipETag::new("dx200xyz").unwrap());
    Ok Options.allow([Method::Invite, Method::Options]);
    NoNotification Subscribe.expires(3600u32);
    BadEvent Subscribe;
}

/// The code chosen at run time, for every code and every method it answers.
fn runtime_responses() -> Vec<Made> {
    let mut out = Vec::new();
    for code in StatusCode::ALL {
        for method in requests::answered(code) {
            let request = requests::request(method);
            let builder = code.reply_to(&request).server(server());
            let response = fill(builder, code, method)
                .build()
                .unwrap_or_else(|e| panic!("{code} to {method}: {e}"));
            out.push(Made {
                code,
                method,
                how: "run time",
                response,
            });
        }
    }
    out
}

#[test]
fn every_status_marker_is_built() {
    let mut listed = TYPESTATE.to_vec();
    listed.sort();
    assert_eq!(
        listed,
        StatusCode::ALL,
        "the `typestate!` list must have one line per code of the spec"
    );
}

#[test]
fn no_typestate_builder_answers_an_ack_read_at_run_time() {
    for (code, built) in typestate_to_an_ack() {
        let ack = requests::request("ACK");
        let run_time = code.reply_to(&ack).build().map(|_| ()).unwrap_err();
        let typestate = built.map(|_| ()).unwrap_err();
        let first = |v: &RuleViolations| v.iter().next().map(ToString::to_string);
        // The same refusal, first in both lists (the run-time builder also lists the MUST headers the
        // typestate one was given).
        assert_eq!(first(&typestate), first(&run_time), "{code}");
        // The code's own answer rule where it has one (180: only INVITE, RFC 4320 §4.1), else RFC 3261 §17.
        let refusal = typestate.iter().next().unwrap();
        assert!(
            matches!(refusal.kind(), ViolationKind::NotAnswering { .. }),
            "{code}: {refusal}"
        );
    }
}

#[test]
fn every_method_a_rule_is_scoped_to_is_built_typed() {
    let built: Vec<_> = typed_responses()
        .into_iter()
        .map(|m| (m.code, m.method))
        .collect();
    for code in StatusCode::ALL {
        let rules = code.header_rules();
        let scoped = [rules.must, rules.should, rules.may, rules.must_not]
            .into_iter()
            .flatten()
            .filter_map(|rule| rule.method);
        for method in scoped.filter(|m| code.rules().refuses(m).is_none()) {
            assert!(
                built.contains(&(code, method)),
                "{code} has rules for {method}: add a `typed!` line"
            );
        }
    }
}

#[test]
fn typestate_responses_parse_under_an_independent_parser() {
    let responses = typestate_responses();
    assert_eq!(responses.len(), StatusCode::ALL.len());
    responses.iter().for_each(check);
}

#[test]
fn typed_responses_parse_under_an_independent_parser() {
    typed_responses().iter().for_each(check);
}

#[test]
fn runtime_responses_parse_under_an_independent_parser() {
    let responses = runtime_responses();
    for code in StatusCode::ALL {
        assert!(responses.iter().any(|m| m.code == code), "{code}");
    }
    responses.iter().for_each(check);
}

#[test]
fn a_body_and_a_custom_phrase_parse_too() {
    let request = requests::request("INVITE");
    let invite = request.typed::<method::Invite>().unwrap();
    let sdp = "v=0\r\no=- 1 1 IN IP4 192.0.2.4\r\ns=-\r\nc=IN IP4 192.0.2.4\r\nt=0 0\r\nm=audio 49170 RTP/AVP 0\r\n";
    let response = status::Ok::reply_to(&invite)
        .contact(Uri::new("sip:bob@192.0.2.4").unwrap())
        .reason_phrase(sip_codes::response::ReasonPhrase::new("Answered").unwrap())
        .body(MediaType::APPLICATION_SDP, sdp)
        .build();
    let bytes = response.to_bytes();
    let parsed = oracle_parse::parse(&bytes);
    assert_eq!(parsed.code, 200);
    assert_eq!(parsed.reason, "Answered");
    assert_eq!(parsed.body_len, sdp.len());
    assert!(bytes.ends_with(sdp.as_bytes()));
    check(&Made {
        code: StatusCode::Ok,
        method: "INVITE",
        how: "typed, with a body",
        response,
    });
}
