//! [`check_message`]: the rules of a code set checked on a response received from the wire, with the same
//! run-time check as the builders ([`super::check`]) and what only a received message can get wrong.

use core::fmt;

use sip_codes_core::headers as catalog;

use super::{CodeRules, RuleViolation, ViolationKind, check_into};
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
///   groups included) and MUST NOT (at the header), the rules of the method its CSeq names, the
///   methods it answers (at the CSeq);
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
    check_message_in(message, |code| C::from_u16(code).map(|known| known.rules()))
}

/// [`check_message`] against rules looked up by `rules_of`, for a spec known only at run time (a tool
/// that reads one with `sip-codes-model`): the same checks, with the rules `rules_of` gives the code
/// (`None`: a code it does not know).
pub fn check_message_in<'r>(
    message: &Message<'_>,
    rules_of: impl FnOnce(u16) -> Option<&'r CodeRules>,
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
    // Each field's long name, read once, with a key that tells most different names apart in one
    // comparison: every question below is answered from this list (on the stack for up to 32 fields).
    let mut inline = [Name::EMPTY; 32];
    let mut spilled = Vec::new();
    let names: &[Name<'_>] = if message.field_count() <= inline.len() {
        for (slot, field) in inline.iter_mut().zip(message.fields()) {
            *slot = Name::new(catalog::long_form(field.name()));
        }
        &inline[..message.field_count()]
    } else {
        spilled.extend(
            message
                .fields()
                .map(|f| Name::new(catalog::long_form(f.name()))),
        );
        &spilled
    };
    let has = |name: &str| {
        let name = Name::new(name);
        names.iter().any(|n| n.is(&name))
    };
    let mut out = Vec::new();
    let rules = rules_of(code);
    let phrase = rules.map_or("", |rules| rules.phrase);
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
    // A header is reported at its second field, if the catalog says it is not a list. The catalog is
    // searched for repeated headers only: most messages repeat none, or only Via and Record-Route.
    for (i, (name, field)) in names.iter().zip(message.fields()).enumerate() {
        let earlier = names[..i].iter().filter(|n| n.is(name)).count();
        if earlier != 1 {
            continue;
        }
        if let Some(info) = catalog::find(name.text).filter(|h| !h.multiple && !h.list) {
            let kind = ViolationKind::Repeated { header: info.name };
            out.push(violation(kind, rfc("7.3.1")).at(field.offset()));
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
                // The method it answers is in the CSeq.
                ViolationKind::NotAnswering { .. } => {
                    message.field("CSeq").map_or(0, |f| f.offset())
                }
                _ => 0,
            };
            *found = found.clone().at(offset);
        }
    }
    Ok(out)
}

/// A header name and its key: its length and its first and last bytes in lower case.
#[derive(Clone, Copy)]
struct Name<'a> {
    key: u32,
    text: &'a str,
}

impl<'a> Name<'a> {
    const EMPTY: Name<'static> = Name { key: 0, text: "" };

    #[inline]
    fn new(text: &'a str) -> Self {
        let bytes = text.as_bytes();
        let lower = |b: Option<&u8>| u32::from(b.map_or(0, u8::to_ascii_lowercase));
        let key = (bytes.len() as u32) << 16 | lower(bytes.first()) << 8 | lower(bytes.last());
        Name { key, text }
    }

    /// The same header name, ASCII case ignored.
    #[inline(always)]
    fn is(&self, other: &Name<'_>) -> bool {
        self.key == other.key && self.text.eq_ignore_ascii_case(other.text)
    }
}
