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
//!
//! Timing needs optimised code: a debug build of xtask re-runs itself as
//! `cargo run --release -p xtask -- bench ...` (set `XTASK_BENCH_DEBUG=1` to skip that).

use codegen::emit::Emitter;
use codegen::{generate_crate, load, lower, render, CrateOptions, Options};
use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode, Output};
use std::time::{Instant, SystemTime};

pub const USAGE: &str = "\
  bench [--only SECTIONS] [--peers] [--callgrind] [--runs N] [--iters N] [--corpus DIR]
                               benchmarks (release build; markdown tables of medians): sections
                               gen,scale,build,runtime (default), callgrind, peers (installs
                               cargo-progenitor and openapi-generator under target/peers)";

const SPEC: &str = "spec/customers.yaml";

struct Args {
    sections: Vec<String>,
    runs: usize,
    iters: usize,
    corpus: PathBuf,
}

fn parse_args(root: &Path, args: &[String]) -> Result<Args, String> {
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
                .ok_or_else(|| format!("{arg} needs a value"))
        };
        match arg.as_str() {
            "--only" => sections = value()?.split(',').map(str::to_string).collect(),
            "--peers" => extra.push("peers".to_string()),
            "--callgrind" => extra.push("callgrind".to_string()),
            "--runs" => parsed.runs = value()?.parse().map_err(|_| "bad --runs")?,
            "--iters" => parsed.iters = value()?.parse().map_err(|_| "bad --iters")?,
            "--corpus" => parsed.corpus = value()?.into(),
            other => return Err(format!("unknown argument `{other}`")),
        }
    }
    sections.extend(extra);
    let known = ["gen", "callgrind", "scale", "build", "runtime", "peers"];
    for s in &sections {
        if !known.contains(&s.as_str()) {
            return Err(format!(
                "unknown section `{s}` (known: {})",
                known.join(",")
            ));
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

fn cargo() -> String {
    std::env::var("CARGO").unwrap_or_else(|_| "cargo".into())
}

fn median(mut v: Vec<f64>) -> f64 {
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
fn target_dir(root: &Path) -> PathBuf {
    std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| root.join("target"))
}

fn bench_dir(root: &Path) -> PathBuf {
    let dir = target_dir(root).join("bench");
    let _ = std::fs::create_dir_all(&dir);
    dir
}

fn read(path: &Path) -> Result<String, String> {
    std::fs::read_to_string(path).map_err(|e| format!("cannot read {}: {e}", path.display()))
}

fn touch(path: &Path) -> Result<(), String> {
    std::fs::File::options()
        .append(true)
        .open(path)
        .and_then(|f| f.set_modified(SystemTime::now()))
        .map_err(|e| format!("cannot touch {}: {e}", path.display()))
}

/// Runs a command to completion, returning its output and wall time in seconds.
fn run_timed(cmd: &mut Command) -> Result<(Output, f64), String> {
    let t = Instant::now();
    let out = cmd
        .output()
        .map_err(|e| format!("cannot run {:?}: {e}", cmd.get_program()))?;
    Ok((out, t.elapsed().as_secs_f64()))
}

fn cargo_in(dir: &Path, target: &Path, args: &[&str]) -> Command {
    let mut cmd = Command::new(cargo());
    cmd.current_dir(dir)
        .args(args)
        .env("CARGO_TARGET_DIR", target)
        .env("CARGO_TERM_COLOR", "never");
    cmd
}

/// Runs cargo; an error (with the last lines of stderr) when it fails.
fn cargo_ok(dir: &Path, target: &Path, args: &[&str]) -> Result<(String, f64), String> {
    let (out, secs) = run_timed(&mut cargo_in(dir, target, args))?;
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    if !out.status.success() {
        return Err(format!(
            "cargo {} failed:\n{}",
            args.join(" "),
            tail(&stderr, 15)
        ));
    }
    Ok((stderr, secs))
}

fn tail(text: &str, n: usize) -> String {
    let lines: Vec<&str> = text.lines().collect();
    lines[lines.len().saturating_sub(n)..].join("\n")
}

/// Warnings of a cargo build: the `generated N warning(s)` summaries, else `warning:` lines.
fn warnings(stderr: &str) -> usize {
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
fn rust_lines(dir: &Path) -> usize {
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

fn machine() -> String {
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

// ---------------------------------------------------------------------------------------------
// gen: in-process stage timings

/// The emit stage as `generate_crate` does it: lib, types, client, examples test.
fn emit_all(api: &codegen::ir::Api, options: &Options) -> [proc_macro2::TokenStream; 4] {
    let e = Emitter::new(api).extra_derives(&options.extra_derives);
    [
        e.lib(),
        e.types(),
        e.client(),
        e.examples_test("dintero-customers"),
    ]
}

fn render_all(tokens: [proc_macro2::TokenStream; 4]) -> usize {
    tokens
        .into_iter()
        .map(|t| render::file(t, SPEC).expect("renders").len())
        .sum()
}

fn gen_section(root: &Path, iters: usize) -> Result<String, String> {
    let text = read(&root.join(SPEC))?;
    let options = Options::default();
    let crate_options = crate::customers(root, false).crate_options();
    let spec = load::load_text(&text, None).map_err(|d| format!("{d:?}"))?;
    let (api, _) = lower::lower(&spec, &options).best_effort();

    // Rounds: every stage once per round, so that the machine's speed, which drifts on a shared
    // host, weighs on the floor and the stages alike; round 0 warms up. Medians per stage.
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    let mut samples: [Vec<f64>; 7] = Default::default();
    for round in 0..=iters {
        let mut times = [0.0; 7];
        let mut timed = |i: usize, f: &mut dyn FnMut()| {
            let t = Instant::now();
            f();
            times[i] = t.elapsed().as_secs_f64() * 1000.0;
        };
        timed(0, &mut || {
            std::hint::black_box(
                serde_yaml::from_str::<openapiv3::OpenAPI>(&text).expect("parses"),
            );
        });
        timed(1, &mut || {
            std::hint::black_box(load::parse(&text).expect("loads"));
        });
        timed(2, &mut || {
            std::hint::black_box(lower::lower(&spec, &options).best_effort());
        });
        timed(3, &mut || {
            std::hint::black_box(emit_all(&api, &options));
        });
        // Fresh tokens (untimed): the pipeline hands render tokens it owns alone; a clone
        // would make `syn` copy every token list on the way in.
        let mut tokens = Some(emit_all(&api, &options));
        timed(4, &mut || {
            std::hint::black_box(render_all(tokens.take().expect("rendered once")));
        });
        timed(5, &mut || {
            std::hint::black_box(generate_crate(&text, &crate_options).expect("generates"));
        });
        // The same on one thread: what the parts on every core save.
        std::env::set_var("CODEGEN_THREADS", "1");
        timed(6, &mut || {
            std::hint::black_box(generate_crate(&text, &crate_options).expect("generates"));
        });
        std::env::remove_var("CODEGEN_THREADS");
        if round > 0 {
            for (samples, t) in samples.iter_mut().zip(times) {
                samples.push(t);
            }
        }
    }
    // Two ratios to the floor, which differ when the floor's speed drifts between rounds: the
    // quotient of the medians (`ms ÷ floor`) and the median of the per-round ratios. Both are
    // printed; a target is met only when both are within it.
    let per_round = |f: &dyn Fn(usize) -> f64| median((0..iters).map(f).collect());
    let stage_ratio = |i: usize| per_round(&|r| samples[i][r] / samples[0][r]);
    let front_ratio =
        per_round(&|r| (samples[1][r] + samples[2][r] + samples[3][r]) / samples[0][r]);
    let ratios: Vec<f64> = (0..7).map(stage_ratio).collect();
    let [floor, load_ms, lower_ms, emit_ms, render_ms, whole, whole_one] = samples.map(median);
    let front = load_ms + lower_ms + emit_ms;

    let mut out = String::new();
    let _ = writeln!(
        out,
        "### Generation of `{SPEC}` (in-process, release; median of {iters} rounds of every \
         stage; `ms ÷ floor` is the quotient of the medians, `per-round` the median of the \
         per-round ratios; a target is met when both are within it)\n"
    );
    let _ = writeln!(
        out,
        "| stage | median ms | × floor (ms ÷ floor) | × floor (per-round) | target |"
    );
    let _ = writeln!(out, "| --- | ---: | ---: | ---: | --- |");
    let verdict =
        |quotient: f64, per_round: f64, limit: f64| match (quotient <= limit, per_round <= limit) {
            (true, true) => format!("≤ {limit}x: met"),
            (false, false) => format!("≤ {limit}x: MISSED"),
            (q, _) => format!(
                "≤ {limit}x: MISSED by the {}",
                if q {
                    "per-round ratio"
                } else {
                    "quotient of the medians"
                }
            ),
        };
    let row = |out: &mut String, name: &str, ms: f64, per_round: f64, limit: Option<f64>| {
        let quotient = ms / floor;
        let target = limit.map_or(String::new(), |l| verdict(quotient, per_round, l));
        let _ = writeln!(
            out,
            "| {name} | {ms:.2} | {quotient:.2} | {per_round:.2} | {target} |"
        );
    };
    row(
        &mut out,
        "floor: `serde_yaml::from_str::<OpenAPI>`",
        floor,
        ratios[0],
        None,
    );
    row(&mut out, "load (`load::parse`)", load_ms, ratios[1], None);
    row(
        &mut out,
        "lower (`lower::lower`)",
        lower_ms,
        ratios[2],
        None,
    );
    row(
        &mut out,
        "emit (lib, types, client, examples test)",
        emit_ms,
        ratios[3],
        None,
    );
    row(
        &mut out,
        "render (syn + prettyplease, 4 files)",
        render_ms,
        ratios[4],
        None,
    );
    row(
        &mut out,
        "load + lower + emit",
        front,
        front_ratio,
        Some(2.0),
    );
    row(
        &mut out,
        &format!("whole (`generate_crate`, parts on {threads} threads)"),
        whole,
        ratios[5],
        Some(8.0),
    );
    row(
        &mut out,
        "whole on one thread (`CODEGEN_THREADS=1`)",
        whole_one,
        ratios[6],
        None,
    );
    Ok(out)
}

// ---------------------------------------------------------------------------------------------
// callgrind: instruction counts per stage

const STAGES: [&str; 6] = ["floor", "load", "lower", "emit", "render", "whole"];

/// `bench stage STAGE SPEC REPS`: prepare the inputs of STAGE, then run it REPS times.
fn stage_cmd(root: &Path, args: &[String]) -> ExitCode {
    let (Some(stage), Some(spec), Some(reps)) = (args.first(), args.get(1), args.get(2)) else {
        eprintln!("usage: bench stage STAGE SPEC REPS");
        return ExitCode::FAILURE;
    };
    let reps: usize = reps.parse().unwrap_or(1);
    let text = match read(&root.join(spec)) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("{e}");
            return ExitCode::FAILURE;
        }
    };
    let options = Options::default();
    let needs_spec = matches!(stage.as_str(), "lower" | "emit" | "render");
    let spec = needs_spec.then(|| load::load_text(&text, None).expect("loads"));
    let api = matches!(stage.as_str(), "emit" | "render").then(|| {
        lower::lower(spec.as_ref().expect("loaded"), &options)
            .best_effort()
            .0
    });
    // Render consumes tokens it owns alone (as in the pipeline): prepare two sets whatever
    // `reps` is, and forget what is left, so that run(2) − run(1) is exactly one render.
    let mut tokens: Vec<_> = if stage == "render" {
        (0..2)
            .map(|_| emit_all(api.as_ref().expect("lowered"), &options))
            .collect()
    } else {
        Vec::new()
    };
    for _ in 0..reps {
        match stage.as_str() {
            "floor" => {
                std::hint::black_box(
                    serde_yaml::from_str::<openapiv3::OpenAPI>(&text).expect("parses"),
                );
            }
            "load" => {
                std::hint::black_box(load::parse(&text).expect("loads"));
            }
            "lower" => {
                std::hint::black_box(
                    lower::lower(spec.as_ref().expect("loaded"), &options).best_effort(),
                );
            }
            "emit" => {
                std::hint::black_box(emit_all(api.as_ref().expect("lowered"), &options));
            }
            "render" => {
                std::hint::black_box(render_all(tokens.pop().expect("two sets at most")));
            }
            "whole" => {
                std::hint::black_box(
                    generate_crate(&text, &crate::customers(root, false).crate_options())
                        .expect("generates"),
                );
            }
            other => {
                eprintln!("unknown stage `{other}`");
                return ExitCode::FAILURE;
            }
        }
    }
    std::mem::forget(tokens);
    ExitCode::SUCCESS
}

fn callgrind_instructions(root: &Path, stage: &str, reps: usize) -> Result<u64, String> {
    let exe = std::env::current_exe().map_err(|e| e.to_string())?;
    let out_file = bench_dir(root).join(format!("callgrind.{stage}.{reps}.out"));
    let out = Command::new("valgrind")
        .current_dir(root)
        .arg("--tool=callgrind")
        .arg(format!("--callgrind-out-file={}", out_file.display()))
        .arg(&exe)
        .args(["bench", "stage", stage, SPEC, &reps.to_string()])
        .output()
        .map_err(|e| format!("cannot run valgrind: {e}"))?;
    let stderr = String::from_utf8_lossy(&out.stderr);
    if !out.status.success() {
        return Err(format!(
            "callgrind of {stage} failed:\n{}",
            tail(&stderr, 10)
        ));
    }
    stderr
        .lines()
        .find_map(|l| l.split("Collected :").nth(1))
        .and_then(|n| n.trim().parse().ok())
        .ok_or_else(|| format!("no `Collected` line from callgrind:\n{}", tail(&stderr, 10)))
}

fn callgrind_section(root: &Path) -> Result<String, String> {
    let mut rows = Vec::new();
    for stage in STAGES {
        eprintln!("bench: callgrind {stage}");
        let once = callgrind_instructions(root, stage, 1)?;
        let twice = callgrind_instructions(root, stage, 2)?;
        rows.push((stage, twice.saturating_sub(once)));
    }
    let floor = rows[0].1 as f64;
    let mut out = String::new();
    let _ = writeln!(
        out,
        "### Instructions per stage (callgrind; one run of the stage = run twice − run once)\n"
    );
    let _ = writeln!(out, "| stage | instructions (M) | × floor |");
    let _ = writeln!(out, "| --- | ---: | ---: |");
    for (stage, n) in &rows {
        let _ = writeln!(
            out,
            "| {stage} | {:.1} | {:.2} |",
            *n as f64 / 1e6,
            *n as f64 / floor
        );
    }
    let front: u64 = rows[1..4].iter().map(|r| r.1).sum();
    let _ = writeln!(
        out,
        "| load + lower + emit | {:.1} | {:.2} |",
        front as f64 / 1e6,
        front as f64 / floor
    );
    let _ = writeln!(
        out,
        "\nProfiles: `{}/callgrind.<stage>.2.out` (`callgrind_annotate --inclusive=yes`).",
        bench_dir(root).display()
    );
    Ok(out)
}

// ---------------------------------------------------------------------------------------------
// scale: synthetic specs in child processes

/// `bench child SPEC`: generate once; print `<ms> <peak RSS KiB> <types> <operations> <errors>`.
fn child_cmd(args: &[String]) -> ExitCode {
    let Some(spec) = args.first() else {
        eprintln!("usage: bench child SPEC");
        return ExitCode::FAILURE;
    };
    let start = Instant::now();
    let text = match std::fs::read_to_string(spec) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("cannot read {spec}: {e}");
            return ExitCode::FAILURE;
        }
    };
    let options = CrateOptions {
        crate_name: "bench-child".into(),
        spec_name: "spec".into(),
        runtime_path: "../codegen/runtime".into(),
        standalone: true,
    };
    let (types, ops, errors) = match generate_crate(&text, &options) {
        Ok(g) => (g.summary.types(), g.summary.operations, 0),
        Err(diags) => (0, 0, diags.len()),
    };
    let ms = start.elapsed().as_secs_f64() * 1000.0;
    let hwm = std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmHWM:"))
                .and_then(|l| l.split_whitespace().nth(1))
                .and_then(|n| n.parse::<u64>().ok())
        })
        .unwrap_or(0);
    println!("{ms:.3} {hwm} {types} {ops} {errors}");
    ExitCode::SUCCESS
}

