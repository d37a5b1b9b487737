//! A user's own spec: extends the bundled one with vendor codes, overrides a phrase, adds a local rule, and
//! uses the macro's options (names, visibility, derives, a subset of codes).

mod vendor {
    sip_codes::sip_codes!(
        "tests/specs/vendor.yaml",
        name = VendorCode,
        module = vendor_status,
        derive(serde::Serialize)
    );
}

mod subset {
    sip_codes::sip_codes!("spec/sip-codes.yaml", codes = [100, 180, 200, 486], vis = pub(crate));
}

use sip_codes::RequestHeaders;
use sip_codes::header::{Reason, Warning};
use sip_codes_core::sentence::{self, Subject};
use vendor::{VendorCode, VendorLine, vendor_status};

fn invite() -> RequestHeaders {
    RequestHeaders::new(
        "<sip:alice@example.com>;tag=1",
        "<sip:bob@example.com>",
        "c1@example.com",
        "1 INVITE",
    )
    .unwrap()
    .via("SIP/2.0/UDP host.example.com;branch=z9hG4bK1")
    .unwrap()
}

#[test]
fn the_bundled_table_is_there_without_copying_it() {
    assert_eq!(VendorCode::ALL.len(), sip_codes::StatusCode::ALL.len() + 3);
    for code in sip_codes::StatusCode::ALL {
        let ours = VendorCode::from_u16(code.code()).unwrap();
        assert_eq!(ours.class(), code.class());
        if code.code() != 403 {
            assert_eq!(ours.reason_phrase(), code.reason_phrase());
        }
    }
}

#[test]
fn vendor_codes_parse_print_and_cite_their_source() {
    let code: VendorCode = "499 Codec Mismatch".parse().unwrap();
    assert_eq!(code, VendorCode::CodecMismatch);
    assert_eq!(code.to_string(), "499 Codec Mismatch");
    assert_eq!(code.rfc().to_string(), "ACME carrier interconnect guide");
    assert!(code.rfc().url().is_none());
    assert_eq!(VendorCode::NextHopSendFailed.code(), 477);
    assert_eq!(VendorCode::UnresolvableDestination.code(), 478);
    // A vendor code is known now, not interpreted as x00.
    assert_eq!(
        VendorCode::interpret(478),
        Ok(VendorCode::UnresolvableDestination)
    );
    let line: VendorLine = "SIP/2.0 478 Unresolvable destination".parse().unwrap();
    assert_eq!(line.status(), Some(VendorCode::UnresolvableDestination));
}

#[test]
fn an_overridden_phrase_keeps_the_variant_and_the_old_phrase_as_alias() {
    assert_eq!(VendorCode::Forbidden.reason_phrase(), "Wrong Guess");
    assert_eq!(VendorCode::Forbidden.to_string(), "403 Wrong Guess");
    assert!(VendorCode::Forbidden.is_known_phrase("Forbidden"));
    assert_eq!(VendorCode::Forbidden.rfc().to_string(), "RFC 3261 §21.4.4");
}

#[test]
fn local_rules_are_enforced_by_the_builders() {
    let rules = VendorCode::Forbidden.header_rules();
    assert_eq!(rules.required().collect::<Vec<_>>(), ["Reason"]);
    assert_eq!(
        rules.must[0].citation.to_string(),
        "ACME policy (every 403 says why)"
    );
    // Detached (a template): the exact bytes, the local rule's header and nothing else.
    let response = vendor_status::Forbidden::detached()
        .reason(Reason::sip(403).unwrap())
        .build();
    assert_eq!(
        response.to_string(),
        "SIP/2.0 403 Wrong Guess\r\nReason: SIP;cause=403\r\nContent-Length: 0\r\n\r\n"
    );
    // Answering a request: the same rule, and the transaction headers copied.
    let request = invite();
    let response = vendor_status::Forbidden::reply_to(&request)
        .reason(Reason::sip(403).unwrap())
        .build()
        .expect("not an ACK");
    assert_eq!(response.header("Call-ID").unwrap(), "c1@example.com");
    assert_eq!(response.header("Reason").unwrap(), "SIP;cause=403");
    // The code chosen at run time: the local rule is checked when `build()` runs, in its own words.
    let refused = VendorCode::Forbidden
        .reply_to(&request)
        .build()
        .unwrap_err();
    let subject = Subject {
        code: 403,
        phrase: "Wrong Guess",
        method: None,
    };
    assert_eq!(
        refused.to_string(),
        sentence::requires(subject, &["Reason"], false, rules.must[0].citation)
    );
    assert!(
        VendorCode::Forbidden
            .reply_to(&request)
            .reason(Reason::sip(403).unwrap())
            .build()
            .is_ok()
    );
    // The bundled rules still hold in the extended spec: 405 needs Allow, Min-SE stays out of a 499.
    assert!(
        VendorCode::MethodNotAllowed
            .header_rules()
            .required()
            .any(|h| h == "Allow")
    );
    assert!(
        VendorCode::CodecMismatch
            .header_rules()
            .forbids("Min-SE", None)
    );
    let warned = vendor_status::CodecMismatch::reply_to(&request)
        .warning(Warning::new(305, "carrier.example", "Incompatible media format").unwrap())
        .build()
        .expect("not an ACK");
    assert_eq!(warned.code(), 499);
}

#[test]
fn options_subset_visibility_and_derives() {
    assert_eq!(
        subset::StatusCode::ALL.map(|c| c.code()),
        [100, 180, 200, 486]
    );
    assert_eq!(subset::StatusCode::from_u16(405), None);
    // 431 would be 400, which the subset lacks: interpretation fails instead of inventing a code.
    assert!(subset::StatusCode::interpret(431).is_err());
    assert_eq!(
        subset::StatusCode::interpret(299),
        Ok(subset::StatusCode::Ok)
    );
    let response = subset::status::BusyHere::reply_to(&invite())
        .build()
        .expect("not an ACK");
    assert_eq!(response.code(), 486);
    assert_eq!(response.header("CSeq").unwrap(), "1 INVITE");
    // `derive(...)` adds the user's derives to the enum.
    assert_eq!(
        serde_json::to_string(&VendorCode::CodecMismatch).unwrap(),
        "\"CodecMismatch\""
    );
}

#[test]
fn a_vendor_code_carries_its_own_behaviour() {
    use sip_codes::behaviour::{ProxyHandling, UacAction};
    use sip_codes::header::Method;
    use sip_codes::proxy::{Forward, best_response};

    assert_eq!(
        VendorCode::CodecMismatch.proxy_handling(),
        ProxyHandling::Preferred
    );
    assert_eq!(
        VendorCode::CodecMismatch.uac_action(),
        UacAction::RetryAcceptedContent
    );
    assert_eq!(
        VendorCode::CodecMismatch
            .behaviour()
            .proxy
            .citation
            .to_string(),
        "ACME carrier interconnect guide"
    );
    // A code without a fact of its own keeps its class's default (RFC 3261 §16.7 for a 4xx).
    assert_eq!(
        VendorCode::NextHopSendFailed.proxy_handling(),
        ProxyHandling::Candidate
    );
    // Preferred over a 404 and a 486 by a proxy choosing among its branches.
    let branches = [
        VendorCode::NotFound,
        VendorCode::CodecMismatch,
        VendorCode::BusyHere,
    ];
    assert_eq!(
        best_response(&branches, &Method::Invite).forward,
        Forward::Response(1)
    );
}
