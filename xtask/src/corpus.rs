//! `cargo xtask corpus DIR`: generate and build a crate for every OpenAPI document in a directory.

use codegen::diag::Severity;
use codegen::fidelity::{fidelity, Fidelity};
use codegen::generate_crate_from;
use codegen_cli::Invocation;
use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, ExitCode, Stdio};
use std::time::{Duration, Instant};

const USAGE: &str = "\
  corpus DIR [--no-build] [--skip NAME]... [--allow-failure NAME]... [--max-bytes N]
             [--build-timeout SECS] [--deny-warnings] [--clippy] [--test] [--markdown]
                               generate (into target/corpus/<stem>/) and build a crate for every
                               *.yaml, *.yml, *.json in DIR (and every subdirectory's one entry
                               file, for descriptions split over files), or with --clippy check
                               it with clippy (its lints count as warnings); with --test also run
                               the crate's own `cargo test` (its examples test and doctests), as a
                               user's first `cargo test` would; print a table of results and one of
                               fidelity (operations, request bodies typed / raw binary / raw
                               though the spec types them, untyped JSON, warnings), as markdown
                               with --markdown; fail when the
                               generator rejects a document, when a crate does not compile (or,
                               with --deny-warnings, warns), when its tests fail; --allow-failure NAME lets that one
                               document fail without failing the command (it is still reported)";

struct Args {
    dir: PathBuf,
    build: bool,
    skip: Vec<String>,
    /// Documents (file name or stem) whose failure is reported but does not fail the command.
    allow_failure: Vec<String>,
    max_bytes: Option<u64>,
    build_timeout: Option<Duration>,
    deny_warnings: bool,
    /// `cargo clippy --all-targets` instead of `cargo build --all-targets`.
    clippy: bool,
    /// Also `cargo test` each crate that builds.
    test: bool,
    markdown: bool,
}

fn parse_args(args: &[String]) -> Result<Args, String> {
    let mut dir = None;
    let mut parsed = Args {
        dir: PathBuf::new(),
        build: true,
        skip: Vec::new(),
        allow_failure: Vec::new(),
        max_bytes: None,
        build_timeout: None,
        deny_warnings: false,
        clippy: false,
        test: false,
        markdown: false,
    };
    let mut it = args.iter();
    while let Some(arg) = it.next() {
        let mut value = || {
            it.next()
                .cloned()
                .ok_or_else(|| format!("{arg} needs a value"))
        };
        match arg.as_str() {
            "--no-build" => parsed.build = false,
            "--deny-warnings" => parsed.deny_warnings = true,
            "--clippy" => parsed.clippy = true,
            "--test" => parsed.test = true,
            "--markdown" => parsed.markdown = true,
            "--skip" => parsed.skip.push(value()?),
            "--allow-failure" => parsed.allow_failure.push(value()?),
            "--max-bytes" => {
                let v = value()?;
                parsed.max_bytes = Some(v.parse().map_err(|_| format!("bad --max-bytes `{v}`"))?);
            }
            "--build-timeout" => {
                let v = value()?;
                let secs: u64 = v
                    .parse()
                    .map_err(|_| format!("bad --build-timeout `{v}`"))?;
                parsed.build_timeout = Some(Duration::from_secs(secs));
            }
            other if other.starts_with('-') => return Err(format!("unknown argument `{other}`")),
            other if dir.is_none() => dir = Some(PathBuf::from(other)),
            other => return Err(format!("unexpected argument `{other}`")),
        }
    }
    parsed.dir = dir.ok_or("corpus needs a directory")?;
    Ok(parsed)
}

/// One row of the table.
struct Row {
    spec: String,
    /// Listed with `--allow-failure`: a failure is reported, not fatal.
    allowed: bool,
    generated: Result<String, String>,
    gen_time: Option<Duration>,
    /// What the generated code types, and the generator's warnings (`None` when rejected).
    fidelity: Option<(Fidelity, usize)>,
    build: Option<Build>,
    tests: Option<Tests>,
}

