//! [`StatusLine`]: an owned status line, kept inline when short.

use core::fmt;
use core::marker::PhantomData;
use core::str::FromStr;

use super::inline::Text;
use super::{PHRASE_START, StatusLineRef};
use crate::StatusClass;
use crate::code::{InterpretError, StatusCodeSet, interpret};
use crate::error::Error;

/// An owned status line, kept as sent: `SIP/2.0 403 Wrong Guess`. See [`StatusLineRef`] for the grammar,
/// the errors, and a borrowed variant.
///
/// A line of up to 56 bytes (every IANA reason phrase fits) is kept inside the value, so parsing one
/// with [`FromStr`], [`StatusLine::parse_message_start`] or [`StatusLineRef::to_owned_line`] does not
/// allocate; a longer line, or one handed over as a `String` ([`StatusLine::parse`]), is kept on the heap.
/// Either way the text is checked once, when the line is parsed: reading it back ([`StatusLine::reason`],
/// [`StatusLine::as_str`]) checks nothing again.
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
    pub(super) text: Text,
    pub(super) _set: PhantomData<fn() -> C>,
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
        head[8..11].copy_from_slice(&crate::code::three_digits(code));
        // ASCII, so always `Ok`.
        let head = core::str::from_utf8(&head).unwrap_or_default();
        StatusLine {
            text: Text::concat(head, phrase, code),
            _set: PhantomData,
        }
    }

    /// Reads the status line at the start of a message, as [`StatusLineRef::parse_message_start`].
    #[inline]
    pub fn parse_message_start(message: &[u8]) -> Result<(Self, usize), Error> {
        Self::parse_message_start_as(message, |line| line)
    }

    #[doc(hidden)]
    /// [`StatusLine::parse_message_start`], with the line handed to `wrap` (see
    /// [`StatusLineRef::parse_as`]).
    #[inline]
    pub fn parse_message_start_as<W>(
        message: &[u8],
        wrap: impl FnOnce(Self) -> W,
    ) -> Result<(W, usize), Error> {
        StatusLineRef::<C>::parse_message_start_as(message, |line| wrap(line.to_owned_line()))
    }

    #[doc(hidden)]
    /// [`FromStr`] of this type, with the line handed to `wrap` (see [`StatusLineRef::parse_as`]).
    #[inline]
    pub fn parse_str_as<W>(line: &str, wrap: impl FnOnce(Self) -> W) -> Result<W, Error> {
        StatusLineRef::<C>::parse_as(line, |line| wrap(line.to_owned_line()))
    }

    /// The borrowed view of this line.
    #[inline]
    pub fn borrowed(&self) -> StatusLineRef<'_, C> {
        StatusLineRef {
            line: self.text.as_str(),
            code: self.code(),
            _set: PhantomData,
        }
    }

    /// The status code (`403`), in 100–699.
    #[inline]
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

    /// The reason phrase as received (`"Wrong Guess"`); may be empty.
    #[inline]
    pub fn reason(&self) -> &str {
        self.as_str().get(PHRASE_START..).unwrap_or("")
    }

    /// The SIP version as received (`"SIP/2.0"`, or `"sip/2.0"`).
    #[inline]
    pub fn version(&self) -> &str {
        self.as_str().get(..7).unwrap_or("")
    }

    /// The whole line as received.
    #[inline]
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
        self.text.as_str() == other.text.as_str()
    }
}

impl<C> Eq for StatusLine<C> {}

impl<C: StatusCodeSet> FromStr for StatusLine<C> {
    type Err = Error;

    #[inline]
    fn from_str(line: &str) -> Result<Self, Error> {
        Self::parse_str_as(line, |line| line)
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
