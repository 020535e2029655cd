//! `cargo xtask semver`: cargo-semver-checks on the crates generated before and after each spec-change scenario, against `codegen diff`'s bump for it.
//!
//! For each scenario (an edit of Customers or of a `../shared/corpus` document) both sides are
//! written under `target/semver/`, compared by `codegen::diff` (the verdict under test),
//! generated as crates (default options, the runtime by path so that one build of it serves
//! all), documented as rustdoc JSON the way cargo-semver-checks documents a crate
//! (`RUSTC_BOOTSTRAP=1` and its `RUSTDOCFLAGS`, in one shared target directory without debug
//! info; each base is documented once for all its scenarios), and checked with
//! `cargo semver-checks check-release --baseline-rustdoc OLD --current-rustdoc NEW
//! --release-type patch`, so that every lint, major or minor, counts. The two agree when both
//! or neither call for a major release. The command fails only when cargo-semver-checks proves
//! a scenario breaking that `codegen diff` does not call major; where `codegen diff` calls it
//! major and cargo-semver-checks sees nothing, [`BLIND_SPOTS`] must name why.
//!
//! Not part of `.ci/run`: installing cargo-semver-checks takes 20-40 CPU-minutes (it is kept in
//! `target/tools/` and reused).

#[path = "../../codegen/tests/support/customers_edits.rs"]
mod customers_edits;
#[path = "../../codegen/tests/support/spec_edits.rs"]
mod spec_edits;

use crate::corpus::relative;
use codegen::diff::{Bump, Class, Report};
use codegen::{generate_crate_from, CrateOptions, Runtime};
use customers_edits::CUSTOMERS_EDITS;
use serde_yaml::Value;
use spec_edits::{at, insert, push, remove, rename_schema, split, yaml};
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode, Stdio};
use std::time::{Duration, Instant};

/// The release installed into `target/tools`: it reads rustdoc JSON format 57, which the
/// pinned rustc 1.95 writes (it carries readers for formats 57, 60 and 61).
const TOOL_VERSION: &str = "0.51.0";

/// What cargo-semver-checks itself passes to rustdoc for a crate's JSON (with
/// `RUSTC_BOOTSTRAP=1`, which lets a stable toolchain write it).
const RUSTDOCFLAGS: &str = "-Z unstable-options --document-private-items \
                            --document-hidden-items --output-format=json --cap-lints=allow";

/// Kinds of change that `codegen diff` calls breaking and that cargo-semver-checks cannot
/// see, with why. A scenario where `codegen diff` says major and cargo-semver-checks sees
/// nothing is explained when each of its breaking changes has a kind listed here (the table
/// says UNEXPLAINED otherwise). Seen in the scenarios: `field_retyped`, `success_type_changed`,
/// `constraint_tightened`; the others follow from the same limits.
pub const BLIND_SPOTS: &[(&str, &str)] = &[
    ("field_retyped", FIELD_TYPES),
    ("field_made_required", FIELD_TYPES),
    ("field_made_optional", FIELD_TYPES),
    ("field_nullability_changed", FIELD_TYPES),
    ("parameter_retyped", ARGUMENT_TYPES),
    ("body_retyped", ARGUMENT_TYPES),
    ("success_type_changed", RETURN_TYPES),
    ("success_variant_retyped", RETURN_TYPES),
    ("error_type_changed", RETURN_TYPES),
    ("union_variant_retyped", VARIANT_TYPES),
    (
        "constraint_tightened",
        "`Type::new` rejecting values it accepted is behaviour: the signatures are the same",
    ),
    (
        "field_added",
        "a required field added to a struct it does not consider constructible by literal \
         (`#[non_exhaustive]`): what breaks is the builder's `build()`, whose signature is the same",
    ),
];

const FIELD_TYPES: &str = "it does not compare the types of struct fields (`bool` to `String`, \
                           `T` to `Option<T>`, one generated type to another all pass)";
const ARGUMENT_TYPES: &str = "it does not compare the argument types of methods and setters";
const RETURN_TYPES: &str =
    "it does not compare return types: `send()` resolving to another type passes";
