use sip_codes::{method, status, RequestHeaders};

fn main() {
    // RFC 3903 §6: without `SIP-ETag` this does not compile.
    let request = RequestHeaders::new("<sip:alice@example.com>;tag=1", "<sip:bob@example.com>", "a84b4c76e66710", "1 PUBLISH")
        .unwrap()
        .via("SIP/2.0/UDP pc33.example.com;branch=z9hG4bK776").unwrap();
    let typed = request.typed::<method::Publish>().unwrap();
    let _response = status::Ok::reply_to(&typed)
        .expires(3600u32)
        .build();
}
