//! The byte-level scan of a message head (RFC 3261 §7, §7.3, §7.3.1): the start line's end, each header
//! field's name and value (folds included), the empty line, the limits. One pass, in which every byte is
//! read once or twice (a value's sixteen at a time), nothing allocated; what it finds goes to a sink.

use super::error::{ParseError, ParseErrorKind};
use super::framing::ContentLength;
use super::limits::Limits;
use super::start_line::StartLine;
use crate::header::long_form;
use crate::syntax::is_token_byte;

/// `token` characters (RFC 3261 §25.1), as a table made from [`is_token_byte`].
const TOKEN: [bool; 256] = {
    let mut table = [false; 256];
    let mut i = 0;
    while i < 256 {
        table[i] = is_token_byte(i as u8);
        i += 1;
    }
    table
};

/// Whether `b` is a space or a horizontal tab (`WSP`).
#[inline]
pub(super) const fn is_wsp(b: u8) -> bool {
    b == b' ' || b == b'\t'
}

/// Whether `b` is linear white space as a field value may hold it: a space, a tab, or the CR and LF of
/// a fold.
#[inline]
pub(super) const fn is_lws(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\r' | b'\n')
}

/// Whether `b` is a control character that no header value may hold: below 0x20 but horizontal tab, or
/// DEL (RFC 3261 §25: `TEXT-UTF8char` and `LWS` only). CR and LF among them, which end a line.
#[inline]
const fn is_ctl(b: u8) -> bool {
    (b < 0x20 && b != b'\t') || b == 0x7f
}

/// The [`is_ctl`] bytes of `chunk`, each as 0xff in its place (little-endian) and every other byte
/// zero. Written so that the compiler makes it a few vector instructions; the offset of the first
/// such byte is then `trailing_zeros / 8`.
#[inline(always)]
fn ctl_flags(chunk: &[u8; 16]) -> u128 {
    let mut flags = [0u8; 16];
    for (f, &c) in flags.iter_mut().zip(chunk) {
        *f = 0u8.wrapping_sub(u8::from(((c < 0x20) & (c != b'\t')) | (c == 0x7f)));
    }
    u128::from_le_bytes(flags)
}

/// The offset of the first [`is_ctl`] byte of `b` at or after `from`, or `b.len()` if there is none.
/// Sixteen bytes at a time: a header line is read in two or three steps.
#[inline(always)]
pub(super) fn find_ctl(b: &[u8], from: usize) -> usize {
    let Some(tail) = b.get(from..) else {
        return b.len();
    };
    let (chunks, rest) = tail.as_chunks::<16>();
    for (i, chunk) in chunks.iter().enumerate() {
        let flags = ctl_flags(chunk);
        if flags != 0 {
            return from + i * 16 + flags.trailing_zeros() as usize / 8;
        }
    }
    let base = from + chunks.len() * 16;
    rest.iter()
        .position(|&c| is_ctl(c))
        .map_or(b.len(), |i| base + i)
}

/// The end of the run of `token` bytes at `from`.
#[inline(always)]
fn token_end(b: &[u8], from: usize) -> usize {
    let mut i = from;
    while let Some(&c) = b.get(i)
        && TOKEN[usize::from(c)]
    {
        i += 1;
    }
    i
}

/// A header field found by the scan, as offsets into the message (the head is at most 2 GiB, see
/// [`Limits`]): 16 bytes, so that 32 of them are kept inline in a [`super::Message`].
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(super) struct RawField {
    /// The offset of the name, which is where the field starts.
    pub(super) name: u32,
    /// The value, trimmed of linear white space at both ends.
    pub(super) value: u32,
    /// The end of the value, and in the high bit whether the value is folded (holds a line break).
    value_end: u32,
    /// The length of the name (at most 65535 bytes); lookups compare it before the name.
    pub(super) name_len: u16,
}

impl RawField {
    const FOLDED: u32 = 1 << 31;

    /// A field at these offsets (each below 2^31; the name at most 65535 bytes).
    #[inline]
    pub(super) fn new(name: usize, name_len: u16, value: (usize, usize), folded: bool) -> Self {
        RawField {
            name: name as u32,
            value: value.0 as u32,
            value_end: value.1 as u32 | if folded { Self::FOLDED } else { 0 },
            name_len,
        }
    }

