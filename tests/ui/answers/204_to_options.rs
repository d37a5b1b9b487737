use sip_codes::{method, status, RequestHeaders};

fn main() {
    // RFC 5839 §7.1: `204 No Notification` does not answer OPTIONS.
    let request = RequestHeaders::new("<sip:alice@example.com>;tag=1", "<sip:bob@example.com>", "a84b4c76e66710", "1 OPTIONS")
        .unwrap()
        .via("SIP/2.0/UDP pc33.example.com;branch=z9hG4bK776").unwrap();
    let typed = request.typed::<method::Options>().unwrap();
    let _response = status::NoNotification::reply_to(&typed);
}
