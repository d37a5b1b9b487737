//! The Accept family (RFC 3261 §20.1–§20.3): Accept, Accept-Encoding and Accept-Language, sent in a 415
//! Unsupported Media Type (§21.4.13) and in OPTIONS responses (§11.2).

use crate::Error;
use crate::header::params::Params;
use crate::header::{MediaType, QValue};
use crate::syntax::check_token;

list_header!(
    /// `Accept: application/sdp` — the media types the sender accepts (RFC 3261 §20.1). An empty list is
    /// valid.
    ///
    /// # Example
    ///
    /// ```
    /// use sip_codes::header::{Accept, MediaType};
    ///
    /// let a = Accept::from([MediaType::APPLICATION_SDP, MediaType::new("application", "pidf+xml")?]);
    /// assert_eq!(a.to_string(), "application/sdp, application/pidf+xml");
    /// # Ok::<(), sip_codes::Error>(())
    /// ```
    Accept,
    MediaType
);

validated_str!(
    /// A content coding (RFC 3261 §20.2 `codings = content-coding / "*"`, a `token`): `gzip`, `identity`.
    ///
    /// # Example
    ///
    /// ```
    /// use sip_codes::header::ContentCoding;
    ///
    /// assert_eq!(ContentCoding::IDENTITY.as_str(), "identity");
    /// assert!(ContentCoding::new("g zip").is_err());
    /// ```
    ContentCoding: new(borrowed),
    check = |s| check_token(s, "content coding"),
);

impl ContentCoding {
    /// `identity`: no encoding.
    pub const IDENTITY: ContentCoding = ContentCoding::known("identity");
    /// `gzip`.
    pub const GZIP: ContentCoding = ContentCoding::known("gzip");
    /// `*`: any coding.
    pub const ANY: ContentCoding = ContentCoding::known("*");
}

list_header!(
    /// `Accept-Encoding: gzip` — the content codings the sender accepts (RFC 3261 §20.2). An empty list is
    /// valid (only `identity` is acceptable).
    ///
    /// # Example
    ///
    /// ```
    /// use sip_codes::header::{AcceptEncoding, ContentCoding};
    ///
    /// assert_eq!(AcceptEncoding::from(ContentCoding::GZIP).to_string(), "gzip");
    /// ```
    AcceptEncoding,
    ContentCoding
);

fn check_language_range(s: &str) -> Result<(), Error> {
    const WHAT: &str = "language range";
    if s.is_empty() {
        return Err(Error::empty(WHAT));
    }
    if s == "*" {
        return Ok(());
    }
    if let Some(at) = s
        .bytes()
        .position(|b| !(b.is_ascii_alphabetic() || b == b'-'))
    {
        return Err(Error::invalid_char(WHAT, s.as_bytes()[at], at));
    }
    if s.split('-').any(|part| part.is_empty() || part.len() > 8) {
        return Err(Error::syntax(WHAT, "each part must have 1 to 8 letters"));
    }
    Ok(())
}

params_header!(
    /// A language range with optional weight: `da`, `en-gb;q=0.8`, `*` (RFC 3261 §20.3, §25.1
    /// `language = language-range *(SEMI accept-param)`,
    /// `language-range = ( ( 1*8ALPHA *( "-" 1*8ALPHA ) ) / "*" )`).
    ///
    /// # Example
    ///
    /// ```
    /// use sip_codes::header::{LanguageRange, QValue};
    ///
    /// let l = LanguageRange::new("en-gb")?.with_q(QValue::from_thousandths(800)?);
    /// assert_eq!(l.to_string(), "en-gb;q=0.8");
    /// assert!(LanguageRange::new("english language").is_err());
    /// # Ok::<(), sip_codes::Error>(())
    /// ```
    LanguageRange { range: Box<str> },
    reserved = ["q"],
    item,
);

impl LanguageRange {
    /// Validates `range` as a `language-range`.
    pub fn new(range: &str) -> Result<Self, Error> {
        check_language_range(range)?;
        Ok(LanguageRange {
            range: range.into(),
            params: Params::new(),
        })
    }

    /// Sets `;q=`.
    #[must_use]
    pub fn with_q(mut self, q: QValue) -> Self {
        self.params.set_token("q", &q.to_string());
        self
    }

    /// The range, as written.
    pub fn as_str(&self) -> &str {
        &self.range
    }

    fn render_value(&self, out: &mut String) {
        out.push_str(&self.range);
    }
}

impl TryFrom<&str> for LanguageRange {
    type Error = Error;

    fn try_from(s: &str) -> Result<Self, Error> {
        LanguageRange::new(s)
    }
}

list_header!(
    /// `Accept-Language: da, en-gb;q=0.8, en;q=0.7` — the languages the sender prefers (RFC 3261 §20.3).
    /// An empty list is valid.
    ///
    /// # Example
    ///
    /// ```
    /// use sip_codes::header::{AcceptLanguage, LanguageRange};
    ///
    /// assert_eq!(AcceptLanguage::from(LanguageRange::new("en")?).to_string(), "en");
    /// # Ok::<(), sip_codes::Error>(())
    /// ```
    AcceptLanguage,
    LanguageRange
);

#[cfg(test)]
mod tests {
    use super::*;

    fn q(t: u16) -> QValue {
        QValue::from_thousandths(t).unwrap()
    }

    #[test]
    fn renders_rfc_examples() {
        // RFC 3261 §20.1.
        assert_eq!(
            Accept::from(MediaType::APPLICATION_SDP).to_string(),
            "application/sdp"
        );
        let a = Accept::from([
            MediaType::new("application", "sdp").unwrap(),
            MediaType::new("application", "pkcs7-mime").unwrap(),
        ]);
        assert_eq!(a.to_string(), "application/sdp, application/pkcs7-mime");
        assert_eq!(Accept::new([]).to_string(), "");
        // RFC 3261 §20.2.
        assert_eq!(
            AcceptEncoding::from(ContentCoding::GZIP).to_string(),
            "gzip"
        );
        assert_eq!(
            AcceptEncoding::from([ContentCoding::IDENTITY, ContentCoding::ANY]).to_string(),
            "identity, *"
        );
        // RFC 3261 §20.3.
        let l = AcceptLanguage::from([
            LanguageRange::new("da").unwrap(),
            LanguageRange::new("en-gb").unwrap().with_q(q(800)),
            LanguageRange::new("en").unwrap().with_q(q(700)),
        ]);
        assert_eq!(l.to_string(), "da, en-gb;q=0.8, en;q=0.7");
        assert_eq!(LanguageRange::new("*").unwrap().to_string(), "*");
    }

    #[test]
    fn constants_follow_the_grammar() {
        for c in [
            ContentCoding::IDENTITY,
            ContentCoding::GZIP,
            ContentCoding::ANY,
        ] {
            assert_eq!(ContentCoding::new(c.as_str()).unwrap(), c);
        }
    }

    #[test]
    fn rejects_invalid() {
        for bad in ["", "a b", "a\r", "a\n", "a\0", "a,b"] {
            assert!(ContentCoding::new(bad).is_err(), "{bad:?}");
            assert!(LanguageRange::new(bad).is_err(), "{bad:?}");
        }
        for bad in ["en-", "-en", "en--gb", "abcdefghi", "en-gb1", "**", "en_GB"] {
            assert!(LanguageRange::new(bad).is_err(), "{bad:?}");
        }
    }
}
