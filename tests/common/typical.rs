//! Typical responses to an INVITE, as a server makes them with the builders: for the adapter tests, whose
//! stacks convert and check them.

use sip_codes::header::{Method, Uri};
use sip_codes::{ByMethod, RequestHeaders, Response, status};

/// A 405 from the plain request, a 200 with its Contact and a 486 from the typed one.
pub fn responses(request: &RequestHeaders) -> Vec<Response> {
    let ByMethod::Invite(invite) = request.by_method() else {
        panic!("an INVITE")
    };
    vec![
        status::MethodNotAllowed::reply_to(request)
            .allow([Method::Invite, Method::Ack, Method::Bye])
            .build()
            .expect("not an ACK"),
        status::Ok::reply_to(&invite)
            .contact(Uri::new("sip:bob@192.0.2.4").unwrap())
            .build(),
        status::BusyHere::reply_to(&invite).build(),
    ]
}
