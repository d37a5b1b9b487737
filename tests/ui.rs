//! Compile-time behaviour, checked with trybuild: every kind of spec error is a compile error that names
//! `file:line:col`; every MUST rule, one-of group, method-scoped rule, MUST NOT rule and answer rule of the
//! bundled spec stops the response with a readable error (the cases under `must/`, `pass/rules/` and
//! `answers/` are written from the spec by `scripts/ui-cases.py`; `tests/ui_coverage.rs` checks that each
//! rule has its case); the same responses done right compile.

#[test]
fn ui() {
    let t = trybuild::TestCases::new();
    t.compile_fail("tests/ui/spec/*.rs");
    t.compile_fail("tests/ui/must/*.rs");
    t.compile_fail("tests/ui/must_not/*.rs");
    t.compile_fail("tests/ui/answers/*.rs");
    t.compile_fail("tests/ui/deprecated/*.rs");
    t.compile_fail("tests/ui/custom/*.rs");
    t.compile_fail("tests/ui/options/*.rs");
    t.compile_fail("tests/ui/derive/*.rs");
    t.pass("tests/ui/pass/*.rs");
    t.pass("tests/ui/pass/rules/*.rs");
}