struct ChildRun {
    ms: f64,
    rss_kib: f64,
    types: usize,
    ops: usize,
    errors: usize,
}

fn run_child(spec: &Path, runs: usize) -> Result<ChildRun, String> {
    let exe = std::env::current_exe().map_err(|e| e.to_string())?;
    let mut times = Vec::new();
    let mut rss = Vec::new();
    let mut last = (0, 0, 0);
    for _ in 0..runs {
        let out = Command::new(&exe)
            .arg("bench")
            .arg("child")
            .arg(spec)
            .output()
            .map_err(|e| format!("cannot run child: {e}"))?;
        let stdout = String::from_utf8_lossy(&out.stdout);
        let f: Vec<&str> = stdout.split_whitespace().collect();
        if !out.status.success() || f.len() != 5 {
            return Err(format!(
                "child on {} failed: {}",
                spec.display(),
                String::from_utf8_lossy(&out.stderr)
            ));
        }
        times.push(f[0].parse().unwrap_or(f64::NAN));
        rss.push(f[1].parse().unwrap_or(f64::NAN));
        last = (
            f[2].parse().unwrap_or(0),
            f[3].parse().unwrap_or(0),
            f[4].parse().unwrap_or(0),
        );
    }
    Ok(ChildRun {
        ms: median(times),
        rss_kib: median(rss),
        types: last.0,
        ops: last.1,
        errors: last.2,
    })
}

