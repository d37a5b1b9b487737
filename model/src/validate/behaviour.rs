//! The behaviour facts of a code or an override (`dialog`, `uac`, `proxy`, `retry_after`, `sent_by`):
//! each a keyword of its kind and a citation, applied on top of what the code had (its class's defaults,
//! or the extended spec's facts).

use sip_codes_core::behaviour::{
    DialogEffect, ProxyHandling, RetryAfterMeaning, SentBy, UacAction,
};

use super::rules::check_citation;
use super::{Checker, Place};
use crate::model::{Behaviour, Fact};
use crate::raw::{RawFact, RawSentBy};
use crate::suggest::did_you_mean;

/// The raw facts of an entry.
pub(super) struct RawFacts<'r> {
    pub dialog: Option<&'r RawFact>,
    pub uac: Option<&'r RawFact>,
    pub proxy: Option<&'r RawFact>,
    pub retry_after: Option<&'r RawFact>,
    pub sent_by: Option<&'r RawSentBy>,
}

/// A keyword of a fact, or an error that lists (or suggests) the known ones.
fn keyword<T: Copy>(
    c: &mut Checker<'_>,
    place: Place,
    key: &str,
    word: &str,
    all: &[T],
    word_of: fn(T) -> &'static str,
) -> Option<T> {
    if let Some(value) = all.iter().copied().find(|v| word_of(*v) == word) {
        return Some(value);
    }
    let words: Vec<&str> = all.iter().map(|v| word_of(*v)).collect();
    let hint = match did_you_mean(word, words.iter().copied()) {
        Some(near) => format!("did you mean `{near}`?"),
        None => format!("expected one of: {}", words.join(", ")),
    };
    let pos = c.in_place(place, Some(key), word);
    c.report(
        pos,
        format!("{}: `{key}: {word}` is not known; {hint}", place.what()),
    );
    None
}

fn fact<T: Copy>(
    c: &mut Checker<'_>,
    place: Place,
    key: &str,
    raw: &RawFact,
    all: &[T],
    word_of: fn(T) -> &'static str,
) -> Option<Fact<T>> {
    let value = keyword(c, place, key, raw.is.trim(), all, word_of);
    let citation = check_citation(
        c,
        place,
        Some(key),
        raw.rfc,
        raw.section.as_deref(),
        raw.source.as_deref(),
    );
    if key != "dialog" && !raw.except.is_empty() {
        let pos = c.in_place(place, Some(key), "except");
        c.report(
            pos,
            format!("{}: only `dialog` takes `except`", place.what()),
        );
    }
    Some(Fact {
        value: value?,
        citation: citation?,
    })
}

/// Applies the facts of an entry to `behaviour`.
pub(super) fn apply(
    c: &mut Checker<'_>,
    place: Place,
    raw: RawFacts<'_>,
    behaviour: &mut Behaviour,
) {
    if let Some(raw) = raw.dialog {
        if let Some(f) = fact(
            c,
            place,
            "dialog",
            raw,
            DialogEffect::ALL,
            DialogEffect::keyword,
        ) {
            behaviour.dialog = f;
        }
        let mut exceptions = Vec::new();
        for exception in &raw.except {
            if let Some(effect) = keyword(
                c,
                place,
                "dialog",
                exception.is.trim(),
                DialogEffect::ALL,
                DialogEffect::keyword,
            ) {
                exceptions.push((exception.methods.clone(), effect));
            }
        }
        behaviour.dialog_exceptions = exceptions;
    }
    if let Some(raw) = raw.uac
        && let Some(f) = fact(c, place, "uac", raw, UacAction::ALL, UacAction::keyword)
    {
        behaviour.uac = f;
    }
    if let Some(raw) = raw.proxy
        && let Some(f) = fact(
            c,
            place,
            "proxy",
            raw,
            ProxyHandling::ALL,
            ProxyHandling::keyword,
        )
    {
        behaviour.proxy = f;
    }
    if let Some(raw) = raw.retry_after
        && let Some(f) = fact(
            c,
            place,
            "retry_after",
            raw,
            RetryAfterMeaning::ALL,
            RetryAfterMeaning::keyword,
        )
    {
        behaviour.retry_after = Some(f);
    }
    if let Some(raw) = raw.sent_by {
        let mut who = SentBy::default();
        for word in &raw.is {
            match word.trim() {
                "uas" => who.uas = true,
                "proxy" => who.proxy = true,
                "registrar" => who.registrar = true,
                "redirect" => who.redirect = true,
                "stack" => who.stack = true,
                other => {
                    let pos = c.in_place(place, Some("sent_by"), other);
                    c.report(
                        pos,
                        format!(
                            "{}: `sent_by: {other}` is not one of: {}",
                            place.what(),
                            SentBy::KEYWORDS.join(", ")
                        ),
                    );
                }
            }
        }
        let citation = check_citation(
            c,
            place,
            Some("sent_by"),
            raw.rfc,
            raw.section.as_deref(),
            raw.source.as_deref(),
        );
        if let Some(citation) = citation {
            behaviour.sent_by = Some(Fact {
                value: who,
                citation,
            });
        }
    }
}
