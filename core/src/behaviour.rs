//! What a code means beyond its headers, as the RFCs state it: what it does to a dialog and its usages
//! (RFC 5057), what a client does next, how a stateful proxy treats it (RFC 3261 §16.7), what Retry-After
//! means on it, and who sends it. The spec carries each fact with its citation; a generated `StatusCode`
//! keeps them in its table.

use crate::sentence::Citation;

/// A fact about a code and the RFC section (or spec source) that states it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Fact<T> {
    /// The fact.
    pub value: T,
    /// Where it is stated.
    pub citation: Citation<'static>,
}

/// Every behaviour fact of one code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Behaviour {
    /// What the response does to the dialog and its usages when it answers a request inside one.
    pub dialog: Fact<DialogEffect>,
    /// Methods for which the dialog effect differs from `dialog` (481 to CANCEL affects the transaction only).
    pub dialog_exceptions: &'static [(&'static [&'static str], DialogEffect)],
    /// What the client does next.
    pub uac: Fact<UacAction>,
    /// How a stateful proxy treats it among the responses of its branches.
    pub proxy: Fact<ProxyHandling>,
    /// What a Retry-After header means on it, where an RFC gives it a meaning.
    pub retry_after: Option<Fact<RetryAfterMeaning>>,
    /// Who sends it, where an RFC says.
    pub sent_by: Option<Fact<SentBy>>,
}