const COMPONENT_SECTIONS: [&str; 8] = [
    "schemas",
    "parameters",
    "responses",
    "requestBodies",
    "headers",
    "examples",
    "links",
    "callbacks",
];

/// `#/components/<section>/<Name>[/rest]` → `#/components/<section>/<Name><k>[/rest]`.
fn renamed_ref(r: &str, k: usize) -> Option<String> {
    let rest = r.strip_prefix("#/components/")?;
    let (section, rest) = rest.split_once('/')?;
    if !COMPONENT_SECTIONS.contains(&section) {
        return None;
    }
    let (name, tail) = match rest.split_once('/') {
        Some((n, t)) => (n, format!("/{t}")),
        None => (rest, String::new()),
    };
    Some(format!("#/components/{section}/{name}{k}{tail}"))
}

/// Copy `k`: every component reference renamed, every operationId suffixed.
fn rewrite(value: &mut serde_yaml::Value, k: usize) {
    use serde_yaml::Value as Y;
    match value {
        Y::Mapping(map) => {
            for (key, child) in map.iter_mut() {
                if key.as_str() == Some("operationId") {
                    if let Y::String(id) = child {
                        *id = format!("{id}_{k}");
                        continue;
                    }
                }
                rewrite(child, k);
            }
        }
        Y::Sequence(items) => items.iter_mut().for_each(|v| rewrite(v, k)),
        Y::String(s) => {
            if let Some(r) = renamed_ref(s, k) {
                *s = r;
            }
        }
        Y::Tagged(t) => rewrite(&mut t.value, k),
        _ => {}
    }
}