    /// The end of the name.
    #[inline]
    pub(super) fn name_end(self) -> u32 {
        self.name + u32::from(self.name_len)
    }

    /// The end of the value.
    #[inline]
    pub(super) fn value_end(self) -> u32 {
        self.value_end & !Self::FOLDED
    }

    /// Whether the value holds a line break (a fold, RFC 3261 §7.3.1).
    #[inline]
    pub(super) fn folded(self) -> bool {
        self.value_end & Self::FOLDED != 0
    }
}

/// Where the scan puts the fields it finds: a [`super::Message`]'s store, or nowhere (the framer).
pub(super) trait Sink {
    /// Keeps `field`, found after those kept before.
    fn push(&mut self, field: RawField);
}

/// The framer keeps no field.
impl Sink for () {
    #[inline(always)]
    fn push(&mut self, _: RawField) {}
}

/// What the scan of a complete head found.
#[derive(Debug, Clone, Copy)]
pub(super) struct Head {
    /// The end of the start line (without its line end).
    start_end: usize,
    /// The offset of the first byte after the empty line: the head's length.
    pub(super) body_start: usize,
    pub(super) content_length: Option<ContentLength>,
}

/// The line end at `at` (a CR or LF found by [`find_ctl`]): the offset of the next line, `Ok(None)` when
/// the data ends in the middle of the line end, or the error of a control byte that is no line end.
#[inline]
fn line_end(b: &[u8], at: usize) -> Result<Option<usize>, ParseError> {
    match b.get(at) {
        None => Ok(None),
        Some(b'\n') => Ok(Some(at + 1)),
        Some(b'\r') => match b.get(at + 1) {
            Some(b'\n') => Ok(Some(at + 2)),
            None => Ok(None),
            Some(_) => Err(ParseError::new(
                ParseErrorKind::ControlChar { byte: b'\r' },
                at,
            )),
        },
        Some(&byte) => Err(ParseError::new(ParseErrorKind::ControlChar { byte }, at)),
    }
}

/// Scans the head at the start of `buf`: the start line, then each header field, handed to `sink` in
/// order, up to the empty line.
///
/// Returns `Ok(None)` when the data ends before the head does, within the limits (a stream needs more
/// bytes; a datagram is missing its empty line). A head longer than the limit is an error as soon as
/// the limit is passed, whether or not it would end later. A bad start line is reported before any
/// problem of the fields (as soon as its line has ended); the head is checked to be UTF-8, and the
/// start line parsed from it, by [`Head::finish`] once the head has ended (one UTF-8 check in all).
pub(super) fn scan_head(
    buf: &[u8],
    limits: &Limits,
    sink: &mut impl Sink,
) -> Result<Option<Head>, ParseError> {
    let lim = buf.len().min(limits.max_head_len());
    let b = &buf[..lim];
    let end = find_ctl(b, 0);
    let scanned = scan_fields(buf, lim, end, limits, sink);
    if !matches!(scanned, Ok(Some(_))) && matches!(line_end(b, end), Ok(Some(_))) {
        // The start line has ended: its problems come first.
        StartLine::parse(&buf[..end])?;
    }
    scanned
}

impl Head {
    /// The head as `str` and its start line: the checks [`scan_head`] leaves for a complete head.
    #[inline]
    pub(super) fn finish<'a>(&self, buf: &'a [u8]) -> Result<(&'a str, StartLine<'a>), ParseError> {
        let text = match core::str::from_utf8(&buf[..self.body_start]) {
            Ok(text) => text,
            Err(e) => {
                // A bad start line before the first byte that is not UTF-8 is reported first.
                if e.valid_up_to() > self.start_end {
                    StartLine::parse(&buf[..self.start_end])?;
                }
                return Err(ParseError::new(
                    ParseErrorKind::InvalidUtf8,
                    e.valid_up_to(),
                ));
            }
        };
        let start = StartLine::parse_text(text.get(..self.start_end).unwrap_or_default())?;
        Ok((text, start))
    }
}

