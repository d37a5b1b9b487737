//! What each code means for a dialog, a client and a proxy, checked for every code of the bundled spec
//! against a table written from the RFC text (each group cites the sentence that states it), and
//! `best_response` against RFC 3261 §16.7 and its properties.

use proptest::prelude::*;
use sip_codes::behaviour::{
    DialogEffect as D, ProxyHandling as P, RetryAfterMeaning as R, UacAction as U,
};
use sip_codes::header::Method;
use sip_codes::proxy::{Forward, best_response};
use sip_codes::{StatusClass, StatusCode};

/// RFC 5057 §5.1 Table 1: "Destroys Usage: 405, 480, 481, 489, 501"; "Destroys Dialog: 404, 410, 416,
/// 482, 483, 484, 485, 502, 604"; note (3) makes 405 and 501 depend on whether the request is integral
/// to the usage; note (4): "Receiving a 408 will have the same effect ... as a real transaction timeout"
/// (§5.2: "should affect only the usage"). RFC 6228 §4: "The 199 response indicates that the early
/// dialog has been terminated". Every other failure: "400 (or unknown 4xx)" etc., Transaction Only;
/// "For the failure responses with code 400 and greater" (1xx-3xx are no failures).
fn dialog(code: u16) -> D {
    match code {
        199 => D::EarlyDialog,
        405 | 501 => D::UsageIfIntegral,
        408 | 480 | 481 | 489 => D::Usage,
        404 | 410 | 416 | 482 | 483 | 484 | 485 | 502 | 604 => D::Dialog,
        ..=399 => D::None,
        _ => D::Transaction,
    }
}

/// RFC 3261 §8.1.3.5: 401/407 "retry the request with credentials", 413 "omitting the body or using one
/// of a smaller length", 415 "only using content with types listed in the Accept header field", 416
/// "using a SIP URI", 420 "omitting any extensions listed in the Unsupported header field"; §21.4.4
/// (403) "the request SHOULD NOT be repeated"; §21.4.9 (408) "MAY repeat the request without
/// modifications at any later time"; §21.5.1 (500) "MAY retry the request after several seconds";
/// §21.5.4 (503) "SHOULD attempt to forward the request to an alternate server"; §14.1 (491) a timer "T
/// has a randomly chosen value"; §21.4.22 (484) "strings of increasing lengths"; §21.4.23 (485) "user
/// intervention is required"; §12.2.1.2 (481) "the UAC SHOULD terminate the dialog"; §21.3.4 (305)
/// "repeat this single request via the proxy"; §8.1.3.4 (3xx) "use the URI(s) in the Contact header
/// field"; §7.2 6xx "cannot be fulfilled at any server". RFC 4028 §7.3 (422), RFC 3261 §10.2.8 (423),
/// RFC 3903 §5 (412), RFC 3329 §2.3.1 (494), RFC 6228 §7 (199), RFC 6665 §8.3.1 (202), RFC 5839 §5.2
/// (204), RFC 5079 §4 (433: "MUST NOT retry the request without anonymity"), and the codes whose RFC
/// names a changed request (411, 417, 424, 429, 436, 438, 439, 440, 470).
fn uac(code: u16) -> U {
    match code {
        199 => U::ReleaseEarlyDialog,
        202 => U::TreatAsOk,
        204 => U::KeepState,
        305 => U::UseProxy,
        380 => U::None,
        401 | 407 => U::RetryWithCredentials,
        403 | 433 => U::DoNotRepeat,
        408 | 500 => U::RetryLater,
        411 | 417 | 424 | 429 | 436 | 438 | 439 | 440 | 470 => U::RetryAsDescribed,
        412 => U::RetryUnconditional,
        413 => U::RetrySmaller,
        415 => U::RetryAcceptedContent,
        416 => U::RetrySipUri,
        420 => U::RetryWithoutExtensions,
        421 => U::RetryWithExtensions,
        422 => U::RetryLongerSession,
        423 => U::RetryLongerExpires,
        481 => U::EndDialog,
        484 => U::AddDigits,
        485 => U::AskUser,
        491 => U::RetryAfterBackoff,
        494 => U::StartSecurityMechanism,
        503 => U::TryAlternateServer,
        100..=199 => U::Wait,
        200..=299 => U::Done,
        300..=399 => U::FollowContacts,
        600..=699 => U::GiveUp,
        _ => U::None,
    }
}

