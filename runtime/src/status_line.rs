//! [`StatusLine`] and [`StatusLineRef`]: the first line of a SIP response (RFC 3261 §7.2, §25).

use core::fmt;
use core::marker::PhantomData;
use core::str::FromStr;

use crate::StatusClass;
use crate::code::{InterpretError, ParseCodeErrorKind, StatusCodeSet, interpret, parse_code};
use crate::error::{Error, ErrorKind};

const WHAT: &str = "status line";
/// `SIP/2.0 ` and the three digits and the space: where the reason phrase starts.
const PHRASE_START: usize = 12;

/// The common shape of a status line, checked in one pass: `SIP/2.0 ` (`SIP` in any ASCII case), a code
/// in 100–699, a space, then phrase bytes up to the first control byte other than horizontal tab.
/// Returns the code and the offset of that control byte (the length of `b` if there is none), or `None`
/// when the first twelve bytes are anything else. Everything it accepts, the byte-by-byte parser accepts
/// too, with the same result; the tests compare the two.
#[inline(always)]
fn scan_line(b: &[u8]) -> Option<(u16, usize)> {
    let (head, _) = b.split_first_chunk::<PHRASE_START>()?;
    let [s, i, p, slash, two, dot, zero, sp1, d0, d1, d2, sp2] = *head;
    // `| 0x20` folds the ASCII case of a letter and maps no other byte onto `s`, `i` or `p`.
    if [s | 0x20, i | 0x20, p | 0x20, slash, two, dot, zero, sp1] != *b"sip/2.0 " {
        return None;
    }
    let (b'1'..=b'6', b'0'..=b'9', b'0'..=b'9', b' ') = (d0, d1, d2, sp2) else {
        return None;
    };
    let code = u16::from(d0 - b'0') * 100 + u16::from(d1 - b'0') * 10 + u16::from(d2 - b'0');
    // The twelve bytes read so far are printable ASCII, so the scan may read them again.
    let end = crate::code::invalid_phrase_byte_after(b, PHRASE_START).unwrap_or(b.len());
    Some((code, end))
}

/// [`scan_line`] at the start of a message, whose first control byte must then be the CR of a CRLF (so
/// that LF is the message's first). Returns the code and the offset of that CR.
#[inline(always)]
fn scan_message(message: &[u8]) -> Option<(u16, usize)> {
    let (code, cr) = scan_line(message)?;
    (message.get(cr..cr + 2) == Some(b"\r\n")).then_some((code, cr))
}

/// `<[u8]>::is_ascii` for a status line (at least eight bytes): every word, the last one overlapping.
#[inline]
fn is_ascii(b: &[u8]) -> bool {
    let Some(last) = b.last_chunk::<8>() else {
        return b.is_ascii();
    };
    let (words, _) = b.as_chunks::<8>();
    let all = words.iter().fold(u64::from_le_bytes(*last), |all, word| {
        all | u64::from_le_bytes(*word)
    });
    all & u64::from_ne_bytes([0x80; 8]) == 0
}

/// A status line borrowed from its input: `SIP/2.0 403 Wrong Guess`, parsed without allocating.
///
/// Grammar (RFC 3261 §25): `Status-Line = SIP-Version SP Status-Code SP Reason-Phrase`. The literal `SIP`
/// is matched case-insensitively (as ABNF strings are); only version 2.0 is accepted. The code is three
/// digits in 100–699, known to `C` or not; the phrase may be empty (`SIP/2.0 480 `) but the space before
/// it is required, and it may hold no control character but horizontal tab. No CRLF: see
/// [`StatusLineRef::parse_message_start`] to read the first line of a message.
///
/// Errors are [`crate::Error`]s (`what` is `"status line"`, or `"status code"` for a code outside
/// 100–699), like every other parser of the crate, with the offset of an offending byte in the line.
pub struct StatusLineRef<'a, C> {
    line: &'a str,
    code: u16,
    _set: PhantomData<fn() -> C>,
}

impl<C> Clone for StatusLineRef<'_, C> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<C> Copy for StatusLineRef<'_, C> {}

impl<'a, C: StatusCodeSet> StatusLineRef<'a, C> {
    /// Parses a status line (without CRLF).
    pub fn parse(line: &'a str) -> Result<Self, Error> {
        if let Some((code, end)) = scan_line(line.as_bytes())
            && end == line.len()
        {
            return Ok(StatusLineRef {
                line,
                code,
                _set: PhantomData,
            });
        }
        Self::parse_slow(line)
    }

