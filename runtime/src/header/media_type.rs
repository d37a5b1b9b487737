//! [`MediaType`]: the value of Content-Type (RFC 3261 §20.15, §25.1 `media-type`).

use std::borrow::Cow;
use std::hash::{Hash, Hasher};

use crate::error::Error;
use crate::syntax::{check_quoted_content, check_text, check_token, is_token, is_token_byte};

/// A media type: `type "/" subtype *( ";" name "=" value )`, each part a token and each parameter value a
/// token or a quoted string (RFC 3261 §25.1 `media-type`).
///
/// It is stored as its canonical rendering (`application/sdp;charset=utf-8`, no whitespace), which is what
/// [`Display`](std::fmt::Display) writes and what a response carries in Content-Type. Type, subtype and parameter names
/// compare case-insensitively, parameter values exactly.
///
/// ```
/// use sip_codes::header::MediaType;
/// let t: MediaType = "text/plain; charset=utf-8".parse()?;
/// assert_eq!(t.to_string(), "text/plain;charset=utf-8");
/// assert_eq!(t.essence(), "text/plain");
/// assert_eq!(t.param_value("charset"), Some("utf-8"));
/// let sdp = MediaType::APPLICATION_SDP;
/// assert_eq!(sdp, MediaType::new("Application", "SDP")?);
/// # Ok::<(), sip_codes::Error>(())
/// ```
#[derive(Clone)]
pub struct MediaType {
    repr: Cow<'static, str>,
    /// Offset of the `/`.
    slash: usize,
    /// End of the subtype (start of the parameters).
    essence_end: usize,
}

const WHAT: &str = "media type";

/// Offset of the first `/` of `s` (`s.len()` if none); for the constants.
const fn slash_of(s: &str) -> usize {
    let bytes = s.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'/' {
            return i;
        }
        i += 1;
    }
    bytes.len()
}

const fn known(s: &'static str) -> MediaType {
    MediaType {
        repr: Cow::Borrowed(s),
        slash: slash_of(s),
        essence_end: s.len(),
    }
}

impl MediaType {
    /// A `type/subtype` checked by the caller (the derive checks both are tokens); checked in debug builds.
    pub(crate) fn from_checked_static(essence: &'static str) -> MediaType {
        debug_assert!(
            essence.parse::<MediaType>().is_ok(),
            "{essence:?} is not a media type"
        );
        known(essence)
    }

    /// `application/sdp` (RFC 4566), the session descriptions of offers and answers.
    pub const APPLICATION_SDP: MediaType = known("application/sdp");
    /// `text/plain`.
    pub const TEXT_PLAIN: MediaType = known("text/plain");
    /// `message/sipfrag` (RFC 3420), the body of NOTIFYs of a REFER.
    pub const MESSAGE_SIPFRAG: MediaType = known("message/sipfrag");
    /// `application/pidf+xml` (RFC 3863), presence documents.
    pub const APPLICATION_PIDF_XML: MediaType = known("application/pidf+xml");
    /// `multipart/mixed` (RFC 2046).
    pub const MULTIPART_MIXED: MediaType = known("multipart/mixed");
    /// `application/json` (RFC 8259).
    pub const APPLICATION_JSON: MediaType = known("application/json");

    /// The media type `type/subtype`, each a token.
    pub fn new(type_: impl AsRef<str>, subtype: impl AsRef<str>) -> Result<MediaType, Error> {
        let (type_, subtype) = (type_.as_ref(), subtype.as_ref());
        check_token(type_, "media type")?;
        check_token(subtype, "media subtype")?;
        let mut repr = String::with_capacity(type_.len() + 1 + subtype.len());
        repr.push_str(type_);
        repr.push('/');
        repr.push_str(subtype);
        Ok(MediaType {
            slash: type_.len(),
            essence_end: repr.len(),
            repr: Cow::Owned(repr),
        })
    }

    /// Adds the parameter `name=value`. `name` must be a token; `value` is written as is when it is a
    /// token and as a quoted string otherwise (it must then be text without control characters).
    pub fn param(self, name: impl AsRef<str>, value: impl AsRef<str>) -> Result<MediaType, Error> {
        let (name, value) = (name.as_ref(), value.as_ref());
        check_token(name, "media type parameter name")?;
        if !is_token(value) {
            check_text(value, "media type parameter value")?;
        }
        let mut repr = self.repr.into_owned();
        repr.push(';');
        repr.push_str(name);
        repr.push('=');
        if is_token(value) {
            repr.push_str(value);
        } else {
            crate::syntax::write_quoted(&mut repr, value);
        }
        Ok(MediaType {
            repr: Cow::Owned(repr),
            ..self
        })
    }

    /// The canonical rendering, as written in Content-Type.
    pub fn as_str(&self) -> &str {
        &self.repr
    }

    /// The type (`application`), as given.
    pub fn main_type(&self) -> &str {
        self.repr.get(..self.slash).unwrap_or("")
    }

