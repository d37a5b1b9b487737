//! Checks every field of a raw spec and builds the model. Collects every problem it finds, each placed in
//! the file where possible, instead of stopping at the first. A spec that `extends` the bundled one is
//! checked against it: its new codes must be new, its overrides must name codes that exist.

use std::collections::BTreeMap;

use sip_codes_runtime::catalog::{self, HeaderInfo};
use sip_codes_runtime::registry::RegistryStatus;
use sip_codes_runtime::{StatusClass, syntax};

use super::Diagnostic;
use super::locate::{List, Locator, Pos};
use super::model::{Alias, Citation, Code, CommonRule, Q850, Rule, RuleKind as Kind, Rules, Spec};
use super::raw::{RawClass, RawCode, RawOverride, RawQ850, RawRule, RawRules, RawSpec, RawStatus};
use crate::codegen::names;

/// The one value `extends` takes: the spec bundled with the `sip-codes` crate.
pub const BUNDLED: &str = "sip-codes";

/// Where a value stands: in entry `index` of `codes` or `overrides` (which is about code `code`), or in
/// `common`.
#[derive(Clone, Copy)]
enum Place {
    Entry(List, usize, u16),
    Common,
    Q850,
}

impl Place {
    fn what(self) -> String {
        match self {
            Place::Entry(_, _, code) => format!("code {code}"),
            Place::Common => "common".to_string(),
            Place::Q850 => "q850".to_string(),
        }
    }
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
            Place::Entry(list, index, _) => self.at.text_in_entry(list, index, after, needle),
            Place::Common => self.at.text_in_common(needle),
            Place::Q850 => self.at.text_in_block("q850", needle),
        }
    }

    fn field(&self, place: Place, key: &str) -> Option<Pos> {
        match place {
            Place::Entry(list, index, _) => self.at.field(list, index, key),
            Place::Common => self.at.text_in_common(key),
            Place::Q850 => self.at.text_in_block("q850", key),
        }
    }
}

/// Validates `raw` (parsed from `text`) into a [`Spec`], or every problem found. `bundled` gives the spec
/// that `extends: sip-codes` starts from; it is called only when the spec says so.
pub fn validate(
    raw: RawSpec,
    text: &str,
    bundled: impl FnOnce() -> Result<Spec, String>,
) -> Result<Spec, Vec<Diagnostic>> {
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
    let base = match raw.extends.as_deref() {
        None => None,
        Some(BUNDLED) => match bundled() {
            Ok(base) => Some(base),
            Err(why) => {
                let pos = c.at.top_level("extends");
                c.report(pos, why);
                return Err(c.problems);
            }
        },
        Some(other) => {
            let pos = c.at.top_level("extends");
            c.report(
                pos,
                format!("`extends: {other}`: the only spec a spec can extend is `{BUNDLED}`"),
            );
            None
        }
    };
    if base.is_none() && raw.codes.is_empty() {
        let pos = c.at.top_level("codes");
        c.report(pos, "the spec has no codes".into());
    }
    if base.is_none() && !raw.overrides.is_empty() {
        let pos = c.at.list(List::Overrides);
        c.report(
            pos,
            format!("`overrides` change the codes of an extended spec: add `extends: {BUNDLED}`"),
        );
    }
    let common: CommonRules = raw
        .common
        .as_ref()
        .map(|rules| check_rules(&mut c, rules, Place::Common))
        .unwrap_or_default();

    // The codes this spec defines.
    let mut codes: Vec<Code> = Vec::with_capacity(raw.codes.len());
    let mut seen: BTreeMap<u16, usize> = BTreeMap::new();
    for (index, entry) in raw.codes.iter().enumerate() {
        let Some(code) = check_code(&mut c, index, entry) else {
            continue;
        };
        let pos = c.at.entry(List::Codes, index);
        if let Some(first) = seen.insert(code.code, index) {
            let first_line = c.at.entry(List::Codes, first).map_or(String::new(), |p| {
                format!(" (first defined at line {})", p.line)
            });
            c.report(pos, format!("duplicate code {}{first_line}", code.code));
        } else if base
            .as_ref()
            .is_some_and(|base| base.codes.iter().any(|b| b.code == code.code))
        {
            c.report(
                pos,
                format!(
                    "code {} is already in the `{BUNDLED}` spec: change it under `overrides`",
                    code.code
                ),
            );
        } else {
            codes.push(code);
        }
    }

    // The codes it takes from the spec it extends, with its overrides applied.
    let mut overridden: BTreeMap<u16, usize> = BTreeMap::new();
    let mut all_common = Vec::new();
    let mut q850 = None;
    if let Some(base) = base {
        q850 = base.q850;
        // The extended spec's common rules hold for the codes this spec adds, too.
        for code in &mut codes {
            for rule in &base.common {
                rule.apply(code.code, &mut code.rules);
            }
        }
        all_common = base.common;
        let mut base_codes = base.codes;
        for (index, entry) in raw.overrides.iter().enumerate() {
            let pos = c.at.entry(List::Overrides, index);
            let Some(target) = base_codes
                .iter_mut()
                .find(|b| u32::from(b.code) == entry.code)
            else {
                c.report(
                    pos,
                    format!(
                        "`overrides` names code {}, which the `{BUNDLED}` spec does not have",
                        entry.code
                    ),
                );
                continue;
            };
            if let Some(first) = overridden.insert(target.code, index) {
                let line = c.at.entry(List::Overrides, first).map_or(0, |p| p.line);
                c.report(
                    pos,
                    format!(
                        "code {} is overridden twice (first at line {line})",
                        target.code
                    ),
                );
                continue;
            }
            apply_override(&mut c, index, entry, target);
        }
        codes.extend(base_codes);
    }

    for code in &mut codes {
        for rule in &common.0 {
            rule.apply(code.code, &mut code.rules);
        }
        let place = match (seen.get(&code.code), overridden.get(&code.code)) {
            (Some(&index), _) => Some(Place::Entry(List::Codes, index, code.code)),
            (None, Some(&index)) => Some(Place::Entry(List::Overrides, index, code.code)),
            (None, None) => None,
        };
        check_conflicts(&mut c, place, code);
    }
    let mut variants: BTreeMap<&str, u16> = BTreeMap::new();
    for code in &codes {
        if let Some(other) = variants.insert(&code.variant, code.code) {
            let pos = seen
                .get(&code.code)
                .and_then(|&index| c.at.field(List::Codes, index, "phrase"));
            let message = format!(
                "code {} and code {other} both get the variant name `{}`; set `variant:` on one of them",
                code.code, code.variant
            );
            c.report(pos, message);
        }
    }
    if let Some(raw) = &raw.q850 {
        q850 = check_q850(&mut c, raw, &codes);
    }
    if c.problems.is_empty() {
        codes.sort_by_key(|code| code.code);
        all_common.extend(common.0);
        Ok(Spec {
            codes,
            common: all_common,
            q850,
        })
    } else {
        Err(c.problems)
    }
}

