//! The responses the proxy makes itself, each through a `sip_codes` builder from the request it answers:
//! 100 Trying to an INVITE (RFC 3261 §16.2, §16.7 step 5 never forwards a branch's own), 483 Too Many
//! Hops (§16.3 step 3), 404 for an in-dialog request routed to nowhere but here, the 200 or 481 to a CANCEL (§16.10), and the 408 or 500 that §16.7 step 6 has the
//! proxy send in place of its branches' answers.

use sip_codes::{RequestHeaders, Response, RuleViolations, StatusCode, method, status};

/// 100 Trying, to an INVITE only (RFC 4320 §4.1 leaves the non-INVITE ones to the final response).
pub fn trying(request: &RequestHeaders) -> Option<Response> {
    let invite = request.typed::<method::Invite>()?;
    Some(status::Trying::reply_to(invite).build())
}

/// 483: the request's Max-Forwards is 0 (or unreadable). Any method may get it but ACK, so the method is
/// checked when it is built.
pub fn too_many_hops(request: &RequestHeaders) -> Result<Response, RuleViolations> {
    status::TooManyHops::reply_to(request).build()
}

/// 404: a request inside a dialog whose route ends here, at a proxy that is no user agent. The method is
/// checked when it is built (an ACK gets nothing).
pub fn no_route(request: &RequestHeaders) -> Result<Response, RuleViolations> {
    status::NotFound::reply_to(request).build()
}

/// The answer to a CANCEL (§16.10): 200 when it matches a response context, else 481 (this proxy does
/// not forward a CANCEL it cannot match, which §16.10 asks of a stateless element: it knows no target).
pub fn cancel_answer(request: &RequestHeaders, matched: bool) -> Option<Response> {
    let cancel = request.typed::<method::Cancel>()?;
    Some(if matched {
        status::Ok::reply_to(cancel).build()
    } else {
        status::CallTransactionDoesNotExist::reply_to(cancel).build()
    })
}

/// A final response the proxy sends in its branches' stead, its code chosen at run time by
/// `proxy::best_response` (408 when no branch answered an INVITE, 500 for a lone 503): the run-time
/// builder checks the code's rules, and that it may answer the request's method, when it is built.
pub fn instead(code: StatusCode, request: &RequestHeaders) -> Result<Response, RuleViolations> {
    code.reply_to(request).build()
}
