//! `peers`: cargo-progenitor and openapi-generator beside ours.

use super::{
    bench_suite, cargo, cargo_in, cargo_ok, median, run_timed, rust_lines, tail, warnings, Args,
    BenchError, Result, SPEC,
};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::Command;

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

fn install_peers(peers: &Path) -> Result<String> {
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
            .map_err(|e| BenchError::io("run cargo install", e))?;
        if !status.success() {
            return Err(BenchError::Failed(
                "cargo install cargo-progenitor failed".into(),
            ));
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
            .map_err(|e| BenchError::io("run python3 -m venv", e))?
            .success()
            && Command::new(peers.join("venv/bin/pip"))
                .args(["install", "-q", "openapi-generator-cli"])
                .status()
                .map_err(|e| BenchError::io("run pip", e))?
                .success();
        if !ok {
            return Err(BenchError::Failed(
                "pip install openapi-generator-cli failed".into(),
            ));
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

pub(super) fn peers_section(root: &Path, args: &Args) -> Result<String> {
    let peers = root.join("target/peers");
    std::fs::create_dir_all(&peers)
        .map_err(|e| BenchError::io(format!("create {}", peers.display()), e))?;
    let versions = install_peers(&peers)?;
    let shared_target = peers.join("target");
    let work = peers.join("out");
    let exe = std::env::current_exe().map_err(|e| BenchError::io("find the xtask binary", e))?;
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
                            .args(["--name", &crate_name])
                            // The runtime by path, as BENCHMARKS.md's numbers were taken (the
                            // CLI's default embeds it: about 40 ms more for Customers).
                            .arg("--runtime")
                            .arg(format!(
                                "path:{}",
                                crate::corpus::relative(&out_dir, &root.join("codegen/runtime"))
                            ));
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
fn peers_lib(root: &Path, nexus: &Path) -> Result<String> {
    let stdout = bench_suite(root, "peers_lib", &[], Some(("NEXUS_SPEC", nexus)))?;
    Ok(stdout.trim().to_string())
}
