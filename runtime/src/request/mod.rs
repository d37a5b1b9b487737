//! [`RequestHeaders`]: what a response takes from the request it answers; [`Request`]: the same with the
//! request's method as a type, so that method-scoped rules are checked at compile time.

mod parse;
mod typed;

pub use typed::{ByMethod, ReplyTo, Request};

use crate::error::Error;
use crate::header::{HeaderValue, Method};

/// The headers a response copies from the request it answers (RFC 3261 §8.2.6.2): every Via value in
/// order, From, To, Call-ID and CSeq, Timestamp (copied into a 100 Trying only, §8.2.6.1), and every
/// Record-Route value in order (copied into the responses that establish a dialog, §12.1.1). The request's
/// method is read from CSeq.
///
/// Values are kept as received and shared, so copying them into several responses does not allocate.
///
/// ```
/// use sip_codes::{header::Method, RequestHeaders};
/// let req = RequestHeaders::from_message(
///     "OPTIONS sip:carol@chicago.com SIP/2.0\r\n\
///      Via: SIP/2.0/UDP pc33.atlanta.com;branch=z9hG4bKhjhs8ass877\r\n\
///      To: <sip:carol@chicago.com>\r\n\
///      From: Alice <sip:alice@atlanta.com>;tag=1928301774\r\n\
///      Call-ID: a84b4c76e66710\r\n\
///      CSeq: 63104 OPTIONS\r\n\
///      Content-Length: 0\r\n\r\n",
/// )?;
/// assert_eq!(req.call_id().as_str(), "a84b4c76e66710");
/// assert_eq!(req.method(), &Method::Options);
/// assert_eq!(req.vias().len(), 1);
/// # Ok::<(), sip_codes::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RequestHeaders {
    via: Vec<HeaderValue>,
    from: HeaderValue,
    to: HeaderValue,
    call_id: HeaderValue,
    cseq: HeaderValue,
    method: Method,
    timestamp: Option<HeaderValue>,
    record_route: Vec<HeaderValue>,
}

/// A value of a header that must not be empty, validated and shared.
pub(crate) fn required(value: &str, what: &'static str) -> Result<HeaderValue, Error> {
    if value.trim_matches([' ', '\t']).is_empty() {
        return Err(Error::empty(what));
    }
    HeaderValue::new_shared(value).map_err(|e| Error::new(what, e.kind().clone()))
}

/// The method of a CSeq value (RFC 3261 §20.16: `1*DIGIT LWS Method`).
fn cseq_method(cseq: &str) -> Result<Method, Error> {
    const WHAT: &str = "CSeq header";
    let cseq = cseq.trim_matches([' ', '\t']);
    let digits = cseq.bytes().take_while(u8::is_ascii_digit).count();
    if digits == 0 {
        return Err(Error::syntax(
            WHAT,
            "it does not start with a sequence number",
        ));
    }
    // RFC 3261 §8.1.1.5: the sequence number is a 32-bit unsigned integer.
    if cseq[..digits].parse::<u32>().is_err() {
        return Err(Error::syntax(
            WHAT,
            "the sequence number does not fit 32 bits",
        ));
    }
    let rest = &cseq[digits..];
    let method = rest.trim_start_matches([' ', '\t']);
    if method.len() == rest.len() {
        return Err(Error::syntax(
            WHAT,
            "no white space between the number and the method",
        ));
    }
    Method::new(method).map_err(|e| Error::new(WHAT, e.kind().clone()))
}

/// Splits `s` at each `sep` that is outside a quoted string (a `"`…`"` with `\` escapes).
pub(crate) fn split_outside_quotes(s: &str, sep: u8) -> impl Iterator<Item = &str> {
    let mut rest = Some(s);
    core::iter::from_fn(move || {
        let current = rest?;
        let b = current.as_bytes();
        let mut in_quotes = false;
        let mut i = 0;
        while i < b.len() {
            match b[i] {
                b'\\' if in_quotes => i += 1,
                b'"' => in_quotes = !in_quotes,
                c if c == sep && !in_quotes => {
                    rest = current.get(i + 1..);
                    return current.get(..i);
                }
                _ => {}
            }
            i += 1;
        }
        rest = None;
        Some(current)
    })
}

