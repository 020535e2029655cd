//! Generates `v1.yaml` and `v2.yaml` into `OUT_DIR/v1.rs` and `OUT_DIR/v2.rs`.

fn main() {
    let out_dir = std::env::var("OUT_DIR").expect("cargo sets OUT_DIR for build scripts");
    for spec in ["v1.yaml", "v2.yaml"] {
        if let Err(e) = codegen::Generator::new(spec).write_to(&out_dir) {
            eprintln!("{e}");
            std::process::exit(1);
        }
    }
}
