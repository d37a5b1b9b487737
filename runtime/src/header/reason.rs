//! Reason (RFC 3326, in responses RFC 6432): why a request or dialog ended, as a protocol cause.

use crate::Error;
use crate::error::ErrorKind;
use crate::header::params::Params;
use crate::header::render::Render;
use crate::syntax::check_token;

validated_str!(
    /// The protocol of a Reason value (RFC 3326 §2: `"SIP" / "Q.850" / token`).
    ///
    /// # Example
    ///
    /// ```
    /// use sip_codes::header::ReasonProtocol;
    ///
    /// assert_eq!(ReasonProtocol::Q850.as_str(), "Q.850");
    /// assert_eq!(ReasonProtocol::new("RELEASE_CAUSE")?.to_string(), "RELEASE_CAUSE");
    /// # Ok::<(), sip_codes::Error>(())
    /// ```
    ReasonProtocol: new(borrowed),
    check = |s| check_token(s, "reason protocol"),
);

impl ReasonProtocol {
    /// `SIP`: the cause is a SIP status code (RFC 3326 §2).
    pub const SIP: ReasonProtocol = ReasonProtocol::known("SIP");
    /// `Q.850`: the cause is an ITU-T Q.850 cause value, 1..=127 (RFC 3326 §2, RFC 6432).
    pub const Q850: ReasonProtocol = ReasonProtocol::known("Q.850");
}

params_header!(
    /// `Reason: Q.850;cause=17;text="User busy"` — a protocol, a cause and optional text (RFC 3326 §2,
    /// RFC 6432 for responses).
    ///
    /// # Example
    ///
    /// ```
    /// use sip_codes::header::Reason;
    ///
    /// let r = Reason::q850(17)?.with_text("User busy")?;
    /// assert_eq!(r.to_string(), r#"Q.850;cause=17;text="User busy""#);
    /// assert!(Reason::q850(200).is_err());
    /// # Ok::<(), sip_codes::Error>(())
    /// ```
    Reason {
        protocol: ReasonProtocol,
        cause: u16,
    },
    reserved = ["cause", "text"],
    typed,
);

impl Reason {
    /// A reason of `protocol` with `cause`. For [`ReasonProtocol::SIP`] the cause must be a status code
    /// (100..=699), for [`ReasonProtocol::Q850`] a Q.850 cause value (1..=127); otherwise it is an error.
    pub fn new(protocol: ReasonProtocol, cause: u16) -> Result<Self, Error> {
        let in_range = if protocol.as_str().eq_ignore_ascii_case("SIP") {
            (100..=699).contains(&cause)
        } else if protocol.as_str().eq_ignore_ascii_case("Q.850") {
            (1..=127).contains(&cause)
        } else {
            true
        };
        if !in_range {
            return Err(Error::new("reason cause", ErrorKind::OutOfRange));
        }
        Ok(Reason {
            protocol,
            cause,
            params: Params::new(),
        })
    }

    /// `Q.850;cause=<cause>` for a cause the caller has checked to be in 1..=127; checked in debug builds.
    pub(crate) fn q850_checked(cause: u8) -> Self {
        debug_assert!((1..=127).contains(&cause), "Q.850 cause {cause}");
        Reason {
            protocol: ReasonProtocol::Q850,
            cause: u16::from(cause),
            params: Params::new(),
        }
    }

    /// `Q.850;cause=<cause>`; `cause` must be 1..=127.
    pub fn q850(cause: u8) -> Result<Self, Error> {
        Reason::new(ReasonProtocol::Q850, u16::from(cause))
    }

    /// `SIP;cause=<code>`; `code` must be 100..=699.
    pub fn sip(code: u16) -> Result<Self, Error> {
        Reason::new(ReasonProtocol::SIP, code)
    }

