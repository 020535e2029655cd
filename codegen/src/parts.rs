//! Parts: a generated file cut into pieces of a few items, emitted and rendered on every core.
//!
//! Emitting and rendering are most of generation, and proportional to the output. Each piece
//! is a [`Part`] wrapped in the blocks that enclose it in the file (`pub mod types { .. }`,
//! `impl Client { .. }`); its text is rendered alone, and [`render::join`] removes the wrapper
//! lines that neighbours share. prettyplease formats every item on its own, so the file reads
//! exactly as if it had been rendered whole (`codegen/tests/generator.rs` checks this on every
//! fixture).

use crate::diag::Diagnostic;
use crate::emit::{Block, Emitter, Part};
use crate::render;
use std::ops::Range;
use std::panic::AssertUnwindSafe;
use std::sync::atomic::{AtomicUsize, Ordering};

/// One piece of work: a [`Part`] of file `file`, emitted and rendered on any thread.
struct Piece {
    file: usize,
    part: Part,
    /// Rough cost, so the largest pieces start first.
    weight: usize,
}

/// Items of a kind of part, how many go in one piece, a rough cost per item (a builder is about
/// four types), and the part of a range.
type Cut = (usize, usize, usize, fn(Range<usize>) -> Part);

/// `parts` (file, kind), cut into pieces.
fn pieces(emitter: &Emitter, parts: &[(usize, PartKind)]) -> Vec<Piece> {
    let [types, builders, operations, examples] = emitter.part_lens();
    let mut pieces = Vec::new();
    for &(file, kind) in parts {
        let (len, size, per_item, part): Cut = match kind {
            PartKind::Lib => (1, 1, 1, |_| Part::Lib),
            PartKind::Types => (types, 8, 4, Part::Types),
            PartKind::Builders => (builders, 4, 16, Part::Builders),
            PartKind::ClientMethods => (operations, 16, 2, Part::ClientMethods),
            PartKind::RequestBuilders => (operations, 8, 8, Part::RequestBuilders),
            PartKind::QueryImpls => (1, 1, types, |_| Part::QueryImpls),
            PartKind::Reexports => (1, 1, 1, |_| Part::Reexports),
            // About as much text as 400 types: it starts first.
            PartKind::Runtime => (1, 1, 1600, |_| Part::Runtime),
            PartKind::Examples => (examples, 16, 2, Part::Examples),
        };
        // An empty file still has its header: one part of no items (which renders as nothing
        // where there is no header, see `render_all`).
        for start in (0..len.max(1)).step_by(size) {
            let range = start..len.min(start + size);
            pieces.push(Piece {
                file,
                weight: range.len().max(1) * per_item,
                part: part(range),
            });
        }
    }
    pieces
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum PartKind {
    Lib,
    Types,
    Builders,
    ClientMethods,
    RequestBuilders,
    QueryImpls,
    Reexports,
    Runtime,
    Examples,
}

/// The files of a crate without their headers: `lib.rs`, `types.rs`, `client.rs` and the
/// examples test.
pub(crate) fn crate_files(
    emitter: &Emitter,
    crate_name: &str,
) -> Result<[String; 4], Vec<Diagnostic>> {
    use PartKind::*;
    const FILES: [&str; 4] = ["lib.rs", "types.rs", "client.rs", "the examples test"];
    let pieces = pieces(
        emitter,
        &[
            (0, Lib),
            (1, Types),
            (1, Builders),
            (2, ClientMethods),
            (2, RequestBuilders),
            (2, QueryImpls),
            (3, Examples),
        ],
    );
    let texts = render_all(&pieces, &FILES, |part| {
        (emitter.part(part, crate_name), part.blocks_in_crate())
    })?;
    Ok(texts.try_into().expect("one text per file"))
}

/// The items of the module that [`Emitter::module`] gives, without a header.
pub(crate) fn module(emitter: &Emitter) -> Result<String, Vec<Diagnostic>> {
    use PartKind::*;
    let mut kinds = vec![
        (0, Types),
        (0, Builders),
        (0, ClientMethods),
        (0, RequestBuilders),
        (0, QueryImpls),
    ];
    if emitter.embeds_runtime() {
        kinds.push((0, Runtime));
    }
    kinds.push((0, Reexports));
    let pieces = pieces(emitter, &kinds);
    let mut texts = render_all(&pieces, &["module"], |part| {
        (emitter.module_part(part), part.blocks_in_module())
    })?;
    Ok(texts.remove(0))
}

/// Emits and renders every piece on [`threads`] threads, then joins each file's pieces in order
/// (`names`: one per file, for errors). `emit` gives a piece's tokens and the blocks that enclose
/// it, outermost first.
fn render_all(
    pieces: &[Piece],
    names: &[&str],
    emit: impl Fn(&Part) -> (proc_macro2::TokenStream, &'static [Block]) + Sync,
) -> Result<Vec<String>, Vec<Diagnostic>> {
    let texts = in_parallel(pieces, |piece| {
        let (tokens, blocks) = emit(&piece.part);
        // A part of no items (no operations, no enums) renders as nothing, not as `{}`.
        if tokens.is_empty() {
            return Ok(None);
        }
        render::unparse(tokens)
            .map(|text| Some((blocks, text)))
            .map_err(|e| {
                Diagnostic::internal(format!(
                    "the generated {} does not parse: {e}",
                    names[piece.file]
                ))
            })
    });
    let mut per_file: Vec<Vec<(usize, String)>> = names.iter().map(|_| Vec::new()).collect();
    let mut previous: Vec<&[Block]> = vec![&[]; names.len()];
    for (piece, text) in pieces.iter().zip(texts) {
        let Some((blocks, text)) = text.map_err(|d| vec![d])? else {
            continue;
        };
        let before = previous[piece.file];
        let shared = before
            .iter()
            .zip(blocks)
            .take_while(|(a, b)| a == b)
            .count();
        previous[piece.file] = blocks;
        per_file[piece.file].push((shared, text));
    }
    per_file
        .iter()
        .enumerate()
        .map(|(i, pieces)| {
            render::join(pieces)
                .map_err(|e| vec![Diagnostic::internal(format!("joining {}: {e}", names[i]))])
        })
        .collect()
}

/// How many threads generation uses: `CODEGEN_THREADS` when set to a number from 1 (for a
/// machine shared with other builds, or to compare), else one per core.
pub fn threads() -> usize {
    std::env::var("CODEGEN_THREADS")
        .ok()
        .and_then(|n| n.parse::<usize>().ok())
        .filter(|&n| n >= 1)
        .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()))
}

/// `work` on every piece, on [`threads`] threads, the heaviest pieces first;
/// the results in the pieces' order. A panic in `work` is an internal error, not a panic.
fn in_parallel<R: Send>(
    pieces: &[Piece],
    work: impl Fn(&Piece) -> Result<R, Diagnostic> + Sync,
) -> Vec<Result<R, Diagnostic>> {
    let mut order: Vec<usize> = (0..pieces.len()).collect();
    order.sort_by_key(|&i| std::cmp::Reverse(pieces[i].weight));
    let next = AtomicUsize::new(0);
    let threads = threads().min(pieces.len());
    let worker = || {
        let mut done = Vec::new();
        loop {
            let Some(&i) = order.get(next.fetch_add(1, Ordering::Relaxed)) else {
                return done;
            };
            let result = std::panic::catch_unwind(AssertUnwindSafe(|| work(&pieces[i])))
                .unwrap_or_else(|payload| {
                    Err(Diagnostic::internal(format!(
                        "emitting or rendering {:?} panicked: {}",
                        pieces[i].part,
                        render::panic_message(&*payload)
                    )))
                });
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
