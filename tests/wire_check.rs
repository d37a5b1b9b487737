//! The checker of received responses: hand-written responses, good and each breaking one rule (framing,
//! compact and folded forms included), and every response the builders make, which must check clean.

use sip_codes::header::{HeaderName, HeaderValue, Method};
use sip_codes::message::Message;
use sip_codes::rules::{ViolationKind as K, check_message};
use sip_codes::{RequestHeaders, StatusCode};

const TXN: &str = "Via: SIP/2.0/UDP pc33.example.com;branch=z9hG4bK776\r\nFrom: <sip:a@example.com>;tag=1\r\n\
                   To: <sip:b@example.com>;tag=2\r\nCall-ID: c1@example.com\r\n";

/// The kinds of violation `check_message` finds in `wire`, with their offsets.
fn found(wire: &str) -> Vec<(K, usize)> {
    let message = Message::parse(wire.as_bytes()).unwrap_or_else(|e| panic!("{e}: {wire:?}"));
    check_message::<StatusCode>(&message)
        .expect("a response")
        .into_iter()
        .map(|v| (v.kind().clone(), v.offset().unwrap_or(usize::MAX)))
        .collect()
}

#[test]
fn good_responses_check_clean() {
    for wire in [
        format!("SIP/2.0 405 Method Not Allowed\r\n{TXN}CSeq: 1 MESSAGE\r\nAllow: INVITE, ACK\r\nContent-Length: 0\r\n\r\n"),
        // Compact forms, a folded header, Via on two lines and comma-joined, a body.
        "SIP/2.0 200 OK\r\nv: SIP/2.0/UDP p1;branch=z9hG4bK1, SIP/2.0/UDP p2;branch=z9hG4bK2\r\nv: SIP/2.0/UDP p3;branch=z9hG4bK3\r\n\
         f: <sip:a@example.com>;tag=1\r\nt: <sip:b@example.com>;tag=2\r\ni: c2\r\nCSeq: 7\r\n  INVITE\r\n\
         m: <sip:b@192.0.2.4>\r\nc: application/sdp\r\nl: 5\r\n\r\nv=0\r\n"
            .to_string(),
        format!("SIP/2.0 415 Unsupported Media Type\r\n{TXN}CSeq: 1 INVITE\r\nAccept-Language: en\r\nContent-Length: 0\r\n\r\n"),
        // A code the spec does not know has no rules of its own.
        format!("SIP/2.0 499 Codec Mismatch\r\n{TXN}CSeq: 1 INVITE\r\nContent-Length: 0\r\n\r\n"),
        // No Content-Length on a datagram is allowed.
        format!("SIP/2.0 486 Busy Here\r\n{TXN}CSeq: 1 INVITE\r\n\r\n"),
    ] {
        assert_eq!(found(&wire), [], "{wire}");
    }
}

#[test]
fn each_rule_broken_once() {
    let missing_allow = format!(
        "SIP/2.0 405 Method Not Allowed\r\n{TXN}CSeq: 1 MESSAGE\r\nContent-Length: 0\r\n\r\n"
    );
    assert_eq!(
        found(&missing_allow),
        [(
            K::Missing {
                headers: &["Allow"],
                one_of: false,
                scoped: false
            },
            0
        )]
    );
    let one_of = format!(
        "SIP/2.0 415 Unsupported Media Type\r\n{TXN}CSeq: 1 INVITE\r\nContent-Length: 0\r\n\r\n"
    );
    assert!(matches!(
        found(&one_of)[..],
        [(K::Missing { one_of: true, .. }, 0)]
    ));
    // The method in CSeq brings its rules: a 200 to SUBSCRIBE needs Expires (RFC 6665 §3.1.1).
    let scoped = format!("SIP/2.0 200 OK\r\n{TXN}CSeq: 5 SUBSCRIBE\r\nContent-Length: 0\r\n\r\n");
    assert_eq!(
        found(&scoped),
        [(
            K::Missing {
                headers: &["Expires"],
                one_of: false,
                scoped: true
            },
            0
        )]
    );
    // MUST NOT, at the field's offset.
    let forbidden = format!(
        "SIP/2.0 486 Busy Here\r\n{TXN}CSeq: 1 INVITE\r\nMin-SE: 90\r\nContent-Length: 0\r\n\r\n"
    );
    let at = forbidden.find("Min-SE").unwrap_or(0);
    assert_eq!(
        found(&forbidden),
        [(
            K::Forbidden {
                header: "Min-SE",
                scoped: false
            },
            at
        )]
    );
    // Answer rules: a 180 to an OPTIONS (RFC 4320 §4.1).
    let ringing =
        format!("SIP/2.0 180 Ringing\r\n{TXN}CSeq: 1 OPTIONS\r\nContent-Length: 0\r\n\r\n");
    let cseq = ringing.find("CSeq").unwrap();
    assert!(matches!(
        found(&ringing)[..],
        [(K::NotAnswering { only: true, .. }, at)] if at == cseq
    ));
    // Transaction headers, a repeated Call-ID, a Content-Length that lies.
    let no_call_id = "SIP/2.0 486 Busy Here\r\nVia: SIP/2.0/UDP h;branch=z9hG4bK1\r\nFrom: <sip:a@b>;tag=1\r\nTo: <sip:c@d>\r\nCSeq: 1 INVITE\r\n\r\n";
    assert_eq!(
        found(no_call_id),
        [(K::MissingTransactionHeader { header: "Call-ID" }, 0)]
    );
    let repeated = format!("SIP/2.0 486 Busy Here\r\n{TXN}i: other\r\nCSeq: 1 INVITE\r\n\r\n");
    let at = repeated.find("i: other").unwrap_or(0);
    assert_eq!(found(&repeated), [(K::Repeated { header: "Call-ID" }, at)]);
    let lying =
        format!("SIP/2.0 486 Busy Here\r\n{TXN}CSeq: 1 INVITE\r\nContent-Length: 12\r\n\r\nshort");
    let at = lying.find("12").unwrap_or(0);
    assert_eq!(
        found(&lying),
        [(
            K::ContentLength {
                declared: Some(12),
                actual: 5
            },
            at
        )]
    );
}

