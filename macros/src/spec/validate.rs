//! Checks every field of a raw spec and builds the model. Collects every problem it finds, each placed in
//! the file where possible, instead of stopping at the first.

use std::collections::BTreeMap;

use sip_codes_runtime::catalog::{self, HeaderInfo};
use sip_codes_runtime::registry::RegistryStatus;
use sip_codes_runtime::{StatusClass, syntax};

use super::Diagnostic;
use super::locate::{Locator, Pos};
use super::model::{Alias, Citation, Code, Rule, Rules, Spec};
use super::raw::{RawClass, RawCode, RawRule, RawRules, RawSpec, RawStatus};
use crate::codegen::names;

/// Where a rule list stands: in entry `index` of `codes`, or in `common`.
#[derive(Clone, Copy)]
enum Place {
    /// Entry `index` of `codes`, which has code `code`.
    Entry(usize, u16),
    Common,
}

struct Checker<'a> {
    at: Locator<'a>,
    problems: Vec<Diagnostic>,
}

impl Checker<'_> {
    fn report(&mut self, pos: Option<Pos>, message: String) {
        self.problems.push(Diagnostic {
            line: pos.map(|p| p.line),
            column: pos.map(|p| p.column),
            message,
        });
    }

    fn in_place(&self, place: Place, after: Option<&str>, needle: &str) -> Option<Pos> {
        match place {
            Place::Entry(index, _) => self.at.text_in_entry(index, after, needle),
            Place::Common => self.at.text_in_common(needle),
        }
    }
}

/// Validates `raw` (parsed from `text`) into a [`Spec`], or every problem found.
pub fn validate(raw: RawSpec, text: &str) -> Result<Spec, Vec<Diagnostic>> {
    let mut c = Checker {
        at: Locator::new(text),
        problems: Vec::new(),
    };
    if raw.schema != 1 {
        let pos = c.at.top_level("schema");
        c.report(
            pos,
            format!(
                "unsupported schema {}: this version of sip_codes! reads schema 1",
                raw.schema
            ),
        );
    }
    if raw.codes.is_empty() {
        let pos = c.at.top_level("codes");
        c.report(pos, "the spec has no codes".into());
    }
    let common = raw
        .common
        .as_ref()
        .map(|rules| check_rules(&mut c, rules, Place::Common))
        .unwrap_or_default();
    let mut seen: BTreeMap<u16, usize> = BTreeMap::new();
    let mut variants: BTreeMap<String, u16> = BTreeMap::new();
    let mut codes = Vec::with_capacity(raw.codes.len());
    for (index, entry) in raw.codes.iter().enumerate() {
        let Some(code) = check_code(&mut c, index, entry, &common) else {
            continue;
        };
        if let Some(first) = seen.insert(code.code, index) {
            let first_line = c.at.entry(first).map_or(String::new(), |p| {
                format!(" (first defined at line {})", p.line)
            });
            let pos = c.at.entry(index);
            c.report(pos, format!("duplicate code {}{first_line}", code.code));
            continue;
        }
        if let Some(other) = variants.insert(code.variant.clone(), code.code) {
            let pos = c.at.field(
                index,
                if entry.variant.is_some() {
                    "variant"
                } else {
                    "phrase"
                },
            );
            c.report(
                pos,
                format!(
                    "code {} and code {other} both get the variant name `{}`; set `variant:` on one of them",
                    code.code, code.variant
                ),
            );
        }
        codes.push(code);
    }
    if c.problems.is_empty() {
        codes.sort_by_key(|code| code.code);
        Ok(Spec { codes })
    } else {
        Err(c.problems)
    }
}

