//! The whole pipeline for one spec into the files of a standalone crate.

use crate::diag::{Diagnostic, Severity};
use crate::emit::{Emitter, Part};
use crate::ir::{Api, TypeKind};
use crate::render::Joint;
use crate::{load, lower, render, Options};
use std::ops::Range;
use std::panic::AssertUnwindSafe;
use std::sync::atomic::{AtomicUsize, Ordering};

/// How the generated crate is packaged.
#[derive(Debug, Clone)]
pub struct CrateOptions {
    /// Cargo package name, e.g. `dintero-customers`.
    pub crate_name: String,
    /// The spec's name as shown in the `@generated` header (not an absolute path).
    pub spec_name: String,
    /// Path to the `codegen-runtime` crate as written into `Cargo.toml`.
    pub runtime_path: String,
    /// Add an empty `[workspace]` so the crate builds on its own wherever it is written.
    pub standalone: bool,
}

/// Counts for the summary line of `cargo xtask codegen`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Summary {
    pub structs: usize,
    pub enums: usize,
    pub newtypes: usize,
    pub unions: usize,
    pub aliases: usize,
    pub operations: usize,
    pub examples: usize,
    pub warnings: usize,
}

impl Summary {
    fn of(api: &Api, warnings: usize) -> Self {
        let mut s = Summary {
            operations: api.operations.len(),
            examples: api.examples.len(),
            warnings,
            ..Summary::default()
        };
        for t in &api.types {
            match t.kind {
                TypeKind::Struct(_) => s.structs += 1,
                TypeKind::Enum(_) => s.enums += 1,
                TypeKind::Newtype(_) => s.newtypes += 1,
                TypeKind::Tagged { .. } | TypeKind::Untagged { .. } => s.unions += 1,
                TypeKind::Alias(_) => s.aliases += 1,
            }
        }
        s
    }

    pub fn types(&self) -> usize {
        self.structs + self.enums + self.newtypes + self.unions + self.aliases
    }
}

/// Every file of a generated crate, relative to its root, plus what happened.
#[derive(Debug, Clone)]
pub struct GeneratedCrate {
    pub files: Vec<(String, String)>,
    pub summary: Summary,
    /// Warnings (errors make [`generate_crate`] fail instead).
    pub warnings: Vec<Diagnostic>,
}

/// Parse, lower, emit and render `spec_text` into a crate, with default generator options.
pub fn generate_crate(
    spec_text: &str,
    options: &CrateOptions,
) -> Result<GeneratedCrate, Vec<Diagnostic>> {
    generate_crate_with(spec_text, options, &Options::default())
}

/// [`generate_crate`] with generator options.
pub fn generate_crate_with(
    spec_text: &str,
    options: &CrateOptions,
    generator: &Options,
) -> Result<GeneratedCrate, Vec<Diagnostic>> {
    let spec = load::parse(spec_text)?;
    let (api, diags) = lower::lower_with(&spec, generator);
    if diags.has_errors() {
        return Err(diags.into_vec());
    }
    let warnings: Vec<Diagnostic> = diags
        .into_vec()
        .into_iter()
        .filter(|d| d.severity == Severity::Warning)
        .collect();
    let emitter = Emitter::new(&api).extra_derives(&generator.extra_derives);
    let [lib, types, client, examples] = render_files(&emitter, &options.crate_name)?
        .map(|body| render::with_header(&body, &options.spec_name));
    let files = vec![
        ("Cargo.toml".to_string(), cargo_toml(options)),
        ("src/lib.rs".to_string(), lib),
        ("src/types.rs".to_string(), types),
        ("src/client.rs".to_string(), client),
        ("tests/examples.rs".to_string(), examples),
    ];
    Ok(GeneratedCrate {
        files,
        summary: Summary::of(&api, warnings.len()),
        warnings,
    })
}

/// One piece of work: a [`Part`] of file `file`, emitted and rendered on any thread.
struct Piece {
    file: usize,
    joint: Joint,
    part: Part,
    /// Rough cost, so the largest pieces start first.
    weight: usize,
}

