//! [`Token`]: a validated RFC 3261 `token`.

use crate::syntax::check_token;

validated_str!(
    /// A non-empty RFC 3261 §25.1 `token`: letters, digits and ``-.!%*_+`'~``.
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
    Token: new(owned),
    check = |s| check_token(s, "token"),
);

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
        // Hashing and equality are the string's, so a set of tokens is searched with a `&str`.
        let set: std::collections::HashSet<Token> = [Token::new("a").unwrap()].into();
        assert!(set.contains("a"));
        assert!(Token::from_static("a b").is_err());
        assert!(Token::try_from(String::from("x")).is_ok());
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
