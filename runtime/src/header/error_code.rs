//! Headers whose value is an error code with a quoted explanation: AlertMsg-Error (RFC 8876 §4) and
//! Geolocation-Error (RFC 6442 §4.3).

use crate::Error;
use crate::error::ErrorKind;
use crate::header::params::Params;

/// Defines a header `code *( SEMI ( <text_param>=quoted-string / generic-param ) )`.
macro_rules! coded_error_header {
    (
        $(#[$meta:meta])* $name:ident, text = $text:literal, codes = $min:literal..=$max:literal
    ) => {
        params_header!($(#[$meta])* $name { code: u16 }, reserved = [$text], typed);

        impl $name {
            #[doc = concat!("A value with `code`, which must be ", stringify!($min), "..=", stringify!($max), ".")]
            pub fn new(code: u16) -> Result<Self, Error> {
                if !($min..=$max).contains(&code) {
                    return Err(Error::new(concat!(stringify!($name), " code"), ErrorKind::OutOfRange));
                }
                Ok($name::known(code))
            }

            const fn known(code: u16) -> Self {
                $name { code, params: Params::new() }
            }

            #[doc = concat!("Sets `;", $text, "=\"…\"` (a `quoted-string`; CR, LF, NUL and other control characters are rejected).")]
            pub fn with_text(mut self, text: &str) -> Result<Self, Error> {
                self.params.set_quoted($text, text)?;
                Ok(self)
            }

            /// The code.
            pub fn code(&self) -> u16 {
                self.code
            }

            fn render_value(&self, out: &mut String) {
                out.push_str(&self.code.to_string());
            }
        }
    };
}

coded_error_header!(
    /// `AlertMsg-Error: 100;message="Cannot process the alert payload"` — why an alert message could not
    /// be processed (RFC 8876 §4, `error-code = 3DIGIT`).
    ///
    /// # Example
    ///
    /// ```
    /// use sip_codes::header::AlertMsgError;
    ///
    /// let e = AlertMsgError::CANNOT_PROCESS.with_text("Cannot process the alert payload")?;
    /// assert_eq!(e.to_string(), r#"100;message="Cannot process the alert payload""#);
    /// # Ok::<(), sip_codes::Error>(())
    /// ```
    AlertMsgError,
    text = "message",
    codes = 100..=999
);

impl AlertMsgError {
    /// 100: Cannot process the alert payload (RFC 8876 §4).
    pub const CANNOT_PROCESS: AlertMsgError = AlertMsgError::known(100);
    /// 101: Alert payload was not present or could not be found (RFC 8876 §4).
    pub const NOT_PRESENT: AlertMsgError = AlertMsgError::known(101);
    /// 102: Not enough information to determine the purpose of the alert (RFC 8876 §4).
    pub const NOT_ENOUGH_INFORMATION: AlertMsgError = AlertMsgError::known(102);
    /// 103: Alert payload was corrupted (RFC 8876 §4).
    pub const CORRUPTED: AlertMsgError = AlertMsgError::known(103);
}

coded_error_header!(
    /// `Geolocation-Error: 100;code="Cannot Process Location"` — why location could not be used
    /// (RFC 6442 §4.3, `location-error-code = 1*3DIGIT`).
    ///
    /// # Example
    ///
    /// ```
    /// use sip_codes::header::GeolocationError;
    ///
    /// let e = GeolocationError::CANNOT_PROCESS_LOCATION.with_text("Cannot Process Location")?;
    /// assert_eq!(e.to_string(), r#"100;code="Cannot Process Location""#);
    /// # Ok::<(), sip_codes::Error>(())
    /// ```
    GeolocationError,
    text = "code",
    codes = 0..=999
);

impl GeolocationError {
    /// 100: Cannot Process Location (RFC 6442 §4.3).
    pub const CANNOT_PROCESS_LOCATION: GeolocationError = GeolocationError::known(100);
    /// 200: Permission To Use Location Information (RFC 6442 §4.3).
    pub const PERMISSION_TO_USE: GeolocationError = GeolocationError::known(200);
    /// 201: Permission To Retransmit Location Information to a Third Party (RFC 6442 §4.3).
    pub const PERMISSION_TO_RETRANSMIT: GeolocationError = GeolocationError::known(201);
    /// 202: Permission to Route based on Location Information (RFC 6442 §4.3).
    pub const PERMISSION_TO_ROUTE: GeolocationError = GeolocationError::known(202);
    /// 300: Dereference Failure (RFC 6442 §4.3).
    pub const DEREFERENCE_FAILURE: GeolocationError = GeolocationError::known(300);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_rfc_examples() {
        // RFC 8876 §4 and RFC 6442 §4.3, with the optional whitespace dropped.
        let a = AlertMsgError::new(100)
            .unwrap()
            .with_text("Cannot process the alert payload")
            .unwrap();
        assert_eq!(
            a.to_string(),
            r#"100;message="Cannot process the alert payload""#
        );
        let g = GeolocationError::CANNOT_PROCESS_LOCATION
            .with_text("Cannot Process Location")
            .unwrap();
        assert_eq!(g.to_string(), r#"100;code="Cannot Process Location""#);
        assert_eq!(GeolocationError::DEREFERENCE_FAILURE.to_string(), "300");
        assert_eq!(AlertMsgError::CORRUPTED.code(), 103);
        let p = AlertMsgError::NOT_PRESENT.with_param("x", "y").unwrap();
        assert_eq!(p.to_string(), "101;x=y");
    }

    #[test]
    fn rejects_invalid() {
        assert!(AlertMsgError::new(99).is_err());
        assert!(AlertMsgError::new(1000).is_err());
        assert!(GeolocationError::new(1000).is_err());
        assert!(GeolocationError::new(0).is_ok());
        for bad in ["a\rb", "a\nb", "a\0b"] {
            assert!(
                AlertMsgError::CANNOT_PROCESS.with_text(bad).is_err(),
                "{bad:?}"
            );
            assert!(
                GeolocationError::PERMISSION_TO_USE.with_text(bad).is_err(),
                "{bad:?}"
            );
            assert!(
                AlertMsgError::CANNOT_PROCESS.with_param(bad, "v").is_err(),
                "{bad:?}"
            );
            assert!(
                AlertMsgError::CANNOT_PROCESS.with_param("n", bad).is_err(),
                "{bad:?}"
            );
        }
        assert!(
            AlertMsgError::CANNOT_PROCESS
                .with_param("message", "x")
                .is_err()
        );
        assert!(
            GeolocationError::CANNOT_PROCESS_LOCATION
                .with_param("code", "x")
                .is_err()
        );
    }
}
