use sip_codes::{method, status, RequestHeaders};

fn main() {
    // RFC 3261 §17: `100 Trying` does not answer ACK.
    let request = RequestHeaders::new("<sip:alice@example.com>;tag=1", "<sip:bob@example.com>", "a84b4c76e66710", "1 ACK")
        .unwrap()
        .via("SIP/2.0/UDP pc33.example.com;branch=z9hG4bK776").unwrap();
    let typed = request.typed::<method::Ack>().unwrap();
    let _response = status::Trying::reply_to(&typed);
}
