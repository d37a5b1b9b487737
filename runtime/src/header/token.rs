//! [`Token`]: a validated RFC 3261 `token`.

use std::borrow::Cow;
use std::fmt;
use std::str::FromStr;

use crate::error::Error;
use crate::syntax::check_token;

/// A non-empty RFC 3261 §25.1 `token`: letters, digits and `-.!%*_+`'~`.
///
/// Used for option tags, method names, event packages, tags and other single-word values. Comparison is
/// exact (case-sensitive), as most token-valued fields are compared by their own rules; compare with
/// [`str::eq_ignore_ascii_case`] on [`Token::as_str`] where a field is case-insensitive.
///
/// ```
/// use sip_codes::header::Token;
/// let tag: Token = "100rel".parse()?;
/// assert_eq!(tag.as_str(), "100rel");
/// assert!(Token::new("a b").is_err());
/// assert!(Token::new("x\r\nVia: evil").is_err());
/// # Ok::<(), sip_codes::Error>(())
/// ```
#[derive(Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Token(Cow<'static, str>);

impl Token {
    /// Validates `s` as a token.
    pub fn new(s: impl Into<String>) -> Result<Token, Error> {
        let s = s.into();
        check_token(&s, "token")?;
        Ok(Token(Cow::Owned(s)))
    }

    /// Validates a static string as a token without copying it.
    pub fn from_static(s: &'static str) -> Result<Token, Error> {
        check_token(s, "token")?;
        Ok(Token(Cow::Borrowed(s)))
    }

    /// A string known to be a token (generated tags); checked in debug builds.
    pub(crate) fn from_valid(s: String) -> Token {
        debug_assert!(crate::syntax::is_token(&s), "{s:?} is not a token");
        Token(Cow::Owned(s))
    }

    /// The token.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Token {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.as_str(), f)
    }
}

impl fmt::Display for Token {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl AsRef<str> for Token {
    fn as_ref(&self) -> &str {
        self.as_str()
    }
}

impl FromStr for Token {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self, Error> {
        Token::new(s)
    }
}

impl TryFrom<&str> for Token {
    type Error = Error;
    fn try_from(s: &str) -> Result<Self, Error> {
        Token::new(s)
    }
}

impl TryFrom<String> for Token {
    type Error = Error;
    fn try_from(s: String) -> Result<Self, Error> {
        Token::new(s)
    }
}

impl PartialEq<str> for Token {
    fn eq(&self, other: &str) -> bool {
        self.as_str() == other
    }
}

impl PartialEq<&str> for Token {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

impl crate::header::render::Render for Token {
    fn render(&self, out: &mut String) {
        out.push_str(self.as_str());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn valid() {
        for s in ["100rel", "INVITE", "a-b.c!d%e*f_g+h`i'j~k", "x"] {
            assert_eq!(Token::new(s).unwrap().as_str(), s);
            assert_eq!(s.parse::<Token>().unwrap().to_string(), s);
        }
        assert_eq!(Token::from_static("timer").unwrap(), "timer");
    }

    #[test]
    fn invalid() {
        for s in [
            "", " ", "a b", "a\r", "a\n", "a\0", "a:b", "a;b", "\"q\"", "ü", "a\tb", "a,b",
        ] {
            assert!(Token::new(s).is_err(), "{s:?}");
            assert!(Token::try_from(s).is_err(), "{s:?}");
        }
    }
}
