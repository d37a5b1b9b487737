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
    // As many codes as the file lists under `codes:` (counted without the macro's own reader).
    let file: serde_yaml::Value = serde_yaml::from_str(BUNDLED).expect("YAML");
    let listed = file["codes"].as_sequence().map_or(0, Vec::len);
    assert!(listed > 70, "the bundled spec lists {listed} codes");
    assert_eq!(spec.codes.len(), listed);
}

#[test]
fn expansion_of_bundled_spec() {
    let spec = spec::parse_standalone(BUNDLED).expect("valid");
    let input =
        crate::input::MacroInput::parse(quote::quote!(krate = ::sip_codes, "spec/sip-codes.yaml"))
            .unwrap_or_else(|_| panic!("the arguments parse"));
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

/// The macro's arguments, read from tokens: every option, literals in every form the grammar allows, and the
/// errors that report a bad one.
mod arguments {
    use quote::quote;

    use crate::input::MacroInput;

    fn parse(tokens: proc_macro2::TokenStream) -> Result<MacroInput, Vec<String>> {
        MacroInput::parse(tokens).map_err(|err| {
            err.into_compile_error()
                .into_iter()
                .filter_map(|t| match t {
                    proc_macro2::TokenTree::Group(g) => Some(g.stream().to_string()),
                    _ => None,
                })
                .collect()
        })
    }

    #[test]
    fn every_option() {
        let input = parse(quote!(
            krate = ::sip_codes, bundled = "/abs/b.yaml", "dir/a.yaml", name = Vendor, module = vendor,
            vis = pub(in crate::x), derive(serde::Serialize, ::my::Derive,), codes = [100, 4_86, 200u16,],
        ))
        .unwrap_or_else(|e| panic!("{e:?}"));
        assert_eq!(input.krate.to_string(), ":: sip_codes");
        assert_eq!(input.spec.value, "dir/a.yaml");
        assert_eq!(
            input.bundled.map(|b| b.value).as_deref(),
            Some("/abs/b.yaml")
        );
        assert_eq!(input.name, "Vendor");
        assert_eq!(input.module, "vendor");
        assert_eq!(input.vis.to_string(), "pub (in crate :: x)");
        let derives: Vec<String> = input
            .derives
            .iter()
            .map(|p| quote!(#p).to_string())
            .collect();
        assert_eq!(derives, ["serde :: Serialize", ":: my :: Derive"]);
        let codes: Vec<Option<u16>> = input
            .codes
            .unwrap_or_default()
            .iter()
            .map(|c| c.value)
            .collect();
        assert_eq!(codes, [Some(100), Some(486), Some(200)]);
    }

    #[test]
    fn defaults_and_spec_key() {
        let input =
            parse(quote!(krate = $crate, spec = "a.yaml")).unwrap_or_else(|e| panic!("{e:?}"));
        assert_eq!(input.spec.value, "a.yaml");
        assert_eq!(input.name, "StatusCode");
        assert_eq!(input.module, "status");
        assert_eq!(input.vis.to_string(), "pub");
        assert!(input.derives.is_empty() && input.codes.is_none() && input.bundled.is_none());
    }

    #[test]
    fn string_literals() {
        for (tokens, want) in [
            (
                quote!(krate = k, "a\\b\x41\u{263A}\n\t\"q\"\0"),
                "a\\bA\u{263A}\n\t\"q\"\0",
            ),
            (quote!(krate = k, r"C:\dir\a.yaml"), "C:\\dir\\a.yaml"),
            (quote!(krate = k, r#"say "hi".yaml"#), "say \"hi\".yaml"),
        ] {
            let input = parse(tokens).unwrap_or_else(|e| panic!("{e:?}"));
            assert_eq!(input.spec.value, want);
        }
        let continued: proc_macro2::TokenStream = "krate = k, \"spec/\\\n       codes.yaml\""
            .parse()
            .unwrap_or_default();
        assert_eq!(
            parse(continued).map(|i| i.spec.value).ok().as_deref(),
            Some("spec/codes.yaml")
        );
    }

    #[test]
    fn errors() {
        for (tokens, want) in [
            (quote!(), "expected `krate = $crate`"),
            (quote!(crate = k, "a.yaml"), "expected `krate = $crate`"),
            (quote!(krate = k), "expected the spec path"),
            (quote!(krate = k, b"a.yaml"), "expected a string literal"),
            (
                quote!(krate = k, "a.yaml", spec = 5),
                "expected a string literal",
            ),
            (
                quote!(krate = k, "a.yaml", colour = red),
                "unknown option `colour`",
            ),
            (
                quote!(krate = k, "a.yaml", name = "X"),
                "expected an identifier",
            ),
            (
                quote!(krate = k, "a.yaml", vis = crate),
                "expected a visibility",
            ),
            (
                quote!(krate = k, "a.yaml", vis = pub(in)),
                "expected a visibility",
            ),
            (quote!(krate = k, "a.yaml", derive(a::)), "expected a path"),
            (quote!(krate = k, "a.yaml", derive(a:b)), "expected a path"),
            (
                quote!(krate = k, "a.yaml", codes = 100),
                "expected a list of codes",
            ),
            (
                quote!(krate = k, "a.yaml", codes = [100 200]),
                "expected a code",
            ),
            (
                quote!(krate = k, "a.yaml", name),
                "expected the spec path or an option",
            ),
        ] {
            let errors = parse(tokens.clone()).err().unwrap_or_default();
            assert!(
                errors.iter().any(|e| e.contains(want)),
                "{tokens}: {errors:?}"
            );
        }
        // Every bad option is reported, not only the first.
        let errors = parse(quote!(
            krate = k,
            "a.yaml",
            name = 1,
            module = 2,
            colour = 3
        ))
        .err();
        assert_eq!(errors.map(|e| e.len()), Some(3));
        // A code that is not a plain decimal number is kept for `select` to report, with its text.
        let input = parse(quote!(krate = k, "a.yaml", codes = [0x1E6, 99999, 486i64])).ok();
        let codes: Vec<(Option<u16>, String)> = input
            .and_then(|i| i.codes)
            .unwrap_or_default()
            .into_iter()
            .map(|c| (c.value, c.text))
            .collect();
        assert_eq!(
            codes,
            [
                (None, "0x1E6".into()),
                (None, "99999".into()),
                (Some(486), "486i64".into())
            ]
        );
    }
}

/// Spec text reaches the output only as literals: text that looks like code, template markers or literal
/// fences comes out verbatim in the docs and the reason phrase, and the output has the same shape.
#[test]
fn spec_text_cannot_change_the_shape_of_the_output() {
    const NASTY: &str = r##"__ALIASES__ "# {} */ \ `x` r"y"##;
    let text = format!(
        "schema: 1\ncodes:\n  - code: 499\n    phrase: 'Codec {0}'\n    class: request-failure\n    \
         source: 'Guide {0}'\n    status: current\n    variant: CodecMismatch\n    description: 'About {0}'\n    \
         aliases:\n      - phrase: 'Old {0}'\n        source: 'Seen {0}'\n    headers:\n      should:\n        \
         - header: Warning\n          source: 'Policy {0}'\n          condition: 'when {0}'\n",
        NASTY.replace('\'', "''")
    );
    let plain = text.replace(NASTY, "plain");
    let expand = |text: &str| {
        let spec = spec::parse_standalone(text).unwrap_or_else(|p| panic!("{p:?}"));
        let input = crate::input::MacroInput::parse(quote::quote!(krate = ::sip_codes, "s.yaml"))
            .unwrap_or_else(|_| panic!("the arguments parse"));
        crate::codegen::generate(&spec, &input)
    };
    let (nasty, plain) = (expand(&text), expand(&plain));
    // Every string literal of the output, unescaped.
    fn strings(tokens: proc_macro2::TokenStream, out: &mut Vec<String>) {
        for token in tokens {
            match token {
                proc_macro2::TokenTree::Group(g) => strings(g.stream(), out),
                proc_macro2::TokenTree::Literal(lit) => {
                    if let Ok(s) = syn::parse_str::<syn::LitStr>(&lit.to_string()) {
                        out.push(s.value());
                    }
                }
                _ => {}
            }
        }
    }
    fn shape(tokens: proc_macro2::TokenStream) -> usize {
        tokens
            .into_iter()
            .map(|t| match t {
                proc_macro2::TokenTree::Group(g) => 1 + shape(g.stream()),
                _ => 1,
            })
            .sum()
    }
    assert_eq!(
        shape(nasty.clone()),
        shape(plain),
        "spec text changed the token structure"
    );
    let mut found = Vec::new();
    strings(nasty, &mut found);
    for needle in [format!("Codec {NASTY}"), format!("499 Codec {NASTY}")] {
        assert!(found.contains(&needle), "no literal {needle:?}");
    }
    for needle in [
        format!("About {NASTY}"),
        format!("Old {NASTY}"),
        format!("Seen {NASTY}"),
        format!("Policy {NASTY}"),
        format!("when {NASTY}"),
    ] {
        assert!(
            found.iter().any(|s| s.contains(&needle)),
            "{needle:?} is not in any literal"
        );
    }
}

/// The sentences of every rule of the bundled spec read as English: no doubled word, the right article
/// before a method or a header, conditions that continue the sentence.
#[test]
fn every_rule_of_the_bundled_spec_reads_well() {
    use crate::spec::model::LEVELS;
    let spec = spec::parse_standalone(BUNDLED).expect("valid");
    let mut checked = 0;
    for code in &spec.codes {
        for level in LEVELS {
            for rule in code.rules.list(level) {
                let line = crate::codegen::docs::rule_line(level, rule);
                let words: Vec<&str> = line.split_whitespace().collect();
                for pair in words.windows(2) {
                    assert_ne!(
                        pair[0].to_lowercase(),
                        pair[1].to_lowercase(),
                        "doubled word in {line:?}"
                    );
                    let next = pair[1].trim_matches('`');
                    if pair[0] == "a" || pair[0] == "an" {
                        assert_eq!(pair[0], sip_codes_core::sentence::article(next), "{line:?}");
                    }
                }
                checked += 1;
            }
        }
        for rule in &code.answers {
            let line = crate::codegen::docs::answers(code, rule);
            assert!(
                !line.contains(" a INVITE") && !line.contains(" a OPTIONS"),
                "{line:?}"
            );
        }
    }
    assert!(checked > 50, "{checked} rules");
}