/// The document with its components and paths replicated `n` times (`X` → `X1..Xn`,
/// `/p` → `/v1/p..`, `op` → `op_1..`).
fn replicate(doc: &serde_yaml::Value, n: usize) -> serde_yaml::Value {
    use serde_yaml::{Mapping, Value as Y};
    let mut out = doc.clone();
    let Some(map) = out.as_mapping_mut() else {
        return out;
    };
    if let Some(Y::Mapping(components)) = doc.get("components") {
        let mut new_components = components.clone();
        for section in COMPONENT_SECTIONS {
            let Some(Y::Mapping(items)) = components.get(section) else {
                continue;
            };
            let mut replicated = Mapping::new();
            for k in 1..=n {
                for (name, item) in items {
                    let mut item = item.clone();
                    rewrite(&mut item, k);
                    let name = name.as_str().unwrap_or_default();
                    replicated.insert(Y::String(format!("{name}{k}")), item);
                }
            }
            new_components.insert(section.into(), Y::Mapping(replicated));
        }
        map.insert("components".into(), Y::Mapping(new_components));
    }
    if let Some(Y::Mapping(paths)) = doc.get("paths") {
        let mut replicated = Mapping::new();
        for k in 1..=n {
            for (path, item) in paths {
                let mut item = item.clone();
                rewrite(&mut item, k);
                let path = path.as_str().unwrap_or_default();
                replicated.insert(Y::String(format!("/v{k}{path}")), item);
            }
        }
        map.insert("paths".into(), Y::Mapping(replicated));
    }
    out
}

