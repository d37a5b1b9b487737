//! The `headers` block: headers a spec declares beyond the catalog's, each with the Rust names derived
//! from it checked for clashes.

use std::rc::Rc;

use sip_codes_core::headers::ValueKind;
use sip_codes_core::text;

use super::rules::check_citation;
use super::{Checker, Place};
use crate::locate::List;
use crate::model::{Header, find_header};
use crate::names;
use crate::raw::RawHeader;

/// Checks the declared headers against `known` (the catalog, and those of an extended spec), adding each
/// valid one to `known`.
pub(super) fn check(c: &mut Checker<'_>, raw: &[RawHeader], known: &mut Vec<Rc<Header>>) {
    for (index, entry) in raw.iter().enumerate() {
        if let Some(header) = check_one(c, index, entry, known) {
            known.push(Rc::new(header));
        }
    }
}

fn check_one(
    c: &mut Checker<'_>,
    index: usize,
    raw: &RawHeader,
    known: &[Rc<Header>],
) -> Option<Header> {
    let before = c.problems.len();
    let place = Place::Header(index);
    let name = raw.name.trim();
    let report = |c: &mut Checker<'_>, key: &str, message: String| {
        let pos = c.at().field(List::Headers, index, key);
        c.report(pos, format!("header `{name}`: {message}"));
    };
    let clash = find_header(known, name);
    if !text::is_token(name) {
        report(
            c,
            "name",
            "a header name is a token (letters, digits and -.!%*_+`'~, RFC 3261 §25.1)".into(),
        );
    } else if let Some(existing) = clash {
        let message = if existing.declared {
            "declared twice".to_string()
        } else {
            format!(
                "`{}` is a header of the bundled catalog: name it in rules as it is, without declaring it",
                existing.name
            )
        };
        report(c, "name", message);
    }
    let compact = match raw.compact.as_deref() {
        None => None,
        Some(letter) => match letter.as_bytes() {
            [b] if b.is_ascii_alphabetic() => {
                let b = b.to_ascii_lowercase();
                if let Some(other) = known.iter().find(|h| h.compact == Some(b)) {
                    report(
                        c,
                        "compact",
                        format!("compact form `{letter}` is already `{}`'s", other.name),
                    );
                }
                Some(b)
            }
            _ => {
                report(
                    c,
                    "compact",
                    format!("compact form `{letter}` is not one letter"),
                );
                None
            }
        },
    };
    let value = ValueKind::from_keyword(raw.value.trim());
    if value.is_none() {
        let words: Vec<&str> = ValueKind::DECLARABLE
            .iter()
            .filter_map(|k| k.keyword())
            .collect();
        report(
            c,
            "value",
            format!("`value: {}` is not one of: {}", raw.value, words.join(", ")),
        );
    }
    let header = Header {
        name: name.to_string(),
        compact,
        multiple: raw.multiple.unwrap_or(false),
        value: value.unwrap_or(ValueKind::Text),
        citation: Default::default(),
        declared: true,
    };
    if text::is_token(name) && clash.is_none() {
        let setter = header.setter();
        if let Some(problem) = names::setter_problem(&setter) {
            report(
                c,
                "name",
                format!("its setter `{setter}` {problem}; give the header another name"),
            );
        } else if let Some(other) = known
            .iter()
            .find(|h| h.setter() == setter || h.type_name() == header.type_name())
        {
            report(
                c,
                "name",
                format!(
                    "its Rust names (`.{setter}()`, `{}`) are `{}`'s too",
                    header.type_name(),
                    other.name
                ),
            );
        }
    }
    let citation = check_citation(
        c,
        place,
        None,
        raw.rfc,
        raw.section.as_deref(),
        raw.source.as_deref(),
    );
    if c.problems.len() > before {
        return None;
    }
    Some(Header {
        citation: citation?,
        ..header
    })
}
