//! [`HeaderName`]: a validated header field name.

use std::borrow::Cow;
use std::cmp::Ordering;
use std::fmt;
use std::hash::{Hash, Hasher};
use std::str::FromStr;

use crate::error::Error;
use crate::syntax::check_token;

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
#[derive(Clone)]
pub struct HeaderName(Cow<'static, str>);

pub(crate) use sip_codes_core::headers::{long_form, same_header};

impl HeaderName {
    /// Validates `name` as a header name (a token).
    pub fn new(name: impl Into<String>) -> Result<HeaderName, Error> {
        let name = name.into();
        check_token(&name, "header name")?;
        Ok(HeaderName(Cow::Owned(name)))
    }

    /// Validates a static name without copying it.
    pub fn from_static(name: &'static str) -> Result<HeaderName, Error> {
        check_token(name, "header name")?;
        Ok(HeaderName(Cow::Borrowed(name)))
    }

    /// A static name known to be a token (catalog names, `TypedValue::NAME`); checked in debug builds.
    pub(crate) fn from_static_unchecked(name: &'static str) -> HeaderName {
        debug_assert!(crate::syntax::is_token(name), "{name:?} is not a token");
        HeaderName(Cow::Borrowed(name))
    }

    /// The name as given.
    pub fn as_str(&self) -> &str {
        &self.0
    }

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

impl PartialEq for HeaderName {
    fn eq(&self, other: &Self) -> bool {
        self.as_str().eq_ignore_ascii_case(other.as_str())
    }
}

impl Eq for HeaderName {}

impl PartialEq<str> for HeaderName {
    fn eq(&self, other: &str) -> bool {
        self.as_str().eq_ignore_ascii_case(other)
    }
}

impl PartialEq<&str> for HeaderName {
    fn eq(&self, other: &&str) -> bool {
        self.as_str().eq_ignore_ascii_case(other)
    }
}

impl Hash for HeaderName {
    fn hash<H: Hasher>(&self, state: &mut H) {
        for b in self.as_str().bytes() {
            state.write_u8(b.to_ascii_lowercase());
        }
        state.write_u8(0xff);
    }
}

impl PartialOrd for HeaderName {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for HeaderName {
    fn cmp(&self, other: &Self) -> Ordering {
        let a = self.as_str().bytes().map(|b| b.to_ascii_lowercase());
        let b = other.as_str().bytes().map(|b| b.to_ascii_lowercase());
        a.cmp(b)
    }
}

impl fmt::Debug for HeaderName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.as_str(), f)
    }
}

impl fmt::Display for HeaderName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl AsRef<str> for HeaderName {
    fn as_ref(&self) -> &str {
        self.as_str()
    }
}

impl FromStr for HeaderName {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self, Error> {
        HeaderName::new(s)
    }
}

impl TryFrom<&str> for HeaderName {
    type Error = Error;
    fn try_from(s: &str) -> Result<Self, Error> {
        HeaderName::new(s)
    }
}

impl TryFrom<String> for HeaderName {
    type Error = Error;
    fn try_from(s: String) -> Result<Self, Error> {
        HeaderName::new(s)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
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
