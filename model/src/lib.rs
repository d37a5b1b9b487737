//! A sip-codes spec as data: from the text of a spec file (YAML) to a validated [`Spec`], or every problem
//! in it placed at its line and column ([`Diagnostic`]). The `sip_codes!` macro generates code from the
//! model; a tool can read a spec at run time with it (the linter example's `--spec FILE`).
//!
//! `load` parses the YAML, `validate` checks every field, `locate` places problems in the file; `model`
//! is what comes out. The format is described in the repository's `spec/README.md`.

#![forbid(unsafe_code)]
#![warn(missing_docs)]

mod load;
mod locate;
pub mod model;
pub mod names;
mod raw;
pub mod suggest;
mod validate;

use std::fmt;

pub use model::Spec;
pub use validate::BUNDLED;

/// A problem in a spec, placed in the file where possible.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// 1-based line, when known.
    pub line: Option<usize>,
    /// 1-based column, when known.
    pub column: Option<usize>,
    /// What is wrong, and how to fix it.
    pub message: String,
}

impl Diagnostic {
    /// Formats the problem as `file:line:col: message`.
    pub fn in_file(&self, file: &str) -> String {
        Located {
            file,
            diagnostic: self,
        }
        .to_string()
    }
}

struct Located<'a> {
    file: &'a str,
    diagnostic: &'a Diagnostic,
}

impl fmt::Display for Located<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let d = self.diagnostic;
        match (d.line, d.column) {
            (Some(line), Some(column)) => write!(f, "{}:{line}:{column}: {}", self.file, d.message),
            (Some(line), None) => write!(f, "{}:{line}: {}", self.file, d.message),
            _ => write!(f, "{}: {}", self.file, d.message),
        }
    }
}

/// Parses and validates the text of a spec file. `bundled` gives the spec that `extends: sip-codes`
/// starts from, and is called only when the spec extends it.
pub fn parse(
    text: &str,
    bundled: impl FnOnce() -> Result<Spec, String>,
) -> Result<Spec, Vec<Diagnostic>> {
    let raw = load::parse(text).map_err(|d| vec![d])?;
    validate::validate(raw, text, bundled)
}

/// Parses and validates a spec that extends nothing (as the bundled one).
pub fn parse_standalone(text: &str) -> Result<Spec, Vec<Diagnostic>> {
    parse(text, || {
        Err("this spec cannot extend another one".to_string())
    })
}