    /// [`StatusLineRef::parse`] byte by byte: whatever the fast scan did not accept, which is every
    /// invalid line; says precisely what is wrong.
    #[cold]
    #[inline(never)]
    fn parse_slow(line: &'a str) -> Result<Self, Error> {
        let b = line.as_bytes();
        if b.is_empty() {
            return Err(Error::empty(WHAT));
        }
        if b.len() < 4 || !b[..3].eq_ignore_ascii_case(b"SIP") || b[3] != b'/' {
            return Err(Error::syntax(WHAT, "does not start with `SIP/`"));
        }
        let Some(sp) = b.iter().position(|&c| c == b' ') else {
            return Err(Error::syntax(WHAT, "no space after the SIP version"));
        };
        if &b[4..sp] != b"2.0" {
            return Err(Error::syntax(
                WHAT,
                "unsupported SIP version (only SIP/2.0 is accepted)",
            ));
        }
        let rest = &line[sp + 1..];
        let code = parse_code(rest).map_err(|e| match e.kind() {
            ParseCodeErrorKind::InvalidDigit { byte, at }
            | ParseCodeErrorKind::InvalidPhraseChar { byte, at } => {
                Error::invalid_char(WHAT, byte, sp + 1 + at)
            }
            ParseCodeErrorKind::OutOfRange { .. } => {
                Error::new("status code", ErrorKind::OutOfRange)
            }
            ParseCodeErrorKind::Empty => {
                Error::syntax(WHAT, "no status code after the SIP version")
            }
            _ => Error::syntax(WHAT, e.reason()),
        })?;
        if rest.len() == 3 {
            return Err(Error::syntax(
                WHAT,
                "no space after the status code (the reason phrase may be empty, the space may not)",
            ));
        }
        Ok(StatusLineRef {
            line,
            code,
            _set: PhantomData,
        })
    }

    /// Reads the status line at the start of a message: the bytes up to and including the first CRLF.
    /// Returns the line and the number of bytes consumed (CRLF included). A bare LF, a missing CRLF or
    /// invalid UTF-8 are errors.
    pub fn parse_message_start(message: &'a [u8]) -> Result<(Self, usize), Error> {
        // Fast path: the line has the common shape and its first control byte is the CR of a CRLF (so
        // that LF is the message's first). Any failure takes the byte-by-byte path, which reports it.
        if let Some((code, cr)) = scan_message(message)
            && let Ok(line) = core::str::from_utf8(&message[..cr])
        {
            let line = StatusLineRef {
                line,
                code,
                _set: PhantomData,
            };
            return Ok((line, cr + 2));
        }
        Self::parse_message_start_slow(message)
    }

    /// [`StatusLineRef::parse_message_start`] byte by byte, on [`StatusLineRef::parse_slow`].
    #[cold]
    #[inline(never)]
    fn parse_message_start_slow(message: &'a [u8]) -> Result<(Self, usize), Error> {
        let Some(lf) = message.iter().position(|&c| c == b'\n') else {
            return Err(Error::syntax(WHAT, "no CRLF at the end of the status line"));
        };
        if lf == 0 || message[lf - 1] != b'\r' {
            return Err(Error::invalid_char(WHAT, b'\n', lf));
        }
        let line = &message[..lf - 1];
        let line = core::str::from_utf8(line).map_err(|e| {
            let at = e.valid_up_to();
            Error::invalid_char(WHAT, line.get(at).copied().unwrap_or(0), at)
        })?;
        Ok((StatusLineRef::parse_slow(line)?, lf + 1))
    }

    /// The status code (`403`), in 100–699.
    pub fn code(&self) -> u16 {
        self.code
    }

    /// The code as a member of `C`, or `None` if `C` does not know it.
    pub fn status(&self) -> Option<C> {
        C::from_u16(self.code)
    }

    /// The code as RFC 3261 §8.1.3.2 says to treat it: see [`crate::code::interpret`].
    pub fn interpret(&self) -> Result<C, InterpretError> {
        interpret(self.code)
    }

    /// The class of the code.
    pub fn class(&self) -> StatusClass {
        // The code was checked to be in 100–699.
        StatusClass::of(self.code).unwrap_or(StatusClass::GlobalFailure)
    }

