//! Feature-Caps (RFC 6809 §6): the features a proxy or user agent in the path supports.

use crate::Error;
use crate::header::render::Render;
use crate::syntax::check_text;

/// `Feature-Caps: *;+sip.pns="apns"` — a list of feature-capability indicators (RFC 6809 §6, §9
/// `fc-value = "*" *(SEMI feature-cap)`). Each value is one `fc-value`.
///
/// # Example
///
/// ```
/// use sip_codes::header::FeatureCaps;
///
/// let f = FeatureCaps::new().with_cap_value("sip.pns", "apns")?.with_cap("g.3gpp.mcptt")?;
/// assert_eq!(f.to_string(), r#"*;+sip.pns="apns";+g.3gpp.mcptt"#);
/// # Ok::<(), sip_codes::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct FeatureCaps {
    caps: Vec<(Box<str>, Option<Box<str>>)>,
}

/// Checks `ftag-name = ALPHA *( ALPHA / DIGIT / "!" / "'" / "." / "-" / "%" )` (RFC 3840 §9) and returns it
/// without the leading `+`, which callers may include.
fn check_fcap_name(name: &str) -> Result<&str, Error> {
    const WHAT: &str = "feature-capability name";
    let name = name.strip_prefix('+').unwrap_or(name);
    let mut bytes = name.bytes().enumerate();
    match bytes.next() {
        None => return Err(Error::empty(WHAT)),
        Some((_, b)) if !b.is_ascii_alphabetic() => return Err(Error::invalid_char(WHAT, b, 0)),
        Some(_) => {}
    }
    for (at, b) in bytes {
        if !(b.is_ascii_alphanumeric() || matches!(b, b'!' | b'\'' | b'.' | b'-' | b'%')) {
            return Err(Error::invalid_char(WHAT, b, at));
        }
    }
    Ok(name)
}

/// Checks a value that goes between the double quotes (RFC 6809 §9 `fcap-value-list` /
/// `fcap-string-value`): text without `"` or `\`.
fn check_fcap_value(value: &str) -> Result<(), Error> {
    const WHAT: &str = "feature-capability value";
    check_text(value, WHAT)?;
    match value.bytes().position(|b| b == b'"' || b == b'\\') {
        None => Ok(()),
        Some(at) => Err(Error::invalid_char(WHAT, value.as_bytes()[at], at)),
    }
}

impl FeatureCaps {
    /// `*` without indicators.
    pub fn new() -> Self {
        FeatureCaps::default()
    }

    /// Adds the indicator `+name` without value (`name` is an `ftag-name`; a leading `+` is accepted).
    pub fn with_cap(mut self, name: &str) -> Result<Self, Error> {
        let name = check_fcap_name(name)?;
        self.caps.push((name.into(), None));
        Ok(self)
    }

    /// Adds the indicator `+name="value"`; the value (a tag-value list like `"a,b"`, or a string like
    /// `"<…>"`) may not hold `"`, `\` or control characters.
    pub fn with_cap_value(mut self, name: &str, value: &str) -> Result<Self, Error> {
        let name = check_fcap_name(name)?;
        check_fcap_value(value)?;
        self.caps.push((name.into(), Some(value.into())));
        Ok(self)
    }
}

impl Render for FeatureCaps {
    fn render(&self, out: &mut String) {
        out.push('*');
        for (name, value) in &self.caps {
            out.push_str(";+");
            out.push_str(name);
            if let Some(value) = value {
                out.push_str("=\"");
                out.push_str(value);
                out.push('"');
            }
        }
    }
}

typed_value!(FeatureCaps);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_rfc_examples() {
        // RFC 6809 §6 style, RFC 8599 §5.
        assert_eq!(FeatureCaps::new().to_string(), "*");
        let f = FeatureCaps::new()
            .with_cap_value(
                "+g.3gpp.icsi-ref",
                "urn%3Aurn-7%3A3gpp-service.ims.icsi.mmtel",
            )
            .unwrap();
        assert_eq!(
            f.to_string(),
            r#"*;+g.3gpp.icsi-ref="urn%3Aurn-7%3A3gpp-service.ims.icsi.mmtel""#
        );
        let f = FeatureCaps::new()
            .with_cap_value("sip.pns", "apns")
            .unwrap()
            .with_cap("sip.vapid")
            .unwrap();
        assert_eq!(f.to_string(), r#"*;+sip.pns="apns";+sip.vapid"#);
    }

    #[test]
    fn rejects_invalid() {
        for bad in [
            "", "+", "1a", "a b", "a\r", "a\n", "a\0", "a;b", "a=b", "++a",
        ] {
            assert!(FeatureCaps::new().with_cap(bad).is_err(), "{bad:?}");
        }
        for bad in ["a\rb", "a\nb", "a\0b", "a\"b", "a\\b"] {
            assert!(
                FeatureCaps::new().with_cap_value("x", bad).is_err(),
                "{bad:?}"
            );
        }
    }
}
