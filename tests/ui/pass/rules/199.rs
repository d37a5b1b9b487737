use sip_codes::header::*;
use sip_codes::{method, status, RequestHeaders};

fn main() {
    let request = RequestHeaders::new("<sip:alice@example.com>;tag=1", "<sip:bob@example.com>", "a84b4c76e66710", "1 INVITE")
        .unwrap()
        .via("SIP/2.0/UDP pc33.example.com;branch=z9hG4bK776").unwrap();
    let typed = request.typed::<method::Invite>().unwrap();
    let response = status::EarlyDialogTerminated::reply_to(&typed)
        .reason(Reason::sip(480).unwrap())
        .build();
    assert_eq!(response.code(), 199);
    assert!(response.header("Reason").is_some());
}
