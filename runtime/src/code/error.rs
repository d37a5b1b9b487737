//! [`ParseCodeError`]: why a status code was rejected, packed into eight bytes.

use core::fmt;

/// Why [`parse_code`](super::parse_code) rejected its input. Opaque so that it can grow; see [`ParseCodeError::kind`].
///
/// Eight bytes, so that `Result<StatusCode, ParseCodeError>` (what the generated `FromStr` returns)
/// comes back in one register rather than through memory.
#[derive(Clone, Copy, PartialEq, Eq)]
pub struct ParseCodeError {
    repr: Repr,
}

/// [`ParseCodeErrorKind`] packed into eight bytes: a digit's offset is below 3 and fits a byte; a phrase
/// byte's offset is kept in 48 bits (`at_hi:at_lo`), which no input can exceed in practice (a longer
/// one saturates at 2^48 - 1).
///
/// The tag is the first byte and is never 0, so `Ok` of a `Result<StatusCode, ParseCodeError>` is tag 0
/// with the code in bytes 2-3: a shift of the code, nothing more.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[repr(u8)]
enum Repr {
    Empty = 1,
    LeadingWhitespace,
    InvalidDigit { byte: u8, at: u8 },
    TooFewDigits,
    TooManyDigits,
    OutOfRange { code: u16 },
    MissingSpace { byte: u8 },
    InvalidPhraseChar { byte: u8, at_hi: u16, at_lo: u32 },
    Unknown { code: u16 },
}

/// The largest offset [`Repr::InvalidPhraseChar`] holds.
const MAX_PACKED_AT: u64 = (1 << 48) - 1;

const _: () = assert!(size_of::<ParseCodeError>() == 8);

/// The kind of a [`ParseCodeError`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum ParseCodeErrorKind {
    /// The input is empty.
    Empty,
    /// The input starts with a space or tab.
    LeadingWhitespace,
    /// A byte of the code is not an ASCII digit (`4O5`, `+405`).
    InvalidDigit {
        /// The offending byte.
        byte: u8,
        /// Its offset in the input.
        at: usize,
    },
    /// Fewer than three digits (`40`).
    TooFewDigits,
    /// More than three digits (`4050`, `0405`).
    TooManyDigits,
    /// Three digits outside 100–699 (`099`, `700`).
    OutOfRange {
        /// The code read.
        code: u16,
    },
    /// The code is followed by something other than a space (`405Method`).
    MissingSpace {
        /// The byte found after the code.
        byte: u8,
    },
    /// The reason phrase holds a control character (CR, LF, NUL, …; horizontal tab is allowed).
    InvalidPhraseChar {
        /// The offending byte.
        byte: u8,
        /// Its offset in the input.
        at: usize,
    },
    /// A well-formed code that the set of known codes does not have (`431`); see
    /// [`interpret`](super::interpret) for how RFC 3261 §8.1.3.2 treats such a code.
    Unknown {
        /// The code read.
        code: u16,
    },
}

impl ParseCodeError {
    pub(crate) const fn new(kind: ParseCodeErrorKind) -> Self {
        use ParseCodeErrorKind as K;
        let repr = match kind {
            K::Empty => Repr::Empty,
            K::LeadingWhitespace => Repr::LeadingWhitespace,
            K::InvalidDigit { byte, at } => {
                // A digit is one of the first three bytes.
                debug_assert!(at < 3);
                Repr::InvalidDigit { byte, at: at as u8 }
            }
            K::TooFewDigits => Repr::TooFewDigits,
            K::TooManyDigits => Repr::TooManyDigits,
            K::OutOfRange { code } => Repr::OutOfRange { code },
            K::MissingSpace { byte } => Repr::MissingSpace { byte },
            K::InvalidPhraseChar { byte, at } => {
                let at = if at as u64 > MAX_PACKED_AT {
                    MAX_PACKED_AT
                } else {
                    at as u64
                };
                Repr::InvalidPhraseChar {
                    byte,
                    at_hi: (at >> 32) as u16,
                    at_lo: at as u32,
                }
            }
            K::Unknown { code } => Repr::Unknown { code },
        };
        ParseCodeError { repr }
    }

    /// Why the input was rejected.
    pub const fn kind(&self) -> ParseCodeErrorKind {
        use ParseCodeErrorKind as K;
        match self.repr {
            Repr::Empty => K::Empty,
            Repr::LeadingWhitespace => K::LeadingWhitespace,
            Repr::InvalidDigit { byte, at } => K::InvalidDigit {
                byte,
                at: at as usize,
            },
            Repr::TooFewDigits => K::TooFewDigits,
            Repr::TooManyDigits => K::TooManyDigits,
            Repr::OutOfRange { code } => K::OutOfRange { code },
            Repr::MissingSpace { byte } => K::MissingSpace { byte },
            // Lossless: the offset was a `usize` when packed (so it fits one again), at most 48 bits.
            Repr::InvalidPhraseChar { byte, at_hi, at_lo } => K::InvalidPhraseChar {
                byte,
                at: ((at_hi as u64) << 32 | at_lo as u64) as usize,
            },
            Repr::Unknown { code } => K::Unknown { code },
        }
    }

