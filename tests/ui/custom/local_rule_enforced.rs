sip_codes::sip_codes!("../../../../tests/specs/vendor.yaml", name = VendorCode, module = vendor_status);

fn main() {
    // The vendor spec adds a local rule: every 403 carries a Reason header.
    let _response = vendor_status::Forbidden::builder().build();
}
