//! The `*( SEMI generic-param )` tail that many header values carry (RFC 3261 §25.1:
//! `generic-param = token [ EQUAL gen-value ]`, `gen-value = token / host / quoted-string`).

use crate::Error;
use crate::header::render::Render;
use crate::syntax::{check_text, check_token, is_token, write_quoted};

/// An ordered list of `;name=value` parameters, each name at most once (compared case-insensitively).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub(crate) struct Params(Vec<Param>);

#[derive(Debug, Clone, PartialEq, Eq)]
struct Param {
    name: Box<str>,
    value: Option<Value>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Value {
    /// Written as is: a `token` or a `host` (checked when made).
    Bare(Box<str>),
    /// Written as a `quoted-string` (the text was checked with `check_text`).
    Quoted(Box<str>),
}

/// Whether `s` is an IPv6 reference (`"[" IPv6address "]"`, RFC 3261 §25.1), the one `host` form that is
/// not also a `token`.
fn is_ipv6_reference(s: &str) -> bool {
    s.strip_prefix('[')
        .and_then(|r| r.strip_suffix(']'))
        .is_some_and(|inner| {
            inner.contains(':')
                && inner
                    .bytes()
                    .all(|b| b.is_ascii_hexdigit() || b == b':' || b == b'.')
        })
}

impl Params {
    /// No parameters.
    pub(crate) const fn new() -> Self {
        Params(Vec::new())
    }

    /// Sets `name` to `value` (`None`: a flag without value), replacing a parameter of the same name.
    /// The value is written bare when it is a `token` or a `host`, else as a `quoted-string`.
    pub(crate) fn set(&mut self, name: &str, value: Option<&str>) -> Result<(), Error> {
        check_token(name, "parameter name")?;
        let value = match value {
            None => None,
            Some(v) if is_token(v) || is_ipv6_reference(v) => Some(Value::Bare(v.into())),
            Some(v) => {
                check_text(v, "parameter value")?;
                Some(Value::Quoted(v.into()))
            }
        };
        self.put(name, value);
        Ok(())
    }

    /// Like [`Params::set`], but rejects the names in `reserved`, which the caller sets through dedicated,
    /// typed methods.
    pub(crate) fn set_generic(
        &mut self,
        name: &str,
        value: Option<&str>,
        reserved: &[&str],
    ) -> Result<(), Error> {
        if reserved.iter().any(|r| r.eq_ignore_ascii_case(name)) {
            return Err(Error::syntax(
                "parameter name",
                "this parameter has a dedicated method",
            ));
        }
        self.set(name, value)
    }

    /// Sets `name` to `value` written as a `quoted-string` (for parameters whose grammar is
    /// `quoted-string`, like `text` of Reason).
    pub(crate) fn set_quoted(&mut self, name: &str, value: &str) -> Result<(), Error> {
        check_token(name, "parameter name")?;
        check_text(value, "parameter value")?;
        self.put(name, Some(Value::Quoted(value.into())));
        Ok(())
    }

    /// Sets `name` to a number.
    pub(crate) fn set_number(&mut self, name: &'static str, value: u32) {
        self.put(name, Some(Value::Bare(value.to_string().into())));
    }

    /// Sets `name` to a value this crate knows to be a token (a constant or a validated token).
    pub(crate) fn set_token(&mut self, name: &'static str, value: &str) {
        debug_assert!(is_token(value));
        self.put(name, Some(Value::Bare(value.into())));
    }

    fn put(&mut self, name: &str, value: Option<Value>) {
        match self
            .0
            .iter_mut()
            .find(|p| p.name.eq_ignore_ascii_case(name))
        {
            Some(p) => p.value = value,
            None => self.0.push(Param {
                name: name.into(),
                value,
            }),
        }
    }

    /// The value of `name` as given (unquoted), `Some(None)` for a flag, `None` if absent.
    pub(crate) fn get(&self, name: &str) -> Option<Option<&str>> {
        self.0
            .iter()
            .find(|p| p.name.eq_ignore_ascii_case(name))
            .map(|p| match &p.value {
                None => None,
                Some(Value::Bare(v) | Value::Quoted(v)) => Some(&**v),
            })
    }
}

impl Render for Params {
    fn render(&self, out: &mut String) {
        for p in &self.0 {
            out.push(';');
            out.push_str(&p.name);
            match &p.value {
                None => {}
                Some(Value::Bare(v)) => {
                    out.push('=');
                    out.push_str(v);
                }
                Some(Value::Quoted(v)) => {
                    out.push('=');
                    write_quoted(out, v);
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn render(p: &Params) -> String {
        let mut out = String::new();
        p.render(&mut out);
        out
    }

    #[test]
    fn renders_bare_quoted_and_flags() {
        let mut p = Params::new();
        p.set("transport", Some("tcp")).unwrap();
        p.set("lr", None).unwrap();
        p.set("maddr", Some("[2001:db8::1]")).unwrap();
        p.set("note", Some("two words")).unwrap();
        p.set_quoted("text", "User busy").unwrap();
        p.set_number("expires", 3600);
        assert_eq!(
            render(&p),
            r#";transport=tcp;lr;maddr=[2001:db8::1];note="two words";text="User busy";expires=3600"#
        );
    }

    #[test]
    fn replaces_same_name() {
        let mut p = Params::new();
        p.set("q", Some("0.5")).unwrap();
        p.set("Q", Some("0.7")).unwrap();
        assert_eq!(render(&p), ";q=0.7");
        assert_eq!(p.get("q"), Some(Some("0.7")));
    }

    #[test]
    fn rejects_bad_input() {
        let mut p = Params::new();
        for bad in ["", "a b", "a\r", "a\n", "a\0", "a=b", "a;b"] {
            assert!(p.set(bad, Some("v")).is_err(), "{bad:?}");
        }
        for bad in ["a\rb", "a\nb", "a\0b", "\x7f"] {
            assert!(p.set("n", Some(bad)).is_err(), "{bad:?}");
            assert!(p.set_quoted("n", bad).is_err(), "{bad:?}");
        }
        assert!(p.set_generic("Cause", Some("1"), &["cause"]).is_err());
        assert_eq!(render(&p), "");
    }
}
