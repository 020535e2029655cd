//! `profile`: where rustc's time goes when it checks `dintero-customers`, by part of the crate
//! (nightly `-Z self-profile`, summed by `benches/src/bin/compile_profile.rs`).

use super::{cargo_ok, run_ok, target_dir, touch, BenchError, Result};
use std::path::Path;
use std::process::Command;

/// Nightly's cargo: `-Z self-profile` is unstable.
fn nightly(dir: &Path, target: &Path, args: &[&str]) -> Result<()> {
    let mut cmd = Command::new("rustup");
    cmd.current_dir(dir)
        .args(["run", "nightly", "cargo"])
        .args(args)
        .env("CARGO_TARGET_DIR", target)
        .env("CARGO_INCREMENTAL", "0")
        .env("CARGO_TERM_COLOR", "never");
    run_ok(&mut cmd, &format!("cargo +nightly {}", args.join(" ")))?;
    Ok(())
}

pub(super) fn profile_section(root: &Path, runs: usize) -> Result<String> {
    let target = target_dir(root).join("nightly");
    let profiles = target_dir(root).join("bench/self-profile");
    let _ = std::fs::remove_dir_all(&profiles);
    eprintln!("bench: profile warm-up (nightly deps, the summariser)");
    nightly(root, &target, &["check", "-p", "dintero-customers"])?;
    cargo_ok(
        root,
        &target_dir(root),
        &[
            "build",
            "--release",
            "--quiet",
            "--manifest-path",
            "benches/Cargo.toml",
            "--bin",
            "compile_profile",
        ],
    )?;
    let mut stems = Vec::new();
    for i in 0..runs {
        eprintln!("bench: profile run {}/{runs}", i + 1);
        let dir = profiles.join(format!("run{i}"));
        touch(&root.join("generated-client/src/lib.rs"))?;
        let flag = format!("-Zself-profile={}", dir.display());
        nightly(
            root,
            &target,
            &[
                "rustc",
                "-p",
                "dintero-customers",
                "--lib",
                "--profile=check",
                "--",
                &flag,
                "-Zself-profile-events=default,args",
            ],
        )?;
        let file = std::fs::read_dir(&dir)
            .map_err(|e| BenchError::io(format!("read {}", dir.display()), e))?
            .flatten()
            .map(|e| e.path())
            .find(|p| p.extension().is_some_and(|e| e == "mm_profdata"))
            .ok_or_else(|| BenchError::Failed(format!("no profile in {}", dir.display())))?;
        stems.push(file.with_extension("").display().to_string());
    }
    let summariser = target_dir(root).join("release/compile_profile");
    let mut summarise = Command::new(&summariser);
    summarise.arg("dintero_customers").args(&stems);
    let (out, _) = run_ok(&mut summarise, "compile_profile")?;
    Ok(format!(
        "### Where `cargo check` of `dintero-customers` spends its time (nightly `-Z self-profile`)\n\n\
         Self time of rustc's queries, each given to the part of the crate its item belongs to \
         (the profiler's own bookkeeping left out); `CARGO_INCREMENTAL=0`.\n\n{}",
        String::from_utf8_lossy(&out.stdout)
    ))
}