/// What the generated crate's own `cargo test` did.
struct Tests {
    outcome: Outcome,
    passed: usize,
    failed: usize,
    /// The first failing test and its message.
    first_failure: Option<String>,
    time: Duration,
}

struct Build {
    outcome: Outcome,
    warnings: usize,
    first_error: Option<String>,
    time: Duration,
}

#[derive(PartialEq)]
enum Outcome {
    Ok,
    Failed,
    TimedOut,
}

pub fn corpus_cmd(root: &Path, args: &[String]) -> ExitCode {
    let args = match parse_args(args) {
        Ok(a) => a,
        Err(e) => {
            eprintln!("error: {e}\nusage: cargo xtask\n{USAGE}");
            return ExitCode::FAILURE;
        }
    };
    let mut specs: Vec<PathBuf> = match std::fs::read_dir(&args.dir) {
        Ok(entries) => entries
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter_map(|p| if p.is_dir() { entry_point(&p) } else { Some(p) })
            .filter(|p| is_spec_file(p))
            .collect(),
        Err(e) => {
            eprintln!("error: cannot read {}: {e}", args.dir.display());
            return ExitCode::FAILURE;
        }
    };
    specs.sort();
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| root.join("target"));
    let out_root = target.join("corpus");
    let shared_target = target.join("corpus-target");
    let started = Instant::now();
    let mut rows = Vec::new();
    for spec in &specs {
        let name = spec
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or("?")
            .to_string();
        let stem = spec.file_stem().and_then(|s| s.to_str()).unwrap_or("api");
        let size = spec.metadata().map(|m| m.len()).unwrap_or(0);
        let skipped = args.skip.iter().any(|s| s == &name || s == stem)
            || args.max_bytes.is_some_and(|max| size > max);
        if skipped {
            eprintln!("skipping {name} ({size} bytes)");
            continue;
        }
        eprintln!("== {name}");
        let out = out_root.join(stem);
        let Generated {
            result: generated,
            time: gen_time,
            fidelity,
        } = generate(root, spec, &out);
        let build = match (&generated, args.build) {
            (Ok(_), true) => Some(build(&out, &shared_target, args.build_timeout, args.clippy)),
            _ => None,
        };
        let tests = match &build {
            Some(b) if args.test && b.outcome == Outcome::Ok => {
                Some(run_tests(&out, &shared_target, args.build_timeout))
            }
            _ => None,
        };
        let allowed = args.allow_failure.iter().any(|s| s == &name || s == stem);
        rows.push(Row {
            spec: name,
            allowed,
            generated,
            gen_time,
            fidelity,
            build,
            tests,
        });
    }
    print_table(&rows, args.markdown);
    println!();
    print_fidelity(&rows, args.markdown);
    println!(
        "\n{} document(s) in {:.1}s",
        rows.len(),
        started.elapsed().as_secs_f64()
    );
    verdict(&args, &rows)
}

/// Exit status: failure when [`failures`] finds any; notes on the `--allow-failure` documents.
fn verdict(args: &Args, rows: &[Row]) -> ExitCode {
    for r in rows.iter().filter(|r| r.allowed) {
        if failed(args, r) {
            eprintln!("{}: failed, allowed by --allow-failure", r.spec);
        } else {
            eprintln!("{}: passes now; drop its --allow-failure", r.spec);
        }
    }
    let failures = failures(args, rows);
    for f in &failures {
        eprintln!("{f}");
    }
    if failures.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}

/// Whether the generator rejected the document, its crate does not compile or (with
/// `--deny-warnings`) compiles with warnings.
fn failed(args: &Args, r: &Row) -> bool {
    r.generated.is_err()
        || r.build.as_ref().is_some_and(|b| b.outcome != Outcome::Ok)
        || r.tests.as_ref().is_some_and(|t| t.outcome != Outcome::Ok)
        || (args.deny_warnings && r.build.as_ref().is_some_and(|b| b.warnings > 0))
}