fn check_code(
    c: &mut Checker<'_>,
    index: usize,
    raw: &RawCode,
    common: &CommonRules,
) -> Option<Code> {
    let before = c.problems.len();
    let code = match u16::try_from(raw.code) {
        Ok(code @ 100..=699) => code,
        _ => {
            let pos = c.at.entry(index);
            c.report(
                pos,
                format!(
                    "code {} is outside 100..=699 (RFC 3261 §7.2: three digits, first 1-6)",
                    raw.code
                ),
            );
            return None;
        }
    };
    let class = class_of(raw.class);
    if StatusClass::of(code) != Some(class) {
        let pos = c.at.field(index, "class");
        c.report(
            pos,
            format!(
                "code {code} is not in its declared class {} (its first digit makes it {})",
                class.name(),
                code / 100
            ),
        );
    }
    check_phrase(c, index, "phrase", &raw.phrase, code);
    for alias in &raw.aliases {
        check_phrase(c, index, "aliases", &alias.phrase, code);
    }
    if raw.description.trim().is_empty() {
        let pos = c.at.field(index, "description");
        c.report(pos, format!("code {code}: empty description"));
    }
    let citation = check_citation(
        c,
        Place::Entry(index, code),
        Some("rfc"),
        raw.rfc,
        &raw.section,
        code,
    );
    let variant = match &raw.variant {
        Some(variant) => {
            if !names::is_upper_camel_ident(variant) {
                let pos = c.at.field(index, "variant");
                c.report(
                    pos,
                    format!(
                        "code {code}: variant `{variant}` is not an UpperCamelCase Rust identifier"
                    ),
                );
            }
            variant.clone()
        }
        None => {
            let variant = names::variant_of_phrase(&raw.phrase);
            // An empty phrase has been reported already; a missing variant name would only repeat it.
            if !raw.phrase.trim().is_empty() && !names::is_upper_camel_ident(&variant) {
                let pos = c.at.field(index, "phrase");
                c.report(
                    pos,
                    format!("code {code}: phrase gives no usable variant name (`{variant}`); set `variant:`"),
                );
            }
            variant
        }
    };
    let mut rules = raw
        .headers
        .as_ref()
        .map(|rules| check_rules(c, rules, Place::Entry(index, code)))
        .unwrap_or_default();
    common.apply(code, &mut rules);
    check_conflicts(c, index, code, &rules);
    if c.problems.len() > before {
        return None;
    }
    Some(Code {
        code,
        phrase: raw.phrase.clone(),
        variant,
        class,
        citation: citation?,
        status: match raw.status {
            RawStatus::Current => RegistryStatus::Current,
            RawStatus::Deprecated => RegistryStatus::Deprecated,
            RawStatus::Reserved => RegistryStatus::Reserved,
            RawStatus::Historic => RegistryStatus::Historic,
        },
        description: raw.description.trim().to_string(),
        aliases: raw
            .aliases
            .iter()
            .map(|a| Alias {
                phrase: a.phrase.clone(),
                source: a.source.clone(),
            })
            .collect(),
        rules,
    })
}

fn class_of(raw: RawClass) -> StatusClass {
    match raw {
        RawClass::Provisional => StatusClass::Provisional,
        RawClass::Success => StatusClass::Success,
        RawClass::Redirection => StatusClass::Redirection,
        RawClass::RequestFailure => StatusClass::RequestFailure,
        RawClass::ServerFailure => StatusClass::ServerFailure,
        RawClass::GlobalFailure => StatusClass::GlobalFailure,
    }
}

fn check_phrase(c: &mut Checker<'_>, index: usize, key: &str, phrase: &str, code: u16) {
    let problem = if phrase.trim().is_empty() {
        Some("is empty".to_string())
    } else if let Err(err) = syntax::check_text(phrase, "reason phrase") {
        Some(format!("cannot go on the wire: {err}"))
    } else if phrase.trim() != phrase {
        Some("has leading or trailing white space".to_string())
    } else {
        None
    };
    if let Some(problem) = problem {
        let pos = c.at.field(index, key);
        c.report(
            pos,
            format!("code {code}: reason phrase {phrase:?} {problem}"),
        );
    }
}

fn check_citation(
    c: &mut Checker<'_>,
    place: Place,
    after: Option<&str>,
    rfc: u32,
    section: &str,
    code: u16,
) -> Option<Citation> {
    let mut ok = true;
    let rfc = match u16::try_from(rfc) {
        Ok(rfc) if rfc > 0 => rfc,
        _ => {
            let pos = c.in_place(place, after, &rfc.to_string());
            c.report(
                pos,
                format!("code {code}: `rfc: {rfc}` is not an RFC number"),
            );
            ok = false;
            0
        }
    };
    let valid_section = !section.is_empty()
        && section
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'.')
        && !section.starts_with('.')
        && !section.ends_with('.');
    if !valid_section {
        let pos = c.in_place(place, after, "section");
        c.report(
            pos,
            format!("code {code}: `section: {section:?}` is not a section number like \"21.4.6\""),
        );
        ok = false;
    }
    ok.then(|| Citation {
        rfc,
        section: section.to_string(),
    })
}

/// The `common` rules, each with the codes it skips.
#[derive(Default)]
struct CommonRules {
    rules: Vec<(Kind, Rule, Vec<u16>)>,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    Must,
    Should,
    May,
    MustNot,
}

impl CommonRules {
    fn apply(&self, code: u16, rules: &mut Rules) {
        for (kind, rule, except) in &self.rules {
            if except.contains(&code) {
                continue;
            }
            let list = match kind {
                Kind::Must => &mut rules.must,
                Kind::Should => &mut rules.should,
                Kind::May => &mut rules.may,
                Kind::MustNot => &mut rules.must_not,
            };
            list.push(rule.clone());
        }
    }
}

/// Checks a `headers` block (or `common`). For an entry, returns its rules; for `common`, the rules with
/// their `except` lists.
fn check_rules<T: FromRules>(c: &mut Checker<'_>, raw: &RawRules, place: Place) -> T {
    let mut out = T::default();
    for (kind, list, key) in [
        (Kind::Must, &raw.must, "must"),
        (Kind::Should, &raw.should, "should"),
        (Kind::May, &raw.may, "may"),
        (Kind::MustNot, &raw.must_not, "must_not"),
    ] {
        for rule in list {
            if let Some((rule, except)) = check_rule(c, rule, kind, key, place) {
                out.push(kind, rule, except);
            }
        }
    }
    out
}

