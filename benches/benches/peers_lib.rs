//! progenitor as a library beside ours, in one process, on progenitor's own `nexus.json`.
//!
//! Not criterion: one markdown table of medians. Every timed run starts from the spec's text,
//! so each row includes parsing it. Rows:
//!
//! - the floor: `serde_json` into progenitor's `openapiv3::OpenAPI`, and our `load::parse`
//!   into the same type;
//! - progenitor-impl 0.15.1, positional and builder (merged tags: cargo-progenitor's default
//!   for both), plus builder with separate tags (progenitor's `nexus-builder-tagged` test):
//!   `Generator::new` + `generate_tokens`, then `syn::parse2::<syn::File>` +
//!   `prettyplease::unparse`; and the same without the render (tokens only);
//! - ours: `codegen::generate_crate` (every file of the crate, as `codegen --out DIR` writes
//!   it; emitted and rendered in parts on every core), `Generator::to_source` (one module, in
//!   parts on every core: what a build script gets), `Generator::module` + `Module::to_source`
//!   (the module's tokens rendered whole on one thread), and `Generator::module` alone (tokens
//!   only: what the proc-macro hands to rustc).
//!
//! Both generators run under the system allocator here (the `codegen` binary uses mimalloc).
//!
//! Run: `cargo bench --bench peers_lib` (in `benches/`). Environment:
//! `NEXUS_SPEC` (path to the document; default `../shared/corpus/progenitor-nexus.json` from the
//! repository root), `PEERS_LIB_ITERS` (timed runs per row, default 21; after 2 warm-up runs).

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use proc_macro2::TokenStream;
use progenitor_impl::{GenerationSettings, InterfaceStyle, TagStyle};

const WARMUP: usize = 2;

/// How big a row's output is, measured once outside the timed region.
enum Size {
    /// Rendered source: bytes and lines.
    Text { bytes: usize, lines: usize },
    /// A token stream, not rendered: bytes of its `to_string()`.
    Tokens { bytes: usize },
    /// Nothing generated (the parse-only floor): the number of paths read.
    Paths(usize),
}

impl Size {
    fn text(text: &str) -> Size {
        Size::Text {
            bytes: text.len(),
            lines: text.lines().count(),
        }
    }
}

struct Row {
    what: String,
    result: Result<Stats, String>,
}

struct Stats {
    median: Duration,
    min: Duration,
    size: Size,
}

fn panic_message(payload: &(dyn std::any::Any + Send)) -> String {
    payload
        .downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| payload.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "unknown panic payload".into())
}

/// Runs `f` `WARMUP + iters` times and keeps the timed runs' median and minimum. A panic or an
/// error ends the row with its message. `size` sees the last output, outside the timing.
fn measure<T>(
    what: &str,
    iters: usize,
    mut f: impl FnMut() -> Result<T, String>,
    size: impl Fn(&T) -> Size,
) -> Row {
    let mut times = Vec::with_capacity(iters);
    let mut last = None;
    let mut failed = None;
    for i in 0..WARMUP + iters {
        let started = Instant::now();
        let outcome = catch_unwind(AssertUnwindSafe(&mut f));
        let elapsed = started.elapsed();
        match outcome {
            Ok(Ok(out)) => {
                if i >= WARMUP {
                    times.push(elapsed);
                }
                // Drop the previous output outside the timed region.
                last = Some(out);
            }
            Ok(Err(e)) => {
                failed = Some(format!("error: {e}"));
                break;
            }
            Err(payload) => {
                failed = Some(format!("panics: {}", panic_message(payload.as_ref())));
                break;
            }
        }
    }
    let result = match (failed, last) {
        (Some(message), _) => Err(message),
        (None, None) => Err("no runs".into()),
        (None, Some(out)) => {
            times.sort();
            Ok(Stats {
                median: times[times.len() / 2],
                min: times[0],
                size: size(&out),
            })
        }
    };
    eprintln!("  done: {what}");
    Row {
        what: what.to_string(),
        result,
    }
}

fn parse_openapi(text: &str) -> Result<openapiv3::OpenAPI, String> {
    serde_json::from_str::<openapiv3::OpenAPI>(text).map_err(|e| e.to_string())
}

/// progenitor's tokens for the whole client, from the text.
fn progenitor_tokens(
    text: &str,
    interface: InterfaceStyle,
    tag: TagStyle,
) -> Result<TokenStream, String> {
    let spec = parse_openapi(text)?;
    let mut settings = GenerationSettings::default();
    settings.with_interface(interface).with_tag(tag);
    let mut generator = progenitor_impl::Generator::new(&settings);
    generator.generate_tokens(&spec).map_err(|e| e.to_string())
}

/// progenitor's client rendered as in its build.rs recipe: `syn::parse2` + `prettyplease::unparse`.
fn progenitor_text(text: &str, interface: InterfaceStyle, tag: TagStyle) -> Result<String, String> {
    let tokens = progenitor_tokens(text, interface, tag)?;
    let file = syn::parse2::<syn::File>(tokens).map_err(|e| e.to_string())?;
    Ok(prettyplease::unparse(&file))
}

fn ms(d: Duration) -> String {
    format!("{:.1}", d.as_secs_f64() * 1000.0)
}

