//! The generator's command line: arguments into an [`Invocation`], which writes (or checks) a
//! crate or a single module. `cargo xtask codegen` is this with the Customers spec's settings.

use codegen::{
    diag::Severity, generate_crate_from, CrateOptions, GeneratedCrate, Generator, Runtime,
};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

pub mod diff;

/// `codegen --help`.
pub const HELP: &str = "\
codegen: generate a typed async Rust client from an OpenAPI 3.0 or 3.1 document

USAGE:
    codegen --spec PATH --out DIR [OPTIONS]      write a Cargo crate
    codegen --spec PATH --module FILE [OPTIONS]  write one Rust module
    codegen diff OLD NEW [--format text|json]    what changes for users of the generated crate
                                                 (`codegen diff --help`)

OUTPUT (one of):
    --out DIR          A crate in DIR: Cargo.toml, src/lib.rs, src/types.rs (models, enums,
                       validated newtypes, body builders), src/client.rs (Client, one method
                       per operation), tests/examples.rs (the spec's examples round-tripped).
                       Files whose contents are unchanged are not rewritten.
    --module FILE      The models and client as the items of one module, to `include!` from
                       your crate (what a build script gets from `codegen::Generator`).

OPTIONS:
    --spec PATH        The OpenAPI 3.0.x or 3.1.x document, YAML or JSON; relative `$ref`s to
                       other files are followed from its directory. Required.
    --name NAME        Package name of the crate (default: the spec's file name, e.g.
                       `customers.yaml` gives `customers`).
    --runtime HOW      How the generated code reaches the runtime every client shares:
                       `embedded` (default): its source in src/runtime/ (a module `runtime`
                         with --module), so the crate needs registry crates only;
                       `path:DIR`: the `codegen-runtime` crate in DIR, relative to the
                         --out directory (one runtime shared by a workspace's crates);
                       `version:REQ`: `codegen-runtime` from a registry at REQ.
                       With --module, `path:` and `version:` both mean the module uses the
                       crate `codegen_runtime`, which your Cargo.toml names.
    --in-workspace     Leave out the empty `[workspace]` table, for a crate that is a member
                       of an existing workspace.
    --check            Write nothing; exit with status 1 when the files on disk differ from
                       what would be generated, naming each stale file and its first change.
    --derive PATH      An extra derive on every generated struct and enum (repeatable), e.g.
                       `--derive Eq --derive Hash`. Each must hold for every field type.
    --type KEY=PATH    Use your Rust type instead of generating one (repeatable). KEY is a
                       component schema name (`--type CustomerId=my_crate::CustomerId`) or a
                       string format (`--type format:date-time=time::OffsetDateTime`). The
                       type must implement serde's traits (and `codegen_runtime::QueryValue`
                       where used as a parameter).
    --features-by-tag  One cargo feature per tag (the first tag of each operation; `untagged`
                       for none): its operations, and the types only they use, compile only
                       with it; a type several tags use, with any of them; `default`
                       enables all.
    --method-names HOW Where method names come from (request builders and success enums
                       follow): `operation-id` (default): the operationId, snake case;
                       `summary`: the summary (`Get customer` gives `get_customer`);
                       `path`: the HTTP method and path (`GET /customers` gives
                         `list_customers`, `GET /customers/{id}` `get_customer`).
                       A derived name that two operations would share is not numbered:
                       both keep their operationId's name, with a warning. Each method
                       whose name is not its operationId has it as a `#[doc(alias)]`.
    --cursor OP=FIELD  For the list operation with operationId OP (with `limit` and
                       `starting_after` query parameters), the item field whose value is the
                       next page's cursor. Default: `<path segment>_id`, else `id`.
    -q, --quiet        Print errors only.
    -h, --help         Print this help.

Diagnostics name the file, the JSON pointer into the document, and the line and column where
the parser knows them; all of a run's errors are printed, not only the first.

EXIT STATUS:
    0  generated (or up to date with --check)
    1  the spec has errors, a file could not be written, or --check found stale files
    2  bad command line";

/// What to write.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Output {
    /// A whole crate in this directory.
    Crate(PathBuf),
    /// One module in this file.
    Module(PathBuf),
}

