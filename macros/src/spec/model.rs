//! The spec after validation: what code generation reads. Every value here has been checked.

use sip_codes_runtime::StatusClass;
use sip_codes_runtime::catalog::HeaderInfo;
use sip_codes_runtime::registry::RegistryStatus;

/// A validated spec: codes in ascending order, each with the `common` rules that apply to it merged into
/// its own; `common` is kept too, for the specs that extend this one and add codes.
#[derive(Debug)]
pub struct Spec {
    pub codes: Vec<Code>,
    pub common: Vec<CommonRule>,
    pub q850: Option<Q850>,
}

/// ISUP/Q.850 cause values and SIP responses, both ways (RFC 3398).
#[derive(Debug, Clone, Default)]
pub struct Q850 {
    /// Cause → response: the listed rows, the default for other causes, the causes that give no response.
    pub to_sip: Vec<(u8, u16)>,
    pub to_sip_default: u16,
    pub to_sip_none: Vec<u8>,
    pub to_sip_citation: Citation,
    /// Response → cause, likewise.
    pub from_sip: Vec<(u16, u8)>,
    pub from_sip_default: u8,
    pub from_sip_none: Vec<u16>,
    pub from_sip_citation: Citation,
    /// The name of every cause value the tables use.
    pub names: Vec<(u8, String)>,
}

/// The four kinds of header rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RuleKind {
    Must,
    Should,
    May,
    MustNot,
}

/// A rule of the `common` block: it applies to every code but those in `except`.
#[derive(Debug, Clone)]
pub struct CommonRule {
    pub kind: RuleKind,
    pub rule: Rule,
    pub except: Vec<u16>,
}

impl CommonRule {
    /// Adds the rule to the rules of `code`, unless the code is excepted.
    pub fn apply(&self, code: u16, rules: &mut Rules) {
        if !self.except.contains(&code) {
            rules.push(self.kind, self.rule.clone());
        }
    }
}

/// One status code.
#[derive(Debug, Clone)]
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

/// Where a code or a rule comes from: an RFC section, or, for vendor codes and local rules, a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Citation {
    Rfc { rfc: u16, section: String },
    Local(String),
}

impl Default for Citation {
    fn default() -> Self {
        Citation::Local(String::new())
    }
}

impl Citation {
    /// `RFC 3261 §21.4.6`, or the local source as written.
    pub fn text(&self) -> String {
        match self {
            Citation::Rfc { rfc, section } => format!("RFC {rfc} §{section}"),
            Citation::Local(source) => source.clone(),
        }
    }

    /// The RFC Editor address of the section, if it is one.
    pub fn url(&self) -> Option<String> {
        match self {
            Citation::Rfc { rfc, section } => Some(format!(
                "https://www.rfc-editor.org/rfc/rfc{rfc}#section-{section}"
            )),
            Citation::Local(_) => None,
        }
    }

    /// `[RFC 3261 §21.4.6](url)` for rustdoc, or the local source.
    pub fn link(&self) -> String {
        match self.url() {
            Some(url) => format!("[{}]({url})", self.text()),
            None => self.text(),
        }
    }
}

/// Another phrase seen on the wire for a code.
#[derive(Debug, Clone)]
pub struct Alias {
    pub phrase: String,
    pub source: String,
}

/// The header rules of a code, the spec's `common` rules included.
#[derive(Debug, Clone, Default)]
pub struct Rules {
    pub must: Vec<Rule>,
    pub should: Vec<Rule>,
    pub may: Vec<Rule>,
    pub must_not: Vec<Rule>,
}

impl Rules {
    /// Adds a rule of kind `kind`.
    pub fn push(&mut self, kind: RuleKind, rule: Rule) {
        match kind {
            RuleKind::Must => self.must.push(rule),
            RuleKind::Should => self.should.push(rule),
            RuleKind::May => self.may.push(rule),
            RuleKind::MustNot => self.must_not.push(rule),
        }
    }

    /// Adds every rule of `other`.
    pub fn extend(&mut self, other: Rules) {
        self.must.extend(other.must);
        self.should.extend(other.should);
        self.may.extend(other.may);
        self.must_not.extend(other.must_not);
    }
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
