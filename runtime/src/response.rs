//! [`Response`]: a finished SIP response and its wire format; [`ReasonPhrase`] and [`Header`].

use std::convert::Infallible;
use std::fmt;
use std::io;

use crate::StatusClass;
use crate::code::{StatusCodeSet, three_digits};
use crate::header::{HeaderName, HeaderValue, MediaType};
use crate::syntax::check_text;

crate::header::macros::validated_str!(
    /// A `Reason-Phrase` (RFC 3261 §25): free text for humans, possibly empty, with no control character but
    /// horizontal tab (so no CR, LF or NUL).
    ///
    /// ```
    /// use sip_codes::response::ReasonPhrase;
    /// assert_eq!(ReasonPhrase::new("Wrong Guess")?.as_str(), "Wrong Guess");
    /// assert!(ReasonPhrase::new("").is_ok());
    /// assert!(ReasonPhrase::new("OK\r\nVia: evil").is_err());
    /// # Ok::<(), sip_codes::Error>(())
    /// ```
    ReasonPhrase: new(owned),
    check = |s| check_text(s, "reason phrase"),
);

/// One header field of a [`Response`]: a name and a value, both validated.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Header {
    name: HeaderName,
    value: HeaderValue,
}

impl Header {
    /// A header field.
    pub fn new(name: HeaderName, value: HeaderValue) -> Header {
        Header { name, value }
    }

    /// Its name.
    pub fn name(&self) -> &HeaderName {
        &self.name
    }

    /// Its value.
    pub fn value(&self) -> &HeaderValue {
        &self.value
    }

    /// Replaces its value.
    pub(crate) fn set_value(&mut self, value: HeaderValue) {
        self.value = value;
    }
}

/// A number formatted in decimal on the stack.
struct Decimal {
    buf: [u8; 20],
    start: usize,
}

impl Decimal {
    fn new(mut n: usize) -> Decimal {
        let mut buf = [b'0'; 20];
        let mut start = buf.len();
        loop {
            start -= 1;
            buf[start] = b'0' + (n % 10) as u8;
            n /= 10;
            if n == 0 || start == 0 {
                break;
            }
        }
        Decimal { buf, start }
    }

    fn as_str(&self) -> &str {
        core::str::from_utf8(&self.buf[self.start..]).unwrap_or("0")
    }
}

/// A finished SIP response, made by a builder: `status::X::reply_to(&request)…build()`, or the run-time
/// builder of a code chosen when the program runs (`StatusCode::reply_to`).
///
/// Its wire format (`write_to`, `to_bytes`, `Display`) is:
/// the status line `SIP/2.0 <code> <reason>`, the headers in order (Via, From, To, Call-ID, CSeq and
/// Timestamp first when copied from the request, then the others in the order they were set),
/// `Content-Type` when there is a body type, and always a correct `Content-Length`, each line ended by
/// CRLF, then an empty line and the body.
///
/// [`Response::headers`] lists the stored headers; Content-Type and Content-Length are not among them, as
/// they are written from [`Response::content_type`] and [`Response::body`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Response {
    code: u16,
    reason: ReasonPhrase,
    headers: Vec<Header>,
    content_type: Option<MediaType>,
    body: Vec<u8>,
}

impl Response {
    pub(crate) fn from_parts(
        code: u16,
        reason: ReasonPhrase,
        headers: Vec<Header>,
        content_type: Option<MediaType>,
        body: Vec<u8>,
    ) -> Response {
        Response {
            code,
            reason,
            headers,
            content_type,
            body,
        }
    }

    /// The status code (`405`).
    pub fn code(&self) -> u16 {
        self.code
    }

    /// The code as a member of the set `C`, if `C` knows it.
    pub fn status<C: StatusCodeSet>(&self) -> Option<C> {
        C::from_u16(self.code)
    }

    /// The reason phrase (`"Method Not Allowed"`).
    pub fn reason(&self) -> &str {
        self.reason.as_str()
    }

    /// The class of the code.
    pub fn class(&self) -> StatusClass {
        // Codes come from a spec validated to 100–699.
        StatusClass::of(self.code).unwrap_or(StatusClass::GlobalFailure)
    }

    /// The headers in wire order, without Content-Type and Content-Length.
    pub fn headers(&self) -> &[Header] {
        &self.headers
    }

    /// The value of the first header named `name` (case-insensitive; a compact form such as `v` finds
    /// `Via` and the other way round). Content-Type and Content-Length are not stored headers: see
    /// [`Response::content_type`] and [`Response::body`].
    pub fn header(&self, name: &str) -> Option<&HeaderValue> {
        self.headers
            .iter()
            .find(|h| h.name.is(name))
            .map(|h| &h.value)
    }

