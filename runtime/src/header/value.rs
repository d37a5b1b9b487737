//! [`HeaderValue`]: a validated header field value.

use std::fmt;
use std::hash::{Hash, Hasher};
use std::str::FromStr;
use std::sync::Arc;

use crate::error::Error;
use crate::syntax::check_text;

/// A header field value as written on the wire (without the name and the CRLF).
///
/// Validated where it is made: no CR, LF, NUL nor any other control character but horizontal tab
/// ([`crate::syntax::check_text`]), so a value can never inject a header or split a response. Nothing else
/// is checked or changed (whitespace is kept as given). Equality is exact.
///
/// Static values are stored without allocation, and values copied from a request
/// ([`crate::RequestHeaders`]) are shared, so copying them into many responses does not allocate.
///
/// ```
/// use sip_codes::header::HeaderValue;
/// let v = HeaderValue::new("SIP/2.0/UDP host;branch=z9hG4bK776")?;
/// assert_eq!(v.as_str(), "SIP/2.0/UDP host;branch=z9hG4bK776");
/// assert!(HeaderValue::new("x\r\nVia: evil").is_err());
/// # Ok::<(), sip_codes::Error>(())
/// ```
#[derive(Clone)]
pub struct HeaderValue(Repr);

#[derive(Clone)]
enum Repr {
    Static(&'static str),
    Owned(String),
    Shared(Arc<str>),
}

impl HeaderValue {
    /// Validates `value`.
    pub fn new(value: impl Into<String>) -> Result<HeaderValue, Error> {
        let value = value.into();
        check_text(&value, "header value")?;
        Ok(HeaderValue(Repr::Owned(value)))
    }

    /// Validates a static value without copying it.
    pub fn from_static(value: &'static str) -> Result<HeaderValue, Error> {
        check_text(value, "header value")?;
        Ok(HeaderValue(Repr::Static(value)))
    }

    /// A value rendered by a typed header, valid by construction (checked in debug builds).
    pub(crate) fn from_rendered(value: String) -> HeaderValue {
        debug_assert!(
            check_text(&value, "header value").is_ok(),
            "typed header rendered an invalid value: {value:?}"
        );
        HeaderValue(Repr::Owned(value))
    }

    /// Validates `value` into a value that is cheap to clone (shared, reference-counted).
    pub(crate) fn new_shared(value: &str) -> Result<HeaderValue, Error> {
        check_text(value, "header value")?;
        Ok(HeaderValue(Repr::Shared(Arc::from(value))))
    }

    /// The value.
    pub fn as_str(&self) -> &str {
        match &self.0 {
            Repr::Static(s) => s,
            Repr::Owned(s) => s,
            Repr::Shared(s) => s,
        }
    }

    /// The length of the value in bytes.
    pub fn len(&self) -> usize {
        self.as_str().len()
    }

    /// Whether the value is empty.
    pub fn is_empty(&self) -> bool {
        self.as_str().is_empty()
    }
}

impl PartialEq for HeaderValue {
    fn eq(&self, other: &Self) -> bool {
        self.as_str() == other.as_str()
    }
}

impl Eq for HeaderValue {}

impl PartialEq<str> for HeaderValue {
    fn eq(&self, other: &str) -> bool {
        self.as_str() == other
    }
}

impl PartialEq<&str> for HeaderValue {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

impl Hash for HeaderValue {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.as_str().hash(state);
    }
}

impl fmt::Debug for HeaderValue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.as_str(), f)
    }
}

impl fmt::Display for HeaderValue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl AsRef<str> for HeaderValue {
    fn as_ref(&self) -> &str {
        self.as_str()
    }
}

impl FromStr for HeaderValue {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self, Error> {
        HeaderValue::new(s)
    }
}

impl TryFrom<&str> for HeaderValue {
    type Error = Error;
    fn try_from(s: &str) -> Result<Self, Error> {
        HeaderValue::new(s)
    }
}

impl TryFrom<String> for HeaderValue {
    type Error = Error;
    fn try_from(s: String) -> Result<Self, Error> {
        HeaderValue::new(s)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn valid() {
        for s in [
            "",
            " padded ",
            "a\tb",
            "\"Bob\" <sip:bob@example.com>;tag=1",
            "Ünïcödé",
        ] {
            assert_eq!(HeaderValue::new(s).unwrap().as_str(), s);
        }
        assert_eq!(
            HeaderValue::from_static("INVITE, ACK").unwrap(),
            "INVITE, ACK"
        );
        let shared = HeaderValue::new_shared("x").unwrap();
        assert_eq!(shared.clone(), HeaderValue::new("x").unwrap());
    }

    #[test]
    fn rejects_injection() {
        for s in ["a\r\nVia: x", "a\r", "a\n", "a\0", "\x7f", "\x1b[0m"] {
            assert!(HeaderValue::new(s).is_err(), "{s:?}");
            assert!(HeaderValue::new_shared(s).is_err(), "{s:?}");
        }
    }
}