/// Why the command fails: documents not listed with `--allow-failure` that the generator
/// rejects, whose crate does not compile or (with `--deny-warnings`) warns; an
/// `--allow-failure` name that matches no document (a typo would silently allow nothing).
fn failures(args: &Args, rows: &[Row]) -> Vec<String> {
    let count = |f: &dyn Fn(&Row) -> bool| rows.iter().filter(|r| !r.allowed && f(r)).count();
    let rejected = count(&|r| r.generated.is_err());
    let broken = count(&|r| r.build.as_ref().is_some_and(|b| b.outcome != Outcome::Ok));
    let warned = count(&|r| r.build.as_ref().is_some_and(|b| b.warnings > 0));
    let untested = count(&|r| r.tests.as_ref().is_some_and(|t| t.outcome != Outcome::Ok));
    let mut failures = Vec::new();
    if rejected > 0 {
        failures.push(format!("{rejected} document(s) rejected by the generator"));
    }
    if broken > 0 {
        failures.push(format!("{broken} generated crate(s) do not compile"));
    }
    if untested > 0 {
        failures.push(format!(
            "{untested} generated crate(s) fail their own `cargo test`"
        ));
    }
    if args.deny_warnings && warned > 0 {
        failures.push(format!(
            "{warned} generated crate(s) compile with warnings (--deny-warnings)"
        ));
    }
    for name in &args.allow_failure {
        let stem = |r: &Row| Path::new(&r.spec).file_stem().and_then(|s| s.to_str()) == Some(name);
        if !rows.iter().any(|r| &r.spec == name || stem(r)) {
            failures.push(format!(
                "--allow-failure {name}: no such document in {}",
                args.dir.display()
            ));
        }
    }
    failures
}

/// `to` relative to directory `from` (both made absolute first), with `/`.
pub fn relative(from: &Path, to: &Path) -> String {
    let absolute = |p: &Path| {
        let p = std::path::absolute(p).unwrap_or_else(|_| p.to_path_buf());
        p.canonicalize().unwrap_or(p)
    };
    let (from, to) = (absolute(from), absolute(to));
    let (from, to): (Vec<_>, Vec<_>) = (from.components().collect(), to.components().collect());
    let shared = from.iter().zip(&to).take_while(|(a, b)| a == b).count();
    let mut parts: Vec<String> = vec!["..".to_string(); from.len() - shared];
    parts.extend(
        to[shared..]
            .iter()
            .map(|c| c.as_os_str().to_string_lossy().into_owned()),
    );
    parts.join("/")
}

fn is_spec_file(path: &Path) -> bool {
    matches!(
        path.extension().and_then(|e| e.to_str()),
        Some("yaml" | "yml" | "json")
    )
}

/// A description split over several files sits in a directory of its own: its entry point is
/// the one file at the top of it that declares `openapi:` (the others are what it `$ref`s).
fn entry_point(dir: &Path) -> Option<PathBuf> {
    let mut found = std::fs::read_dir(dir)
        .ok()?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.is_file() && is_spec_file(p))
        .filter(|p| {
            std::fs::read_to_string(p).is_ok_and(|t| {
                t.lines()
                    .take(50)
                    .any(|l| l.starts_with("openapi:") || l.trim_start().starts_with("\"openapi\""))
            })
        });
    let first = found.next()?;
    found.next().is_none().then_some(first)
}

fn generate(root: &Path, spec: &Path, out: &Path) -> Generated {
    let (result, time, warnings) = generate_file(root, spec, out);
    // Loaded and lowered again, apart from the timed generation: the IR is what the fidelity
    // counts read.
    let fidelity = match (&result, warnings) {
        (Ok(_), Some(warnings)) => codegen::load::load_file(spec, &codegen::load::Disk)
            .ok()
            .map(|doc| {
                let (api, _) =
                    codegen::lower::lower(&doc, &codegen::Options::default()).best_effort();
                (fidelity(&api), warnings)
            }),
        _ => None,
    };
    Generated {
        result,
        time,
        fidelity,
    }
}

/// What [`generate`] made of one document.
struct Generated {
    /// `Ok(summary)` or `Err(first error)`.
    result: Result<String, String>,
    time: Option<Duration>,
    fidelity: Option<(Fidelity, usize)>,
}

