//! `cargo xtask test [CARGO TEST ARGS]`: the whole test suite, with the pinned Prism mock server.
//!
//! 1. If `tools/prism/node_modules/.bin/prism` is missing, `npm ci --prefix tools/prism` installs
//!    the version pinned in `tools/prism/package-lock.json`. Without npm (or when the install
//!    fails) the Prism end-to-end suite (`generated-client/tests/prism.rs`) skips itself, by name;
//!    with env `CI` set it fails instead.
//! 2. `cargo test --workspace [CARGO TEST ARGS]` with env `PRISM` pointing at that binary.
//! 3. Without extra args: the example binaries (`examples/macro-user`, `examples/buildrs-user`,
//!    `generated-client/examples/tour.rs`) run against a Prism mock of `spec/customers.yaml`, and
//!    `examples/realworld-user` against a second one of its own multi-file 3.1 description
//!    (skipped by name without Prism; with env `CI` set that fails).
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
        Ok(status) if status.success() => {}
        Ok(status) => return ExitCode::from(status.code().map_or(1, |c| c.clamp(1, 255) as u8)),
        Err(e) => {
            eprintln!("error: cannot run cargo test: {e}");
            return ExitCode::FAILURE;
        }
    }
    if !args.is_empty() {
        return ExitCode::SUCCESS;
    }
    match prism {
        Some(prism) => run_examples(root, Path::new(&prism)),
        None if std::env::var("CI").is_ok_and(|v| !v.is_empty() && v != "0" && v != "false") => {
            eprintln!("error: examples need Prism, which is missing (CI is set)");
            ExitCode::FAILURE
        }
        None => {
            eprintln!(
                "examples: SKIPPED macro-user, buildrs-user, tour, realworld-user (no Prism)"
            );
            ExitCode::SUCCESS
        }
    }
}

/// Runs each example binary against a Prism mock server of its spec.
fn run_examples(root: &Path, prism: &Path) -> ExitCode {
    let mut mocks = Vec::new();
    for spec in ["spec/customers.yaml", REALWORLD_SPEC] {
        match Mock::start(root, prism, spec) {
            Ok(mock) => mocks.push(mock),
            Err(e) => {
                eprintln!("error: {e}");
                return ExitCode::FAILURE;
            }
        }
    }
    let (customers, realworld) = (&mocks[0].url, &mocks[1].url);
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let mut code = ExitCode::SUCCESS;
    let examples: [(&[&str], &str); 4] = [
        (&["--package", "macro-user"], customers),
        (&["--package", "buildrs-user"], customers),
        (
            &["--package", "dintero-customers", "--example", "tour"],
            customers,
        ),
        (&["--package", "realworld-user"], realworld),
    ];
    for (example, url) in examples {
        let name = example.last().copied().unwrap_or_default();
        eprintln!("example {name} against Prism at {url}:");
        let started = Instant::now();
        let status = Command::new(&cargo)
            .current_dir(root)
            .args(["run", "--quiet"])
            .args(example)
            .args(["--", url])
            .status();
        if status.is_ok_and(|s| s.success()) {
            eprintln!(
                "example {name}: ok in {:.1} s",
                started.elapsed().as_secs_f64()
            );
        } else {
            eprintln!("error: example {name} failed");
            code = ExitCode::FAILURE;
        }
    }
    code
}

/// The multi-file OpenAPI 3.1 description `examples/realworld-user` is generated from.
const REALWORLD_SPEC: &str = "examples/realworld-user/spec/api.yaml";

/// A `prism mock` of one spec on a free loopback port; killed when dropped.
struct Mock {
    child: std::process::Child,
    url: String,
}

impl Mock {
    /// Starts Prism for `spec` (relative to `root`) and waits until it listens (60 s at most).
    fn start(root: &Path, prism: &Path, spec: &str) -> Result<Mock, String> {
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .and_then(|l| l.local_addr())
            .map_err(|e| format!("no free port for Prism: {e}"))?
            .port();
        let child = Command::new(prism)
            .current_dir(root)
            .args(["mock", "-h", "127.0.0.1", "-p", &port.to_string(), spec])
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .map_err(|e| format!("cannot start Prism ({}): {e}", prism.display()))?;
        let mock = Mock {
            child,
            url: format!("http://127.0.0.1:{port}"),
        };
        let started = Instant::now();
        while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
            if started.elapsed().as_secs() > 60 {
                return Err(format!(
                    "Prism did not listen on port {port} within 60 s ({spec})"
                ));
            }
            std::thread::sleep(std::time::Duration::from_millis(200));
        }
        Ok(mock)
    }
}

impl Drop for Mock {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
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
