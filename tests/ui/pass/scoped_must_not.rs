//! A MUST NOT scoped to a method, in a spec without answer rules: from a plain `&RequestHeaders` the
//! setter compiles (the method is not known yet), and `build()` checks the rule when it runs.
use sip_codes::RequestHeaders;
use sip_codes::header::Warning;

sip_codes::sip_codes!("../../../../tests/ui/pass/scoped_must_not.yaml", name = VendorCode, module = vendor);

fn request(method: &str) -> RequestHeaders {
    RequestHeaders::new("<sip:a@example.com>;tag=1", "<sip:b@example.com>", "c", &format!("1 {method}"))
        .unwrap()
        .via("SIP/2.0/UDP h;branch=z9hG4bK1")
        .unwrap()
}

fn main() {
    let warning = || Warning::new(399, "example.com", "codec mismatch").unwrap();
    let invite = request("INVITE");
    let refused = vendor::CodecMismatch::reply_to(&invite).warning(warning()).build().unwrap_err();
    let sentences: Vec<String> = refused.iter().map(ToString::to_string).collect();
    assert_eq!(sentences.len(), 1, "{sentences:?}");
    assert!(sentences[0].contains("`Warning`"), "{sentences:?}");
    // To another method the header is allowed.
    let options = request("OPTIONS");
    let response = vendor::CodecMismatch::reply_to(&options).warning(warning()).build().unwrap();
    assert_eq!(response.header_all("Warning").count(), 1);
}
