//! [`StatusLineRef`]: a status line borrowed from its input.

use core::fmt;
use core::marker::PhantomData;

use super::inline::Text;
use super::scan::{scan_line, scan_message};
use super::{PHRASE_START, StatusLine, WHAT};
use crate::StatusClass;
use crate::code::{InterpretError, ParseCodeErrorKind, StatusCodeSet, interpret, parse_code};
use crate::error::{Error, ErrorKind};

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
    pub(super) line: &'a str,
    pub(super) code: u16,
    pub(super) _set: PhantomData<fn() -> C>,
}

impl<C> Clone for StatusLineRef<'_, C> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<C> Copy for StatusLineRef<'_, C> {}

impl<'a, C: StatusCodeSet> StatusLineRef<'a, C> {
    /// Parses a status line (without CRLF).
    #[inline]
    pub fn parse(line: &'a str) -> Result<Self, Error> {
        Self::parse_as(line, |line| line)
    }

    #[doc(hidden)]
    /// [`StatusLineRef::parse`], with the line handed to `wrap`: what a generated status-line type calls,
    /// so that its `Result` is made in place rather than moved out of this type's (a move of a `Result`
    /// costs more than the parse of a short line).
    #[inline]
    pub fn parse_as<W>(line: &'a str, wrap: impl FnOnce(Self) -> W) -> Result<W, Error> {
        if let Some((code, end)) = scan_line(line.as_bytes())
            && end == line.len()
        {
            return Ok(wrap(StatusLineRef {
                line,
                code,
                _set: PhantomData,
            }));
        }
        Self::parse_slow(line).map(wrap)
    }

    /// [`StatusLineRef::parse`] byte by byte: whatever the fast scan did not accept, which is every
    /// invalid line; says precisely what is wrong.
    #[cold]
    #[inline(never)]
    pub(super) fn parse_slow(line: &'a str) -> Result<Self, Error> {
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
    #[inline]
    pub fn parse_message_start(message: &'a [u8]) -> Result<(Self, usize), Error> {
        Self::parse_message_start_as(message, |line| line)
    }

    #[doc(hidden)]
    /// [`StatusLineRef::parse_message_start`], with the line handed to `wrap` (see
    /// [`StatusLineRef::parse_as`]).
    #[inline]
    pub fn parse_message_start_as<W>(
        message: &'a [u8],
        wrap: impl FnOnce(Self) -> W,
    ) -> Result<(W, usize), Error> {
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
            return Ok((wrap(line), cr + 2));
        }
        Self::parse_message_start_slow(message).map(|(line, used)| (wrap(line), used))
    }

    /// [`StatusLineRef::parse_message_start`] byte by byte, on [`StatusLineRef::parse_slow`].
    #[cold]
    #[inline(never)]
    pub(super) fn parse_message_start_slow(message: &'a [u8]) -> Result<(Self, usize), Error> {
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
    #[inline]
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
