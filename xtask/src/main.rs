//! `cargo xtask`: the project's own commands (regenerate the checked-in client, check it).

use codegen::{generate_crate, CrateOptions, GeneratedCrate};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

mod bench;
mod corpus;
mod test;

const USAGE: &str = "\
usage: cargo xtask codegen [--check] [--spec PATH --out DIR]
       cargo xtask test [CARGO TEST ARGS]
       cargo xtask corpus DIR [--no-build] [--skip NAME] [--max-bytes N]

  codegen                      regenerate generated-client/ from spec/customers.yaml
  codegen --check              exit non-zero if generated-client/ is stale (writes nothing)
  codegen --spec PATH --out DIR
                               generate a standalone crate for any OpenAPI 3.0 document
  --name NAME                  package name for --out (default: from the spec file name)
  test [CARGO TEST ARGS]       cargo test --workspace, with the pinned Prism mock server
                               (installed by npm ci --prefix tools/prism if missing)
  corpus DIR                   generate and build a crate per document of DIR (markdown table);
                               --no-build, --skip NAME, --max-bytes N, --build-timeout SECS
       cargo xtask bench [--only SECTIONS] [--peers] [--callgrind] [--runs N]
                               benchmarks in a release build, markdown tables (BENCHMARKS.md)";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.first().map(String::as_str) {
        Some("codegen") => match codegen_cmd(&args[1..]) {
            Ok(code) => code,
            Err(e) => {
                eprintln!("error: {e}");
                ExitCode::FAILURE
            }
        },
        Some("test") => test::test_cmd(&workspace_root(), &args[1..]),
        Some("corpus") => corpus::corpus_cmd(&workspace_root(), &args[1..]),
        Some("bench") => bench::bench_cmd(&workspace_root(), &args[1..]),
        _ => {
            eprintln!("{USAGE}");
            ExitCode::FAILURE
        }
    }
}

fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("xtask lives in the workspace")
        .to_path_buf()
}

struct Args {
    check: bool,
    spec: Option<PathBuf>,
    out: Option<PathBuf>,
    name: Option<String>,
}

fn parse_args(args: &[String]) -> Result<Args, String> {
    let mut parsed = Args {
        check: false,
        spec: None,
        out: None,
        name: None,
    };
    let mut it = args.iter();
    while let Some(arg) = it.next() {
        let mut value = || {
            it.next()
                .cloned()
                .ok_or_else(|| format!("{arg} needs a value\n{USAGE}"))
        };
        match arg.as_str() {
            "--check" => parsed.check = true,
            "--spec" => parsed.spec = Some(value()?.into()),
            "--out" => parsed.out = Some(value()?.into()),
            "--name" => parsed.name = Some(value()?),
            "-h" | "--help" => return Err(USAGE.to_string()),
            other => return Err(format!("unknown argument `{other}`\n{USAGE}")),
        }
    }
    if parsed.spec.is_some() != parsed.out.is_some() {
        return Err(format!("--spec and --out go together\n{USAGE}"));
    }
    Ok(parsed)
}

