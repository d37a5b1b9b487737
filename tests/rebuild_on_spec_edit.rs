//! Editing a spec YAML regenerates on the next `cargo build`, with no manual step: a scratch crate runs
//! `sip_codes!` on its own spec, is built and run, the YAML is edited, and the next build must see the edit.

use std::path::{Path, PathBuf};
use std::process::Command;

const SPEC: &str = "schema: 1
codes:
  - code: 480
    phrase: Temporarily Unavailable
    class: request-failure
    rfc: 3261
    section: \"21.4.18\"
    status: current
    description: The callee is not reachable right now.
";

const MAIN: &str = "sip_codes::sip_codes!(\"codes.yaml\");
fn main() {
    print!(\"{}\", StatusCode::TemporarilyUnavailable);
}
";

fn run(crate_dir: &Path, target: &Path) -> String {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let out = Command::new(cargo)
        .args(["run", "--quiet", "--offline"])
        .current_dir(crate_dir)
        .env("CARGO_TARGET_DIR", target)
        .env_remove("RUSTFLAGS")
        .output()
        .expect("cargo runs");
    assert!(
        out.status.success(),
        "build failed:\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("utf-8")
}

#[test]
fn editing_the_yaml_regenerates_on_the_next_build() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let scratch = root.join("target").join("rebuild-probe");
    let crate_dir = scratch.join("probe");
    std::fs::create_dir_all(crate_dir.join("src")).unwrap();
    std::fs::write(
        crate_dir.join("Cargo.toml"),
        format!(
            "[package]\nname = \"probe\"\nversion = \"0.0.0\"\nedition = \"2024\"\npublish = false\n\n\
             [dependencies]\nsip-codes = {{ path = {:?} }}\n\n[workspace]\n",
            root.display().to_string()
        ),
    )
    .unwrap();
    std::fs::write(crate_dir.join("src/main.rs"), MAIN).unwrap();
    std::fs::write(crate_dir.join("codes.yaml"), SPEC).unwrap();
    let lockfile = root.join("Cargo.lock");
    if lockfile.exists() {
        std::fs::copy(&lockfile, crate_dir.join("Cargo.lock")).unwrap();
    }
    let target = scratch.join("target");

    assert_eq!(run(&crate_dir, &target), "480 Temporarily Unavailable");
    // Only the YAML changes; no source file is touched.
    std::fs::write(
        crate_dir.join("codes.yaml"),
        SPEC.replace("Temporarily Unavailable", "Not Here Right Now"),
    )
    .unwrap();
    // The variant name comes from the phrase unless set; keep it stable for the probe's main.rs.
    let edited = std::fs::read_to_string(crate_dir.join("codes.yaml"))
        .unwrap()
        .replace(
            "    status: current",
            "    status: current\n    variant: TemporarilyUnavailable",
        );
    std::fs::write(crate_dir.join("codes.yaml"), edited).unwrap();
    assert_eq!(run(&crate_dir, &target), "480 Not Here Right Now");
}
