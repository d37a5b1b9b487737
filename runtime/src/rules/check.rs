//! [`check`]: the one run-time implementation of a code's rules.

use super::{CodeRules, RuleViolation, ViolationKind};
use crate::header::Method;

/// Every rule of `rules` that a response to a request of `method` breaks, given which headers it carries
/// (`has(name)`, asked with the canonical names the rules use; compact forms are the caller's to match).
///
/// Checked: the methods the code answers; every `must` rule without a condition whose method scope is
/// `method` or none (one-of groups need one member); every `must_not` rule likewise. Rules with a
/// `condition` are stated in words only and are not checked. With `method` unknown (`None`), method-scoped
/// rules are not checked either.
pub fn check(
    rules: &CodeRules,
    method: Option<&Method>,
    has: impl Fn(&str) -> bool,
) -> Vec<RuleViolation> {
    let mut out = Vec::new();
    check_into(rules, method, has, &mut out);
    out
}

/// [`check`], adding the violations to `out`.
pub fn check_into(
    rules: &CodeRules,
    method: Option<&Method>,
    has: impl Fn(&str) -> bool,
    out: &mut Vec<RuleViolation>,
) {
    let name = method.map(Method::as_str);
    let violation = |kind, citation| {
        RuleViolation::new(rules.code, rules.phrase, method.cloned(), kind, citation)
    };
    if let Some(refusal) = name.and_then(|name| rules.refuses(name)) {
        let kind = ViolationKind::NotAnswering {
            methods: refusal.methods,
            only: refusal.only,
        };
        out.push(violation(kind, refusal.citation));
    }
    for rule in rules.headers.must.iter().filter(|r| r.holds_for(name)) {
        let present = if rule.one_of {
            rule.headers.iter().any(|h| has(h))
        } else {
            rule.headers.iter().all(|h| has(h))
        };
        if !present {
            let kind = ViolationKind::Missing {
                headers: rule.headers,
                one_of: rule.one_of,
                scoped: rule.method.is_some(),
            };
            out.push(violation(kind, rule.citation));
        }
    }
    for rule in rules.headers.must_not.iter().filter(|r| r.holds_for(name)) {
        for header in rule.headers.iter().filter(|h| has(h)) {
            let kind = ViolationKind::Forbidden {
                header,
                scoped: rule.method.is_some(),
            };
            out.push(violation(kind, rule.citation));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Citation;
    use crate::rules::{AnswerRule, HeaderRules, Rule};

    const fn rule(
        headers: &'static [&'static str],
        one_of: bool,
        method: Option<&'static str>,
    ) -> Rule {
        Rule {
            headers,
            one_of,
            method,
            condition: None,
            citation: Citation::Rfc {
                rfc: 3261,
                section: "1",
            },
        }
    }

    static MUST: [Rule; 3] = [
        rule(&["Allow"], false, None),
        rule(&["Accept", "Accept-Encoding"], true, None),
        rule(&["Expires"], false, Some("SUBSCRIBE")),
    ];
    static MUST_NOT: [Rule; 1] = [rule(&["Min-SE"], false, None)];
    static ANSWERS: [AnswerRule; 1] = [AnswerRule {
        methods: &["ACK"],
        only: false,
        citation: Citation::Rfc {
            rfc: 3261,
            section: "17",
        },
    }];
    const RULES: CodeRules = CodeRules {
        code: 499,
        phrase: "Test",
        headers: HeaderRules {
            must: &MUST,
            should: &[],
            may: &[],
            must_not: &MUST_NOT,
        },
        answers: &ANSWERS,
    };

    fn kinds(method: Option<Method>, present: &[&str]) -> Vec<ViolationKind> {
        check(&RULES, method.as_ref(), |h| present.contains(&h))
            .into_iter()
            .map(|v| v.kind().clone())
            .collect()
    }

    #[test]
    fn each_rule_both_ways() {
        assert_eq!(kinds(None, &["Allow", "Accept-Encoding"]), []);
        assert_eq!(
            kinds(Some(Method::Subscribe), &["Allow", "Accept", "Expires"]),
            []
        );
        assert_eq!(
            kinds(Some(Method::Subscribe), &["Min-SE"]),
            [
                ViolationKind::Missing {
                    headers: &["Allow"],
                    one_of: false,
                    scoped: false
                },
                ViolationKind::Missing {
                    headers: &["Accept", "Accept-Encoding"],
                    one_of: true,
                    scoped: false
                },
                ViolationKind::Missing {
                    headers: &["Expires"],
                    one_of: false,
                    scoped: true
                },
                ViolationKind::Forbidden {
                    header: "Min-SE",
                    scoped: false
                },
            ]
        );
        assert_eq!(
            kinds(Some(Method::Ack), &["Allow", "Accept"]),
            [ViolationKind::NotAnswering {
                methods: &["ACK"],
                only: false
            }]
        );
    }
}
