//! A spec's header rules as static data, for tools that want them at run time
//! (`StatusCode::header_rules()` of the generated type).

use core::fmt;

/// The header rules of one status code, as the spec states them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct HeaderRules {
    /// Headers the response MUST carry (unconditional, method-scoped and conditional rules alike).
    pub must: &'static [Rule],
    /// Headers the response SHOULD carry.
    pub should: &'static [Rule],
    /// Headers the response MAY carry, where an RFC says so for this code.
    pub may: &'static [Rule],
    /// Headers the response MUST NOT carry (including the spec's `common` rules that apply to this code).
    pub must_not: &'static [Rule],
}

impl HeaderRules {
    /// The headers every response of this code must carry, whatever the method: each unconditional,
    /// method-less `must` rule naming one header.
    pub fn required(&self) -> impl Iterator<Item = &'static str> + '_ {
        self.must
            .iter()
            .filter(|r| r.is_unconditional() && !r.is_one_of())
            .map(|r| r.headers[0])
    }

    /// The unconditional one-of groups: at least one header of each group must be present.
    pub fn one_of_groups(&self) -> impl Iterator<Item = &'static [&'static str]> + '_ {
        self.must
            .iter()
            .filter(|r| r.is_unconditional() && r.is_one_of())
            .map(|r| r.headers)
    }

    /// Whether the code forbids `header` (case-insensitive) in a response to `method` (`None`: any method).
    pub fn forbids(&self, header: &str, method: Option<&str>) -> bool {
        self.must_not.iter().any(|r| {
            r.condition.is_none()
                && (r.method.is_none() || r.method == method)
                && r.headers.iter().any(|h| h.eq_ignore_ascii_case(header))
        })
    }
}

/// One header rule: a header (or a one-of group), the scope it holds in, and the RFC section that states it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rule {
    /// The header the rule names; for a one-of group, each member.
    pub headers: &'static [&'static str],
    /// Whether `headers` is a one-of group (at least one of them) rather than a single header.
    pub one_of: bool,
    /// The request method the rule is scoped to (`Some("SUBSCRIBE")`), or `None` for every method.
    pub method: Option<&'static str>,
    /// The condition under which the rule holds, in words, or `None` if it always holds.
    pub condition: Option<&'static str>,
    /// The RFC section that states the rule, or the local source of a local rule.
    pub citation: Citation,
}

impl Rule {
    /// Whether this is a one-of group.
    pub const fn is_one_of(&self) -> bool {
        self.one_of
    }

    /// Whether the rule holds for every response of the code: no method scope, no condition.
    pub const fn is_unconditional(&self) -> bool {
        self.method.is_none() && self.condition.is_none()
    }
}

/// Where a code or a rule comes from: an RFC section (`RFC 3261 §21.4.6`), or, for a vendor code or a
/// local rule of a user's spec, the source it names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Citation {
    /// A section of an RFC.
    Rfc {
        /// The RFC number.
        rfc: u16,
        /// The section within it.
        section: &'static str,
    },
    /// A source that is not an RFC (`"ACME interconnect spec v3"`).
    Local(&'static str),
}

impl Citation {
    /// The RFC number, if the source is an RFC.
    pub const fn rfc(&self) -> Option<u16> {
        match self {
            Citation::Rfc { rfc, .. } => Some(*rfc),
            Citation::Local(_) => None,
        }
    }

    /// The RFC section, if the source is an RFC.
    pub const fn section(&self) -> Option<&'static str> {
        match self {
            Citation::Rfc { section, .. } => Some(section),
            Citation::Local(_) => None,
        }
    }

    /// The address of the RFC section on the RFC Editor's site, if the source is an RFC.
    pub fn url(&self) -> Option<String> {
        match self {
            Citation::Rfc { rfc, section } => Some(format!(
                "https://www.rfc-editor.org/rfc/rfc{rfc}#section-{section}"
            )),
            Citation::Local(_) => None,
        }
    }
}

impl fmt::Display for Citation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Citation::Rfc { rfc, section } => write!(f, "RFC {rfc} §{section}"),
            Citation::Local(source) => f.write_str(source),
        }
    }
}
