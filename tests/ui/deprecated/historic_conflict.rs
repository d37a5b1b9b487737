#![deny(deprecated)]

use sip_codes::{RequestHeaders, status};

fn main() {
    let request = RequestHeaders::new("<sip:alice@example.com>;tag=1", "<sip:bob@example.com>", "a84b4c76e66710", "1 OPTIONS")
        .unwrap()
        .via("SIP/2.0/UDP pc33.example.com;branch=z9hG4bK776").unwrap();
    // 409 Conflict is historic (RFC 2543 only): building one warns.
    let _response = status::Conflict::reply_to(&request).build();
}
