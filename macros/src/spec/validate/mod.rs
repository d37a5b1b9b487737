//! Checks every field of a raw spec and builds the model (`rules`: header rules and citations; `q850`:
//! the cause tables). Collects every problem it finds, each placed in
//! the file where possible, instead of stopping at the first. A spec that `extends` the bundled one is
//! checked against it: its new codes must be new, its overrides must name codes that exist.

use std::cell::OnceCell;
use std::collections::BTreeMap;

use sip_codes_runtime::registry::RegistryStatus;
use sip_codes_runtime::{StatusClass, syntax};

mod q850;
mod rules;

use super::Diagnostic;
use super::locate::{List, Locator, Pos};
use super::model::{Alias, Code, Rules, Spec};
use super::raw::{RawAlias, RawClass, RawCode, RawOverride, RawSpec, RawStatus};
use crate::codegen::names;
use rules::{CommonRules, check_citation, check_conflicts, check_rules};

/// The one value `extends` takes: the spec bundled with the `sip-codes` crate.
pub const BUNDLED: &str = "sip-codes";

/// Where a value stands: in entry `index` of `codes` or `overrides` (which is about code `code`), or in
/// `common`.
#[derive(Clone, Copy)]
pub(super) enum Place {
    Entry(List, usize, u16),
    Common,
    Q850,
}

impl Place {
    pub(super) fn what(self) -> String {
        match self {
            Place::Entry(_, _, code) => format!("code {code}"),
            Place::Common => "common".to_string(),
            Place::Q850 => "q850".to_string(),
        }
    }
}

pub(super) struct Checker<'a> {
    text: &'a str,
    /// Built on the first problem: a valid spec never pays for indexing its lines.
    locator: OnceCell<Locator<'a>>,
    pub(super) problems: Vec<Diagnostic>,
}

impl<'a> Checker<'a> {
    /// Where things stand in the spec text.
    pub(super) fn at(&self) -> &Locator<'a> {
        self.locator.get_or_init(|| Locator::new(self.text))
    }

    pub(super) fn report(&mut self, pos: Option<Pos>, message: String) {
        self.problems.push(Diagnostic {
            line: pos.map(|p| p.line),
            column: pos.map(|p| p.column),
            message,
        });
    }

    pub(super) fn in_place(&self, place: Place, after: Option<&str>, needle: &str) -> Option<Pos> {
        match place {
            Place::Entry(list, index, _) => self.at().text_in_entry(list, index, after, needle),
            Place::Common => self.at().text_in_common(needle),
            Place::Q850 => self.at().text_in_block("q850", needle),
        }
    }

    pub(super) fn field(&self, place: Place, key: &str) -> Option<Pos> {
        match place {
            Place::Entry(list, index, _) => self.at().field(list, index, key),
            Place::Common => self.at().text_in_common(key),
            Place::Q850 => self.at().text_in_block("q850", key),
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
        text,
        locator: OnceCell::new(),
        problems: Vec::new(),
    };
    if raw.schema != 1 {
        let pos = c.at().top_level("schema");
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
                let pos = c.at().top_level("extends");
                c.report(pos, why);
                return Err(c.problems);
            }
        },
        Some(other) => {
            let pos = c.at().top_level("extends");
            c.report(
                pos,
                format!("`extends: {other}`: the only spec a spec can extend is `{BUNDLED}`"),
            );
            None
        }
    };
    if base.is_none() && raw.codes.is_empty() {
        let pos = c.at().top_level("codes");
        c.report(pos, "the spec has no codes".into());
    }
    if base.is_none() && !raw.overrides.is_empty() {
        let pos = c.at().list(List::Overrides);
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
        let pos = |c: &Checker<'_>| c.at().entry(List::Codes, index);
        if let Some(first) = seen.insert(code.code, index) {
            let first_line = c.at().entry(List::Codes, first).map_or(String::new(), |p| {
                format!(" (first defined at line {})", p.line)
            });
            c.report(pos(&c), format!("duplicate code {}{first_line}", code.code));
        } else if base
            .as_ref()
            .is_some_and(|base| base.codes.iter().any(|b| b.code == code.code))
        {
            c.report(
                pos(&c),
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
            let pos = |c: &Checker<'_>| c.at().entry(List::Overrides, index);
            let Some(target) = base_codes
                .iter_mut()
                .find(|b| u32::from(b.code) == entry.code)
            else {
                c.report(
                    pos(&c),
                    format!(
                        "`overrides` names code {}, which the `{BUNDLED}` spec does not have",
                        entry.code
                    ),
                );
                continue;
            };
            if let Some(first) = overridden.insert(target.code, index) {
                let line = c.at().entry(List::Overrides, first).map_or(0, |p| p.line);
                c.report(
                    pos(&c),
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
                .and_then(|&index| c.at().field(List::Codes, index, "phrase"));
            let message = format!(
                "code {} and code {other} both get the variant name `{}`; set `variant:` on one of them",
                code.code, code.variant
            );
            c.report(pos, message);
        }
    }
    if let Some(raw) = &raw.q850 {
        q850 = q850::check(&mut c, raw, &codes);
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
            let pos = c.at().entry(List::Codes, index);
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

fn check_aliases(c: &mut Checker<'_>, place: Place, raw: &[RawAlias]) -> Vec<Alias> {
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
