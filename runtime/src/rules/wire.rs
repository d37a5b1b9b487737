//! [`check_message`]: the rules of a code set checked on a response received from the wire, with the same
//! run-time check as the builders ([`super::check`]) and what only a received message can get wrong.

use core::fmt;

use sip_codes_core::headers as catalog;

use super::{RuleViolation, ViolationKind, check_into};
use crate::Citation;
use crate::code::StatusCodeSet;
use crate::header::Method;
use crate::message::{BodyLength, Message};

/// The headers every response copies from its request (RFC 3261 §8.2.6.2).
const TRANSACTION_HEADERS: [&str; 5] = ["Via", "From", "To", "Call-ID", "CSeq"];

/// Why [`check_message`] could not check a message.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NotAResponse;

impl fmt::Display for NotAResponse {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("the message is a request, not a response")
    }
}

impl std::error::Error for NotAResponse {}

/// Every rule a response received from the wire breaks, against the rules of the code set `C` (the
/// bundled `StatusCode`, or a spec of your own), each with the byte offset it concerns:
///
/// - the code's rules, as a builder checks them when it runs ([`super::check`]): every MUST (one-of
///   groups included) and MUST NOT, the rules of the method its CSeq names, the methods it answers;
/// - the headers every response copies from its request (Via, From, To, Call-ID, CSeq: RFC 3261
///   §8.2.6.2), at offset 0;
/// - a header whose value is not a list, on more than one line (RFC 3261 §7.3.1), at its second line;
/// - a Content-Length that does not give the length of the body (§18.3, §20.14), at its value.
///
/// A code `C` does not know has no rules of its own to check; the rest is checked for it too. The message
/// must have been parsed already ([`Message::parse`] for a datagram, [`Message::parse_stream`] for bytes
/// from a stream): what does not parse breaks the grammar, not a rule, and is [`crate::message::ParseError`].
///
/// ```
/// use sip_codes::{message::Message, rules::check_message, StatusCode};
/// let wire = b"SIP/2.0 405 Method Not Allowed\r\nVia: SIP/2.0/UDP h;branch=z9hG4bK1\r\n\
///     From: <sip:a@example.com>;tag=1\r\nTo: <sip:b@example.com>;tag=2\r\nCall-ID: c1\r\n\
///     CSeq: 1 MESSAGE\r\nContent-Length: 0\r\n\r\n";
/// let message = Message::parse(wire)?;
/// let found = check_message::<StatusCode>(&message)?;
/// assert_eq!(found[0].to_string(), "`405 Method Not Allowed` requires the `Allow` header (RFC 3261 §21.4.6)");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn check_message<C: StatusCodeSet>(
    message: &Message<'_>,
) -> Result<Vec<RuleViolation>, NotAResponse> {
    let line = message.response_line().ok_or(NotAResponse)?;
    let code = line.code();
    let method = message.field("CSeq").and_then(|cseq| {
        cseq.value()
            .raw()
            .split_whitespace()
            .nth(1)
            .and_then(|m| Method::new(m).ok())
    });
    let mut out = Vec::new();
    let has = |name: &str| message.field(name).is_some();
    let (phrase, rules) = match C::from_u16(code) {
        Some(known) => (known.reason_phrase(), Some(known.rules())),
        None => ("", None),
    };
    let violation =
        |kind, citation| RuleViolation::new(code, phrase, method.clone(), kind, citation);
    let rfc = |section| Citation::Rfc { rfc: 3261, section };
    for header in TRANSACTION_HEADERS.iter().filter(|h| !has(h)) {
        out.push(
            violation(
                ViolationKind::MissingTransactionHeader { header },
                rfc("8.2.6.2"),
            )
            .at(0),
        );
    }
    for info in catalog::HEADERS.iter().filter(|h| !h.multiple && !h.list) {
        if let Some(second) = message.fields_named(info.name).nth(1) {
            let kind = ViolationKind::Repeated { header: info.name };
            out.push(violation(kind, rfc("7.3.1")).at(second.offset()));
        }
    }
    let declared = message.content_length();
    let at = declared.map_or(0, |cl| cl.value_offset());
    match message.body_length() {
        BodyLength::Extra { declared, actual } | BodyLength::Truncated { declared, actual } => {
            let kind = ViolationKind::ContentLength {
                declared: Some(declared as u64),
                actual,
            };
            out.push(violation(kind, rfc("18.3")).at(at));
        }
        BodyLength::Undeclared | BodyLength::Matches(_) => {}
    }
    if let Some(rules) = rules {
        let start = out.len();
        check_into(rules, method.as_ref(), has, &mut out);
        for found in &mut out[start..] {
            let offset = match found.kind() {
                ViolationKind::Forbidden { header, .. } => {
                    message.field(header).map_or(0, |f| f.offset())
                }
                _ => 0,
            };
            *found = found.clone().at(offset);
        }
    }
    Ok(out)
}
