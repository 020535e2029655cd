//! Open generator bugs only, each as the smallest document that shows it and an assertion of
//! the correct behaviour, `#[ignore]`d with the reason so that `cargo test` stays green. Run them
//! with `cargo test -p codegen --test known_bugs -- --ignored`; with the fix, move the test to
//! the suite it belongs in (`ir.rs`, `diagnostics.rs`, ...) without the `#[ignore]`.

// No open bug at the moment: the last one (a union payload taking a component's name) was fixed
// and moved to `ir.rs` (`union_payload_does_not_take_the_component_name`).