/// Generate and write the crate; `(Ok(summary) or Err(first error), time, warnings)`.
fn generate_file(
    root: &Path,
    spec: &Path,
    out: &Path,
) -> (Result<String, String>, Option<Duration>, Option<usize>) {
    // The `codegen --spec PATH --out DIR` defaults (package name from the stem, standalone),
    // but this checkout's runtime by relative path: every crate shares one build of it, where
    // an embedded runtime would be compiled again in each (`cargo xtask standalone` builds
    // that).
    let runtime = relative(out, &root.join("codegen/runtime"));
    let args = [
        "--spec",
        &spec.display().to_string(),
        "--out",
        &out.display().to_string(),
        "--runtime",
        &format!("path:{runtime}"),
    ]
    .map(String::from);
    let options = match Invocation::parse(&args) {
        Ok(Some(invocation)) => invocation.crate_options(),
        _ => return (Err("cannot build the codegen arguments".into()), None, None),
    };
    let file_name = options.spec_name.as_str();
    let started = Instant::now();
    let result = codegen::load::load_file(spec, &codegen::load::Disk)
        .and_then(|doc| generate_crate_from(doc, &options, &codegen::Options::default()));
    let took = started.elapsed();
    let generated = match result {
        Ok(g) => g,
        Err(diags) => {
            let errors = diags
                .iter()
                .filter(|d| d.severity == Severity::Error)
                .count();
            for d in &diags {
                eprintln!("{}", d.display_in(file_name));
            }
            let first = diags
                .iter()
                .find(|d| d.severity == Severity::Error)
                .map(|d| d.display_in(file_name).to_string())
                .unwrap_or_default();
            let first = first.lines().next().unwrap_or_default().to_string();
            return (
                Err(format!("{errors} error(s); first: {first}")),
                Some(took),
                None,
            );
        }
    };
    for w in &generated.warnings {
        eprintln!("{}", w.display_in(file_name));
    }
    if let Err(e) = codegen_cli::write_changed(&generated.files, out) {
        return (Err(e), Some(took), None);
    }
    // Pin dependencies to the workspace's versions: reproducible, and compiled once for all.
    let lock = out.join("Cargo.lock");
    if !lock.exists() {
        let _ = std::fs::copy(root.join("Cargo.lock"), &lock);
    }
    let s = &generated.summary;
    (
        Ok(format!(
            "ok: {} types, {} ops, {} warnings",
            s.types(),
            s.operations,
            s.warnings
        )),
        Some(took),
        Some(generated.warnings.len()),
    )
}

/// Cargo for a generated crate: the shared target directory, and no debug info (the crates are
/// built to be checked and tested, never debugged; debug info was most of the 18 GB the real
/// descriptions' builds left on disk, and linking it most of their test binaries' link time).
fn corpus_cargo(shared_target: &Path) -> Command {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let mut command = Command::new(cargo);
    command
        .env("CARGO_TARGET_DIR", shared_target)
        .env("CARGO_PROFILE_DEV_DEBUG", "false")
        .env("CARGO_PROFILE_TEST_DEBUG", "false");
    command
}

