//! `--spec FILE`: a spec read at run time with `sip-codes-model`, the validator the `sip_codes!` macro
//! runs (the same checks, the same `file:line:col` diagnostics), its rules made the `CodeRules` the check
//! reads. The linter reads one spec per run, so the rules live as long as the process (leaked).

use sip_codes::Citation;
use sip_codes::rules::{AnswerRule, CodeRules, HeaderRules, Rule};
use sip_codes_model::model;

/// The spec `extends: sip-codes` starts from.
const BUNDLED: &str = include_str!("../../spec/sip-codes.yaml");

/// The rules of every code of a spec read at run time, by code.
pub struct Loaded {
    codes: Vec<CodeRules>,
}

impl Loaded {
    pub fn get(&self, code: u16) -> Option<&CodeRules> {
        let at = self
            .codes
            .binary_search_by_key(&code, |rules| rules.code)
            .ok()?;
        self.codes.get(at)
    }
}

/// Reads and validates the spec at `path`; its problems, one per line, if it has any.
pub fn load(path: &str) -> Result<Loaded, String> {
    let text = std::fs::read_to_string(path).map_err(|err| format!("error: {path}: {err}"))?;
    let bundled = || {
        sip_codes_model::parse_standalone(BUNDLED)
            .map_err(|_| "the bundled spec does not validate".to_string())
    };
    let spec = sip_codes_model::parse(&text, bundled).map_err(|problems| {
        let lines: Vec<String> = problems
            .iter()
            .map(|problem| format!("error: {}", problem.in_file(path)))
            .collect();
        lines.join("\n")
    })?;
    let mut codes: Vec<CodeRules> = spec.codes.iter().map(code_rules).collect();
    codes.sort_by_key(|rules| rules.code);
    Ok(Loaded { codes })
}

fn code_rules(code: &model::Code) -> CodeRules {
    let rules = |list: &[model::Rule]| leak_slice(list.iter().map(rule).collect());
    CodeRules {
        code: code.code,
        phrase: leak(&code.phrase),
        headers: HeaderRules {
            must: rules(&code.rules.must),
            should: rules(&code.rules.should),
            may: rules(&code.rules.may),
            must_not: rules(&code.rules.must_not),
        },
        answers: leak_slice(code.all_answers().map(answer).collect()),
    }
}

fn rule(rule: &model::Rule) -> Rule {
    Rule {
        headers: leak_slice(rule.headers.iter().map(|h| leak(&h.name)).collect()),
        one_of: rule.one_of,
        method: rule.method.as_deref().map(leak),
        condition: rule.condition.as_deref().map(leak),
        citation: citation(&rule.citation),
    }
}

fn answer(rule: &model::AnswerRule) -> AnswerRule {
    AnswerRule {
        methods: leak_slice(rule.methods.iter().map(|m| leak(m)).collect()),
        only: rule.only,
        citation: citation(&rule.citation),
    }
}

fn citation(citation: &model::Citation) -> Citation<'static> {
    match citation {
        model::Citation::Rfc { rfc, section } => Citation::Rfc {
            rfc: *rfc,
            section: leak(section),
        },
        model::Citation::Local(source) => Citation::Local(leak(source)),
    }
}

fn leak(text: &str) -> &'static str {
    Box::leak(text.to_owned().into_boxed_str())
}

fn leak_slice<T>(items: Vec<T>) -> &'static [T] {
    Box::leak(items.into_boxed_slice())
}