    /// The reason phrase as received (`"Wrong Guess"`); may be empty.
    pub fn reason(&self) -> &'a str {
        self.line.get(PHRASE_START..).unwrap_or("")
    }

    /// The SIP version as received (`"SIP/2.0"`, or `"sip/2.0"`).
    pub fn version(&self) -> &'a str {
        self.line.get(..7).unwrap_or("")
    }

    /// The whole line as received.
    pub fn as_str(&self) -> &'a str {
        self.line
    }

    /// An owned copy (without allocating when the line is short: see [`StatusLine`]).
    pub fn to_owned_line(&self) -> StatusLine<C> {
        StatusLine {
            text: Text::copy(self.line, self.code),
            _set: PhantomData,
        }
    }
}

impl<C> fmt::Debug for StatusLineRef<'_, C> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("StatusLineRef").field(&self.line).finish()
    }
}

/// Writes the line back byte for byte.
impl<C> fmt::Display for StatusLineRef<'_, C> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.line)
    }
}

impl<C> PartialEq for StatusLineRef<'_, C> {
    fn eq(&self, other: &Self) -> bool {
        self.line == other.line
    }
}

impl<C> Eq for StatusLineRef<'_, C> {}

impl<'a, C: StatusCodeSet> TryFrom<&'a str> for StatusLineRef<'a, C> {
    type Error = Error;
    fn try_from(line: &'a str) -> Result<Self, Error> {
        StatusLineRef::parse(line)
    }
}

/// An owned status line, kept as sent: `SIP/2.0 403 Wrong Guess`. See [`StatusLineRef`] for the grammar,
/// the errors, and a borrowed variant.
///
/// A line of up to 56 bytes (every IANA reason phrase fits) is kept inside the value, so parsing one
/// with [`FromStr`], [`StatusLine::parse_message_start`] or [`StatusLineRef::to_owned_line`] does not
/// allocate; a longer line, or one handed over as a `String` ([`StatusLine::parse`]), is kept on the heap.
/// The price of the inline copy is a UTF-8 check on each [`StatusLine::as_str`] (and what goes through
/// it: see there).
///
/// ```
/// use sip_codes::{StatusClass, StatusCode, StatusLine};
/// let line: StatusLine = "SIP/2.0 499 Codec Mismatch".parse()?;
/// assert_eq!(line.code(), 499);
/// assert_eq!(line.reason(), "Codec Mismatch");
/// assert_eq!(line.class(), StatusClass::RequestFailure);
/// assert_eq!(line.status(), None);
/// assert_eq!(line.interpret(), Ok(StatusCode::BadRequest));
/// assert_eq!(line.to_string(), "SIP/2.0 499 Codec Mismatch");
/// assert!("SIP/3.0 200 OK".parse::<StatusLine>().is_err());
/// # Ok::<(), sip_codes::Error>(())
/// ```
pub struct StatusLine<C> {
    text: Text,
    _set: PhantomData<fn() -> C>,
}

/// How many bytes of a line [`Text::Inline`] holds: [`Text`], and so [`StatusLine`], is then 64 bytes.
const INLINE: usize = 56;

/// The text and the code of a [`StatusLine`]: inline when short, else on the heap.
#[derive(Clone)]
enum Text {
    /// The first `len` bytes of `bytes` are the line (copied from a `&str`, or ASCII, so UTF-8).
    Inline {
        len: u8,
        code: u16,
        bytes: InlineBytes,
    },
    Heap {
        code: u16,
        line: String,
    },
}

/// The bytes of an inline line, at an offset that is a multiple of 8: UTF-8 validation (see
/// [`StatusLine::as_str`]) is then about twice as fast as from an odd offset.
#[derive(Clone, Copy)]
#[repr(C, align(8))]
struct InlineBytes([u8; INLINE]);

impl Text {
    /// A copy of `line`, whose code is `code`.
    #[inline]
    fn copy(line: &str, code: u16) -> Text {
        if line.len() > INLINE {
            return Text::Heap {
                code,
                line: line.to_owned(),
            };
        }
        Text::inline(line.as_bytes(), code)
    }

