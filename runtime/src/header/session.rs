//! Session timers (RFC 4028): Session-Expires (§4) and Min-SE (§5).

use crate::header::DeltaSeconds;
use crate::header::delta::{delta_header, from_delta};
use crate::header::params::Params;
use crate::header::render::Render;

/// Which side refreshes the session (RFC 4028 §4 `refresher-param`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Refresher {
    /// `uac`: the user agent client.
    Uac,
    /// `uas`: the user agent server.
    Uas,
}

impl Refresher {
    /// The value as written on the wire.
    pub const fn as_str(self) -> &'static str {
        match self {
            Refresher::Uac => "uac",
            Refresher::Uas => "uas",
        }
    }
}

impl Render for Refresher {
    fn render(&self, out: &mut String) {
        out.push_str(self.as_str());
    }
}

render_display!(Refresher);

params_header!(
    /// `Session-Expires: 4000;refresher=uac` — the session interval and who refreshes (RFC 4028 §4).
    ///
    /// # Example
    ///
    /// ```
    /// use sip_codes::header::{Refresher, SessionExpires};
    ///
    /// let s = SessionExpires::new(4000).with_refresher(Refresher::Uac);
    /// assert_eq!(s.to_string(), "4000;refresher=uac");
    /// assert_eq!(SessionExpires::from(1800).to_string(), "1800");
    /// ```
    SessionExpires { delta: DeltaSeconds },
    reserved = ["refresher"],
    typed,
);

impl SessionExpires {
    /// A session interval of `secs` seconds.
    pub fn new(secs: u32) -> Self {
        SessionExpires {
            delta: DeltaSeconds(secs),
            params: Params::new(),
        }
    }

    /// Sets `;refresher=` (RFC 4028 §4).
    #[must_use]
    pub fn with_refresher(mut self, refresher: Refresher) -> Self {
        self.params.set_token("refresher", refresher.as_str());
        self
    }

    /// The session interval in seconds.
    pub fn seconds(&self) -> u32 {
        self.delta.0
    }

    fn render_value(&self, out: &mut String) {
        self.delta.render(out);
    }
}

from_delta!(SessionExpires);

delta_header!(
    /// `Min-SE: 3600` — the minimum session interval, MUST be in a 422 Session Interval Too Small
    /// (RFC 4028 §5, §6).
    ///
    /// # Example
    ///
    /// ```
    /// use sip_codes::header::MinSe;
    ///
    /// assert_eq!(MinSe::from(3600).to_string(), "3600");
    /// ```
    MinSe
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_rfc_examples() {
        // RFC 4028 §4 and §5.
        assert_eq!(
            SessionExpires::new(4000)
                .with_refresher(Refresher::Uac)
                .to_string(),
            "4000;refresher=uac"
        );
        assert_eq!(
            SessionExpires::new(4000)
                .with_refresher(Refresher::Uac)
                .with_refresher(Refresher::Uas)
                .to_string(),
            "4000;refresher=uas"
        );
        assert_eq!(MinSe::from(3600).to_string(), "3600");
    }

    #[test]
    fn rejects_invalid() {
        for bad in ["a\rb", "a\nb", "a\0b"] {
            assert!(
                SessionExpires::new(90).with_param(bad, "v").is_err(),
                "{bad:?}"
            );
            assert!(
                SessionExpires::new(90).with_param("n", bad).is_err(),
                "{bad:?}"
            );
        }
        assert!(
            SessionExpires::new(90)
                .with_param("refresher", "uac")
                .is_err()
        );
    }
}