const VARIANT_TYPES: &str = "it does not compare the types in a tuple variant";

/// One spec change: an edit of a base document.
struct Scenario {
    /// The base: `customers` or a corpus document's [`Base::key`].
    base: &'static str,
    name: &'static str,
    edit: fn(&mut Value),
}

/// The corpus document of the corpus scenarios (small: its crate documents in seconds).
const PETSTORE: &str = "oai-petstore-expanded.yaml";

fn scenarios() -> Vec<Scenario> {
    // Customers: the edits `codegen/tests/diff.rs` checks the verdict of.
    let customers = CUSTOMERS_EDITS.iter().map(|e| Scenario {
        base: "customers",
        name: e.name,
        edit: e.edit,
    });
    customers
        .chain([
            // The petstore of the corpus: the same kinds on a document of another shape.
            Scenario {
                base: PETSTORE,
                name: "add an enum value",
                edit: |doc| {
                    // The base has no enum: the edit adds one to both sides (see `Base::prepare`).
                    let path = "components/schemas/NewPet/properties/kind/enum";
                    push(doc, &split(path), "bird".into());
                },
            },
            Scenario {
                base: PETSTORE,
                name: "add an optional property",
                edit: |doc| {
                    let props = &["components", "schemas", "NewPet", "properties"];
                    insert(doc, props, "birthday", yaml("{type: string, format: date}"));
                },
            },
            Scenario {
                base: PETSTORE,
                name: "add a required property",
                edit: |doc| {
                    let props = &["components", "schemas", "Error", "properties"];
                    insert(doc, props, "trace", yaml("{type: string}"));
                    push(
                        doc,
                        &["components", "schemas", "Error", "required"],
                        "trace".into(),
                    );
                },
            },
            Scenario {
                base: PETSTORE,
                name: "remove a property",
                edit: |doc| {
                    remove(
                        doc,
                        &["components", "schemas", "NewPet", "properties"],
                        "tag",
                    )
                },
            },
            Scenario {
                base: PETSTORE,
                name: "retype a property",
                edit: |doc| {
                    *at(doc, &split("components/schemas/Error/properties/code")) =
                        yaml("{type: string}");
                },
            },
            Scenario {
                base: PETSTORE,
                name: "add an operation",
                edit: |doc| {
                    let op =
                        "get: {operationId: countPets, responses: {'200': {description: Count, \
                          content: {application/json: {schema: {type: integer}}}}}}";
                    insert(doc, &["paths"], "/pets/count", yaml(op));
                },
            },
            Scenario {
                base: PETSTORE,
                name: "remove an operation",
                edit: |doc| remove(doc, &["paths", "/pets/{id}"], "delete"),
            },
            Scenario {
                base: PETSTORE,
                name: "add an optional parameter",
                edit: |doc| {
                    let param = yaml("{name: offset, in: query, schema: {type: integer}}");
                    push(doc, &["paths", "/pets", "get", "parameters"], param);
                },
            },
            Scenario {
                base: PETSTORE,
                name: "add a required parameter",
                edit: |doc| {
                    let param =
                        yaml("{name: owner, in: query, required: true, schema: {type: string}}");
                    push(doc, &["paths", "/pets", "get", "parameters"], param);
                },
            },
            Scenario {
                base: PETSTORE,
                name: "add an error status of the same type",
                edit: |doc| {
                    let gone = "{description: Gone, content: {application/json: {schema: \
                            {$ref: '#/components/schemas/Error'}}}}";
                    insert(
                        doc,
                        &["paths", "/pets/{id}", "get", "responses"],
                        "410",
                        yaml(gone),
                    );
                },
            },
            Scenario {
                base: PETSTORE,
                name: "tighten a constraint (maxLength)",
                edit: |doc| {
                    let name = "components/schemas/NewPet/properties/name";
                    insert(doc, &split(name), "maxLength", 64.into());
                },
            },
            Scenario {
                base: PETSTORE,
                name: "rename a type",
                edit: |doc| rename_schema(doc, "Error", "Problem"),
            },
            Scenario {
                base: PETSTORE,
                name: "docs only",
                edit: |doc| {
                    *at(doc, &["paths", "/pets", "post", "description"]) = "Adds a pet.".into();
                },
            },
        ])
        .collect()
}