fn scale_section(root: &Path, args: &Args) -> Result<String, String> {
    let doc: serde_yaml::Value =
        serde_yaml::from_str(&read(&root.join(SPEC))?).map_err(|e| e.to_string())?;
    let dir = bench_dir(root).join("synthetic");
    std::fs::create_dir_all(&dir).map_err(|e| e.to_string())?;
    let runs = args.runs.min(5);
    let mut out = String::new();
    let _ = writeln!(
        out,
        "### Scaling (child process per run: generation incl. reading the file; median of {runs})\n"
    );
    let _ = writeln!(
        out,
        "| spec | KiB | types | operations | median ms | ms per copy | peak RSS MiB | RSS per copy MiB |"
    );
    let _ = writeln!(
        out,
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"
    );
    for n in [1, 10, 100] {
        let path = dir.join(format!("customers-x{n}.yaml"));
        let text = serde_yaml::to_string(&replicate(&doc, n)).map_err(|e| e.to_string())?;
        std::fs::write(&path, &text).map_err(|e| e.to_string())?;
        eprintln!("bench: scale x{n}");
        let r = run_child(&path, runs)?;
        if r.errors > 0 {
            return Err(format!("{} has {} error(s)", path.display(), r.errors));
        }
        let _ = writeln!(
            out,
            "| Customers ×{n} | {} | {} | {} | {:.1} | {:.2} | {:.1} | {:.2} |",
            text.len() / 1024,
            r.types,
            r.ops,
            r.ms,
            r.ms / n as f64,
            r.rss_kib / 1024.0,
            r.rss_kib / 1024.0 / n as f64
        );
    }
    let github = args.corpus.join("progenitor-api.github.com.json");
    if github.exists() {
        eprintln!("bench: scale github");
        let r = run_child(&github, runs)?;
        let bytes = std::fs::metadata(&github).map_or(0, |m| m.len());
        let verdict = format!(
            "{}; < 2 s: {}; < 500 MiB: {}",
            if r.errors > 0 {
                format!("{} error(s)", r.errors)
            } else {
                "ok".into()
            },
            if r.ms < 2000.0 { "met" } else { "MISSED" },
            if r.rss_kib / 1024.0 < 500.0 {
                "met"
            } else {
                "MISSED"
            }
        );
        let _ = writeln!(
            out,
            "| GitHub (`progenitor-api.github.com.json`; {verdict}) | {} | {} | {} | {:.1} | | {:.1} | |",
            bytes / 1024,
            r.types,
            r.ops,
            r.ms,
            r.rss_kib / 1024.0
        );
    }
    Ok(out)
}

// ---------------------------------------------------------------------------------------------
// build: compile times in the workspace

fn build_section(root: &Path, runs: usize) -> Result<String, String> {
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

// ---------------------------------------------------------------------------------------------
// runtime: criterion benches of benches/

fn runtime_section(root: &Path) -> Result<String, String> {
    let crit = bench_suite_target(root).join("criterion");
    let _ = std::fs::remove_dir_all(&crit);
    let stdout = bench_suite(
        root,
        "runtime",
        &["--warm-up-time", "2", "--measurement-time", "5"],
        None,
    )?;
    // `paired <group> <ratio> <rounds>`: the same work timed in alternating rounds.
    let paired: BTreeMap<&str, (f64, &str)> = stdout
        .lines()
        .filter_map(|l| {
            let mut f = l.strip_prefix("paired ")?.split_whitespace();
            Some((f.next()?, (f.next()?.parse().ok()?, f.next()?)))
        })
        .collect();
    let mut medians = std::collections::BTreeMap::new();
    collect_estimates(&crit, &mut medians);
    let get = |g: &str, f: &str| {
        medians
            .get(&(g.to_string(), f.to_string()))
            .copied()
            .ok_or_else(|| format!("no criterion estimate for {g}/{f} under {}", crit.display()))
    };
    let mut out = String::new();
    let _ = writeln!(
        out,
        "### Runtime (criterion, release; median per iteration)\n"
    );
    let _ = writeln!(out, "| benchmark | generated | baseline | ratio | target |");
    let _ = writeln!(out, "| --- | ---: | ---: | ---: | --- |");
    for (group, what, base, limit) in [
        (
            "page100/decode",
            "decode 100-customer page",
            "handwritten",
            1.1,
        ),
        (
            "page100/encode",
            "encode 100-customer page",
            "handwritten",
            1.1,
        ),
        ("request", "GET one customer over loopback", "reqwest", 1.2),
    ] {
        let ours = get(group, "generated")?;
        let theirs = get(group, base)?;
        let ratio = ours / theirs;
        let _ = writeln!(
            out,
            "| {what} (vs {base}) | {:.1} µs | {:.1} µs | {ratio:.2} | ≤ {limit}x: {} |",
            ours / 1000.0,
            theirs / 1000.0,
            if ratio <= limit { "met" } else { "MISSED" }
        );
    }
    for (group, what, limit) in [
        ("page100/decode", "decode 100-customer page", 1.1),
        ("page100/encode", "encode 100-customer page", 1.1),
        ("request", "GET one customer over loopback", 1.2),
    ] {
        if let Some((ratio, rounds)) = paired.get(group) {
            let _ = writeln!(
                out,
                "| {what}, alternating rounds (median of {rounds} per-round ratios) | | | {ratio:.2} | ≤ {limit}x: {} |",
                if *ratio <= limit { "met" } else { "MISSED" }
            );
        }
    }
    if let (Ok(ours), Ok(theirs)) = (
        get("request", "generated-no-timeout"),
        get("request", "reqwest"),
    ) {
        let _ = writeln!(
            out,
            "| diagnostic: GET, generated client with `timeout(None)` (vs reqwest) | {:.1} µs | {:.1} µs | {:.2} | |",
            ours / 1000.0,
            theirs / 1000.0,
            ours / theirs
        );
    }
    Ok(out)
}

/// Every `new/benchmark.json` under `dir`: (group, function) → median ns.
fn collect_estimates(dir: &Path, out: &mut std::collections::BTreeMap<(String, String), f64>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            if path.file_name().is_some_and(|n| n == "new") {
                let bench: Option<serde_json::Value> =
                    std::fs::read_to_string(path.join("benchmark.json"))
                        .ok()
                        .and_then(|s| serde_json::from_str(&s).ok());
                let est: Option<serde_json::Value> =
                    std::fs::read_to_string(path.join("estimates.json"))
                        .ok()
                        .and_then(|s| serde_json::from_str(&s).ok());
                if let (Some(b), Some(e)) = (bench, est) {
                    let g = b["group_id"].as_str().unwrap_or_default().to_string();
                    let f = b["function_id"].as_str().unwrap_or_default().to_string();
                    if let Some(m) = e["median"]["point_estimate"].as_f64() {
                        out.insert((g, f), m);
                    }
                }
            } else {
                collect_estimates(&path, out);
            }
        }
    }
}

