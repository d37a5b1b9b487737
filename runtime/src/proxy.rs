//! [`best_response`]: what a stateful proxy forwards once its branches have answered (RFC 3261 §16.7
//! steps 5 to 7), from the spec's `proxy` fact of each code.

use crate::behaviour::ProxyHandling;
use crate::code::StatusCodeSet;
use crate::header::Method;

/// What to forward upstream, from [`best_response`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Forward {
    /// The response at this index of the input.
    Response(usize),
    /// A 500 instead of the 503 at this index: the only responses were 503s (§16.7 step 6, "If the only
    /// response that was received is a 503, the proxy SHOULD generate a 500 response").
    ServerInternalError {
        /// The 503 it replaces.
        replacing: usize,
    },
    /// A 408: no branch gave a final response, and the request is an INVITE (§16.7 step 6).
    RequestTimeout,
    /// Nothing: no final response to a non-INVITE request, which never gets a 408 from a
    /// transaction-stateful element (RFC 4320 §4.2).
    Nothing,
}

/// What a stateful proxy does with the responses of its branches (see [`best_response`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Choice {
    /// What to forward.
    pub forward: Forward,
    /// The other 401 and 407 responses whose WWW-Authenticate and Proxy-Authenticate values the forwarded
    /// one must carry too (§16.7 step 7), by index.
    pub merge_challenges_from: Vec<usize>,
    /// Whether the other branches are to be cancelled: a 6xx was received (§16.7 steps 5 and 10).
    pub cancel_others: bool,
}

/// The response a stateful proxy forwards once every branch has answered (or timed out), RFC 3261 §16.7:
///
/// - a 2xx is forwarded (step 5 forwards it at once, so it is the answer);
/// - else a 6xx, which also cancels the other branches (steps 5, 6, 10);
/// - else the lowest class of 3xx, 4xx and 5xx, a 503 only if nothing else came (then a 500 instead);
///   within the 4xx class, a response that tells the client how to resubmit (401, 407, 415, 420, 484) is
///   preferred (step 6);
/// - a chosen 401 or 407 carries the challenges of every other 401 and 407 (step 7);
/// - with no final response, a 408 for an INVITE and nothing for any other method (RFC 4320 §4.2).
///
/// `codes` are the final responses received, in arrival order; a code the set does not know is read as
/// the x00 code of its class (RFC 3261 §8.1.3.2). Ties go to the earliest response.
///
/// ```
/// use sip_codes::{header::Method, proxy::{best_response, Forward}, StatusCode};
/// let choice = best_response(&[StatusCode::ServiceUnavailable, StatusCode::ProxyAuthenticationRequired,
///     StatusCode::NotImplemented, StatusCode::NotFound, StatusCode::Unauthorized], &Method::Invite);
/// assert_eq!(choice.forward, Forward::Response(1));        // the 407 (§16.7's own example)
/// assert_eq!(choice.merge_challenges_from, [4]);           // with the 401's challenge
/// let only_503 = best_response(&[StatusCode::ServiceUnavailable], &Method::Invite);
/// assert_eq!(only_503.forward, Forward::ServerInternalError { replacing: 0 });
/// ```
pub fn best_response<C: StatusCodeSet>(codes: &[C], method: &Method) -> Choice {
    let handling = |code: &C| code.behaviour().proxy.value;
    let finals: Vec<(usize, &C)> = codes
        .iter()
        .enumerate()
        .filter(|(_, c)| c.code() >= 200)
        .collect();
    let choice = |forward| Choice {
        forward,
        merge_challenges_from: Vec::new(),
        cancel_others: false,
    };
    if finals.is_empty() {
        return choice(if *method == Method::Invite {
            Forward::RequestTimeout
        } else {
            Forward::Nothing
        });
    }
    if let Some((i, _)) = finals.iter().find(|(_, c)| (200..300).contains(&c.code())) {
        return choice(Forward::Response(*i));
    }
    if let Some((i, _)) = finals
        .iter()
        .find(|(_, c)| handling(c) == ProxyHandling::Decisive)
    {
        return Choice {
            cancel_others: true,
            ..choice(Forward::Response(*i))
        };
    }
    let usable: Vec<&(usize, &C)> = finals
        .iter()
        .filter(|(_, c)| handling(c) != ProxyHandling::ReplaceWith500)
        .collect();
    let Some(lowest) = usable.iter().map(|(_, c)| c.code() / 100).min() else {
        return choice(Forward::ServerInternalError {
            replacing: finals[0].0,
        });
    };
    let class: Vec<&&(usize, &C)> = usable
        .iter()
        .filter(|(_, c)| c.code() / 100 == lowest)
        .collect();
    let prefers = |c: &C| {
        matches!(
            handling(c),
            ProxyHandling::Preferred | ProxyHandling::Challenge
        )
    };
    let &&&(index, chosen) = class.iter().find(|(_, c)| prefers(c)).unwrap_or(&class[0]);
    let mut out = choice(Forward::Response(index));
    if handling(chosen) == ProxyHandling::Challenge {
        out.merge_challenges_from = finals
            .iter()
            .filter(|(i, c)| *i != index && handling(c) == ProxyHandling::Challenge)
            .map(|(i, _)| *i)
            .collect();
    }
    out
}