/// `cargo build --all-targets` of the crate in `dir` with a shared target directory; counts the
/// warnings rustc reports for the crate itself (not its dependencies).
fn build(dir: &Path, shared_target: &Path, timeout: Option<Duration>, clippy: bool) -> Build {
    let started = Instant::now();
    let manifest = dir.join("Cargo.toml");
    let manifest = manifest.canonicalize().unwrap_or(manifest);
    let child = corpus_cargo(shared_target)
        .arg(if clippy { "clippy" } else { "build" })
        // With the typed mocks (feature `mock`), so every document proves they compile.
        .args([
            "--all-targets",
            "--features",
            "mock",
            "--message-format=json",
        ])
        .arg("--manifest-path")
        .arg(&manifest)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn();
    let mut child = match child {
        Ok(c) => c,
        Err(e) => {
            return Build {
                outcome: Outcome::Failed,
                warnings: 0,
                first_error: Some(format!("cannot run cargo: {e}")),
                time: started.elapsed(),
            }
        }
    };
    let stdout = child.stdout.take().expect("piped");
    let mut stderr = child.stderr.take().expect("piped");
    let reader = std::thread::spawn(move || {
        let mut warnings = 0;
        let mut first_error = None;
        for line in BufReader::new(stdout).lines().map_while(Result::ok) {
            let Ok(msg) = serde_json::from_str::<serde_json::Value>(&line) else {
                continue;
            };
            if msg["reason"] != "compiler-message" {
                continue;
            }
            // Path dependencies (the runtime) report warnings too; count the crate's own only.
            let own = msg["manifest_path"]
                .as_str()
                .is_some_and(|m| Path::new(m) == manifest);
            let m = &msg["message"];
            let has_span = m["spans"].as_array().is_some_and(|s| !s.is_empty());
            match m["level"].as_str() {
                Some("warning") if own && has_span => warnings += 1,
                Some("error") if first_error.is_none() => {
                    first_error = m["rendered"]
                        .as_str()
                        .or(m["message"].as_str())
                        .map(|s| s.lines().take(6).collect::<Vec<_>>().join("\n"));
                }
                _ => {}
            }
        }
        (warnings, first_error)
    });
    let err_reader = std::thread::spawn(move || {
        let mut text = String::new();
        let _ = stderr.read_to_string(&mut text);
        text
    });
    let outcome = wait(&mut child, started, timeout);
    let (warnings, mut first_error) = reader.join().unwrap_or((0, None));
    let stderr = err_reader.join().unwrap_or_default();
    if outcome == Outcome::Failed && first_error.is_none() {
        first_error = stderr
            .lines()
            .find(|l| l.contains("error"))
            .map(str::to_string);
    }
    if let Some(e) = &first_error {
        eprintln!("{e}");
    }
    Build {
        outcome,
        warnings,
        first_error,
        time: started.elapsed(),
    }
}

fn print_table(rows: &[Row], markdown: bool) {
    let mut cells = Vec::new();
    for r in rows {
        let mut generated = match &r.generated {
            Ok(s) => s.clone(),
            Err(e) => format!("error: {e}"),
        };
        if r.allowed {
            generated.push_str(" (failure allowed)");
        }
        let (compiles, warnings, build_time) = match &r.build {
            None => ("–".to_string(), "–".to_string(), "–".to_string()),
            Some(b) => (
                match b.outcome {
                    Outcome::Ok => "yes".to_string(),
                    Outcome::Failed => format!(
                        "**no**: {}",
                        b.first_error
                            .as_deref()
                            .and_then(|e| e.lines().next())
                            .unwrap_or("")
                    ),
                    Outcome::TimedOut => "timeout".to_string(),
                },
                b.warnings.to_string(),
                format!("{:.1}s", b.time.as_secs_f64()),
            ),
        };
        let tests = match &r.tests {
            None => "–".to_string(),
            Some(t) => {
                let counts = format!("{} passed, {} failed", t.passed, t.failed);
                match (&t.outcome, &t.first_failure) {
                    (Outcome::Ok, _) => format!("{counts} ({:.1}s)", t.time.as_secs_f64()),
                    (Outcome::TimedOut, _) => "timeout".to_string(),
                    (Outcome::Failed, Some(first)) => format!("**{counts}**: {first}"),
                    (Outcome::Failed, None) => format!("**{counts}**"),
                }
            }
        };
        let gen_time = r
            .gen_time
            .map(|t| format!("{:.0} ms", t.as_secs_f64() * 1000.0))
            .unwrap_or_else(|| "–".into());
        cells.push(vec![
            r.spec.clone(),
            generated,
            compiles,
            warnings,
            gen_time,
            build_time,
            tests,
        ]);
    }
    let header = [
        "spec",
        "generated",
        "compiles",
        "rustc warnings",
        "gen time",
        "build time",
        "cargo test",
    ];
    print_grid(
        &header,
        &[false, false, false, true, true, true, false],
        &cells,
        markdown,
    );
}

