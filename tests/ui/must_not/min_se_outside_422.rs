use sip_codes::{RequestHeaders, status};

fn main() {
    let request = RequestHeaders::new("<sip:alice@example.com>;tag=1", "<sip:bob@example.com>", "a84b4c76e66710", "1 OPTIONS")
        .unwrap()
        .via("SIP/2.0/UDP pc33.example.com;branch=z9hG4bK776").unwrap();
    // RFC 4028 §5: Min-SE only in 422.
    let _response = status::BusyHere::reply_to(&request).min_se(90u32).build();
}
