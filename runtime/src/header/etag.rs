//! SIP-ETag (RFC 3903 §11.3.1): the entity tag a presence agent assigns to published state.

use crate::syntax::check_token;

validated_str!(
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
    SipETag: new(borrowed),
    check = |s| check_token(s, "entity tag"),
);

typed_value!(@write SipETag);

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