// ---------------------------------------------------------------------------------------------
// peers: cargo-progenitor and openapi-generator beside ours

#[derive(Clone, Copy, PartialEq)]
enum Tool {
    Ours,
    Progenitor,
    OpenApiGenerator,
}

impl Tool {
    fn name(self) -> &'static str {
        match self {
            Tool::Ours => "ours (codegen)",
            Tool::Progenitor => "cargo-progenitor",
            Tool::OpenApiGenerator => "openapi-generator (rust, reqwest)",
        }
    }

    fn slug(self) -> &'static str {
        match self {
            Tool::Ours => "ours",
            Tool::Progenitor => "progenitor",
            Tool::OpenApiGenerator => "oag",
        }
    }
}

struct PeerRow {
    tool: Tool,
    spec: String,
    gen_s: Option<f64>,
    lines: Option<usize>,
    compile_s: Option<f64>,
    warnings: Option<usize>,
    note: String,
}

fn install_peers(peers: &Path) -> Result<String, String> {
    let mut versions = String::new();
    let progenitor = peers.join("bin/cargo-progenitor");
    if !progenitor.exists() {
        eprintln!(
            "bench: cargo install cargo-progenitor --root {}",
            peers.display()
        );
        let status = Command::new(cargo())
            .args(["install", "cargo-progenitor", "--locked", "--root"])
            .arg(peers)
            .status()
            .map_err(|e| e.to_string())?;
        if !status.success() {
            return Err("cargo install cargo-progenitor failed".into());
        }
    }
    let oag = peers.join("venv/bin/openapi-generator-cli");
    if !oag.exists() {
        eprintln!(
            "bench: pip install openapi-generator-cli into {}/venv",
            peers.display()
        );
        let ok = Command::new("python3")
            .args(["-m", "venv"])
            .arg(peers.join("venv"))
            .status()
            .map_err(|e| e.to_string())?
            .success()
            && Command::new(peers.join("venv/bin/pip"))
                .args(["install", "-q", "openapi-generator-cli"])
                .status()
                .map_err(|e| e.to_string())?
                .success();
        if !ok {
            return Err("pip install openapi-generator-cli failed".into());
        }
    }
    let v = Command::new(cargo())
        .args(["install", "--list", "--root"])
        .arg(peers)
        .output();
    if let Ok(v) = v {
        let list = String::from_utf8_lossy(&v.stdout);
        if let Some(line) = list.lines().find(|l| l.starts_with("cargo-progenitor")) {
            let _ = write!(versions, "{}", line.trim_end_matches(':'));
        }
    }
    let v = Command::new(&oag).arg("version").output();
    if let Ok(v) = v {
        let _ = write!(
            versions,
            "; openapi-generator {}",
            String::from_utf8_lossy(&v.stdout).trim()
        );
    }
    Ok(versions)
}

/// The first line that says why a generator failed.
fn reason(stderr: &str, stdout: &str) -> String {
    let text = format!("{stderr}\n{stdout}");
    let pick = text
        .lines()
        .find(|l| l.contains("panicked at"))
        .map(|l| {
            // The panic message is on the next line in recent Rust.
            let mut it = text.lines().skip_while(|x| *x != l);
            it.next();
            format!("panic: {}", it.next().unwrap_or(l).trim())
        })
        .or_else(|| {
            text.lines()
                .find(|l| {
                    let l = l.to_ascii_lowercase();
                    l.contains("error") || l.contains("exception") || l.contains("attribute")
                })
                .map(|l| l.trim().to_string())
        })
        .unwrap_or_else(|| tail(&text, 1));
    let pick = pick.replace('|', "\\|");
    if pick.chars().count() > 160 {
        format!("{}…", pick.chars().take(160).collect::<String>())
    } else {
        pick
    }
}

