//! Option tags (RFC 3261 §19.2) and the headers that list them: Require (§20.32), Supported (§20.37) and
//! Unsupported (§20.40).

use crate::syntax::check_token;

validated_str!(
    /// An option tag, a `token` naming a SIP extension (RFC 3261 §19.2; the IANA "Option Tags" registry).
    /// Compared case-sensitively.
    ///
    /// # Example
    ///
    /// ```
    /// use sip_codes::header::OptionTag;
    ///
    /// assert_eq!(OptionTag::REL_100.as_str(), "100rel");
    /// assert_eq!(OptionTag::new("foo").unwrap().to_string(), "foo");
    /// assert!(OptionTag::new("foo\r\nX: y").is_err());
    /// ```
    OptionTag: new(borrowed),
    check = |s| check_token(s, "option tag"),
);

impl OptionTag {
    /// `100rel`: reliable provisional responses (RFC 3262).
    pub const REL_100: OptionTag = OptionTag::known("100rel");
    /// `199`: the 199 Early Dialog Terminated response (RFC 6228).
    pub const EARLY_DIALOG_TERMINATED: OptionTag = OptionTag::known("199");
    /// `answermode`: the Answer-Mode header (RFC 5373).
    pub const ANSWERMODE: OptionTag = OptionTag::known("answermode");
    /// `early-session`: early-session disposition (RFC 3959).
    pub const EARLY_SESSION: OptionTag = OptionTag::known("early-session");
    /// `eventlist`: resource lists in SUBSCRIBE (RFC 4662).
    pub const EVENTLIST: OptionTag = OptionTag::known("eventlist");
    /// `from-change`: From/To changes in a dialog (RFC 4916).
    pub const FROM_CHANGE: OptionTag = OptionTag::known("from-change");
    /// `gruu`: globally routable UA URIs (RFC 5627).
    pub const GRUU: OptionTag = OptionTag::known("gruu");
    /// `histinfo`: the History-Info header (RFC 7044).
    pub const HISTINFO: OptionTag = OptionTag::known("histinfo");
    /// `ice`: Interactive Connectivity Establishment (RFC 5768).
    pub const ICE: OptionTag = OptionTag::known("ice");
    /// `join`: the Join header (RFC 3911).
    pub const JOIN: OptionTag = OptionTag::known("join");
    /// `multiple-refer`: REFER with several targets (RFC 5368).
    pub const MULTIPLE_REFER: OptionTag = OptionTag::known("multiple-refer");
    /// `norefersub`: REFER without implicit subscription (RFC 4488).
    pub const NOREFERSUB: OptionTag = OptionTag::known("norefersub");
    /// `outbound`: client-initiated connections (RFC 5626).
    pub const OUTBOUND: OptionTag = OptionTag::known("outbound");
    /// `path`: the Path header (RFC 3327).
    pub const PATH: OptionTag = OptionTag::known("path");
    /// `precondition`: preconditions (RFC 3312).
    pub const PRECONDITION: OptionTag = OptionTag::known("precondition");
    /// `pref`: caller preferences (RFC 3840).
    pub const PREF: OptionTag = OptionTag::known("pref");
    /// `privacy`: the privacy mechanism (RFC 3323).
    pub const PRIVACY: OptionTag = OptionTag::known("privacy");
    /// `replaces`: the Replaces header (RFC 3891).
    pub const REPLACES: OptionTag = OptionTag::known("replaces");
    /// `resource-priority`: the Resource-Priority header (RFC 4412).
    pub const RESOURCE_PRIORITY: OptionTag = OptionTag::known("resource-priority");
    /// `sec-agree`: security agreement (RFC 3329).
    pub const SEC_AGREE: OptionTag = OptionTag::known("sec-agree");
    /// `tdialog`: the Target-Dialog header (RFC 4538).
    pub const TDIALOG: OptionTag = OptionTag::known("tdialog");
    /// `timer`: session timers (RFC 4028).
    pub const TIMER: OptionTag = OptionTag::known("timer");
}

