use sip_codes::{status, RequestHeaders};

fn main() {
    // RFC 3261 §21.4.17: without `Min-Expires` this does not compile.
    let request = RequestHeaders::new("<sip:alice@example.com>;tag=1", "<sip:bob@example.com>", "a84b4c76e66710", "1 OPTIONS")
        .unwrap()
        .via("SIP/2.0/UDP pc33.example.com;branch=z9hG4bK776").unwrap();
    let _response = status::IntervalTooBrief::reply_to(&request)
        .build();
}
