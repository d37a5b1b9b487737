//! Status-line parsing: the IANA phrase (`SIP/2.0 486 Busy Here`), a vendor phrase
//! (`SIP/2.0 403 Wrong Guess`) and a code no crate knows (`SIP/2.0 499 Codec Mismatch`).
//!
//! Two input forms, each crate with the API it has:
//! - the line alone (`sip-codes`: `str::parse::<StatusLine>()`, owned; `sip-codes/borrowed`:
//!   `StatusLineRef::parse`, no allocation; `ezk-sip-types`: `str::parse::<msg::StatusLine>()`);
//! - the line at the start of a message, `<line>\r\n\r\n` (`sip-codes/message`:
//!   `StatusLine::parse_message_start`; `rsip` and `rsipstack`: `Response::try_from(&[u8])`, as they have
//!   no parser for a status line alone; the message has no header, so they parse only the line).
//!
//! `status_line_reason`: reading the reason phrase of a line parsed before timing (the vendor phrase):
//! `sip-codes` = `StatusLine::reason` (the owned line keeps a short line inline, as a `str` checked once
//! when parsed), `sip-codes/borrowed` = `StatusLineRef::reason`,
//! `ezk-sip-types` = its `reason` field.

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use sip_codes::StatusLineRef;

const CASES: [(&str, &str); 3] = [
    ("busy_here", "SIP/2.0 486 Busy Here"),
    ("vendor_phrase", "SIP/2.0 403 Wrong Guess"),
    ("unknown_code", "SIP/2.0 499 Codec Mismatch"),
];

fn status_line(c: &mut Criterion) {
    for (name, line) in CASES {
        let message = format!("{line}\r\n\r\n").into_bytes();
        let message = message.as_slice();
        // Every crate reads the code; say so before timing.
        assert_eq!(
            line.parse::<sip_codes::StatusLine>().unwrap().code(),
            line.parse::<ezk_sip_types::msg::StatusLine>()
                .unwrap()
                .code
                .into_u16()
        );
        assert!(rsip::Response::try_from(message).is_ok());
        assert!(rsipstack::sip::Response::try_from(message).is_ok());

        let mut g = c.benchmark_group(format!("status_line/{name}"));
        g.bench_function("sip-codes", |b| {
            b.iter(|| black_box(line).parse::<sip_codes::StatusLine>())
        });
        g.bench_function("sip-codes/borrowed", |b| {
            b.iter(|| StatusLineRef::parse(black_box(line)))
        });
        g.bench_function("sip-codes/message", |b| {
            b.iter(|| sip_codes::StatusLine::parse_message_start(black_box(message)))
        });
        g.bench_function("ezk-sip-types", |b| {
            b.iter(|| black_box(line).parse::<ezk_sip_types::msg::StatusLine>())
        });
        g.bench_function("rsip", |b| {
            b.iter(|| rsip::Response::try_from(black_box(message)))
        });
        g.bench_function("rsipstack", |b| {
            b.iter(|| rsipstack::sip::Response::try_from(black_box(message)))
        });
        g.finish();
    }
}

fn reason(c: &mut Criterion) {
    let (_, line) = CASES[1];
    let ours: sip_codes::StatusLine = line.parse().unwrap();
    let borrowed: StatusLineRef<'_> = StatusLineRef::parse(line).unwrap();
    let ezk: ezk_sip_types::msg::StatusLine = line.parse().unwrap();
    assert_eq!(ours.reason(), ezk.reason.as_deref().unwrap_or(""));
    let mut g = c.benchmark_group("status_line_reason");
    g.bench_function("sip-codes", |b| b.iter(|| black_box(&ours).reason().len()));
    g.bench_function("sip-codes/borrowed", |b| {
        b.iter(|| black_box(&borrowed).reason().len())
    });
    g.bench_function("ezk-sip-types", |b| {
        b.iter(|| black_box(&ezk).reason.as_deref().map_or(0, str::len))
    });
    g.finish();
}

criterion_group!(benches, status_line, reason);
criterion_main!(benches);
