use sip_codes::header::*;
use sip_codes::{method, status, RequestHeaders};

fn main() {
    let request = RequestHeaders::new("<sip:alice@example.com>;tag=1", "<sip:bob@example.com>", "a84b4c76e66710", "1 INVITE")
        .unwrap()
        .via("SIP/2.0/UDP pc33.example.com;branch=z9hG4bK776").unwrap();
    let invite = request.typed::<method::Invite>().unwrap();
    // The 200 to a typed INVITE has no Min-SE either (RFC 4028 §5).
    let _response = status::Ok::reply_to(&invite)
        .contact(Uri::new("sip:alice@192.0.2.10").unwrap())
        .min_se(90u32)
        .build();
}
