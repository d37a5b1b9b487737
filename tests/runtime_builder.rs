//! The run-time builder (`StatusCode::X.reply_to(&request)`), driven by the spec's data: for every MUST
//! rule (single header or one-of group, method-scoped or not), every MUST NOT rule and every answer rule
//! of every code, `build()` fails with exactly the violation of that rule, stated in the sentence the
//! shared grammar (`sip_codes_core::sentence`) makes from the rule's data, and succeeds once the rule is
//! kept. A rule added to the YAML is checked here without editing this file.

#[path = "common/requests.rs"]
mod requests;
#[path = "common/samples.rs"]
mod samples;

use sip_codes::header::{HeaderName, HeaderValue};
use sip_codes::rules::{AnswerRule, Rule};
use sip_codes::status::{self, Builder};
use sip_codes::{RequestHeaders, Response, RuleViolations, StatusCode};
use sip_codes_core::headers as catalog;
use sip_codes_core::sentence::{self, Subject};

fn subject(code: StatusCode, method: Option<&'static str>) -> Subject<'static> {
    Subject {
        code: code.code(),
        phrase: code.reason_phrase(),
        method,
    }
}

/// The sentence of a MUST rule broken by a response of `code`.
fn missing(code: StatusCode, rule: &Rule) -> String {
    let subject = subject(code, rule.method);
    sentence::requires(subject, rule.headers, rule.one_of, rule.citation)
}

/// The sentence of a MUST NOT rule broken by carrying `header`.
fn forbidden(code: StatusCode, rule: &Rule, header: &str) -> String {
    sentence::forbids(subject(code, rule.method), header, rule.citation)
}

/// The sentence of an answer rule broken by answering a request of a method it excludes.
fn refused(code: StatusCode, rule: &AnswerRule) -> String {
    let (number, phrase) = (code.code(), code.reason_phrase());
    sentence::answers(number, phrase, rule.methods, rule.only, Some(rule.citation))
}

/// The refusal of `method` by `code`, if any: the first answer rule that excludes it.
fn refusal(code: StatusCode, method: &str) -> Vec<String> {
    let rules = code.rules();
    let first = rules.answers.iter().find(|rule| !rule.allows(method));
    first.map(|rule| refused(code, rule)).into_iter().collect()
}

/// Each violation `build()` returned, as its sentence; none when it built.
fn sentences(built: Result<Response, RuleViolations>) -> Vec<String> {
    match built {
        Ok(_) => Vec::new(),
        Err(violations) => violations.iter().map(ToString::to_string).collect(),
    }
}

fn named(header: &str) -> (HeaderName, HeaderValue) {
    samples::named(header)
}

/// Sets by name every header a MUST rule requires of a response of `code` to `method` (the first member
/// of a one-of group), except those of `skip`.
fn keep_musts<C, M, S>(
    mut builder: Builder<C, M, S>,
    code: StatusCode,
    method: &str,
    skip: Option<&Rule>,
) -> Builder<C, M, S> {
    for rule in requests::musts_for(code.rules(), method) {
        if skip.is_some_and(|skip| std::ptr::eq(skip, rule)) {
            continue;
        }
        let (name, value) = named(rule.headers[0]);
        builder = builder
            .header(name, value)
            .unwrap_or_else(|e| panic!("{code}: {e}"));
    }
    builder
}

/// The methods a rule applies to: its own, or every method.
fn scope(rule: &Rule) -> Vec<&'static str> {
    match rule.method {
        Some(method) => vec![method],
        None => requests::methods().collect(),
    }
}

fn unconditional(rules: &'static [Rule]) -> impl Iterator<Item = &'static Rule> {
    rules.iter().filter(|rule| rule.condition.is_none())
}

#[test]
fn every_must_rule_fails_without_its_header_and_passes_with_it() {
    let mut checked = 0;
    for code in StatusCode::ALL {
        for rule in unconditional(code.header_rules().must) {
            for method in scope(rule) {
                let request = requests::request(method);
                let without = || keep_musts(code.reply_to(&request), code, method, Some(rule));
                let mut expected = refusal(code, method);
                let kept = expected.clone();
                expected.push(missing(code, rule));
                assert_eq!(sentences(without().build()), expected, "{code} to {method}");
                // Any member of a one-of group keeps the rule.
                for header in rule.headers {
                    let (name, value) = named(header);
                    let with = without().header(name, value).unwrap();
                    assert_eq!(
                        sentences(with.build()),
                        kept,
                        "{code} to {method} with {header}"
                    );
                }
                checked += 1;
            }
            // A rule scoped to a method does not hold for the others.
            if let Some(scoped) = rule.method {
                for method in requests::methods().filter(|m| *m != scoped) {
                    let request = requests::request(method);
                    let built =
                        keep_musts(code.reply_to(&request), code, method, Some(rule)).build();
                    assert_eq!(
                        sentences(built),
                        refusal(code, method),
                        "{code} to {method}"
                    );
                }
            }
        }
    }
    assert!(checked > 0);
}

/// The first MUST NOT rule of `code` that forbids `header` in a response to `method`.
fn first_forbidding(code: StatusCode, header: &str, method: &str) -> Option<&'static Rule> {
    unconditional(code.header_rules().must_not).find(|rule| {
        rule.method.is_none_or(|m| m == method)
            && rule.headers.iter().any(|h| catalog::same_header(h, header))
    })
}

/// A value for a forbidden header: its sample where a builder could set it, else any text.
fn forbidden_value(header: &str) -> (HeaderName, HeaderValue) {
    let info = catalog::find(header).expect("a catalog header");
    let value = if info.value.has_setter() {
        samples::sample(header)
    } else {
        "sample"
    };
    (
        HeaderName::new(header).unwrap(),
        HeaderValue::new(value).unwrap(),
    )
}