/// [`scan_head`] after the start line, which ends at `end`.
#[inline(always)]
fn scan_fields(
    buf: &[u8],
    lim: usize,
    end: usize,
    limits: &Limits,
    sink: &mut impl Sink,
) -> Result<Option<Head>, ParseError> {
    let b = &buf[..lim];
    // The data ran out at `lim`: more may come, unless the limit cut it.
    let out_of_data = || {
        if lim < buf.len() {
            Err(ParseError::new(ParseErrorKind::HeadTooLarge, lim))
        } else {
            Ok(None)
        }
    };

    let Some(mut p) = line_end(b, end)? else {
        return out_of_data();
    };

    let mut count = 0;
    let mut content_length = None;
    loop {
        // A line: the empty one, a field, or a continuation with no field before it.
        match b.get(p) {
            None => return out_of_data(),
            Some(b'\r' | b'\n') => {
                let Some(body_start) = line_end(b, p)? else {
                    return out_of_data();
                };
                return Ok(Some(Head {
                    start_end: end,
                    body_start,
                    content_length,
                }));
            }
            Some(b' ' | b'\t') => return Err(ParseError::new(ParseErrorKind::FoldBeforeHeader, p)),
            Some(_) => {}
        }

        // `field-name HCOLON`: a token, optional white space, a colon (RFC 3261 §7.3, §25.1).
        let name = p;
        let mut i = token_end(b, p);
        let name_end = i;
        let Ok(name_len) = u16::try_from(name_end - name) else {
            let at = name + usize::from(u16::MAX);
            return Err(ParseError::new(ParseErrorKind::InvalidName, at));
        };
        while let Some(&c) = b.get(i)
            && is_wsp(c)
        {
            i += 1;
        }
        match b.get(i) {
            Some(b':') if name_end > name => i += 1,
            Some(_) => return bad_name(b, name, name_end).map_or_else(out_of_data, Err),
            None => return out_of_data(),
        }
        count += 1;
        if count > limits.max_headers() {
            return Err(ParseError::new(ParseErrorKind::TooManyHeaders, name));
        }

        // The value: every line up to one that does not start with white space (RFC 3261 §7.3.1).
        while let Some(&c) = b.get(i)
            && is_wsp(c)
        {
            i += 1;
        }
        let value = i;
        let mut folded = false;
        let last_end = loop {
            let end = find_ctl(b, i);
            let Some(next) = line_end(b, end)? else {
                return out_of_data();
            };
            match b.get(next) {
                // Whether the next line continues this one is unknown until its first byte is in.
                None => return out_of_data(),
                Some(b' ' | b'\t') => {
                    folded = true;
                    i = next + 1;
                }
                Some(_) => {
                    p = next;
                    break end;
                }
            }
        };
        let (value, value_end, folded) = trim(b, value, last_end, folded);

        let name_bytes = &b[name..name_end];
        // Content-Length, or its compact form (only names of those lengths are compared).
        if matches!(usize::from(name_len), 1 | 14) && is_content_length(name_bytes) {
            if content_length.is_some() {
                return Err(ParseError::new(
                    ParseErrorKind::DuplicateContentLength,
                    name,
                ));
            }
            let digits = &b[value..value_end];
            let Some(len) = parse_digits(digits) else {
                return Err(ParseError::new(ParseErrorKind::InvalidContentLength, value));
            };
            content_length = Some(ContentLength::new(len, name, value));
        }
        sink.push(RawField::new(name, name_len, (value, value_end), folded));
    }
}

/// The value `b[start..end]` trimmed of linear white space at both ends, and whether what is left holds
/// a line break (only looked for when the field was folded).
#[inline(always)]
fn trim(b: &[u8], mut start: usize, mut end: usize, folded: bool) -> (usize, usize, bool) {
    while end > start && is_lws(b[end - 1]) {
        end -= 1;
    }
    if !folded {
        return (start, end, false);
    }
    while start < end && is_lws(b[start]) {
        start += 1;
    }
    (start, end, b[start..end].contains(&b'\n'))
}

