use sip_codes::header::Reason;

sip_codes::sip_codes!("../../../../tests/specs/vendor.yaml", name = VendorCode, module = vendor_status);

fn main() {
    let response = vendor_status::Forbidden::builder().reason(Reason::sip(403).unwrap()).build();
    assert_eq!(response.reason(), "Wrong Guess");
    let vendor = vendor_status::CodecMismatch::builder().build();
    assert_eq!(vendor.code(), 499);
}