/// A base document, written and documented once for all its scenarios.
struct Base {
    key: &'static str,
    crate_name: &'static str,
    doc: Value,
    /// `target/semver/<key>/`.
    dir: PathBuf,
    /// Its rustdoc JSON.
    json: PathBuf,
}

/// Where everything goes, and the tool.
struct Context {
    root: PathBuf,
    /// `target/semver/`.
    work: PathBuf,
    /// The target directory all generated crates share.
    target: PathBuf,
    tool: PathBuf,
}

/// A scenario's outcome.
struct Row {
    base: &'static str,
    name: &'static str,
    bump: Bump,
    /// The breaking kinds of the report.
    breaking: Vec<&'static str>,
    checks: Checks,
    time: Duration,
}

/// What cargo-semver-checks said.
struct Checks {
    /// `major`, `minor` or `none`.
    required: &'static str,
    /// The lints that failed (`id`), with `(warn)` for warning-level ones.
    lints: Vec<String>,
}

pub fn semver_cmd(root: &Path, args: &[String]) -> ExitCode {
    let mut only = None;
    let mut it = args.iter();
    while let Some(arg) = it.next() {
        match arg.as_str() {
            "--only" => only = it.next().cloned(),
            other => {
                eprintln!("unknown argument `{other}`\nusage: cargo xtask semver [--only TEXT]");
                return ExitCode::FAILURE;
            }
        }
    }
    match run(root, only.as_deref()) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}

fn run(root: &Path, only: Option<&str>) -> Result<ExitCode, String> {
    let started = Instant::now();
    let target_root = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| root.join("target"));
    let tool = install_tool(&target_root.join("tools"))?;
    let work = target_root.join("semver");
    let cx = Context {
        root: root.to_path_buf(),
        target: work.join("target"),
        work,
        tool,
    };
    let corpus = root.join("../shared/corpus");
    let mut bases = vec![("customers", "customers", root.join("spec/customers.yaml"))];
    if corpus.is_dir() {
        bases.push((PETSTORE, "petstore-expanded", corpus.join(PETSTORE)));
    } else {
        eprintln!(
            "note: no {}: the corpus scenarios are left out",
            corpus.display()
        );
    }
    let list: Vec<Scenario> = scenarios()
        .into_iter()
        .filter(|s| only.is_none_or(|o| format!("{}: {}", s.base, s.name).contains(o)))
        .collect();
    let mut rows = Vec::new();
    let mut errors = Vec::new();
    for (key, crate_name, path) in bases {
        let mine: Vec<&Scenario> = list.iter().filter(|s| s.base == key).collect();
        if mine.is_empty() {
            continue;
        }
        let base_started = Instant::now();
        let base = prepare_base(&cx, key, crate_name, &path)?;
        eprintln!(
            "{key}: base generated and documented in {:.1} s",
            base_started.elapsed().as_secs_f64()
        );
        for s in mine {
            match run_scenario(&cx, &base, s) {
                Ok(row) => {
                    eprintln!(
                        "{}: {}: codegen diff {}, cargo-semver-checks {} ({:.1} s)",
                        row.base,
                        row.name,
                        row.bump.as_str(),
                        row.checks.required,
                        row.time.as_secs_f64()
                    );
                    rows.push(row);
                }
                Err(e) => errors.push(format!("{key}: {}: {e}", s.name)),
            }
        }
    }
    print_table(&rows);
    println!(
        "\n{} scenarios in {:.0} s (with the install, when it ran)",
        rows.len(),
        started.elapsed().as_secs_f64()
    );
    let wrong: Vec<&Row> = rows.iter().filter(|r| codegen_diff_is_wrong(r)).collect();
    for r in &wrong {
        eprintln!(
            "error: {}: {}: cargo-semver-checks proves it breaking ({}), codegen diff says {}",
            r.base,
            r.name,
            r.checks.lints.join(", "),
            r.bump.as_str()
        );
    }
    for e in &errors {
        eprintln!("error: {e}");
    }
    Ok(if wrong.is_empty() && errors.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    })
}

