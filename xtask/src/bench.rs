//! `cargo xtask bench`: what the generator costs its users (issue 6), as markdown tables of
//! medians. Benchmarks, not tests: nothing here runs in `cargo test` or CI.
//!
//! Sections (`--only a,b`; default `gen,scale,build,runtime`, `--peers` and `--callgrind` add):
//! - `gen`: generation of `spec/customers.yaml` per stage (load, lower, emit, render), whole, and
//!   the physical floor (`serde_yaml::from_str::<openapiv3::OpenAPI>`), in-process.
//! - `callgrind`: instruction counts of the same stages under `valgrind --tool=callgrind`
//!   (load-independent); each stage is the difference of a child run doing it twice and once.
//! - `scale`: synthetic specs of the Customers schemas and paths replicated 1x/10x/100x, plus
//!   GitHub's description, each generated in a child process (time, peak RSS from `VmHWM`).
//! - `build`: compile time of `dintero-customers` (clean, crate only, and incremental), its lines
//!   of code, and the proc-macro expansion cost (`macro-user` vs `buildrs-user` rebuilds).
//! - `runtime`: the criterion benches of `benches/` (decode/encode of a 100-customer page vs a
//!   hand-written struct; a request through the client vs bare reqwest on loopback).
//! - `peers`: cargo-progenitor and openapi-generator (installed on demand under `target/peers`)
//!   beside ours on the Customers spec and corpus documents: generation time as a process,
//!   generated lines, crate-only clean compile time, warnings; then progenitor-impl as a library
//!   beside ours in one process on nexus (`benches/benches/peers_lib.rs`).
//! - `profile`: where `cargo check` of `dintero-customers` spends its time, by part of the crate
//!   (serde derives, builders, client, ...), from nightly rustc's `-Z self-profile`.
//!
//! Timing needs optimised code: a debug build of xtask re-runs itself as
//! `cargo run --release -p xtask -- bench ...` (set `XTASK_BENCH_DEBUG=1` to skip that).

use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode, Output};
use std::time::{Instant, SystemTime};

mod build;
mod callgrind;
mod gen;
mod peers;
mod profile;
mod runtime;
mod scale;

use build::build_section;
use callgrind::{callgrind_section, stage_cmd};
use gen::gen_section;
use peers::peers_section;
use profile::profile_section;
use runtime::runtime_section;
use scale::{child_cmd, scale_section};

/// Why a benchmark (or the command line) failed.
#[derive(Debug)]
pub enum BenchError {
    /// The arguments are wrong.
    Usage(String),
    /// A file or a process could not be read, written or started: what was tried, and why.
    Io(String, std::io::Error),
    /// A command or a generation ran but failed, or printed nothing usable: what happened.
    Failed(String),
}

impl BenchError {
    /// An I/O failure while doing `what` (e.g. "read spec/customers.yaml").
    fn io(what: impl Into<String>, error: std::io::Error) -> Self {
        BenchError::Io(what.into(), error)
    }

    /// Any other error, by its message.
    fn other(error: impl std::fmt::Display) -> Self {
        BenchError::Failed(error.to_string())
    }
}

impl std::fmt::Display for BenchError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            BenchError::Usage(message) | BenchError::Failed(message) => f.write_str(message),
            BenchError::Io(what, error) => write!(f, "cannot {what}: {error}"),
        }
    }
}

impl std::error::Error for BenchError {}

type Result<T, E = BenchError> = std::result::Result<T, E>;

pub const USAGE: &str = "\
  bench [--only SECTIONS] [--peers] [--callgrind] [--runs N] [--iters N] [--corpus DIR]
                               benchmarks (release build; markdown tables of medians): sections
                               gen,scale,build,runtime (default), callgrind, peers (installs
                               cargo-progenitor and openapi-generator under target/peers),
                               profile (nightly -Z self-profile of the Customers crate)";

pub(super) const SPEC: &str = "spec/customers.yaml";

pub(super) struct Args {
    sections: Vec<String>,
    runs: usize,
    iters: usize,
    corpus: PathBuf,
}

