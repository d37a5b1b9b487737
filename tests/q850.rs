//! Disconnect reasons: SIP responses and ISUP/Q.850 cause values, both ways, checked against rows of
//! RFC 3398's tables (§7.2.4.1 cause → response, §8.2.6.1 response → cause) as the RFC prints them.

use sip_codes::StatusCode;

#[test]
fn causes_to_responses_rfc3398_7_2_4_1() {
    // (cause, response) rows of the §7.2.4.1 table.
    for (cause, code) in [
        (1, 404),
        (2, 404),
        (3, 404),
        (17, 486),
        (18, 408),
        (19, 480),
        (20, 480),
        (21, 403),
        (22, 410),
        (23, 410),
        (26, 404),
        (27, 502),
        (28, 484),
        (29, 501),
        (31, 480),
        (34, 503),
        (38, 503),
        (41, 503),
        (42, 503),
        (47, 503),
        (55, 403),
        (57, 403),
        (58, 503),
        (65, 488),
        (70, 488),
        (79, 501),
        (87, 403),
        (88, 503),
        (102, 504),
        (111, 500),
        (127, 500),
    ] {
        assert_eq!(
            StatusCode::from_q850(cause).map(StatusCode::code),
            Some(code),
            "cause {cause}"
        );
    }
    // "the default response '500 Server internal error' SHOULD be used" for any other cause.
    assert_eq!(
        StatusCode::from_q850(99),
        Some(StatusCode::ServerInternalError)
    );
    // 16 (normal call clearing) ends a call with a BYE or CANCEL, not a failure response.
    assert_eq!(StatusCode::from_q850(16), None);
    // Outside Q.850's 1-127 there is no cause.
    assert_eq!(StatusCode::from_q850(0), None);
    assert_eq!(StatusCode::from_q850(128), None);
    assert_eq!(StatusCode::from_q850(255), None);
}

#[test]
fn responses_to_causes_rfc3398_8_2_6_1() {
    // (response, cause) rows of the §8.2.6.1 table.
    for (code, cause) in [
        (400, 41),
        (401, 21),
        (402, 21),
        (403, 21),
        (404, 1),
        (405, 63),
        (406, 79),
        (407, 21),
        (408, 102),
        (410, 22),
        (413, 127),
        (414, 127),
        (415, 79),
        (416, 127),
        (420, 127),
        (421, 127),
        (423, 127),
        (480, 18),
        (481, 41),
        (482, 25),
        (483, 25),
        (484, 28),
        (485, 1),
        (486, 17),
        (500, 41),
        (501, 79),
        (502, 38),
        (503, 41),
        (504, 102),
        (505, 127),
        (513, 127),
        (600, 17),
        (603, 21),
        (604, 1),
    ] {
        let status = StatusCode::from_u16(code).unwrap();
        assert_eq!(status.to_q850(), Some(cause), "{status}");
    }
    // "--- (no mapping)" for 487; "31 Normal, unspecified" for a failure code the table does not list.
    assert_eq!(StatusCode::RequestTerminated.to_q850(), None);
    assert_eq!(StatusCode::NotAcceptableHere.to_q850(), Some(31));
    assert_eq!(StatusCode::Unwanted.to_q850(), Some(31));
    // Provisional, success and redirection responses are not disconnects.
    for code in StatusCode::ALL.iter().filter(|c| c.code() < 400) {
        assert_eq!(code.to_q850(), None, "{code}");
    }
}

#[test]
fn reason_headers_carry_the_cause_and_its_name() {
    let reason = StatusCode::BusyHere.q850_reason().unwrap();
    assert_eq!(reason.to_string(), r#"Q.850;cause=17;text="User busy""#);
    assert_eq!(reason.cause(), 17);
    assert_eq!(StatusCode::q850_name(1), Some("Unallocated number"));
    assert_eq!(StatusCode::q850_name(200), None);
    assert!(StatusCode::Ringing.q850_reason().is_none());
    // Every cause that a response maps to has a name, so every failure Reason carries its text.
    for code in StatusCode::ALL {
        if let Some(cause) = code.to_q850() {
            assert!(StatusCode::q850_name(cause).is_some(), "{code} → {cause}");
            assert!(
                code.q850_reason().unwrap().to_string().contains("text=\""),
                "{code}"
            );
        }
    }
    // And it goes on a response to a request through the builder.
    let invite = sip_codes::RequestHeaders::new(
        "<sip:alice@example.com>;tag=1928301774",
        "<sip:bob@example.com>",
        "a84b4c76e66710",
        "314159 INVITE",
    )
    .unwrap()
    .via("SIP/2.0/UDP pc33.example.com;branch=z9hG4bK776asdhds")
    .unwrap();
    let response = sip_codes::status::BusyHere::reply_to(&invite)
        .reason(StatusCode::BusyHere.q850_reason().unwrap())
        .build()
        .expect("not an ACK");
    assert!(
        response
            .to_string()
            .contains("\r\nReason: Q.850;cause=17;text=\"User busy\"\r\n")
    );
}