/// RFC 3261 §16.7 step 5: "Any provisional response other than 100 (Trying)", "Any 2xx response" are
/// forwarded at once, "a stateful proxy MUST NOT forward any 100 (Trying) response"; step 6: "It MUST
/// choose from the 6xx class responses if any exist", "preference to ... 401, 407, 415, 420, and 484",
/// a 503 "SHOULD NOT" be forwarded, "If the only response that was received is a 503, the proxy SHOULD
/// generate a 500"; step 7: collect the WWW-Authenticate and Proxy-Authenticate of "all other 401 ...
/// and 407" responses.
fn proxy(code: u16) -> P {
    match code {
        100 => P::NeverForwarded,
        401 | 407 => P::Challenge,
        415 | 420 | 484 => P::Preferred,
        503 => P::ReplaceWith500,
        101..=299 => P::ForwardAtOnce,
        600..=699 => P::Decisive,
        _ => P::Candidate,
    }
}

/// RFC 3261 §20.33: with 500 or 503 "how long the service is expected to be unavailable", with "404 ...,
/// 413 ..., 480 ..., 486 ..., 600 ..., or 603 ... when the called party anticipates being available
/// again"; §21.4.11 gives 413 its own meaning: "after what time the client MAY try again".
fn retry_after(code: u16) -> Option<R> {
    match code {
        500 | 503 => Some(R::ServiceBack),
        404 | 480 | 486 | 600 | 603 => Some(R::CalleeAvailable),
        413 => Some(R::RetryRequest),
        _ => None,
    }
}

#[test]
fn every_fact_of_every_code() {
    for code in StatusCode::ALL {
        let n = code.code();
        assert_eq!(code.behaviour().dialog.value, dialog(n), "{code}: dialog");
        assert_eq!(code.uac_action(), uac(n), "{code}: uac");
        assert_eq!(code.proxy_handling(), proxy(n), "{code}: proxy");
        assert_eq!(
            code.retry_after_meaning(),
            retry_after(n),
            "{code}: Retry-After"
        );
    }
}

#[test]
fn the_dialog_effect_follows_the_method() {
    // RFC 5057 §5.1 note (8): "A 481 response to a CANCEL affects only the CANCEL transaction."
    assert_eq!(
        StatusCode::CallTransactionDoesNotExist.usage_effect(&Method::Cancel),
        D::Transaction
    );
    assert_eq!(
        StatusCode::CallTransactionDoesNotExist.usage_effect(&Method::Bye),
        D::Usage
    );
    // Note (3): "If the request was not integral to the usage (it used an unknown method, or was an INFO
    // inside an INVITE usage, for example), only the transaction will be affected."
    assert_eq!(
        StatusCode::MethodNotAllowed.usage_effect(&Method::Info),
        D::Transaction
    );
    assert_eq!(
        StatusCode::MethodNotAllowed.usage_effect(&Method::Notify),
        D::Usage
    );
    assert_eq!(
        StatusCode::NotImplemented.usage_effect(&"PING".parse().unwrap()),
        D::Transaction
    );
    // Note (12): 489 "is only valid in the context of SUBSCRIBE and NOTIFY".
    assert_eq!(
        StatusCode::BadEvent.usage_effect(&Method::Subscribe),
        D::Usage
    );
    assert_eq!(
        StatusCode::BadEvent.usage_effect(&Method::Invite),
        D::Transaction
    );
    // §5.3: "OPTIONS does not belong to any usage."
    assert_eq!(
        StatusCode::TemporarilyUnavailable.usage_effect(&Method::Options),
        D::Transaction
    );
    assert_eq!(
        StatusCode::NotFound.usage_effect(&Method::Options),
        D::Dialog
    );
}