/// cargo-semver-checks proves a break (a major lint) that `codegen diff` does not call major.
fn codegen_diff_is_wrong(r: &Row) -> bool {
    r.checks.required == "major" && r.bump != Bump::Major
}

/// `target/tools/bin/cargo-semver-checks` at [`TOOL_VERSION`], installed when missing (under
/// `nice`, timed: wall and CPU).
fn install_tool(tools: &Path) -> Result<PathBuf, String> {
    let bin = tools.join("bin/cargo-semver-checks");
    let version = |bin: &Path| {
        Command::new(bin)
            .args(["semver-checks", "--version"])
            .output()
            .ok()
            .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_string())
    };
    if version(&bin).is_some_and(|v| v.ends_with(TOOL_VERSION)) {
        return Ok(bin);
    }
    eprintln!(
        "installing cargo-semver-checks {TOOL_VERSION} into {} (20-40 CPU-minutes, once)",
        tools.display()
    );
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let install = [
        cargo.as_str(),
        "install",
        "--locked",
        "--root",
        &tools.display().to_string(),
        "cargo-semver-checks",
        "--version",
        &format!("={TOOL_VERSION}"),
    ]
    .map(String::from);
    let nice = Command::new("nice").arg("--version").output().is_ok();
    let mut command = if nice {
        let mut c = Command::new("nice");
        c.args(["-n", "19"]).args(&install);
        c
    } else {
        let mut c = Command::new(&install[0]);
        c.args(&install[1..]);
        c
    };
    let cpu_before = children_cpu();
    let started = Instant::now();
    let status = command
        .status()
        .map_err(|e| format!("cannot run cargo install: {e}"))?;
    let cpu = match (cpu_before, children_cpu()) {
        (Some(a), Some(b)) => format!(", {:.0} s of CPU", b - a),
        _ => String::new(),
    };
    eprintln!(
        "cargo install took {:.0} s{cpu}",
        started.elapsed().as_secs_f64()
    );
    if !status.success() {
        return Err(format!(
            "cargo install cargo-semver-checks failed: {status}"
        ));
    }
    match version(&bin) {
        Some(v) if v.ends_with(TOOL_VERSION) => Ok(bin),
        other => Err(format!(
            "{} is not {TOOL_VERSION}: {other:?}",
            bin.display()
        )),
    }
}

/// CPU seconds (user and system) of the children this process has waited for, where
/// `/proc` tells it (at 100 ticks a second, Linux's `USER_HZ`).
fn children_cpu() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    // The fields after the command name, which is in parentheses: cutime and cstime are the
    // 16th and 17th of the line, the 14th and 15th after it.
    let rest = &stat[stat.rfind(')')? + 2..];
    let fields: Vec<&str> = rest.split(' ').collect();
    let ticks = |i: usize| fields.get(i)?.parse::<f64>().ok();
    Some((ticks(13)? + ticks(14)?) / 100.0)
}

/// Reads the base, writes it as `spec.yaml` (re-serialized, as its scenarios' specs are),
/// generates and documents its crate.
fn prepare_base(
    cx: &Context,
    key: &'static str,
    crate_name: &'static str,
    path: &Path,
) -> Result<Base, String> {
    let doc = base_doc(key, path)?;
    let dir = cx.work.join(codegen::suggest_crate_name(key));
    let json = document(cx, &dir, crate_name, &doc)?;
    Ok(Base {
        key,
        crate_name,
        doc,
        dir,
        json,
    })
}

/// The document the scenarios of `key` edit.
fn base_doc(key: &str, path: &Path) -> Result<Value, String> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    let mut doc: Value =
        serde_yaml::from_str(&text).map_err(|e| format!("{}: {e}", path.display()))?;
    if key == PETSTORE {
        // One enum for the enum scenario to grow (the document has none).
        let props = &["components", "schemas", "NewPet", "properties"];
        insert(
            &mut doc,
            props,
            "kind",
            yaml("{type: string, enum: [cat, dog]}"),
        );
    }
    Ok(doc)
}