/// `lib.rs`, `types.rs`, `client.rs` and the examples test, without their headers.
///
/// Emitting and rendering are most of generation and proportional to the output, so the files
/// are cut into [`Part`]s of a few items each and made on every core, the largest first; the
/// text is the same as rendering each file whole (see [`render::join`]).
fn render_files(emitter: &Emitter, crate_name: &str) -> Result<[String; 4], Vec<Diagnostic>> {
    const FILES: [&str; 4] = ["lib.rs", "types.rs", "client.rs", "the examples test"];
    let [types, builders, operations, examples] = emitter.part_lens();
    // Per file, in order: how many items a part ranges over, how many go in one piece, a rough
    // cost per item (a builder is about four types), and whether the pieces continue one block.
    type Layout = (usize, usize, usize, usize, bool, fn(Range<usize>) -> Part);
    let layout: [Layout; 7] = [
        (0, 1, 1, 1, false, |_| Part::Lib),
        (1, types, 8, 4, false, Part::Types),
        (1, builders, 4, 16, true, Part::Builders),
        (2, operations, 16, 2, true, Part::ClientMethods),
        (2, operations, 8, 8, false, Part::RequestBuilders),
        (2, 1, 1, types, false, |_| Part::QueryImpls),
        (3, examples, 16, 2, false, Part::Examples),
    ];
    let mut pieces = Vec::new();
    for (file, len, size, per_item, wrapped, part) in layout {
        // An empty file still has its header: one part of no items.
        for (i, start) in (0..len.max(1)).step_by(size).enumerate() {
            let range = start..len.min(start + size);
            pieces.push(Piece {
                file,
                joint: if wrapped && i > 0 {
                    Joint::SameBlock
                } else {
                    Joint::Items
                },
                weight: range.len().max(1) * per_item,
                part: part(range),
            });
        }
    }

    let texts = in_parallel(&pieces, |piece| {
        render::unparse(emitter.part(&piece.part, crate_name)).map_err(|e| {
            Diagnostic::internal(format!(
                "the generated {} does not parse: {e}",
                FILES[piece.file]
            ))
        })
    });
    let mut files: [Vec<(Joint, String)>; 4] = Default::default();
    for (piece, text) in pieces.iter().zip(texts) {
        files[piece.file].push((piece.joint, text.map_err(|d| vec![d])?));
    }
    let mut out: [String; 4] = Default::default();
    for (i, pieces) in files.iter().enumerate() {
        out[i] = render::join(pieces)
            .map_err(|e| vec![Diagnostic::internal(format!("joining {}: {e}", FILES[i]))])?;
    }
    Ok(out)
}

/// `work` on every piece, on as many threads as there are cores, the heaviest pieces first;
/// the results in the pieces' order. A panic in `work` is an internal error, not a panic.
fn in_parallel<R: Send>(
    pieces: &[Piece],
    work: impl Fn(&Piece) -> Result<R, Diagnostic> + Sync,
) -> Vec<Result<R, Diagnostic>> {
    let mut order: Vec<usize> = (0..pieces.len()).collect();
    order.sort_by_key(|&i| std::cmp::Reverse(pieces[i].weight));
    let next = AtomicUsize::new(0);
    let threads = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(pieces.len());
    let worker = || {
        let mut done = Vec::new();
        loop {
            let Some(&i) = order.get(next.fetch_add(1, Ordering::Relaxed)) else {
                return done;
            };
            let result = std::panic::catch_unwind(AssertUnwindSafe(|| work(&pieces[i])))
                .unwrap_or_else(|_| Err(Diagnostic::internal("emitting or rendering panicked")));
            done.push((i, result));
        }
    };
    let mut results: Vec<Option<Result<R, Diagnostic>>> = pieces.iter().map(|_| None).collect();
    std::thread::scope(|scope| {
        let helpers: Vec<_> = (1..threads).map(|_| scope.spawn(worker)).collect();
        let mut done = worker();
        for helper in helpers {
            // Workers catch panics, so joining cannot fail.
            done.extend(helper.join().unwrap_or_default());
        }
        for (i, result) in done {
            results[i] = Some(result);
        }
    });
    results
        .into_iter()
        .map(|r| r.unwrap_or_else(|| Err(Diagnostic::internal("a piece was not rendered"))))
        .collect()
}

fn cargo_toml(options: &CrateOptions) -> String {
    let workspace = if options.standalone {
        "\n[workspace]\n"
    } else {
        ""
    };
    format!(
        r#"# @generated by codegen from `{spec}`. Do not edit by hand; regenerate.
[package]
name = "{name}"
version = "0.1.0"
edition = "2021"
publish = false

[dependencies]
codegen-runtime = {{ path = "{runtime}" }}
chrono = {{ version = "0.4", default-features = false, features = ["serde", "std"] }}
serde = {{ version = "1", features = ["derive"] }}
serde_json = "1"
uuid = {{ version = "1", features = ["serde"] }}

[dev-dependencies]
tokio = {{ version = "1", features = ["macros", "rt"] }}
{workspace}"#,
        spec = options.spec_name,
        name = options.crate_name,
        runtime = options.runtime_path.replace('\\', "/"),
    )
}