#[test]
fn requests_and_broken_framing_are_not_checked() {
    let request = Message::parse(b"OPTIONS sip:a@b SIP/2.0\r\nVia: x\r\n\r\n").expect("a request");
    assert!(check_message::<StatusCode>(&request).is_err());
    for broken in [
        &b"SIP/2.0 200 OK\r\nVia x\r\n\r\n"[..],
        b"SIP/2.0 200 OK\r\nContent-Length: abc\r\n\r\n",
        b"",
    ] {
        assert!(Message::parse(broken).is_err(), "{broken:?}");
    }
}

/// A syntactically valid value for each header a rule may require.
fn sample(header: &str) -> &'static str {
    match header {
        "Allow" => "INVITE, ACK",
        "WWW-Authenticate" | "Proxy-Authenticate" => "Digest realm=\"example.com\", nonce=\"n1\"",
        "Accept" => "application/sdp",
        "Accept-Encoding" => "identity",
        "Accept-Language" => "en",
        "Unsupported" | "Require" => "100rel",
        "Min-SE" => "90",
        "Min-Expires" | "Expires" => "60",
        "Geolocation-Error" | "AlertMsg-Error" => "100",
        "Recv-Info" => "foo",
        "Security-Server" => "tls;q=0.1",
        "Reason" => "SIP;cause=480",
        "Contact" => "<sip:b@192.0.2.4>",
        "SIP-ETag" => "dx200xyz",
        other => panic!("no sample value for {other}: add one"),
    }
}

#[test]
fn every_response_the_builders_make_checks_clean() {
    let mut checked = 0;
    for code in StatusCode::ALL {
        for method in Method::KNOWN.iter().filter(|m| code.applies_to(m)) {
            let cseq = format!("1 {method}");
            let request = RequestHeaders::new(
                "<sip:a@example.com>;tag=1",
                "<sip:b@example.com>",
                "c1",
                cseq,
            )
            .and_then(|r| r.via("SIP/2.0/UDP h.example.com;branch=z9hG4bK1"))
            .expect("valid headers");
            let mut builder = code.reply_to(&request);
            for rule in code
                .header_rules()
                .must
                .iter()
                .filter(|r| r.holds_for(Some(method.as_str())))
            {
                let header = rule.headers[0];
                let (name, value) = (HeaderName::new(header), HeaderValue::new(sample(header)));
                builder = builder
                    .header(name.expect("name"), value.expect("value"))
                    .expect("allowed");
            }
            let response = builder
                .build()
                .unwrap_or_else(|e| panic!("{code} to {method}: {e}"));
            let wire = response.to_bytes();
            let message = Message::parse(&wire).expect("our own response parses");
            let problems = check_message::<StatusCode>(&message).expect("a response");
            assert!(problems.is_empty(), "{code} to {method}: {problems:?}");
            checked += 1;
        }
    }
    assert!(checked > 500, "{checked}");
}