    /// `src`, at most [`INLINE`] bytes of UTF-8, kept inline.
    #[inline]
    fn inline(src: &[u8], code: u16) -> Text {
        debug_assert!(src.len() <= INLINE && core::str::from_utf8(src).is_ok());
        let mut bytes = [0; INLINE];
        // Word by word in registers, stored once: the line as seven little-endian words, zero past its
        // end. (Copying into a stack buffer and then moving it stalls on store forwarding.)
        if let Some(last) = src.last_chunk::<8>() {
            let last = u64::from_le_bytes(*last);
            let word = |i: usize| match src.get(i * 8..i * 8 + 8) {
                Some(word) => u64::from_le_bytes(word.try_into().unwrap_or_default()),
                // The bytes of the last word past `i * 8`, shifted down to the start.
                None if i * 8 < src.len() => last >> (8 * (i * 8 + 8 - src.len())),
                None => 0,
            };
            for (i, chunk) in bytes.chunks_exact_mut(8).enumerate() {
                chunk.copy_from_slice(&word(i).to_le_bytes());
            }
        } else {
            bytes[..src.len()].copy_from_slice(src);
        }
        Text::Inline {
            len: src.len() as u8,
            code,
            bytes: InlineBytes(bytes),
        }
    }

    /// `a` then `b`, whose code is `code`.
    fn concat(a: &str, b: &str, code: u16) -> Text {
        let len = a.len() + b.len();
        if len > INLINE {
            let mut line = String::with_capacity(len);
            line.push_str(a);
            line.push_str(b);
            return Text::Heap { code, line };
        }
        let mut bytes = [0; INLINE];
        bytes[..a.len()].copy_from_slice(a.as_bytes());
        bytes[a.len()..len].copy_from_slice(b.as_bytes());
        Text::Inline {
            len: len as u8,
            code,
            bytes: InlineBytes(bytes),
        }
    }

    fn code(&self) -> u16 {
        match *self {
            Text::Inline { code, .. } | Text::Heap { code, .. } => code,
        }
    }

    fn as_bytes(&self) -> &[u8] {
        match self {
            Text::Inline { len, bytes, .. } => &bytes.0[..usize::from(*len)],
            Text::Heap { line, .. } => line.as_bytes(),
        }
    }

    fn as_str(&self) -> &str {
        match self {
            // Always `Ok`: the bytes are UTF-8 (see `Inline`); the runtime has no `unsafe` to skip the
            // check.
            Text::Inline { len, bytes, .. } => {
                core::str::from_utf8(&bytes.0[..usize::from(*len)]).unwrap_or_default()
            }
            Text::Heap { line, .. } => line,
        }
    }
}

impl<C: StatusCodeSet> StatusLine<C> {
    /// Parses a status line (without CRLF), keeping `line` without copying it.
    pub fn parse(line: String) -> Result<Self, Error> {
        let code = StatusLineRef::<C>::parse(&line)?.code;
        Ok(StatusLine {
            text: Text::Heap { code, line },
            _set: PhantomData,
        })
    }

    /// The line `SIP/2.0 <code> <default reason phrase>` of a known code.
    pub fn new(status: C) -> Self {
        let (code, phrase) = (status.code(), status.reason_phrase());
        let mut head = *b"SIP/2.0 000 ";
        head[8..11].copy_from_slice(&crate::response::three_digits(code));
        // ASCII, so always `Ok`.
        let head = core::str::from_utf8(&head).unwrap_or_default();
        StatusLine {
            text: Text::concat(head, phrase, code),
            _set: PhantomData,
        }
    }

    /// Reads the status line at the start of a message, as [`StatusLineRef::parse_message_start`].
    pub fn parse_message_start(message: &[u8]) -> Result<(Self, usize), Error> {
        // The common case without making a `&str` (which checks UTF-8 on the way): a short ASCII line,
        // which is UTF-8, copied inline.
        if let Some((code, cr)) = scan_message(message)
            && cr <= INLINE
            && is_ascii(&message[..cr])
        {
            let line = StatusLine {
                text: Text::inline(&message[..cr], code),
                _set: PhantomData,
            };
            return Ok((line, cr + 2));
        }
        let (line, used) = StatusLineRef::<C>::parse_message_start(message)?;
        Ok((line.to_owned_line(), used))
    }

