//! The README states two facts this workspace also states elsewhere; they must agree: the dev-profile
//! lines it tells users to copy are the ones `Cargo.toml` uses, and its compile error is the one the UI
//! test of the same mistake records.

fn read(path: &str) -> String {
    std::fs::read_to_string(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(path))
        .unwrap_or_else(|err| panic!("{path}: {err}"))
}

/// The `[profile.dev.package.*]` lines of a text, in order.
fn profile_lines(text: &str) -> Vec<String> {
    let lines: Vec<&str> = text.lines().collect();
    let mut out = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        if line.starts_with("[profile.dev.package.") {
            out.push(line.to_string());
            out.push(lines.get(i + 1).unwrap_or(&"").to_string());
        }
    }
    out
}

#[test]
fn the_profile_lines_are_cargo_tomls() {
    let cargo = profile_lines(&read("Cargo.toml"));
    assert!(!cargo.is_empty());
    assert_eq!(profile_lines(&read("README.md")), cargo);
}

#[test]
fn the_compile_error_is_the_ui_tests() {
    let readme = read("README.md");
    let ui = read("tests/ui/must/405_allow.stderr");
    // Every line but the file locations, which the README shows as a user sees them.
    for line in ui
        .lines()
        .filter(|l| !l.contains("-->") && !l.trim_start().starts_with(char::is_numeric))
    {
        let line = line.trim_end();
        let found = readme
            .lines()
            .any(|r| r.trim_end().ends_with(line.trim_start()));
        assert!(
            found,
            "README lacks the line {line:?} of tests/ui/must/405_allow.stderr"
        );
    }
}
