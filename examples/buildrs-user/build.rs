//! Generates the Customers client into `OUT_DIR/customers.rs` (and reruns when the spec changes).

fn main() {
    let out_dir = std::env::var("OUT_DIR").expect("cargo sets OUT_DIR for build scripts");
    if let Err(e) = codegen::Generator::new("../../spec/customers.yaml").write_to(out_dir) {
        eprintln!("{e}");
        std::process::exit(1);
    }
}
