use sip_codes::RequestHeaders;
use sip_codes::header::Reason;

sip_codes::sip_codes!("../../../../tests/specs/vendor.yaml", name = VendorCode, module = vendor_status);

fn main() {
    let request = RequestHeaders::new("<sip:alice@example.com>;tag=1", "<sip:bob@example.com>", "a84b4c76e66710", "1 OPTIONS")
        .unwrap()
        .via("SIP/2.0/UDP pc33.example.com;branch=z9hG4bK776").unwrap();
    // From a plain request, whose method is read at run time, `build()` checks it: a `Result`.
    let response = vendor_status::Forbidden::reply_to(&request).reason(Reason::sip(403).unwrap()).build();
    assert!(response.is_ok());
    // From a typed one, a `Response`.
    let request = request.typed::<sip_codes::method::Options>().unwrap();
    let response = vendor_status::Forbidden::reply_to(&request).reason(Reason::sip(403).unwrap()).build();
    assert_eq!(response.reason(), "Wrong Guess");
    let vendor = vendor_status::CodecMismatch::reply_to(&request).build();
    assert_eq!(vendor.code(), 499);
}