fn check_code(c: &mut Checker<'_>, index: usize, raw: &RawCode) -> Option<Code> {
    let before = c.problems.len();
    let code = match u16::try_from(raw.code) {
        Ok(code @ 100..=699) => code,
        _ => {
            let pos = c.at.entry(List::Codes, index);
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
    let place = Place::Entry(List::Codes, index, code);
    let class = class_of(raw.class);
    if StatusClass::of(code) != Some(class) {
        let pos = c.field(place, "class");
        c.report(
            pos,
            format!(
                "code {code} is not in its declared class {} (its first digit makes it {})",
                class.name(),
                code / 100
            ),
        );
    }
    check_phrase(c, place, "phrase", &raw.phrase);
    let aliases = check_aliases(c, place, &raw.aliases);
    check_description(c, place, &raw.description);
    let citation = check_citation(
        c,
        place,
        None,
        raw.rfc,
        raw.section.as_deref(),
        raw.source.as_deref(),
    );
    let variant = match &raw.variant {
        Some(variant) => {
            if !names::is_upper_camel_ident(variant) {
                let pos = c.field(place, "variant");
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
                let pos = c.field(place, "phrase");
                c.report(pos, format!("code {code}: phrase gives no usable variant name (`{variant}`); set `variant:`"));
            }
            variant
        }
    };
    let rules = raw
        .headers
        .as_ref()
        .map(|rules| check_rules(c, rules, place))
        .unwrap_or_default();
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
        aliases,
        rules,
    })
}

/// Applies one entry of `overrides` to the code it names. A new phrase keeps the variant name, and the
/// phrase it replaces stays known as an alias; rules and aliases are added to the code's own.
fn apply_override(c: &mut Checker<'_>, index: usize, raw: &RawOverride, target: &mut Code) {
    let place = Place::Entry(List::Overrides, index, target.code);
    let before = c.problems.len();
    if let Some(phrase) = &raw.phrase {
        check_phrase(c, place, "phrase", phrase);
    }
    if let Some(description) = &raw.description {
        check_description(c, place, description);
    }
    let aliases = check_aliases(c, place, &raw.aliases);
    let rules: Rules = raw
        .headers
        .as_ref()
        .map(|rules| check_rules(c, rules, place))
        .unwrap_or_default();
    if c.problems.len() > before {
        return;
    }
    if let Some(phrase) = &raw.phrase {
        let old = std::mem::replace(&mut target.phrase, phrase.clone());
        target.aliases.retain(|alias| alias.phrase != *phrase);
        target.aliases.push(Alias {
            phrase: old,
            source: format!("the `{BUNDLED}` spec"),
        });
    }
    if let Some(description) = &raw.description {
        target.description = description.trim().to_string();
    }
    target.aliases.extend(aliases);
    target.rules.extend(rules);
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

fn check_phrase(c: &mut Checker<'_>, place: Place, key: &str, phrase: &str) {
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
        let pos = c.field(place, key);
        c.report(
            pos,
            format!("{}: reason phrase {phrase:?} {problem}", place.what()),
        );
    }
}

