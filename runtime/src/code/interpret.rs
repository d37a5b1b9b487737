//! [`interpret`]: a received code as RFC 3261 §8.1.3.2 says a UAC treats it.

use core::fmt;

use crate::StatusClass;

use super::StatusCodeSet;

/// Why [`interpret`] could not map a code onto a set.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct InterpretError {
    code: u16,
    target: Option<u16>,
}

impl InterpretError {
    /// The code that was to be interpreted.
    pub const fn code(&self) -> u16 {
        self.code
    }

    /// The code it maps to per RFC 3261 §8.1.3.2 when the set lacks that code (`Some(400)` for 431 when the
    /// set has no 400), or `None` when the code is outside 100–699.
    pub const fn missing_target(&self) -> Option<u16> {
        self.target
    }
}

impl fmt::Display for InterpretError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.target {
            None => write!(f, "status code {} is outside 100-699", self.code),
            Some(target) if target == self.code => {
                write!(
                    f,
                    "status code {} is not in the set of known codes",
                    self.code
                )
            }
            Some(target) => write!(
                f,
                "status code {} is unknown and its RFC 3261 \u{a7}8.1.3.2 equivalent {target} is not in the set \
                 of known codes",
                self.code
            ),
        }
    }
}

impl std::error::Error for InterpretError {}

/// The code RFC 3261 §8.1.3.2 says to treat an unknown `code` as: 183 for a 1xx other than 100, the x00
/// code of its class otherwise (`431` → `400`), or `None` outside 100–699.
pub const fn fallback_code(code: u16) -> Option<u16> {
    match StatusClass::of(code) {
        None => None,
        Some(StatusClass::Provisional) if code != 100 => Some(183),
        Some(class) => Some(class.base_code()),
    }
}

/// Maps a received code onto the set `C` as RFC 3261 §8.1.3.2 says a UAC must: a known code is itself, an
/// unknown 1xx other than 100 is treated as 183 (Session Progress), an unknown final code as the x00 code
/// of its class (431 as 400).
///
/// Fails for a code outside 100–699, and when the code it maps to is not in `C` (a spec may leave it
/// out).
pub fn interpret<C: StatusCodeSet>(code: u16) -> Result<C, InterpretError> {
    let Some(target) = fallback_code(code) else {
        return Err(InterpretError { code, target: None });
    };
    if let Some(known) = C::from_u16(code) {
        return Ok(known);
    }
    C::from_u16(target).ok_or(InterpretError {
        code,
        target: Some(target),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::code::test_set::TestCode;

    #[test]
    fn interpretation() {
        assert_eq!(interpret::<TestCode>(405), Ok(TestCode::MethodNotAllowed));
        assert_eq!(interpret::<TestCode>(100), Ok(TestCode::Trying));
        assert_eq!(interpret::<TestCode>(180), Ok(TestCode::SessionProgress));
        assert_eq!(interpret::<TestCode>(199), Ok(TestCode::SessionProgress));
        assert_eq!(interpret::<TestCode>(299), Ok(TestCode::Ok));
        assert_eq!(interpret::<TestCode>(431), Ok(TestCode::BadRequest));
        assert_eq!(interpret::<TestCode>(699), Ok(TestCode::BusyEverywhere));
        let err = interpret::<TestCode>(302).unwrap_err();
        assert_eq!((err.code(), err.missing_target()), (302, Some(300)));
        assert!(err.to_string().contains("300"), "{err}");
        for code in [0, 99, 700, u16::MAX] {
            let err = interpret::<TestCode>(code).unwrap_err();
            assert_eq!(err.missing_target(), None);
        }
        assert_eq!(fallback_code(100), Some(100));
        assert_eq!(fallback_code(181), Some(183));
        assert_eq!(fallback_code(503), Some(500));
    }
}
