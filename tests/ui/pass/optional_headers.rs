use sip_codes::header::*;
use sip_codes::status;

fn main() {
    // Optional headers, a custom phrase and a body on a code without required headers.
    let response = status::BusyHere::builder()
        .retry_after(RetryAfter::new(60).with_comment("in a meeting").unwrap())
        .warning(Warning::new(399, "example.com", "busy").unwrap())
        .reason_phrase(sip_codes::response::ReasonPhrase::new("Busy Right Now").unwrap())
        .body(MediaType::TEXT_PLAIN, "later")
        .build();
    assert_eq!(response.reason(), "Busy Right Now");
}
