//! Status codes read from text: [`parse_code`] (a code and its optional phrase), and [`parse_status`] /
//! [`parse_status_in`] (into a member of a set).

use sip_codes_core::text::invalid_text_byte as invalid_phrase_byte;

use super::{ParseCodeError, ParseCodeErrorKind, StatusCodeSet};

/// Reads the three digits at the start of `b` (which holds at least three bytes).
#[inline]
fn parse_digits(b: &[u8]) -> Result<u16, ParseCodeError> {
    let mut code = 0u16;
    for (at, &byte) in b.iter().take(3).enumerate() {
        if !byte.is_ascii_digit() {
            return Err(ParseCodeError::new(ParseCodeErrorKind::InvalidDigit {
                byte,
                at,
            }));
        }
        code = code * 10 + u16::from(byte - b'0');
    }
    Ok(code)
}

/// Parses a status code, alone (`"405"`) or followed by a space and a reason phrase
/// (`"405 Method Not Allowed"`), as it stands in a status line (RFC 3261 §7.2, §25: `Status-Code SP
/// Reason-Phrase`).
///
/// The code is exactly three ASCII digits in 100–699; the phrase is any text without control characters
/// but horizontal tab, and may be empty (`"480 "`). Codes the caller does not know are accepted; see
/// [`interpret`](super::interpret). Does not allocate.
///
/// ```
/// use sip_codes::code::{parse_code, ParseCodeErrorKind};
/// assert_eq!(parse_code("405 Method Not Allowed"), Ok(405));
/// assert_eq!(parse_code("499"), Ok(499));
/// assert_eq!(parse_code("700").unwrap_err().kind(), ParseCodeErrorKind::OutOfRange { code: 700 });
/// ```
pub fn parse_code(s: &str) -> Result<u16, ParseCodeError> {
    use ParseCodeErrorKind as K;
    let b = s.as_bytes();
    match b.first() {
        None => return Err(ParseCodeError::new(K::Empty)),
        Some(b' ' | b'\t') => return Err(ParseCodeError::new(K::LeadingWhitespace)),
        Some(_) => {}
    }
    if b.len() < 3 {
        // Report a bad byte before the length: `4O` is not a digit problem of length.
        parse_digits(b)?;
        return Err(ParseCodeError::new(K::TooFewDigits));
    }
    let code = parse_digits(b)?;
    if let Some(&next) = b.get(3) {
        if next.is_ascii_digit() {
            return Err(ParseCodeError::new(K::TooManyDigits));
        }
        if next != b' ' {
            return Err(ParseCodeError::new(K::MissingSpace { byte: next }));
        }
    }
    if !(100..=699).contains(&code) {
        return Err(ParseCodeError::new(K::OutOfRange { code }));
    }
    if let Some(at) = invalid_phrase_byte(b.get(4..).unwrap_or_default()) {
        return Err(ParseCodeError::new(K::InvalidPhraseChar {
            byte: b[4 + at],
            at: 4 + at,
        }));
    }
    Ok(code)
}

/// Parses `405` or `405 <reason phrase>` (as [`parse_code`]) into a member of the set `C`; a well-formed
/// code that `C` does not have is [`ParseCodeErrorKind::Unknown`]. [`parse_status_in`] is the same, one
/// load faster.
#[inline]
pub fn parse_status<C: StatusCodeSet>(s: &str) -> Result<C, ParseCodeError> {
    // The common case inline and frame-free: three digits in 100-699 and nothing else. A phrase, and
    // anything malformed, go through the cold path, which says precisely what is wrong.
    if let Some(index) = bare_index(s)
        && let Some(status) = C::from_u16(index as u16 + 100)
    {
        return Ok(status);
    }
    parse_status_slow(s)
}

#[doc(hidden)]
/// What [`parse_status`] returns for each bare code, `"100"` to `"699"`, at index `code - 100`: the member
/// of the set, or [`ParseCodeErrorKind::Unknown`]. Made at compile time by [`bare_codes`].
pub type BareCodes<C> = [Result<C, ParseCodeError>; 600];

