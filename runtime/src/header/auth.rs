//! Authentication challenges (RFC 3261 §22, §25.1 `challenge`; RFC 7616 and RFC 8760 for the Digest
//! algorithms) and the headers that carry them: WWW-Authenticate (§20.44) and Proxy-Authenticate (§20.27).

use crate::Error;
use crate::header::render::Render;
use crate::syntax::{check_text, check_token, write_quoted};

/// The `algorithm` of a Digest challenge (RFC 3261 §25.1, RFC 8760 §2.2, RFC 7616 §3.3).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum DigestAlgorithm {
    /// `MD5` (RFC 3261), the default when no algorithm is given.
    Md5,
    /// `MD5-sess` (RFC 3261).
    Md5Sess,
    /// `SHA-256` (RFC 8760).
    Sha256,
    /// `SHA-256-sess` (RFC 8760).
    Sha256Sess,
    /// `SHA-512-256` (RFC 8760).
    Sha512_256,
    /// `SHA-512-256-sess` (RFC 8760).
    Sha512_256Sess,
}

impl DigestAlgorithm {
    /// The algorithm name as written on the wire (`"SHA-256"`).
    pub const fn as_str(self) -> &'static str {
        match self {
            DigestAlgorithm::Md5 => "MD5",
            DigestAlgorithm::Md5Sess => "MD5-sess",
            DigestAlgorithm::Sha256 => "SHA-256",
            DigestAlgorithm::Sha256Sess => "SHA-256-sess",
            DigestAlgorithm::Sha512_256 => "SHA-512-256",
            DigestAlgorithm::Sha512_256Sess => "SHA-512-256-sess",
        }
    }
}

impl Render for DigestAlgorithm {
    fn render(&self, out: &mut String) {
        out.push_str(self.as_str());
    }
}

/// A quality of protection offered by a Digest challenge (RFC 3261 §25.1 `qop-value`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Qop {
    /// `auth`: authentication only.
    Auth,
    /// `auth-int`: authentication with integrity protection of the body.
    AuthInt,
}

impl Qop {
    /// The value as written on the wire (`"auth-int"`).
    pub const fn as_str(self) -> &'static str {
        match self {
            Qop::Auth => "auth",
            Qop::AuthInt => "auth-int",
        }
    }
}

impl Render for Qop {
    fn render(&self, out: &mut String) {
        out.push_str(self.as_str());
    }
}

render_display!(DigestAlgorithm, Qop);

/// A Digest challenge (RFC 3261 §22.4, §25.1 `digest-cln`; RFC 8760; RFC 7616 §3.3 for `userhash`).
/// Rendered in the order of the RFC 3261 §20.44 example: realm, domain, qop, nonce, opaque, stale,
/// algorithm, then userhash.
///
/// # Example
///
/// ```
/// use sip_codes::header::{DigestChallenge, DigestAlgorithm, Qop};
///
/// let c = DigestChallenge::new("atlanta.com", "f84f1cec41e6cbe5aea9c8e88d359")?
///     .with_qop(Qop::Auth)
///     .with_algorithm(DigestAlgorithm::Sha256);
/// assert_eq!(
///     c.to_string(),
///     r#"Digest realm="atlanta.com", qop="auth", nonce="f84f1cec41e6cbe5aea9c8e88d359", algorithm=SHA-256"#
/// );
/// # Ok::<(), sip_codes::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DigestChallenge {
    realm: Box<str>,
    domain: Vec<Box<str>>,
    nonce: Box<str>,
    opaque: Option<Box<str>>,
    stale: Option<bool>,
    algorithm: Option<DigestAlgorithm>,
    qop: Vec<Qop>,
    userhash: Option<bool>,
}

/// Checks a URI of the Digest `domain` list (RFC 3261 §25.1 `URI`): no whitespace, quotes, backslashes or
/// control characters, which would end the list or the quoted string.
fn check_domain_uri(uri: &str) -> Result<(), Error> {
    if uri.is_empty() {
        return Err(Error::empty("domain URI"));
    }
    match uri
        .bytes()
        .position(|b| b <= b' ' || b == 0x7f || b == b'"' || b == b'\\')
    {
        None => Ok(()),
        Some(at) => Err(Error::invalid_char("domain URI", uri.as_bytes()[at], at)),
    }
}

impl DigestChallenge {
    /// A challenge for `realm` with `nonce` (both `quoted-string`s; RFC 3261 §25.1). CR, LF, NUL and other
    /// control characters are rejected; quotes and backslashes are escaped when written.
    pub fn new(realm: &str, nonce: &str) -> Result<Self, Error> {
        check_text(realm, "realm")?;
        check_text(nonce, "nonce")?;
        Ok(DigestChallenge {
            realm: realm.into(),
            domain: Vec::new(),
            nonce: nonce.into(),
            opaque: None,
            stale: None,
            algorithm: None,
            qop: Vec::new(),
            userhash: None,
        })
    }

