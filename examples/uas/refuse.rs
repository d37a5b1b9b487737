//! Stateless refusals (RFC 3261 §8.2.6, §21.4.1): the response to a message the parser refused (400, 413,
//! 505), from whatever transaction headers it has that a response can copy.
//!
//! `sip_codes::RequestHeaders` reads the method from CSeq and refuses a CSeq it cannot read (RFC 3261
//! §20.16), so a request whose CSeq is what is wrong (`CSeq: one OPTIONS`, a number above 2^32 - 1, RFC
//! 4475 §3.1.2.4) gives no `RequestHeaders` to answer from. Such a request is answered from a stand-in
//! CSeq with the request line's method, and the response's CSeq line is then written back to the value
//! the request carried, which §8.2.6.2 says the response copies (see [`Answerable::cseq`]).

use crate::address;
use crate::parse::Reject;
use sip_codes::header::{Token, Warning};
use sip_codes::{RequestHeaders, Response, RuleViolations, StatusCode};

/// What a refusal can be made from.
pub struct Answerable {
    pub rh: RequestHeaders,
    /// The request's own CSeq value when `rh` holds a stand-in: `(stand-in, original)`.
    pub cseq: Option<(String, String)>,
}

impl Answerable {
    /// The response's bytes, with the request's own CSeq value where `rh` held a stand-in.
    pub fn wire(&self, response: &Response) -> Vec<u8> {
        let bytes = crate::wire::wire(response);
        let Some((stand_in, original)) = &self.cseq else {
            return bytes;
        };
        let (from, to) = (
            format!("\r\nCSeq: {stand_in}\r\n"),
            format!("\r\nCSeq: {original}\r\n"),
        );
        let Some(at) = bytes.windows(from.len()).position(|w| w == from.as_bytes()) else {
            return bytes;
        };
        let mut out = Vec::with_capacity(bytes.len() + to.len());
        out.extend_from_slice(&bytes[..at]);
        out.extend_from_slice(to.as_bytes());
        out.extend_from_slice(&bytes[at + from.len()..]);
        out
    }
}

/// The stateless response to a request the parser refused (see `Server::reject`), its code chosen at run
/// time, so its rules (and the request's method: an ACK is never answered) are checked when it is built.
/// What was wrong goes into a `Warning: 399` (RFC 3261 §20.43), not the reason phrase: §21.4.1 suggests
/// the phrase, but a peer that looks for a header name anywhere in the message (sipp does) would then
/// read the phrase for the header.
pub fn refusal(
    rh: &RequestHeaders,
    tag: Token,
    reject: &Reject,
    agent: &str,
) -> Result<Response, RuleViolations> {
    let code = reject.code.status();
    let builder = code.reply_to(rh).to_tag(tag);
    let warning = Warning::new(399, agent, &reject.why)
        .ok()
        .filter(|_| code != StatusCode::VersionNotSupported);
    match warning {
        Some(w) => builder.warning(w).build(),
        None => builder.build(),
    }
}

/// The transaction headers of a message the parser refused, so a 400 (or 413, 505) can copy them:
/// `RequestHeaders::from_message` when it accepts the head, else the first From, To, Call-ID and CSeq
/// and every Via, skipping lines that are not UTF-8 or have no colon. `None` for a response, or when one
/// of them is missing or holds what no header value can (a control character): a response without them
/// would not be one (RFC 3261 §8.2.6.2).
pub fn answerable(data: &[u8]) -> Option<Answerable> {
    let head_end = data
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .map_or(data.len(), |i| i + 2);
    let head = &data[..head_end];
    if head
        .get(..4)
        .is_some_and(|p| p.eq_ignore_ascii_case(b"SIP/"))
    {
        return None;
    }
    if let Ok(rh) = RequestHeaders::from_message_bytes(head) {
        return Some(Answerable { rh, cseq: None });
    }
    let mut found: Vec<(String, String)> = Vec::new();
    for raw in head.split(|&b| b == b'\n').skip(1) {
        let raw = raw.strip_suffix(b"\r").unwrap_or(raw);
        let line = std::str::from_utf8(raw).ok();
        match (line, found.last_mut()) {
            (Some(l), Some((_, value))) if l.starts_with([' ', '\t']) => {
                value.push(' ');
                value.push_str(l.trim_matches([' ', '\t']));
            }
            (Some(l), _) => match l.split_once(':') {
                Some((name, value)) => found.push((
                    name.trim_matches([' ', '\t']).to_ascii_lowercase(),
                    value.trim_matches([' ', '\t']).to_string(),
                )),
                None => found.push((String::new(), String::new())),
            },
            (None, _) => found.push((String::new(), String::new())),
        }
    }
    let first = |names: &[&str]| {
        found
            .iter()
            .find(|(n, _)| names.contains(&n.as_str()))
            .map(|(_, v)| v.as_str())
    };
    let (from, to, call_id) = (
        first(&["from", "f"])?,
        first(&["to", "t"])?,
        first(&["call-id", "i"])?,
    );
    let cseq = first(&["cseq"])?;
    let (mut rh, cseq) = match RequestHeaders::new(from, to, call_id, cseq) {
        Ok(rh) => (rh, None),
        Err(_) if !cseq.chars().any(|c| c.is_control() && c != '\t') => {
            // A CSeq `RequestHeaders` cannot read (see the top of this file): a stand-in with the
            // request line's method, the original written back by `Answerable::wire`.
            let method = head.split(|&b| b == b' ').next()?;
            let stand_in = format!("1 {}", std::str::from_utf8(method).ok()?);
            let rh = RequestHeaders::new(from, to, call_id, &stand_in).ok()?;
            (rh, Some((stand_in, cseq.to_string())))
        }
        Err(_) => return None,
    };
    let mut vias = 0;
    for (_, value) in found.iter().filter(|(n, _)| n == "via" || n == "v") {
        for v in address::split_list(value) {
            let v = v.trim_matches([' ', '\t']);
            if !v.is_empty() {
                rh = rh.via(v).ok()?;
                vias += 1;
            }
        }
    }
    if let Some(ts) = first(&["timestamp"]) {
        rh = rh.timestamp(ts).ok()?;
    }
    (vias > 0).then_some(Answerable { rh, cseq })
}
