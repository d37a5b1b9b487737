//! [`Draft`]: the state inside every generated response builder.

use std::collections::hash_map::RandomState;
use std::hash::BuildHasher;
use std::sync::atomic::{AtomicU64, Ordering};

use sip_codes_core::headers::{self as catalog, ValueKind};

use crate::header::{HeaderName, HeaderValue, MediaType, Method, Token, TypedValue, same_header};
use crate::request::{RequestHeaders, split_outside_quotes};
use crate::response::{Header, ReasonPhrase, Response};
use crate::rules::{self, CodeRules, RuleViolation, RuleViolations, ViolationKind};

/// The state inside every generated builder: the code's rules, the reason phrase, the headers, the body,
/// and the method of the request it answers.
///
/// Generated builders check the spec's rules at compile time where they can and call these methods; they
/// are public for that code and for tools, not as the main API. [`Draft::finish`] makes the [`Response`];
/// [`Draft::finish_checked`] first checks every rule at run time.
///
/// Headers go on the wire in this order: the headers copied by [`Draft::reply_to`] (every Via in order,
/// every Record-Route in order where the response establishes a dialog, From, To, Call-ID, CSeq, and
/// Timestamp in a 100), then the other headers in the order they were set, then Content-Type (with a
/// body) and Content-Length (always, computed).
#[derive(Debug, Clone)]
pub struct Draft {
    rules: &'static CodeRules,
    reason: ReasonPhrase,
    /// Copied headers (`txn_len` of them) then the others.
    headers: Vec<Header>,
    txn_len: usize,
    /// Index of To in `headers`, when copied from a request that had no tag.
    untagged_to: Option<usize>,
    to_tag: Option<Token>,
    method: Option<Method>,
    content_type: Option<MediaType>,
    body: Vec<u8>,
}

impl Draft {
    /// A response of the code `rules` describes, with the reason phrase of the spec.
    pub fn new(rules: &'static CodeRules) -> Draft {
        Draft {
            rules,
            reason: ReasonPhrase::from_valid(rules.phrase),
            headers: Vec::new(),
            txn_len: 0,
            untagged_to: None,
            to_tag: None,
            method: None,
            content_type: None,
            body: Vec::new(),
        }
    }

    /// The status code.
    pub fn code(&self) -> u16 {
        self.rules.code
    }

