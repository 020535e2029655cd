//! Fuzz target: structured mutations of the seed specs, every choice read from the fuzzer's
//! bytes (the mutation code is shared with `codegen/tests/robustness.rs`).
#![no_main]

#[path = "../../tests/support/mutate.rs"]
mod mutate;

use libfuzzer_sys::fuzz_target;
use mutate::{ByteChoices, Choices};
use serde_json::Value;
use std::sync::OnceLock;

/// The seed documents (the Customers spec and the snapshot fixtures), parsed once.
fn seeds() -> &'static [Value] {
    static SEEDS: OnceLock<Vec<Value>> = OnceLock::new();
    SEEDS.get_or_init(|| {
        [
            include_str!("../../../spec/customers.yaml"),
            include_str!("../../tests/fixtures/composition.yaml"),
            include_str!("../../tests/fixtures/constraints.yaml"),
            include_str!("../../tests/fixtures/docs.yaml"),
            include_str!("../../tests/fixtures/enums.yaml"),
            include_str!("../../tests/fixtures/names.yaml"),
            include_str!("../../tests/fixtures/nullable.yaml"),
            include_str!("../../tests/fixtures/readonly.yaml"),
            include_str!("../../tests/fixtures/recursion.yaml"),
        ]
        .iter()
        .map(|text| {
            let yaml: serde_yaml::Value = serde_yaml::from_str(text).expect("seeds parse");
            mutate::yaml_to_json(&yaml)
        })
        .collect()
    })
}

fuzz_target!(|data: &[u8]| {
    let seeds = seeds();
    let mut choices = ByteChoices::new(data);
    let mut doc = seeds[choices.below(seeds.len())].clone();
    let n = 1 + choices.below(8);
    mutate::mutate(&mut choices, &mut doc, n);
    let text = mutate::to_text(&mut choices, &doc);
    let options = codegen::CrateOptions {
        crate_name: "fuzzed-api".into(),
        spec_name: "fuzzed.yaml".into(),
        runtime_path: "../codegen/runtime".into(),
        standalone: true,
    };
    let _ = codegen::generate_crate(&text, &options);
});