/// One run of the generator, as the command line describes it.
#[derive(Debug, Clone)]
pub struct Invocation {
    pub spec: PathBuf,
    pub output: Output,
    /// How the spec is named in the `@generated` header (never an absolute path).
    pub spec_name: String,
    pub crate_name: String,
    pub runtime: Runtime,
    pub in_workspace: bool,
    pub check: bool,
    pub quiet: bool,
    pub options: codegen::Options,
}

impl Invocation {
    /// Parses command-line arguments; `Ok(None)` for `--help`.
    pub fn parse(args: &[String]) -> Result<Option<Invocation>, String> {
        let mut spec = None;
        let mut output = None;
        let mut name = None;
        let mut runtime = None;
        let mut in_workspace = false;
        let mut check = false;
        let mut quiet = false;
        let mut options = codegen::Options::default();
        let mut it = args.iter();
        while let Some(arg) = it.next() {
            let mut value = || it.next().cloned().ok_or(format!("`{arg}` needs a value"));
            let pair = |v: String| match v.split_once('=') {
                Some((k, v)) if !k.is_empty() && !v.is_empty() => {
                    Ok((k.to_string(), v.to_string()))
                }
                _ => Err(format!("`{arg}` takes KEY=VALUE, got `{v}`")),
            };
            match arg.as_str() {
                "--spec" => spec = Some(PathBuf::from(value()?)),
                "--out" => output = Some(Output::Crate(value()?.into())),
                "--module" => output = Some(Output::Module(value()?.into())),
                "--name" => name = Some(value()?),
                "--runtime" => runtime = Some(value()?.parse::<Runtime>()?),
                "--in-workspace" => in_workspace = true,
                "--check" => check = true,
                "-q" | "--quiet" => quiet = true,
                "--derive" => options.extra_derives.push(value()?),
                "--method-names" => options.method_names = value()?.parse()?,
                "--features-by-tag" => options.features_by_tag = true,
                "--type" => {
                    let (k, v) = pair(value()?)?;
                    options.type_overrides.insert(k, v);
                }
                "--cursor" => {
                    let (k, v) = pair(value()?)?;
                    options.pagination_cursors.insert(k, v);
                }
                "-h" | "--help" => return Ok(None),
                other => return Err(format!("unknown argument `{other}`")),
            }
        }
        let spec = spec.ok_or("`--spec PATH` is required")?;
        let output = output.ok_or("one of `--out DIR` or `--module FILE` is required")?;
        let file_name = spec
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| "spec".into());
        let stem = spec
            .file_stem()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        Ok(Some(Invocation {
            spec,
            output,
            spec_name: file_name,
            crate_name: name.unwrap_or_else(|| package_name(&stem)),
            runtime: runtime.unwrap_or(Runtime::Embedded),
            in_workspace,
            check,
            quiet,
            options,
        }))
    }

    /// How the crate is packaged (for `--out`).
    pub fn crate_options(&self) -> CrateOptions {
        CrateOptions {
            crate_name: self.crate_name.clone(),
            spec_name: self.spec_name.clone(),
            runtime: self.runtime.clone(),
            standalone: !self.in_workspace,
        }
    }

    /// Generates, then writes or checks; prints diagnostics and a summary.
    pub fn run(&self) -> ExitCode {
        match self.try_run() {
            Ok(code) => code,
            Err(e) => {
                eprintln!("error: {e}");
                ExitCode::FAILURE
            }
        }
    }

    fn try_run(&self) -> Result<ExitCode, String> {
        let shown = self.spec.display().to_string();
        let started = Instant::now();
        let (files, summary, warnings) = match &self.output {
            Output::Crate(_) => {
                let doc = codegen::load::load_file(&self.spec, &codegen::load::Disk)
                    .map_err(|diags| report(&diags, &shown))?;
                let generated = generate_crate_from(doc, &self.crate_options(), &self.options)
                    .map_err(|diags| report(&diags, &shown))?;
                let summary = summary_line(&generated);
                (generated.files, summary, generated.warnings)
            }
            Output::Module(file) => {
                let generator = Generator::new(&self.spec)
                    .options(self.options.clone())
                    .runtime(self.runtime.clone());
                let module = generator
                    .module()
                    .map_err(|e| report(&e.diagnostics, &shown))?;
                let source = module
                    .to_source()
                    .map_err(|e| report(&e.diagnostics, &shown))?;
                let name = file.file_name().map(|n| n.to_string_lossy().into_owned());
                (
                    vec![(name.unwrap_or_default(), source)],
                    String::new(),
                    module.warnings,
                )
            }
        };
        let elapsed = started.elapsed();
        // `--quiet` prints errors only.
        for w in warnings.iter().filter(|_| !self.quiet) {
            eprintln!("{}", w.display_in(&shown));
        }
        let dir = match &self.output {
            Output::Crate(dir) => dir.clone(),
            Output::Module(file) => file.parent().map(Path::to_path_buf).unwrap_or_default(),
        };
        if self.check {
            let stale = stale_files(&files, &dir);
            if stale.is_empty() {
                if !self.quiet {
                    println!("{} is up to date", dir.display());
                }
                return Ok(ExitCode::SUCCESS);
            }
            eprintln!("{} is stale; regenerate it:", dir.display());
            for (file, what) in stale {
                eprintln!("  {file}: {what}");
            }
            return Ok(ExitCode::FAILURE);
        }
        let written = write_changed(&files, &dir)?;
        if !self.quiet {
            println!(
                "generated {} in {:.1} ms{summary}; {written} file(s) changed",
                dir.display(),
                elapsed.as_secs_f64() * 1000.0,
            );
        }
        Ok(ExitCode::SUCCESS)
    }
}