fn print_table(rows: &[Row]) {
    println!("| what | median ms | min ms | output lines | output bytes |");
    println!("|---|---:|---:|---:|---:|");
    for row in rows {
        match &row.result {
            Ok(s) => {
                let (lines, bytes) = match s.size {
                    Size::Text { bytes, lines } => (lines.to_string(), bytes.to_string()),
                    Size::Tokens { bytes } => ("(tokens)".into(), format!("{bytes} (token text)")),
                    Size::Paths(n) => ("(none)".into(), format!("({n} paths read)")),
                };
                println!(
                    "| {} | {} | {} | {lines} | {bytes} |",
                    row.what,
                    ms(s.median),
                    ms(s.min)
                );
            }
            Err(message) => println!("| {} | {message} | | | |", row.what),
        }
    }
}

fn main() {
    let loadavg = std::fs::read_to_string("/proc/loadavg").unwrap_or_else(|_| "unknown".into());
    let path = std::env::var_os("NEXUS_SPEC")
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shared/corpus/progenitor-nexus.json")
        });
    let text = match std::fs::read_to_string(&path) {
        Ok(text) => text,
        Err(e) => {
            println!(
                "peers_lib: skipped, cannot read the nexus spec `{}`: {e} \
                 (set NEXUS_SPEC to progenitor's sample_openapi/nexus.json)",
                path.display()
            );
            return;
        }
    };
    let iters = std::env::var("PEERS_LIB_ITERS")
        .ok()
        .and_then(|v| v.parse::<usize>().ok())
        .filter(|&n| n > 0)
        .unwrap_or(21);
    println!("peers_lib: {} ({} bytes)", path.display(), text.len());
    println!("load at start (/proc/loadavg): {}", loadavg.trim());

    // As `codegen --spec <nexus> --out DIR --runtime path:..` would package it: standalone,
    // the runtime by path (the embedded runtime's files are the same for every spec, and
    // would be timed apart); the crate name only shows up in Cargo.toml.
    let spec_name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "nexus.json".into());
    let crate_options = codegen::CrateOptions {
        crate_name: "nexus".into(),
        spec_name: spec_name.clone(),
        runtime: codegen::Runtime::path("../codegen/runtime").expect("a relative path"),
        standalone: true,
    };

    // Silence the default hook while rows run: a panic is reported in the table instead.
    let hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(|_| {}));

    let text = text.as_str();
    let crate_size = |c: &codegen::GeneratedCrate| {
        let all: String = c.files.iter().map(|(_, f)| f.as_str()).collect();
        Size::text(&all)
    };
    let tokens_size = |t: &TokenStream| Size::Tokens {
        bytes: t.to_string().len(),
    };
    let rows = vec![
        measure(
            "floor: serde_json -> openapiv3::OpenAPI (progenitor's parse)",
            iters,
            || parse_openapi(text),
            |spec| Size::Paths(spec.paths.paths.len()),
        ),
        measure(
            "floor: ours `codegen::load::parse` (serde_json for a JSON 3.0 document)",
            iters,
            || codegen::load::parse(text).map_err(|d| format!("{} diagnostics", d.len())),
            |spec| Size::Paths(spec.paths.paths.len()),
        ),
        measure(
            "progenitor positional (tokens + syn + prettyplease)",
            iters,
            || progenitor_text(text, InterfaceStyle::Positional, TagStyle::Merged),
            |s| Size::text(s),
        ),
        measure(
            "progenitor positional, tokens only",
            iters,
            || progenitor_tokens(text, InterfaceStyle::Positional, TagStyle::Merged),
            tokens_size,
        ),
        measure(
            "progenitor builder, merged tags (tokens + syn + prettyplease)",
            iters,
            || progenitor_text(text, InterfaceStyle::Builder, TagStyle::Merged),
            |s| Size::text(s),
        ),
        measure(
            "progenitor builder, merged tags, tokens only",
            iters,
            || progenitor_tokens(text, InterfaceStyle::Builder, TagStyle::Merged),
            tokens_size,
        ),
        measure(
            "progenitor builder, separate tags (tokens + syn + prettyplease)",
            iters,
            || progenitor_text(text, InterfaceStyle::Builder, TagStyle::Separate),
            |s| Size::text(s),
        ),
        measure(
            "ours `generate_crate` (whole crate, parts on every core)",
            iters,
            || codegen::generate_crate(text, &crate_options).map_err(|d| format!("{d:?}")),
            crate_size,
        ),
        measure(
            "ours `Generator::to_source` (one module, parts on every core: build.rs mode)",
            iters,
            || {
                codegen::Generator::from_text(spec_name.as_str(), text)
                    .to_source()
                    .map_err(|e| e.to_string())
            },
            |s| Size::text(s),
        ),
        measure(
            "ours `Generator::module` + `Module::to_source` (one module rendered whole, 1 thread)",
            iters,
            || {
                codegen::Generator::from_text(spec_name.as_str(), text)
                    .module()
                    .and_then(|m| m.to_source())
                    .map_err(|e| e.to_string())
            },
            |s| Size::text(s),
        ),
        measure(
            "ours `Generator::module`, tokens only",
            iters,
            || {
                codegen::Generator::from_text(spec_name.as_str(), text)
                    .module()
                    .map(|m| m.tokens)
                    .map_err(|e| e.to_string())
            },
            tokens_size,
        ),
    ];
    std::panic::set_hook(hook);

    println!(
        "{iters} timed runs per row after {WARMUP} warm-up runs; every run starts from the text"
    );
    println!();
    print_table(&rows);
    if let Ok(generated) = codegen::generate_crate(text, &crate_options) {
        let files: Vec<String> = generated
            .files
            .iter()
            .map(|(name, f)| format!("{name} {}", f.lines().count()))
            .collect();
        println!();
        println!("ours `generate_crate` lines per file: {}", files.join(", "));
    }
}
