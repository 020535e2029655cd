//! `build`: compile times of the generated crate and the proc-macro expansion cost.

use super::{cargo_ok, median, target_dir, touch, Result};
use std::fmt::Write as _;
use std::path::Path;

pub(super) fn build_section(root: &Path, runs: usize) -> Result<String> {
    let target = target_dir(root);
    let client_src = root.join("generated-client/src");
    let loc: Vec<(String, usize)> = ["lib.rs", "types.rs", "client.rs"]
        .iter()
        .map(|f| {
            let n = std::fs::read_to_string(client_src.join(f)).map_or(0, |s| s.lines().count());
            (f.to_string(), n)
        })
        .collect();
    let total_loc: usize = loc.iter().map(|l| l.1).sum();

    eprintln!("bench: build warm-up (deps)");
    cargo_ok(
        root,
        &target,
        &[
            "build",
            "-p",
            "dintero-customers",
            "-p",
            "macro-user",
            "-p",
            "buildrs-user",
        ],
    )?;
    let mut clean = Vec::new();
    let mut incremental = Vec::new();
    let mut macro_user = Vec::new();
    let mut buildrs_user = Vec::new();
    for i in 0..runs {
        eprintln!("bench: build run {}/{runs}", i + 1);
        cargo_ok(root, &target, &["clean", "-p", "dintero-customers"])?;
        clean.push(cargo_ok(root, &target, &["build", "-p", "dintero-customers"])?.1);
        touch(&client_src.join("lib.rs"))?;
        incremental.push(cargo_ok(root, &target, &["build", "-p", "dintero-customers"])?.1);
        touch(&root.join("examples/macro-user/src/main.rs"))?;
        macro_user.push(cargo_ok(root, &target, &["build", "-p", "macro-user"])?.1);
        touch(&root.join("examples/buildrs-user/src/main.rs"))?;
        buildrs_user.push(cargo_ok(root, &target, &["build", "-p", "buildrs-user"])?.1);
    }
    let (m, b) = (median(macro_user), median(buildrs_user));
    let mut out = String::new();
    let _ = writeln!(
        out,
        "### Compile time (dev profile, deps prebuilt, `{}`; median of {runs})\n",
        target.display()
    );
    let _ = writeln!(out, "| what | median s |");
    let _ = writeln!(out, "| --- | ---: |");
    let _ = writeln!(
        out,
        "| `dintero-customers` clean build, crate only (`cargo clean -p` then `cargo build -p`) | {:.2} |",
        median(clean)
    );
    let _ = writeln!(
        out,
        "| `dintero-customers` incremental rebuild (touch `src/lib.rs`) | {:.2} |",
        median(incremental)
    );
    let _ = writeln!(
        out,
        "| `macro-user` rebuild (touch `main.rs`; `generate!` expands again) | {m:.2} |"
    );
    let _ = writeln!(
        out,
        "| `buildrs-user` rebuild (touch `main.rs`; generated file reused) | {b:.2} |"
    );
    let _ = writeln!(
        out,
        "| proc-macro expansion cost (difference) | {:.2} |",
        m - b
    );
    let _ = writeln!(
        out,
        "\nGenerated client: {total_loc} lines ({}).",
        loc.iter()
            .map(|(f, n)| format!("{f} {n}"))
            .collect::<Vec<_>>()
            .join(", ")
    );
    Ok(out)
}