fn parse_args(root: &Path, args: &[String]) -> Result<Args> {
    let mut sections: Vec<String> = ["gen", "scale", "build", "runtime"]
        .map(String::from)
        .to_vec();
    let mut parsed = Args {
        sections: Vec::new(),
        runs: 5,
        iters: 31,
        corpus: root
            .parent()
            .map(|p| p.join("shared/corpus"))
            .unwrap_or_default(),
    };
    let mut extra = Vec::new();
    let mut it = args.iter();
    while let Some(arg) = it.next() {
        let mut value = || {
            it.next()
                .cloned()
                .ok_or_else(|| BenchError::Usage(format!("{arg} needs a value")))
        };
        match arg.as_str() {
            "--only" => sections = value()?.split(',').map(str::to_string).collect(),
            "--peers" => extra.push("peers".to_string()),
            "--callgrind" => extra.push("callgrind".to_string()),
            "--runs" => {
                parsed.runs = value()?
                    .parse()
                    .map_err(|_| BenchError::Usage("bad --runs".into()))?
            }
            "--iters" => {
                parsed.iters = value()?
                    .parse()
                    .map_err(|_| BenchError::Usage("bad --iters".into()))?
            }
            "--corpus" => parsed.corpus = value()?.into(),
            other => return Err(BenchError::Usage(format!("unknown argument `{other}`"))),
        }
    }
    sections.extend(extra);
    let known = [
        "gen",
        "callgrind",
        "scale",
        "build",
        "runtime",
        "peers",
        "profile",
    ];
    for s in &sections {
        if !known.contains(&s.as_str()) {
            return Err(BenchError::Failed(format!(
                "unknown section `{s}` (known: {})",
                known.join(",")
            )));
        }
    }
    // Fixed order, whatever the command line said.
    parsed.sections = known
        .iter()
        .filter(|k| sections.iter().any(|s| s == *k))
        .map(|k| k.to_string())
        .collect();
    parsed.runs = parsed.runs.max(1);
    parsed.iters = parsed.iters.max(1);
    Ok(parsed)
}

pub fn bench_cmd(root: &Path, args: &[String]) -> ExitCode {
    match args.first().map(String::as_str) {
        Some("child") => return child_cmd(&args[1..]),
        Some("stage") => return stage_cmd(root, &args[1..]),
        _ => {}
    }
    if cfg!(debug_assertions) && std::env::var_os("XTASK_BENCH_DEBUG").is_none() {
        eprintln!("bench: re-running as a release build (cargo run --release -p xtask)");
        let status = Command::new(cargo())
            .current_dir(root)
            .args(["run", "--release", "--quiet", "-p", "xtask", "--", "bench"])
            .args(args)
            .status();
        return match status {
            Ok(s) if s.success() => ExitCode::SUCCESS,
            Ok(_) => ExitCode::FAILURE,
            Err(e) => {
                eprintln!("error: cannot run cargo: {e}");
                ExitCode::FAILURE
            }
        };
    }
    let args = match parse_args(root, args) {
        Ok(a) => a,
        Err(e) => {
            eprintln!("error: {e}\nusage: cargo xtask\n{USAGE}");
            return ExitCode::FAILURE;
        }
    };
    println!("{}", machine());
    let mut failed = false;
    for section in &args.sections {
        eprintln!("bench: {section} ...");
        let result = match section.as_str() {
            "gen" => gen_section(root, args.iters),
            "callgrind" => callgrind_section(root),
            "scale" => scale_section(root, &args),
            "build" => build_section(root, args.runs),
            "runtime" => runtime_section(root),
            "peers" => peers_section(root, &args),
            "profile" => profile_section(root, args.runs.min(3)),
            _ => unreachable!("checked in parse_args"),
        };
        match result {
            Ok(table) => println!("{table}"),
            Err(e) => {
                eprintln!("error in {section}: {e}");
                failed = true;
            }
        }
    }
    if failed {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}

// ---------------------------------------------------------------------------------------------
// Helpers

pub(super) fn cargo() -> String {
    std::env::var("CARGO").unwrap_or_else(|_| "cargo".into())
}

pub(super) fn median(mut v: Vec<f64>) -> f64 {
    if v.is_empty() {
        return f64::NAN;
    }
    v.sort_by(|a, b| a.total_cmp(b));
    let n = v.len();
    if n % 2 == 1 {
        v[n / 2]
    } else {
        (v[n / 2 - 1] + v[n / 2]) / 2.0
    }
}

/// Median wall time of `f` in milliseconds, after one untimed warm-up call.
pub(super) fn target_dir(root: &Path) -> PathBuf {
    std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| root.join("target"))
}

pub(super) fn bench_dir(root: &Path) -> PathBuf {
    let dir = target_dir(root).join("bench");
    let _ = std::fs::create_dir_all(&dir);
    dir
}

pub(super) fn read(path: &Path) -> Result<String> {
    std::fs::read_to_string(path).map_err(|e| BenchError::io(format!("read {}", path.display()), e))
}

pub(super) fn touch(path: &Path) -> Result<()> {
    std::fs::File::options()
        .append(true)
        .open(path)
        .and_then(|f| f.set_modified(SystemTime::now()))
        .map_err(|e| BenchError::io(format!("touch {}", path.display()), e))
}

/// Runs a command to completion, returning its output and wall time in seconds.
pub(super) fn run_timed(cmd: &mut Command) -> Result<(Output, f64)> {
    let t = Instant::now();
    let out = cmd
        .output()
        .map_err(|e| BenchError::io(format!("run {:?}", cmd.get_program()), e))?;
    Ok((out, t.elapsed().as_secs_f64()))
}