    /// The rules of the code.
    pub fn rules(&self) -> &'static CodeRules {
        self.rules
    }

    /// The method of the request the response answers, once [`Draft::reply_to`] has copied it.
    pub fn method(&self) -> Option<&Method> {
        self.method.as_ref()
    }

    /// Renders and stores a typed value of the header `name` (a catalog or spec name, valid by
    /// construction). With `multiple` false it replaces a header of that name set before (in its place);
    /// with `multiple` true it adds one more.
    pub fn set(&mut self, name: &'static str, value: &impl TypedValue, multiple: bool) {
        self.set_value(name, value.to_header_value(), multiple);
    }

    /// [`Draft::set`] with a value already rendered.
    pub fn set_value(&mut self, name: &'static str, value: HeaderValue, multiple: bool) {
        let name = HeaderName::from_valid(name);
        if multiple {
            self.headers.push(Header::new(name, value));
        } else {
            self.replace(name, value);
        }
    }

    /// Sets `name: value` in place of the first header of that name after the copied headers (dropping
    /// any others), or adds it.
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

    /// Adds a header by name, for headers without a setter of their own.
    ///
    /// Refuses (as a [`RuleViolation`] naming the rule) a header the code MUST NOT carry in a response to
    /// the request's method, and the headers the library writes itself (Via, From, To, Call-ID, CSeq,
    /// Record-Route, Timestamp, Content-Type, Content-Length; compact forms included).
    pub fn extra_header(
        &mut self,
        name: HeaderName,
        value: HeaderValue,
    ) -> Result<(), RuleViolation> {
        let violation = |kind, citation| {
            RuleViolation::new(
                self.code(),
                self.rules.phrase,
                self.method.clone(),
                kind,
                citation,
            )
        };
        if let Some(info) = catalog::find(name.as_str()).filter(|h| h.value == ValueKind::Managed) {
            let kind = ViolationKind::Managed { header: info.name };
            return Err(violation(kind, managed_citation(info.name)));
        }
        let method = self.method.as_ref().map(Method::as_str);
        if let Some(rule) = self.rules.headers.forbidding(name.as_str(), method) {
            let header = rule
                .headers
                .iter()
                .copied()
                .find(|h| name.is(h))
                .unwrap_or_default();
            let kind = ViolationKind::Forbidden {
                header,
                scoped: rule.method.is_some(),
            };
            return Err(violation(kind, rule.citation));
        }
        self.headers.push(Header::new(name, value));
        Ok(())
    }

    /// Sets the body and its type (written as Content-Type).
    pub fn body(&mut self, content_type: MediaType, body: impl Into<Vec<u8>>) {
        self.content_type = Some(content_type);
        self.body = body.into();
    }

    /// Copies what a response copies from its request, and remembers its method (RFC 3261 §8.2.6): every
    /// Via in order, From, To, Call-ID, CSeq, Timestamp when the code is 100 (§8.2.6.1), and every
    /// Record-Route in order when the response establishes a dialog (§12.1.1: a 101–299 to a method that
    /// creates one, INVITE, SUBSCRIBE, NOTIFY or REFER). When the request's To has no tag and the code is
    /// not 100, [`Draft::finish`] adds one (§8.2.6.2): the tag given to [`Draft::to_tag`], or a fresh
    /// random one. Calling it again replaces what an earlier call copied.
    pub fn reply_to(&mut self, request: &RequestHeaders) {
        fn name(s: &'static str) -> HeaderName {
            HeaderName::from_valid(s)
        }
        let code = self.code();
        let timestamp = request.timestamp_value().filter(|_| code == 100);
        let method = request.method();
        let dialog = (101..=299).contains(&code)
            && sip_codes_core::methods::find(method.as_str()).is_some_and(|m| m.creates_dialog);
        let routes = if dialog { request.record_routes() } else { &[] };
        let to_index = request.vias().len() + routes.len() + 1;
        self.untagged_to = (code != 100 && !has_tag(request.to().as_str())).then_some(to_index);
        let others = self.headers.len() - self.txn_len;
        let mut headers = Vec::with_capacity(request.vias().len() + routes.len() + 5 + others + 2);
        // Plain pushes into the pre-sized vector (an `extend` over a chained iterator is not
        // `TrustedLen`, and checks the capacity of each element).
        for via in request.vias() {
            headers.push(Header::new(name("Via"), via.clone()));
        }
        for route in routes {
            headers.push(Header::new(name("Record-Route"), route.clone()));
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
        self.method = Some(method.clone());
    }

    /// Sets the tag this UAS puts in To when the request's To has none (RFC 3261 §8.2.6.2, §12.1.1). It
    /// must be the same in every response of a dialog and in retransmissions; without it a random tag is
    /// made. A To that already has a tag (a request inside a dialog) is kept as is.
    pub fn to_tag(&mut self, tag: Token) {
        self.to_tag = Some(tag);
    }

    /// Whether the response carries a header of this name (compact forms and ASCII case ignored; a body
    /// counts as Content-Type).
    pub fn has(&self, name: &str) -> bool {
        self.headers.iter().any(|h| h.name().is(name))
            || (self.content_type.is_some() && same_header(name, "Content-Type"))
    }

    /// Every rule of the code that the response as it stands breaks, checked at run time
    /// ([`rules::check`]) for the method of the request it answers.
    pub fn violations(&self) -> Vec<RuleViolation> {
        rules::check(self.rules, self.method.as_ref(), |name| self.has(name))
    }

    /// The finished response, after checking every rule at run time: what a builder returns when the
    /// compiler could not check them all (the code or the method known only at run time).
    pub fn finish_checked(self) -> Result<Response, RuleViolations> {
        match RuleViolations::from_list(self.violations()) {
            Some(violations) => Err(violations),
            None => Ok(self.finish()),
        }
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
            to.set_value(HeaderValue::from_valid(value));
        }
        Response::from_parts(
            self.rules.code,
            self.reason,
            self.headers,
            self.content_type,
            self.body,
        )
    }
}

/// The section that says how the library writes a managed header.
fn managed_citation(header: &str) -> crate::Citation<'static> {
    let section = match header {
        "Content-Length" => "20.14",
        "Content-Type" => "20.15",
        "Record-Route" => "12.1.1",
        "Timestamp" => "8.2.6.1",
        _ => "8.2.6.2",
    };
    crate::Citation::Rfc { rfc: 3261, section }
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
pub(crate) fn has_tag(value: &str) -> bool {
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
mod tests;
