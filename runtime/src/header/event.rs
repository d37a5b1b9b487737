//! Event packages (RFC 6665 §8.2.1, §8.4): the Event header and Allow-Events.

use crate::Error;
use crate::header::params::Params;
use crate::header::render::Render;
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

token_type!(
    /// An event type: a package with optional templates, `presence` or `presence.winfo` (RFC 6665 §8.4).
    ///
    /// # Example
    ///
    /// ```
    /// use sip_codes_runtime::header::EventType;
    ///
    /// assert_eq!(EventType::new("presence.winfo")?.as_str(), "presence.winfo");
    /// assert!(EventType::new("presence.").is_err());
    /// # Ok::<(), sip_codes_runtime::Error>(())
    /// ```
    EventType,
    check_event_type
);

impl EventType {
    /// `presence` (RFC 3856).
    pub const PRESENCE: EventType = EventType::from_static("presence");
    /// `dialog` (RFC 4235).
    pub const DIALOG: EventType = EventType::from_static("dialog");
    /// `message-summary` (RFC 3842).
    pub const MESSAGE_SUMMARY: EventType = EventType::from_static("message-summary");
    /// `refer` (RFC 3515).
    pub const REFER: EventType = EventType::from_static("refer");
    /// `reg` (RFC 3680).
    pub const REG: EventType = EventType::from_static("reg");
    /// `conference` (RFC 4575).
    pub const CONFERENCE: EventType = EventType::from_static("conference");
}

/// `Event: presence;id=1` — the event package of a subscription or notification (RFC 6665 §8.2.1).
///
/// # Example
///
/// ```
/// use sip_codes_runtime::header::{Event, EventType};
///
/// assert_eq!(Event::from(EventType::PRESENCE).to_string(), "presence");
/// assert_eq!(Event::try_from("dialog")?.with_id("453")?.to_string(), "dialog;id=453");
/// # Ok::<(), sip_codes_runtime::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Event {
    event_type: EventType,
    params: Params,
}

impl Event {
    /// An Event of `event_type` without parameters.
    pub fn new(event_type: EventType) -> Self {
        Event {
            event_type,
            params: Params::new(),
        }
    }

    /// Sets `;id=` (a `token`, RFC 6665 §8.4).
    pub fn with_id(mut self, id: &str) -> Result<Self, Error> {
        check_token(id, "event id")?;
        self.params.set_token("id", id);
        Ok(self)
    }

    /// Sets an extension parameter (`generic-param`); `id` has its own method.
    pub fn with_param(mut self, name: &str, value: &str) -> Result<Self, Error> {
        self.params.set_generic(name, Some(value), &["id"])?;
        Ok(self)
    }

    /// The event type.
    pub fn event_type(&self) -> &EventType {
        &self.event_type
    }
}

impl From<EventType> for Event {
    fn from(event_type: EventType) -> Self {
        Event::new(event_type)
    }
}

impl TryFrom<&str> for Event {
    type Error = Error;

    /// An Event of the event type `s`.
    fn try_from(s: &str) -> Result<Self, Error> {
        EventType::new(s).map(Event::new)
    }
}

impl Render for Event {
    fn render(&self, out: &mut String) {
        self.event_type.render(out);
        self.params.render(out);
    }
}

typed_header!(Event, "Event");

list_header!(
    /// `Allow-Events: presence, dialog` — the event packages the sender supports (RFC 6665 §8.2.2); MUST
    /// be in a 489 Bad Event (§8.3.2). The grammar wants at least one event type.
    ///
    /// # Example
    ///
    /// ```
    /// use sip_codes_runtime::header::{AllowEvents, EventType};
    ///
    /// let a = AllowEvents::from([EventType::PRESENCE, EventType::DIALOG]);
    /// assert_eq!(a.to_string(), "presence, dialog");
    /// ```
    AllowEvents,
    EventType,
    "Allow-Events"
);

#[cfg(test)]
mod tests {
    use super::*;
    use crate::header::TypedHeader;

    #[test]
    fn renders() {
        assert_eq!(Event::from(EventType::PRESENCE).to_string(), "presence");
        assert_eq!(
            Event::try_from("presence.winfo").unwrap().to_string(),
            "presence.winfo"
        );
        assert_eq!(
            Event::new(EventType::REFER)
                .with_id("93809824")
                .unwrap()
                .to_string(),
            "refer;id=93809824"
        );
        assert_eq!(
            AllowEvents::from(vec![EventType::REG, EventType::CONFERENCE]).to_string(),
            "reg, conference"
        );
        assert_eq!(Event::NAME, "Event");
        assert_eq!(AllowEvents::NAME, "Allow-Events");
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
    }

    #[test]
    fn rejects_invalid() {
        for bad in ["", "a b", "a\r", "a\n", "a\0", ".a", "a..b", "a.", "a;id=1"] {
            assert!(EventType::new(bad).is_err(), "{bad:?}");
            assert!(Event::try_from(bad).is_err(), "{bad:?}");
        }
        let e = Event::from(EventType::PRESENCE);
        for bad in ["", "a b", "a\r", "a\n", "a\0"] {
            assert!(e.clone().with_id(bad).is_err(), "{bad:?}");
            assert!(e.clone().with_param(bad, "v").is_err(), "{bad:?}");
        }
        assert!(e.with_param("id", "1").is_err());
    }
}