/// Per document, what the generated code types (`codegen::fidelity`); a document the generator
/// rejects says so.
fn print_fidelity(rows: &[Row], markdown: bool) {
    let cells: Vec<Vec<String>> = rows
        .iter()
        .map(|r| match r.fidelity {
            Some((f, warnings)) => vec![
                r.spec.clone(),
                f.operations.to_string(),
                f.typed_bodies.to_string(),
                f.raw_bodies.to_string(),
                f.raw_typed_bodies.to_string(),
                f.untyped_json.to_string(),
                warnings.to_string(),
            ],
            None => [r.spec.as_str(), "rejected", "–", "–", "–", "–", "–"]
                .map(String::from)
                .to_vec(),
        })
        .collect();
    let header = [
        "spec",
        "operations",
        "typed bodies",
        "raw bodies (binary)",
        "raw bodies (spec-typed)",
        "untyped JSON",
        "warnings",
    ];
    let right = [false, true, true, true, true, true, true];
    print_grid(&header, &right, &cells, markdown);
}

/// A markdown table, or columns padded to their widest cell.
fn print_grid(header: &[&str], right: &[bool], rows: &[Vec<String>], markdown: bool) {
    if markdown {
        println!("| {} |", header.join(" | "));
        let rules: Vec<&str> = right
            .iter()
            .map(|&r| if r { "---:" } else { "---" })
            .collect();
        println!("| {} |", rules.join(" | "));
        for row in rows {
            let escaped: Vec<String> = row.iter().map(|c| c.replace('|', "\\|")).collect();
            println!("| {} |", escaped.join(" | "));
        }
        return;
    }
    let width = |i: usize| {
        rows.iter()
            .map(|r| r[i].chars().count())
            .chain([header[i].chars().count()])
            .max()
            .unwrap_or(0)
    };
    let widths: Vec<usize> = (0..header.len()).map(width).collect();
    let line = |cells: &[String]| {
        let padded: Vec<String> = cells
            .iter()
            .enumerate()
            .map(|(i, c)| match right[i] {
                true => format!("{c:>w$}", w = widths[i]),
                false => format!("{c:<w$}", w = widths[i]),
            })
            .collect();
        println!("{}", padded.join("  ").trim_end());
    };
    line(&header.iter().map(|h| h.to_string()).collect::<Vec<_>>());
    for row in rows {
        line(row);
    }
}

/// Waits for `child`, killing it once `timeout` has passed since `started`.
fn wait(child: &mut Child, started: Instant, timeout: Option<Duration>) -> Outcome {
    loop {
        match child.try_wait() {
            Ok(Some(status)) if status.success() => return Outcome::Ok,
            Ok(Some(_)) | Err(_) => return Outcome::Failed,
            Ok(None) => {
                if timeout.is_some_and(|t| started.elapsed() > t) {
                    let _ = child.kill();
                    let _ = child.wait();
                    return Outcome::TimedOut;
                }
                std::thread::sleep(Duration::from_millis(200));
            }
        }
    }
}

