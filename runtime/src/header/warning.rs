//! Warning (RFC 3261 §20.43): additional information about the status of a response.

use crate::Error;
use crate::error::ErrorKind;
use crate::header::render::Render;
use crate::syntax::{check_text, is_token_byte, write_quoted};

/// `Warning: 307 isi.edu "Session parameter 'foo' not understood"` — a three-digit code, the agent that
/// added it and a text (RFC 3261 §20.43, §25.1 `warning-value`).
///
/// # Example
///
/// ```
/// use sip_codes::header::Warning;
///
/// let w = Warning::new(307, "isi.edu", "Session parameter 'foo' not understood")?;
/// assert_eq!(w.to_string(), r#"307 isi.edu "Session parameter 'foo' not understood""#);
/// assert!(Warning::new(1000, "isi.edu", "x").is_err());
/// # Ok::<(), sip_codes::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Warning {
    code: u16,
    agent: Box<str>,
    text: Box<str>,
}

/// Checks a `warn-agent = hostport / pseudonym` (RFC 3261 §25.1): a token, or a host with an optional port
/// (`[` `]` `:` are allowed besides token characters).
fn check_agent(agent: &str) -> Result<(), Error> {
    const WHAT: &str = "warn-agent";
    if agent.is_empty() {
        return Err(Error::empty(WHAT));
    }
    match agent
        .bytes()
        .position(|b| !(is_token_byte(b) || matches!(b, b':' | b'[' | b']')))
    {
        None => Ok(()),
        Some(at) => Err(Error::invalid_char(WHAT, agent.as_bytes()[at], at)),
    }
}

impl Warning {
    /// `code` must have three digits (100..=999, RFC 3261 §20.43 `warn-code`); `agent` is a `host[:port]` or
    /// a pseudonym token; `text` is written as a `quoted-string` (CR, LF, NUL and other control characters
    /// are rejected).
    pub fn new(code: u16, agent: &str, text: &str) -> Result<Self, Error> {
        if !(100..=999).contains(&code) {
            return Err(Error::new("warn-code", ErrorKind::OutOfRange));
        }
        check_agent(agent)?;
        check_text(text, "warn-text")?;
        Ok(Warning {
            code,
            agent: agent.into(),
            text: text.into(),
        })
    }

    /// The warning code.
    pub fn code(&self) -> u16 {
        self.code
    }

    /// The agent.
    pub fn agent(&self) -> &str {
        &self.agent
    }

    /// The text.
    pub fn text(&self) -> &str {
        &self.text
    }
}

impl Render for Warning {
    fn render(&self, out: &mut String) {
        out.push_str(&self.code.to_string());
        out.push(' ');
        out.push_str(&self.agent);
        out.push(' ');
        write_quoted(out, &self.text);
    }
}

typed_value!(Warning);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_rfc_examples() {
        // RFC 3261 §20.43.
        let w = Warning::new(307, "isi.edu", "Session parameter 'foo' not understood").unwrap();
        assert_eq!(
            w.to_string(),
            r#"307 isi.edu "Session parameter 'foo' not understood""#
        );
        let w = Warning::new(301, "isi.edu", "Incompatible network address type 'E.164'").unwrap();
        assert_eq!(
            w.to_string(),
            r#"301 isi.edu "Incompatible network address type 'E.164'""#
        );
        let w = Warning::new(399, "[2001:db8::1]:5060", r#"a "quote""#).unwrap();
        assert_eq!(w.to_string(), r#"399 [2001:db8::1]:5060 "a \"quote\"""#);
    }

    #[test]
    fn rejects_invalid() {
        assert!(Warning::new(99, "a", "t").is_err());
        assert!(Warning::new(1000, "a", "t").is_err());
        for bad in ["a\rb", "a\nb", "a\0b"] {
            assert!(Warning::new(399, bad, "t").is_err(), "{bad:?}");
            assert!(Warning::new(399, "a", bad).is_err(), "{bad:?}");
        }
        for bad in ["", "a b", "a\"b", "a;b"] {
            assert!(Warning::new(399, bad, "t").is_err(), "{bad:?}");
        }
    }
}
