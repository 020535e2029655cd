//! One small API generated twice, as a downstream crate sees two releases: `v1` from `v1.yaml`,
//! `v2` from `v2.yaml` (the same API grown by an enum value, an optional property, an
//! operation, an optional parameter, a response status and a tagged variant).
//!
//! `#[non_exhaustive]` only acts across crates, so the proof lives in `tests/ui/pass/evolution_*`:
//! each compiles one downstream body against `evolution::v1` and against `evolution::v2`.

/// The client generated from `v1.yaml`.
pub mod v1 {
    include!(concat!(env!("OUT_DIR"), "/v1.rs"));
}

/// The client generated from `v2.yaml`.
pub mod v2 {
    include!(concat!(env!("OUT_DIR"), "/v2.rs"));
}