/// `cargo test` of the crate in `dir` (unit, integration and doc tests), as its user would run
/// it; counts the tests and keeps the first failure's name and message.
fn run_tests(dir: &Path, shared_target: &Path, timeout: Option<Duration>) -> Tests {
    let started = Instant::now();
    let child = corpus_cargo(shared_target)
        .args([
            "test",
            "--no-fail-fast",
            "--features",
            "mock",
            "--manifest-path",
        ])
        .arg(dir.join("Cargo.toml"))
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn();
    let mut child = match child {
        Ok(c) => c,
        Err(e) => {
            return Tests {
                outcome: Outcome::Failed,
                passed: 0,
                failed: 0,
                first_failure: Some(format!("cannot run cargo: {e}")),
                time: started.elapsed(),
            }
        }
    };
    // Both pipes are drained while the tests run, so a chatty test cannot block on a full pipe.
    let drain = |pipe: Option<Box<dyn Read + Send>>| {
        std::thread::spawn(move || {
            let mut text = String::new();
            if let Some(mut pipe) = pipe {
                let _ = pipe.read_to_string(&mut text);
            }
            text
        })
    };
    let stdout = drain(
        child
            .stdout
            .take()
            .map(|p| Box::new(p) as Box<dyn Read + Send>),
    );
    let stderr = drain(
        child
            .stderr
            .take()
            .map(|p| Box::new(p) as Box<dyn Read + Send>),
    );
    let outcome = wait(&mut child, started, timeout);
    let stdout = stdout.join().unwrap_or_default();
    let stderr = stderr.join().unwrap_or_default();
    let (mut passed, mut failed) = (0, 0);
    for line in stdout.lines() {
        if let Some(rest) = line.strip_prefix("test result: ") {
            let count = |word: &str| -> usize {
                rest.split(';')
                    .find_map(|part| part.trim().strip_suffix(word))
                    .and_then(|n| n.trim().rsplit(' ').next()?.parse().ok())
                    .unwrap_or(0)
            };
            passed += count("passed");
            failed += count("failed");
        }
    }
    // libtest prints `---- name stdout ----` and then the panic message.
    let first_failure = stdout
        .split("\n---- ")
        .nth(1)
        .map(|block| {
            let mut lines = block.lines();
            let name = lines.next().unwrap_or("").trim_end_matches(" stdout ----");
            let message = lines
                .skip_while(|l| !l.contains("panicked at"))
                .nth(1)
                .unwrap_or("");
            format!("{name}: {message}")
        })
        .or_else(|| {
            stderr
                .lines()
                .find(|l| l.starts_with("error"))
                .map(str::to_string)
        });
    if let Some(first) = &first_failure {
        eprintln!("{first}");
    }
    Tests {
        outcome,
        passed,
        failed,
        first_failure,
        time: started.elapsed(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(spec: &str, generated: Result<String, String>, build: Option<Outcome>) -> Row {
        Row {
            spec: spec.into(),
            allowed: false,
            generated,
            gen_time: None,
            fidelity: None,
            build: build.map(|outcome| Build {
                outcome,
                warnings: 0,
                first_error: None,
                time: Duration::ZERO,
            }),
            tests: None,
        }
    }

    fn args(extra: &[&str]) -> Args {
        let all: Vec<String> = ["dir"].iter().chain(extra).map(|s| s.to_string()).collect();
        parse_args(&all).unwrap()
    }

    #[test]
    fn a_rejected_document_fails_the_command_unless_allowed() {
        let ok = || row("a.yaml", Ok("ok".into()), None);
        let rejected = || row("b.yaml", Err("1 error(s)".into()), None);
        // With --no-build too: nothing is built, the rejection alone fails.
        assert!(failures(&args(&["--no-build"]), &[ok()]).is_empty());
        assert_eq!(
            failures(&args(&["--no-build"]), &[ok(), rejected()]),
            ["1 document(s) rejected by the generator"]
        );
        let allowed = Row {
            allowed: true,
            ..rejected()
        };
        assert!(failures(&args(&["--allow-failure", "b"]), &[ok(), allowed]).is_empty());
        assert_eq!(
            failures(&args(&["--allow-failure", "c"]), &[ok()]).len(),
            1,
            "an allowed name that matches nothing is an error"
        );
        let broken = row("c.yaml", Ok("ok".into()), Some(Outcome::Failed));
        assert_eq!(failures(&args(&[]), &[broken]).len(), 1);
    }

    #[test]
    fn a_crate_whose_own_tests_fail_fails_the_command() {
        let tested = |outcome| Row {
            tests: Some(Tests {
                outcome,
                passed: 3,
                failed: 1,
                first_failure: None,
                time: Duration::ZERO,
            }),
            ..row("d.yaml", Ok("ok".into()), Some(Outcome::Ok))
        };
        assert!(failures(&args(&["--test"]), &[tested(Outcome::Ok)]).is_empty());
        assert_eq!(
            failures(&args(&["--test"]), &[tested(Outcome::Failed)]),
            ["1 generated crate(s) fail their own `cargo test`"]
        );
    }
}
