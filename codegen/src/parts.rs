//! Parts: a generated file cut into runs of whole top-level items, emitted and printed on every core.
//!
//! Emitting and printing are most of generation, and proportional to the output. Each piece is
//! a [`Part`]: some consecutive top-level items of a file (a module or an `impl` is one item,
//! never split), emitted, parsed and printed on one thread (syntax trees cannot move between
//! threads), then [`render::join`]ed in order. prettyplease prints every top-level item on its
//! own, so the file reads exactly as if it had been printed whole (`codegen/tests/generator.rs`
//! checks this on every fixture).

use crate::diag::Diagnostic;
use crate::emit::{Emitter, Part};
use crate::render::{self, Printed};
use std::ops::Range;
use std::panic::AssertUnwindSafe;
use std::sync::atomic::{AtomicUsize, Ordering};

/// One piece of work: a [`Part`] of file `file`, emitted and printed on any thread.
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
    let [types, operations, examples] = emitter.part_lens();
    let builders = 16 * emitter.builder_count();
    let mut pieces = Vec::new();
    for &(file, kind) in parts {
        let (len, size, per_item, part): Cut = match kind {
            PartKind::Lib => (1, 1, 1, |_| Part::Lib),
            PartKind::Types => (types, 8, 4, Part::Types),
            PartKind::Builders => (1, 1, builders, |_| Part::Builders),
            PartKind::Client => (1, 1, 2 * operations, |_| Part::Client),
            PartKind::RequestBuilders => (operations, 8, 8, Part::RequestBuilders),
            PartKind::QueryImpls => (1, 1, types, |_| Part::QueryImpls),
            PartKind::TypesModule => (1, 1, 4 * types + builders, |_| Part::TypesModule),
            PartKind::ClientModule => (1, 1, 10 * operations + types, |_| Part::ClientModule),
            PartKind::Reexports => (1, 1, 1, |_| Part::Reexports),
            // About as much text as 400 types: it starts first.
            PartKind::Runtime => (1, 1, 1600, |_| Part::Runtime),
            PartKind::Examples => (examples, 16, 2, Part::Examples),
            PartKind::Mocks => (1, 1, 4 * operations, |_| Part::Mocks),
        };
        // An empty file still has its header: one part of no items (which prints as nothing
        // where there is no header).
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
    Client,
    RequestBuilders,
    QueryImpls,
    TypesModule,
    ClientModule,
    Reexports,
    Runtime,
    Examples,
    Mocks,
}

/// The files of a crate without their headers: `lib.rs`, `types.rs`, `client.rs`, the
/// examples test and `mock.rs` (`emitter` is [`Emitter::in_crate`]).
pub(crate) fn crate_files(emitter: &Emitter) -> Result<[String; 5], Vec<Diagnostic>> {
    use PartKind::*;
    const FILES: [&str; 5] = [
        "lib.rs",
        "types.rs",
        "client.rs",
        "the examples test",
        "mock.rs",
    ];
    let pieces = pieces(
        emitter,
        &[
            (0, Lib),
            (1, Types),
            (1, Builders),
            (2, Client),
            (2, RequestBuilders),
            (2, QueryImpls),
            (3, Examples),
            (4, Mocks),
        ],
    );
    let texts = render_all(&pieces, &FILES, |part| emitter.part(part))?;
    Ok(texts.try_into().expect("one text per file"))
}

/// The items of the module that [`Emitter::module`] gives, without a header: its modules on
/// their own threads.
pub(crate) fn module(emitter: &Emitter) -> Result<String, Vec<Diagnostic>> {
    use PartKind::*;
    let mut kinds = vec![(0, TypesModule), (0, ClientModule)];
    if emitter.embeds_runtime() {
        kinds.push((0, Runtime));
    }
    kinds.push((0, Reexports));
    let pieces = pieces(emitter, &kinds);
    let mut texts = render_all(&pieces, &["module"], |part| emitter.part(part))?;
    Ok(texts.remove(0))
}

/// Emits and prints every piece on [`threads`] threads, then joins each file's pieces in order
/// (`names`: one per file, for errors). `emit` gives a piece's tokens.
fn render_all(
    pieces: &[Piece],
    names: &[&str],
    emit: impl Fn(&Part) -> proc_macro2::TokenStream + Sync,
) -> Result<Vec<String>, Vec<Diagnostic>> {
    let texts = in_parallel(pieces, |piece| {
        render::print(emit(&piece.part)).map_err(|e| {
            Diagnostic::internal(format!(
                "the generated {} does not parse: {e}",
                names[piece.file]
            ))
        })
    });
    let mut per_file: Vec<Vec<Printed>> = names.iter().map(|_| Vec::new()).collect();
    for (piece, text) in pieces.iter().zip(texts) {
        per_file[piece.file].push(text.map_err(|d| vec![d])?);
    }
    Ok(per_file.into_iter().map(render::join).collect())
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
                        "emitting or printing {:?} panicked: {}",
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
        .map(|r| r.unwrap_or_else(|| Err(Diagnostic::internal("a piece was not printed"))))
        .collect()
}
