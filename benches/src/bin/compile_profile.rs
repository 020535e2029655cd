//! Sums rustc's `-Z self-profile` data of the generated crate by what the code is: serde derives,
//! builders, client, mocks, the other type code, and crate-wide passes (parsing, name resolution,
//! macro expansion, metadata, LLVM). Used by `cargo xtask bench --only profile`.
//!
//! Each event's self time (its duration less its children's) goes to the nearest event, itself
//! or an ancestor, whose argument names an item of the crate; the item's path decides the part.
//! Several profiles (one per run) give a median per part.

use analyzeme::{EventPayload, ProfilingData, Timestamp};
use std::collections::BTreeMap;
use std::path::Path;

/// The part of the generated crate a query argument (a def path) belongs to, if it names one.
fn part(arg: &str, krate: &str) -> Option<&'static str> {
    if !arg.contains(krate) {
        return None;
    }
    Some(if arg.contains("::builders") {
        "builders (`types::builders`)"
    } else if arg.contains("::_[") || arg.contains("serde") {
        // serde_derive wraps its impls in `const _: () = { .. }`.
        "serde derives (`Serialize`, `Deserialize`)"
    } else if arg.contains("::mock") {
        "mocks (`mock`)"
    } else if arg.contains("::client") {
        "client (`client`: request builders, `send`)"
    } else {
        "other type code (structs, enums, newtypes, their impls)"
    })
}

const CRATE_WIDE: &str = "crate-wide passes (parse, resolve, expand, metadata, LLVM)";
/// The profiler's own bookkeeping, left out.
const OVERHEAD: &str = "self_profile_alloc_query_strings";

/// Seconds of self time per part in one profile.
fn parts(stem: &Path, krate: &str) -> Result<BTreeMap<&'static str, f64>, String> {
    let data = ProfilingData::new(stem).map_err(|e| format!("{}: {e}", stem.display()))?;
    let mut threads: BTreeMap<u32, Vec<(u128, u128, Option<&'static str>, bool)>> = BTreeMap::new();
    for event in data.iter_full() {
        let EventPayload::Timestamp(Timestamp::Interval { start, end }) = event.payload else {
            continue;
        };
        let nanos = |t: std::time::SystemTime| {
            t.duration_since(std::time::UNIX_EPOCH)
                .map_or(0, |d| d.as_nanos())
        };
        let part = event
            .additional_data
            .iter()
            .find_map(|arg| part(arg, krate));
        let overhead = event.label == OVERHEAD;
        threads.entry(event.thread_id).or_default().push((
            nanos(start),
            nanos(end),
            part,
            overhead,
        ));
    }
    let mut sums: BTreeMap<&'static str, f64> = BTreeMap::new();
    for (_, mut events) in threads {
        // Parents before their children: by start, then the longer first.
        events.sort_by(|a, b| a.0.cmp(&b.0).then(b.1.cmp(&a.1)));
        let mut stack: Vec<(u128, &'static str)> = Vec::new();
        for (start, end, part, overhead) in events {
            while stack
                .last()
                .is_some_and(|(parent_end, _)| *parent_end <= start)
            {
                stack.pop();
            }
            let seconds = end.saturating_sub(start) as f64 / 1e9;
            let mine = if overhead {
                OVERHEAD
            } else {
                part.or(stack.last().map(|(_, p)| *p)).unwrap_or(CRATE_WIDE)
            };
            *sums.entry(mine).or_default() += seconds;
            if let Some((_, parent)) = stack.last() {
                *sums.entry(parent).or_default() -= seconds;
            }
            stack.push((end, mine));
        }
    }
    sums.remove(OVERHEAD);
    Ok(sums)
}

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(f64::total_cmp);
    let n = v.len();
    if n % 2 == 1 {
        v[n / 2]
    } else {
        (v[n / 2 - 1] + v[n / 2]) / 2.0
    }
}

fn main() -> std::process::ExitCode {
    let mut args = std::env::args().skip(1);
    let (Some(krate), stems) = (args.next(), args.collect::<Vec<_>>()) else {
        eprintln!("usage: compile_profile CRATE_NAME PROFILE_STEM...");
        return std::process::ExitCode::FAILURE;
    };
    let mut runs: BTreeMap<&'static str, Vec<f64>> = BTreeMap::new();
    for stem in &stems {
        match parts(Path::new(stem), &krate) {
            Ok(sums) => {
                for (part, seconds) in sums {
                    runs.entry(part).or_default().push(seconds);
                }
            }
            Err(e) => {
                eprintln!("error: {e}");
                return std::process::ExitCode::FAILURE;
            }
        }
    }
    let mut rows: Vec<(&str, f64)> = runs.into_iter().map(|(p, v)| (p, median(v))).collect();
    rows.sort_by(|a, b| b.1.total_cmp(&a.1));
    let total: f64 = rows.iter().map(|r| r.1).sum();
    println!(
        "| part of the crate | self time, s (median of {}) | share |",
        stems.len()
    );
    println!("| --- | ---: | ---: |");
    for (part, seconds) in &rows {
        println!(
            "| {part} | {seconds:.2} | {:.0}% |",
            100.0 * seconds / total
        );
    }
    println!("| all | {total:.2} | |");
    std::process::ExitCode::SUCCESS
}
