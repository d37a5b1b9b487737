//! [`Draft`]: the state inside every generated response builder.

use std::collections::hash_map::RandomState;
use std::hash::BuildHasher;
use std::sync::atomic::{AtomicU64, Ordering};

use crate::error::{Error, ErrorKind};
use crate::header::{HeaderName, HeaderValue, MediaType, Token, TypedHeader, same_header};
use crate::request::{RequestHeaders, split_outside_quotes};
use crate::response::{Header, ReasonPhrase, Response};

/// Headers that [`Draft::extra_header`] refuses whatever the code: the library writes them itself.
const MANAGED: [&str; 7] = [
    "Content-Length",
    "Content-Type",
    "Via",
    "From",
    "To",
    "Call-ID",
    "CSeq",
];

/// The state inside every generated builder: status code, reason phrase, headers and body.
///
/// Generated builders check the spec's header rules at compile time and call these methods; they are
/// public for that code and for tools, not as the main API. [`Draft::finish`] makes the [`Response`].
///
/// Headers go on the wire in this order: the transaction headers copied by [`Draft::reply_to`] (every
/// Via in order, From, To, Call-ID, CSeq, and Timestamp in a 100), then the other headers in the order
/// they were set, then Content-Type (with a body) and Content-Length (always, computed).
#[derive(Debug, Clone)]
pub struct Draft {
    code: u16,
    reason: ReasonPhrase,
    /// Transaction headers (`txn_len` of them) then the others.
    headers: Vec<Header>,
    txn_len: usize,
    /// Index of To in `headers`, when copied from a request that had no tag.
    untagged_to: Option<usize>,
    to_tag: Option<Token>,
    content_type: Option<MediaType>,
    body: Vec<u8>,
}

impl Draft {
    /// A response of `code` (100–699) with its default reason `phrase` (static text from the spec, valid
    /// by construction: checked in debug builds).
    pub fn new(code: u16, phrase: &'static str) -> Draft {
        debug_assert!(
            (100..=699).contains(&code),
            "status code {code} is outside 100-699"
        );
        Draft {
            code,
            reason: ReasonPhrase::from_static_unchecked(phrase),
            headers: Vec::new(),
            txn_len: 0,
            untagged_to: None,
            to_tag: None,
            content_type: None,
            body: Vec::new(),
        }
    }

    /// The status code.
    pub fn code(&self) -> u16 {
        self.code
    }

    /// Renders and stores a typed header. With `multiple` false it replaces a header of that name set
    /// before (in its place); with `multiple` true it adds one more.
    pub fn typed<H: TypedHeader>(&mut self, value: &H, multiple: bool) {
        let name = HeaderName::from_static_unchecked(H::NAME);
        let value = value.to_header_value();
        if multiple {
            self.headers.push(Header::new(name, value));
        } else {
            self.replace(name, value);
        }
    }

    /// Sets `name: value` in place of the first header of that name after the transaction headers
    /// (dropping any others), or adds it.
    fn replace(&mut self, name: HeaderName, value: HeaderValue) {
        let txn_len = self.txn_len;
        let others = &mut self.headers[txn_len..];
        match others.iter().position(|h| h.name().is(name.as_str())) {
            None => self.headers.push(Header::new(name, value)),
            Some(first) => {
                others[first].set_value(value);
                let first = txn_len + first;
                let mut i = 0;
                self.headers.retain(|h| {
                    i += 1;
                    i - 1 <= first || !h.name().is(name.as_str())
                });
            }
        }
    }

    /// Replaces the default reason phrase.
    pub fn set_reason_phrase(&mut self, phrase: ReasonPhrase) {
        self.reason = phrase;
    }

