//! Status codes: from a number, from text, Display into a reused buffer, reason-phrase lookup.
//!
//! Side by side, same input, each crate through its own public API:
//! `sip-codes`, `http` (the speed model), `rsip`, `rsipstack` and `ezk-sip-types`.
//! Parsing uses 486 (Busy Here; `http` accepts any three digits). Display and the reason phrase use 405,
//! a code every crate knows with the same phrase ("Method Not Allowed").

use std::fmt::Write as _;
use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};

fn from_u16(c: &mut Criterion) {
    let mut g = c.benchmark_group("code_from_u16");
    g.bench_function("sip-codes", |b| {
        b.iter(|| sip_codes::StatusCode::from_u16(black_box(486u16)))
    });
    g.bench_function("http", |b| {
        b.iter(|| http::StatusCode::from_u16(black_box(486u16)))
    });
    g.bench_function("rsip", |b| {
        b.iter(|| rsip::StatusCode::from(black_box(486u16)))
    });
    g.bench_function("rsipstack", |b| {
        b.iter(|| rsipstack::sip::StatusCode::from(black_box(486u16)))
    });
    g.bench_function("ezk-sip-types", |b| {
        b.iter(|| ezk_sip_types::StatusCode::from(black_box(486u16)))
    });
    g.finish();
}

fn from_str(c: &mut Criterion) {
    let mut g = c.benchmark_group("code_from_str");
    g.bench_function("sip-codes", |b| {
        b.iter(|| black_box("486").parse::<sip_codes::StatusCode>())
    });
    g.bench_function("http", |b| {
        b.iter(|| black_box("486").parse::<http::StatusCode>())
    });
    // rsip has no parser for a code alone: its users parse the number, then convert.
    g.bench_function("rsip", |b| {
        b.iter(|| black_box("486").parse::<u16>().map(rsip::StatusCode::from))
    });
    g.bench_function("rsipstack", |b| {
        b.iter(|| rsipstack::sip::StatusCode::try_from((black_box("486"), "")))
    });
    g.bench_function("ezk-sip-types", |b| {
        b.iter(|| black_box("486").parse::<ezk_sip_types::StatusCode>())
    });
    g.finish();
}

fn display(c: &mut Criterion) {
    let mut g = c.benchmark_group("code_display");
    let mut buf = String::with_capacity(64);
    let code = sip_codes::StatusCode::MethodNotAllowed;
    g.bench_function("sip-codes", |b| {
        b.iter(|| {
            buf.clear();
            write!(buf, "{}", black_box(code)).unwrap();
            black_box(buf.len())
        })
    });
    let code = http::StatusCode::METHOD_NOT_ALLOWED;
    g.bench_function("http", |b| {
        b.iter(|| {
            buf.clear();
            write!(buf, "{}", black_box(code)).unwrap();
            black_box(buf.len())
        })
    });
    // rsip writes the variant name (`405 MethodNotAllowed`), not the phrase.
    let code = rsip::StatusCode::MethodNotAllowed;
    g.bench_function("rsip", |b| {
        b.iter(|| {
            buf.clear();
            write!(buf, "{}", black_box(&code)).unwrap();
            black_box(buf.len())
        })
    });
    let code = rsipstack::sip::StatusCode::MethodNotAllowed;
    g.bench_function("rsipstack", |b| {
        b.iter(|| {
            buf.clear();
            write!(buf, "{}", black_box(&code)).unwrap();
            black_box(buf.len())
        })
    });
    // ezk's code has no Display: what its StatusLine writes, the number and the phrase.
    let code = ezk_sip_types::StatusCode::METHOD_NOT_ALLOWED;
    g.bench_function("ezk-sip-types", |b| {
        b.iter(|| {
            let code = black_box(code);
            buf.clear();
            write!(buf, "{} {}", code.into_u16(), code.text().unwrap_or("")).unwrap();
            black_box(buf.len())
        })
    });
    g.finish();
}

fn reason_phrase(c: &mut Criterion) {
    let mut g = c.benchmark_group("reason_phrase");
    g.bench_function("sip-codes", |b| {
        b.iter(|| black_box(sip_codes::StatusCode::MethodNotAllowed).reason_phrase())
    });
    g.bench_function("http", |b| {
        b.iter(|| black_box(http::StatusCode::METHOD_NOT_ALLOWED).canonical_reason())
    });
    // rsip has no reason phrases.
    let code = rsipstack::sip::StatusCode::MethodNotAllowed;
    g.bench_function("rsipstack", |b| b.iter(|| black_box(&code).text().len()));
    g.bench_function("ezk-sip-types", |b| {
        b.iter(|| black_box(ezk_sip_types::StatusCode::METHOD_NOT_ALLOWED).text())
    });
    g.finish();
}

criterion_group!(benches, from_u16, from_str, display, reason_phrase);
criterion_main!(benches);
