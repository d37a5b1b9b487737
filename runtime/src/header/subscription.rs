//! Subscription-State (RFC 6665 §8.2.3): the state of a subscription, carried by NOTIFY.

use crate::Error;
use crate::header::params::Params;
use crate::header::render::Render;
use crate::syntax::check_token;

/// The state of a subscription (RFC 6665 §8.4 `substate-value`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SubState {
    /// `active`: the subscription has been accepted.
    Active,
    /// `pending`: the subscription has been received but not yet accepted.
    Pending,
    /// `terminated`: the subscription has ended.
    Terminated,
}

impl SubState {
    /// The value as written on the wire.
    pub const fn as_str(self) -> &'static str {
        match self {
            SubState::Active => "active",
            SubState::Pending => "pending",
            SubState::Terminated => "terminated",
        }
    }
}

impl Render for SubState {
    fn render(&self, out: &mut String) {
        out.push_str(self.as_str());
    }
}

fn check_event_reason(s: &str) -> Result<(), Error> {
    check_token(s, "event reason")
}

token_type!(
    /// Why a subscription was terminated (RFC 6665 §8.4 `event-reason-value`).
    ///
    /// # Example
    ///
    /// ```
    /// use sip_codes_runtime::header::EventReason;
    ///
    /// assert_eq!(EventReason::TIMEOUT.as_str(), "timeout");
    /// assert!(EventReason::new("time out").is_err());
    /// ```
    EventReason,
    check_event_reason
);

impl EventReason {
    /// `deactivated`: the subscriber should retry immediately (RFC 6665 §4.1.3).
    pub const DEACTIVATED: EventReason = EventReason::from_static("deactivated");
    /// `probation`: the subscriber should retry later (RFC 6665 §4.1.3).
    pub const PROBATION: EventReason = EventReason::from_static("probation");
    /// `rejected`: the subscription was refused (RFC 6665 §4.1.3).
    pub const REJECTED: EventReason = EventReason::from_static("rejected");
    /// `timeout`: the subscription was not refreshed in time (RFC 6665 §4.1.3).
    pub const TIMEOUT: EventReason = EventReason::from_static("timeout");
    /// `giveup`: the notifier gave up waiting for authorization (RFC 6665 §4.1.3).
    pub const GIVEUP: EventReason = EventReason::from_static("giveup");
    /// `noresource`: the resource no longer exists (RFC 6665 §4.1.3).
    pub const NORESOURCE: EventReason = EventReason::from_static("noresource");
    /// `invariant`: the resource state will not change (RFC 6665 §4.1.3).
    pub const INVARIANT: EventReason = EventReason::from_static("invariant");
}

/// `Subscription-State: active;expires=3600` or `terminated;reason=timeout` (RFC 6665 §8.2.3, §8.4).
///
/// # Example
///
/// ```
/// use sip_codes_runtime::header::{EventReason, SubscriptionState};
///
/// assert_eq!(SubscriptionState::active(3600).to_string(), "active;expires=3600");
/// let t = SubscriptionState::terminated().with_reason(EventReason::PROBATION).with_retry_after(60);
/// assert_eq!(t.to_string(), "terminated;reason=probation;retry-after=60");
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SubscriptionState {
    state: SubState,
    params: Params,
}

const RESERVED: &[&str] = &["expires", "reason", "retry-after"];

impl SubscriptionState {
    /// A state without parameters.
    pub fn new(state: SubState) -> Self {
        SubscriptionState {
            state,
            params: Params::new(),
        }
    }

    /// `active;expires=<secs>`.
    pub fn active(expires: u32) -> Self {
        SubscriptionState::new(SubState::Active).with_expires(expires)
    }

    /// `pending;expires=<secs>`.
    pub fn pending(expires: u32) -> Self {
        SubscriptionState::new(SubState::Pending).with_expires(expires)
    }

    /// `terminated`.
    pub fn terminated() -> Self {
        SubscriptionState::new(SubState::Terminated)
    }

    /// Sets `;expires=` (RFC 6665 §8.4).
    #[must_use]
    pub fn with_expires(mut self, secs: u32) -> Self {
        self.params.set_number("expires", secs);
        self
    }

    /// Sets `;reason=` (RFC 6665 §8.4).
    #[must_use]
    pub fn with_reason(mut self, reason: EventReason) -> Self {
        self.params.set_token("reason", reason.as_str());
        self
    }

    /// Sets `;retry-after=` (RFC 6665 §8.4).
    #[must_use]
    pub fn with_retry_after(mut self, secs: u32) -> Self {
        self.params.set_number("retry-after", secs);
        self
    }

    /// Sets an extension parameter (`generic-param`); `expires`, `reason` and `retry-after` have their own
    /// methods.
    pub fn with_param(mut self, name: &str, value: &str) -> Result<Self, Error> {
        self.params.set_generic(name, Some(value), RESERVED)?;
        Ok(self)
    }

    /// The state.
    pub fn state(&self) -> SubState {
        self.state
    }
}

impl From<SubState> for SubscriptionState {
    fn from(state: SubState) -> Self {
        SubscriptionState::new(state)
    }
}

impl Render for SubscriptionState {
    fn render(&self, out: &mut String) {
        self.state.render(out);
        self.params.render(out);
    }
}

render_display!(SubState);
typed_header!(SubscriptionState, "Subscription-State");

#[cfg(test)]
mod tests {
    use super::*;
    use crate::header::TypedHeader;

    #[test]
    fn renders_rfc_examples() {
        assert_eq!(
            SubscriptionState::active(60).to_string(),
            "active;expires=60"
        );
        assert_eq!(
            SubscriptionState::pending(600).to_string(),
            "pending;expires=600"
        );
        assert_eq!(
            SubscriptionState::terminated()
                .with_reason(EventReason::TIMEOUT)
                .to_string(),
            "terminated;reason=timeout"
        );
        assert_eq!(
            SubscriptionState::terminated()
                .with_reason(EventReason::REJECTED)
                .with_reason(EventReason::NORESOURCE)
                .to_string(),
            "terminated;reason=noresource"
        );
        assert_eq!(SubscriptionState::NAME, "Subscription-State");
        for r in [
            EventReason::DEACTIVATED,
            EventReason::PROBATION,
            EventReason::REJECTED,
            EventReason::TIMEOUT,
            EventReason::GIVEUP,
            EventReason::NORESOURCE,
            EventReason::INVARIANT,
        ] {
            assert_eq!(EventReason::new(r.as_str()).unwrap(), r);
        }
    }

    #[test]
    fn rejects_invalid() {
        for bad in ["", "a b", "a\r", "a\n", "a\0"] {
            assert!(EventReason::new(bad).is_err(), "{bad:?}");
            assert!(
                SubscriptionState::terminated()
                    .with_param(bad, "v")
                    .is_err()
            );
        }
        assert!(
            SubscriptionState::terminated()
                .with_param("n", "a\r\nb")
                .is_err()
        );
        assert!(
            SubscriptionState::terminated()
                .with_param("reason", "x")
                .is_err()
        );
    }
}
