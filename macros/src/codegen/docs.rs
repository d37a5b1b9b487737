//! The rustdoc text of generated items, from the spec's phrases, descriptions and citations.

use proc_macro2::Literal;

use crate::spec::model::{Code, Rule};

/// The doc of a variant: title, citation, description, header rules, aliases.
pub fn variant(code: &Code) -> String {
    let mut doc = format!(
        "`{}` — {}\n\n{}\n",
        code.title(),
        code.citation.link(),
        code.description
    );
    if code.status.warns() || code.status.as_str() == "reserved" {
        doc.push_str(&format!("\n**Registry status: {}.**\n", code.status));
    }
    doc.push_str(&rules(code));
    if !code.aliases.is_empty() {
        doc.push_str("\nAlso seen on the wire as:\n");
        for alias in &code.aliases {
            doc.push_str(&format!("- \"{}\" ({})\n", alias.phrase, alias.source));
        }
    }
    doc
}

/// The header rules of a code as a list, empty when it has none.
pub fn rules(code: &Code) -> String {
    let mut doc = String::new();
    for (word, list) in [
        ("MUST", &code.rules.must),
        ("SHOULD", &code.rules.should),
        ("MAY", &code.rules.may),
        ("MUST NOT", &code.rules.must_not),
    ] {
        for rule in list {
            if doc.is_empty() {
                doc.push_str("\nHeader rules:\n");
            }
            doc.push_str(&format!(
                "- {word} carry {}{} ({})\n",
                one_of(rule),
                scope(rule),
                rule.citation.link()
            ));
        }
    }
    doc
}

fn one_of(rule: &Rule) -> String {
    let names: Vec<String> = rule
        .headers
        .iter()
        .map(|h| format!("`{}`", h.name))
        .collect();
    if rule.one_of {
        format!("one of {}", names.join(", "))
    } else {
        names.join("")
    }
}

/// ` in responses to SUBSCRIBE`, ` when …`.
pub fn scope(rule: &Rule) -> String {
    let mut out = String::new();
    if let Some(method) = &rule.method {
        out.push_str(&format!(" in responses to {method}"));
    }
    if let Some(condition) = &rule.condition {
        out.push_str(&format!(" when {condition}"));
    }
    out
}

/// Text for `#[diagnostic::on_unimplemented]` and `#[deprecated]`, where braces are format syntax.
pub fn escape_braces(text: &str) -> String {
    text.replace('{', "{{").replace('}', "}}")
}

/// `text` as a raw string literal (`r"…"`, with as many `#` as it needs) for a `#[doc = …]` attribute:
/// neither the macro nor the compiler then escapes and unescapes the docs character by character, which
/// was a good part of the expansion time. Text a raw string cannot hold (a CR) becomes a normal literal.
pub fn raw(text: &str) -> String {
    if text.contains('\r') {
        return format!("{text:?}");
    }
    // One `#` more than the longest run of `#` after a `"` in the text (none if it has no `"`).
    let hashes = text
        .match_indices('"')
        .map(|(at, _)| 1 + text[at + 1..].bytes().take_while(|&b| b == b'#').count())
        .max()
        .unwrap_or(0);
    let fence = "#".repeat(hashes);
    format!("r{fence}\"{text}\"{fence}")
}

/// [`raw`] as a literal token, for code still written with `quote!`.
pub fn lit(text: &str) -> Literal {
    raw(text).parse().unwrap_or_else(|_| Literal::string(text))
}

/// `#[doc = r"…"]` for `text`, as source.
pub fn attr(text: &str) -> String {
    format!("#[doc = {}]\n", raw(text))
}
