//! [`CodeInfo`]: what the spec says about one code, as the static data behind a generated enum's accessors.

use crate::behaviour::Behaviour;
use crate::rules::CodeRules;
use crate::{Citation, RegistryStatus, StatusClass};

/// Everything the spec says about one status code, as static data: a generated `StatusCode` keeps one per
/// code in a table and reads its accessors (`reason_phrase()`, `rfc()`, `header_rules()`, …) from it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CodeInfo {
    /// The code, its phrase, and the rules the run-time checks read.
    pub rules: CodeRules,
    /// The three digits (`"405"`).
    pub digits: &'static str,
    /// The code and its phrase (`"405 Method Not Allowed"`).
    pub status_text: &'static str,
    /// Its class (RFC 3261 §7.2).
    pub class: StatusClass,
    /// The RFC section that defines it, or the source that does for a vendor code.
    pub citation: Citation<'static>,
    /// A paragraph on what it means.
    pub description: &'static str,
    /// Where it stands in the IANA registry.
    pub registry: RegistryStatus,
    /// Other phrases seen on the wire.
    pub aliases: &'static [&'static str],
    /// What it means for a dialog, a client and a proxy.
    pub behaviour: Behaviour,
}
