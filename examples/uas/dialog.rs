//! The dialogs this UAS established (RFC 3261 §12), bounded: at most `--max-dialogs` at once, and each
//! forgotten `--dialog-max-secs` after it started if no BYE ended it, so calls that are never hung up
//! cannot grow the table without end. This UAS sends no requests, so it cannot end such a call with a
//! BYE of its own (RFC 3261 §13.3.1.4 asks for one when the ACK never comes); it forgets it, and a late
//! BYE gets 481.

use sip_codes::StatusCode;
use sip_codes::behaviour::DialogEffect;
use sip_codes::header::Method;
use std::collections::{HashMap, VecDeque};
use std::time::{Duration, Instant};

/// A dialog's key: the Call-ID and the local (To) tag.
pub type DialogKey = (String, String);

struct Entry {
    remote_tag: String,
    started: Instant,
}

pub struct Dialogs {
    map: HashMap<DialogKey, Entry>,
    /// Keys in order of start, for expiry; an entry whose dialog ended or restarted is stale and skipped.
    order: VecDeque<(Instant, DialogKey)>,
    max: usize,
    max_age: Duration,
}

impl Dialogs {
    pub fn new(max: usize, max_age: Duration) -> Self {
        Self {
            map: HashMap::new(),
            order: VecDeque::new(),
            max,
            max_age,
        }
    }

    /// Forgets every dialog older than the maximum age; returns how many.
    pub fn expire(&mut self, now: Instant) -> usize {
        let mut expired = 0;
        while let Some((started, _)) = self.order.front() {
            if now.saturating_duration_since(*started) < self.max_age {
                break;
            }
            let Some((started, key)) = self.order.pop_front() else {
                break;
            };
            if self.map.get(&key).is_some_and(|e| e.started == started) {
                self.map.remove(&key);
                expired += 1;
            }
        }
        expired
    }

    /// Whether a new dialog would be refused (after forgetting the expired ones).
    pub fn is_full(&mut self, key: &DialogKey) -> bool {
        self.expire(Instant::now());
        !self.map.contains_key(key) && self.map.len() >= self.max
    }

    /// Starts (or restarts) a dialog; `false` when the table is full.
    pub fn insert(&mut self, key: DialogKey, remote_tag: String) -> bool {
        if self.is_full(&key) {
            return false;
        }
        let started = Instant::now();
        self.order.push_back((started, key.clone()));
        self.map.insert(
            key,
            Entry {
                remote_tag,
                started,
            },
        );
        // Stale keys (ended dialogs) wait in `order` until they reach its front; when they outnumber
        // the live ones, drop them, so `order` stays within twice the table.
        if self.order.len() > 2 * self.map.len() + 64 {
            let map = &self.map;
            self.order
                .retain(|(t, k)| map.get(k).is_some_and(|e| e.started == *t));
        }
        true
    }

    /// The remote tag of a dialog, if it is known.
    pub fn remote_tag(&self, key: &DialogKey) -> Option<&str> {
        self.map.get(key).map(|e| e.remote_tag.as_str())
    }

    pub fn remove(&mut self, key: &DialogKey) -> bool {
        self.map.remove(key).is_some()
    }

    pub fn len(&self) -> usize {
        self.map.len()
    }

    /// Seconds until the oldest dialog expires (at least 1): a fair Retry-After when the table is full.
    pub fn retry_after(&self) -> u32 {
        let oldest = self
            .order
            .iter()
            .find(|(t, k)| self.map.get(k).is_some_and(|e| e.started == *t))
            .map(|(t, _)| *t);
        let left = oldest.map_or(Duration::ZERO, |t| self.max_age.saturating_sub(t.elapsed()));
        left.as_secs().clamp(1, 3600) as u32
    }
}

/// Whether a final response of `code` to a `method` request inside a dialog ends it, as RFC 5057 §5.1
/// says (`StatusCode::usage_effect`): a failure that destroys the dialog (481 to anything but CANCEL, 408
/// and 480 to BYE...) or the usage the request belongs to (a 487 or 503 does not; a 405 or 501 only to a
/// method of the usage). Each dialog here has one usage, the invite session, and a dialog ends with its
/// last usage (RFC 5057 §5.3); the 2xx to a BYE ends it too (RFC 3261 §15.1.2).
pub fn ends_dialog(code: u16, method: &Method) -> bool {
    if (200..300).contains(&code) {
        return *method == Method::Bye;
    }
    let Ok(code) = StatusCode::interpret(code) else {
        return false;
    };
    matches!(
        code.usage_effect(method),
        DialogEffect::Usage | DialogEffect::Dialog
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn what_ends_a_dialog() {
        assert!(ends_dialog(200, &Method::Bye));
        assert!(!ends_dialog(200, &Method::Invite));
        assert!(ends_dialog(481, &Method::Bye));
        assert!(
            !ends_dialog(481, &Method::Cancel),
            "481 to CANCEL: the transaction only"
        );
        assert!(
            !ends_dialog(488, &Method::Invite),
            "a re-INVITE's 488 keeps the session"
        );
        assert!(!ends_dialog(491, &Method::Invite));
        assert!(!ends_dialog(180, &Method::Invite));
    }

    fn key(n: u32) -> DialogKey {
        (format!("call{n}"), format!("tag{n}"))
    }

    #[test]
    fn cap_and_expiry() {
        let mut d = Dialogs::new(2, Duration::from_millis(50));
        assert!(d.insert(key(1), "r1".into()));
        assert!(d.insert(key(2), "r2".into()));
        assert!(!d.insert(key(3), "r3".into()), "full");
        assert!(d.insert(key(2), "r2b".into()), "a known dialog may restart");
        assert!(d.remove(&key(1)));
        assert!(d.insert(key(3), "r3".into()));
        std::thread::sleep(Duration::from_millis(60));
        assert_eq!(d.expire(Instant::now()), 2);
        assert_eq!(d.len(), 0);
        assert!(d.remote_tag(&key(3)).is_none());
    }

    #[test]
    fn stale_order_entries_stay_bounded() {
        let mut d = Dialogs::new(10, Duration::from_secs(3600));
        for n in 0..10_000 {
            assert!(d.insert(key(n), "r".into()));
            d.remove(&key(n));
        }
        assert!(d.order.len() <= 2 * d.len() + 65, "{}", d.order.len());
    }
}
