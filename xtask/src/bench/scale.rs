//! `scale`: synthetic specs (Customers replicated) and GitHub, each generated in a child process.

use super::{bench_dir, median, read, Args, BenchError, Result, SPEC};
use codegen::{generate_crate, CrateOptions};
use std::fmt::Write as _;
use std::path::Path;
use std::process::{Command, ExitCode};
use std::time::Instant;

/// `bench child SPEC`: generate once; print `<ms> <peak RSS KiB> <types> <operations> <errors>`.
pub(super) fn child_cmd(args: &[String]) -> ExitCode {
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
        runtime: codegen::Runtime::path("../codegen/runtime").expect("a relative path"),
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

fn run_child(spec: &Path, runs: usize) -> Result<ChildRun> {
    let exe = std::env::current_exe().map_err(|e| BenchError::io("find the xtask binary", e))?;
    let mut times = Vec::new();
    let mut rss = Vec::new();
    let mut last = (0, 0, 0);
    for _ in 0..runs {
        let out = Command::new(&exe)
            .arg("bench")
            .arg("child")
            .arg(spec)
            .output()
            .map_err(|e| BenchError::io("run a child", e))?;
        let stdout = String::from_utf8_lossy(&out.stdout);
        let f: Vec<&str> = stdout.split_whitespace().collect();
        if !out.status.success() || f.len() != 5 {
            return Err(BenchError::Failed(format!(
                "child on {} failed: {}",
                spec.display(),
                String::from_utf8_lossy(&out.stderr)
            )));
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

pub(super) fn scale_section(root: &Path, args: &Args) -> Result<String> {
    let doc: serde_yaml::Value =
        serde_yaml::from_str(&read(&root.join(SPEC))?).map_err(BenchError::other)?;
    let dir = bench_dir(root).join("synthetic");
    std::fs::create_dir_all(&dir)
        .map_err(|e| BenchError::io(format!("create {}", dir.display()), e))?;
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
        let text = serde_yaml::to_string(&replicate(&doc, n)).map_err(BenchError::other)?;
        std::fs::write(&path, &text)
            .map_err(|e| BenchError::io(format!("write {}", path.display()), e))?;
        eprintln!("bench: scale x{n}");
        let r = run_child(&path, runs)?;
        if r.errors > 0 {
            return Err(BenchError::Failed(format!(
                "{} has {} error(s)",
                path.display(),
                r.errors
            )));
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
}