    /// The values of every header named `name`, in order (matched as [`Response::header`]).
    pub fn header_all<'a>(&'a self, name: &'a str) -> impl Iterator<Item = &'a HeaderValue> + 'a {
        self.headers
            .iter()
            .filter(move |h| h.name.is(name))
            .map(|h| &h.value)
    }

    /// The body (empty if none).
    pub fn body(&self) -> &[u8] {
        &self.body
    }

    /// The type of the body, written as Content-Type.
    pub fn content_type(&self) -> Option<&MediaType> {
        self.content_type.as_ref()
    }

    /// Calls `put` with each piece of the head (status line to the empty line included), in order.
    fn write_head<E>(&self, mut put: impl FnMut(&str) -> Result<(), E>) -> Result<(), E> {
        let digits = three_digits(self.code);
        put("SIP/2.0 ")?;
        put(core::str::from_utf8(&digits).unwrap_or("500"))?;
        put(" ")?;
        put(self.reason.as_str())?;
        put("\r\n")?;
        for h in &self.headers {
            put(h.name.as_str())?;
            put(": ")?;
            put(h.value.as_str())?;
            put("\r\n")?;
        }
        if let Some(ct) = &self.content_type {
            put("Content-Type: ")?;
            put(ct.as_str())?;
            put("\r\n")?;
        }
        put("Content-Length: ")?;
        put(Decimal::new(self.body.len()).as_str())?;
        put("\r\n\r\n")
    }

    /// The exact length of the wire format in bytes.
    pub fn wire_len(&self) -> usize {
        let mut len = 0;
        let _ = self.write_head(|s| {
            len += s.len();
            Ok::<(), Infallible>(())
        });
        len + self.body.len()
    }

    /// Writes the response in wire format. Does not allocate; each piece is a separate `write_all`, so
    /// wrap an unbuffered writer (a socket) in a [`std::io::BufWriter`], or use [`Response::to_bytes`].
    pub fn write_to(&self, w: &mut impl io::Write) -> io::Result<()> {
        self.write_head(|s| w.write_all(s.as_bytes()))?;
        w.write_all(&self.body)
    }

    /// The response in wire format, in a vector of exactly [`Response::wire_len`] bytes.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = Vec::with_capacity(self.wire_len());
        let _ = self.write_head(|s| {
            out.extend_from_slice(s.as_bytes());
            Ok::<(), Infallible>(())
        });
        out.extend_from_slice(&self.body);
        out
    }
}

/// Writes the wire format, as [`Response::write_to`]; a body that is not UTF-8 is written lossily
/// (invalid sequences as U+FFFD), so use `write_to` or `to_bytes` for binary bodies.
impl fmt::Display for Response {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.write_head(|s| f.write_str(s))?;
        f.write_str(&String::from_utf8_lossy(&self.body))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn h(name: &'static str, value: &'static str) -> Header {
        Header::new(
            HeaderName::from_static(name).unwrap(),
            HeaderValue::from_static(value).unwrap(),
        )
    }

    #[test]
    fn wire_format() {
        let r = Response::from_parts(
            405,
            ReasonPhrase::from_static("Method Not Allowed").unwrap(),
            vec![h("Allow", "INVITE, ACK")],
            None,
            Vec::new(),
        );
        let wire =
            "SIP/2.0 405 Method Not Allowed\r\nAllow: INVITE, ACK\r\nContent-Length: 0\r\n\r\n";
        assert_eq!(r.to_string(), wire);
        assert_eq!(r.to_bytes(), wire.as_bytes());
        assert_eq!(r.wire_len(), wire.len());
        assert_eq!(r.to_bytes().capacity(), wire.len());
        let mut out = Vec::with_capacity(1024);
        r.write_to(&mut out).unwrap();
        assert_eq!(out, wire.as_bytes());
        assert_eq!(out.capacity(), 1024);
        assert_eq!(r.class(), StatusClass::RequestFailure);
        assert_eq!(r.header("allow").unwrap(), "INVITE, ACK");
        assert_eq!(r.header("Content-Length"), None);
    }

    #[test]
    fn body() {
        let body = "v=0\r\n".repeat(3);
        let r = Response::from_parts(
            200,
            ReasonPhrase::from_static("OK").unwrap(),
            vec![h("Via", "a"), h("v", "b")],
            Some(MediaType::APPLICATION_SDP),
            body.clone().into_bytes(),
        );
        let wire = format!(
            "SIP/2.0 200 OK\r\nVia: a\r\nv: b\r\nContent-Type: application/sdp\r\nContent-Length: 15\r\n\r\n{body}"
        );
        assert_eq!(r.to_string(), wire);
        assert_eq!(r.to_bytes(), wire.as_bytes());
        assert_eq!(r.wire_len(), wire.len());
        assert_eq!(
            r.header_all("VIA").map(|v| v.as_str()).collect::<Vec<_>>(),
            ["a", "b"]
        );
        assert_eq!(r.content_type(), Some(&MediaType::APPLICATION_SDP));
    }

    #[test]
    fn decimal() {
        for n in [0, 7, 10, 99, 1234, usize::MAX] {
            assert_eq!(Decimal::new(n).as_str(), n.to_string());
        }
        assert_eq!(three_digits(405), *b"405");
        assert_eq!(three_digits(100), *b"100");
    }

    #[test]
    fn reason_phrase() {
        for ok in ["", "OK", "Wrong\tGuess", "Occupé ✓", " padded "] {
            assert_eq!(ReasonPhrase::new(ok).unwrap().as_str(), ok);
        }
        for bad in ["a\r", "a\nb", "\0", "x\r\nVia: y", "\x7f"] {
            assert!(ReasonPhrase::new(bad).is_err(), "{bad:?}");
            assert!(bad.parse::<ReasonPhrase>().is_err(), "{bad:?}");
        }
    }
}