    /// Sets `;text="…"` (RFC 3326 §2 `reason-text`, a `quoted-string`); CR, LF, NUL and other control
    /// characters are rejected.
    pub fn with_text(mut self, text: &str) -> Result<Self, Error> {
        self.params.set_quoted("text", text)?;
        Ok(self)
    }

    /// The protocol.
    pub fn protocol(&self) -> &ReasonProtocol {
        &self.protocol
    }

    /// The cause.
    pub fn cause(&self) -> u16 {
        self.cause
    }

    fn render_value(&self, out: &mut String) {
        self.protocol.render(out);
        out.push_str(";cause=");
        out.push_str(&self.cause.to_string());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_rfc_examples() {
        // RFC 3326 §2, with the optional whitespace dropped.
        let r = Reason::sip(200)
            .unwrap()
            .with_text("Call completed elsewhere")
            .unwrap();
        assert_eq!(
            r.to_string(),
            r#"SIP;cause=200;text="Call completed elsewhere""#
        );
        let r = Reason::q850(16).unwrap().with_text("Terminated").unwrap();
        assert_eq!(r.to_string(), r#"Q.850;cause=16;text="Terminated""#);
        let r = Reason::q850(17).unwrap().with_text("User busy").unwrap();
        assert_eq!(r.to_string(), r#"Q.850;cause=17;text="User busy""#);
    }

    #[test]
    fn text_is_escaped_and_replaced() {
        let r = Reason::sip(486)
            .unwrap()
            .with_text("old")
            .unwrap()
            .with_text(r#"say "no""#)
            .unwrap()
            .with_param("location", "LN")
            .unwrap();
        assert_eq!(
            r.to_string(),
            r#"SIP;cause=486;text="say \"no\"";location=LN"#
        );
    }

    #[test]
    fn constants_follow_the_grammar() {
        for p in [ReasonProtocol::SIP, ReasonProtocol::Q850] {
            assert_eq!(ReasonProtocol::new(p.as_str()).unwrap(), p);
        }
    }

    #[test]
    fn ranges() {
        assert!(Reason::q850(0).is_err());
        assert!(Reason::q850(128).is_err());
        assert!(Reason::q850(127).is_ok());
        assert!(Reason::sip(99).is_err());
        assert!(Reason::sip(700).is_err());
        assert!(Reason::sip(699).is_ok());
        let other = ReasonProtocol::new("X-Proto").unwrap();
        assert_eq!(
            Reason::new(other, 9999).unwrap().to_string(),
            "X-Proto;cause=9999"
        );
    }

    #[test]
    fn rejects_invalid() {
        let r = Reason::sip(480).unwrap();
        for bad in ["a\rb", "a\nb", "a\0b"] {
            assert!(r.clone().with_text(bad).is_err(), "{bad:?}");
            assert!(r.clone().with_param(bad, "v").is_err(), "{bad:?}");
            assert!(r.clone().with_param("n", bad).is_err(), "{bad:?}");
            assert!(ReasonProtocol::new(bad).is_err(), "{bad:?}");
        }
        assert!(ReasonProtocol::new("").is_err());
        assert!(r.clone().with_param("cause", "1").is_err());
        assert!(r.clone().with_flag("Cause").is_err());
        assert!(r.with_param("TEXT", "x").is_err());
    }

    #[test]
    fn params_read_back() {
        let r = Reason::q850(17)
            .unwrap()
            .with_text("User busy")
            .unwrap()
            .with_flag("x-flag")
            .unwrap()
            .with_param("location", "two words")
            .unwrap();
        assert_eq!(
            r.to_string(),
            r#"Q.850;cause=17;text="User busy";x-flag;location="two words""#
        );
        assert_eq!(r.param("TEXT"), Some(Some("User busy")));
        assert_eq!(r.param("x-flag"), Some(None));
        assert_eq!(r.param("location"), Some(Some("two words")));
        assert_eq!(r.param("cause"), None, "the cause is no generic parameter");
        assert_eq!(r.param("other"), None);
    }
}
