//! Recv-Info (RFC 6086 §7.2.3, §10): the Info Packages a user agent is willing to receive.

use crate::syntax::check_token;

validated_str!(
    /// The name of an Info Package (RFC 6086 §10 `Info-package-name`, a `token`).
    ///
    /// # Example
    ///
    /// ```
    /// use sip_codes::header::InfoPackage;
    ///
    /// assert_eq!(InfoPackage::new("foo")?.as_str(), "foo");
    /// assert!(InfoPackage::new("foo\r\n").is_err());
    /// # Ok::<(), sip_codes::Error>(())
    /// ```
    InfoPackage: new(borrowed),
    check = |s| check_token(s, "info package"),
);

list_header!(
    /// `Recv-Info: foo, bar` — the Info Packages the sender is willing to receive (RFC 6086 §7.2.3).
    /// An EMPTY list is valid and meaningful: `Recv-Info:` says "none" (RFC 6086 §5.2.2).
    ///
    /// # Example
    ///
    /// ```
    /// use sip_codes::header::{InfoPackage, RecvInfo};
    ///
    /// assert_eq!(RecvInfo::new([]).to_string(), "");
    /// assert_eq!(RecvInfo::from(InfoPackage::new("foo")?).to_string(), "foo");
    /// # Ok::<(), sip_codes::Error>(())
    /// ```
    RecvInfo,
    InfoPackage
);

impl RecvInfo {
    /// An empty Recv-Info: the sender is not willing to receive any Info Package (RFC 6086 §5.2.2).
    pub fn none() -> Self {
        RecvInfo::new([])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders() {
        assert_eq!(RecvInfo::none().to_string(), "");
        assert!(RecvInfo::none().is_empty());
        let r = RecvInfo::from([
            InfoPackage::new("foo").unwrap(),
            InfoPackage::new("bar").unwrap(),
        ]);
        assert_eq!(r.to_string(), "foo, bar");
    }

    #[test]
    fn rejects_invalid() {
        for bad in ["", "a b", "a\r", "a\n", "a\0", "a,b"] {
            assert!(InfoPackage::new(bad).is_err(), "{bad:?}");
        }
    }
}
