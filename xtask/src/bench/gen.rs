//! `gen`: generation of the Customers spec per stage, in-process, against the parse floor.

use super::{median, read, BenchError, Result, SPEC};
use codegen::emit::Emitter;
use codegen::{generate_crate, load, lower, render, CrateName, Options};
use std::fmt::Write as _;
use std::path::Path;
use std::time::Instant;

/// The emit stage as `generate_crate` does it: lib, types, client, examples test.
pub(super) fn emit_all(api: &codegen::ir::Api) -> [proc_macro2::TokenStream; 4] {
    let e = Emitter::new(api);
    let krate = CrateName::new("dintero-customers").expect("a crate name");
    [
        e.lib(&krate),
        e.types(),
        e.client(),
        e.examples_test(&krate),
    ]
}

pub(super) fn render_all(tokens: [proc_macro2::TokenStream; 4]) -> usize {
    tokens
        .into_iter()
        .map(|t| render::file(t, SPEC).expect("renders").len())
        .sum()
}

pub(super) fn gen_section(root: &Path, iters: usize) -> Result<String> {
    let text = read(&root.join(SPEC))?;
    let options = Options::default();
    let crate_options = crate::customers(root, false).crate_options();
    let spec = load::load_text(&text, None).map_err(|d| BenchError::Failed(format!("{d:?}")))?;
    let (api, _) = lower::lower(&spec, &options).best_effort();

    // Rounds: every stage once per round, so that the machine's speed, which drifts on a shared
    // host, weighs on the floor and the stages alike; round 0 warms up. Medians per stage.
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    let mut samples: [Vec<f64>; 7] = Default::default();
    for round in 0..=iters {
        let mut times = [0.0; 7];
        let mut timed = |i: usize, f: &mut dyn FnMut()| {
            let t = Instant::now();
            f();
            times[i] = t.elapsed().as_secs_f64() * 1000.0;
        };
        timed(0, &mut || {
            std::hint::black_box(
                serde_yaml::from_str::<openapiv3::OpenAPI>(&text).expect("parses"),
            );
        });
        timed(1, &mut || {
            std::hint::black_box(load::parse(&text).expect("loads"));
        });
        timed(2, &mut || {
            std::hint::black_box(lower::lower(&spec, &options).best_effort());
        });
        timed(3, &mut || {
            std::hint::black_box(emit_all(&api));
        });
        // Fresh tokens (untimed): the pipeline hands render tokens it owns alone; a clone
        // would make `syn` copy every token list on the way in.
        let mut tokens = Some(emit_all(&api));
        timed(4, &mut || {
            std::hint::black_box(render_all(tokens.take().expect("rendered once")));
        });
        timed(5, &mut || {
            std::hint::black_box(generate_crate(&text, &crate_options).expect("generates"));
        });
        // The same on one thread: what the parts on every core save.
        std::env::set_var("CODEGEN_THREADS", "1");
        timed(6, &mut || {
            std::hint::black_box(generate_crate(&text, &crate_options).expect("generates"));
        });
        std::env::remove_var("CODEGEN_THREADS");
        if round > 0 {
            for (samples, t) in samples.iter_mut().zip(times) {
                samples.push(t);
            }
        }
    }
    // Two ratios to the floor, which differ when the floor's speed drifts between rounds: the
    // quotient of the medians (`ms ÷ floor`) and the median of the per-round ratios. Both are
    // printed; a target is met only when both are within it.
    let per_round = |f: &dyn Fn(usize) -> f64| median((0..iters).map(f).collect());
    let stage_ratio = |i: usize| per_round(&|r| samples[i][r] / samples[0][r]);
    let front_ratio =
        per_round(&|r| (samples[1][r] + samples[2][r] + samples[3][r]) / samples[0][r]);
    let ratios: Vec<f64> = (0..7).map(stage_ratio).collect();
    let [floor, load_ms, lower_ms, emit_ms, render_ms, whole, whole_one] = samples.map(median);
    let front = load_ms + lower_ms + emit_ms;

    let mut out = String::new();
    let _ = writeln!(
        out,
        "### Generation of `{SPEC}` (in-process, release; median of {iters} rounds of every \
         stage; `ms ÷ floor` is the quotient of the medians, `per-round` the median of the \
         per-round ratios; a target is met when both are within it)\n"
    );
    let _ = writeln!(
        out,
        "| stage | median ms | × floor (ms ÷ floor) | × floor (per-round) | target |"
    );
    let _ = writeln!(out, "| --- | ---: | ---: | ---: | --- |");
    let verdict =
        |quotient: f64, per_round: f64, limit: f64| match (quotient <= limit, per_round <= limit) {
            (true, true) => format!("≤ {limit}x: met"),
            (false, false) => format!("≤ {limit}x: MISSED"),
            (q, _) => format!(
                "≤ {limit}x: MISSED by the {}",
                if q {
                    "per-round ratio"
                } else {
                    "quotient of the medians"
                }
            ),
        };
    let row = |out: &mut String, name: &str, ms: f64, per_round: f64, limit: Option<f64>| {
        let quotient = ms / floor;
        let target = limit.map_or(String::new(), |l| verdict(quotient, per_round, l));
        let _ = writeln!(
            out,
            "| {name} | {ms:.2} | {quotient:.2} | {per_round:.2} | {target} |"
        );
    };
    row(
        &mut out,
        "floor: `serde_yaml::from_str::<OpenAPI>`",
        floor,
        ratios[0],
        None,
    );
    row(&mut out, "load (`load::parse`)", load_ms, ratios[1], None);
    row(
        &mut out,
        "lower (`lower::lower`)",
        lower_ms,
        ratios[2],
        None,
    );
    row(
        &mut out,
        "emit (lib, types, client, examples test)",
        emit_ms,
        ratios[3],
        None,
    );
    row(
        &mut out,
        "render (syn + prettyplease, 4 files)",
        render_ms,
        ratios[4],
        None,
    );
    row(
        &mut out,
        "load + lower + emit",
        front,
        front_ratio,
        Some(2.0),
    );
    row(
        &mut out,
        &format!("whole (`generate_crate`, parts on {threads} threads)"),
        whole,
        ratios[5],
        Some(8.0),
    );
    row(
        &mut out,
        "whole on one thread (`CODEGEN_THREADS=1`)",
        whole_one,
        ratios[6],
        None,
    );
    Ok(out)
}