impl RequestHeaders {
    /// The headers of a request: its From, To, Call-ID and CSeq values (each validated, none empty; CSeq
    /// must be a sequence number and a method, RFC 3261 §20.16). Add its Via values with
    /// [`RequestHeaders::via`], its Record-Route values with [`RequestHeaders::record_route`].
    pub fn new(
        from: impl AsRef<str>,
        to: impl AsRef<str>,
        call_id: impl AsRef<str>,
        cseq: impl AsRef<str>,
    ) -> Result<RequestHeaders, Error> {
        let cseq = required(cseq.as_ref(), "CSeq header")?;
        Ok(RequestHeaders {
            via: Vec::new(),
            from: required(from.as_ref(), "From header")?,
            to: required(to.as_ref(), "To header")?,
            call_id: required(call_id.as_ref(), "Call-ID header")?,
            method: cseq_method(cseq.as_str())?,
            cseq,
            timestamp: None,
            record_route: Vec::new(),
        })
    }

    /// Adds a Via value after those already added (the topmost Via first). The value is copied as is; a
    /// comma-separated list becomes one Via header line.
    pub fn via(mut self, value: impl AsRef<str>) -> Result<RequestHeaders, Error> {
        self.via.push(required(value.as_ref(), "Via header")?);
        Ok(self)
    }

    /// Adds a Record-Route value after those already added, in the request's order.
    pub fn record_route(mut self, value: impl AsRef<str>) -> Result<RequestHeaders, Error> {
        self.record_route
            .push(required(value.as_ref(), "Record-Route header")?);
        Ok(self)
    }

    /// Sets the Timestamp value.
    pub fn timestamp(mut self, value: impl AsRef<str>) -> Result<RequestHeaders, Error> {
        self.timestamp = Some(required(value.as_ref(), "Timestamp header")?);
        Ok(self)
    }

    /// The request's method, as its CSeq names it (RFC 3261 §8.1.1.5: the same as the request line's).
    pub fn method(&self) -> &Method {
        &self.method
    }

    /// Every Via value, topmost first (a header line holding several comma-separated values gives each).
    pub fn vias(&self) -> &[HeaderValue] {
        &self.via
    }

    /// Every Record-Route value, in the request's order.
    pub fn record_routes(&self) -> &[HeaderValue] {
        &self.record_route
    }

    /// The From value.
    pub fn from(&self) -> &HeaderValue {
        &self.from
    }

    /// The To value.
    pub fn to(&self) -> &HeaderValue {
        &self.to
    }

    /// The Call-ID value.
    pub fn call_id(&self) -> &HeaderValue {
        &self.call_id
    }

    /// The CSeq value.
    pub fn cseq(&self) -> &HeaderValue {
        &self.cseq
    }

    /// The Timestamp value, if the request had one.
    pub fn timestamp_value(&self) -> Option<&HeaderValue> {
        self.timestamp.as_ref()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn built() {
        let req = RequestHeaders::new("<sip:a@b>;tag=1", "<sip:c@d>", "x@y", "1 INVITE")
            .unwrap()
            .via("SIP/2.0/UDP a;branch=z9hG4bK1")
            .unwrap()
            .via("SIP/2.0/UDP b;branch=z9hG4bK2")
            .unwrap()
            .record_route("<sip:p1;lr>")
            .unwrap()
            .timestamp("1.5")
            .unwrap();
        assert_eq!(req.vias().len(), 2);
        assert_eq!(req.vias()[1], "SIP/2.0/UDP b;branch=z9hG4bK2");
        assert_eq!(req.record_routes()[0], "<sip:p1;lr>");
        assert_eq!(req.method(), &Method::Invite);
        assert!(RequestHeaders::new("", "b", "c", "1 BYE").is_err());
        assert!(RequestHeaders::new("a\r\nVia: x", "b", "c", "1 BYE").is_err());
        assert!(req.clone().via("x\0").is_err());
        assert!(req.clone().record_route("\n").is_err());
        assert!(req.timestamp("\n").is_err());
    }

    #[test]
    fn cseq_is_a_number_and_a_method() {
        for (cseq, method) in [
            ("1 INVITE", Method::Invite),
            ("4294967295\tBYE", Method::Bye),
            (" 7  SUBSCRIBE ", Method::Subscribe),
            ("2 PING", Method::new("PING").unwrap()),
        ] {
            assert_eq!(cseq_method(cseq).unwrap(), method, "{cseq:?}");
        }
        for bad in [
            "INVITE",
            "1INVITE",
            "1 ",
            "4294967296 INVITE",
            "1 IN VITE",
            "x 1 INVITE",
        ] {
            assert!(cseq_method(bad).is_err(), "{bad:?}");
        }
    }
}