trait FromRules: Default {
    fn push(&mut self, kind: Kind, rule: Rule, except: Vec<u16>);
}

impl FromRules for Rules {
    fn push(&mut self, kind: Kind, rule: Rule, _: Vec<u16>) {
        match kind {
            Kind::Must => self.must.push(rule),
            Kind::Should => self.should.push(rule),
            Kind::May => self.may.push(rule),
            Kind::MustNot => self.must_not.push(rule),
        }
    }
}

impl FromRules for CommonRules {
    fn push(&mut self, kind: Kind, rule: Rule, except: Vec<u16>) {
        self.rules.push((kind, rule, except));
    }
}

fn check_rule(
    c: &mut Checker<'_>,
    raw: &RawRule,
    kind: Kind,
    key: &str,
    place: Place,
) -> Option<(Rule, Vec<u16>)> {
    let before = c.problems.len();
    let (what, code) = match place {
        Place::Entry(_, code) => (format!("code {code}"), code),
        Place::Common => ("common".to_string(), 0),
    };
    let names: Vec<&String> = match (&raw.header, &raw.one_of) {
        (Some(header), None) => vec![header],
        (None, Some(group)) => {
            if kind != Kind::Must {
                let pos = c.in_place(place, Some(key), "one_of");
                c.report(
                    pos,
                    format!("{what}: `one_of` groups belong in `must` only, not in `{key}`"),
                );
            } else if group.len() < 2 {
                let pos = c.in_place(place, Some(key), "one_of");
                c.report(
                    pos,
                    format!("{what}: a `one_of` group needs at least two headers"),
                );
            }
            group.iter().collect()
        }
        _ => {
            let pos = c.in_place(place, Some(key), "rfc");
            c.report(
                pos,
                format!("{what}: a `{key}` rule needs exactly one of `header` and `one_of`"),
            );
            return None;
        }
    };
    let mut headers: Vec<&'static HeaderInfo> = Vec::new();
    for name in names {
        match catalog::find(name) {
            Some(info) if headers.iter().any(|h| h.name == info.name) => {
                let pos = c.in_place(place, Some(key), name);
                c.report(
                    pos,
                    format!("{what}: header `{}` is named twice in one rule", info.name),
                );
            }
            Some(info) => headers.push(info),
            None => {
                let pos = c.in_place(place, Some(key), name);
                let known: Vec<&str> = catalog::HEADERS.iter().map(|h| h.name).collect();
                c.report(
                    pos,
                    format!(
                        "{what}: unknown header `{name}` in `{key}`; the known headers are: {}",
                        known.join(", ")
                    ),
                );
            }
        }
    }
    if let Some(method) = &raw.method
        && !(!method.is_empty() && method.bytes().all(|b| b.is_ascii_uppercase()))
    {
        let pos = c.in_place(place, Some(key), method);
        c.report(
            pos,
            format!(
                "{what}: method `{method}` is not an upper-case SIP method name like SUBSCRIBE"
            ),
        );
    }
    if let Some(condition) = &raw.condition
        && condition.trim().is_empty()
    {
        let pos = c.in_place(place, Some(key), "condition");
        c.report(pos, format!("{what}: empty `condition`"));
    }
    let except = match (&raw.except, place) {
        (Some(_), Place::Entry(..)) => {
            let pos = c.in_place(place, Some(key), "except");
            c.report(
                pos,
                format!("{what}: `except` is allowed only in the `common` block"),
            );
            Vec::new()
        }
        (Some(list), Place::Common) => list
            .iter()
            .filter_map(|&code| u16::try_from(code).ok())
            .collect(),
        (None, _) => Vec::new(),
    };
    let citation = check_citation(c, place, Some(key), raw.rfc, &raw.section, code);
    if c.problems.len() > before {
        return None;
    }
    let rule = Rule {
        one_of: raw.one_of.is_some(),
        headers,
        method: raw.method.clone(),
        condition: raw.condition.as_ref().map(|s| s.trim().to_string()),
        citation: citation?,
    };
    Some((rule, except))
}

/// A header both required and forbidden in the same scope cannot be satisfied.
fn check_conflicts(c: &mut Checker<'_>, index: usize, code: u16, rules: &Rules) {
    for must in &rules.must {
        for forbidden in &rules.must_not {
            let same_scope = must.method.is_none()
                || forbidden.method.is_none()
                || must.method == forbidden.method;
            if !same_scope {
                continue;
            }
            for header in &must.headers {
                if forbidden.headers.iter().any(|h| h.name == header.name) {
                    let pos = c.at.text_in_entry(index, Some("must_not"), header.name);
                    c.report(
                        pos,
                        format!(
                            "code {code}: header `{}` is both `must` ({}) and `must_not` ({})",
                            header.name,
                            must.citation.text(),
                            forbidden.citation.text()
                        ),
                    );
                }
            }
        }
    }
}
