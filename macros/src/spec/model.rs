//! The spec after validation: what code generation reads. Every value here has been checked.

use sip_codes_runtime::StatusClass;
use sip_codes_runtime::catalog::HeaderInfo;
use sip_codes_runtime::registry::RegistryStatus;

/// A validated spec: codes in ascending order.
#[derive(Debug)]
pub struct Spec {
    pub codes: Vec<Code>,
}

/// One status code.
#[derive(Debug)]
pub struct Code {
    pub code: u16,
    pub phrase: String,
    /// The Rust variant (and status marker) name.
    pub variant: String,
    pub class: StatusClass,
    pub citation: Citation,
    pub status: RegistryStatus,
    pub description: String,
    pub aliases: Vec<Alias>,
    pub rules: Rules,
}

/// An RFC section reference.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Citation {
    pub rfc: u16,
    pub section: String,
}

impl Citation {
    /// `RFC 3261 §21.4.6`
    pub fn text(&self) -> String {
        format!("RFC {} §{}", self.rfc, self.section)
    }

    /// The RFC Editor address of the section.
    pub fn url(&self) -> String {
        format!(
            "https://www.rfc-editor.org/rfc/rfc{}#section-{}",
            self.rfc, self.section
        )
    }

    /// `[RFC 3261 §21.4.6](url)` for rustdoc.
    pub fn link(&self) -> String {
        format!("[{}]({})", self.text(), self.url())
    }
}

/// Another phrase seen on the wire for a code.
#[derive(Debug)]
pub struct Alias {
    pub phrase: String,
    pub source: String,
}

/// The header rules of a code, the spec's `common` rules included.
#[derive(Debug, Default)]
pub struct Rules {
    pub must: Vec<Rule>,
    pub should: Vec<Rule>,
    pub may: Vec<Rule>,
    pub must_not: Vec<Rule>,
}

/// One header rule.
#[derive(Debug, Clone)]
pub struct Rule {
    /// The header, or each member of a one-of group.
    pub headers: Vec<&'static HeaderInfo>,
    pub one_of: bool,
    /// The request method the rule is scoped to (upper case), if any.
    pub method: Option<String>,
    pub condition: Option<String>,
    pub citation: Citation,
}

impl Rule {
    /// Whether the rule applies to responses to `method` (`None`: the method-less builder).
    pub fn applies_to(&self, method: Option<&str>) -> bool {
        self.condition.is_none() && (self.method.is_none() || self.method.as_deref() == method)
    }

    /// The header names, `Accept, Accept-Encoding or Accept-Language` for a group.
    pub fn header_list(&self) -> String {
        let names: Vec<&str> = self.headers.iter().map(|h| h.name).collect();
        match names.split_last() {
            Some((last, rest)) if !rest.is_empty() => format!("{} or {}", rest.join(", "), last),
            _ => names.join(""),
        }
    }
}

impl Code {
    /// The methods that have method-scoped MUST rules on this code, sorted.
    pub fn scoped_methods(&self) -> Vec<&str> {
        let mut methods: Vec<&str> = self
            .rules
            .must
            .iter()
            .filter(|r| r.condition.is_none())
            .filter_map(|r| r.method.as_deref())
            .collect();
        methods.sort_unstable();
        methods.dedup();
        methods
    }

    /// The MUST rules a builder for responses to `method` enforces, in spec order.
    pub fn enforced(&self, method: Option<&str>) -> Vec<&Rule> {
        self.rules
            .must
            .iter()
            .filter(|r| r.applies_to(method))
            .collect()
    }

    /// Whether the builder for responses to `method` has no setter for `header`.
    pub fn forbids(&self, header: &HeaderInfo, method: Option<&str>) -> bool {
        self.rules
            .must_not
            .iter()
            .any(|r| r.applies_to(method) && r.headers.iter().any(|h| h.name == header.name))
    }

    /// `405 Method Not Allowed`
    pub fn title(&self) -> String {
        format!("{} {}", self.code, self.phrase)
    }
}