fn package_of(dir: &Path) -> Option<String> {
    let toml = std::fs::read_to_string(dir.join("Cargo.toml")).ok()?;
    toml.lines()
        .find(|l| l.trim_start().starts_with("name"))
        .and_then(|l| l.split('"').nth(1))
        .map(str::to_string)
}

fn peers_section(root: &Path, args: &Args) -> Result<String, String> {
    let peers = root.join("target/peers");
    std::fs::create_dir_all(&peers).map_err(|e| e.to_string())?;
    let versions = install_peers(&peers)?;
    let shared_target = peers.join("target");
    let work = peers.join("out");
    let exe = std::env::current_exe().map_err(|e| e.to_string())?;
    let runs = args.runs.min(3);

    let specs: Vec<(String, PathBuf)> = vec![
        ("customers".to_string(), root.join(SPEC)),
        (
            "nexus".to_string(),
            args.corpus.join("progenitor-nexus.json"),
        ),
        (
            "petstore".to_string(),
            args.corpus.join("oai-petstore.yaml"),
        ),
    ];
    let mut rows = Vec::new();
    for (name, spec) in &specs {
        if !spec.exists() {
            eprintln!("bench: {} missing; skipped", spec.display());
            continue;
        }
        for tool in [Tool::Ours, Tool::Progenitor, Tool::OpenApiGenerator] {
            eprintln!("bench: peers {} on {name}", tool.slug());
            let out_dir = work.join(format!("{}-{name}", tool.slug()));
            let crate_name = format!("{}-{name}", tool.slug());
            let mut times = Vec::new();
            let mut failure = None;
            let mut note = String::new();
            for _ in 0..runs {
                let _ = std::fs::remove_dir_all(&out_dir);
                let mut cmd = match tool {
                    Tool::Ours => {
                        let mut c = Command::new(&exe);
                        c.current_dir(root)
                            .arg("codegen")
                            .arg("--spec")
                            .arg(spec)
                            .arg("--out")
                            .arg(&out_dir)
                            .args(["--name", &crate_name]);
                        c
                    }
                    Tool::Progenitor => {
                        let mut c = Command::new(peers.join("bin/cargo-progenitor"));
                        c.arg("progenitor")
                            .arg("-i")
                            .arg(spec)
                            .arg("-o")
                            .arg(&out_dir)
                            .args(["-n", &crate_name, "-v", "0.1.0"]);
                        c
                    }
                    Tool::OpenApiGenerator => {
                        let mut c = Command::new(peers.join("venv/bin/openapi-generator-cli"));
                        c.arg("generate")
                            .arg("-i")
                            .arg(spec)
                            .args(["-g", "rust", "--library", "reqwest", "-o"])
                            .arg(&out_dir)
                            .arg(format!("--additional-properties=packageName={crate_name},packageVersion=0.1.0"));
                        c
                    }
                };
                let (out, secs) = run_timed(&mut cmd)?;
                if out.status.success() {
                    times.push(secs);
                } else {
                    failure = Some(reason(
                        &String::from_utf8_lossy(&out.stderr),
                        &String::from_utf8_lossy(&out.stdout),
                    ));
                    break;
                }
            }
            // openapi-generator validates first; retry without validation to see if it can.
            if failure.is_some() && tool == Tool::OpenApiGenerator {
                let first = failure.take().unwrap_or_default();
                let _ = std::fs::remove_dir_all(&out_dir);
                let (out, secs) = run_timed(
                    Command::new(peers.join("venv/bin/openapi-generator-cli"))
                        .arg("generate")
                        .arg("--skip-validate-spec")
                        .arg("-i")
                        .arg(spec)
                        .args(["-g", "rust", "--library", "reqwest", "-o"])
                        .arg(&out_dir)
                        .arg(format!(
                            "--additional-properties=packageName={crate_name},packageVersion=0.1.0"
                        )),
                )?;
                if out.status.success() {
                    times = vec![secs];
                    note = format!(
                        "rejected by validation ({first}); generated with --skip-validate-spec"
                    );
                } else {
                    failure = Some(first);
                }
            }
            if let Some(why) = failure {
                rows.push(PeerRow {
                    tool,
                    spec: name.clone(),
                    gen_s: None,
                    lines: None,
                    compile_s: None,
                    warnings: None,
                    note: format!("generation failed: {why}"),
                });
                continue;
            }
            let lines = rust_lines(&out_dir.join("src"));
            let pkg = package_of(&out_dir).unwrap_or(crate_name.clone());
            // First build brings the dependencies into the shared target dir; then crate only.
            let mut compile = None;
            let mut warns = None;
            // The output lies under this workspace's directory: make it a workspace of its own.
            let manifest = out_dir.join("Cargo.toml");
            if let Ok(toml) = std::fs::read_to_string(&manifest) {
                if !toml.lines().any(|l| l.trim() == "[workspace]") {
                    let _ = std::fs::write(&manifest, format!("{toml}\n[workspace]\n"));
                }
            }
            let (first, _) = run_timed(&mut cargo_in(&out_dir, &shared_target, &["build"]))?;
            let first_stderr = String::from_utf8_lossy(&first.stderr).into_owned();
            match first.status.success() {
                false => {
                    let errors = first_stderr
                        .lines()
                        .filter(|l| l.starts_with("error[") || l.starts_with("error:"))
                        .count();
                    let first_error = first_stderr
                        .lines()
                        .find(|l| l.starts_with("error[") || l.starts_with("error:"))
                        .unwrap_or("build failed")
                        .replace('|', "\\|");
                    let first_error = format!("{first_error} ({errors} error lines)");
                    let _ = write!(
                        note,
                        "{}does not compile: {first_error}",
                        if note.is_empty() { "" } else { "; " }
                    );
                }
                true => {
                    let mut secs = Vec::new();
                    for _ in 0..runs {
                        cargo_ok(&out_dir, &shared_target, &["clean", "-p", &pkg])?;
                        let (stderr, s) = cargo_ok(&out_dir, &shared_target, &["build"])?;
                        warns = Some(warnings(&stderr));
                        secs.push(s);
                    }
                    compile = Some(median(secs));
                }
            }
            rows.push(PeerRow {
                tool,
                spec: name.clone(),
                gen_s: Some(median(times)),
                lines: Some(lines),
                compile_s: compile,
                warnings: warns,
                note,
            });
        }
    }

    let mut out = String::new();
    let _ = writeln!(
        out,
        "### Peers (same machine, same run; {versions}; generation as a process and crate-only \
         clean compile, dev profile, deps prebuilt in `{}`; median of {runs})\n",
        shared_target.display()
    );
    let _ = writeln!(
        out,
        "| spec | generator | generation s | lines | compile s | warnings | notes |"
    );
    let _ = writeln!(out, "| --- | --- | ---: | ---: | ---: | ---: | --- |");
    let opt =
        |v: Option<f64>, digits: usize| v.map_or("—".to_string(), |v| format!("{v:.digits$}"));
    for r in &rows {
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} | {} | {} | {} |",
            r.spec,
            r.tool.name(),
            opt(r.gen_s, 3),
            r.lines.map_or("—".into(), |n| n.to_string()),
            opt(r.compile_s, 2),
            r.warnings.map_or("—".into(), |n| n.to_string()),
            r.note
        );
    }
    let find = |tool: Tool, spec: &str| rows.iter().find(|r| r.tool == tool && r.spec == spec);
    let _ = writeln!(out);
    for (spec, _) in &specs {
        let (Some(ours), Some(oag)) = (find(Tool::Ours, spec), find(Tool::OpenApiGenerator, spec))
        else {
            continue;
        };
        if let (Some(a), Some(b)) = (ours.gen_s, oag.gen_s) {
            let x = b / a;
            let _ = writeln!(
                out,
                "- {spec}: generation {x:.0}x faster than openapi-generator (target ≥ 50x: {})",
                if x >= 50.0 { "met" } else { "MISSED" }
            );
            // openapi-generator's time is mostly its start-up (Python wrapper, JVM): net of
            // each tool's time on petstore, which is little more than start-up.
            let petstore = |tool| find(tool, "petstore").and_then(|r: &PeerRow| r.gen_s);
            if let (Some(a0), Some(b0)) = (petstore(Tool::Ours), petstore(Tool::OpenApiGenerator)) {
                if spec != "petstore" && a > a0 && b > b0 {
                    let net = (b - b0) / (a - a0);
                    let _ = writeln!(
                        out,
                        "- {spec}: net of start-up (minus each tool's petstore time: {:.3} s vs \
                         {:.3} s), {net:.0}x (target ≥ 50x: {})",
                        a - a0,
                        b - b0,
                        if net >= 50.0 { "met" } else { "MISSED" }
                    );
                }
            }
        }
        if let (Some(a), Some(b)) = (ours.compile_s, oag.compile_s) {
            let x = a / b;
            let _ = writeln!(
                out,
                "- {spec}: our crate compiles in {x:.2}x of openapi-generator's time (target ≤ 0.8x: {})",
                if x <= 0.8 { "met" } else { "MISSED" }
            );
        }
    }
    let nexus = args.corpus.join("progenitor-nexus.json");
    if nexus.exists() {
        eprintln!("bench: progenitor as a library on nexus (benches/benches/peers_lib.rs)");
        let _ = writeln!(
            out,
            "\n### progenitor as a library beside ours, in one process, on nexus\n\n{}",
            peers_lib(root, &nexus)?
        );
    }
    Ok(out)
}

/// progenitor-impl and our generator as libraries in one process (`benches/benches/peers_lib.rs`,
/// in the criterion workspace, so that CI never builds progenitor): its table.
fn peers_lib(root: &Path, nexus: &Path) -> Result<String, String> {
    let stdout = bench_suite(root, "peers_lib", &[], Some(("NEXUS_SPEC", nexus)))?;
    Ok(stdout.trim().to_string())
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
) -> Result<String, String> {
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
    let (out, _) = run_timed(&mut cmd)?;
    if !out.status.success() {
        return Err(format!(
            "the {name} bench failed:\n{}",
            tail(&String::from_utf8_lossy(&out.stderr), 15)
        ));
    }
    Ok(String::from_utf8_lossy(&out.stdout).into_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refs_are_renamed_per_copy() {
        assert_eq!(
            renamed_ref("#/components/schemas/Customer", 3).as_deref(),
            Some("#/components/schemas/Customer3")
        );
        assert_eq!(
            renamed_ref("#/components/schemas/A/properties/b", 2).as_deref(),
            Some("#/components/schemas/A2/properties/b")
        );
        assert_eq!(renamed_ref("#/components/securitySchemes/x", 2), None);
        assert_eq!(renamed_ref("plain text", 2), None);
    }

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
