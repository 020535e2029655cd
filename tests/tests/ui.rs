//! One trybuild run for the whole suite: `ui/pass/*.rs` must compile (and their `main` run),
//! `ui/fail/*.rs` must fail to compile with the reviewed `.stderr` beside each.

#[test]
fn ui() {
    let t = trybuild::TestCases::new();
    t.pass("ui/pass/*.rs");
    t.compile_fail("ui/fail/*.rs");
}
