//! `cargo test` catches a stale checked-in client, like `cargo xtask codegen --check` in CI.

use std::process::Command;

#[test]
fn checked_in_client_matches_the_spec_and_the_generator() {
    let out = Command::new(env!("CARGO_BIN_EXE_xtask"))
        .args(["codegen", "--check"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "generated-client/ is stale; run `cargo xtask codegen`\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn a_stale_file_is_reported_with_a_diff_summary() {
    let dir = std::env::temp_dir().join(format!("xtask-fresh-{}", std::process::id()));
    let spec = concat!(env!("CARGO_MANIFEST_DIR"), "/../spec/customers.yaml");
    let run = |args: &[&str]| {
        Command::new(env!("CARGO_BIN_EXE_xtask"))
            .args(args)
            .output()
            .unwrap()
    };
    let out = run(&["codegen", "--spec", spec, "--out", dir.to_str().unwrap()]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let summary = String::from_utf8_lossy(&out.stdout);
    assert!(summary.contains("41 operations"), "{summary}");
    let types = dir.join("src/types.rs");
    let text = std::fs::read_to_string(&types).unwrap();
    std::fs::write(&types, text.replacen("pub struct", "pub(crate) struct", 1)).unwrap();
    let out = run(&[
        "codegen",
        "--check",
        "--spec",
        spec,
        "--out",
        dir.to_str().unwrap(),
    ]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    std::fs::remove_dir_all(&dir).ok();
    assert!(!out.status.success());
    assert!(
        stderr.contains("src/types.rs: 1 line(s) differ"),
        "{stderr}"
    );
}