    /// Adds a header that the spec's typed setters do not cover.
    ///
    /// Fails with [`ErrorKind::HeaderNotAllowed`] if `name` (case-insensitive, compact forms included) is
    /// in `forbidden` (the headers the code MUST NOT carry), or is one the library writes itself:
    /// Content-Length (computed), Content-Type (set with the body), or Via, From, To, Call-ID, CSeq (copied
    /// from the request by [`Draft::reply_to`]). The error's `what` is the header's name.
    pub fn extra_header(
        &mut self,
        name: HeaderName,
        value: HeaderValue,
        forbidden: &'static [&'static str],
    ) -> Result<(), Error> {
        if let Some(managed) = MANAGED.iter().find(|m| name.is(m)) {
            return Err(Error::new(managed, ErrorKind::HeaderNotAllowed));
        }
        if let Some(forbidden) = forbidden.iter().find(|f| name.is(f)) {
            return Err(Error::new(forbidden, ErrorKind::HeaderNotAllowed));
        }
        self.headers.push(Header::new(name, value));
        Ok(())
    }

    /// Sets the body and its type (written as Content-Type).
    pub fn body(&mut self, content_type: MediaType, body: impl Into<Vec<u8>>) {
        self.content_type = Some(content_type);
        self.body = body.into();
    }

    /// Copies what a response copies from its request (RFC 3261 §8.2.6): every Via in order, From, To,
    /// Call-ID, CSeq, and Timestamp when the code is 100 (§8.2.6.1). When the request's To has no tag and
    /// the code is not 100, [`Draft::finish`] adds one (§8.2.6.2): the tag given to [`Draft::to_tag`], or a
    /// fresh random one. Calling it again replaces what an earlier call copied.
    pub fn reply_to(&mut self, request: &RequestHeaders) {
        fn name(s: &'static str) -> HeaderName {
            HeaderName::from_static_unchecked(s)
        }
        let timestamp = request.timestamp_value().filter(|_| self.code == 100);
        let to_index = request.vias().len() + 1;
        self.untagged_to =
            (self.code != 100 && !has_tag(request.to().as_str())).then_some(to_index);
        let others = self.headers.len() - self.txn_len;
        let mut headers = Vec::with_capacity(request.vias().len() + 5 + others + 2);
        // Plain pushes into the pre-sized vector (an `extend` over a chained iterator is not
        // `TrustedLen`, and checks the capacity of each element).
        for via in request.vias() {
            headers.push(Header::new(name("Via"), via.clone()));
        }
        headers.push(Header::new(name("From"), request.from().clone()));
        headers.push(Header::new(name("To"), request.to().clone()));
        headers.push(Header::new(name("Call-ID"), request.call_id().clone()));
        headers.push(Header::new(name("CSeq"), request.cseq().clone()));
        if let Some(t) = timestamp {
            headers.push(Header::new(name("Timestamp"), t.clone()));
        }
        let txn_len = headers.len();
        headers.extend(self.headers.drain(self.txn_len..));
        self.headers = headers;
        self.txn_len = txn_len;
    }

    /// Sets the tag this UAS puts in To when the request's To has none (RFC 3261 §8.2.6.2, §12.1.1). It
    /// must be the same in every response of a dialog and in retransmissions; without it a random tag is
    /// made. A To that already has a tag (a request inside a dialog) is kept as is.
    pub fn to_tag(&mut self, tag: Token) {
        self.to_tag = Some(tag);
    }

    /// The finished response.
    pub fn finish(mut self) -> Response {
        if let Some(to) = self.untagged_to.and_then(|i| self.headers.get_mut(i)) {
            let tag = match self.to_tag.take() {
                Some(tag) => tag,
                None => random_tag(),
            };
            let mut value = String::with_capacity(to.value().len() + 5 + tag.as_str().len());
            value.push_str(to.value().as_str());
            value.push_str(";tag=");
            value.push_str(tag.as_str());
            to.set_value(HeaderValue::from_rendered(value));
        }
        Response::from_parts(
            self.code,
            self.reason,
            self.headers,
            self.content_type,
            self.body,
        )
    }
}

/// The header parameters of a From or To value: what follows the `>` of a name-addr, or the first `;` of
/// a bare addr-spec (whose `;` parameters are header parameters, RFC 3261 §20.10).
fn header_params(value: &str) -> &str {
    let b = value.as_bytes();
    let mut in_quotes = false;
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'\\' if in_quotes => i += 1,
            b'"' => in_quotes = !in_quotes,
            b'<' if !in_quotes => {
                return match value[i..].find('>') {
                    Some(gt) => value.get(i + gt + 1..).unwrap_or(""),
                    None => "",
                };
            }
            _ => {}
        }
        i += 1;
    }
    value.find(';').and_then(|at| value.get(at..)).unwrap_or("")
}

/// Whether a From/To value has a `tag` parameter.
fn has_tag(value: &str) -> bool {
    split_outside_quotes(header_params(value), b';')
        .skip(1)
        .any(|param| {
            let name = param.split('=').next().unwrap_or("");
            same_header(name.trim_matches([' ', '\t']), "tag")
        })
}