    /// Adds a URI to the protection space (`domain`, RFC 3261 §25.1; an absolute URI or an absolute path).
    pub fn with_domain(mut self, uri: &str) -> Result<Self, Error> {
        check_domain_uri(uri)?;
        self.domain.push(uri.into());
        Ok(self)
    }

    /// Sets `opaque`, echoed back by the client (RFC 3261 §25.1).
    pub fn with_opaque(mut self, opaque: &str) -> Result<Self, Error> {
        check_text(opaque, "opaque")?;
        self.opaque = Some(opaque.into());
        Ok(self)
    }

    /// Sets `stale`: `true` says the nonce was stale but the credentials valid (RFC 3261 §25.1).
    #[must_use]
    pub fn with_stale(mut self, stale: bool) -> Self {
        self.stale = Some(stale);
        self
    }

    /// Sets `algorithm` (RFC 3261 §25.1, RFC 8760 §2.2).
    #[must_use]
    pub fn with_algorithm(mut self, algorithm: DigestAlgorithm) -> Self {
        self.algorithm = Some(algorithm);
        self
    }

    /// Adds `qop` to the offered `qop-options` (RFC 3261 §25.1); a value offered twice is written once.
    #[must_use]
    pub fn with_qop(mut self, qop: Qop) -> Self {
        if !self.qop.contains(&qop) {
            self.qop.push(qop);
        }
        self
    }

    /// Sets `userhash` (RFC 7616 §3.3): whether the server supports hashed user names.
    #[must_use]
    pub fn with_userhash(mut self, userhash: bool) -> Self {
        self.userhash = Some(userhash);
        self
    }

    /// The realm.
    pub fn realm(&self) -> &str {
        &self.realm
    }

    /// The nonce.
    pub fn nonce(&self) -> &str {
        &self.nonce
    }
}

impl Render for DigestChallenge {
    fn render(&self, out: &mut String) {
        out.push_str("Digest realm=");
        write_quoted(out, &self.realm);
        if !self.domain.is_empty() {
            out.push_str(", domain=\"");
            for (i, uri) in self.domain.iter().enumerate() {
                if i > 0 {
                    out.push(' ');
                }
                out.push_str(uri);
            }
            out.push('"');
        }
        if !self.qop.is_empty() {
            out.push_str(", qop=\"");
            for (i, qop) in self.qop.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                qop.render(out);
            }
            out.push('"');
        }
        out.push_str(", nonce=");
        write_quoted(out, &self.nonce);
        if let Some(opaque) = &self.opaque {
            out.push_str(", opaque=");
            write_quoted(out, opaque);
        }
        if let Some(stale) = self.stale {
            out.push_str(if stale {
                ", stale=TRUE"
            } else {
                ", stale=FALSE"
            });
        }
        if let Some(algorithm) = self.algorithm {
            out.push_str(", algorithm=");
            algorithm.render(out);
        }
        if let Some(userhash) = self.userhash {
            out.push_str(if userhash {
                ", userhash=true"
            } else {
                ", userhash=false"
            });
        }
    }
}

/// A challenge of a scheme other than Digest: `scheme auth-param *(COMMA auth-param)` (RFC 3261 §25.1
/// `other-challenge`).
///
/// # Example
///
/// ```
/// use sip_codes::header::OtherChallenge;
///
/// let c = OtherChallenge::new("Bearer")?
///     .with_param("realm", "example.com")?
///     .with_token_param("scope", "sip")?;
/// assert_eq!(c.to_string(), r#"Bearer realm="example.com", scope=sip"#);
/// # Ok::<(), sip_codes::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OtherChallenge {
    scheme: Box<str>,
    params: Vec<(Box<str>, AuthValue)>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum AuthValue {
    Token(Box<str>),
    Quoted(Box<str>),
}

impl OtherChallenge {
    /// A challenge of `scheme` (a `token`; RFC 3261 §25.1 `auth-scheme`) without parameters.
    pub fn new(scheme: &str) -> Result<Self, Error> {
        check_token(scheme, "auth scheme")?;
        if scheme.eq_ignore_ascii_case("Digest") {
            return Err(Error::syntax(
                "auth scheme",
                "use DigestChallenge for Digest",
            ));
        }
        Ok(OtherChallenge {
            scheme: scheme.into(),
            params: Vec::new(),
        })
    }

