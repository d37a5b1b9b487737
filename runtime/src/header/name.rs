//! [`HeaderName`]: a validated header field name.

use crate::syntax::check_token;

pub(crate) use sip_codes_core::headers::{long_form, same_header};

validated_str!(
    /// A header field name: a non-empty RFC 3261 `token` (so never CR, LF, NUL, `:` or space).
    ///
    /// The name keeps the case it was given and is written on the wire that way; equality, hashing and
    /// ordering ignore ASCII case, as header names are case-insensitive (RFC 3261 §7.3.1). Equality does not
    /// treat a compact form (`v`) as its long form (`Via`); [`HeaderName::is`] does.
    ///
    /// Static names (`HeaderName::from_static`) are stored without allocation.
    ///
    /// ```
    /// use sip_codes::header::HeaderName;
    /// let name = HeaderName::new("X-Custom")?;
    /// assert_eq!(name, HeaderName::new("x-custom")?);
    /// assert_eq!(name.as_str(), "X-Custom");
    /// assert!(HeaderName::new("X-Evil\r\nVia").is_err());
    /// assert!(HeaderName::from_static("v")?.is("Via"));
    /// # Ok::<(), sip_codes::Error>(())
    /// ```
    HeaderName: new(owned),
    check = |s| check_token(s, "header name"),
    compare = ascii_case,
);

impl HeaderName {
    /// The long form of the name: `"Via"` for `v`, the name itself otherwise.
    pub fn long_form(&self) -> &str {
        long_form(self.as_str())
    }

    /// Whether this name denotes the header `name`: ASCII case ignored, compact forms equal to their long
    /// forms.
    pub fn is(&self, name: &str) -> bool {
        same_header(self.as_str(), name)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::cmp::Ordering;
    use std::collections::hash_map::RandomState;
    use std::hash::BuildHasher;

    #[test]
    fn case_insensitive() {
        let a = HeaderName::new("Call-ID").unwrap();
        let b = HeaderName::from_static("call-id").unwrap();
        assert_eq!(a, b);
        assert_eq!(a.as_str(), "Call-ID");
        let s = RandomState::new();
        assert_eq!(s.hash_one(&a), s.hash_one(&b));
        assert_eq!(a.cmp(&b), Ordering::Equal);
        assert!(HeaderName::new("A").unwrap() < HeaderName::new("b").unwrap());
        assert_eq!(a, "CALL-ID");
    }

    #[test]
    fn compact() {
        assert!(HeaderName::new("v").unwrap().is("Via"));
        assert!(HeaderName::new("VIA").unwrap().is("v"));
        assert!(HeaderName::new("I").unwrap().is("call-id"));
        assert!(!HeaderName::new("v").unwrap().is("To"));
        assert_eq!(HeaderName::new("l").unwrap().long_form(), "Content-Length");
        assert_eq!(long_form("Q"), "Q");
        assert_eq!(long_form("X"), "Session-Expires");
    }

    #[test]
    fn rejects_injection() {
        for s in ["", "Via\r\nX", "A\n", "A\0", "A:", "A B", "A\t", "Ä"] {
            assert!(HeaderName::new(s).is_err(), "{s:?}");
        }
    }
}
