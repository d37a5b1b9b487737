//! [`StatusLine`]: an owned status line, kept inline when short.

use core::fmt;
use core::marker::PhantomData;
use core::str::FromStr;

use super::inline::{INLINE, Text};
use super::scan::{is_ascii, scan_message};
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
