//! Comma-separated values (RFC 3261 §7.3.1): [`Split`] for one field, [`Values`] across every field of a
//! header.

use super::field::Value;
use super::store::Named;

/// The comma-separated elements of one header value, in order (RFC 3261 §7.3.1: `Via: a, b` is the same
/// as two Via lines).
///
/// A comma separates elements only outside a quoted string (`"Doe, John" <sip:j@d>`, with `\`
/// escapes) and outside angle brackets (`<sip:a@b;x=1,2>`). Each element is trimmed of linear white
/// space (folds included); empty elements (`a,,b`, a trailing comma) are skipped. An unclosed quote or
/// bracket runs to the end of the value. Parentheses (comments) are not treated specially.
///
/// The split is mechanical: it is right for headers whose grammar is a comma-separated list (Via,
/// Contact, Route, Record-Route, Allow, Supported, Require, Accept, …) and wrong for those whose values
/// hold commas of their own, which the caller must not split: WWW-Authenticate, Proxy-Authenticate,
/// Authorization, Proxy-Authorization and Authentication-Info (commas separate the parameters of one
/// challenge or credential, RFC 3261 §25.1), Date (`Sat, 13 Nov 2010 …`), and free-text headers
/// (Subject, Organization, Server, User-Agent). For those, read each field whole
/// ([`super::Message::fields_named`]).
#[derive(Debug, Clone)]
pub struct Split<'a> {
    value: Value<'a>,
    pos: usize,
}

impl<'a> Split<'a> {
    pub(super) fn new(value: Value<'a>) -> Self {
        Split { value, pos: 0 }
    }

    /// An iterator that yields nothing.
    fn done() -> Self {
        Split {
            value: Value::new("", 0, false),
            pos: 0,
        }
    }
}

impl<'a> Iterator for Split<'a> {
    type Item = Value<'a>;

    fn next(&mut self) -> Option<Value<'a>> {
        let b = self.value.raw().as_bytes();
        while self.pos < b.len() {
            let start = self.pos;
            let end = element_end(b, start);
            self.pos = end + 1;
            let element = self.value.sub(start, end);
            if !element.is_empty() {
                return Some(element);
            }
        }
        None
    }
}

impl core::iter::FusedIterator for Split<'_> {}

/// The bytes of `chunk` that [`element_end`] must look at (comma, quote, angle brackets, backslash),
/// each as 0xff in its place (little-endian) and every other byte zero. Written so that the compiler
/// makes it a few vector instructions.
#[inline(always)]
fn special_flags(chunk: &[u8; 16]) -> u128 {
    // A byte equal to one of them leaves a zero in `m` (the smallest of its XORs with each).
    let mut m = [0xff; 16];
    for x in [b',', b'"', b'<', b'>', b'\\'] {
        for (m, &c) in m.iter_mut().zip(chunk) {
            *m = (*m).min(c ^ x);
        }
    }
    let mut flags = [0u8; 16];
    for (f, &m) in flags.iter_mut().zip(&m) {
        *f = 0u8.wrapping_sub(u8::from(m == 0));
    }
    u128::from_le_bytes(flags)
}

/// The offset of the first comma at or after `start` that is outside quotes and angle brackets, or the
/// length of `b`. Runs of bytes that are none of comma, quote, bracket and backslash are skipped sixteen
/// at a time.
fn element_end(b: &[u8], start: usize) -> usize {
    let mut i = start;
    let mut quoted = false;
    let mut angle = false;
    while i < b.len() {
        if let Some(chunk) = b[i..].first_chunk::<16>() {
            let flags = special_flags(chunk);
            if flags == 0 {
                i += 16;
                continue;
            }
            i += flags.trailing_zeros() as usize / 8;
        }
        match b[i] {
            b'\\' if quoted => i += 1,
            b'"' if !angle => quoted = !quoted,
            b'<' if !quoted => angle = true,
            b'>' if !quoted => angle = false,
            b',' if !quoted && !angle => return i,
            _ => {}
        }
        i += 1;
    }
    b.len()
}

/// The comma-separated values of a header across all its fields, in order: see
/// [`super::Message::values`], and [`Split`] for how a value is split.
#[derive(Debug, Clone)]
pub struct Values<'m, 'a> {
    fields: Named<'m, 'a>,
    current: Split<'a>,
}

impl<'m, 'a> Values<'m, 'a> {
    pub(super) fn new(fields: Named<'m, 'a>) -> Self {
        Values {
            fields,
            current: Split::done(),
        }
    }
}

impl<'a> Iterator for Values<'_, 'a> {
    type Item = Value<'a>;

    fn next(&mut self) -> Option<Value<'a>> {
        loop {
            if let Some(v) = self.current.next() {
                return Some(v);
            }
            self.current = self.fields.next()?.values();
        }
    }
}

impl core::iter::FusedIterator for Values<'_, '_> {}

#[cfg(test)]
mod tests {
    use super::*;

    fn split(s: &str) -> Vec<&str> {
        Split::new(Value::new(s, 0, s.contains('\n')))
            .map(|v| v.raw())
            .collect()
    }

    #[test]
    fn splits_outside_quotes_and_brackets() {
        assert_eq!(split("a, b ,c"), ["a", "b", "c"]);
        assert_eq!(
            split(r#""Doe, J." <sip:j@d>;tag=1, <sip:x@y;a=1,2>"#),
            [r#""Doe, J." <sip:j@d>;tag=1"#, "<sip:x@y;a=1,2>"]
        );
        assert_eq!(split(r#""a \", b", c"#), [r#""a \", b""#, "c"]);
        assert_eq!(split(r#""<", ">""#), [r#""<""#, r#"">""#]);
        assert_eq!(split(",, a,,\t, b,"), ["a", "b"]);
        assert_eq!(split(r#""open, quote"#), [r#""open, quote"#]);
        assert_eq!(split("<open, bracket"), ["<open, bracket"]);
        assert_eq!(split("\"\\"), ["\"\\"]);
        assert!(split("").is_empty());
        // Long runs between the separators, and separators at every offset of a chunk.
        let long = format!("{}, {}", "x".repeat(40), "y".repeat(17));
        assert_eq!(split(&long), ["x".repeat(40), "y".repeat(17)]);
        for pad in 0..40 {
            let s = format!("{}\"a,\\\"b\"<c,d>,e", "p".repeat(pad));
            assert_eq!(
                split(&s),
                [
                    format!("{}\"a,\\\"b\"<c,d>", "p".repeat(pad)),
                    "e".to_owned()
                ]
            );
        }
        assert!(split(" , ").is_empty());
    }

    #[test]
    fn folded_elements() {
        let v = Value::new("a,\r\n b\r\n c, d", 100, true);
        let parts: Vec<_> = Split::new(v).collect();
        assert_eq!(parts.len(), 3);
        assert_eq!((parts[0].raw(), parts[0].is_folded()), ("a", false));
        assert_eq!((parts[1].raw(), parts[1].is_folded()), ("b\r\n c", true));
        assert_eq!(parts[1].unfolded(), "b c");
        assert_eq!((parts[2].raw(), parts[2].offset()), ("d", 112));
    }
}