    /// The subtype (`sdp`), as given.
    pub fn subtype(&self) -> &str {
        self.repr
            .get(self.slash + 1..self.essence_end)
            .unwrap_or("")
    }

    /// `type/subtype` without parameters.
    pub fn essence(&self) -> &str {
        self.repr.get(..self.essence_end).unwrap_or("")
    }

    /// The parameters in order, as `(name, value)`; a quoted value is given as written, quotes and
    /// escapes included.
    pub fn params(&self) -> MediaTypeParams<'_> {
        MediaTypeParams {
            rest: self.repr.get(self.essence_end..).unwrap_or(""),
        }
    }

    /// The value of the first parameter named `name` (case-insensitive), as [`MediaType::params`] gives it.
    pub fn param_value(&self, name: &str) -> Option<&str> {
        self.params()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v)
    }
}

/// The parameters of a [`MediaType`], from [`MediaType::params`].
#[derive(Debug, Clone)]
pub struct MediaTypeParams<'a> {
    rest: &'a str,
}

impl<'a> Iterator for MediaTypeParams<'a> {
    type Item = (&'a str, &'a str);

    fn next(&mut self) -> Option<Self::Item> {
        // The canonical rendering: `;name=value` repeated, value a token or a quoted string.
        let rest = self.rest.strip_prefix(';')?;
        let eq = rest.find('=')?;
        let name = &rest[..eq];
        let after = &rest[eq + 1..];
        let bytes = after.as_bytes();
        let end = if bytes.first() == Some(&b'"') {
            let mut i = 1;
            while i < bytes.len() {
                match bytes[i] {
                    b'\\' => i += 2,
                    b'"' => break,
                    _ => i += 1,
                }
            }
            (i + 1).min(bytes.len())
        } else {
            bytes.iter().position(|&b| b == b';').unwrap_or(bytes.len())
        };
        let value = after.get(..end)?;
        self.rest = after.get(end..).unwrap_or("");
        Some((name, value))
    }
}

impl PartialEq for MediaType {
    fn eq(&self, other: &Self) -> bool {
        self.essence().eq_ignore_ascii_case(other.essence())
            && self.params().count() == other.params().count()
            && self
                .params()
                .zip(other.params())
                .all(|((n1, v1), (n2, v2))| n1.eq_ignore_ascii_case(n2) && v1 == v2)
    }
}

impl Eq for MediaType {}

impl Hash for MediaType {
    fn hash<H: Hasher>(&self, state: &mut H) {
        for b in self.essence().bytes() {
            state.write_u8(b.to_ascii_lowercase());
        }
        for (name, value) in self.params() {
            state.write_u8(b';');
            for b in name.bytes() {
                state.write_u8(b.to_ascii_lowercase());
            }
            state.write_u8(b'=');
            state.write(value.as_bytes());
        }
        state.write_u8(0xff);
    }
}

validated_str!(@conversions MediaType, MediaType::parse, |s: String| MediaType::parse(&s));

fn skip_ws(b: &[u8], mut i: usize) -> usize {
    while i < b.len() && (b[i] == b' ' || b[i] == b'\t') {
        i += 1;
    }
    i
}

fn token_end(b: &[u8], mut i: usize) -> usize {
    while i < b.len() && is_token_byte(b[i]) {
        i += 1;
    }
    i
}

impl MediaType {
    /// Parses a Content-Type value: `type/subtype` and `;name=value` parameters, with optional spaces and
    /// tabs around `/`, `;` and `=` and around the whole. Folded lines are not accepted (unfold first).
    fn parse(s: &str) -> Result<MediaType, Error> {
        let b = s.as_bytes();
        let bad = |i: usize| match b.get(i) {
            Some(&byte) => Error::invalid_char(WHAT, byte, i),
            None => Error::syntax(WHAT, "unexpected end"),
        };
        let start = skip_ws(b, 0);
        if start == b.len() {
            return Err(Error::empty(WHAT));
        }
        let type_end = token_end(b, start);
        if type_end == start {
            return Err(bad(start));
        }
        let i = skip_ws(b, type_end);
        if b.get(i) != Some(&b'/') {
            return Err(if i == b.len() {
                Error::syntax(WHAT, "missing `/` and subtype")
            } else {
                bad(i)
            });
        }
        let sub_start = skip_ws(b, i + 1);
        let sub_end = token_end(b, sub_start);
        if sub_end == sub_start {
            return Err(if sub_start == b.len() {
                Error::syntax(WHAT, "missing subtype")
            } else {
                bad(sub_start)
            });
        }
        let mut out = MediaType::new(&s[start..type_end], &s[sub_start..sub_end])?;
        let mut repr = out.repr.into_owned();
        let mut i = skip_ws(b, sub_end);
        while i < b.len() {
            if b[i] != b';' {
                return Err(bad(i));
            }
            let name_start = skip_ws(b, i + 1);
            let name_end = token_end(b, name_start);
            if name_end == name_start {
                return Err(if name_start == b.len() {
                    Error::syntax(WHAT, "missing parameter after `;`")
                } else {
                    bad(name_start)
                });
            }
            let eq = skip_ws(b, name_end);
            if b.get(eq) != Some(&b'=') {
                return Err(if eq == b.len() {
                    Error::syntax(WHAT, "missing `=` in parameter")
                } else {
                    bad(eq)
                });
            }
            let v_start = skip_ws(b, eq + 1);
            let v_end = if b.get(v_start) == Some(&b'"') {
                let mut j = v_start + 1;
                loop {
                    match b.get(j) {
                        None => return Err(Error::syntax(WHAT, "unterminated quoted string")),
                        Some(b'\\') => j += 2,
                        Some(b'"') => break j + 1,
                        Some(_) => j += 1,
                    }
                }
            } else {
                token_end(b, v_start)
            };
            if v_end == v_start {
                return Err(if v_start == b.len() {
                    Error::syntax(WHAT, "missing parameter value")
                } else {
                    bad(v_start)
                });
            }
            let value = s.get(v_start..v_end).ok_or_else(|| bad(v_start))?;
            if value.starts_with('"') {
                let inner = value.get(1..value.len() - 1).unwrap_or("");
                check_quoted_content(inner, "media type parameter value")
                    .map_err(|e| shift(e, v_start + 1))?;
            }
            repr.push(';');
            repr.push_str(&s[name_start..name_end]);
            repr.push('=');
            repr.push_str(value);
            i = skip_ws(b, v_end);
        }
        out.repr = Cow::Owned(repr);
        Ok(out)
    }
}

