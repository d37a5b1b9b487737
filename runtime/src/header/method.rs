//! SIP request methods (RFC 3261 §7.1, §25.1 `Method`), as named in Allow and in method-scoped rules. The
//! methods are those of `sip_codes_core::methods`.

use crate::Error;
use crate::header::render::Render;
use crate::syntax::check_token;

macro_rules! method_enum {
    ($($marker:ident $name:literal $rfc:literal $dialog:literal;)*) => {
        /// A SIP request method. Method names are case-sensitive (RFC 3261 §7.1): `"invite"` is an
        /// extension method, not [`Method::Invite`].
        ///
        /// # Example
        ///
        /// ```
        /// use sip_codes::header::Method;
        ///
        /// let m: Method = "INVITE".parse().unwrap();
        /// assert_eq!(m, Method::Invite);
        /// let ext: Method = "PING".parse().unwrap();
        /// assert_eq!(ext.to_string(), "PING");
        /// assert!("BAD METHOD".parse::<Method>().is_err());
        /// ```
        #[derive(Debug, Clone, PartialEq, Eq, Hash)]
        pub enum Method {
            $(
                #[doc = concat!("`", $name, "` (RFC ", $rfc, ").")]
                $marker,
            )*
            /// An `extension-method` (RFC 3261 §25.1): a token that is none of the above.
            Extension(ExtensionMethod),
        }

        impl Method {
            /// Every method this type names, in the order of the variants.
            pub const KNOWN: &'static [Method] = &[$(Method::$marker),*];

            /// The method name as written on the wire (`"INVITE"`).
            pub fn as_str(&self) -> &str {
                match self {
                    $(Method::$marker => $name,)*
                    Method::Extension(ext) => ext.as_str(),
                }
            }
        }
    };
}
sip_codes_core::__for_each_method!(method_enum);

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
            assert_eq!(&Method::new(m.as_str()).unwrap(), m);
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
