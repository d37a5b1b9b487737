//! `qvalue` (RFC 3261 §25.1): a preference weight between 0 and 1 with at most three decimals.

use crate::Error;
use crate::header::render::Render;

/// A preference weight, `qvalue = ( "0" [ "." 0*3DIGIT ] ) / ( "1" [ "." 0*3("0") ] )` (RFC 3261 §25.1),
/// as used by the `q` parameter of Accept-Language, Contact and Security-Server.
///
/// # Example
///
/// ```
/// use sip_codes::header::QValue;
///
/// assert_eq!(QValue::from_thousandths(800).unwrap().to_string(), "0.8");
/// assert_eq!(QValue::ONE.to_string(), "1");
/// assert!(QValue::from_thousandths(1001).is_err());
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct QValue(u16);

impl QValue {
    /// `q=0`: not acceptable.
    pub const ZERO: QValue = QValue(0);
    /// `q=1`: most preferred.
    pub const ONE: QValue = QValue(1000);

    /// A weight of `thousandths` / 1000; more than 1000 is an error (RFC 3261 §25.1).
    pub fn from_thousandths(thousandths: u16) -> Result<Self, Error> {
        if thousandths > 1000 {
            return Err(Error::new("qvalue", crate::error::ErrorKind::OutOfRange));
        }
        Ok(QValue(thousandths))
    }

    /// The weight in thousandths (0..=1000).
    pub const fn thousandths(self) -> u16 {
        self.0
    }
}

impl Render for QValue {
    fn render(&self, out: &mut String) {
        if self.0 >= 1000 {
            out.push('1');
            return;
        }
        out.push('0');
        if self.0 > 0 {
            let digits = format!("{:03}", self.0);
            out.push('.');
            out.push_str(digits.trim_end_matches('0'));
        }
    }
}

render_display!(QValue);

impl TryFrom<&str> for QValue {
    type Error = Error;

    /// Parses the `qvalue` grammar (`"0.8"`, `"1"`, `"0.125"`).
    fn try_from(s: &str) -> Result<Self, Error> {
        let invalid = || {
            Error::syntax(
                "qvalue",
                "expected 0, 1 or 0.xxx with at most three decimals",
            )
        };
        let (int, frac) = match s.split_once('.') {
            Some((int, frac)) => (int, frac),
            None => (s, ""),
        };
        if frac.len() > 3 || !frac.bytes().all(|b| b.is_ascii_digit()) {
            return Err(invalid());
        }
        let mut thousandths: u16 = 0;
        for (i, b) in frac.bytes().enumerate() {
            let scale = [100, 10, 1].get(i).copied().unwrap_or(0);
            thousandths += u16::from(b - b'0') * scale;
        }
        match int {
            "0" => Ok(QValue(thousandths)),
            "1" if thousandths == 0 => Ok(QValue::ONE),
            _ => Err(invalid()),
        }
    }
}

impl core::str::FromStr for QValue {
    type Err = Error;

    fn from_str(s: &str) -> Result<Self, Error> {
        QValue::try_from(s)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_minimal_form() {
        let cases = [
            (0, "0"),
            (1000, "1"),
            (800, "0.8"),
            (750, "0.75"),
            (75, "0.075"),
            (1, "0.001"),
        ];
        for (t, s) in cases {
            assert_eq!(QValue::from_thousandths(t).unwrap().to_string(), s);
            assert_eq!(QValue::try_from(s).unwrap().thousandths(), t);
        }
    }

    #[test]
    fn rejects_invalid() {
        assert!(QValue::from_thousandths(1001).is_err());
        for bad in [
            "", "2", "1.5", "0.1234", "0.a", ".5", "0\r", "1.000\n", "-0", "00",
        ] {
            assert!(QValue::try_from(bad).is_err(), "{bad:?}");
        }
        assert_eq!(QValue::try_from("1.000").unwrap(), QValue::ONE);
        assert_eq!(QValue::try_from("0.").unwrap(), QValue::ZERO);
    }
}
