//! [`Field`] and [`Value`]: a header field and its value, borrowed from the message, with folds kept as
//! received and unfolded on demand (RFC 3261 §7.3.1).

use std::borrow::Cow;
use std::fmt;

use super::list::Split;
use super::scan::{is_lws, is_wsp};
use crate::header::{long_form, same_header};

/// A header field as received: its name as written, its value, and where it is in the message.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Field<'a> {
    name: &'a str,
    value: Value<'a>,
    at: usize,
}

impl<'a> Field<'a> {
    pub(super) fn new(name: &'a str, value: Value<'a>, at: usize) -> Self {
        Field { name, value, at }
    }

    /// The name as written (`"v"`, `"VIA"`, `"Via"`); a `token`.
    pub fn name(&self) -> &'a str {
        self.name
    }

    /// The long form of the name (`"Via"` for `v`, RFC 3261 §7.3.3); the name as written otherwise.
    pub fn long_name(&self) -> &'a str {
        long_form(self.name)
    }

    /// Whether this field is the header `name`: ASCII case ignored, compact forms equal to their long
    /// forms (`Field::is("Via")` holds for a field named `v`).
    pub fn is(&self, name: &str) -> bool {
        same_header(self.name, name)
    }

    /// The value, trimmed of white space at both ends.
    pub fn value(&self) -> Value<'a> {
        self.value
    }

    /// The offset of the field (of its name) in the message.
    pub fn offset(&self) -> usize {
        self.at
    }

    /// The comma-separated values of this field (RFC 3261 §7.3.1): see [`super::Message::values`].
    pub fn values(&self) -> Split<'a> {
        Split::new(self.value)
    }
}

/// A header value, or one comma-separated element of it, borrowed from the message.
///
/// The text is as received, trimmed of linear white space at both ends; it holds no control character
/// but tab, except the line breaks of folds. A folded value (one continued on lines that start with
/// white space, RFC 3261 §7.3.1) keeps its line breaks in [`Value::raw`]; [`Value::unfolded`] gives it
/// with each fold (`*WSP CRLF 1*WSP`) replaced by a single space, as §7.3.1 allows, allocating only
/// when there is a fold; [`Value::pieces`] gives the text between the folds without allocating. A value
/// without fold, the usual case, is the same in all three.
///
/// Equality with a `str` compares the unfolded text without allocating.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Value<'a> {
    raw: &'a str,
    at: usize,
    folded: bool,
}

impl<'a> Value<'a> {
    pub(super) fn new(raw: &'a str, at: usize, folded: bool) -> Self {
        Value { raw, at, folded }
    }

    /// The text as received, folds (line breaks and the white space around them) included.
    pub fn raw(&self) -> &'a str {
        self.raw
    }

    /// The offset of the value's first byte in the message (where the field's text starts, for an empty
    /// value).
    pub fn offset(&self) -> usize {
        self.at
    }

    /// Whether the value holds a fold.
    pub fn is_folded(&self) -> bool {
        self.folded
    }

    /// Whether the value is empty.
    pub fn is_empty(&self) -> bool {
        self.raw.is_empty()
    }

    /// The value with each fold replaced by one space: borrowed unless the value is folded.
    pub fn unfolded(&self) -> Cow<'a, str> {
        if !self.folded {
            return Cow::Borrowed(self.raw);
        }
        let mut out = String::with_capacity(self.raw.len());
        for (i, piece) in self.pieces().enumerate() {
            if i > 0 {
                out.push(' ');
            }
            out.push_str(piece);
        }
        Cow::Owned(out)
    }

    /// The text between the folds, in order, none empty; joined with single spaces they are
    /// [`Value::unfolded`]. One piece, the whole value, when it is not folded (none when it is empty).
    pub fn pieces(&self) -> Pieces<'a> {
        Pieces { rest: self.raw }
    }

    /// The element of this value in `start..end`, trimmed of linear white space.
    pub(super) fn sub(&self, start: usize, end: usize) -> Value<'a> {
        let b = self.raw.as_bytes();
        let (mut start, mut end) = (start, end);
        while start < end && is_lws(b[start]) {
            start += 1;
        }
        while end > start && is_lws(b[end - 1]) {
            end -= 1;
        }
        let raw = self.raw.get(start..end).unwrap_or_default();
        Value {
            raw,
            at: self.at + start,
            folded: self.folded && raw.contains('\n'),
        }
    }
}

