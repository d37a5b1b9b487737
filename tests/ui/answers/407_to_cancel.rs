use sip_codes::{method, status, RequestHeaders};

fn main() {
    // RFC 3261 §22.1: `407 Proxy Authentication Required` does not answer CANCEL.
    let request = RequestHeaders::new("<sip:alice@example.com>;tag=1", "<sip:bob@example.com>", "a84b4c76e66710", "1 CANCEL")
        .unwrap()
        .via("SIP/2.0/UDP pc33.example.com;branch=z9hG4bK776").unwrap();
    let typed = request.typed::<method::Cancel>().unwrap();
    let _response = status::ProxyAuthenticationRequired::reply_to(&typed);
}