#[test]
fn applicability_and_senders() {
    assert!(!StatusCode::Ringing.applies_to(&Method::Options));
    assert!(StatusCode::Ringing.applies_to(&Method::Invite));
    assert!(!StatusCode::RequestTimeout.applies_to(&Method::Bye));
    assert!(!StatusCode::Ok.applies_to(&Method::Ack));
    assert!(!StatusCode::RequestTerminated.applies_to(&Method::Cancel));
    assert!(StatusCode::NoNotification.applies_to(&Method::Subscribe));
    // RFC 3261 §8.1.3.1: a timeout is treated as a 408, a transport error as a 503.
    assert!(
        StatusCode::RequestTimeout
            .sent_by()
            .is_some_and(|s| s.stack)
    );
    assert!(
        StatusCode::ServiceUnavailable
            .sent_by()
            .is_some_and(|s| s.stack)
    );
    // §22.1: proxies MUST NOT send 401.
    assert!(
        StatusCode::Unauthorized
            .sent_by()
            .is_some_and(|s| !s.proxy && s.uas)
    );
}

#[test]
fn best_response_as_rfc_3261_16_7_says() {
    use StatusCode::*;
    let best = |codes: &[StatusCode]| best_response(codes, &Method::Invite);
    // "if a proxy forwarded a request to 4 locations, and received 503, 407, 501, and 404 responses, it
    // may choose to forward the 407".
    let choice = best(&[
        ServiceUnavailable,
        ProxyAuthenticationRequired,
        NotImplemented,
        NotFound,
    ]);
    assert_eq!(choice.forward, Forward::Response(1));
    // A 6xx wins and cancels the others.
    let choice = best(&[NotFound, Decline, BusyHere]);
    assert_eq!(choice.forward, Forward::Response(1));
    assert!(choice.cancel_others);
    // The lowest class: a 3xx over 4xx and 5xx.
    assert_eq!(
        best(&[ServerInternalError, MovedTemporarily, BusyHere]).forward,
        Forward::Response(1)
    );
    // A 503 only when nothing else came, as a 500.
    assert_eq!(
        best(&[ServiceUnavailable, ServerInternalError]).forward,
        Forward::Response(1)
    );
    assert_eq!(
        best(&[ServiceUnavailable, ServiceUnavailable]).forward,
        Forward::ServerInternalError { replacing: 0 }
    );
    // Preferred 4xx (415 over 486), challenges merged.
    assert_eq!(
        best(&[BusyHere, UnsupportedMediaType]).forward,
        Forward::Response(1)
    );
    let choice = best(&[
        Unauthorized,
        BusyHere,
        ProxyAuthenticationRequired,
        Unauthorized,
    ]);
    assert_eq!(
        (choice.forward, choice.merge_challenges_from),
        (Forward::Response(0), vec![2, 3])
    );
    // No final response: 408 for INVITE, nothing for other methods (RFC 4320 §4.2).
    assert_eq!(best(&[]).forward, Forward::RequestTimeout);
    assert_eq!(
        best_response(&[Ringing], &Method::Bye).forward,
        Forward::Nothing
    );
    // A 2xx is the answer.
    assert_eq!(best(&[BusyHere, Ok]).forward, Forward::Response(1));
}

proptest! {
    #[test]
    fn best_response_properties(picks in proptest::collection::vec(0..StatusCode::ALL.len(), 0..8)) {
        let codes: Vec<StatusCode> = picks.iter().map(|&i| StatusCode::ALL[i]).collect();
        let choice = best_response(&codes, &Method::Invite);
        let finals: Vec<usize> = (0..codes.len()).filter(|&i| codes[i].is_final()).collect();
        match choice.forward {
            Forward::Response(i) => {
                prop_assert!(finals.contains(&i));
                // A 2xx, else a 6xx, always wins.
                if codes.iter().any(|c| c.is_success()) {
                    prop_assert!(codes[i].is_success());
                } else if codes.iter().any(|c| c.class() == StatusClass::GlobalFailure) {
                    prop_assert_eq!(codes[i].class(), StatusClass::GlobalFailure);
                    prop_assert!(choice.cancel_others);
                }
                prop_assert_ne!(codes[i], StatusCode::ServiceUnavailable);
            }
            Forward::ServerInternalError { replacing } => {
                prop_assert!(finals.iter().all(|&i| codes[i] == StatusCode::ServiceUnavailable));
                prop_assert_eq!(codes[replacing], StatusCode::ServiceUnavailable);
            }
            Forward::RequestTimeout => prop_assert!(finals.is_empty()),
            Forward::Nothing => prop_assert!(false, "an INVITE always gets a final response"),
        }
        for i in choice.merge_challenges_from {
            prop_assert!(matches!(codes[i], StatusCode::Unauthorized | StatusCode::ProxyAuthenticationRequired));
        }
    }
}