macro_rules! keyword_enum {
    ($(#[$meta:meta])* pub enum $name:ident { $($(#[$vmeta:meta])* $variant:ident = $word:literal,)* }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        #[non_exhaustive]
        pub enum $name {
            $($(#[$vmeta])* $variant,)*
        }

        impl $name {
            /// Every value, in the order of the variants.
            pub const ALL: &'static [$name] = &[$($name::$variant),*];

            /// The spec's word for the value (`"destroys-usage"`).
            pub const fn keyword(self) -> &'static str {
                match self {
                    $($name::$variant => $word,)*
                }
            }

            /// The value a spec word names.
            pub fn from_keyword(word: &str) -> Option<$name> {
                Self::ALL.iter().copied().find(|v| v.keyword() == word)
            }
        }

        impl core::fmt::Display for $name {
            fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
                f.write_str(self.keyword())
            }
        }
    };
}
keyword_enum! {
    /// What a response to a request inside a dialog does to the dialog and its usages (RFC 5057 §5.1:
    /// "Transaction Only", "Destroys Usage", "Destroys Dialog").
    pub enum DialogEffect {
        /// Not a failure: a provisional, success or redirection response (RFC 5057 §5.1 surveys the
        /// failures, codes 400 and greater).
        None = "none",
        /// The failure affects only the transaction; the usage and the dialog go on.
        Transaction = "transaction",
        /// The failure ends the usage the request belongs to (its invite session, or its
        /// subscription), not the dialog; other usages sharing the dialog are not affected.
        Usage = "usage",
        /// The failure ends the dialog and every usage sharing it.
        Dialog = "dialog",
        /// The response ends the early dialog its To tag identifies, not the others (199, RFC 6228 §4).
        EarlyDialog = "early-dialog",
        /// Ends the usage when the request is part of it, only the transaction otherwise (405 and 501,
        /// RFC 5057 §5.1 note 3): see [`DialogEffect::for_method`].
        UsageIfIntegral = "usage-if-integral",
    }
}

impl DialogEffect {
    /// The effect of a response with this effect to a request of `method`: a request that belongs to no
    /// usage (OPTIONS, MESSAGE, an extension method: RFC 5057 §5.3) loses only its transaction where
    /// the effect is on the usage; and a `UsageIfIntegral` effect ends the usage only for the methods
    /// that make or run one (INVITE, ACK, BYE, UPDATE, PRACK, SUBSCRIBE, NOTIFY, REFER).
    pub fn for_method(self, method: &str) -> DialogEffect {
        let in_usage = matches!(
            method,
            "INVITE" | "ACK" | "BYE" | "UPDATE" | "PRACK" | "SUBSCRIBE" | "NOTIFY" | "REFER"
        );
        match self {
            DialogEffect::Usage | DialogEffect::UsageIfIntegral if !in_usage => {
                DialogEffect::Transaction
            }
            DialogEffect::UsageIfIntegral => DialogEffect::Usage,
            other => other,
        }
    }
}

keyword_enum! {
    /// What a client does after receiving the response (RFC 3261 §8.1.3 and the RFC of each code).
    pub enum UacAction {
        /// No RFC states an action beyond what the code means.
        None = "none",
        /// Wait for the final response (a provisional response).
        Wait = "wait",
        /// The request succeeded; the method says what follows.
        Done = "done",
        /// Treat it as a 200 (202 to SUBSCRIBE, NOTIFY and REFER, RFC 6665 §8.3.1).
        TreatAsOk = "treat-as-ok",
        /// Keep the subscription and event state as they are (204, RFC 5839 §5.2).
        KeepState = "keep-state",
        /// Release the early dialog: no BYE, no more media or requests on it (199, RFC 6228 §4, §7).
        ReleaseEarlyDialog = "release-early-dialog",
        /// Retry at the addresses in Contact (3xx, RFC 3261 §8.1.3.4; q order is a common mechanism).
        FollowContacts = "follow-contacts",
        /// Ask the user to choose among the Contacts (300 may, 485 must: RFC 3261 §21.3.1, §21.4.23).
        AskUser = "ask-user",
        /// Repeat this one request through the proxy in Contact (305, RFC 3261 §21.3.4).
        UseProxy = "use-proxy",
        /// Retry with credentials for the challenge, CSeq one higher (401, 407: RFC 3261 §8.1.3.5, §22).
        RetryWithCredentials = "retry-with-credentials",
        /// Retry without the body or with a smaller one (413, RFC 3261 §8.1.3.5).
        RetrySmaller = "retry-smaller",
        /// Retry with the content types, encodings and languages the response accepts (415).
        RetryAcceptedContent = "retry-accepted-content",
        /// Retry with a SIP URI (416, RFC 3261 §8.1.3.5).
        RetrySipUri = "retry-sip-uri",
        /// Retry without the extensions listed in Unsupported (420, RFC 3261 §8.1.3.5).
        RetryWithoutExtensions = "retry-without-extensions",
        /// Retry with the extensions listed in Require (421).
        RetryWithExtensions = "retry-with-extensions",
        /// Retry with a Session-Expires at least the Min-SE given (422, RFC 4028 §7.3, §7.4).
        RetryLongerSession = "retry-longer-session",
        /// Retry with an expiration at least the Min-Expires given (423, RFC 3261 §10.2.8, RFC 3903 §5).
        RetryLongerExpires = "retry-longer-expires",
        /// Retry with what the code's RFC names (a Content-Length, a Referred-By token, a location, …).
        RetryAsDescribed = "retry-as-described",
        /// Publish afresh, without the condition that failed (412, RFC 3903 §5).
        RetryUnconditional = "retry-unconditional",
        /// Send the address again with more digits (484, overlap dialing: RFC 3261 §21.4.22, RFC 3578).
        AddDigits = "add-digits",
        /// Start the security mechanism with the highest q in Security-Server, then resend (494, RFC 3329).
        StartSecurityMechanism = "start-security-mechanism",
        /// Retry once after a random back-off (491, RFC 3261 §14.1; RFC 3311 §5.3 for UPDATE).
        RetryAfterBackoff = "retry-after-backoff",
        /// The request may be repeated unchanged later (408, 500: RFC 3261 §21.4.9, §21.5.1).
        RetryLater = "retry-later",
        /// Try an alternate server, and avoid this one for the Retry-After time (503: RFC 3261 §21.5.4,
        /// RFC 3263 §4.3).
        TryAlternateServer = "try-alternate-server",
        /// End the dialog (481 to a request inside one, RFC 3261 §12.2.1.2, §15.1.1).
        EndDialog = "end-dialog",
        /// Do not repeat the request (403, RFC 3261 §21.4.4; 433 without the user's consent).
        DoNotRepeat = "do-not-repeat",
        /// Give up: no server can fulfil it (6xx, RFC 3261 §7.2, §6).
        GiveUp = "give-up",
    }
}

keyword_enum! {
    /// How a stateful proxy treats a response among those of its branches (RFC 3261 §16.7).
    pub enum ProxyHandling {
        /// Never forwarded (100 Trying, RFC 3261 §16.7 step 5, §21.1.1).
        NeverForwarded = "never-forwarded",
        /// Forwarded at once: a provisional response other than 100, and a 2xx (step 5).
        ForwardAtOnce = "forward-at-once",
        /// Kept in the response context: the best of them is forwarded (step 6, "the lowest response
        /// class").
        Candidate = "candidate",
        /// A candidate to prefer in the 4xx class: it tells how to resubmit (step 6: "such as 401, 407,
        /// 415, 420, and 484").
        Preferred = "preferred",
        /// A preferred challenge: forwarded with the challenges of every other 401 and 407 added (step 7).
        Challenge = "challenge",
        /// Not forwarded unless every request would get it; when it is the only response, a 500 is sent
        /// instead (503, step 6).
        ReplaceWith500 = "replace-with-500",
        /// Chosen over every other class, and the other branches are cancelled (6xx, steps 5, 6, 10).
        Decisive = "decisive",
    }
}

keyword_enum! {
    /// What a Retry-After header means on a code (RFC 3261 §20.33 and the code's own section).
    pub enum RetryAfterMeaning {
        /// How long the service is expected to be unavailable (500, 503).
        ServiceBack = "service-back",
        /// When the called party expects to be available again (404, 480, 486, 600, 603).
        CalleeAvailable = "callee-available",
        /// After what time the client may try the request again (413, RFC 3261 §21.4.11).
        RetryRequest = "retry-request",
    }
}

/// Who sends a code, where an RFC says: a user agent server, a proxy, a registrar, a redirect server, or
/// the client's own transaction layer (a timeout or transport error treated as a response, RFC 3261
/// §8.1.3.1).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct SentBy {
    /// A user agent server.
    pub uas: bool,
    /// A proxy.
    pub proxy: bool,
    /// A registrar.
    pub registrar: bool,
    /// A redirect server.
    pub redirect: bool,
    /// The client's own stack, on a timeout or a transport error.
    pub stack: bool,
}

