//! The spec after validation: what code generation reads. Every value here has been checked.

use std::rc::Rc;

use sip_codes_core::behaviour;
use sip_codes_core::headers::{self as catalog, ValueKind};
use sip_codes_core::sentence;
use sip_codes_core::{RegistryStatus, StatusClass};

/// A validated spec: codes in ascending order, each with the `common` rules that apply to it merged into
/// its own; `common` is kept too, for the specs that extend this one and add codes.
#[derive(Debug)]
pub struct Spec {
    /// Every code, in ascending order.
    pub codes: Vec<Code>,
    /// The `common` rules, as written.
    pub common: Vec<CommonRule>,
    /// Every header the spec's rules may name: the catalog's, then those the spec declares.
    pub headers: Vec<Rc<Header>>,
    /// The ISUP/Q.850 mapping tables, where the spec has them.
    pub q850: Option<Q850>,
}

/// The header of `headers` named `name` (ASCII case and compact forms ignored).
pub fn find_header<'a>(headers: &'a [Rc<Header>], name: &str) -> Option<&'a Rc<Header>> {
    headers.iter().find(|h| {
        h.name.eq_ignore_ascii_case(name)
            || name.len() == 1 && h.compact == Some(name.as_bytes()[0].to_ascii_lowercase())
    })
}

/// The headers of the catalog, as the model holds them.
pub fn catalog_headers() -> Vec<Rc<Header>> {
    catalog::HEADERS
        .iter()
        .map(|h| {
            Rc::new(Header {
                name: h.name.to_string(),
                compact: h.compact,
                multiple: h.multiple,
                value: h.value,
                citation: Citation::Rfc {
                    rfc: h.rfc,
                    section: String::new(),
                },
                declared: false,
            })
        })
        .collect()
}

/// A header a spec's rules may name.
#[derive(Debug)]
pub struct Header {
    /// The canonical name.
    pub name: String,
    /// The compact form (`v` for Via), lowercase.
    pub compact: Option<u8>,
    /// Whether a message may carry it more than once.
    pub multiple: bool,
    /// What its value is, which picks the setter's argument type.
    pub value: ValueKind,
    /// The RFC (or source) that defines it; a catalog header cites its RFC only (`section` empty).
    pub citation: Citation,
    /// Whether a spec declares it (it is not in the catalog).
    pub declared: bool,
}

impl Header {
    /// The builder setter (`www_authenticate`).
    pub fn setter(&self) -> String {
        catalog::setter_name(&self.name)
    }

    /// The value type and typestate tag (`WwwAuthenticate`).
    pub fn type_name(&self) -> String {
        catalog::type_name(&self.name)
    }
}

/// ISUP/Q.850 cause values and SIP responses, both ways (RFC 3398).
#[derive(Debug, Clone, Default)]
pub struct Q850 {
    /// Cause → response: the listed rows, the default for other causes, the causes that give no response.
    pub to_sip: Vec<(u8, u16)>,
    /// The response of a cause the rows do not list.
    pub to_sip_default: u16,
    /// The causes that give no response.
    pub to_sip_none: Vec<u8>,
    /// Where the cause → response table comes from.
    pub to_sip_citation: Citation,
    /// Response → cause, likewise.
    pub from_sip: Vec<(u16, u8)>,
    /// The cause of a response the rows do not list.
    pub from_sip_default: u8,
    /// The responses that give no cause.
    pub from_sip_none: Vec<u16>,
    /// Where the response → cause table comes from.
    pub from_sip_citation: Citation,
    /// The name of every cause value the tables use.
    pub names: Vec<(u8, String)>,
}

/// A rule of the `common` block: it applies to every code but those in `except`.
#[derive(Debug, Clone)]
pub struct CommonRule {
    /// The rule.
    pub rule: CommonKind,
    /// The codes it does not apply to.
    pub except: Vec<u16>,
}

/// What a `common` rule is.
#[derive(Debug, Clone)]
pub enum CommonKind {
    /// A header rule at its level (MUST, SHOULD, MAY, MUST NOT).
    Header(sentence::Level, Rule),
    /// A rule on the methods every code answers.
    Answers(AnswerRule),
}

impl CommonRule {
    /// Adds the rule to the rules of `code`, unless the code is excepted.
    pub fn apply(&self, code: &mut Code) {
        if self.except.contains(&code.code) {
            return;
        }
        match &self.rule {
            CommonKind::Header(level, rule) => code.rules.push(*level, rule.clone()),
            CommonKind::Answers(rule) => code.common_answers.push(rule.clone()),
        }
    }
}

