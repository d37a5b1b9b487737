//! RSeq (RFC 3262 §7.1): the sequence number of a reliable provisional response.

use crate::Error;
use crate::error::ErrorKind;
use crate::header::render::Render;

/// `RSeq: 988789` — the sequence number of a reliable provisional response, 1..=2^31-1 (RFC 3262 §3,
/// §7.1).
///
/// # Example
///
/// ```
/// use sip_codes::header::RSeq;
///
/// assert_eq!(RSeq::new(988789)?.to_string(), "988789");
/// assert!(RSeq::new(0).is_err());
/// assert!(RSeq::new(1 << 31).is_err());
/// # Ok::<(), sip_codes::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct RSeq(u32);

impl RSeq {
    /// The largest value, 2^31 - 1 (RFC 3262 §3).
    pub const MAX: u32 = (1 << 31) - 1;

    /// `n` must be 1..=2^31-1.
    pub fn new(n: u32) -> Result<Self, Error> {
        if n == 0 || n > RSeq::MAX {
            return Err(Error::new("RSeq", ErrorKind::OutOfRange));
        }
        Ok(RSeq(n))
    }

    /// The number.
    pub const fn get(self) -> u32 {
        self.0
    }
}

impl TryFrom<u32> for RSeq {
    type Error = Error;

    fn try_from(n: u32) -> Result<Self, Error> {
        RSeq::new(n)
    }
}

impl Render for RSeq {
    fn render(&self, out: &mut String) {
        out.push_str(&self.0.to_string());
    }
}

typed_value!(RSeq);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn range() {
        assert_eq!(RSeq::new(988789).unwrap().to_string(), "988789");
        assert_eq!(RSeq::new(1).unwrap().get(), 1);
        assert_eq!(RSeq::new(RSeq::MAX).unwrap().to_string(), "2147483647");
        assert!(RSeq::new(0).is_err());
        assert!(RSeq::try_from(RSeq::MAX + 1).is_err());
        assert!(RSeq::new(u32::MAX).is_err());
    }
}
