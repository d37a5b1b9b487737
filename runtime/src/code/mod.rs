//! Status codes in general: [`StatusCodeSet`] (implemented by each generated `StatusCode` enum),
//! [`parse_code`] and [`interpret`] (RFC 3261 §8.1.3.2).

mod error;
mod info;
mod interpret;
mod parse;
mod set;
#[cfg(test)]
pub(crate) mod test_set;

pub use error::{ParseCodeError, ParseCodeErrorKind};
pub use info::CodeInfo;
pub use interpret::{InterpretError, fallback_code, interpret};
pub use parse::{BareCodes, bare_codes, parse_code, parse_status, parse_status_in};
pub use set::{StatusCodeSet, UnknownCode};

/// The three ASCII digits of a code in 100–999 (codes are checked to be in 100–699 where they are made).
pub(crate) const fn three_digits(code: u16) -> [u8; 3] {
    let code = code % 1000;
    [
        b'0' + (code / 100) as u8,
        b'0' + (code / 10 % 10) as u8,
        b'0' + (code % 10) as u8,
    ]
}
