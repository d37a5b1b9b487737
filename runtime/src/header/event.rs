//! Event packages (RFC 6665 §8.4) and the Allow-Events header (§8.2.2). (The Event header is for requests:
//! responses never carry it, RFC 6665 §8.2.1, so it has no value type here.)

use crate::Error;
use crate::syntax::check_token;

/// Checks `event-type = event-package *( "." event-template )`, both `token-nodot` (RFC 6665 §8.4): a
/// token whose dot-separated parts are non-empty.
fn check_event_type(s: &str) -> Result<(), Error> {
    check_token(s, "event type")?;
    if s.split('.').any(str::is_empty) {
        return Err(Error::syntax("event type", "empty part between dots"));
    }
    Ok(())
}

validated_str!(
    /// An event type: a package with optional templates, `presence` or `presence.winfo` (RFC 6665 §8.4).
    ///
    /// # Example
    ///
    /// ```
    /// use sip_codes::header::EventType;
    ///
    /// assert_eq!(EventType::new("presence.winfo")?.as_str(), "presence.winfo");
    /// assert!(EventType::new("presence.").is_err());
    /// # Ok::<(), sip_codes::Error>(())
    /// ```
    EventType: new(borrowed),
    check = check_event_type,
);

impl EventType {
    /// `presence` (RFC 3856).
    pub const PRESENCE: EventType = EventType::known("presence");
    /// `dialog` (RFC 4235).
    pub const DIALOG: EventType = EventType::known("dialog");
    /// `message-summary` (RFC 3842).
    pub const MESSAGE_SUMMARY: EventType = EventType::known("message-summary");
    /// `refer` (RFC 3515).
    pub const REFER: EventType = EventType::known("refer");
    /// `reg` (RFC 3680).
    pub const REG: EventType = EventType::known("reg");
    /// `conference` (RFC 4575).
    pub const CONFERENCE: EventType = EventType::known("conference");
}

list_header!(
    /// `Allow-Events: presence, dialog` — the event packages the sender supports (RFC 6665 §8.2.2); MUST
    /// be in a 489 Bad Event (§8.3.2). The grammar wants at least one event type.
    ///
    /// # Example
    ///
    /// ```
    /// use sip_codes::header::{AllowEvents, EventType};
    ///
    /// let a = AllowEvents::from([EventType::PRESENCE, EventType::DIALOG]);
    /// assert_eq!(a.to_string(), "presence, dialog");
    /// ```
    AllowEvents,
    EventType
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders() {
        assert_eq!(
            AllowEvents::from(vec![EventType::REG, EventType::CONFERENCE]).to_string(),
            "reg, conference"
        );
        for c in [
            EventType::PRESENCE,
            EventType::DIALOG,
            EventType::MESSAGE_SUMMARY,
            EventType::REFER,
            EventType::REG,
            EventType::CONFERENCE,
        ] {
            assert_eq!(EventType::new(c.as_str()).unwrap(), c);
        }
        assert_eq!(
            EventType::new("presence.winfo").unwrap().as_str(),
            "presence.winfo"
        );
    }

    #[test]
    fn rejects_invalid() {
        for bad in ["", "a b", "a\r", "a\n", "a\0", ".a", "a..b", "a.", "a;id=1"] {
            assert!(EventType::new(bad).is_err(), "{bad:?}");
        }
    }
}