/// The error of a header line whose name is not followed by a colon: an invalid name if the line has a
/// colon further on (pointing at the first byte that is not a token character), else a line without a
/// colon. `None` if the line has not ended within `b` (more data may tell which).
#[cold]
fn bad_name(b: &[u8], name: usize, name_end: usize) -> Option<ParseError> {
    let line = &b[name..];
    let end = line.iter().position(|&c| c == b'\r' || c == b'\n')?;
    Some(if line[..end].contains(&b':') {
        ParseError::new(ParseErrorKind::InvalidName, name_end)
    } else {
        ParseError::new(ParseErrorKind::NoColon, name)
    })
}

const CONTENT_LENGTH: &str = "Content-Length";

/// Whether a header name is Content-Length or its compact form (through [`long_form`]).
#[inline]
fn is_content_length(name: &[u8]) -> bool {
    let long = match name {
        [_] => long_form(core::str::from_utf8(name).unwrap_or_default()).as_bytes(),
        _ => name,
    };
    super::store::eq_ignore_case(long, CONTENT_LENGTH.as_bytes())
}

/// A Content-Length value: `1*DIGIT` that fits in a `usize` (RFC 3261 §20.14).
fn parse_digits(digits: &[u8]) -> Option<usize> {
    if digits.is_empty() {
        return None;
    }
    digits.iter().try_fold(0usize, |n, &d| {
        if !d.is_ascii_digit() {
            return None;
        }
        n.checked_mul(10)?.checked_add(usize::from(d - b'0'))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ctl_scan_matches_bytewise() {
        let slow =
            |b: &[u8], from: usize| (from..b.len()).find(|&i| is_ctl(b[i])).unwrap_or(b.len());
        let mut cases: Vec<Vec<u8>> = Vec::new();
        for len in 0..48 {
            for at in 0..len {
                for c in [0u8, b'\t', b'\r', b'\n', 0x1f, 0x20, 0x7f, 0x80, 0xff, b'a'] {
                    let mut v = vec![b'x'; len];
                    v[at] = c;
                    cases.push(v.clone());
                    v[len - 1] = b'\r';
                    cases.push(v);
                }
            }
        }
        let every: Vec<u8> = (0..=255).collect();
        cases.push(every.clone());
        cases.push(every.into_iter().rev().collect());
        for b in &cases {
            for from in 0..=b.len() + 1 {
                assert_eq!(find_ctl(b, from), slow(b, from), "{b:?} {from}");
            }
        }
    }

    #[test]
    fn every_byte_class() {
        for b in 0..=255u8 {
            let mut chunk = [b'a'; 16];
            chunk[5] = b;
            let want = if is_ctl(b) { 0xffu128 << 40 } else { 0 };
            assert_eq!(ctl_flags(&chunk), want, "{b:#x}");
            assert_eq!(TOKEN[usize::from(b)], is_token_byte(b));
        }
    }

    #[test]
    fn token_runs() {
        for len in 0..30 {
            for stop in [b':', b' ', b'\r', 0x80] {
                let mut b = vec![b'a'; len];
                b.push(stop);
                b.extend_from_slice(b"bbbbbbbbbbbbbbbbbb");
                assert_eq!(token_end(&b, 0), len);
                assert_eq!(token_end(&b[..len], 0), len);
                assert_eq!(token_end(&b, len + 1), b.len());
            }
        }
        assert_eq!(token_end(b"abc", 5), 5);
    }

    #[test]
    fn content_length_digits() {
        assert_eq!(parse_digits(b"0"), Some(0));
        assert_eq!(parse_digits(b"00349"), Some(349));
        assert_eq!(
            parse_digits(b"18446744073709551615"),
            usize::try_from(u64::MAX).ok()
        );
        for bad in [
            &b""[..],
            b"-1",
            b"+1",
            b"1 2",
            b"0x10",
            b"18446744073709551616",
            b"1\r\n 2",
        ] {
            assert_eq!(parse_digits(bad), None, "{bad:?}");
        }
        assert_eq!(CONTENT_LENGTH.len(), 14);
        assert!(is_content_length(b"l") && is_content_length(b"L"));
        assert!(is_content_length(b"content-LENGTH"));
        assert!(!is_content_length(b"Content-Lengthy") && !is_content_length(b"m"));
    }
}