fn check_aliases(c: &mut Checker<'_>, place: Place, raw: &[super::raw::RawAlias]) -> Vec<Alias> {
    for alias in raw {
        check_phrase(c, place, "aliases", &alias.phrase);
    }
    raw.iter()
        .map(|a| Alias {
            phrase: a.phrase.clone(),
            source: a.source.clone(),
        })
        .collect()
}

fn check_description(c: &mut Checker<'_>, place: Place, description: &str) {
    if description.trim().is_empty() {
        let pos = c.field(place, "description");
        c.report(pos, format!("{}: empty description", place.what()));
    }
}

/// A code or rule cites `rfc` and `section`, or names a `source` that is not an RFC.
fn check_citation(
    c: &mut Checker<'_>,
    place: Place,
    after: Option<&str>,
    rfc: Option<u32>,
    section: Option<&str>,
    source: Option<&str>,
) -> Option<Citation> {
    let what = place.what();
    match (rfc, section, source) {
        (Some(rfc), Some(section), None) => {
            let number = u16::try_from(rfc).ok().filter(|&n| n > 0);
            if number.is_none() {
                let pos = c.in_place(place, after, &rfc.to_string());
                c.report(pos, format!("{what}: `rfc: {rfc}` is not an RFC number"));
            }
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
                    format!(
                        "{what}: `section: {section:?}` is not a section number like \"21.4.6\""
                    ),
                );
            }
            Some(Citation::Rfc {
                rfc: number?,
                section: section.to_string(),
            })
            .filter(|_| valid_section)
        }
        (None, None, Some(source)) => {
            if source.trim().is_empty() {
                let pos = c.in_place(place, after, "source");
                c.report(pos, format!("{what}: empty `source`"));
                return None;
            }
            Some(Citation::Local(source.trim().to_string()))
        }
        _ => {
            let pos = c
                .in_place(place, after, "rfc")
                .or_else(|| c.in_place(place, after, "source"));
            c.report(
                pos,
                format!("{what}: cite `rfc` and `section`, or give a `source` instead of both"),
            );
            None
        }
    }
}

/// The `common` rules, each with the codes it skips.
#[derive(Default)]
struct CommonRules(Vec<CommonRule>);

/// What a checked rule list becomes: a code's rules, or the `common` rules with their `except` lists.
trait FromRules: Default {
    fn add(&mut self, kind: Kind, rule: Rule, except: Vec<u16>);
}

impl FromRules for Rules {
    fn add(&mut self, kind: Kind, rule: Rule, _: Vec<u16>) {
        self.push(kind, rule);
    }
}

impl FromRules for CommonRules {
    fn add(&mut self, kind: Kind, rule: Rule, except: Vec<u16>) {
        self.0.push(CommonRule { kind, rule, except });
    }
}

/// Checks a `headers` block (or `common`).
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
                out.add(kind, rule, except);
            }
        }
    }
    out
}

fn check_rule(
    c: &mut Checker<'_>,
    raw: &RawRule,
    kind: Kind,
    key: &str,
    place: Place,
) -> Option<(Rule, Vec<u16>)> {
    let before = c.problems.len();
    let what = place.what();
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
        && (method.is_empty() || !method.bytes().all(|b| b.is_ascii_uppercase()))
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
        (Some(list), Place::Common | Place::Q850) => list
            .iter()
            .filter_map(|&code| u16::try_from(code).ok())
            .collect(),
        (None, _) => Vec::new(),
    };
    let citation = check_citation(
        c,
        place,
        Some(key),
        raw.rfc,
        raw.section.as_deref(),
        raw.source.as_deref(),
    );
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

