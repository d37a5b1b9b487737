//! The `q850` block: ISUP/Q.850 cause values and SIP responses, both ways.

use super::rules::check_citation;
use super::{Checker, Place};
use crate::model::{Code, Q850};
use crate::raw::RawQ850;

/// Checks the `q850` block against the spec's codes: every cause 1–127 and named, every code in the spec
/// (a final failure code where a response is mapped to a cause), no row twice.
pub(super) fn check(c: &mut Checker<'_>, raw: &RawQ850, codes: &[Code]) -> Option<Q850> {
    let before = c.problems.len();
    let report = |c: &mut Checker<'_>, needle: &str, message: String| {
        let pos = c.at().text_in_block("q850", needle);
        c.report(pos, format!("q850: {message}"));
    };
    let names: Vec<(u8, String)> = raw
        .names
        .iter()
        .filter_map(|n| Some((u8::try_from(n.cause).ok()?, n.name.trim().to_string())))
        .collect();
    let cause = |c: &mut Checker<'_>, value: u32| -> u8 {
        match u8::try_from(value) {
            Ok(v @ 1..=127) if names.iter().any(|(n, _)| *n == v) => v,
            Ok(v @ 1..=127) => {
                report(
                    c,
                    &format!("cause: {v}"),
                    format!("cause {v} has no entry in `names`"),
                );
                v
            }
            _ => {
                report(
                    c,
                    &value.to_string(),
                    format!("cause {value} is outside 1..=127 (ITU-T Q.850)"),
                );
                0
            }
        }
    };
    let code = |c: &mut Checker<'_>, value: u32, failure_only: bool| -> u16 {
        let known = codes.iter().any(|k| u32::from(k.code) == value);
        if !known {
            let pos = c.at().text_in_block("q850", &format!("code: {value}"));
            c.report(pos, format!("q850: code {value} is not a code of the spec"));
        } else if failure_only && value < 400 {
            let pos = c.at().text_in_block("q850", &format!("code: {value}"));
            c.report(
                pos,
                format!("q850: code {value} is not a failure response (4xx-6xx)"),
            );
        }
        u16::try_from(value).unwrap_or(0)
    };
    let to_sip: Vec<(u8, u16)> = raw
        .to_sip
        .map
        .iter()
        .map(|row| (cause(c, row.cause), code(c, row.code, false)))
        .collect();
    let to_sip_default = code(c, raw.to_sip.default, false);
    let to_sip_none: Vec<u8> = raw
        .to_sip
        .no_response
        .iter()
        .map(|&v| cause(c, v))
        .collect();
    let from_sip: Vec<(u16, u8)> = raw
        .from_sip
        .map
        .iter()
        .map(|row| (code(c, row.code, true), cause(c, row.cause)))
        .collect();
    let from_sip_default = cause(c, raw.from_sip.default);
    let from_sip_none: Vec<u16> = raw
        .from_sip
        .no_response
        .iter()
        .map(|&v| code(c, v, true))
        .collect();
    for (i, (value, _)) in to_sip.iter().enumerate() {
        if to_sip[..i].iter().any(|(v, _)| v == value) || to_sip_none.contains(value) {
            report(
                c,
                &format!("cause: {value}"),
                format!("cause {value} is mapped twice in `to_sip`"),
            );
        }
    }
    for (i, (value, _)) in from_sip.iter().enumerate() {
        if from_sip[..i].iter().any(|(v, _)| v == value) || from_sip_none.contains(value) {
            report(
                c,
                &format!("code: {value}"),
                format!("code {value} is mapped twice in `from_sip`"),
            );
        }
    }
    for (i, (value, name)) in names.iter().enumerate() {
        if names[..i].iter().any(|(v, _)| v == value) {
            report(
                c,
                &format!("cause: {value}"),
                format!("cause {value} is named twice"),
            );
        }
        if name.is_empty() || super::wire_problem(name).is_some() {
            report(
                c,
                &format!("cause: {value}"),
                format!("cause {value}: the name {name:?} cannot go in a Reason header"),
            );
        }
    }
    let to_sip_citation = check_citation(
        c,
        Place::Q850,
        None,
        Some(raw.to_sip.rfc),
        Some(&raw.to_sip.section),
        None,
    );
    let from_sip_citation = check_citation(
        c,
        Place::Q850,
        None,
        Some(raw.from_sip.rfc),
        Some(&raw.from_sip.section),
        None,
    );
    if c.problems.len() > before {
        return None;
    }
    Some(Q850 {
        to_sip,
        to_sip_default,
        to_sip_none,
        to_sip_citation: to_sip_citation?,
        from_sip,
        from_sip_default,
        from_sip_none,
        from_sip_citation: from_sip_citation?,
        names,
    })
}
