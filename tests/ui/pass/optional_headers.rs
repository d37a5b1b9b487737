use sip_codes::header::*;
use sip_codes::{RequestHeaders, status};

fn main() {
    let request = RequestHeaders::new("<sip:alice@example.com>;tag=1", "<sip:bob@example.com>", "a84b4c76e66710", "1 OPTIONS")
        .unwrap()
        .via("SIP/2.0/UDP pc33.example.com;branch=z9hG4bK776").unwrap();
    // Optional headers, a custom phrase and a body on a code without required headers.
    let request = request.typed::<sip_codes::method::Options>().unwrap();
    let response = status::BusyHere::reply_to(request)
        .retry_after(RetryAfter::new(60).with_comment("in a meeting").unwrap())
        .warning(Warning::new(399, "example.com", "busy").unwrap())
        .reason_phrase(sip_codes::response::ReasonPhrase::new("Busy Right Now").unwrap())
        .body(MediaType::TEXT_PLAIN, "later")
        .build();
    assert_eq!(response.reason(), "Busy Right Now");
    // Where the header is required, a branch sets it on every path, with the same type.
    let digest = Challenge::digest("example.com", "nonce1").unwrap();
    let builder = status::Unauthorized::reply_to(request);
    let builder = if response.code() == 486 { builder.www_authenticate(digest.clone()) } else { builder.www_authenticate(digest) };
    // An optional header on one path only keeps the type.
    let builder = if response.body().is_empty() { builder } else { builder.server(Server::new("uas/1").unwrap()) };
    assert_eq!(builder.build().code(), 401);
}
