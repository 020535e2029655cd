//! `callgrind`: instruction counts per stage under valgrind (load-independent).

use super::gen::{emit_all, render_all};
use super::{bench_dir, read, tail, BenchError, Result, SPEC};
use codegen::{generate_crate, load, lower, Options};
use std::fmt::Write as _;
use std::path::Path;
use std::process::{Command, ExitCode};

const STAGES: [&str; 6] = ["floor", "load", "lower", "emit", "render", "whole"];

/// `bench stage STAGE SPEC REPS`: prepare the inputs of STAGE, then run it REPS times.
pub(super) fn stage_cmd(root: &Path, args: &[String]) -> ExitCode {
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
            .map(|_| emit_all(api.as_ref().expect("lowered")))
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
                std::hint::black_box(emit_all(api.as_ref().expect("lowered")));
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

fn callgrind_instructions(root: &Path, stage: &str, reps: usize) -> Result<u64> {
    let exe = std::env::current_exe().map_err(|e| BenchError::io("find the xtask binary", e))?;
    let out_file = bench_dir(root).join(format!("callgrind.{stage}.{reps}.out"));
    let out = Command::new("valgrind")
        .current_dir(root)
        .arg("--tool=callgrind")
        .arg(format!("--callgrind-out-file={}", out_file.display()))
        .arg(&exe)
        .args(["bench", "stage", stage, SPEC, &reps.to_string()])
        .output()
        .map_err(|e| BenchError::io("run valgrind", e))?;
    let stderr = String::from_utf8_lossy(&out.stderr);
    if !out.status.success() {
        return Err(BenchError::Failed(format!(
            "callgrind of {stage} failed:\n{}",
            tail(&stderr, 10)
        )));
    }
    stderr
        .lines()
        .find_map(|l| l.split("Collected :").nth(1))
        .and_then(|n| n.trim().parse().ok())
        .ok_or_else(|| {
            BenchError::Failed(format!(
                "no `Collected` line from callgrind:\n{}",
                tail(&stderr, 10)
            ))
        })
}

pub(super) fn callgrind_section(root: &Path) -> Result<String> {
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