/// A header both required and forbidden in the same scope cannot be satisfied. `place` is where the code's
/// own rules stand in this file, if they do.
fn check_conflicts(c: &mut Checker<'_>, place: Option<Place>, code: &Code) {
    let rules = &code.rules;
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
                    let pos = match place {
                        Some(place) => c.in_place(place, Some("must_not"), header.name),
                        None => c.at.text_in_common(header.name),
                    };
                    c.report(
                        pos,
                        format!(
                            "code {}: header `{}` is both `must` ({}) and `must_not` ({})",
                            code.code,
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

/// Checks the `q850` block against the spec's codes: every cause 1–127 and named, every code in the spec
/// (a final failure code where a response is mapped to a cause), no row twice.
fn check_q850(c: &mut Checker<'_>, raw: &RawQ850, codes: &[Code]) -> Option<Q850> {
    let before = c.problems.len();
    let report = |c: &mut Checker<'_>, needle: &str, message: String| {
        let pos = c.at.text_in_block("q850", needle);
        c.report(pos, format!("q850: {message}"));
    };
    let names: Vec<(u8, String)> = raw
        .names
        .iter()
        .filter_map(|n| Some((u8::try_from(n.cause).ok()?, n.name.trim().to_string())))
        .collect();
    let cause = |c: &mut Checker<'_>, value: u32| -> u8 {
        match u8::try_from(value) {
            Ok(v @ 1..=127) if names.iter().any(|(n, _)| *n == v) => v,
            Ok(v @ 1..=127) => {
                report(
                    c,
                    &format!("cause: {v}"),
                    format!("cause {v} has no entry in `names`"),
                );
                v
            }
            _ => {
                report(
                    c,
                    &value.to_string(),
                    format!("cause {value} is outside 1..=127 (ITU-T Q.850)"),
                );
                0
            }
        }
    };
    let code = |c: &mut Checker<'_>, value: u32, failure_only: bool| -> u16 {
        let known = codes.iter().any(|k| u32::from(k.code) == value);
        if !known {
            let pos = c.at.text_in_block("q850", &format!("code: {value}"));
            c.report(pos, format!("q850: code {value} is not a code of the spec"));
        } else if failure_only && value < 400 {
            let pos = c.at.text_in_block("q850", &format!("code: {value}"));
            c.report(
                pos,
                format!("q850: code {value} is not a failure response (4xx-6xx)"),
            );
        }
        u16::try_from(value).unwrap_or(0)
    };
    let to_sip: Vec<(u8, u16)> = raw
        .to_sip
        .map
        .iter()
        .map(|row| (cause(c, row.cause), code(c, row.code, false)))
        .collect();
    let to_sip_default = code(c, raw.to_sip.default, false);
    let to_sip_none: Vec<u8> = raw
        .to_sip
        .no_response
        .iter()
        .map(|&v| cause(c, v))
        .collect();
    let from_sip: Vec<(u16, u8)> = raw
        .from_sip
        .map
        .iter()
        .map(|row| (code(c, row.code, true), cause(c, row.cause)))
        .collect();
    let from_sip_default = cause(c, raw.from_sip.default);
    let from_sip_none: Vec<u16> = raw
        .from_sip
        .no_response
        .iter()
        .map(|&v| code(c, v, true))
        .collect();
    for (i, (value, _)) in to_sip.iter().enumerate() {
        if to_sip[..i].iter().any(|(v, _)| v == value) || to_sip_none.contains(value) {
            report(
                c,
                &format!("cause: {value}"),
                format!("cause {value} is mapped twice in `to_sip`"),
            );
        }
    }
    for (i, (value, _)) in from_sip.iter().enumerate() {
        if from_sip[..i].iter().any(|(v, _)| v == value) || from_sip_none.contains(value) {
            report(
                c,
                &format!("code: {value}"),
                format!("code {value} is mapped twice in `from_sip`"),
            );
        }
    }
    for (i, (value, name)) in names.iter().enumerate() {
        if names[..i].iter().any(|(v, _)| v == value) {
            report(
                c,
                &format!("cause: {value}"),
                format!("cause {value} is named twice"),
            );
        }
        if name.is_empty() || syntax::check_text(name, "cause name").is_err() {
            report(
                c,
                &format!("cause: {value}"),
                format!("cause {value}: the name {name:?} cannot go in a Reason header"),
            );
        }
    }
    let to_sip_citation = check_citation(
        c,
        Place::Q850,
        None,
        Some(raw.to_sip.rfc),
        Some(&raw.to_sip.section),
        None,
    );
    let from_sip_citation = check_citation(
        c,
        Place::Q850,
        None,
        Some(raw.from_sip.rfc),
        Some(&raw.from_sip.section),
        None,
    );
    if c.problems.len() > before {
        return None;
    }
    Some(Q850 {
        to_sip,
        to_sip_default,
        to_sip_none,
        to_sip_citation: to_sip_citation?,
        from_sip,
        from_sip_default,
        from_sip_none,
        from_sip_citation: from_sip_citation?,
        names,
    })
}
