use sip_codes::header::*;
use sip_codes::{method, status, RequestHeaders};

fn main() {
    let request = RequestHeaders::new("<sip:alice@example.com>;tag=1", "<sip:bob@example.com>", "a84b4c76e66710", "1 OPTIONS")
        .unwrap()
        .via("SIP/2.0/UDP pc33.example.com;branch=z9hG4bK776").unwrap();
    let typed = request.typed::<method::Options>().unwrap();
    let response = status::BadInfoPackage::reply_to(&typed)
        .recv_info(RecvInfo::none())
        .build();
    assert_eq!(response.code(), 469);
    assert!(response.header("Recv-Info").is_some());
}
