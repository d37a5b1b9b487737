//! The spec loader and validator the `sip_codes!` macro runs (`sip-codes-model`): arbitrary bytes give
//! `Ok` or `Err` with diagnostics, never a panic; every diagnostic formats, and a position it gives is
//! inside the text.
#![no_main]

use libfuzzer_sys::fuzz_target;
use sip_codes_model as spec;

const BUNDLED: &str = include_str!("../../spec/sip-codes.yaml");

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    // A spec that extends the bundled one gets it, parsed afresh (the closure runs only when asked).
    let bundled =
        || spec::parse_standalone(BUNDLED).map_err(|_| "the bundled spec is invalid".to_string());
    match spec::parse(text, bundled) {
        Ok(spec) => assert!(spec.codes.iter().all(|c| (100..=699).contains(&c.code))),
        Err(problems) => {
            assert!(!problems.is_empty());
            // YAML breaks lines at CR, LF, CRLF, NEL, LS and PS (YAML 1.1 §4.1.4), and so do the
            // positions the YAML library reports.
            let lines = 1 + text
                .chars()
                .filter(|c| matches!(c, '\n' | '\r' | '\u{85}' | '\u{2028}' | '\u{2029}'))
                .count();
            for p in &problems {
                assert!(!p.in_file("spec.yaml").is_empty());
                if let Some(line) = p.line {
                    assert!(line >= 1 && line <= lines + 1, "{p:?} in {lines} lines");
                }
            }
        }
    }
});
