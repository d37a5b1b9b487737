//! Header rules (a code's, an override's, `common`) and the citations of codes and rules.

use sip_codes_runtime::catalog::{self, HeaderInfo};

use super::{Checker, Place};
use crate::spec::model::{Citation, Code, CommonRule, Rule, RuleKind as Kind, Rules};
use crate::spec::raw::{RawRule, RawRules};

/// A code or rule cites `rfc` and `section`, or names a `source` that is not an RFC.
pub(super) fn check_citation(
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
                let pos = c.in_place(place, after, &format!("rfc: {rfc}"));
                c.report(pos, format!("{what}: `rfc: {rfc}` is not an RFC number"));
            }
            let valid_section = !section.is_empty()
                && section.split('.').all(|part| {
                    !part.is_empty() && part.bytes().all(|b| b.is_ascii_alphanumeric())
                });
            if !valid_section {
                let pos = c.in_place(place, after, "section:");
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
pub(super) struct CommonRules(pub(super) Vec<CommonRule>);

/// What a checked rule list becomes: a code's rules, or the `common` rules with their `except` lists.
pub(super) trait FromRules: Default {
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
pub(super) fn check_rules<T: FromRules>(c: &mut Checker<'_>, raw: &RawRules, place: Place) -> T {
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
pub(super) fn check_conflicts(c: &mut Checker<'_>, place: Option<Place>, code: &Code) {
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
                        None => c.at().text_in_common(header.name),
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