/// Applies a scenario's edit to a copy of its base.
fn edited(base: &Value, s: &Scenario) -> Result<Value, String> {
    let mut doc = base.clone();
    let edit = s.edit;
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| edit(&mut doc)))
        .map_err(|_| "the edit does not apply to the document (a bug of the scenario)")?;
    Ok(doc)
}

fn run_scenario(cx: &Context, base: &Base, s: &Scenario) -> Result<Row, String> {
    let started = Instant::now();
    let doc = edited(&base.doc, s)?;
    let dir = base.dir.join(codegen::suggest_crate_name(s.name));
    let json = document(cx, &dir, base.crate_name, &doc)?;
    let report = codegen::diff::compare_files(
        &base.dir.join("spec.yaml"),
        &dir.join("spec.yaml"),
        &codegen::Options::default(),
    )
    .map_err(|e| e.to_string())?;
    let checks = semver_checks(cx, &base.json, &json)?;
    std::fs::write(dir.join("codegen-diff.txt"), report.to_text())
        .map_err(|e| format!("cannot write the report: {e}"))?;
    Ok(Row {
        base: base.key,
        name: s.name,
        bump: report.bump(),
        breaking: breaking_kinds(&report),
        checks,
        time: started.elapsed(),
    })
}

fn breaking_kinds(report: &Report) -> Vec<&'static str> {
    let mut kinds: Vec<&'static str> = report
        .changes
        .iter()
        .filter(|c| c.class == Class::Breaking)
        .map(|c| c.kind)
        .collect();
    kinds.sort();
    kinds.dedup();
    kinds
}

