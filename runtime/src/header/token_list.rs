//! [`TokenList`]: the value of a declared `token-list` header.

use crate::header::Token;

list_header!(
    /// A comma-separated list of tokens (RFC 3261 §7.3.1): the value of a header a spec declares with
    /// `value: token-list`.
    ///
    /// ```
    /// use sip_codes::header::{Token, TokenList};
    /// let list = TokenList::from([Token::new("gzip")?, Token::new("br")?]);
    /// assert_eq!(list.to_string(), "gzip, br");
    /// # Ok::<(), sip_codes::Error>(())
    /// ```
    TokenList,
    Token
);