pub(super) fn cargo_in(dir: &Path, target: &Path, args: &[&str]) -> Command {
    let mut cmd = Command::new(cargo());
    cmd.current_dir(dir)
        .args(args)
        .env("CARGO_TARGET_DIR", target)
        .env("CARGO_TERM_COLOR", "never");
    cmd
}

/// Runs a command like [`run_timed`]; an error saying `what` failed (with the last lines of
/// stderr) when it exits unsuccessfully.
pub(super) fn run_ok(cmd: &mut Command, what: &str) -> Result<(Output, f64)> {
    let (out, secs) = run_timed(cmd)?;
    if !out.status.success() {
        return Err(BenchError::Failed(format!(
            "{what} failed:\n{}",
            tail(&String::from_utf8_lossy(&out.stderr), 15)
        )));
    }
    Ok((out, secs))
}

/// Runs cargo; its stderr and wall time, or an error (with the last lines of stderr) when it
/// fails.
pub(super) fn cargo_ok(dir: &Path, target: &Path, args: &[&str]) -> Result<(String, f64)> {
    let what = format!("cargo {}", args.join(" "));
    let (out, secs) = run_ok(&mut cargo_in(dir, target, args), &what)?;
    Ok((String::from_utf8_lossy(&out.stderr).into_owned(), secs))
}

pub(super) fn tail(text: &str, n: usize) -> String {
    let lines: Vec<&str> = text.lines().collect();
    lines[lines.len().saturating_sub(n)..].join("\n")
}

/// Warnings of a cargo build: the `generated N warning(s)` summaries, else `warning:` lines.
pub(super) fn warnings(stderr: &str) -> usize {
    let mut summed = None;
    for line in stderr.lines() {
        if let Some(rest) = line.split(" generated ").nth(1) {
            if line.starts_with("warning: `") {
                let n = rest
                    .split_whitespace()
                    .next()
                    .and_then(|n| n.parse::<usize>().ok());
                if let Some(n) = n {
                    *summed.get_or_insert(0) += n;
                }
            }
        }
    }
    summed.unwrap_or_else(|| {
        stderr
            .lines()
            .filter(|l| l.starts_with("warning:") && !l.contains("generated"))
            .count()
    })
}

/// Lines of every `.rs` file under `dir`.
pub(super) fn rust_lines(dir: &Path) -> usize {
    let mut total = 0;
    let Ok(entries) = std::fs::read_dir(dir) else {
        return 0;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            total += rust_lines(&path);
        } else if path.extension().is_some_and(|e| e == "rs") {
            total += std::fs::read_to_string(&path)
                .map(|s| s.lines().count())
                .unwrap_or(0);
        }
    }
    total
}

pub(super) fn machine() -> String {
    let cpu = std::fs::read_to_string("/proc/cpuinfo")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("model name"))
                .and_then(|l| l.split(':').nth(1))
                .map(|m| m.trim().to_string())
        })
        .unwrap_or_else(|| "unknown CPU".into());
    let cores = std::thread::available_parallelism().map_or(0, |n| n.get());
    let rustc = Command::new("rustc")
        .arg("--version")
        .output()
        .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_string())
        .unwrap_or_default();
    let load = std::fs::read_to_string("/proc/loadavg")
        .map(|s| s.split_whitespace().take(3).collect::<Vec<_>>().join(" "))
        .unwrap_or_default();
    format!("Machine: {cores} cores, {cpu}; {rustc}; load average at start: {load}\n")
}

/// The target dir of the `benches/` workspace.
fn bench_suite_target(root: &Path) -> PathBuf {
    target_dir(root).join("bench-suite")
}

/// `cargo bench --bench NAME -- ARGS` in the `benches/` workspace (with one environment
/// variable if given): its stdout, or an error with the end of its stderr.
fn bench_suite(
    root: &Path,
    name: &str,
    args: &[&str],
    env: Option<(&str, &Path)>,
) -> Result<String> {
    let manifest = root.join("benches/Cargo.toml");
    let manifest = manifest.to_string_lossy();
    let mut cargo_args = vec!["bench", "--manifest-path", &manifest, "--bench", name];
    if !args.is_empty() {
        cargo_args.push("--");
        cargo_args.extend_from_slice(args);
    }
    let mut cmd = cargo_in(root, &bench_suite_target(root), &cargo_args);
    if let Some((key, value)) = env {
        cmd.env(key, value);
    }
    let (out, _) = run_ok(&mut cmd, &format!("the {name} bench"))?;
    Ok(String::from_utf8_lossy(&out.stdout).into_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn warnings_are_read_from_cargo_summaries() {
        let stderr =
            "warning: unused import\nwarning: `x` (lib) generated 12 warnings (run `cargo fix`)\n";
        assert_eq!(warnings(stderr), 12);
        assert_eq!(warnings("warning: a\nwarning: b\n"), 2);
        assert_eq!(median(vec![3.0, 1.0, 2.0]), 2.0);
        assert_eq!(median(vec![4.0, 1.0, 2.0, 3.0]), 2.5);
    }
}