/// Moves the offset of an `InvalidChar` error by `by` (for errors found in a part of the input).
fn shift(e: Error, by: usize) -> Error {
    match *e.kind() {
        crate::error::ErrorKind::InvalidChar { byte, at } => {
            Error::invalid_char(WHAT, byte, at + by)
        }
        _ => e,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn constants() {
        for (t, s, main, sub) in [
            (
                MediaType::APPLICATION_SDP,
                "application/sdp",
                "application",
                "sdp",
            ),
            (MediaType::TEXT_PLAIN, "text/plain", "text", "plain"),
            (
                MediaType::MESSAGE_SIPFRAG,
                "message/sipfrag",
                "message",
                "sipfrag",
            ),
            (
                MediaType::APPLICATION_PIDF_XML,
                "application/pidf+xml",
                "application",
                "pidf+xml",
            ),
            (
                MediaType::MULTIPART_MIXED,
                "multipart/mixed",
                "multipart",
                "mixed",
            ),
            (
                MediaType::APPLICATION_JSON,
                "application/json",
                "application",
                "json",
            ),
        ] {
            assert_eq!(t.as_str(), s);
            assert_eq!(t.main_type(), main);
            assert_eq!(t.subtype(), sub);
            assert_eq!(t, s.parse().unwrap());
            assert_eq!(t.params().count(), 0);
        }
    }

    #[test]
    fn params() {
        let t = MediaType::TEXT_PLAIN
            .param("charset", "utf-8")
            .unwrap()
            .param("x", "a b;\"c\"")
            .unwrap();
        assert_eq!(t.to_string(), r#"text/plain;charset=utf-8;x="a b;\"c\"""#);
        let params: Vec<_> = t.params().collect();
        assert_eq!(params, [("charset", "utf-8"), ("x", r#""a b;\"c\"""#)]);
        assert_eq!(t, t.to_string().parse().unwrap());
        assert!(MediaType::TEXT_PLAIN.param("a b", "x").is_err());
        assert!(MediaType::TEXT_PLAIN.param("x", "a\r\nb").is_err());
        assert!(MediaType::TEXT_PLAIN.param("x", "\0").is_err());
    }

    #[test]
    fn parse() {
        let t: MediaType = " Application / SDP ; Charset = UTF-8 ;q=\"x;y\" "
            .parse()
            .unwrap();
        assert_eq!(t.as_str(), "Application/SDP;Charset=UTF-8;q=\"x;y\"");
        assert_eq!(t.essence(), "Application/SDP");
        assert_eq!(t.param_value("charset"), Some("UTF-8"));
        assert_eq!(t.param_value("q"), Some("\"x;y\""));
        assert_ne!(t, MediaType::APPLICATION_SDP);
        assert_eq!(
            "APPLICATION/sdp".parse::<MediaType>().unwrap(),
            MediaType::APPLICATION_SDP
        );
    }

    #[test]
    fn parse_errors() {
        for s in [
            "",
            "  ",
            "text",
            "text/",
            "/plain",
            "text/plain;",
            "text/plain;charset",
            "text/plain;charset=",
            "text/plain;x=\"open",
            "text/plain x",
            "text/plain\r\nVia: x",
            "text/plain;x=\"a\r\nb\"",
            "text/plain;x=\"a\0\"",
            "text\0/plain",
            "te xt/plain",
        ] {
            assert!(s.parse::<MediaType>().is_err(), "{s:?}");
        }
        assert!(MediaType::new("text", "pl ain").is_err());
        assert!(MediaType::new("text\r\n", "plain").is_err());
    }
}
