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
pub fn lit(text: &str) -> Literal {
    if !text.contains('\r') {
        let mut hashes = 0;
        let mut run = None;
        for c in text.chars() {
            run = match (c, run) {
                ('"', _) => Some(0),
                ('#', Some(n)) => Some(n + 1),
                _ => None,
            };
            if let Some(n) = run {
                hashes = hashes.max(n + 1);
            }
        }
        let fence = "#".repeat(hashes);
        if let Ok(lit) = format!("r{fence}\"{text}\"{fence}").parse() {
            return lit;
        }
    }
    Literal::string(text)
}
