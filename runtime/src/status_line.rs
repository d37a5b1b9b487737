//! [`StatusLine`] and [`StatusLineRef`]: the first line of a SIP response (RFC 3261 §7.2, §25).

use core::fmt;
use core::marker::PhantomData;
use core::str::FromStr;

use crate::class::StatusClass;
use crate::code::{InterpretError, ParseCodeErrorKind, StatusCodeSet, interpret, parse_code};
use crate::error::{Error, ErrorKind};

const WHAT: &str = "status line";
/// `SIP/2.0 ` and the three digits and the space: where the reason phrase starts.
const PHRASE_START: usize = 12;

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
        // Fast path: the first control character (found a word at a time) is the CR of a CRLF, so the
        // line is everything before it. Any failure takes the byte-by-byte path below, which reports it.
        let fast = crate::code::invalid_phrase_byte(message)
            .filter(|&cr| message[cr] == b'\r' && message.get(cr + 1) == Some(&b'\n'))
            .and_then(|cr| {
                let line = core::str::from_utf8(&message[..cr]).ok()?;
                Some((StatusLineRef::parse(line).ok()?, cr + 2))
            });
        if let Some(found) = fast {
            return Ok(found);
        }
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
        Ok((StatusLineRef::parse(line)?, lf + 1))
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

    /// An owned copy.
    pub fn to_owned_line(&self) -> StatusLine<C> {
        StatusLine {
            line: self.line.to_owned(),
            code: self.code,
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
/// the errors, and a borrowed variant that does not allocate.
///
/// ```
/// use sip_codes_runtime::{StatusLine, StatusClass, StatusCodeSet};
/// # #[derive(Clone, Copy, PartialEq, Eq, Debug)] struct Codes(u16);
/// # impl StatusCodeSet for Codes {
/// #     fn from_u16(code: u16) -> Option<Self> { (code == 400 || code == 403).then_some(Codes(code)) }
/// #     fn code(self) -> u16 { self.0 }
/// #     fn reason_phrase(self) -> &'static str { "" }
/// # }
/// let line: StatusLine<Codes> = "SIP/2.0 499 Codec Mismatch".parse()?;
/// assert_eq!(line.code(), 499);
/// assert_eq!(line.reason(), "Codec Mismatch");
/// assert_eq!(line.class(), StatusClass::RequestFailure);
/// assert_eq!(line.status(), None);
/// assert_eq!(line.interpret(), Ok(Codes(400)));
/// assert_eq!(line.to_string(), "SIP/2.0 499 Codec Mismatch");
/// assert!("SIP/3.0 200 OK".parse::<StatusLine<Codes>>().is_err());
/// # Ok::<(), sip_codes_runtime::Error>(())
/// ```
pub struct StatusLine<C> {
    line: String,
    code: u16,
    _set: PhantomData<fn() -> C>,
}

impl<C: StatusCodeSet> StatusLine<C> {
    /// Parses a status line (without CRLF), keeping `line` without copying it.
    pub fn parse(line: String) -> Result<Self, Error> {
        let code = StatusLineRef::<C>::parse(&line)?.code;
        Ok(StatusLine {
            line,
            code,
            _set: PhantomData,
        })
    }

    /// The line `SIP/2.0 <code> <default reason phrase>` of a known code.
    pub fn new(status: C) -> Self {
        let (code, phrase) = (status.code(), status.reason_phrase());
        let mut line = String::with_capacity(PHRASE_START + phrase.len());
        line.push_str("SIP/2.0 ");
        line.extend(crate::response::three_digits(code).map(char::from));
        line.push(' ');
        line.push_str(phrase);
        StatusLine {
            line,
            code,
            _set: PhantomData,
        }
    }

    /// Reads the status line at the start of a message, as [`StatusLineRef::parse_message_start`].
    pub fn parse_message_start(message: &[u8]) -> Result<(Self, usize), Error> {
        let (line, used) = StatusLineRef::<C>::parse_message_start(message)?;
        Ok((line.to_owned_line(), used))
    }

    /// The borrowed view of this line.
    pub fn borrowed(&self) -> StatusLineRef<'_, C> {
        StatusLineRef {
            line: &self.line,
            code: self.code,
            _set: PhantomData,
        }
    }

    /// The status code (`403`), in 100–699.
    pub fn code(&self) -> u16 {
        self.code
    }

    /// The code as a member of `C`, or `None` if `C` does not know it.
    pub fn status(&self) -> Option<C> {
        self.borrowed().status()
    }

    /// The code as RFC 3261 §8.1.3.2 says to treat it: see [`crate::code::interpret`].
    pub fn interpret(&self) -> Result<C, InterpretError> {
        self.borrowed().interpret()
    }

    /// The class of the code.
    pub fn class(&self) -> StatusClass {
        self.borrowed().class()
    }

    /// The reason phrase as received (`"Wrong Guess"`); may be empty.
    pub fn reason(&self) -> &str {
        self.borrowed().reason()
    }

    /// The SIP version as received (`"SIP/2.0"`).
    pub fn version(&self) -> &str {
        self.borrowed().version()
    }

    /// The whole line as received.
    pub fn as_str(&self) -> &str {
        &self.line
    }
}

impl<C> Clone for StatusLine<C> {
    fn clone(&self) -> Self {
        StatusLine {
            line: self.line.clone(),
            code: self.code,
            _set: PhantomData,
        }
    }
}

impl<C> fmt::Debug for StatusLine<C> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("StatusLine").field(&self.line).finish()
    }
}

/// Writes the line back byte for byte.
impl<C> fmt::Display for StatusLine<C> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.line)
    }
}

impl<C> PartialEq for StatusLine<C> {
    fn eq(&self, other: &Self) -> bool {
        self.line == other.line
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