#[doc(hidden)]
/// The [`BareCodes`] of the set whose members are `by_code` (`by_code[code - 100]`, `None` where the set
/// has no such code). A `const fn`, for a `static`: the generated `FromStr` keeps one per set.
pub const fn bare_codes<C: Copy>(by_code: &[Option<C>; 600]) -> BareCodes<C> {
    const fn unknown<C>(index: usize) -> Result<C, ParseCodeError> {
        Err(ParseCodeError::new(ParseCodeErrorKind::Unknown {
            code: index as u16 + 100,
        }))
    }
    let mut table = [unknown(0); 600];
    let mut index = 0;
    while index < 600 {
        table[index] = match by_code[index] {
            Some(status) => Ok(status),
            None => unknown(index),
        };
        index += 1;
    }
    table
}

#[doc(hidden)]
/// [`parse_status`] with the set's [`BareCodes`], so that a bare code, known or not, is one load of
/// its result. What the generated `FromStr` calls.
#[inline]
pub fn parse_status_in<C: StatusCodeSet>(
    s: &str,
    bare: &BareCodes<C>,
) -> Result<C, ParseCodeError> {
    if let Some(index) = bare_index(s) {
        return bare[index];
    }
    parse_status_slow(s)
}

/// `code - 100` if `s` is exactly three digits making a code in 100–699.
#[inline(always)]
fn bare_index(s: &str) -> Option<usize> {
    let [b0, b1, b2] = *s.as_bytes() else {
        return None;
    };
    // In `usize` from the start: no narrowing or widening between the checks and the lookup, and the
    // compiler sees that the index is below 600 (no bounds check, and `from_u16`'s `- 100` and range
    // check fold away).
    let d0 = usize::from(b0).wrapping_sub(usize::from(b'1'));
    let d1 = usize::from(b1).wrapping_sub(usize::from(b'0'));
    let d2 = usize::from(b2).wrapping_sub(usize::from(b'0'));
    (d0 <= 5 && d1 <= 9 && d2 <= 9).then(|| d0 * 100 + d1 * 10 + d2)
}