impl fmt::Display for Value<'_> {
    /// Writes the unfolded value.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, piece) in self.pieces().enumerate() {
            if i > 0 {
                f.write_str(" ")?;
            }
            f.write_str(piece)?;
        }
        Ok(())
    }
}

impl PartialEq<str> for Value<'_> {
    fn eq(&self, other: &str) -> bool {
        if !self.folded {
            return self.raw == other;
        }
        let mut rest = other;
        for (i, piece) in self.pieces().enumerate() {
            if i > 0 {
                let Some(r) = rest.strip_prefix(' ') else {
                    return false;
                };
                rest = r;
            }
            let Some(r) = rest.strip_prefix(piece) else {
                return false;
            };
            rest = r;
        }
        rest.is_empty()
    }
}

impl PartialEq<&str> for Value<'_> {
    fn eq(&self, other: &&str) -> bool {
        *self == **other
    }
}

/// The text of a [`Value`] between its folds: see [`Value::pieces`].
#[derive(Debug, Clone)]
pub struct Pieces<'a> {
    rest: &'a str,
}

impl<'a> Iterator for Pieces<'a> {
    type Item = &'a str;

    fn next(&mut self) -> Option<&'a str> {
        loop {
            if self.rest.is_empty() {
                return None;
            }
            let b = self.rest.as_bytes();
            let (end, next) = match b.iter().position(|&c| c == b'\r' || c == b'\n') {
                None => (b.len(), b.len()),
                Some(at) => {
                    // The white space before the line break, and the break and the white space after it.
                    let mut end = at;
                    while end > 0 && is_wsp(b[end - 1]) {
                        end -= 1;
                    }
                    let mut next = at;
                    while next < b.len() && is_lws(b[next]) {
                        next += 1;
                    }
                    (end, next)
                }
            };
            let piece = self.rest.get(..end).unwrap_or_default();
            self.rest = self.rest.get(next..).unwrap_or_default();
            if !piece.is_empty() {
                return Some(piece);
            }
        }
    }
}

impl core::iter::FusedIterator for Pieces<'_> {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unfolding() {
        let v = Value::new("a b,\r\n \t c\n\td \r\n e", 10, true);
        assert_eq!(v.pieces().collect::<Vec<_>>(), ["a b,", "c", "d", "e"]);
        assert_eq!(v.unfolded(), "a b, c d e");
        assert_eq!(v.to_string(), "a b, c d e");
        assert_eq!(v, "a b, c d e");
        assert_ne!(v, "a b, c d e ");
        assert_ne!(v, "a b, c d");
        assert_ne!(v, "a b,  c d e");
        let plain = Value::new("x  y", 0, false);
        assert!(matches!(plain.unfolded(), Cow::Borrowed("x  y")));
        assert_eq!(plain.pieces().collect::<Vec<_>>(), ["x  y"]);
        assert_eq!(Value::new("", 0, false).pieces().count(), 0);
        // Lines of white space only fold into one space.
        assert_eq!(Value::new("a\r\n \r\n b", 0, true).unfolded(), "a b");
    }

    #[test]
    fn sub_values() {
        let v = Value::new("a ,\r\n b", 5, true);
        let first = v.sub(0, 2);
        assert_eq!(
            (first.raw(), first.offset(), first.is_folded()),
            ("a", 5, false)
        );
        let second = v.sub(3, 7);
        assert_eq!(
            (second.raw(), second.offset(), second.is_folded()),
            ("b", 11, false)
        );
        let whole = v.sub(0, 7);
        assert!(whole.is_folded());
    }

    #[test]
    fn field_names() {
        let f = Field::new("v", Value::new("x", 3, false), 0);
        assert!(f.is("VIA") && !f.is("To"));
        assert_eq!(f.long_name(), "Via");
        assert_eq!(f.values().map(|v| v.raw()).collect::<Vec<_>>(), ["x"]);
    }
}
