//! Compile-time guarantees of the generated `dintero-customers` API.
//!
//! The suite is `tests/ui.rs`: every file in `ui/pass/` must compile and run, every file in
//! `ui/fail/` must fail to compile with the error in the `.stderr` file beside it. After an
//! intended change of a message, run `TRYBUILD=overwrite cargo test -p ui-tests` and review
//! the `.stderr` diff.
