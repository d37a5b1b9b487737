//! Tests of the whole pipeline on the bundled spec and on broken specs, without a compiler in the loop.

use crate::spec;

const BUNDLED: &str = include_str!("../../spec/sip-codes.yaml");

#[test]
fn bundled_spec_is_valid() {
    let spec = spec::parse_standalone(BUNDLED).unwrap_or_else(|problems| {
        let all: Vec<String> = problems
            .iter()
            .map(|p| p.in_file("spec/sip-codes.yaml"))
            .collect();
        panic!("{}", all.join("\n"))
    });
    assert_eq!(spec.codes.len(), 77);
}

#[test]
fn expansion_of_bundled_spec() {
    let spec = spec::parse_standalone(BUNDLED).expect("valid");
    let input: crate::input::MacroInput =
        syn::parse_quote!(krate = ::sip_codes, "spec/sip-codes.yaml");
    let tokens = crate::codegen::generate(&spec, &input);
    if let Ok(path) = std::env::var("SIP_CODES_DUMP") {
        std::fs::write(path, tokens.to_string()).expect("dump");
    }
    assert!(tokens.to_string().contains("MethodNotAllowed"));
}

#[test]
fn every_problem_is_reported_at_once_with_its_position() {
    let text = "schema: 2\ncodes:\n  - code: 800\n    phrase: Too High\n    class: global-failure\n    rfc: 3261\n    section: \"1\"\n    status: current\n    description: x\n  - code: 404\n    phrase: Not Found\n    class: success\n    rfc: 0\n    section: \"21..4\"\n    status: current\n    description: x\n";
    let problems = spec::parse_standalone(text).unwrap_err();
    let found: Vec<String> = problems.iter().map(|p| p.in_file("s.yaml")).collect();
    let expect = [
        "s.yaml:1:1: unsupported schema 2",
        "s.yaml:3:5: code 800 is outside 100..=699",
        "s.yaml:12:5: code 404 is not in its declared class Success",
        "code 404: `rfc: 0` is not an RFC number",
        "code 404: `section: \"21..4\"` is not a section number",
    ];
    assert_eq!(found.len(), expect.len(), "{found:#?}");
    for (found, expect) in found.iter().zip(expect) {
        assert!(found.contains(expect), "{found} does not contain {expect}");
    }
}

#[test]
fn extending_reads_the_bundled_spec_only_when_asked() {
    let own = "schema: 1\ncodes:\n  - code: 499\n    phrase: Codec Mismatch\n    class: request-failure\n    source: ACME\n    status: current\n    description: x\n";
    let spec = spec::parse(own, || {
        panic!("not extending: must not read the bundled spec")
    })
    .unwrap();
    assert_eq!(spec.codes.len(), 1);
    let extending =
        format!("{own}extends: sip-codes\noverrides:\n  - code: 403\n    phrase: Wrong Guess\n");
    let spec = spec::parse(&extending, || Ok(spec::parse_standalone(BUNDLED).unwrap())).unwrap();
    assert_eq!(spec.codes.len(), 78);
    let forbidden = spec.codes.iter().find(|c| c.code == 403).unwrap();
    assert_eq!(
        (forbidden.phrase.as_str(), forbidden.variant.as_str()),
        ("Wrong Guess", "Forbidden")
    );
    assert!(forbidden.aliases.iter().any(|a| a.phrase == "Forbidden"));
    // The bundled common rules hold for the new code: Min-SE is forbidden on 499 too.
    let vendor = spec.codes.iter().find(|c| c.code == 499).unwrap();
    assert!(
        vendor
            .rules
            .must_not
            .iter()
            .any(|r| r.headers.iter().any(|h| h.name == "Min-SE"))
    );
    assert!(spec.q850.is_some(), "the bundled Q.850 tables come along");
}
