use sip_codes::header::*;
use sip_codes::{RequestHeaders, method};

sip_codes::sip_codes!("../../../../tests/ui/custom/declared_header_must.yaml", name = OperatorCode, module = operator);

fn main() {
    let request = RequestHeaders::new("<sip:a@example.com>;tag=1", "<sip:b@example.com>", "c", "1 INVITE")
        .unwrap()
        .via("SIP/2.0/UDP h;branch=z9hG4bK1")
        .unwrap();
    let invite = request.typed::<method::Invite>().unwrap();
    let identity = NameAddr::new(Uri::new("sip:bob@example.com").unwrap());
    let response = operator::Ok::reply_to(&invite)
        .contact(Uri::new("sip:bob@192.0.2.4").unwrap())
        .p_asserted_identity(identity.clone())
        .p_asserted_identity(identity)
        .build();
    assert_eq!(response.header_all("P-Asserted-Identity").count(), 2);
    // The run-time path checks the local rule with the same sentence.
    let refused = OperatorCode::Ok.reply_to(&invite).build().unwrap_err();
    let sentences: Vec<String> = refused.iter().map(ToString::to_string).collect();
    assert!(sentences.contains(&"`200 OK` requires the `P-Asserted-Identity` header (ACME trust-domain policy (every 200 asserts the callee))".to_string()), "{sentences:?}");
}
