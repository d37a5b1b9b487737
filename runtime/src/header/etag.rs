//! SIP-ETag (RFC 3903 §11.3.1): the entity tag a presence agent assigns to published state.

use crate::Error;
use crate::header::render::Render;
use crate::syntax::check_token;

/// `SIP-ETag: dx200xyz` — the entity tag of published event state, a `token` (RFC 3903 §11.3.1).
///
/// # Example
///
/// ```
/// use sip_codes::header::SipETag;
///
/// assert_eq!(SipETag::new("dx200xyz")?.to_string(), "dx200xyz");
/// assert!(SipETag::new("dx 200").is_err());
/// # Ok::<(), sip_codes::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct SipETag(Box<str>);

impl SipETag {
    /// `tag` must be a `token`.
    pub fn new(tag: &str) -> Result<Self, Error> {
        check_token(tag, "entity tag")?;
        Ok(SipETag(tag.into()))
    }

    /// The tag.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<&str> for SipETag {
    type Error = Error;

    fn try_from(s: &str) -> Result<Self, Error> {
        SipETag::new(s)
    }
}

impl core::str::FromStr for SipETag {
    type Err = Error;

    fn from_str(s: &str) -> Result<Self, Error> {
        SipETag::new(s)
    }
}

impl Render for SipETag {
    fn render(&self, out: &mut String) {
        out.push_str(&self.0);
    }
}

typed_value!(SipETag);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_and_rejects() {
        // RFC 3903 §10.
        assert_eq!(SipETag::new("dx200xyz").unwrap().to_string(), "dx200xyz");
        for bad in ["", "a b", "a\r", "a\n", "a\0", "\"a\""] {
            assert!(SipETag::new(bad).is_err(), "{bad:?}");
            assert!(SipETag::try_from(bad).is_err(), "{bad:?}");
        }
    }
}
