//! `cargo xtask test [CARGO TEST ARGS]`: the whole test suite, with the pinned Prism mock server.
//!
//! 1. If `tools/prism/node_modules/.bin/prism` is missing, `npm ci --prefix tools/prism` installs
//!    the version pinned in `tools/prism/package-lock.json`. Without npm (or when the install
//!    fails) the Prism end-to-end suite (`generated-client/tests/prism.rs`) skips itself, by name;
//!    with env `CI` set it fails instead.
//! 2. `cargo test --workspace [CARGO TEST ARGS]` with env `PRISM` pointing at that binary.
//!
//! An explicit env `PRISM` is respected and nothing is installed.

use std::path::Path;
use std::process::{Command, ExitCode};
use std::time::Instant;

/// Where `npm ci --prefix tools/prism` puts the Prism binary.
const PRISM_BIN: &str = "tools/prism/node_modules/.bin/prism";

pub fn test_cmd(root: &Path, args: &[String]) -> ExitCode {
    let prism = std::env::var_os("PRISM")
        .filter(|p| !p.is_empty())
        .or_else(|| install_prism(root).map(|p| p.into_os_string()));
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let mut command = Command::new(cargo);
    command
        .current_dir(root)
        .args(["test", "--workspace"])
        .args(args);
    if let Some(prism) = &prism {
        command.env("PRISM", prism);
    }
    match command.status() {
        Ok(status) if status.success() => ExitCode::SUCCESS,
        Ok(status) => ExitCode::from(status.code().map_or(1, |c| c.clamp(1, 255) as u8)),
        Err(e) => {
            eprintln!("error: cannot run cargo test: {e}");
            ExitCode::FAILURE
        }
    }
}

/// The pinned Prism binary, installing it first if needed; `None` (after saying why) if it is
/// not there and cannot be installed.
fn install_prism(root: &Path) -> Option<std::path::PathBuf> {
    let bin = root.join(PRISM_BIN);
    if bin.is_file() {
        return Some(bin);
    }
    let skipped = "the Prism end-to-end suite (generated-client/tests/prism.rs) will be skipped";
    let npm = if cfg!(windows) { "npm.cmd" } else { "npm" };
    eprintln!("installing Prism: npm ci --prefix tools/prism --ignore-scripts");
    let started = Instant::now();
    let status = Command::new(npm)
        .current_dir(root)
        // No install scripts: Prism needs none; the only one in the tree is a telemetry ping.
        .args([
            "ci",
            "--prefix",
            "tools/prism",
            "--ignore-scripts",
            "--no-audit",
            "--no-fund",
        ])
        .status();
    match status {
        Ok(status) if status.success() && bin.is_file() => {
            eprintln!(
                "installed Prism in {:.1} s",
                started.elapsed().as_secs_f64()
            );
            Some(bin)
        }
        Ok(status) => {
            eprintln!("warning: `npm ci --prefix tools/prism` failed ({status}); {skipped}");
            None
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            eprintln!("warning: npm not found (install Node.js to get it); {skipped}");
            None
        }
        Err(e) => {
            eprintln!("warning: cannot run npm: {e}; {skipped}");
            None
        }
    }
}
