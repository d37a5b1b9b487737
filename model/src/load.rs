//! YAML loading, and the only module that names the YAML library. serde_yaml is archived upstream
//! (0.9.34+deprecated); a maintained drop-in fork replaces it here with a one-line change.

use super::Diagnostic;
use super::raw::RawSpec;

/// Parses the text of a spec file into its raw form; a syntax or type error keeps its line and column.
pub fn parse(text: &str) -> Result<RawSpec, Diagnostic> {
    serde_yaml::from_str(text).map_err(|err| {
        let (line, column) = match err.location() {
            Some(at) => (Some(at.line()), Some(at.column())),
            None => (None, None),
        };
        let message = strip_location(&err.to_string());
        let hint = hint(&message);
        Diagnostic {
            line,
            column,
            message: format!("{message}{hint}"),
        }
    })
}

/// A hint for the YAML mistakes that give a terse message.
fn hint(message: &str) -> &'static str {
    if message.contains("did not find expected ',' or ']'") {
        "; a flow list `[…]` is not closed on its line, or holds an unquoted `:` or `#`"
    } else if message.contains("invalid type: sequence") {
        "; a list `[…]` or `- …` stands where one value belongs (for several headers, write `one_of: [...]`)"
    } else if message.contains("invalid type: map") {
        "; a mapping stands where one value belongs: check the indentation, or quote a value holding `: `"
    } else {
        ""
    }
}

/// serde_yaml appends " at line L column C" to its messages; the diagnostic carries them as numbers.
fn strip_location(message: &str) -> String {
    match message.find(" at line ") {
        Some(at) => message[..at].to_string(),
        None => message.to_string(),
    }
}
