//! One entry of `codes` (a code this spec defines) or of `overrides` (changes to a code of the spec it
//! extends): phrase, class, citation, variant name, aliases, description, rules.

use std::rc::Rc;

use sip_codes_core::{RegistryStatus, StatusClass, text};

use super::behaviour::RawFacts;
use super::rules::{check_answers, check_citation, check_rules, levels};
use super::{BUNDLED, Checker, Place};
use crate::locate::List;
use crate::model::{Alias, Behaviour, Code, Header, Rules};
use crate::names;
use crate::raw::{RawAlias, RawClass, RawCode, RawOverride, RawRules, RawStatus};

fn rule_lists(
    raw: Option<&RawRules>,
) -> [(
    sip_codes_core::sentence::Level,
    &[crate::raw::RawRule],
    &'static str,
); 4] {
    match raw {
        Some(r) => levels(&r.must, &r.should, &r.may, &r.must_not),
        None => levels(&[], &[], &[], &[]),
    }
}

pub(super) fn check_code(
    c: &mut Checker<'_>,
    index: usize,
    raw: &RawCode,
    headers: &[Rc<Header>],
) -> Option<Code> {
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
    if let Some(actual) = StatusClass::of(code).filter(|&actual| actual != class) {
        let pos = c.field(place, "class");
        c.report(
            pos,
            format!(
                "code {code} is not in its declared class {}: its first digit makes it {actual} \
                 (write `class: {}`)",
                class.name(),
                class_keyword(actual)
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
            if let Some(problem) = names::variant_problem(variant) {
                let pos = c.field(place, "variant");
                c.report(pos, format!("code {code}: variant `{variant}` {problem}"));
            }
            variant.clone()
        }
        None => {
            let variant = names::variant_of_phrase(&raw.phrase);
            // An empty phrase has been reported already; a missing variant name would only repeat it.
            if let Some(problem) =
                names::variant_problem(&variant).filter(|_| !raw.phrase.trim().is_empty())
            {
                let pos = c.field(place, "phrase");
                c.report(
                    pos,
                    format!("code {code}: the variant name made from the phrase, `{variant}`, {problem}; set `variant:`"),
                );
            }
            variant
        }
    };
    let rules = check_rules(c, rule_lists(raw.headers.as_ref()), place, headers);
    let answers = check_answers(c, &raw.answers, place);
    let mut behaviour = Behaviour::of_class(class);
    let facts = RawFacts {
        dialog: raw.dialog.as_ref(),
        uac: raw.uac.as_ref(),
        proxy: raw.proxy.as_ref(),
        retry_after: raw.retry_after.as_ref(),
        sent_by: raw.sent_by.as_ref(),
    };
    super::behaviour::apply(c, place, facts, &mut behaviour);
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
        answers,
        common_answers: Vec::new(),
        behaviour,
    })
}

/// Applies one entry of `overrides` to the code it names. A new phrase keeps the variant name, and the
/// phrase it replaces stays known as an alias; rules and aliases are added to the code's own.
pub(super) fn apply_override(
    c: &mut Checker<'_>,
    index: usize,
    raw: &RawOverride,
    target: &mut Code,
    headers: &[Rc<Header>],
) {
    let place = Place::Entry(List::Overrides, index, target.code);
    let before = c.problems.len();
    if let Some(phrase) = &raw.phrase {
        check_phrase(c, place, "phrase", phrase);
    }
    if let Some(description) = &raw.description {
        check_description(c, place, description);
    }
    let aliases = check_aliases(c, place, &raw.aliases);
    let rules: Rules = check_rules(c, rule_lists(raw.headers.as_ref()), place, headers);
    let answers = check_answers(c, &raw.answers, place);
    let mut behaviour = target.behaviour.clone();
    let facts = RawFacts {
        dialog: raw.dialog.as_ref(),
        uac: raw.uac.as_ref(),
        proxy: raw.proxy.as_ref(),
        retry_after: raw.retry_after.as_ref(),
        sent_by: raw.sent_by.as_ref(),
    };
    super::behaviour::apply(c, place, facts, &mut behaviour);
    if c.problems.len() > before {
        return;
    }
    target.behaviour = behaviour;
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
    target.answers.extend(answers);
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

/// The spec's word for a class.
fn class_keyword(class: StatusClass) -> &'static str {
    match class {
        StatusClass::Provisional => "provisional",
        StatusClass::Success => "success",
        StatusClass::Redirection => "redirection",
        StatusClass::RequestFailure => "request-failure",
        StatusClass::ServerFailure => "server-failure",
        StatusClass::GlobalFailure => "global-failure",
    }
}

/// What is wrong with `text` for the wire, if anything: the first byte it may not hold.
pub(crate) fn wire_problem(text: &str) -> Option<String> {
    let at = text::invalid_text_byte(text.as_bytes())?;
    let byte = text.as_bytes()[at];
    let name = match byte {
        b'\r' => " (CR)",
        b'\n' => " (LF)",
        0 => " (NUL)",
        b'\t' => " (TAB)",
        _ => "",
    };
    Some(format!(
        "byte 0x{byte:02x}{name} at offset {at} is a control character"
    ))
}

fn check_phrase(c: &mut Checker<'_>, place: Place, key: &str, phrase: &str) {
    let problem = if phrase.trim().is_empty() {
        Some("is empty".to_string())
    } else if let Some(problem) = wire_problem(phrase) {
        let hint = if phrase.trim_end_matches('\n').len() < phrase.len() {
            ": a block scalar (`|` or `>`) keeps its final line break; write `|-` or `>-`, or a plain scalar"
        } else {
            ""
        };
        Some(format!("cannot go on the wire: {problem}{hint}"))
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
