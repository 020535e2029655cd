// Macro mode: a spec path that does not exist is a compile error naming the path tried
// (relative to the calling crate's Cargo.toml).
codegen_macro::generate!("spec/no-such-spec.yaml", module = api);

fn main() {}