/// One status code.
#[derive(Debug, Clone)]
pub struct Code {
    /// The number, 100–699.
    pub code: u16,
    /// The reason phrase it is registered with.
    pub phrase: String,
    /// The Rust variant (and status marker) name.
    pub variant: String,
    /// Its class, from its first digit.
    pub class: StatusClass,
    /// The RFC section that defines it, or the source of a vendor code.
    pub citation: Citation,
    /// Its status in the IANA registry.
    pub status: RegistryStatus,
    /// What it means, for its docs.
    pub description: String,
    /// Other phrases seen on the wire for it.
    pub aliases: Vec<Alias>,
    /// Its header rules, the `common` ones included.
    pub rules: Rules,
    /// The methods this code answers, by its own rules.
    pub answers: Vec<AnswerRule>,
    /// The same, by the spec's `common` rules (ACK is never answered).
    pub common_answers: Vec<AnswerRule>,
    /// What it means for a dialog, a client and a proxy.
    pub behaviour: Behaviour,
}

/// A behaviour fact with its citation.
#[derive(Debug, Clone)]
pub struct Fact<T> {
    /// The fact.
    pub value: T,
    /// Where it is stated.
    pub citation: Citation,
}

/// What a code means beyond its headers (the spec's `dialog`, `uac`, `proxy`, `retry_after`, `sent_by`),
/// each fact given or its class's default.
#[derive(Debug, Clone)]
pub struct Behaviour {
    /// What a response of the code does to the dialog and its usages (RFC 5057 §5.1).
    pub dialog: Fact<behaviour::DialogEffect>,
    /// Methods for which the dialog effect differs.
    pub dialog_exceptions: Vec<(Vec<String>, behaviour::DialogEffect)>,
    /// What the client does next.
    pub uac: Fact<behaviour::UacAction>,
    /// How a stateful proxy treats it among its branches' responses.
    pub proxy: Fact<behaviour::ProxyHandling>,
    /// What a Retry-After in it means, where one is meaningful.
    pub retry_after: Option<Fact<behaviour::RetryAfterMeaning>>,
    /// Who sends it, where that is not the UAS alone.
    pub sent_by: Option<Fact<behaviour::SentBy>>,
}

impl Behaviour {
    /// The defaults of a code of `class`.
    pub fn of_class(class: StatusClass) -> Behaviour {
        fn own<T>(fact: behaviour::Fact<T>) -> Fact<T> {
            Fact {
                value: fact.value,
                citation: Citation::from_sentence(fact.citation),
            }
        }
        Behaviour {
            dialog: own(behaviour::defaults::dialog(class)),
            dialog_exceptions: Vec::new(),
            uac: own(behaviour::defaults::uac(class)),
            proxy: own(behaviour::defaults::proxy(class)),
            retry_after: None,
            sent_by: None,
        }
    }
}

/// Where a code or a rule comes from: an RFC section, or, for vendor codes and local rules, a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Citation {
    /// A section of an RFC.
    Rfc {
        /// The RFC's number.
        rfc: u16,
        /// The section (`21.4.6`); empty for the RFC as a whole.
        section: String,
    },
    /// A source of the user's own (`ACME policy`).
    Local(String),
}

impl Default for Citation {
    fn default() -> Self {
        Citation::Local(String::new())
    }
}

impl Citation {
    /// The model's copy of a citation of the shared grammar.
    pub fn from_sentence(citation: sentence::Citation<'_>) -> Citation {
        match citation {
            sentence::Citation::Rfc { rfc, section } => Citation::Rfc {
                rfc,
                section: section.to_string(),
            },
            sentence::Citation::Local(source) => Citation::Local(source.to_string()),
        }
    }