fn codegen_cmd(args: &[String]) -> Result<ExitCode, String> {
    let args = parse_args(args)?;
    let root = workspace_root();
    let (spec_path, out_dir, options) = match (&args.spec, &args.out) {
        (Some(spec), Some(out)) => {
            let runtime = root.join("codegen/runtime");
            let runtime = runtime.canonicalize().unwrap_or(runtime);
            let stem = spec.file_stem().and_then(|s| s.to_str()).unwrap_or("api");
            let options = CrateOptions {
                crate_name: args.name.clone().unwrap_or_else(|| package_name(stem)),
                spec_name: spec
                    .file_name()
                    .and_then(|s| s.to_str())
                    .unwrap_or("spec")
                    .to_string(),
                runtime_path: runtime.display().to_string(),
                standalone: true,
            };
            (spec.clone(), out.clone(), options)
        }
        _ => {
            let options = CrateOptions {
                crate_name: "dintero-customers".into(),
                spec_name: "spec/customers.yaml".into(),
                runtime_path: "../codegen/runtime".into(),
                standalone: false,
            };
            (
                root.join("spec/customers.yaml"),
                root.join("generated-client"),
                options,
            )
        }
    };
    let text = std::fs::read_to_string(&spec_path)
        .map_err(|e| format!("cannot read {}: {e}", spec_path.display()))?;
    let started = Instant::now();
    let generated = match generate_crate(&text, &options) {
        Ok(g) => g,
        Err(diags) => {
            for d in &diags {
                eprintln!("{}", d.display_in(&spec_path.display().to_string()));
            }
            return Err(format!(
                "{} error(s) in {}",
                diags
                    .iter()
                    .filter(|d| d.severity == codegen::diag::Severity::Error)
                    .count(),
                spec_path.display()
            ));
        }
    };
    let elapsed = started.elapsed();
    for w in &generated.warnings {
        eprintln!("{}", w.display_in(&options.spec_name));
    }
    if args.check {
        let stale = stale_files(&generated, &out_dir);
        if stale.is_empty() {
            println!("{} is up to date", out_dir.display());
            return Ok(ExitCode::SUCCESS);
        }
        eprintln!("{} is stale; run `cargo xtask codegen`:", out_dir.display());
        for (file, summary) in stale {
            eprintln!("  {file}: {summary}");
        }
        return Ok(ExitCode::FAILURE);
    }
    let mut written = 0;
    for (rel, contents) in &generated.files {
        let path = out_dir.join(rel);
        if std::fs::read_to_string(&path).ok().as_deref() == Some(contents.as_str()) {
            continue;
        }
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)
                .map_err(|e| format!("cannot create {}: {e}", parent.display()))?;
        }
        std::fs::write(&path, contents)
            .map_err(|e| format!("cannot write {}: {e}", path.display()))?;
        written += 1;
    }
    let s = &generated.summary;
    println!(
        "generated {} in {:.1} ms: {} types ({} structs, {} enums, {} newtypes, {} unions, {} aliases), {} operations, {} examples, {} warnings; {} file(s) changed",
        out_dir.display(),
        elapsed.as_secs_f64() * 1000.0,
        s.types(),
        s.structs,
        s.enums,
        s.newtypes,
        s.unions,
        s.aliases,
        s.operations,
        s.examples,
        s.warnings,
        written
    );
    Ok(ExitCode::SUCCESS)
}

/// A Cargo package name from a file stem: `petstore-expanded`, `api_github_com` → `api-github-com`.
fn package_name(stem: &str) -> String {
    let name: String = stem
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '-'
            }
        })
        .collect();
    let name = name.trim_matches('-').to_string();
    if name.is_empty() || name.starts_with(|c: char| c.is_ascii_digit()) {
        format!("api-{name}")
    } else {
        name
    }
}

/// Files whose checked-in contents differ from the generated ones, with a one-line summary.
fn stale_files(generated: &GeneratedCrate, out_dir: &Path) -> Vec<(String, String)> {
    let mut stale = Vec::new();
    for (rel, want) in &generated.files {
        let have = std::fs::read_to_string(out_dir.join(rel)).map(|s| s.replace("\r\n", "\n"));
        match have {
            Err(_) => stale.push((rel.clone(), "missing".to_string())),
            Ok(have) if have != *want => {
                let (h, w): (Vec<&str>, Vec<&str>) =
                    (have.lines().collect(), want.lines().collect());
                let first = h
                    .iter()
                    .zip(&w)
                    .position(|(a, b)| a != b)
                    .unwrap_or(h.len().min(w.len()));
                let changed =
                    h.iter().zip(&w).filter(|(a, b)| a != b).count() + h.len().abs_diff(w.len());
                stale.push((
                    rel.clone(),
                    format!(
                        "{changed} line(s) differ, first at line {}: expected `{}`",
                        first + 1,
                        w.get(first).unwrap_or(&"<end of file>").trim()
                    ),
                ));
            }
            Ok(_) => {}
        }
    }
    stale
}