    /// Adds `name="value"` (value as a `quoted-string`; RFC 3261 §25.1 `auth-param`).
    pub fn with_param(mut self, name: &str, value: &str) -> Result<Self, Error> {
        check_token(name, "auth-param name")?;
        check_text(value, "auth-param value")?;
        self.params
            .push((name.into(), AuthValue::Quoted(value.into())));
        Ok(self)
    }

    /// Adds `name=value` with a `token` value (RFC 3261 §25.1 `auth-param`).
    pub fn with_token_param(mut self, name: &str, value: &str) -> Result<Self, Error> {
        check_token(name, "auth-param name")?;
        check_token(value, "auth-param value")?;
        self.params
            .push((name.into(), AuthValue::Token(value.into())));
        Ok(self)
    }
}

impl Render for OtherChallenge {
    fn render(&self, out: &mut String) {
        out.push_str(&self.scheme);
        for (i, (name, value)) in self.params.iter().enumerate() {
            out.push_str(if i == 0 { " " } else { ", " });
            out.push_str(name);
            out.push('=');
            match value {
                AuthValue::Token(v) => out.push_str(v),
                AuthValue::Quoted(v) => write_quoted(out, v),
            }
        }
    }
}

/// An authentication challenge (RFC 3261 §25.1 `challenge`): Digest, or another scheme.
///
/// # Example
///
/// ```
/// use sip_codes::header::{Challenge, DigestChallenge};
///
/// let c = Challenge::from(DigestChallenge::new("biloxi.com", "abc")?);
/// assert_eq!(c.to_string(), r#"Digest realm="biloxi.com", nonce="abc""#);
/// # Ok::<(), sip_codes::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Challenge {
    /// A Digest challenge (RFC 3261 §22.4).
    Digest(DigestChallenge),
    /// A challenge of another scheme.
    Other(OtherChallenge),
}

impl Challenge {
    /// A Digest challenge for `realm` with `nonce`; see [`DigestChallenge::new`].
    pub fn digest(realm: &str, nonce: &str) -> Result<Self, Error> {
        DigestChallenge::new(realm, nonce).map(Challenge::Digest)
    }
}

impl From<DigestChallenge> for Challenge {
    fn from(c: DigestChallenge) -> Self {
        Challenge::Digest(c)
    }
}

impl From<OtherChallenge> for Challenge {
    fn from(c: OtherChallenge) -> Self {
        Challenge::Other(c)
    }
}

impl Render for Challenge {
    fn render(&self, out: &mut String) {
        match self {
            Challenge::Digest(c) => c.render(out),
            Challenge::Other(c) => c.render(out),
        }
    }
}

render_display!(DigestChallenge, OtherChallenge, Challenge);

