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