    /// A short description of the reason, without offsets (for errors that must be `&'static str`).
    pub const fn reason(&self) -> &'static str {
        match self.kind() {
            ParseCodeErrorKind::Empty => "empty",
            ParseCodeErrorKind::LeadingWhitespace => "leading whitespace before the status code",
            ParseCodeErrorKind::InvalidDigit { .. } => "the status code is not three ASCII digits",
            ParseCodeErrorKind::TooFewDigits => "the status code has fewer than three digits",
            ParseCodeErrorKind::TooManyDigits => "the status code has more than three digits",
            ParseCodeErrorKind::OutOfRange { .. } => "the status code is outside 100-699",
            ParseCodeErrorKind::MissingSpace { .. } => "the status code is not followed by a space",
            ParseCodeErrorKind::InvalidPhraseChar { .. } => {
                "the reason phrase holds a control character"
            }
            ParseCodeErrorKind::Unknown { .. } => "the status code is not a known code",
        }
    }
}

fn byte_name(byte: u8) -> &'static str {
    match byte {
        b'\r' => " (CR)",
        b'\n' => " (LF)",
        0 => " (NUL)",
        _ => "",
    }
}

impl fmt::Display for ParseCodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("invalid SIP status code: ")?;
        match self.kind() {
            ParseCodeErrorKind::InvalidDigit { byte, at } => {
                write!(
                    f,
                    "byte 0x{byte:02x}{} at offset {at} is not an ASCII digit",
                    byte_name(byte)
                )
            }
            ParseCodeErrorKind::OutOfRange { code } => write!(f, "{code:03} is outside 100-699"),
            ParseCodeErrorKind::Unknown { code } => write!(f, "{code} is not a known code"),
            ParseCodeErrorKind::MissingSpace { byte } => write!(
                f,
                "the status code is followed by byte 0x{byte:02x}{}, not a space",
                byte_name(byte)
            ),
            ParseCodeErrorKind::InvalidPhraseChar { byte, at } => write!(
                f,
                "byte 0x{byte:02x}{} at offset {at} of the reason phrase is a control character",
                byte_name(byte)
            ),
            _ => f.write_str(self.reason()),
        }
    }
}

/// `ParseCodeError { kind: … }`, as if it held its [`ParseCodeErrorKind`].
impl fmt::Debug for ParseCodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ParseCodeError")
            .field("kind", &self.kind())
            .finish()
    }
}

impl std::error::Error for ParseCodeError {}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::code::parse_code;
    use crate::code::test_set::TestCode;
    use ParseCodeErrorKind as K;

    #[test]
    fn error_is_small_and_round_trips() {
        /// Like the generated `StatusCode`: `repr(u16)`, discriminants are the codes.
        #[allow(dead_code)]
        #[derive(Clone, Copy)]
        #[repr(u16)]
        enum Wide {
            Trying = 100,
            BusyHere = 486,
        }
        assert_eq!(size_of::<Result<Wide, ParseCodeError>>(), 8);
        assert_eq!(size_of::<Result<TestCode, ParseCodeError>>(), 8);
        let big = usize::try_from(MAX_PACKED_AT).unwrap_or(usize::MAX);
        for kind in [
            K::Empty,
            K::LeadingWhitespace,
            K::InvalidDigit { byte: b'x', at: 0 },
            K::InvalidDigit { byte: 0xff, at: 2 },
            K::TooFewDigits,
            K::TooManyDigits,
            K::OutOfRange { code: 0 },
            K::OutOfRange { code: 999 },
            K::MissingSpace { byte: b'\r' },
            K::InvalidPhraseChar { byte: 0, at: 4 },
            K::InvalidPhraseChar {
                byte: b'\n',
                at: 70_000,
            },
            K::InvalidPhraseChar {
                byte: 0x7f,
                at: u32::MAX as usize,
            },
            K::InvalidPhraseChar {
                byte: 0x7f,
                at: big,
            },
            K::Unknown { code: 499 },
        ] {
            let err = ParseCodeError::new(kind);
            assert_eq!(err.kind(), kind);
            assert_eq!(
                format!("{err:?}"),
                format!("ParseCodeError {{ kind: {kind:?} }}")
            );
        }
        // Beyond 48 bits (only on 64-bit targets, and no real input): saturates.
        if usize::BITS > 48 {
            let err = ParseCodeError::new(K::InvalidPhraseChar {
                byte: 0,
                at: usize::MAX,
            });
            assert_eq!(err.kind(), K::InvalidPhraseChar { byte: 0, at: big });
        }
        // A long phrase reports its offset exactly.
        let s = format!("486 {}\r", "a".repeat(70_000));
        assert_eq!(
            parse_code(&s).unwrap_err().kind(),
            K::InvalidPhraseChar {
                byte: b'\r',
                at: 70_004
            }
        );
    }
}
