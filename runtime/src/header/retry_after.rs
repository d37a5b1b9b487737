//! Retry-After (RFC 3261 §20.33): when the request can be retried.

use crate::Error;
use crate::header::DeltaSeconds;
use crate::header::delta::from_delta;
use crate::header::params::Params;
use crate::header::render::{Render, write_comment};
use crate::syntax::check_text;

params_header!(
    /// `Retry-After: 18000;duration=3600` or `Retry-After: 120 (I'm in a meeting)` — seconds to wait, an
    /// optional comment and an optional `duration` (RFC 3261 §20.33, §25.1 `retry-after`).
    ///
    /// # Example
    ///
    /// ```
    /// use sip_codes::header::RetryAfter;
    ///
    /// assert_eq!(RetryAfter::from(18000).with_duration(3600).to_string(), "18000;duration=3600");
    /// let r = RetryAfter::new(120).with_comment("I'm in a meeting")?;
    /// assert_eq!(r.to_string(), "120 (I'm in a meeting)");
    /// # Ok::<(), sip_codes::Error>(())
    /// ```
    RetryAfter {
        delta: DeltaSeconds,
        comment: Option<Box<str>>,
    },
    reserved = ["duration"],
    typed,
);

impl RetryAfter {
    /// Retry after `secs` seconds.
    pub fn new(secs: u32) -> Self {
        RetryAfter {
            delta: DeltaSeconds(secs),
            comment: None,
            params: Params::new(),
        }
    }

    /// Sets the comment (RFC 3261 §25.1 `comment`); CR, LF, NUL and other control characters are rejected,
    /// parentheses and backslashes are escaped when written.
    pub fn with_comment(mut self, comment: &str) -> Result<Self, Error> {
        check_text(comment, "comment")?;
        self.comment = Some(comment.into());
        Ok(self)
    }

    /// Sets `;duration=` — how long the callee will be available, in seconds (RFC 3261 §20.33).
    #[must_use]
    pub fn with_duration(mut self, secs: u32) -> Self {
        self.params.set_number("duration", secs);
        self
    }

    /// The number of seconds.
    pub fn seconds(&self) -> u32 {
        self.delta.0
    }

    fn render_value(&self, out: &mut String) {
        self.delta.render(out);
        if let Some(comment) = &self.comment {
            out.push(' ');
            write_comment(out, comment);
        }
    }
}

from_delta!(RetryAfter);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_rfc_examples() {
        // RFC 3261 §20.33.
        assert_eq!(
            RetryAfter::from(18000).with_duration(3600).to_string(),
            "18000;duration=3600"
        );
        assert_eq!(
            RetryAfter::new(120)
                .with_comment("I'm in a meeting")
                .unwrap()
                .to_string(),
            "120 (I'm in a meeting)"
        );
        assert_eq!(
            RetryAfter::new(5)
                .with_comment("a (b)")
                .unwrap()
                .with_duration(1)
                .to_string(),
            r"5 (a \(b\));duration=1"
        );
    }

    #[test]
    fn rejects_invalid() {
        for bad in ["a\rb", "a\nb", "a\0b"] {
            assert!(RetryAfter::new(1).with_comment(bad).is_err(), "{bad:?}");
            assert!(RetryAfter::new(1).with_param(bad, "v").is_err(), "{bad:?}");
            assert!(RetryAfter::new(1).with_param("n", bad).is_err(), "{bad:?}");
        }
        assert!(RetryAfter::new(1).with_param("duration", "2").is_err());
    }
}