    /// The borrowed view of this line (for an inline line, after the UTF-8 check of
    /// [`StatusLine::as_str`]).
    pub fn borrowed(&self) -> StatusLineRef<'_, C> {
        StatusLineRef {
            line: self.text.as_str(),
            code: self.code(),
            _set: PhantomData,
        }
    }

    /// The status code (`403`), in 100–699.
    pub fn code(&self) -> u16 {
        self.text.code()
    }

    /// The code as a member of `C`, or `None` if `C` does not know it.
    pub fn status(&self) -> Option<C> {
        C::from_u16(self.code())
    }

    /// The code as RFC 3261 §8.1.3.2 says to treat it: see [`crate::code::interpret`].
    pub fn interpret(&self) -> Result<C, InterpretError> {
        interpret(self.code())
    }

    /// The class of the code.
    pub fn class(&self) -> StatusClass {
        // The code was checked to be in 100–699.
        StatusClass::of(self.code()).unwrap_or(StatusClass::GlobalFailure)
    }

    /// The reason phrase as received (`"Wrong Guess"`); may be empty. For an inline line, after the
    /// UTF-8 check of [`StatusLine::as_str`].
    pub fn reason(&self) -> &str {
        self.as_str().get(PHRASE_START..).unwrap_or("")
    }

    /// The SIP version as received (`"SIP/2.0"`, or `"sip/2.0"`).
    pub fn version(&self) -> &str {
        // One of eight static strings, by the case of the three letters (the line was checked to start
        // with `SIP/2.0` in some case): no UTF-8 check of an inline line.
        const VERSIONS: [&str; 8] = [
            "SIP/2.0", "sIP/2.0", "SiP/2.0", "siP/2.0", "SIp/2.0", "sIp/2.0", "Sip/2.0", "sip/2.0",
        ];
        match self.text.as_bytes() {
            [s, i, p, ..] => {
                let lower = |b: u8, bit: u8| usize::from((b & 0x20) >> 5 << bit);
                VERSIONS[lower(*s, 0) | lower(*i, 1) | lower(*p, 2)]
            }
            _ => "",
        }
    }

    /// The whole line as received.
    ///
    /// A line kept inside the value (see [`StatusLine`]) is checked to be UTF-8 again on each call: about
    /// 10 ns for a typical line, as the runtime has no `unsafe` to skip a check it knows will pass. The
    /// code, the status, the class and the version are read without it; [`StatusLineRef`] (borrowed) and
    /// a line handed over as a `String` ([`StatusLine::parse`]) never pay it.
    pub fn as_str(&self) -> &str {
        self.text.as_str()
    }
}

impl<C> Clone for StatusLine<C> {
    fn clone(&self) -> Self {
        StatusLine {
            text: self.text.clone(),
            _set: PhantomData,
        }
    }
}

impl<C> fmt::Debug for StatusLine<C> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("StatusLine")
            .field(&self.text.as_str())
            .finish()
    }
}

/// Writes the line back byte for byte.
impl<C> fmt::Display for StatusLine<C> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.text.as_str())
    }
}

impl<C> PartialEq for StatusLine<C> {
    fn eq(&self, other: &Self) -> bool {
        self.text.as_bytes() == other.text.as_bytes()
    }
}

impl<C> Eq for StatusLine<C> {}

impl<C: StatusCodeSet> FromStr for StatusLine<C> {
    type Err = Error;
    fn from_str(line: &str) -> Result<Self, Error> {
        Ok(StatusLineRef::<C>::parse(line)?.to_owned_line())
    }
}

impl<C: StatusCodeSet> TryFrom<&str> for StatusLine<C> {
    type Error = Error;
    fn try_from(line: &str) -> Result<Self, Error> {
        line.parse()
    }
}

