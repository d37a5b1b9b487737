//! The character classes of the RFC 3261 §25 grammar that validation needs, in one place.

use crate::error::Error;

/// Whether `b` is a `token` character (RFC 3261 §25.1: alphanum / "-" / "." / "!" / "%" / "*" / "_" / "+" /
/// "`" / "'" / "~").
pub const fn is_token_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric()
        || matches!(
            b,
            b'-' | b'.' | b'!' | b'%' | b'*' | b'_' | b'+' | b'`' | b'\'' | b'~'
        )
}

/// Whether `s` is a non-empty `token`.
pub fn is_token(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(is_token_byte)
}

/// Checks that `s` is a non-empty `token`; `what` names the value in the error.
pub fn check_token(s: &str, what: &'static str) -> Result<(), Error> {
    if s.is_empty() {
        return Err(Error::empty(what));
    }
    match s.bytes().position(|b| !is_token_byte(b)) {
        None => Ok(()),
        Some(at) => Err(Error::invalid_char(what, s.as_bytes()[at], at)),
    }
}

/// Checks that `s` can stand on the wire inside a header value or reason phrase: no CR, LF, NUL, nor any
/// other control character but horizontal tab (RFC 3261 §25: `TEXT-UTF8char` and `LWS` only).
/// This is what makes header injection and response splitting impossible.
pub fn check_text(s: &str, what: &'static str) -> Result<(), Error> {
    match s
        .bytes()
        .position(|b| (b < 0x20 && b != b'\t') || b == 0x7f)
    {
        None => Ok(()),
        Some(at) => Err(Error::invalid_char(what, s.as_bytes()[at], at)),
    }
}

/// Checks that `s` is a `quoted-string` body (what goes between the quotes, RFC 3261 §25.1): text as
/// [`check_text`], where `"` and `\` are allowed only as a `quoted-pair` (escaped by `\`).
pub fn check_quoted_content(s: &str, what: &'static str) -> Result<(), Error> {
    check_text(s, what)?;
    let bytes = s.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'\\' if i + 1 < bytes.len() => i += 2,
            b'\\' | b'"' => return Err(Error::invalid_char(what, bytes[i], i)),
            _ => i += 1,
        }
    }
    Ok(())
}

/// Writes `s` as a `quoted-string`, escaping `"` and `\` (the caller has checked it with [`check_text`]).
pub fn write_quoted(out: &mut String, s: &str) {
    out.push('"');
    for c in s.chars() {
        if c == '"' || c == '\\' {
            out.push('\\');
        }
        out.push(c);
    }
    out.push('"');
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens() {
        assert!(is_token("100rel"));
        assert!(is_token("Call-ID"));
        assert!(!is_token(""));
        assert!(!is_token("a b"));
        assert!(!is_token("a:b"));
        assert!(check_token("x\r", "option tag").is_err());
    }

    #[test]
    fn text_rejects_controls() {
        assert!(check_text("Busy Here", "reason").is_ok());
        assert!(check_text("tab\tok", "reason").is_ok());
        assert!(check_text("Ünïcödé", "reason").is_ok());
        for bad in ["a\rb", "a\nb", "a\0b", "\x7f", "\x1b[0m"] {
            assert!(check_text(bad, "reason").is_err(), "{bad:?}");
        }
    }

    #[test]
    fn quoting() {
        let mut out = String::new();
        write_quoted(&mut out, r#"say "hi" \o/"#);
        assert_eq!(out, r#""say \"hi\" \\o/""#);
        assert!(check_quoted_content(r#"a\"b"#, "text").is_ok());
        assert!(check_quoted_content(r#"a"b"#, "text").is_err());
        assert!(check_quoted_content("a\\", "text").is_err());
    }
}
