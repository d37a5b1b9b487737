//! A spec's rules as static data, and the one run-time implementation of them.
//!
//! Generated code describes each code with a [`CodeRules`]: its header rules ([`HeaderRules`]: MUST, with
//! one-of groups and method scopes, SHOULD, MAY, MUST NOT) and the methods it answers ([`AnswerRule`]).
//! The typestate builders check the same data at compile time; [`check`] checks it at run time, for
//! builders whose code or method is only known then and for responses received from the wire, and
//! reports each broken rule as a [`RuleViolation`] stated in the same sentence as the compile error.

mod check;
mod violation;
mod wire;

pub use check::{check, check_into};
pub use violation::{RuleViolation, RuleViolations, ViolationKind};
pub use wire::{NotAResponse, check_message, check_message_in};

pub use crate::Citation;

/// Everything the run-time checks know about one status code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CodeRules {
    /// The code (`405`).
    pub code: u16,
    /// Its reason phrase in the spec (`"Method Not Allowed"`).
    pub phrase: &'static str,
    /// Its header rules, the spec's `common` rules included.
    pub headers: HeaderRules,
    /// The request methods it answers, where an RFC restricts them.
    pub answers: &'static [AnswerRule],
}

impl CodeRules {
    /// The first rule that says this code does not answer `method`, if any.
    pub fn refuses(&self, method: &str) -> Option<&'static AnswerRule> {
        self.answers.iter().find(|rule| !rule.allows(method))
    }
}

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

    /// The rule by which the code forbids `header` (ASCII case and compact forms ignored) in a response
    /// to `method` (`None`: the method is not known, so only rules without a method scope count).
    pub fn forbidding(&self, header: &str, method: Option<&str>) -> Option<&'static Rule> {
        self.must_not.iter().find(|r| {
            r.condition.is_none()
                && (r.method.is_none() || r.method == method)
                && r.headers
                    .iter()
                    .any(|h| crate::header::same_header(h, header))
        })
    }

    /// Whether the code forbids `header` in a response to `method` (see [`HeaderRules::forbidding`]).
    pub fn forbids(&self, header: &str, method: Option<&str>) -> bool {
        self.forbidding(header, method).is_some()
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
    pub citation: Citation<'static>,
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

    /// Whether the rule holds for a response to `method` (`None`: not known), whatever else is true: it
    /// has no condition, and no method scope or that method's.
    pub fn holds_for(&self, method: Option<&str>) -> bool {
        self.condition.is_none() && (self.method.is_none() || self.method == method)
    }
}

/// Which request methods a code answers: only `methods`, or every method but `methods`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AnswerRule {
    /// The methods the rule names.
    pub methods: &'static [&'static str],
    /// `true`: the code answers only these methods; `false`: it never answers them.
    pub only: bool,
    /// The RFC section that says so.
    pub citation: Citation<'static>,
}

impl AnswerRule {
    /// Whether a response under this rule may answer a request of `method`.
    pub fn allows(&self, method: &str) -> bool {
        self.methods.contains(&method) == self.only
    }
}
