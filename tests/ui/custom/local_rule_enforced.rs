sip_codes::sip_codes!("../../../../tests/specs/vendor.yaml", name = VendorCode, module = vendor_status);

fn main() {
    let request = sip_codes::RequestHeaders::new("<sip:a@example.com>;tag=1", "<sip:b@example.com>", "c", "1 INVITE")
        .unwrap();
    // The vendor spec adds a local rule: every 403 carries a Reason header.
    let _response = vendor_status::Forbidden::reply_to(&request).build();
}