/// [`parse_status`] for everything but a bare known code: with a phrase, unknown, or malformed.
#[cold]
#[inline(never)]
fn parse_status_slow<C: StatusCodeSet>(s: &str) -> Result<C, ParseCodeError> {
    let code = parse_code(s)?;
    C::from_u16(code).ok_or(ParseCodeError::new(ParseCodeErrorKind::Unknown { code }))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::code::test_set::{BARE, BY_CODE, TestCode};
    use ParseCodeErrorKind as K;
    use sip_codes_core::text::invalid_text_byte_after as invalid_phrase_byte_after;

    #[test]
    fn parse_status_fast_path_agrees() {
        let slow = |s: &str| {
            parse_code(s).and_then(|code| {
                TestCode::from_u16(code)
                    .ok_or(ParseCodeError::new(ParseCodeErrorKind::Unknown { code }))
            })
        };
        for (index, known) in BY_CODE.iter().enumerate() {
            assert_eq!(*known, TestCode::from_u16(index as u16 + 100));
        }
        let mut strings = Vec::new();
        for n in 0..1000 {
            for tail in ["", " ", " OK", "OK", "\t", " a\rb", " \x7f", "0", " Occupé"] {
                strings.push(format!("{n:03}{tail}"));
                strings.push(format!("{n}{tail}"));
            }
        }
        // Every three bytes made of digits and their neighbours.
        let near = [b'/', b'0', b'1', b'5', b'6', b'7', b'9', b':', b' ', 0xd9];
        for a in near {
            for b in near {
                for c in near {
                    if let Ok(s) = String::from_utf8(vec![a, b, c]) {
                        strings.push(s);
                    }
                }
            }
        }
        for s in &strings {
            assert_eq!(parse_status::<TestCode>(s), slow(s), "{s:?}");
            assert_eq!(parse_status_in::<TestCode>(s, &BARE), slow(s), "{s:?}");
        }
    }

    #[test]
    fn phrase_scan_after_a_clean_prefix() {
        let bytewise = |p: &[u8], start: usize| {
            p[start..]
                .iter()
                .position(|&b| (b < 0x20 && b != b'\t') || b == 0x7f)
                .map(|at| start + at)
        };
        for len in 0..30 {
            for start in 0..=len {
                for at in start..len {
                    for bad in [b'\r', 0x7f, b'\t'] {
                        let mut p = vec![b'x'; len];
                        p[at] = bad;
                        assert_eq!(
                            invalid_phrase_byte_after(&p, start),
                            bytewise(&p, start),
                            "{p:?} from {start}"
                        );
                    }
                }
                let p = vec![b'x'; len];
                assert_eq!(invalid_phrase_byte_after(&p, start), None);
            }
        }
    }

    #[test]
    fn phrase_scan_matches_bytewise() {
        let bytewise = |p: &[u8]| {
            p.iter()
                .position(|&b| (b < 0x20 && b != b'\t') || b == 0x7f)
        };
        let mut cases: Vec<Vec<u8>> = vec![
            b"Busy Here".to_vec(),
            b"Busy\tHere and there, a long phrase".to_vec(),
            "Occupé ✓ — très occupé".as_bytes().to_vec(),
            Vec::new(),
        ];
        for len in 0..20 {
            for at in 0..len {
                for bad in [0u8, b'\r', b'\n', 0x1f, 0x7f, b'\t', 0x80, 0xff, b' '] {
                    let mut p = vec![b'a'; len];
                    p[at] = bad;
                    cases.push(p.clone());
                    p[len - 1] = 0x7f;
                    cases.push(p);
                }
            }
        }
        for p in cases {
            assert_eq!(invalid_phrase_byte(&p), bytewise(&p), "{p:?}");
        }
    }

    #[test]
    fn parse_valid() {
        for (s, code) in [
            ("100", 100),
            ("699", 699),
            ("405", 405),
            ("405 Method Not Allowed", 405),
            ("480 ", 480),
            ("499 Codec Mismatch", 499),
            ("200 OK\tfine", 200),
            ("603 Décliné ✓", 603),
            ("486  two spaces ", 486),
        ] {
            assert_eq!(parse_code(s), Ok(code), "{s:?}");
        }
    }

    #[test]
    fn parse_invalid() {
        for (s, kind) in [
            ("", K::Empty),
            (" 405", K::LeadingWhitespace),
            ("\t405", K::LeadingWhitespace),
            ("4O5", K::InvalidDigit { byte: b'O', at: 1 }),
            ("+405", K::InvalidDigit { byte: b'+', at: 0 }),
            ("-40", K::InvalidDigit { byte: b'-', at: 0 }),
            ("4", K::TooFewDigits),
            ("40", K::TooFewDigits),
            ("4x", K::InvalidDigit { byte: b'x', at: 1 }),
            ("0405", K::TooManyDigits),
            ("4050", K::TooManyDigits),
            ("4050 Foo", K::TooManyDigits),
            ("700", K::OutOfRange { code: 700 }),
            ("099", K::OutOfRange { code: 99 }),
            ("000 x", K::OutOfRange { code: 0 }),
            ("999", K::OutOfRange { code: 999 }),
            ("405Method", K::MissingSpace { byte: b'M' }),
            ("405\tMethod", K::MissingSpace { byte: b'\t' }),
            ("405\r\n", K::MissingSpace { byte: b'\r' }),
            (
                "405 Method\r\nVia: x",
                K::InvalidPhraseChar {
                    byte: b'\r',
                    at: 10,
                },
            ),
            ("405 a\nb", K::InvalidPhraseChar { byte: b'\n', at: 5 }),
            ("405 a\0", K::InvalidPhraseChar { byte: 0, at: 5 }),
            ("405 \x7f", K::InvalidPhraseChar { byte: 0x7f, at: 4 }),
            ("٤٠٥", K::InvalidDigit { byte: 0xd9, at: 0 }),
        ] {
            let err = parse_code(s).unwrap_err();
            assert_eq!(err.kind(), kind, "{s:?}");
            assert!(
                err.to_string().starts_with("invalid SIP status code: "),
                "{err}"
            );
        }
        assert_eq!(
            parse_code("405 a\r").unwrap_err().to_string(),
            "invalid SIP status code: byte 0x0d (CR) at offset 5 of the reason phrase is a control character"
        );
        assert_eq!(
            parse_code("700").unwrap_err().to_string(),
            "invalid SIP status code: 700 is outside 100-699"
        );
    }
}