/// Prints every diagnostic; the error line counts the errors.
fn report(diags: &[codegen::diag::Diagnostic], spec: &str) -> String {
    for d in diags {
        eprintln!("{}", d.display_in(spec));
    }
    let errors = diags
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .count();
    format!("{errors} error(s) in {spec}")
}

fn summary_line(generated: &GeneratedCrate) -> String {
    let s = &generated.summary;
    format!(
        ": {} types ({} structs, {} enums, {} newtypes, {} unions, {} aliases), {} operations, {} examples, {} warnings",
        s.types(),
        s.structs,
        s.enums,
        s.newtypes,
        s.unions,
        s.aliases,
        s.operations,
        s.examples,
        s.warnings,
    )
}

/// Writes the files whose contents differ (so unchanged crates are not rebuilt); returns how
/// many.
pub fn write_changed(files: &[(String, String)], dir: &Path) -> Result<usize, String> {
    let mut written = 0;
    for (rel, contents) in files {
        let path = dir.join(rel);
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
    Ok(written)
}

/// A Cargo package name from a file stem: `petstore-expanded`, `api_github_com` → `api-github-com`.
pub fn package_name(stem: &str) -> String {
    codegen::suggest_crate_name(stem)
}

/// Files whose contents on disk differ from the generated ones, with a one-line summary.
fn stale_files(files: &[(String, String)], dir: &Path) -> Vec<(String, String)> {
    let mut stale = Vec::new();
    for (rel, want) in files {
        let have = std::fs::read_to_string(dir.join(rel)).map(|s| s.replace("\r\n", "\n"));
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

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(extra: &[&str]) -> Result<Option<Invocation>, String> {
        let args: Vec<String> = ["--spec", "api.yaml", "--out", "api"]
            .iter()
            .chain(extra)
            .map(|a| a.to_string())
            .collect();
        Invocation::parse(&args)
    }

    #[test]
    fn features_by_tag_is_a_flag() {
        let on = |extra: &[&str]| parse(extra).unwrap().unwrap().options.features_by_tag;
        assert!(!on(&[]));
        assert!(on(&["--features-by-tag"]));
    }

    #[test]
    fn method_names_are_an_option() {
        let names = |extra: &[&str]| parse(extra).unwrap().unwrap().options.method_names;
        assert_eq!(names(&[]), codegen::MethodNames::OperationId);
        assert_eq!(
            names(&["--method-names", "path"]),
            codegen::MethodNames::Path
        );
        assert_eq!(
            names(&["--method-names", "summary"]),
            codegen::MethodNames::Summary
        );
        assert_eq!(
            parse(&["--method-names", "rest"]).unwrap_err(),
            "unknown method naming `rest`: use `operation-id`, `summary` or `path`"
        );
    }
}
