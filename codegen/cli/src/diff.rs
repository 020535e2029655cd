//! `codegen diff OLD NEW`: the changes between the crates two descriptions generate, and the semver bump they call for.

use std::path::PathBuf;
use std::process::ExitCode;

/// `codegen diff --help`.
pub const HELP: &str = "\
codegen diff: what changes for users of the generated crate between two versions of a description

USAGE:
    codegen diff OLD NEW [--format text|json] [--method-names HOW]

Both documents are generated with this generator and compared as downstream Rust code sees the
crate: operations (by method name), their arguments, setters, body, success and error types;
types, fields, enum variants, constraints of validated strings; docs. Each change names the
Rust item and the spec pointer, and is `breaking` (code that compiles against the old crate may
not compile or work against the new one), `additive` (the API grows) or `docs` (docs and
internals only).

OPTIONS:
    --format text      A summary grouped by class, with the suggested bump (default).
    --format json      {\"bump\": \"major\"|\"minor\"|\"patch\", \"old\": {..}, \"new\": {..},
                        \"changes\": [{\"kind\", \"item\", \"pointer\", \"class\", \"detail\"}]}
    --method-names HOW Name methods as the crate is generated: `operation-id` (default),
                       `summary` or `path` (see `codegen --help`).
    -h, --help         Print this help.

The bump has semver 1.x meanings (also for a 0.x crate): major when anything breaks, minor
when the API only grows, patch otherwise.

EXIT STATUS:
    0  compared (whatever the bump)
    1  a description has errors (each printed with its JSON pointer)
    2  bad command line";

/// How the report is printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Text,
    Json,
}

/// `codegen diff`'s arguments: the two descriptions, the format and the generator options;
/// `Ok(None)` for `--help`.
pub fn parse(
    args: &[String],
) -> Result<Option<(PathBuf, PathBuf, Format, codegen::Options)>, String> {
    let mut paths = Vec::new();
    let mut format = Format::Text;
    let mut options = codegen::Options::default();
    let mut it = args.iter();
    while let Some(arg) = it.next() {
        match arg.as_str() {
            "-h" | "--help" => return Ok(None),
            "--format" => {
                format = match it.next().map(String::as_str) {
                    Some("text") => Format::Text,
                    Some("json") => Format::Json,
                    other => {
                        return Err(format!(
                            "`--format` takes `text` or `json`, got `{}`",
                            other.unwrap_or("nothing")
                        ))
                    }
                }
            }
            "--method-names" => {
                let how = it.next().ok_or("`--method-names` needs a value")?;
                options.method_names = how.parse()?;
            }
            flag if flag.starts_with('-') => return Err(format!("unknown argument `{flag}`")),
            path => paths.push(PathBuf::from(path)),
        }
    }
    match <[PathBuf; 2]>::try_from(paths) {
        Ok([old, new]) => Ok(Some((old, new, format, options))),
        Err(_) => Err("`codegen diff` takes two descriptions: OLD NEW".into()),
    }
}

/// Runs `codegen diff` with the arguments after `diff`.
pub fn run(args: &[String]) -> ExitCode {
    let (old, new, format, options) = match parse(args) {
        Ok(Some(parsed)) => parsed,
        Ok(None) => {
            println!("{HELP}");
            return ExitCode::SUCCESS;
        }
        Err(e) => {
            eprintln!("error: {e}\n\nRun `codegen diff --help` for the options.");
            return ExitCode::from(2);
        }
    };
    match codegen::diff::compare_files(&old, &new, &options) {
        Ok(report) => {
            match format {
                Format::Text => print!("{}", report.to_text()),
                Format::Json => println!(
                    "{}",
                    serde_json::to_string_pretty(&report.to_json()).unwrap_or_default()
                ),
            }
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("{e}");
            ExitCode::FAILURE
        }
    }
}
