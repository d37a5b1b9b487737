//! Validation of wire strings against the RFC 3261 §25 grammar, with this crate's [`Error`]: the character
//! classes themselves are `sip_codes_core::text`.

use crate::error::Error;

pub use sip_codes_core::text::{is_token, is_token_byte};

/// Checks that `s` is a non-empty `token`; `what` names the value in the error.
pub fn check_token(s: &str, what: &'static str) -> Result<(), Error> {
    if s.is_empty() {
        return Err(Error::empty(what));
    }
    match sip_codes_core::text::invalid_token_byte(s) {
        None => Ok(()),
        Some(at) => Err(Error::invalid_char(what, s.as_bytes()[at], at)),
    }
}

/// Checks that `s` can stand on the wire inside a header value or reason phrase: no CR, LF, NUL, nor any
/// other control character but horizontal tab (RFC 3261 §25: `TEXT-UTF8char` and `LWS` only).
/// This is what makes header injection and response splitting impossible.
pub fn check_text(s: &str, what: &'static str) -> Result<(), Error> {
    match sip_codes_core::text::invalid_text_byte(s.as_bytes()) {
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

/// Whether the eight bytes of `word` hold `byte` (a word-at-a-time test).
fn has_byte(word: &[u8], byte: u8) -> bool {
    const ONES: u64 = u64::from_ne_bytes([0x01; 8]);
    const HIGHS: u64 = u64::from_ne_bytes([0x80; 8]);
    let mut bytes = [0u8; 8];
    bytes.copy_from_slice(word);
    let x = u64::from_ne_bytes(bytes) ^ u64::from_ne_bytes([byte; 8]);
    x.wrapping_sub(ONES) & !x & HIGHS != 0
}

/// Writes `s` as a `quoted-string`, escaping `"` and `\` (the caller has checked it with [`check_text`]).
pub fn write_quoted(out: &mut String, s: &str) {
    out.reserve(s.len() + 2);
    out.push('"');
    // Copy the runs between the bytes to escape whole (`"` and `\\` are ASCII, so they never split a
    // UTF-8 sequence).
    let mut run = 0;
    let mut words = s.as_bytes().chunks_exact(8);
    let mut at = 0;
    for word in words.by_ref() {
        // Skip a word with neither `"` nor `\\` (the usual case) without looking at its bytes.
        if !has_byte(word, b'"') && !has_byte(word, b'\\') {
            at += 8;
            continue;
        }
        for &b in word {
            if b == b'"' || b == b'\\' {
                out.push_str(&s[run..at]);
                out.push('\\');
                run = at;
            }
            at += 1;
        }
    }
    for &b in words.remainder() {
        if b == b'"' || b == b'\\' {
            out.push_str(&s[run..at]);
            out.push('\\');
            run = at;
        }
        at += 1;
    }
    out.push_str(&s[run..]);
    out.push('"');
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quoting_matches_char_by_char() {
        let slow = |s: &str| {
            let mut out = String::from("\"");
            for c in s.chars() {
                if c == '"' || c == '\\' {
                    out.push('\\');
                }
                out.push(c);
            }
            out.push('"');
            out
        };
        let mut cases = vec![String::new(), "Occupé \"✓\" \\o/ ".repeat(3)];
        for len in 0..20 {
            for at in 0..len {
                for c in ['"', '\\', 'é', 'a'] {
                    let mut s: Vec<char> = vec!['x'; len];
                    s[at] = c;
                    s[len - 1] = '"';
                    cases.push(s.into_iter().collect());
                }
            }
        }
        for s in cases {
            let mut out = String::new();
            write_quoted(&mut out, &s);
            assert_eq!(out, slow(&s), "{s:?}");
        }
    }

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
