//! Server (RFC 3261 §20.35): the software of the user agent server.

use crate::Error;
use crate::syntax::{check_text, is_token_byte};

const WHAT: &str = "Server";

/// The offset after the comment that opens at `start` (`(` at `start`), or the offset of the byte that
/// breaks it (RFC 3261 §25.1 `comment`, nesting allowed).
fn skip_comment(bytes: &[u8], start: usize) -> Result<usize, Error> {
    let mut depth = 0usize;
    let mut i = start;
    while let Some(&b) = bytes.get(i) {
        match b {
            b'\\' => {
                if bytes.get(i + 1).is_none() {
                    return Err(Error::syntax(WHAT, "unfinished quoted-pair"));
                }
                i += 2;
                continue;
            }
            b'(' => depth += 1,
            b')' => {
                depth -= 1;
                if depth == 0 {
                    return Ok(i + 1);
                }
            }
            _ => {}
        }
        i += 1;
    }
    Err(Error::syntax(WHAT, "unclosed comment"))
}

/// The offset after the token that starts at `start` (possibly empty: returns `start`).
fn skip_token(bytes: &[u8], start: usize) -> usize {
    let mut i = start;
    while bytes.get(i).is_some_and(|&b| is_token_byte(b)) {
        i += 1;
    }
    i
}

fn check_server(s: &str) -> Result<(), Error> {
    check_text(s, WHAT)?;
    let bytes = s.as_bytes();
    let mut i = 0;
    let mut items = 0;
    while let Some(&b) = bytes.get(i) {
        if b == b' ' || b == b'\t' {
            i += 1;
            continue;
        }
        let end = if b == b'(' {
            skip_comment(bytes, i)?
        } else {
            let name_end = skip_token(bytes, i);
            if name_end == i {
                return Err(Error::invalid_char(WHAT, b, i));
            }
            if bytes.get(name_end) == Some(&b'/') {
                let version_end = skip_token(bytes, name_end + 1);
                if version_end == name_end + 1 {
                    return Err(Error::syntax(WHAT, "empty product version"));
                }
                version_end
            } else {
                name_end
            }
        };
        if let Some(&next) = bytes.get(end)
            && next != b' '
            && next != b'\t'
        {
            return Err(Error::invalid_char(WHAT, next, end));
        }
        items += 1;
        i = end;
    }
    if items == 0 {
        return Err(Error::empty(WHAT));
    }
    Ok(())
}

validated_str!(
    /// `Server: HomeServer v2` or `Server: sip-codes/0.1 (Linux)` — products and comments separated by
    /// whitespace (RFC 3261 §20.35, §25.1 `server-val = product / comment`, `product = token [SLASH token]`).
    ///
    /// Validated as `server-val *(LWS server-val)`: products (`name` or `name/version`, tokens) and
    /// comments (`(…)`, nesting allowed) separated by spaces or tabs. CR, LF, NUL are rejected.
    ///
    /// # Example
    ///
    /// ```
    /// use sip_codes::header::Server;
    ///
    /// assert_eq!(Server::new("HomeServer v2")?.to_string(), "HomeServer v2");
    /// assert!(Server::new("HomeServer\r\nVia: x").is_err());
    /// assert!(Server::new("a, b").is_err());
    /// # Ok::<(), sip_codes::Error>(())
    /// ```
    Server: new(borrowed),
    check = check_server,
);

typed_value!(@write Server);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_products_and_comments() {
        // RFC 3261 §20.35 and §25.
        for ok in [
            "HomeServer v2",
            "sip-codes/0.1.0",
            "sip-codes/0.1 (Linux; x86_64)",
            "a (nested (comment) \\) ok) b/1",
            "(only a comment)",
            "Ünïcode-free (Ünïcode ok in comments)",
        ] {
            // The first word is not a token: only comments may hold non-ASCII.
            let r = Server::new(ok);
            if ok.starts_with('Ü') {
                assert!(r.is_err(), "{ok:?}");
            } else {
                assert_eq!(r.unwrap().to_string(), ok);
            }
        }
        assert_eq!(
            Server::new("x (Ünïcode)").unwrap().to_string(),
            "x (Ünïcode)"
        );
    }

    #[test]
    fn rejects_invalid() {
        for bad in [
            "",
            " ",
            "a\r",
            "a\n",
            "a\0",
            "a\r\nVia: x",
            "a/",
            "a/b/c",
            "(open",
            "a)",
            "a, b",
            "a;b",
            "a(b)",
            "\"q\"",
            "(x\\",
        ] {
            assert!(Server::new(bad).is_err(), "{bad:?}");
        }
    }
}