list_header!(
    /// `Require: 100rel` — the extensions the peer must support (RFC 3261 §20.32). The grammar wants at
    /// least one option tag; an empty list renders an empty value.
    ///
    /// # Example
    ///
    /// ```
    /// use sip_codes::header::{OptionTag, Require};
    ///
    /// assert_eq!(Require::from(OptionTag::REL_100).to_string(), "100rel");
    /// ```
    Require,
    OptionTag
);

list_header!(
    /// `Supported: 100rel, timer` — the extensions the sender supports (RFC 3261 §20.37). An empty list is
    /// valid.
    ///
    /// # Example
    ///
    /// ```
    /// use sip_codes::header::{OptionTag, Supported};
    ///
    /// let s = Supported::from([OptionTag::REL_100, OptionTag::TIMER]);
    /// assert_eq!(s.to_string(), "100rel, timer");
    /// ```
    Supported,
    OptionTag
);

list_header!(
    /// `Unsupported: foo` — the extensions of the request's Require that the server does not support;
    /// MUST be in a 420 Bad Extension (RFC 3261 §20.40, §21.4.15). The grammar wants at least one option
    /// tag; an empty list renders an empty value.
    ///
    /// # Example
    ///
    /// ```
    /// use sip_codes::header::{OptionTag, Unsupported};
    ///
    /// let u = Unsupported::from(OptionTag::new("foo").unwrap());
    /// assert_eq!(u.to_string(), "foo");
    /// ```
    Unsupported,
    OptionTag
);

#[cfg(test)]
mod tests {
    use super::*;

    use crate::syntax::is_token;

    #[test]
    fn constants_are_tokens() {
        for tag in [
            OptionTag::REL_100,
            OptionTag::EARLY_DIALOG_TERMINATED,
            OptionTag::ANSWERMODE,
            OptionTag::EARLY_SESSION,
            OptionTag::EVENTLIST,
            OptionTag::FROM_CHANGE,
            OptionTag::GRUU,
            OptionTag::HISTINFO,
            OptionTag::ICE,
            OptionTag::JOIN,
            OptionTag::MULTIPLE_REFER,
            OptionTag::NOREFERSUB,
            OptionTag::OUTBOUND,
            OptionTag::PATH,
            OptionTag::PRECONDITION,
            OptionTag::PREF,
            OptionTag::PRIVACY,
            OptionTag::REPLACES,
            OptionTag::RESOURCE_PRIORITY,
            OptionTag::SEC_AGREE,
            OptionTag::TDIALOG,
            OptionTag::TIMER,
        ] {
            assert!(is_token(tag.as_str()), "{tag}");
            assert_eq!(OptionTag::new(tag.as_str()).unwrap(), tag);
        }
    }

    #[test]
    fn renders_rfc_examples() {
        // RFC 3261 §20.32, §20.37, §20.40.
        assert_eq!(Require::from(OptionTag::REL_100).to_string(), "100rel");
        assert_eq!(Supported::from(OptionTag::REL_100).to_string(), "100rel");
        assert_eq!(
            Unsupported::from(OptionTag::new("foo").unwrap()).to_string(),
            "foo"
        );
        let s: Supported = [OptionTag::REL_100, OptionTag::TIMER, OptionTag::PATH]
            .into_iter()
            .collect();
        assert_eq!(s.to_string(), "100rel, timer, path");
        assert_eq!(Supported::new([]).to_string(), "");
        assert_eq!(Require::from(vec![OptionTag::TIMER]).to_string(), "timer");
    }

    #[test]
    fn rejects_invalid() {
        for bad in ["", "a b", "a\r", "a\n", "a\0", "a,b", "a;b", "\u{e9}"] {
            assert!(OptionTag::new(bad).is_err(), "{bad:?}");
            assert!(OptionTag::try_from(bad).is_err(), "{bad:?}");
            assert!(bad.parse::<OptionTag>().is_err(), "{bad:?}");
        }
    }
}
