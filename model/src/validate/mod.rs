//! Checks every field of a raw spec and builds the model (`headers`: declared headers; `codes`: a code or
//! an override; `rules`: header rules, answer rules and citations; `q850`: the cause tables). Collects every
//! problem it finds, each placed in the file where possible, instead of stopping at the first. A spec that
//! `extends` the bundled one is checked against it: its new codes must be new, its overrides must name
//! codes that exist.

use std::cell::OnceCell;
use std::collections::BTreeMap;

mod behaviour;
mod codes;
mod headers;
mod q850;
mod rules;

use super::Diagnostic;
use super::locate::{List, Locator, Pos};
use super::model::{Code, CommonRule, Spec, catalog_headers};
use super::raw::RawSpec;
use codes::{apply_override, check_code};
use rules::{check_answered, check_common, check_conflicts, levels};

use codes::wire_problem;

/// The one value `extends` takes: the spec bundled with the `sip-codes` crate.
pub const BUNDLED: &str = "sip-codes";

/// Where a value stands: in entry `index` of `codes` or `overrides` (which is about code `code`), in entry
/// `index` of `headers`, in `common`, or in `q850`.
#[derive(Clone, Copy)]
pub(super) enum Place {
    Entry(List, usize, u16),
    Header(usize),
    Common,
    Q850,
}

impl Place {
    pub(super) fn what(self) -> String {
        match self {
            Place::Entry(_, _, code) => format!("code {code}"),
            Place::Header(_) => "headers".to_string(),
            Place::Common => "common".to_string(),
            Place::Q850 => "q850".to_string(),
        }
    }
}

pub(super) struct Checker<'a> {
    text: &'a str,
    /// Built on the first problem: a valid spec never pays for indexing its lines.
    locator: OnceCell<Locator<'a>>,
    pub(super) problems: Vec<Diagnostic>,
}

impl<'a> Checker<'a> {
    /// Where things stand in the spec text.
    pub(super) fn at(&self) -> &Locator<'a> {
        self.locator.get_or_init(|| Locator::new(self.text))
    }

    pub(super) fn report(&mut self, pos: Option<Pos>, message: String) {
        self.problems.push(Diagnostic {
            line: pos.map(|p| p.line),
            column: pos.map(|p| p.column),
            message,
        });
    }

    pub(super) fn in_place(&self, place: Place, after: Option<&str>, needle: &str) -> Option<Pos> {
        match place {
            Place::Entry(list, index, _) => self.at().text_in_entry(list, index, after, needle),
            Place::Header(index) => self.at().text_in_entry(List::Headers, index, after, needle),
            Place::Common => self.at().text_in_common(needle),
            Place::Q850 => self.at().text_in_block("q850", needle),
        }
    }

    pub(super) fn field(&self, place: Place, key: &str) -> Option<Pos> {
        match place {
            Place::Entry(list, index, _) => self.at().field(list, index, key),
            Place::Header(index) => self.at().field(List::Headers, index, key),
            Place::Common => self.at().text_in_common(key),
            Place::Q850 => self.at().text_in_block("q850", key),
        }
    }
}

/// What `extends` says.
enum Base {
    /// Nothing: the spec stands alone.
    None,
    /// The bundled spec.
    Bundled(Box<Spec>),
    /// Something this macro cannot extend (reported): later checks that depend on it are skipped, so one
    /// typo gives one error.
    Unknown,
}

