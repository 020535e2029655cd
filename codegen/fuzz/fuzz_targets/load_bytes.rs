//! Fuzz target: arbitrary bytes, read as YAML/JSON text, through the whole generator.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let options = codegen::CrateOptions {
        crate_name: "fuzzed-api".into(),
        spec_name: "fuzzed.yaml".into(),
        runtime_path: "../codegen/runtime".into(),
        standalone: true,
    };
    let _ = codegen::generate_crate(&text, &options);
});
