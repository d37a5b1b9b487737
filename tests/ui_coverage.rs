//! Every rule of the bundled spec that the compiler enforces has its trybuild case, and every case has its
//! rule: `tests/ui/must/` (a MUST header missing), `tests/ui/pass/rules/` (the same done right) and
//! `tests/ui/answers/` (a method the code does not answer), as `scripts/ui-cases.py` writes them. A rule
//! added to the YAML fails here until its cases exist.

use std::collections::BTreeSet;
use std::path::Path;

use sip_codes::StatusCode;
use sip_codes::catalog::setter_name;

/// The `.rs` files of a folder of trybuild cases.
fn cases(dir: &str) -> BTreeSet<String> {
    std::fs::read_dir(Path::new(env!("CARGO_MANIFEST_DIR")).join(dir))
        .unwrap_or_else(|err| panic!("{dir}: {err}"))
        .filter_map(|entry| entry.ok()?.file_name().into_string().ok())
        .filter(|name| name.ends_with(".rs"))
        .collect()
}

fn scope(method: Option<&str>) -> String {
    method.map_or(String::new(), |m| format!("_to_{}", m.to_ascii_lowercase()))
}

#[test]
fn every_must_rule_has_its_cases() {
    let (mut must, mut pass) = (BTreeSet::new(), BTreeSet::new());
    for code in StatusCode::ALL {
        for rule in code
            .header_rules()
            .must
            .iter()
            .filter(|r| r.condition.is_none())
        {
            let headers: Vec<String> = rule.headers.iter().map(|h| setter_name(h)).collect();
            let scope = scope(rule.method);
            must.insert(format!(
                "{}{scope}_{}.rs",
                code.code(),
                headers.join("_or_")
            ));
            pass.insert(format!("{}{scope}.rs", code.code()));
        }
    }
    assert_eq!(cases("tests/ui/must"), must, "run scripts/ui-cases.py");
    assert_eq!(
        cases("tests/ui/pass/rules"),
        pass,
        "run scripts/ui-cases.py"
    );
}

#[test]
fn every_answer_rule_has_its_case() {
    // A rule every code has is a `common` one: it has one case, on the first code.
    let common: Vec<_> = StatusCode::ALL[0]
        .rules()
        .answers
        .iter()
        .filter(|rule| {
            StatusCode::ALL
                .iter()
                .all(|c| c.rules().answers.contains(rule))
        })
        .collect();
    let mut wanted = BTreeSet::new();
    for code in StatusCode::ALL {
        for rule in code.rules().answers {
            if common.contains(&rule) && code != StatusCode::ALL[0] {
                continue;
            }
            // The method the case sends: the first the rule refuses (OPTIONS first for `only` rules).
            let method = if rule.only {
                ["OPTIONS"]
                    .iter()
                    .chain(
                        sip_codes::header::Method::KNOWN
                            .iter()
                            .map(|m| m.as_str())
                            .collect::<Vec<_>>()
                            .iter(),
                    )
                    .copied()
                    .find(|m| !rule.methods.contains(m) && *m != "ACK")
            } else {
                rule.methods.first().copied()
            };
            let method = method.unwrap_or_else(|| panic!("{code}: a rule that refuses nothing"));
            wanted.insert(format!("{}{}.rs", code.code(), scope(Some(method))));
        }
    }
    assert_eq!(cases("tests/ui/answers"), wanted, "run scripts/ui-cases.py");
}
