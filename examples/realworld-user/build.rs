//! Generates the Pet Clinic client from the multi-file 3.1 description into `OUT_DIR/api.rs`.

fn main() {
    let out_dir = std::env::var("OUT_DIR").expect("cargo sets OUT_DIR for build scripts");
    if let Err(e) = codegen::Generator::new("spec/api.yaml").write_to(out_dir) {
        eprintln!("{e}");
        std::process::exit(1);
    }
}