impl SentBy {
    /// The spec's words for the senders.
    pub const KEYWORDS: [&'static str; 5] = ["uas", "proxy", "registrar", "redirect", "stack"];
}

/// The facts the RFCs state for a whole class, which a code has unless the spec says otherwise: a
/// failure the survey does not list affects the transaction only ("400 (or unknown 4xx)", RFC 5057
/// §5.1); 1xx-3xx are no failures; a client waits on 1xx, is done on 2xx, follows Contact on 3xx
/// (RFC 3261 §8.1.3.4) and gives up on 6xx (§7.2, §6); a proxy forwards 1xx and 2xx at once, keeps 3xx-5xx
/// as candidates and lets a 6xx decide (§16.7 steps 5 and 6).
pub mod defaults {
    use super::{DialogEffect, Fact, ProxyHandling, UacAction};
    use crate::StatusClass;
    use crate::sentence::Citation;

    const fn rfc(rfc: u16, section: &'static str) -> Citation<'static> {
        Citation::Rfc { rfc, section }
    }

    /// The dialog effect of a code of `class`.
    pub const fn dialog(class: StatusClass) -> Fact<DialogEffect> {
        let value = match class {
            StatusClass::Provisional | StatusClass::Success | StatusClass::Redirection => {
                DialogEffect::None
            }
            _ => DialogEffect::Transaction,
        };
        Fact {
            value,
            citation: rfc(5057, "5.1"),
        }
    }

    /// What a client does on a code of `class`.
    pub const fn uac(class: StatusClass) -> Fact<UacAction> {
        match class {
            StatusClass::Provisional => Fact {
                value: UacAction::Wait,
                citation: rfc(3261, "7.2"),
            },
            StatusClass::Success => Fact {
                value: UacAction::Done,
                citation: rfc(3261, "7.2"),
            },
            StatusClass::Redirection => Fact {
                value: UacAction::FollowContacts,
                citation: rfc(3261, "8.1.3.4"),
            },
            StatusClass::RequestFailure => Fact {
                value: UacAction::None,
                citation: rfc(3261, "21.4"),
            },
            StatusClass::ServerFailure => Fact {
                value: UacAction::None,
                citation: rfc(3261, "21.5"),
            },
            StatusClass::GlobalFailure => Fact {
                value: UacAction::GiveUp,
                citation: rfc(3261, "7.2"),
            },
        }
    }

    /// How a stateful proxy treats a code of `class`.
    pub const fn proxy(class: StatusClass) -> Fact<ProxyHandling> {
        let value = match class {
            StatusClass::Provisional | StatusClass::Success => ProxyHandling::ForwardAtOnce,
            StatusClass::GlobalFailure => ProxyHandling::Decisive,
            _ => ProxyHandling::Candidate,
        };
        Fact {
            value,
            citation: rfc(3261, "16.7"),
        }
    }
}
