//! SIP request methods (RFC 3261 §7.1, §25.1 `Method`), as named in Allow and in method-scoped rules.

use crate::Error;
use crate::header::render::Render;
use crate::syntax::check_token;

/// A SIP request method. Method names are case-sensitive (RFC 3261 §7.1): `"invite"` is an extension
/// method, not [`Method::Invite`].
///
/// # Example
///
/// ```
/// use sip_codes_runtime::header::Method;
///
/// let m: Method = "INVITE".parse().unwrap();
/// assert_eq!(m, Method::Invite);
/// let ext: Method = "PING".parse().unwrap();
/// assert_eq!(ext.to_string(), "PING");
/// assert!("BAD METHOD".parse::<Method>().is_err());
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Method {
    /// `INVITE` (RFC 3261 §13).
    Invite,
    /// `ACK` (RFC 3261 §13).
    Ack,
    /// `BYE` (RFC 3261 §15).
    Bye,
    /// `CANCEL` (RFC 3261 §9).
    Cancel,
    /// `OPTIONS` (RFC 3261 §11).
    Options,
    /// `REGISTER` (RFC 3261 §10).
    Register,
    /// `PRACK` (RFC 3262).
    Prack,
    /// `SUBSCRIBE` (RFC 6665).
    Subscribe,
    /// `NOTIFY` (RFC 6665).
    Notify,
    /// `PUBLISH` (RFC 3903).
    Publish,
    /// `INFO` (RFC 6086).
    Info,
    /// `REFER` (RFC 3515).
    Refer,
    /// `MESSAGE` (RFC 3428).
    Message,
    /// `UPDATE` (RFC 3311).
    Update,
    /// An `extension-method` (RFC 3261 §25.1): a token that is none of the above.
    Extension(ExtensionMethod),
}

/// The name of an extension method: a validated `token` that is not one of the methods [`Method`] names
/// (RFC 3261 §25.1 `extension-method`). Made by parsing a [`Method`].
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct ExtensionMethod(Box<str>);

impl ExtensionMethod {
    /// The method name.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl Method {
    /// Every method this type names, in the order of the variants.
    pub const KNOWN: [Method; 14] = [
        Method::Invite,
        Method::Ack,
        Method::Bye,
        Method::Cancel,
        Method::Options,
        Method::Register,
        Method::Prack,
        Method::Subscribe,
        Method::Notify,
        Method::Publish,
        Method::Info,
        Method::Refer,
        Method::Message,
        Method::Update,
    ];

    /// The method name as written on the wire (`"INVITE"`).
    pub fn as_str(&self) -> &str {
        match self {
            Method::Invite => "INVITE",
            Method::Ack => "ACK",
            Method::Bye => "BYE",
            Method::Cancel => "CANCEL",
            Method::Options => "OPTIONS",
            Method::Register => "REGISTER",
            Method::Prack => "PRACK",
            Method::Subscribe => "SUBSCRIBE",
            Method::Notify => "NOTIFY",
            Method::Publish => "PUBLISH",
            Method::Info => "INFO",
            Method::Refer => "REFER",
            Method::Message => "MESSAGE",
            Method::Update => "UPDATE",
            Method::Extension(ext) => ext.as_str(),
        }
    }

    /// Parses a method name, case-sensitively: a known name gives its variant, any other `token` gives
    /// [`Method::Extension`]; anything else (empty, spaces, CR, LF, NUL, …) is an error.
    pub fn new(name: &str) -> Result<Self, Error> {
        if let Some(known) = Method::KNOWN.iter().find(|m| m.as_str() == name) {
            return Ok(known.clone());
        }
        check_token(name, "method")?;
        Ok(Method::Extension(ExtensionMethod(name.into())))
    }
}

impl Render for Method {
    fn render(&self, out: &mut String) {
        out.push_str(self.as_str());
    }
}

render_display!(Method);

impl core::str::FromStr for Method {
    type Err = Error;

    fn from_str(s: &str) -> Result<Self, Error> {
        Method::new(s)
    }
}

impl TryFrom<&str> for Method {
    type Error = Error;

    fn try_from(s: &str) -> Result<Self, Error> {
        Method::new(s)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_round_trip() {
        for m in Method::KNOWN {
            assert_eq!(Method::new(m.as_str()).unwrap(), m);
            assert_eq!(m.to_string(), m.as_str());
        }
    }

    #[test]
    fn case_sensitive_extension() {
        let m = Method::new("invite").unwrap();
        assert!(matches!(m, Method::Extension(_)));
        assert_ne!(m, Method::Invite);
        assert_eq!(m.to_string(), "invite");
    }

    #[test]
    fn rejects_non_tokens() {
        for bad in ["", "IN VITE", "INVITE\r\n", "A\0", "A\n", "A:B", "Ä"] {
            assert!(Method::new(bad).is_err(), "{bad:?}");
        }
    }
}
