//! [`HeaderValue`]: a validated header field value.

use std::sync::Arc;

use crate::error::Error;
use crate::header::macros::Str;
use crate::syntax::check_text;

validated_str!(
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
    HeaderValue: new(owned),
    check = |s| check_text(s, "header value"),
);

impl HeaderValue {
    /// Validates `value` into a value that is cheap to clone (shared, reference-counted).
    pub(crate) fn new_shared(value: &str) -> Result<HeaderValue, Error> {
        HeaderValue::validate(value)?;
        Ok(HeaderValue(Str::Shared(Arc::from(value))))
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
