use sip_codes::header::*;
use sip_codes::{method, status, RequestHeaders};

fn main() {
    let request = RequestHeaders::new("<sip:alice@example.com>;tag=1", "<sip:bob@example.com>", "a84b4c76e66710", "1 PUBLISH")
        .unwrap()
        .via("SIP/2.0/UDP pc33.example.com;branch=z9hG4bK776").unwrap();
    let typed = request.typed::<method::Publish>().unwrap();
    let response = status::Ok::reply_to(&typed)
        .expires(3600u32)
        .sip_etag(SipETag::new("dx200xyz").unwrap())
        .build();
    assert_eq!(response.code(), 200);
    assert!(response.header("Expires").is_some());
    assert!(response.header("SIP-ETag").is_some());
}
