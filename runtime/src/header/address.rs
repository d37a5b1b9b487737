//! URIs and addresses (RFC 3261 §20.10, §25.1 `name-addr`, `absoluteURI`) as carried by Contact, Path,
//! Service-Route, Permission-Missing, Call-Info and Error-Info.

use crate::Error;
use crate::header::QValue;
use crate::header::params::Params;
use crate::header::render::Render;
use crate::syntax::check_text;

/// Whether `b` may appear in a URI (RFC 3986 §2: unreserved, reserved or `%`).
const fn is_uri_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric()
        || matches!(
            b,
            b'-' | b'.'
                | b'_'
                | b'~'
                | b':'
                | b'/'
                | b'?'
                | b'#'
                | b'['
                | b']'
                | b'@'
                | b'!'
                | b'$'
                | b'&'
                | b'\''
                | b'('
                | b')'
                | b'*'
                | b'+'
                | b','
                | b';'
                | b'='
                | b'%'
        )
}

/// Checks an absolute URI (see [`Uri`]).
fn check_uri(s: &str) -> Result<(), Error> {
    const WHAT: &str = "URI";
    if s.is_empty() {
        return Err(Error::empty(WHAT));
    }
    if let Some(at) = s.bytes().position(|b| !is_uri_byte(b)) {
        return Err(Error::invalid_char(WHAT, s.as_bytes()[at], at));
    }
    let Some((scheme, rest)) = s.split_once(':') else {
        return Err(Error::syntax(WHAT, "no scheme"));
    };
    let mut scheme_bytes = scheme.bytes();
    let scheme_ok = scheme_bytes.next().is_some_and(|b| b.is_ascii_alphabetic())
        && scheme_bytes.all(|b| b.is_ascii_alphanumeric() || matches!(b, b'+' | b'-' | b'.'));
    if !scheme_ok {
        return Err(Error::syntax(WHAT, "invalid scheme"));
    }
    if rest.is_empty() {
        return Err(Error::syntax(WHAT, "nothing after the scheme"));
    }
    Ok(())
}

validated_str!(
    /// An absolute URI (`sip:alice@atlanta.com`, `https://example.com/x`): a scheme
    /// (`ALPHA *( ALPHA / DIGIT / "+" / "-" / "." )`), a colon and a non-empty rest made of RFC 3986
    /// characters only (unreserved, reserved and `%`). That excludes whitespace, CR, LF, NUL, `<`, `>` and
    /// `"`, so a URI can always stand between angle brackets.
    ///
    /// # Example
    ///
    /// ```
    /// use sip_codes::header::Uri;
    ///
    /// let uri = Uri::new("sip:alice@atlanta.com;transport=tcp")?;
    /// assert_eq!(uri.scheme(), "sip");
    /// assert!(Uri::new("alice@atlanta.com").is_err()); // no scheme
    /// assert!(Uri::new("sip:a>\r\nX: y").is_err());
    /// # Ok::<(), sip_codes::Error>(())
    /// ```
    Uri: new(borrowed),
    check = check_uri,
);

impl Uri {
    /// The scheme (`"sip"`), as written.
    pub fn scheme(&self) -> &str {
        self.as_str()
            .split_once(':')
            .map_or("", |(scheme, _)| scheme)
    }
}

params_header!(
    /// An address with optional display name and parameters:
    /// `[ "display name" ] <uri> *( ;param )` (RFC 3261 §25.1 `name-addr` followed by `generic-param`s, as in
    /// `contact-param`, `path-value`, `sr-value` and RFC 5360's `per-miss-spec`). Always written with angle
    /// brackets, and the display name always quoted, so no URI or name can be misread.
    ///
    /// # Example
    ///
    /// ```
    /// use sip_codes::header::{NameAddr, Uri};
    ///
    /// let a = NameAddr::new(Uri::new("sip:watson@worcester.bell-telephone.com")?)
    ///     .with_display_name("Mr. Watson")?
    ///     .with_param("q", "0.7")?;
    /// assert_eq!(a.to_string(), r#""Mr. Watson" <sip:watson@worcester.bell-telephone.com>;q=0.7"#);
    /// # Ok::<(), sip_codes::Error>(())
    /// ```
    NameAddr {
        display_name: Option<Box<str>>,
        uri: Uri,
    },
    reserved = [],
    item,
);

impl NameAddr {
    /// `<uri>` without display name or parameters.
    pub fn new(uri: Uri) -> Self {
        NameAddr {
            display_name: None,
            uri,
            params: Params::new(),
        }
    }

    /// Sets the display name (written as a `quoted-string`, RFC 3261 §25.1 `display-name`). CR, LF, NUL
    /// and other control characters are rejected.
    pub fn with_display_name(mut self, name: &str) -> Result<Self, Error> {
        check_text(name, "display name")?;
        self.display_name = Some(name.into());
        Ok(self)
    }

    /// Sets `;q=` (a Contact preference, RFC 3261 §20.10).
    #[must_use]
    pub fn with_q(mut self, q: QValue) -> Self {
        self.params.set_token("q", &q.to_string());
        self
    }