/// Defines a header whose value is one [`Challenge`].
macro_rules! challenge_header {
    ($(#[$meta:meta])* $name:ident) => {
        $(#[$meta])*
        #[derive(Debug, Clone, PartialEq, Eq)]
        pub struct $name(pub Challenge);

        impl From<Challenge> for $name {
            fn from(c: Challenge) -> Self {
                $name(c)
            }
        }

        impl From<DigestChallenge> for $name {
            fn from(c: DigestChallenge) -> Self {
                $name(Challenge::Digest(c))
            }
        }

        impl From<OtherChallenge> for $name {
            fn from(c: OtherChallenge) -> Self {
                $name(Challenge::Other(c))
            }
        }

        impl Render for $name {
            fn render(&self, out: &mut String) {
                self.0.render(out);
            }
        }

        typed_value!($name);
    };
}

challenge_header!(
    /// `WWW-Authenticate: Digest realm="atlanta.com", nonce="…"` — a challenge from a user agent server or
    /// registrar; MUST be in a 401 Unauthorized (RFC 3261 §20.44, §21.4.2).
    ///
    /// # Example
    ///
    /// ```
    /// use sip_codes::header::{DigestChallenge, WwwAuthenticate};
    ///
    /// let h = WwwAuthenticate::from(DigestChallenge::new("atlanta.com", "84a4cc6f")?);
    /// assert_eq!(h.to_string(), r#"Digest realm="atlanta.com", nonce="84a4cc6f""#);
    /// # Ok::<(), sip_codes::Error>(())
    /// ```
    WwwAuthenticate
);

challenge_header!(
    /// `Proxy-Authenticate: Digest realm="atlanta.com", nonce="…"` — a challenge from a proxy; MUST be in a
    /// 407 Proxy Authentication Required (RFC 3261 §20.27, §21.4.8).
    ///
    /// # Example
    ///
    /// ```
    /// use sip_codes::header::{DigestChallenge, ProxyAuthenticate};
    ///
    /// let h = ProxyAuthenticate::from(DigestChallenge::new("atlanta.com", "wf84f1ce")?.with_stale(false));
    /// assert_eq!(h.to_string(), r#"Digest realm="atlanta.com", nonce="wf84f1ce", stale=FALSE"#);
    /// # Ok::<(), sip_codes::Error>(())
    /// ```
    ProxyAuthenticate
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_rfc3261_example() {
        // RFC 3261 §20.44.
        let c = DigestChallenge::new("atlanta.com", "f84f1cec41e6cbe5aea9c8e88d359")
            .unwrap()
            .with_domain("sip:boxesbybob.com")
            .unwrap()
            .with_qop(Qop::Auth)
            .with_opaque("")
            .unwrap()
            .with_stale(false)
            .with_algorithm(DigestAlgorithm::Md5);
        assert_eq!(
            WwwAuthenticate::from(c).to_string(),
            r#"Digest realm="atlanta.com", domain="sip:boxesbybob.com", qop="auth", nonce="f84f1cec41e6cbe5aea9c8e88d359", opaque="", stale=FALSE, algorithm=MD5"#
        );
    }

    #[test]
    fn renders_rfc8760_algorithms_and_userhash() {
        let c = DigestChallenge::new("biloxi.com", "n")
            .unwrap()
            .with_domain("sip:a.example")
            .unwrap()
            .with_domain("/")
            .unwrap()
            .with_qop(Qop::Auth)
            .with_qop(Qop::AuthInt)
            .with_qop(Qop::Auth)
            .with_algorithm(DigestAlgorithm::Sha512_256Sess)
            .with_stale(true)
            .with_userhash(true);
        assert_eq!(
            ProxyAuthenticate::from(c).to_string(),
            r#"Digest realm="biloxi.com", domain="sip:a.example /", qop="auth,auth-int", nonce="n", stale=TRUE, algorithm=SHA-512-256-sess, userhash=true"#
        );
        let names: Vec<_> = [
            DigestAlgorithm::Md5,
            DigestAlgorithm::Md5Sess,
            DigestAlgorithm::Sha256,
            DigestAlgorithm::Sha256Sess,
            DigestAlgorithm::Sha512_256,
            DigestAlgorithm::Sha512_256Sess,
        ]
        .iter()
        .map(ToString::to_string)
        .collect();
        assert_eq!(
            names,
            [
                "MD5",
                "MD5-sess",
                "SHA-256",
                "SHA-256-sess",
                "SHA-512-256",
                "SHA-512-256-sess"
            ]
        );
    }

    #[test]
    fn escapes_quotes() {
        let c = Challenge::digest(r#"a"b\c"#, "n").unwrap();
        assert_eq!(c.to_string(), r#"Digest realm="a\"b\\c", nonce="n""#);
    }

    #[test]
    fn other_scheme() {
        let c = OtherChallenge::new("Bearer")
            .unwrap()
            .with_param("realm", "example.com")
            .unwrap()
            .with_token_param("error", "invalid_token")
            .unwrap();
        assert_eq!(
            WwwAuthenticate::from(c).to_string(),
            r#"Bearer realm="example.com", error=invalid_token"#
        );
        assert_eq!(OtherChallenge::new("X").unwrap().to_string(), "X");
    }

    #[test]
    fn rejects_invalid() {
        for bad in ["a\rb", "a\nb", "a\0b", "\x1b"] {
            assert!(DigestChallenge::new(bad, "n").is_err(), "{bad:?}");
            assert!(DigestChallenge::new("r", bad).is_err(), "{bad:?}");
            let c = DigestChallenge::new("r", "n").unwrap();
            assert!(c.clone().with_opaque(bad).is_err(), "{bad:?}");
            assert!(c.with_domain(bad).is_err(), "{bad:?}");
            assert!(OtherChallenge::new(bad).is_err(), "{bad:?}");
            let o = OtherChallenge::new("Basic").unwrap();
            assert!(o.clone().with_param(bad, "v").is_err(), "{bad:?}");
            assert!(o.clone().with_param("n", bad).is_err(), "{bad:?}");
            assert!(o.with_token_param("n", bad).is_err(), "{bad:?}");
        }
        let c = DigestChallenge::new("r", "n").unwrap();
        for bad in ["", "sip:a b", "sip:\"x", "sip:a\\b"] {
            assert!(c.clone().with_domain(bad).is_err(), "{bad:?}");
        }
        assert!(OtherChallenge::new("digest").is_err());
        assert!(OtherChallenge::new("Two words").is_err());
        assert!(
            OtherChallenge::new("Basic")
                .unwrap()
                .with_token_param("n", "two words")
                .is_err()
        );
    }
}
