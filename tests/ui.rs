//! Compile-time behaviour, checked with trybuild: every kind of spec error is a compile error that names
//! `file:line:col`; every MUST rule, one-of group, MUST NOT rule and method-scoped rule of the bundled spec
//! stops `build()` with a readable error; the same builders done right compile.

#[test]
fn ui() {
    let t = trybuild::TestCases::new();
    t.compile_fail("tests/ui/spec/*.rs");
    t.compile_fail("tests/ui/must/*.rs");
    t.compile_fail("tests/ui/must_not/*.rs");
    t.compile_fail("tests/ui/deprecated/*.rs");
    t.compile_fail("tests/ui/custom/*.rs");
    t.compile_fail("tests/ui/options/*.rs");
    t.pass("tests/ui/pass/*.rs");
}