/// Writes `doc` as `dir/spec.yaml`, generates its crate into `dir/crate/` and its rustdoc JSON
/// into `dir/rustdoc.json` (kept while the crate is unchanged).
fn document(cx: &Context, dir: &Path, crate_name: &str, doc: &Value) -> Result<PathBuf, String> {
    let spec = dir.join("spec.yaml");
    let text = serde_yaml::to_string(doc).map_err(|e| e.to_string())?;
    std::fs::create_dir_all(dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    std::fs::write(&spec, text).map_err(|e| format!("cannot write {}: {e}", spec.display()))?;
    let out = dir.join("crate");
    let runtime = relative(&out, &cx.root.join("codegen/runtime"));
    let options = CrateOptions {
        crate_name: crate_name.to_string(),
        spec_name: "spec.yaml".into(),
        runtime: Runtime::path(&runtime)?,
        standalone: true,
    };
    let shown = |diags: Vec<codegen::diag::Diagnostic>| {
        let lines: Vec<String> = diags
            .iter()
            .map(|d| d.display_in("spec.yaml").to_string())
            .collect();
        format!(
            "{} does not generate:\n{}",
            spec.display(),
            lines.join("\n")
        )
    };
    let generated = codegen::load::load_file(&spec, &codegen::load::Disk)
        .and_then(|doc| generate_crate_from(doc, &options, &codegen::Options::default()))
        .map_err(shown)?;
    std::fs::create_dir_all(&out).map_err(|e| format!("cannot create {}: {e}", out.display()))?;
    let lock = out.join("Cargo.lock");
    if !lock.exists() {
        // The workspace's versions: no resolution, and one build of each dependency.
        std::fs::copy(cx.root.join("Cargo.lock"), &lock)
            .map_err(|e| format!("cannot copy Cargo.lock: {e}"))?;
    }
    let changed = codegen_cli::write_changed(&generated.files, &out)?;
    let kept = dir.join("rustdoc.json");
    if changed == 0 && kept.exists() {
        return Ok(kept);
    }
    let lib = codegen::CrateName::new(crate_name).map_err(|why| format!("`{crate_name}` {why}"))?;
    let written = cx.target.join("doc").join(format!("{}.json", lib.lib()));
    // Crates of one base share a name, so a JSON left by another must not pass for this one's.
    let _ = std::fs::remove_file(&written);
    rustdoc(cx, &out)?;
    if !written.exists() {
        // Cargo took the crate for documented already: its sources are as they were.
        let lib = out.join("src/lib.rs");
        std::fs::File::options()
            .append(true)
            .open(&lib)
            .and_then(|f| f.set_modified(std::time::SystemTime::now()))
            .map_err(|e| format!("cannot touch {}: {e}", lib.display()))?;
        rustdoc(cx, &out)?;
    }
    std::fs::copy(&written, &kept)
        .map_err(|e| format!("no rustdoc JSON at {}: {e}", written.display()))?;
    Ok(kept)
}

/// `cargo doc --no-deps --lib` of the crate at `dir`, as cargo-semver-checks runs it.
fn rustdoc(cx: &Context, dir: &Path) -> Result<(), String> {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let output = Command::new(cargo)
        .args(["doc", "--no-deps", "--lib", "--manifest-path"])
        .arg(dir.join("Cargo.toml"))
        .env("CARGO_TARGET_DIR", &cx.target)
        .env("CARGO_PROFILE_DEV_DEBUG", "false")
        .env("RUSTC_BOOTSTRAP", "1")
        .env("RUSTDOCFLAGS", RUSTDOCFLAGS)
        .env("RUSTFLAGS", "--cap-lints=allow")
        .stdout(Stdio::null())
        .output()
        .map_err(|e| format!("cannot run cargo doc: {e}"))?;
    if output.status.success() {
        Ok(())
    } else {
        Err(format!(
            "cargo doc failed in {}:\n{}",
            dir.display(),
            String::from_utf8_lossy(&output.stderr)
        ))
    }
}

/// `cargo semver-checks check-release` on two rustdoc JSON files, every lint level counted.
fn semver_checks(cx: &Context, old: &Path, new: &Path) -> Result<Checks, String> {
    let output = Command::new(&cx.tool)
        .args(["semver-checks", "check-release", "--baseline-rustdoc"])
        .arg(old)
        .arg("--current-rustdoc")
        .arg(new)
        .args(["--release-type", "patch"])
        .output()
        .map_err(|e| format!("cannot run {}: {e}", cx.tool.display()))?;
    let text = format!(
        "{}\n{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    let _ = std::fs::write(new.with_file_name("semver-checks.txt"), &text);
    parse_checks(&text).ok_or_else(|| format!("cargo-semver-checks gave no verdict:\n{text}"))
}

/// The verdict and the lints in cargo-semver-checks' output (stdout and stderr).
fn parse_checks(text: &str) -> Option<Checks> {
    let required = if text.contains("semver requires new major version") {
        "major"
    } else if text.contains("semver requires new minor version") {
        "minor"
    } else if text.contains("no semver update required") {
        "none"
    } else {
        return None;
    };
    let lints = text
        .lines()
        .filter_map(|l| {
            let (level, rest) = l
                .strip_prefix("--- failure ")
                .map(|r| ("", r))
                .or_else(|| l.strip_prefix("--- warning ").map(|r| (" (warn)", r)))?;
            Some(format!("{}{level}", rest.split(':').next()?))
        })
        .collect();
    Some(Checks { required, lints })
}

/// Why the two disagree, or `None` when they agree.
fn disagreement(r: &Row) -> Option<String> {
    if codegen_diff_is_wrong(r) {
        return Some("codegen diff misses a break that cargo-semver-checks proves".into());
    }
    if r.bump != Bump::Major || r.checks.required == "major" {
        return None;
    }
    let reasons: Vec<String> = r
        .breaking
        .iter()
        .map(|kind| match BLIND_SPOTS.iter().find(|(k, _)| k == kind) {
            Some((_, why)) => format!("{kind}: {why}"),
            None => format!("{kind}: UNEXPLAINED (not in BLIND_SPOTS)"),
        })
        .collect();
    Some(format!("blind spot: {}", reasons.join("; ")))
}

fn print_table(rows: &[Row]) {
    println!("| scenario | codegen diff | cargo-semver-checks | agree? | s | why not |");
    println!("| --- | --- | --- | --- | ---: | --- |");
    for r in rows {
        let lints = if r.checks.lints.is_empty() {
            String::new()
        } else {
            format!(" ({})", r.checks.lints.join(", "))
        };
        let why = disagreement(r);
        println!(
            "| {}: {} | {} | {}{lints} | {} | {:.1} | {} |",
            r.base,
            r.name,
            r.bump.as_str(),
            r.checks.required,
            if why.is_none() { "yes" } else { "no" },
            r.time.as_secs_f64(),
            why.unwrap_or_default()
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn root() -> PathBuf {
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .parent()
            .unwrap()
            .to_path_buf()
    }

    /// Each edit applies to its base and changes it; names are unique; Customers alone has at
    /// least 12. (The corpus scenarios are checked when `../shared/corpus` is there.)
    #[test]
    fn every_scenario_edits_its_base() {
        let list = scenarios();
        let customers = base_doc("customers", &root().join("spec/customers.yaml")).unwrap();
        let corpus = root().join("../shared/corpus").join(PETSTORE);
        let petstore = corpus
            .exists()
            .then(|| base_doc(PETSTORE, &corpus).unwrap());
        let mut names = std::collections::BTreeSet::new();
        for s in &list {
            assert!(
                names.insert((s.base, s.name)),
                "{}: {} twice",
                s.base,
                s.name
            );
            let base = match s.base {
                "customers" => &customers,
                PETSTORE => match &petstore {
                    Some(doc) => doc,
                    None => continue,
                },
                other => panic!("no base {other}"),
            };
            let new = edited(base, s).unwrap_or_else(|e| panic!("{}: {}: {e}", s.base, s.name));
            assert_ne!(&new, base, "{}: {} changes nothing", s.base, s.name);
        }
        assert!(list.iter().filter(|s| s.base == "customers").count() >= 12);
    }

    #[test]
    fn the_verdict_and_lints_are_read_from_the_output() {
        let text = "\
     Parsing customers v0.1.0 (current)
--- failure enum_variant_added: enum variant added on exhaustive enum ---

Description:
--- warning function_marked_deprecated: function #[deprecated] added ---
     Summary semver requires new major version: 1 major and 0 minor checks failed";
        let checks = parse_checks(text).unwrap();
        assert_eq!(checks.required, "major");
        assert_eq!(
            checks.lints,
            ["enum_variant_added", "function_marked_deprecated (warn)"]
        );
        let text =
            "     Summary semver requires new minor version: 0 major and 1 minor checks failed";
        assert_eq!(parse_checks(text).unwrap().required, "minor");
        assert_eq!(
            parse_checks("     Summary no semver update required")
                .unwrap()
                .required,
            "none"
        );
        assert!(parse_checks("error: failed to parse rustdoc JSON").is_none());
    }

    fn row(bump: Bump, required: &'static str, breaking: &[&'static str]) -> Row {
        Row {
            base: "customers",
            name: "x",
            bump,
            breaking: breaking.to_vec(),
            checks: Checks {
                required,
                lints: Vec::new(),
            },
            time: Duration::ZERO,
        }
    }

    #[test]
    fn only_a_proven_break_that_codegen_diff_calls_minor_fails() {
        assert!(codegen_diff_is_wrong(&row(Bump::Minor, "major", &[])));
        assert!(codegen_diff_is_wrong(&row(Bump::Patch, "major", &[])));
        assert!(!codegen_diff_is_wrong(&row(Bump::Major, "major", &[])));
        assert!(!codegen_diff_is_wrong(&row(
            Bump::Major,
            "none",
            &["field_retyped"]
        )));
        assert!(!codegen_diff_is_wrong(&row(Bump::Minor, "minor", &[])));
        assert_eq!(
            disagreement(&row(Bump::Major, "major", &["field_added"])),
            None
        );
        assert_eq!(disagreement(&row(Bump::Minor, "none", &[])), None);
        let why = disagreement(&row(Bump::Major, "none", &["field_retyped", "new_kind"])).unwrap();
        assert!(why.contains("field_retyped: it does not compare"), "{why}");
        assert!(why.contains("new_kind: UNEXPLAINED"), "{why}");
    }
}