    /// The citation as the shared grammar states it.
    pub fn as_sentence(&self) -> sentence::Citation<'_> {
        match self {
            Citation::Rfc { rfc, section } => sentence::Citation::Rfc { rfc: *rfc, section },
            Citation::Local(source) => sentence::Citation::Local(source),
        }
    }

    /// `RFC 3261 §21.4.6`, or the local source as written (`RFC 3261` for a catalog header).
    pub fn text(&self) -> String {
        match self {
            Citation::Rfc { rfc, section } if section.is_empty() => format!("RFC {rfc}"),
            _ => self.as_sentence().to_string(),
        }
    }

    /// The RFC Editor address of the section (or of the RFC), if it is one.
    pub fn url(&self) -> Option<String> {
        match self {
            Citation::Rfc { rfc, section } if section.is_empty() => {
                Some(format!("https://www.rfc-editor.org/rfc/rfc{rfc}"))
            }
            _ => self.as_sentence().url().map(|url| url.to_string()),
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
    /// The phrase.
    pub phrase: String,
    /// Who sends it.
    pub source: String,
}

/// The header rules of a code, the spec's `common` rules included.
#[derive(Debug, Clone, Default)]
pub struct Rules {
    /// MUST rules.
    pub must: Vec<Rule>,
    /// SHOULD rules.
    pub should: Vec<Rule>,
    /// MAY rules.
    pub may: Vec<Rule>,
    /// MUST NOT rules.
    pub must_not: Vec<Rule>,
}

impl Rules {
    /// Adds a rule of level `level`.
    pub fn push(&mut self, level: sentence::Level, rule: Rule) {
        self.list_mut(level).push(rule);
    }

    /// The rules of level `level`.
    pub fn list(&self, level: sentence::Level) -> &[Rule] {
        match level {
            sentence::Level::Must => &self.must,
            sentence::Level::Should => &self.should,
            sentence::Level::May => &self.may,
            sentence::Level::MustNot => &self.must_not,
        }
    }

    fn list_mut(&mut self, level: sentence::Level) -> &mut Vec<Rule> {
        match level {
            sentence::Level::Must => &mut self.must,
            sentence::Level::Should => &mut self.should,
            sentence::Level::May => &mut self.may,
            sentence::Level::MustNot => &mut self.must_not,
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

/// The four levels, in the order docs list them.
/// The four levels of a header rule, in the order the spec and the docs list them.
pub const LEVELS: [sentence::Level; 4] = [
    sentence::Level::Must,
    sentence::Level::Should,
    sentence::Level::May,
    sentence::Level::MustNot,
];

/// One header rule.
#[derive(Debug, Clone)]
pub struct Rule {
    /// The header, or each member of a one-of group.
    pub headers: Vec<Rc<Header>>,
    /// Whether one of `headers` is enough (a one-of group).
    pub one_of: bool,
    /// The request method the rule is scoped to (one of the registry's), if any.
    pub method: Option<String>,
    /// When the rule applies (`when bindings exist`), where the compiler cannot tell; a clause.
    pub condition: Option<String>,
    /// Why the rule holds, in a few words (the note of its compile error).
    pub why: Option<String>,
    /// The RFC section (or source) that states the rule.
    pub citation: Citation,
}

impl Rule {
    /// Whether the rule holds for responses to `method` (`None`: any method), whatever else is true.
    pub fn holds_for(&self, method: Option<&str>) -> bool {
        self.condition.is_none() && (self.method.is_none() || self.method.as_deref() == method)
    }

    /// The header names.
    pub fn names(&self) -> Vec<&str> {
        self.headers.iter().map(|h| h.name.as_str()).collect()
    }

    /// Whether the rule names `header`.
    pub fn names_header(&self, header: &Header) -> bool {
        self.headers.iter().any(|h| h.name == header.name)
    }
}

/// Which methods a code answers: only `methods`, or none of them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AnswerRule {
    /// The methods the rule names.
    pub methods: Vec<String>,
    /// `true`: the code answers only `methods`; `false`: it never answers them.
    pub only: bool,
    /// Why, in a few words (the note of its compile error).
    pub why: Option<String>,
    /// The RFC section (or source) that states the rule.
    pub citation: Citation,
}

impl AnswerRule {
    /// Whether a response under this rule may answer `method`.
    pub fn allows(&self, method: &str) -> bool {
        self.methods.iter().any(|m| m == method) == self.only
    }
}

impl Code {
    /// The MUST rules the compiler can check: without a condition (with or without a method scope).
    pub fn checkable_musts(&self) -> impl Iterator<Item = &Rule> {
        self.rules.must.iter().filter(|r| r.condition.is_none())
    }

    /// Whether a response to an untyped request must be checked at run time: the code has rules the
    /// compiler cannot check without knowing the method (method-scoped MUST or MUST NOT rules, or its own
    /// answer rules).
    pub fn needs_method(&self) -> bool {
        let scoped = |rules: &[Rule]| {
            rules
                .iter()
                .any(|r| r.condition.is_none() && r.method.is_some())
        };
        scoped(&self.rules.must) || scoped(&self.rules.must_not) || !self.answers.is_empty()
    }

    /// Whether the code, in a response to `method` (`None`: unknown), has no setter for `header`.
    pub fn forbids(&self, header: &Header, method: Option<&str>) -> bool {
        self.rules
            .must_not
            .iter()
            .any(|r| r.holds_for(method) && r.names_header(header))
    }

    /// Every answer rule of the code, its own and the common ones.
    pub fn all_answers(&self) -> impl Iterator<Item = &AnswerRule> {
        self.answers.iter().chain(&self.common_answers)
    }

    /// `405 Method Not Allowed`
    pub fn title(&self) -> String {
        format!("{} {}", self.code, self.phrase)
    }

    /// The subject of a rule of this code, for the shared grammar.
    pub fn subject<'a>(&'a self, method: Option<&'a str>) -> sentence::Subject<'a> {
        sentence::Subject {
            code: self.code,
            phrase: &self.phrase,
            method,
        }
    }
}
