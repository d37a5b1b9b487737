//! The trybuild suite covers the spec: every enforced MUST rule of the bundled spec (unconditional or
//! method-scoped, one-of groups included) has its compile-fail case in tests/ui/must, and every builder
//! that has required headers has a compile-pass case in tests/ui/pass. A rule added to the spec without
//! its UI case fails here.

use std::collections::BTreeSet;

use sip_codes::StatusCode;

fn files(dir: &str) -> BTreeSet<String> {
    let path = format!("{}/tests/ui/{dir}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_dir(path)
        .unwrap()
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .filter_map(|name| name.strip_suffix(".rs").map(str::to_owned))
        .collect()
}

fn snake(header: &str) -> String {
    header.to_ascii_lowercase().replace('-', "_")
}

#[test]
fn every_enforced_must_rule_has_a_compile_fail_case_and_a_pass_case() {
    let must_cases = files("must");
    let pass_cases = files("pass");
    let mut expected = BTreeSet::new();
    for code in StatusCode::ALL {
        for rule in code
            .header_rules()
            .must
            .iter()
            .filter(|r| r.condition.is_none())
        {
            let scope = rule
                .method
                .map_or(String::new(), |m| format!("_{}", m.to_ascii_lowercase()));
            let what = if rule.one_of {
                format!(
                    "one_of_{}",
                    rule.headers
                        .iter()
                        .map(|h| snake(h))
                        .collect::<Vec<_>>()
                        .join("_")
                )
            } else {
                snake(rule.headers[0])
            };
            let name = format!("{}{scope}_{what}", code.code());
            assert!(
                must_cases.contains(&name),
                "no compile-fail case tests/ui/must/{name}.rs"
            );
            let pass = format!("{}{scope}", code.code());
            assert!(
                pass_cases
                    .iter()
                    .any(|p| *p == pass || p.starts_with(&format!("{pass}_"))),
                "no compile-pass case tests/ui/pass/{pass}*.rs"
            );
            expected.insert(name);
        }
    }
    let stray: Vec<_> = must_cases.difference(&expected).collect();
    assert!(
        stray.is_empty(),
        "cases for rules the spec does not have: {stray:?}"
    );
}
