//! Header rules (a code's, an override's, `common`), answer rules, and the citations of codes and rules.

use std::rc::Rc;

use sip_codes_core::methods;
use sip_codes_core::sentence::{self, Level};

use super::{Checker, Place};
use crate::model::{
    AnswerRule, Citation, Code, CommonKind, CommonRule, Header, Rule, Rules, find_header,
};
use crate::raw::{RawAnswer, RawRule};
use crate::suggest::did_you_mean;

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

/// The four lists of a `headers` (or `common`) block, with their keys.
pub(super) fn levels<'r>(
    must: &'r [RawRule],
    should: &'r [RawRule],
    may: &'r [RawRule],
    must_not: &'r [RawRule],
) -> [(Level, &'r [RawRule], &'static str); 4] {
    [
        (Level::Must, must, "must"),
        (Level::Should, should, "should"),
        (Level::May, may, "may"),
        (Level::MustNot, must_not, "must_not"),
    ]
}

/// Checks the rule lists of a code or an override.
pub(super) fn check_rules(
    c: &mut Checker<'_>,
    lists: [(Level, &[RawRule], &'static str); 4],
    place: Place,
    headers: &[Rc<Header>],
) -> Rules {
    let mut out = Rules::default();
    for (level, list, key) in lists {
        for raw in list {
            if let Some((rule, _)) = check_rule(c, raw, level, key, place, headers) {
                out.push(level, rule);
            }
        }
    }
    out
}

/// Checks the rule lists of `common`: each rule with the codes it skips.
pub(super) fn check_common(
    c: &mut Checker<'_>,
    lists: [(Level, &[RawRule], &'static str); 4],
    answers: &[RawAnswer],
    headers: &[Rc<Header>],
) -> Vec<CommonRule> {
    let mut out = Vec::new();
    for (level, list, key) in lists {
        for raw in list {
            if let Some((rule, except)) = check_rule(c, raw, level, key, Place::Common, headers) {
                out.push(CommonRule {
                    rule: CommonKind::Header(level, rule),
                    except,
                });
            }
        }
    }
    for raw in answers {
        if let Some(rule) = check_answer(c, raw, Place::Common) {
            let except = except_list(raw.except.as_deref());
            out.push(CommonRule {
                rule: CommonKind::Answers(rule),
                except,
            });
        }
    }
    out
}

fn except_list(except: Option<&[u32]>) -> Vec<u16> {
    except
        .unwrap_or_default()
        .iter()
        .filter_map(|&code| u16::try_from(code).ok())
        .collect()
}

/// `method` is a method of the IANA registry (so that it has a marker type), or an error is reported.
fn check_method(c: &mut Checker<'_>, place: Place, key: &str, method: &str) -> bool {
    if methods::find(method).is_some() {
        return true;
    }
    let pos = c.in_place(place, Some(key), method);
    let hint = match did_you_mean(method, methods::METHODS.iter().map(|m| m.name)) {
        Some(name) => format!("; did you mean `{name}`? (method names are case-sensitive)"),
        None => {
            let all: Vec<&str> = methods::METHODS.iter().map(|m| m.name).collect();
            format!("; the methods are: {}", all.join(", "))
        }
    };
    c.report(
        pos,
        format!(
            "{}: `{method}` is not a method of the IANA registry{hint}",
            place.what()
        ),
    );
    false
}

fn check_rule(
    c: &mut Checker<'_>,
    raw: &RawRule,
    level: Level,
    key: &str,
    place: Place,
    known: &[Rc<Header>],
) -> Option<(Rule, Vec<u16>)> {
    let before = c.problems.len();
    let what = place.what();
    let names: Vec<&String> = match (&raw.header, &raw.one_of) {
        (Some(header), None) => vec![header],
        (None, Some(group)) => {
            if level != Level::Must {
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
    let mut headers: Vec<Rc<Header>> = Vec::new();
    for name in names {
        match find_header(known, name) {
            Some(info) if headers.iter().any(|h| h.name == info.name) => {
                let pos = c.in_place(place, Some(key), name);
                c.report(
                    pos,
                    format!("{what}: header `{}` is named twice in one rule", info.name),
                );
            }
            Some(info) if level == Level::Must && !info.value.has_setter() => {
                let pos = c.in_place(place, Some(key), name);
                c.report(
                    pos,
                    format!(
                        "{what}: `{}` cannot be a `must` rule: it has no setter (the library writes it, \
                         or responses never carry it)",
                        info.name
                    ),
                );
            }
            Some(info) => headers.push(info.clone()),
            None => {
                let pos = c.in_place(place, Some(key), name);
                let hint = match did_you_mean(name, known.iter().map(|h| h.name.as_str())) {
                    Some(near) => format!("did you mean `{near}`? "),
                    None => String::new(),
                };
                c.report(
                    pos,
                    format!(
                        "{what}: unknown header `{name}` in `{key}`; {hint}declare a header of your own \
                         under the top-level `headers:` (spec/README.md, \"Headers\")"
                    ),
                );
            }
        }
    }
    if let Some(method) = &raw.method {
        check_method(c, place, key, method);
    }
    if let Some(condition) = &raw.condition {
        let condition = condition.trim();
        let pos = || c.in_place(place, Some(key), "condition");
        if condition.is_empty() {
            let pos = pos();
            c.report(pos, format!("{what}: empty `condition`"));
        } else if !sentence::is_condition(condition) {
            let pos = pos();
            c.report(
                pos,
                format!(
                    "{what}: a `condition` completes the rule's sentence (\"MUST carry X in responses to \
                     INVITE when …\"): start it with one of {}",
                    sentence::CONDITION_STARTS.join(", ")
                ),
            );
        }
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
        (list, _) => except_list(list.as_deref()),
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
        why: raw
            .why
            .as_ref()
            .map(|s| s.trim().to_string())
            .filter(|s| !s.is_empty()),
        citation: citation?,
    };
    Some((rule, except))
}

/// Checks the `answers` of a code, an override or `common`.
pub(super) fn check_answers(
    c: &mut Checker<'_>,
    raw: &[RawAnswer],
    place: Place,
) -> Vec<AnswerRule> {
    raw.iter()
        .filter_map(|raw| check_answer(c, raw, place))
        .collect()
}

fn check_answer(c: &mut Checker<'_>, raw: &RawAnswer, place: Place) -> Option<AnswerRule> {
    let before = c.problems.len();
    let what = place.what();
    let (methods, only) = match (&raw.only, &raw.never) {
        (Some(list), None) => (list, true),
        (None, Some(list)) => (list, false),
        _ => {
            let pos = c.in_place(place, Some("answers"), "answers");
            c.report(
                pos,
                format!("{what}: an `answers` rule has exactly one of `only` and `never`"),
            );
            return None;
        }
    };
    if methods.is_empty() {
        let pos = c.in_place(place, Some("answers"), if only { "only" } else { "never" });
        c.report(
            pos,
            format!("{what}: an `answers` rule names at least one method"),
        );
    }
    for method in methods {
        check_method(c, place, "answers", method);
    }
    if raw.except.is_some() && !matches!(place, Place::Common) {
        let pos = c.in_place(place, Some("answers"), "except");
        c.report(
            pos,
            format!("{what}: `except` is allowed only in the `common` block"),
        );
    }
    let citation = check_citation(
        c,
        place,
        Some("answers"),
        raw.rfc,
        raw.section.as_deref(),
        raw.source.as_deref(),
    );
    if c.problems.len() > before {
        return None;
    }
    Some(AnswerRule {
        methods: methods.clone(),
        only,
        why: raw
            .why
            .as_ref()
            .map(|s| s.trim().to_string())
            .filter(|s| !s.is_empty()),
        citation: citation?,
    })
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
                if forbidden.names_header(header) {
                    let pos = match place {
                        Some(place) => c.in_place(place, Some("must_not"), &header.name),
                        None => c.at().text_in_common(&header.name),
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

/// A rule scoped to a method the code never answers can never hold: it is a mistake in the spec.
pub(super) fn check_answered(c: &mut Checker<'_>, place: Option<Place>, code: &Code) {
    for (level, rule) in crate::model::LEVELS
        .iter()
        .flat_map(|l| code.rules.list(*l).iter().map(move |r| (l, r)))
    {
        let Some(method) = &rule.method else { continue };
        let Some(refusal) = code.all_answers().find(|a| !a.allows(method)) else {
            continue;
        };
        let pos = match place {
            Some(place) => c.in_place(place, Some("method"), method),
            None => None,
        };
        let methods: Vec<&str> = refusal.methods.iter().map(String::as_str).collect();
        let refused = sentence::answers(
            code.code,
            &code.phrase,
            &methods,
            refusal.only,
            Some(refusal.citation.as_sentence()),
        );
        c.report(
            pos,
            format!(
                "code {}: a `{}` rule for responses to {method} can never hold: {refused}",
                code.code,
                level.word().to_lowercase().replace(' ', "_")
            ),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggestions() {
        let known = [
            "Allow",
            "Allow-Events",
            "Min-Expires",
            "Min-SE",
            "WWW-Authenticate",
        ];
        assert_eq!(did_you_mean("Alow", known.into_iter()), Some("Allow"));
        assert_eq!(
            did_you_mean("min-expire", known.into_iter()),
            Some("Min-Expires")
        );
        assert_eq!(
            did_you_mean("WWW-Authentication", known.into_iter()),
            Some("WWW-Authenticate")
        );
        assert_eq!(did_you_mean("P-Asserted-Identity", known.into_iter()), None);
    }
}
