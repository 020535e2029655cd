//! `cargo xtask`: the project's own commands (regenerate the checked-in client, check it).

use codegen_cli::{Invocation, Output};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

mod bench;
mod corpus;
mod features;
mod semver;
mod spec_changes;
mod standalone;
mod test;

const USAGE: &str = "\
usage: cargo xtask codegen [--check] [--spec PATH (--out DIR | --module FILE) ...]
       cargo xtask test [CARGO TEST ARGS]
       cargo xtask corpus DIR [--no-build] [--skip NAME] [--allow-failure NAME] [--markdown] ...

  codegen                      regenerate generated-client/ from spec/customers.yaml; when the
                               spec changed since, print what changed for users of the crate
                               and the suggested semver bump, and add it to
                               generated-client/CHANGELOG.md
  codegen --check              exit non-zero if generated-client/ is stale (writes nothing)
  codegen --spec PATH (--out DIR | --module FILE) [OPTIONS]
                               the `codegen` CLI on any OpenAPI 3.0 document
                               (`cargo xtask codegen --spec x --help` lists its options)
  test [CARGO TEST ARGS]       cargo test --workspace, with the pinned Prism mock server
                               (installed by npm ci --prefix tools/prism if missing)
  corpus DIR                   generate and build a crate per document of DIR, tables of results
                               and fidelity; fails when a document is rejected or does not build;
                               --no-build, --skip NAME, --allow-failure NAME, --max-bytes N,
                               --build-timeout SECS, --deny-warnings, --markdown
       cargo xtask standalone [--keep]
                               crates made by a copied `codegen` binary outside the checkout
                               (Customers, ../shared/corpus petstore) pass `cargo package`, with
                               no absolute path or path dependency; an embedded module passes clippy
       cargo xtask bench [--only SECTIONS] [--peers] [--callgrind] [--runs N]
                               benchmarks in a release build, markdown tables (BENCHMARKS.md)
       cargo xtask semver [--only TEXT]
                               cargo-semver-checks (installed into target/tools) on the crates of
                               spec-change scenarios, against codegen diff's bump for each
       cargo xtask features    per-tag cargo features (--features-by-tag) on a fixture: one tag's
                               build compiles its operations and not another tag's";

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
        Some("standalone") => standalone::standalone_cmd(&workspace_root(), &args[1..]),
        Some("bench") => bench::bench_cmd(&workspace_root(), &args[1..]),
        Some("semver") => semver::semver_cmd(&workspace_root(), &args[1..]),
        Some("features") => features::features_cmd(&workspace_root(), &args[1..]),
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

/// `cargo xtask codegen [--check]`: the checked-in client, with its fixed settings. Given
/// `--spec`, every argument goes to the `codegen` CLI as is (`--spec PATH --out DIR`, ...).
fn codegen_cmd(args: &[String]) -> Result<ExitCode, String> {
    if args.iter().any(|a| a == "--spec") {
        return match Invocation::parse(args)? {
            Some(invocation) => Ok(invocation.run()),
            None => {
                println!("{}", codegen_cli::HELP);
                Ok(ExitCode::SUCCESS)
            }
        };
    }
    let mut check = false;
    for arg in args {
        match arg.as_str() {
            "--check" => check = true,
            "-h" | "--help" => return Err(USAGE.to_string()),
            other => return Err(format!("unknown argument `{other}`\n{USAGE}")),
        }
    }
    let root = workspace_root();
    let paths = spec_changes::Paths::under(&root);
    if check {
        spec_changes::check(&paths)?;
        return Ok(customers(&root, true).run());
    }
    // Compared before regenerating (the copy is the old spec), recorded after it succeeds.
    let pending = spec_changes::pending(&paths);
    let code = customers(&root, false).run();
    if code == ExitCode::SUCCESS {
        spec_changes::record(&paths, pending)?;
    }
    Ok(code)
}

/// The checked-in client's settings: `spec/customers.yaml` into `generated-client/`, a
/// workspace member using the runtime by relative path.
fn customers(root: &Path, check: bool) -> Invocation {
    Invocation {
        spec: root.join("spec/customers.yaml"),
        output: Output::Crate(root.join("generated-client")),
        spec_name: "spec/customers.yaml".into(),
        crate_name: "dintero-customers".into(),
        runtime: codegen::Runtime::path("../codegen/runtime").expect("a relative path"),
        in_workspace: true,
        check,
        quiet: false,
        options: codegen::Options::default(),
    }
}
