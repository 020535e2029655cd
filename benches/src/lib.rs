//! Benchmarks only: see `benches/runtime.rs`.