/// A fresh To tag: 64 bits from SipHash with the process's random keys over a counter and the time,
/// in hex.
fn random_tag() -> Token {
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let count = COUNTER.fetch_add(1, Ordering::Relaxed);
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_nanos())
        .unwrap_or(0);
    let bits = RandomState::new().hash_one((count, nanos));
    let mut tag = String::with_capacity(16);
    for shift in (0..16).rev() {
        let nibble = ((bits >> (shift * 4)) & 0xf) as u8;
        tag.push(char::from(if nibble < 10 {
            b'0' + nibble
        } else {
            b'a' + nibble - 10
        }));
    }
    Token::from_valid(tag)
}

#[cfg(test)]
mod tests {
    use super::*;

    struct Allow(&'static str);
    impl TypedHeader for Allow {
        const NAME: &'static str = "Allow";
        fn write_value(&self, out: &mut String) {
            out.push_str(self.0);
        }
    }

    struct Warning(&'static str);
    impl TypedHeader for Warning {
        const NAME: &'static str = "Warning";
        fn write_value(&self, out: &mut String) {
            out.push_str(self.0);
        }
    }

    fn request(to: &str) -> RequestHeaders {
        RequestHeaders::new(
            "Alice <sip:alice@atlanta.com>;tag=88",
            to,
            "abc@host",
            "1 INVITE",
        )
        .unwrap()
        .via("SIP/2.0/UDP p1;branch=z9hG4bK1")
        .unwrap()
        .via("SIP/2.0/UDP p2;branch=z9hG4bK2")
        .unwrap()
        .timestamp("54")
        .unwrap()
    }

    const HEAD: &str = "Via: SIP/2.0/UDP p1;branch=z9hG4bK1\r\nVia: SIP/2.0/UDP p2;branch=z9hG4bK2\r\n\
        From: Alice <sip:alice@atlanta.com>;tag=88\r\n";

    #[test]
    fn method_not_allowed() {
        let mut d = Draft::new(405, "Method Not Allowed");
        d.typed(&Allow("INVITE"), false);
        d.typed(&Allow("INVITE, ACK"), false);
        d.reply_to(&request("<sip:bob@biloxi.com>"));
        d.to_tag(Token::new("uas1").unwrap());
        let r = d.finish();
        assert_eq!(
            r.to_string(),
            format!(
                "SIP/2.0 405 Method Not Allowed\r\n{HEAD}To: <sip:bob@biloxi.com>;tag=uas1\r\n\
                 Call-ID: abc@host\r\nCSeq: 1 INVITE\r\nAllow: INVITE, ACK\r\nContent-Length: 0\r\n\r\n"
            )
        );
        assert_eq!(r.code(), 405);
        assert_eq!(r.header("allow").unwrap(), "INVITE, ACK");
    }

    #[test]
    fn trying_keeps_to_and_copies_timestamp() {
        let mut d = Draft::new(100, "Trying");
        d.to_tag(Token::new("uas1").unwrap());
        d.reply_to(&request("<sip:bob@biloxi.com>"));
        assert_eq!(
            d.finish().to_string(),
            format!(
                "SIP/2.0 100 Trying\r\n{HEAD}To: <sip:bob@biloxi.com>\r\n\
                 Call-ID: abc@host\r\nCSeq: 1 INVITE\r\nTimestamp: 54\r\nContent-Length: 0\r\n\r\n"
            )
        );
    }

    #[test]
    fn ok_adds_random_tag_and_body() {
        let mut d = Draft::new(200, "OK");
        d.typed(&Warning("399 a \"x\""), true);
        d.reply_to(&request("Bob <sip:bob@biloxi.com>"));
        d.typed(&Warning("399 b \"y\""), true);
        d.body(MediaType::APPLICATION_SDP, "v=0\r\n");
        let r = d.finish();
        let to = r.header("To").unwrap().as_str();
        let tag = to.strip_prefix("Bob <sip:bob@biloxi.com>;tag=").unwrap();
        assert_eq!(tag.len(), 16);
        assert!(tag.bytes().all(|b| b.is_ascii_hexdigit()));
        assert_eq!(r.header("Timestamp"), None);
        assert_eq!(
            r.to_string(),
            format!(
                "SIP/2.0 200 OK\r\n{HEAD}To: {to}\r\nCall-ID: abc@host\r\nCSeq: 1 INVITE\r\n\
                 Warning: 399 a \"x\"\r\nWarning: 399 b \"y\"\r\n\
                 Content-Type: application/sdp\r\nContent-Length: 5\r\n\r\nv=0\r\n"
            )
        );
        assert_eq!(r.to_bytes().len(), r.wire_len());
        // Tags differ between responses.
        let mut d2 = Draft::new(200, "OK");
        d2.reply_to(&request("Bob <sip:bob@biloxi.com>"));
        assert_ne!(d2.finish().header("To").unwrap().as_str(), to);
    }

    #[test]
    fn existing_tag_kept() {
        for to in [
            "<sip:bob@biloxi.com>;tag=xyz",
            "<sip:bob@biloxi.com> ; TAG = xyz",
            "sip:bob@biloxi.com;tag=xyz",
            "\"Bob <b>;tag=no\" <sip:bob@biloxi.com;lr>;x=\"1;2\";tag=xyz",
        ] {
            let mut d = Draft::new(486, "Busy Here");
            d.to_tag(Token::new("mine").unwrap());
            d.reply_to(&request(to));
            assert_eq!(d.finish().header("To").unwrap(), to);
        }
        for to in [
            "<sip:bob@biloxi.com;tag=uri-param>",
            "\"tag=x;tag=y\" <sip:bob@biloxi.com>",
            "<sip:bob@biloxi.com>;x=\";tag=no\"",
            "<sip:bob@biloxi.com>;tagx=1",
            "sip:bob@biloxi.com",
        ] {
            assert!(!has_tag(to), "{to}");
            let mut d = Draft::new(486, "Busy Here");
            d.to_tag(Token::new("mine").unwrap());
            d.reply_to(&request(to));
            assert_eq!(
                d.finish().header("To").unwrap().as_str(),
                format!("{to};tag=mine")
            );
        }
    }

    #[test]
    fn reply_to_twice_replaces() {
        let mut d = Draft::new(200, "OK");
        d.typed(&Allow("INVITE"), false);
        d.reply_to(&request("<sip:a@b>;tag=1"));
        let other = RequestHeaders::new("f", "<sip:c@d>;tag=2", "i", "2 BYE")
            .unwrap()
            .via("v")
            .unwrap();
        d.reply_to(&other);
        d.typed(&Allow("BYE"), false);
        assert_eq!(
            d.finish().to_string(),
            "SIP/2.0 200 OK\r\nVia: v\r\nFrom: f\r\nTo: <sip:c@d>;tag=2\r\nCall-ID: i\r\nCSeq: 2 BYE\r\n\
             Allow: BYE\r\nContent-Length: 0\r\n\r\n"
        );
    }

    #[test]
    fn extra_headers() {
        let mut d = Draft::new(405, "Method Not Allowed");
        let value = HeaderValue::from_static("x").unwrap();
        for name in [
            "Content-Length",
            "content-length",
            "l",
            "L",
            "Content-Type",
            "c",
            "Via",
            "v",
            "From",
            "f",
            "TO",
            "t",
            "Call-ID",
            "i",
            "CSeq",
            "cseq",
            "Contact",
            "m",
            "CONTACT",
        ] {
            let err = d
                .extra_header(HeaderName::new(name).unwrap(), value.clone(), &["Contact"])
                .unwrap_err();
            assert_eq!(*err.kind(), ErrorKind::HeaderNotAllowed, "{name}");
        }
        let err = d
            .extra_header(HeaderName::new("l").unwrap(), value.clone(), &[])
            .unwrap_err();
        assert_eq!(err.to_string(), "Content-Length is not allowed here");
        d.extra_header(
            HeaderName::new("X-Trace").unwrap(),
            value.clone(),
            &["Contact"],
        )
        .unwrap();
        d.set_reason_phrase(ReasonPhrase::new("Nope").unwrap());
        assert_eq!(
            d.finish().to_string(),
            "SIP/2.0 405 Nope\r\nX-Trace: x\r\nContent-Length: 0\r\n\r\n"
        );
    }

    #[test]
    fn random_tags_are_tokens() {
        let a = random_tag();
        let b = random_tag();
        assert_ne!(a, b);
        assert!(crate::syntax::is_token(a.as_str()));
    }
}