impl<C: StatusCodeSet> TryFrom<String> for StatusLine<C> {
    type Error = Error;
    fn try_from(line: String) -> Result<Self, Error> {
        StatusLine::parse(line)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::code::tests::TestCode;

    type Line = StatusLine<TestCode>;

    #[test]
    fn valid() {
        for (s, code, reason, status) in [
            ("SIP/2.0 403 Wrong Guess", 403, "Wrong Guess", None),
            (
                "SIP/2.0 405 Method Not Allowed",
                405,
                "Method Not Allowed",
                Some(TestCode::MethodNotAllowed),
            ),
            ("sip/2.0 200 OK", 200, "OK", Some(TestCode::Ok)),
            ("Sip/2.0 100 Trying", 100, "Trying", Some(TestCode::Trying)),
            ("SIP/2.0 480 ", 480, "", None),
            ("SIP/2.0 499 Codec Mismatch", 499, "Codec Mismatch", None),
            (
                "SIP/2.0 600 Busy\tEverywhere ",
                600,
                "Busy\tEverywhere ",
                Some(TestCode::BusyEverywhere),
            ),
            ("SIP/2.0 486 Occupé", 486, "Occupé", None),
            ("SIP/2.0 200  OK", 200, " OK", Some(TestCode::Ok)),
        ] {
            let line: Line = s.parse().unwrap_or_else(|e| panic!("{s:?}: {e}"));
            assert_eq!(line.code(), code, "{s:?}");
            assert_eq!(line.reason(), reason, "{s:?}");
            assert_eq!(line.status(), status, "{s:?}");
            assert_eq!(line.to_string(), s, "byte for byte");
            assert_eq!(line.as_str(), s);
            assert_eq!(line.version().to_ascii_uppercase(), "SIP/2.0");
            let borrowed = StatusLineRef::<TestCode>::parse(s).unwrap();
            assert_eq!(borrowed.to_string(), s);
            assert_eq!(borrowed.reason(), reason);
            assert_eq!(Line::try_from(s.to_owned()).unwrap(), line);
        }
        let line: Line = "SIP/2.0 499 Codec Mismatch".parse().unwrap();
        assert_eq!(line.class(), StatusClass::RequestFailure);
        assert_eq!(line.interpret(), Ok(TestCode::BadRequest));
        assert_eq!(
            Line::new(TestCode::MethodNotAllowed).as_str(),
            "SIP/2.0 405 Method Not Allowed"
        );
    }

    #[test]
    fn invalid() {
        for s in [
            "",
            "SIP/3.0 200 OK",
            "SIP/2.1 200 OK",
            "SIP/20 200 OK",
            "SIP/2.0",
            "SIP/2.0 ",
            "SIP/2.0 200",
            "SIP/2.0200 OK",
            "SIP/2.0  200 OK",
            "HTTP/1.1 200 OK",
            "SIPS/2.0 200 OK",
            " SIP/2.0 200 OK",
            "SIP/2.0 2OO OK",
            "SIP/2.0 20 OK",
            "SIP/2.0 2000 OK",
            "SIP/2.0 700 Too High",
            "SIP/2.0 099 Too Low",
            "SIP/2.0 200OK",
            "SIP/2.0 200 OK\r\n",
            "SIP/2.0 200 O\rK",
            "SIP/2.0 200 O\nK",
            "SIP/2.0 200 O\0K",
            "SIP/2.0 200 OK\r\nVia: x",
            "SIP/2.0\t200 OK",
        ] {
            assert!(s.parse::<Line>().is_err(), "{s:?}");
            assert!(StatusLineRef::<TestCode>::parse(s).is_err(), "{s:?}");
        }
        let err = "SIP/2.0 200 O\nK".parse::<Line>().unwrap_err();
        assert_eq!(
            *err.kind(),
            ErrorKind::InvalidChar {
                byte: b'\n',
                at: 13
            }
        );
        let err = "SIP/2.0 2x0 OK".parse::<Line>().unwrap_err();
        assert_eq!(*err.kind(), ErrorKind::InvalidChar { byte: b'x', at: 9 });
        let err = "SIP/2.0 700 OK".parse::<Line>().unwrap_err();
        assert_eq!(*err.kind(), ErrorKind::OutOfRange);
        assert!(
            "SIP/3.0 200 OK"
                .parse::<Line>()
                .unwrap_err()
                .to_string()
                .contains("version")
        );
        let err = "SIP/2.0 ".parse::<Line>().unwrap_err();
        assert!(err.to_string().contains("no status code"), "{err}");
    }

    /// Lines around the shape the fast scan accepts, each changed in one place.
    fn variants() -> Vec<Vec<u8>> {
        let mut heads: Vec<Vec<u8>> = Vec::new();
        for version in [
            "SIP/2.0",
            "sip/2.0",
            "sIp/2.0",
            "SIP/2.1",
            "SIP/20",
            "SIPS/2.0",
            "HTTP/1.1",
            "SIP/2.0 ",
            "SIP\\2.0",
            "SIP/2,0",
            "S\u{c9}P/2.0",
            "SI",
            "",
            "\u{d3}IP/2.0",
        ] {
            for code in [
                "100", "199", "200", "405", "486", "499", "600", "699", "099", "700", "000", "999",
                "2O0", "20", "2000", "4\r5", "", " 200",
            ] {
                for sep in [" ", "", "\t", "  ", "\r"] {
                    heads.push(format!("{version} {code}{sep}").into_bytes());
                }
            }
        }
        heads.push(b"SIP/2.0".to_vec());
        heads.push(b"SIP/2.0\t200 OK".to_vec());
        let mut phrases: Vec<Vec<u8>> = [
            "",
            "OK",
            "Busy Here",
            "Wrong Guess",
            "Codec Mismatch",
            "Busy\tEverywhere ",
            "Occup\u{e9} \u{2713}",
            " OK",
            "Push Notification Service Not Supported",
            "Push Notification Service Not Supported, and then some more",
        ]
        .iter()
        .map(|p| p.as_bytes().to_vec())
        .collect();
        for len in [1, 7, 8, 9, 15, 16, 17] {
            for at in 0..len {
                for bad in [0, b'\r', b'\n', 0x1f, 0x7f, b'\t', 0xc3, 0xff] {
                    let mut p = vec![b'a'; len];
                    p[at] = bad;
                    phrases.push(p);
                }
            }
        }
        // Every head with a few phrases, a few heads with every phrase.
        let mut lines = Vec::new();
        for head in &heads {
            for phrase in [&b""[..], b"Busy Here", b"a\rb", "\u{e9}".as_bytes()] {
                lines.push([head.as_slice(), phrase].concat());
            }
        }
        for head in [
            "SIP/2.0 486 ",
            "sip/2.0 499 ",
            "SIP/2.0 700 ",
            "SIP/2.0 486",
            "SIP/2.0 486\t",
        ] {
            for phrase in &phrases {
                lines.push([head.as_bytes(), phrase].concat());
            }
        }
        lines
    }

    #[test]
    fn fast_line_path_agrees() {
        let mut fast = 0;
        for line in variants() {
            let Ok(line) = core::str::from_utf8(&line) else {
                continue;
            };
            let got = StatusLineRef::<TestCode>::parse(line);
            let want = StatusLineRef::<TestCode>::parse_slow(line);
            assert_eq!(
                got.map(|l| (l.as_str(), l.code())),
                want.map(|l| (l.as_str(), l.code())),
                "{line:?}"
            );
            fast += usize::from(scan_line(line.as_bytes()).is_some_and(|(_, e)| e == line.len()));
            let owned = line.parse::<Line>();
            let view = |l: &Line| (l.to_string(), l.code(), l.reason().to_owned());
            assert_eq!(
                owned.as_ref().map(view).map_err(Clone::clone),
                StatusLineRef::<TestCode>::parse_slow(line).map(|l| (
                    l.as_str().to_owned(),
                    l.code(),
                    l.reason().to_owned()
                )),
                "{line:?}"
            );
            if let Ok(owned) = owned {
                assert_eq!(owned.as_str(), line);
                assert_eq!(Line::parse(line.to_owned()).unwrap(), owned);
            }
        }
        assert!(fast > 200, "the fast path ran {fast} times");
    }

    #[test]
    fn fast_message_path_agrees() {
        let mut fast = 0;
        for line in variants() {
            for tail in [
                &b"\r\n"[..],
                b"\r\n\r\n",
                b"\r\nVia: x\r\n\r\n",
                b"\n",
                b"\r",
                b"",
                b"\r\r\n",
                b"\n\r\n",
                b"\0\r\n",
            ] {
                let message = [line.as_slice(), tail].concat();
                let got = StatusLineRef::<TestCode>::parse_message_start(&message);
                let want = StatusLineRef::<TestCode>::parse_message_start_slow(&message);
                assert_eq!(
                    got.map(|(l, used)| (l.as_str(), l.code(), used)),
                    want.map(|(l, used)| (l.as_str(), l.code(), used)),
                    "{message:?}"
                );
                fast += usize::from(scan_line(&message).is_some());
                let owned = Line::parse_message_start(&message);
                let borrowed = StatusLineRef::<TestCode>::parse_message_start_slow(&message);
                assert_eq!(
                    owned.map(|(l, used)| (l.to_string(), l.code(), used)),
                    borrowed.map(|(l, used)| (l.to_string(), l.code(), used)),
                    "{message:?}"
                );
            }
        }
        assert!(fast > 200, "the fast path ran {fast} times");
    }

    #[test]
    fn ascii_check() {
        for len in 0..40 {
            for at in 0..len {
                for byte in [0x00, 0x7f, 0x80, 0xc3, 0xff] {
                    let mut b = vec![b'a'; len];
                    b[at] = byte;
                    assert_eq!(is_ascii(&b), b.is_ascii(), "{b:?}");
                }
            }
            assert!(is_ascii(&vec![b'a'; len]));
        }
    }

    #[test]
    fn inline_and_heap_text() {
        let long = format!("SIP/2.0 499 {}", "x".repeat(INLINE));
        for line in [
            "SIP/2.0 480 ",
            "SIP/2.0 486 Busy Here",
            "SIP/2.0 555 Push Notification Service Not Supported", // 51 bytes
            &long[..INLINE],
            &long[..INLINE + 1],
            &long,
            "SIP/2.0 486 Occup\u{e9} \u{2713}",
        ] {
            let parsed: Line = line.parse().unwrap();
            let heap = Line::parse(line.to_owned()).unwrap();
            assert!(matches!(heap.text, Text::Heap { .. }));
            assert_eq!(
                matches!(parsed.text, Text::Inline { .. }),
                line.len() <= INLINE,
                "{line:?}"
            );
            for l in [&parsed, &heap, &parsed.clone(), &heap.clone()] {
                assert_eq!(
                    l.status(),
                    StatusLineRef::<TestCode>::parse(line).unwrap().status()
                );
                assert_eq!(
                    l.class(),
                    StatusLineRef::<TestCode>::parse(line).unwrap().class()
                );
                assert_eq!(l.as_str(), line);
                assert_eq!(l.to_string(), line);
                assert_eq!(format!("{l:?}"), format!("StatusLine({line:?})"));
                assert_eq!(l.reason(), &line[PHRASE_START..]);
                assert_eq!(l.version(), "SIP/2.0");
                assert_eq!(*l, parsed);
            }
        }
        for status in [
            TestCode::Trying,
            TestCode::Ok,
            TestCode::MethodNotAllowed,
            TestCode::BusyEverywhere,
        ] {
            let line = Line::new(status);
            let text = format!("SIP/2.0 {} {}", status.code(), status.reason_phrase());
            assert_eq!(line.as_str(), text);
            assert_eq!(line, text.parse().unwrap());
            assert_eq!(line.status(), Some(status));
        }
        assert_eq!(size_of::<Line>(), 64);
        // Every case of `SIP`, the code's own phrase and another one, inline and on the heap.
        for case in 0..8 {
            let version: String = "SIP/2.0"
                .chars()
                .enumerate()
                .map(|(at, c)| {
                    if at < 3 && case & (1 << at) != 0 {
                        c.to_ascii_lowercase()
                    } else {
                        c
                    }
                })
                .collect();
            for phrase in [
                "Method Not Allowed",
                "Method not allowed",
                "",
                "M\u{e9}thode",
            ] {
                let text = format!("{version} 405 {phrase}");
                let inline: Line = text.parse().unwrap();
                let heap = Line::parse(text.clone()).unwrap();
                for l in [&inline, &heap] {
                    assert_eq!(l.version(), &text[..7]);
                    assert_eq!(l.reason(), phrase);
                    assert_eq!(l.borrowed().reason(), phrase);
                    assert_eq!(l.borrowed().version(), &text[..7]);
                }
            }
        }
    }

    #[test]
    fn message_start() {
        let msg = b"SIP/2.0 180 Ringing\r\nVia: x\r\n\r\n";
        let (line, used) = Line::parse_message_start(msg).unwrap();
        assert_eq!((line.code(), line.reason(), used), (180, "Ringing", 21));
        assert_eq!(&msg[used..used + 4], b"Via:");
        let (line, used) =
            StatusLineRef::<TestCode>::parse_message_start(b"SIP/2.0 480 \r\n").unwrap();
        assert_eq!((line.reason(), used), ("", 14));
        for bad in [
            &b""[..],
            b"SIP/2.0 200 OK",
            b"SIP/2.0 200 OK\n",
            b"\n",
            b"\r\n",
            b"SIP/2.0 200 \xffOK\r\n",
            b"SIP/2.0 200 O\rK\r\n",
            b"SIP/3.0 200 OK\r\n",
        ] {
            assert!(Line::parse_message_start(bad).is_err(), "{bad:?}");
        }
    }
}
