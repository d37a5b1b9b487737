//! The rustdoc text of generated items, from the spec's phrases, descriptions and citations, in the
//! sentences of the shared grammar (`sip_codes_core::sentence`).

use proc_macro2::TokenStream;
use quote::quote;
use sip_codes_core::sentence::{self, Level};

use super::lit;
use crate::spec::model::{AnswerRule, Code, LEVELS, Rule};

/// `#[doc = "…"]` for `text`.
pub fn attr(text: &str) -> TokenStream {
    let text = lit(text);
    quote!(#[doc = #text])
}

/// `text` in a Markdown code span that the text cannot close (its longest run of backticks plus one).
pub fn code(text: &str) -> String {
    let longest = text.split(|c| c != '`').map(str::len).max().unwrap_or(0);
    let fence = "`".repeat(longest + 1);
    let pad = if text.starts_with('`') || text.ends_with('`') {
        " "
    } else {
        ""
    };
    format!("{fence}{pad}{text}{pad}{fence}")
}

/// The doc of a variant: title, citation, description, registry status, header and answer rules, aliases.
pub fn variant(code: &Code) -> String {
    let mut doc = format!(
        "{} — {}\n\n{}\n",
        self::code(&code.title()),
        code.citation.link(),
        code.description
    );
    if code.status.warns() || code.status.as_str() == "reserved" {
        doc.push_str(&format!("\n**Registry status: {}.**\n", code.status));
    }
    doc.push_str(&rules(code));
    doc.push_str(&behaviour(code));
    if !code.aliases.is_empty() {
        doc.push_str("\nAlso seen on the wire as:\n");
        for alias in &code.aliases {
            doc.push_str(&format!(
                "- {} ({})\n",
                self::code(&alias.phrase),
                alias.source
            ));
        }
    }
    doc
}

/// The rules of a code as a list: header rules, then the methods it answers; empty when it has none.
pub fn rules(code: &Code) -> String {
    let mut doc = String::new();
    for level in LEVELS {
        for rule in code.rules.list(level) {
            if doc.is_empty() {
                doc.push_str("\nRules:\n");
            }
            doc.push_str(&format!(
                "- {} ({})\n",
                rule_line(level, rule),
                rule.citation.link()
            ));
        }
    }
    for rule in &code.answers {
        if doc.is_empty() {
            doc.push_str("\nRules:\n");
        }
        doc.push_str(&format!(
            "- {} ({})\n",
            answers(code, rule),
            rule.citation.link()
        ));
    }
    doc
}

/// What the code means for a dialog, a client and a proxy, each fact with its citation.
pub fn behaviour(code: &Code) -> String {
    let b = &code.behaviour;
    let mut doc = String::from("\nBehaviour:\n");
    let line = |doc: &mut String, what: &str, value: &str, cite: &crate::spec::model::Citation| {
        doc.push_str(&format!("- {what}: `{value}` ({})\n", cite.link()));
    };
    line(
        &mut doc,
        "in a dialog",
        b.dialog.value.keyword(),
        &b.dialog.citation,
    );
    for (methods, effect) in &b.dialog_exceptions {
        doc.push_str(&format!(
            "  (`{}` in response to {})\n",
            effect.keyword(),
            methods.join(", ")
        ));
    }
    line(
        &mut doc,
        "the client",
        b.uac.value.keyword(),
        &b.uac.citation,
    );
    line(
        &mut doc,
        "a stateful proxy",
        b.proxy.value.keyword(),
        &b.proxy.citation,
    );
    if let Some(f) = &b.retry_after {
        line(
            &mut doc,
            "Retry-After means",
            f.value.keyword(),
            &f.citation,
        );
    }
    if let Some(f) = &b.sent_by {
        let who = f.value;
        let names: Vec<&str> = [
            (who.uas, "uas"),
            (who.proxy, "proxy"),
            (who.registrar, "registrar"),
            (who.redirect, "redirect"),
            (who.stack, "stack"),
        ]
        .into_iter()
        .filter_map(|(on, name)| on.then_some(name))
        .collect();
        line(&mut doc, "sent by", &names.join(", "), &f.citation);
    }
    doc
}

/// One header rule in words, without its citation.
pub fn rule_line(level: Level, rule: &Rule) -> String {
    sentence::rule(
        level,
        &rule.names(),
        rule.one_of,
        rule.method.as_deref(),
        rule.condition.as_deref(),
    )
}

/// An answer rule of `code` in words, without its citation.
pub fn answers(code: &Code, rule: &AnswerRule) -> String {
    let methods: Vec<&str> = rule.methods.iter().map(String::as_str).collect();
    sentence::answers(code.code, &code.phrase, &methods, rule.only, None)
}

/// Text for `#[diagnostic::on_unimplemented]`, where braces are format syntax.
pub fn escape_braces(text: &str) -> String {
    text.replace('{', "{{").replace('}', "}}")
}