/// Validates `raw` (parsed from `text`) into a [`Spec`], or every problem found. `bundled` gives the spec
/// that `extends: sip-codes` starts from; it is called only when the spec says so.
pub fn validate(
    raw: RawSpec,
    text: &str,
    bundled: impl FnOnce() -> Result<Spec, String>,
) -> Result<Spec, Vec<Diagnostic>> {
    let mut c = Checker {
        text,
        locator: OnceCell::new(),
        problems: Vec::new(),
    };
    if raw.schema != 1 {
        let pos = c.at().top_level("schema");
        c.report(
            pos,
            format!(
                "unsupported schema {}: this version of sip_codes! reads schema 1",
                raw.schema
            ),
        );
    }
    let base = match raw.extends.as_deref() {
        None => Base::None,
        Some(BUNDLED) => match bundled() {
            Ok(base) => Base::Bundled(Box::new(base)),
            Err(why) => {
                let pos = c.at().top_level("extends");
                c.report(pos, why);
                return Err(c.problems);
            }
        },
        Some(other) => {
            let pos = c.at().top_level("extends");
            c.report(
                pos,
                format!("`extends: {other}`: the only spec a spec can extend is `{BUNDLED}`"),
            );
            Base::Unknown
        }
    };
    if matches!(base, Base::None) && raw.codes.is_empty() {
        let pos = c.at().top_level("codes");
        c.report(pos, "the spec has no codes".into());
    }
    if matches!(base, Base::None) && !raw.overrides.is_empty() {
        let pos = c.at().list(List::Overrides);
        c.report(
            pos,
            format!("`overrides` change the codes of an extended spec: add `extends: {BUNDLED}`"),
        );
    }
    let (base, mut known) = match base {
        Base::Bundled(base) => {
            let known = base.headers.clone();
            (Some(base), known)
        }
        _ => (None, catalog_headers()),
    };
    headers::check(&mut c, &raw.headers, &mut known);
    let common: Vec<CommonRule> = match &raw.common {
        Some(r) => check_common(
            &mut c,
            levels(&r.must, &r.should, &r.may, &r.must_not),
            &r.answers,
            &known,
        ),
        None => Vec::new(),
    };

    // The codes this spec defines.
    let mut codes: Vec<Code> = Vec::with_capacity(raw.codes.len());
    let mut seen: BTreeMap<u16, usize> = BTreeMap::new();
    for (index, entry) in raw.codes.iter().enumerate() {
        let Some(code) = check_code(&mut c, index, entry, &known) else {
            continue;
        };
        let pos = |c: &Checker<'_>| c.at().entry(List::Codes, index);
        if let Some(first) = seen.insert(code.code, index) {
            let first_line = c.at().entry(List::Codes, first).map_or(String::new(), |p| {
                format!(" (first defined at line {})", p.line)
            });
            c.report(pos(&c), format!("duplicate code {}{first_line}", code.code));
        } else if base
            .as_ref()
            .is_some_and(|base| base.codes.iter().any(|b| b.code == code.code))
        {
            c.report(
                pos(&c),
                format!(
                    "code {} is already in the `{BUNDLED}` spec: change it under `overrides`",
                    code.code
                ),
            );
        } else {
            codes.push(code);
        }
    }

    // The codes it takes from the spec it extends, with its overrides applied.
    let mut overridden: BTreeMap<u16, usize> = BTreeMap::new();
    let mut all_common = Vec::new();
    let mut q850 = None;
    if let Some(base) = base {
        q850 = base.q850;
        // The extended spec's common rules hold for the codes this spec adds, too.
        for code in &mut codes {
            for rule in &base.common {
                rule.apply(code);
            }
        }
        all_common = base.common;
        let mut base_codes = base.codes;
        for (index, entry) in raw.overrides.iter().enumerate() {
            let pos = |c: &Checker<'_>| c.at().entry(List::Overrides, index);
            let Some(target) = base_codes
                .iter_mut()
                .find(|b| u32::from(b.code) == entry.code)
            else {
                c.report(
                    pos(&c),
                    format!(
                        "`overrides` names code {}, which the `{BUNDLED}` spec does not have",
                        entry.code
                    ),
                );
                continue;
            };
            if let Some(first) = overridden.insert(target.code, index) {
                let line = c.at().entry(List::Overrides, first).map_or(0, |p| p.line);
                c.report(
                    pos(&c),
                    format!(
                        "code {} is overridden twice (first at line {line})",
                        target.code
                    ),
                );
                continue;
            }
            apply_override(&mut c, index, entry, target, &known);
        }
        codes.extend(base_codes);
    }

    for code in &mut codes {
        for rule in &common {
            rule.apply(code);
        }
        let place = match (seen.get(&code.code), overridden.get(&code.code)) {
            (Some(&index), _) => Some(Place::Entry(List::Codes, index, code.code)),
            (None, Some(&index)) => Some(Place::Entry(List::Overrides, index, code.code)),
            (None, None) => None,
        };
        check_conflicts(&mut c, place, code);
        check_answered(&mut c, place, code);
    }
    check_variants(&mut c, &codes, &seen);
    if let Some(raw) = &raw.q850 {
        q850 = q850::check(&mut c, raw, &codes);
    }
    if !c.problems.is_empty() {
        return Err(c.problems);
    }
    codes.sort_by_key(|code| code.code);
    all_common.extend(common);
    Ok(Spec {
        codes,
        common: all_common,
        headers: known,
        q850,
    })
}

/// No two codes get the same variant name.
fn check_variants(c: &mut Checker<'_>, codes: &[Code], seen: &BTreeMap<u16, usize>) {
    let mut variants: BTreeMap<&str, u16> = BTreeMap::new();
    for code in codes {
        let Some(other) = variants.insert(&code.variant, code.code) else {
            continue;
        };
        // Place it at this spec's entry of either code (a bundled code has no place in this file).
        let pos = [code.code, other].iter().find_map(|n| {
            let index = *seen.get(n)?;
            let place = Place::Entry(List::Codes, index, *n);
            c.field(place, "variant")
                .or_else(|| c.field(place, "phrase"))
        });
        c.report(
            pos,
            format!(
                "code {} and code {other} both get the variant name `{}`; set `variant:` on one of them",
                code.code, code.variant
            ),
        );
    }
}
