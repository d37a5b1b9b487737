//! Requests for the tests to answer, one per method, and what the spec says a response to each needs.
//!
//! Shared by the tests that build responses from the spec's data (`#[path]` module).

use sip_codes::rules::{CodeRules, Rule};
use sip_codes::{RequestHeaders, StatusCode};
use sip_codes_core::methods::METHODS;

/// The request a response answers: two Vias, two Record-Routes (one line, comma-joined), a Timestamp and a
/// To without tag, of the method `method` (request line and CSeq).
pub fn message(method: &str) -> String {
    format!(
        "{method} sip:bob@192.0.2.4 SIP/2.0\r\n\
         Via: SIP/2.0/UDP pc33.example.com;branch=z9hG4bK776asdhds\r\n\
         Via: SIP/2.0/TCP proxy.example.com:5061;branch=z9hG4bKnashds8;received=192.0.2.1\r\n\
         Record-Route: <sip:proxy.example.com:5061;transport=tcp;lr>, <sip:edge.example.com;lr>\r\n\
         Max-Forwards: 70\r\n\
         To: Bob <sip:bob@example.com>\r\n\
         From: Alice <sip:alice@example.com>;tag=1928301774\r\n\
         Call-ID: a84b4c76e66710@pc33.example.com\r\n\
         CSeq: 314159 {method}\r\n\
         Timestamp: 54\r\n\
         Contact: <sip:alice@pc33.example.com>\r\n\
         Content-Length: 0\r\n\r\n"
    )
}

/// [`message`] read as a request.
pub fn request(method: &str) -> RequestHeaders {
    RequestHeaders::from_message(&message(method)).expect("a valid request")
}

/// Every method of the registry, then an extension method.
pub fn methods() -> impl Iterator<Item = &'static str> {
    METHODS.iter().map(|m| m.name).chain(["PING"])
}

/// The methods `code` answers (no answer rule refuses them).
pub fn answered(code: StatusCode) -> impl Iterator<Item = &'static str> {
    methods().filter(move |m| code.rules().refuses(m).is_none())
}

/// The MUST rules the run-time check holds a response of `rules` to `method` to (no condition; no method
/// scope, or `method`'s).
pub fn musts_for<'a>(
    rules: &'a CodeRules,
    method: &str,
) -> impl Iterator<Item = &'static Rule> + 'a {
    let method = method.to_owned();
    rules
        .headers
        .must
        .iter()
        .filter(move |r| r.holds_for(Some(&method)))
}