#[test]
fn every_must_not_rule_refuses_its_header() {
    let mut checked = 0;
    for code in StatusCode::ALL {
        for rule in unconditional(code.header_rules().must_not) {
            for header in rule.headers {
                for method in scope(rule) {
                    let request = requests::request(method);
                    let builder = || keep_musts(code.reply_to(&request), code, method, None);
                    let first = first_forbidding(code, header, method).unwrap();
                    let (name, value) = forbidden_value(header);
                    let err = builder().header(name, value).unwrap_err();
                    assert_eq!(
                        err.to_string(),
                        forbidden(code, first, header),
                        "{code} to {method}"
                    );
                    assert_eq!(err.code(), code.code());
                    // Without it, the response builds (but for a method the code does not answer).
                    assert_eq!(
                        sentences(builder().build()),
                        refusal(code, method),
                        "{code}"
                    );
                    checked += 1;
                }
                // A rule scoped to a method lets the header through for the others.
                if let Some(scoped) = rule.method {
                    for method in requests::methods().filter(|m| *m != scoped) {
                        if first_forbidding(code, header, method).is_some() {
                            continue;
                        }
                        let request = requests::request(method);
                        let (name, value) = forbidden_value(header);
                        assert!(
                            code.reply_to(&request).header(name, value).is_ok(),
                            "{code}"
                        );
                    }
                }
            }
        }
    }
    assert!(checked > 0);
}

/// Min-SE has a setter on the run-time builder, so a MUST NOT against it is caught by `build()` too.
#[test]
fn a_forbidden_header_set_by_its_setter_fails_the_build() {
    for code in StatusCode::ALL {
        for method in requests::answered(code) {
            let request = requests::request(method);
            let built = keep_musts(code.reply_to(&request), code, method, None)
                .min_se(90u32)
                .build();
            let expected: Vec<_> = first_forbidding(code, "Min-SE", method)
                .map(|rule| forbidden(code, rule, "Min-SE"))
                .into_iter()
                .collect();
            assert_eq!(sentences(built), expected, "{code} to {method}");
        }
    }
}

#[test]
fn every_answer_rule_refuses_the_methods_it_excludes() {
    for code in StatusCode::ALL {
        let answers = code.rules().answers;
        for (index, rule) in answers.iter().enumerate() {
            let mut seen = false;
            for method in requests::methods().filter(|m| !rule.allows(m)) {
                let request = requests::request(method);
                let built = keep_musts(code.reply_to(&request), code, method, None).build();
                // Where an earlier rule excludes the method too, the first one is reported.
                let first = answers.iter().position(|r| !r.allows(method)).unwrap();
                assert_eq!(
                    sentences(built),
                    [refused(code, &answers[first])],
                    "{code} to {method}"
                );
                seen |= first == index;
            }
            let shadowed = requests::methods()
                .filter(|m| !rule.allows(m))
                .all(|m| answers[..index].iter().any(|r| !r.allows(m)));
            assert!(seen || shadowed, "{code}: {}", refused(code, rule));
        }
        for method in requests::answered(code) {
            let request = requests::request(method);
            let built = keep_musts(code.reply_to(&request), code, method, None).build();
            assert_eq!(sentences(built), Vec::<String>::new(), "{code} to {method}");
        }
    }
}

/// The status markers of the codes with method-scoped MUST rules: their typestate builder started from a
/// plain `&RequestHeaders` checks those rules when `build()` runs, in the same sentence.
macro_rules! untyped {
    ($($marker:ident),*) => {
        #[allow(deprecated)]
        const UNTYPED: &[StatusCode] = &[$(status::$marker::STATUS),*];

        #[allow(deprecated)]
        fn untyped_build(code: StatusCode, request: &RequestHeaders, skip: &Rule, header: Option<&str>)
            -> Result<Response, RuleViolations>
        {
            let method = request.method().as_str();
            $(if code == status::$marker::STATUS {
                let mut builder = keep_musts(status::$marker::reply_to(request), code, method, Some(skip));
                if let Some(header) = header {
                    let (name, value) = named(header);
                    builder = builder.header(name, value).unwrap();
                }
                return builder.build();
            })*
            unreachable!("{code} is not in the `untyped!` list")
        }
    };
}

untyped!(Ok, Accepted, NoNotification);

#[test]
fn typestate_untyped_requests_check_method_scoped_rules_when_built() {
    for code in StatusCode::ALL {
        for rule in unconditional(code.header_rules().must).filter(|r| r.method.is_some()) {
            assert!(UNTYPED.contains(&code), "{code}: add it to `untyped!`");
            let method = rule.method.unwrap();
            let request = requests::request(method);
            let kept = refusal(code, method);
            let mut expected = kept.clone();
            expected.push(missing(code, rule));
            assert_eq!(
                sentences(untyped_build(code, &request, rule, None)),
                expected
            );
            for header in rule.headers {
                let built = untyped_build(code, &request, rule, Some(header));
                assert_eq!(sentences(built), kept, "{code} to {method} with {header}");
            }
        }
    }
}

#[test]
fn ok_to_an_untyped_subscribe_needs_expires() {
    let subscribe = requests::request("SUBSCRIBE");
    let err = status::Ok::reply_to(&subscribe).build().unwrap_err();
    let rule = unconditional(StatusCode::Ok.header_rules().must)
        .find(|r| r.method == Some("SUBSCRIBE"))
        .unwrap();
    assert_eq!(err.to_string(), missing(StatusCode::Ok, rule));
    assert!(
        status::Ok::reply_to(&subscribe)
            .expires(3600u32)
            .build()
            .is_ok()
    );
}