    /// Sets `;expires=` (a Contact lifetime in seconds, RFC 3261 §20.10).
    #[must_use]
    pub fn with_expires(mut self, secs: u32) -> Self {
        self.params.set_number("expires", secs);
        self
    }

    /// The URI.
    pub fn uri(&self) -> &Uri {
        &self.uri
    }

    /// The display name, if any.
    pub fn display_name(&self) -> Option<&str> {
        self.display_name.as_deref()
    }

    fn render_value(&self, out: &mut String) {
        if let Some(name) = &self.display_name {
            crate::syntax::write_quoted(out, name);
            out.push(' ');
        }
        out.push('<');
        self.uri.render(out);
        out.push('>');
    }
}

impl From<Uri> for NameAddr {
    fn from(uri: Uri) -> Self {
        NameAddr::new(uri)
    }
}

params_header!(
    /// A URI in angle brackets with parameters and no display name: `<absoluteURI> *( ;param )`, the
    /// `info` of Call-Info and the `error-uri` of Error-Info (RFC 3261 §20.9, §20.18, §25.1).
    ///
    /// # Example
    ///
    /// ```
    /// use sip_codes::header::{InfoUri, Uri};
    ///
    /// let i = InfoUri::new(Uri::new("http://www.example.com/alice/photo.jpg")?).with_purpose("icon")?;
    /// assert_eq!(i.to_string(), "<http://www.example.com/alice/photo.jpg>;purpose=icon");
    /// # Ok::<(), sip_codes::Error>(())
    /// ```
    InfoUri { uri: Uri },
    reserved = [],
    item,
);

impl InfoUri {
    /// `<uri>` without parameters.
    pub fn new(uri: Uri) -> Self {
        InfoUri {
            uri,
            params: Params::new(),
        }
    }

    /// Sets `;purpose=` (Call-Info, RFC 3261 §20.9: `icon`, `info`, `card` or another `token`).
    pub fn with_purpose(mut self, purpose: &str) -> Result<Self, Error> {
        crate::syntax::check_token(purpose, "purpose")?;
        self.params.set_token("purpose", purpose);
        Ok(self)
    }

    /// The URI.
    pub fn uri(&self) -> &Uri {
        &self.uri
    }

    fn render_value(&self, out: &mut String) {
        out.push('<');
        self.uri.render(out);
        out.push('>');
    }
}

impl From<Uri> for InfoUri {
    fn from(uri: Uri) -> Self {
        InfoUri::new(uri)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uris() {
        for ok in [
            "sip:alice@atlanta.com",
            "sips:bob@biloxi.com:5061;transport=tls",
            "tel:+1-201-555-0123",
            "mailto:watson@bell-telephone.com",
            "http://www.example.com/alice/photo.jpg",
            "urn:service:sos",
            "sip:[2001:db8::1]",
        ] {
            let uri = Uri::new(ok).unwrap();
            assert_eq!(uri.to_string(), ok);
        }
        assert_eq!(Uri::new("tel:+1").unwrap().scheme(), "tel");
    }

    #[test]
    fn rejects_bad_uris() {
        for bad in [
            "",
            "alice@atlanta.com",
            ":x",
            "1sip:x",
            "si p:x",
            "sip:",
            "sip:a b",
            "sip:a\r\nX: y",
            "sip:a\n",
            "sip:a\0",
            "sip:a>b",
            "sip:<a",
            "sip:\"a\"",
            "sip:ü",
            "sip:a\tb",
            "s_p:a",
        ] {
            assert!(Uri::new(bad).is_err(), "{bad:?}");
            assert!(Uri::try_from(bad).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn name_addr_renders() {
        let uri = Uri::new("sip:watson@worcester.bell-telephone.com").unwrap();
        assert_eq!(
            NameAddr::new(uri.clone()).to_string(),
            "<sip:watson@worcester.bell-telephone.com>"
        );
        let a = NameAddr::from(uri)
            .with_display_name("Mr. \"W\"")
            .unwrap()
            .with_q(QValue::from_thousandths(700).unwrap())
            .with_expires(3600)
            .with_flag("ob")
            .unwrap();
        assert_eq!(
            a.to_string(),
            r#""Mr. \"W\"" <sip:watson@worcester.bell-telephone.com>;q=0.7;expires=3600;ob"#
        );
        assert_eq!(a.display_name(), Some("Mr. \"W\""));
    }

    #[test]
    fn name_addr_rejects() {
        let a = NameAddr::new(Uri::new("sip:a@b").unwrap());
        for bad in ["a\rb", "a\nb", "a\0b"] {
            assert!(a.clone().with_display_name(bad).is_err(), "{bad:?}");
            assert!(a.clone().with_param(bad, "v").is_err(), "{bad:?}");
            assert!(a.clone().with_param("n", bad).is_err(), "{bad:?}");
            assert!(a.clone().with_flag(bad).is_err(), "{bad:?}");
        }
        let i = InfoUri::new(Uri::new("sip:a@b").unwrap());
        for bad in ["a\rb", "a\nb", "a\0b", "", "a b"] {
            assert!(i.clone().with_purpose(bad).is_err(), "{bad:?}");
            assert!(i.clone().with_param(bad, "v").is_err(), "{bad:?}");
        }
    }
}
