//! `runtime`: the criterion benches of `benches/`.

use super::{bench_suite, bench_suite_target, BenchError, Result};
use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::Path;

pub(super) fn runtime_section(root: &Path) -> Result<String> {
    let crit = bench_suite_target(root).join("criterion");
    let _ = std::fs::remove_dir_all(&crit);
    let stdout = bench_suite(
        root,
        "runtime",
        &["--warm-up-time", "2", "--measurement-time", "5"],
        None,
    )?;
    // `paired <group> <ratio> <rounds>`: the same work timed in alternating rounds.
    let paired: BTreeMap<&str, (f64, &str)> = stdout
        .lines()
        .filter_map(|l| {
            let mut f = l.strip_prefix("paired ")?.split_whitespace();
            Some((f.next()?, (f.next()?.parse().ok()?, f.next()?)))
        })
        .collect();
    let mut medians = std::collections::BTreeMap::new();
    collect_estimates(&crit, &mut medians);
    let get = |g: &str, f: &str| {
        medians
            .get(&(g.to_string(), f.to_string()))
            .copied()
            .ok_or_else(|| {
                BenchError::Failed(format!(
                    "no criterion estimate for {g}/{f} under {}",
                    crit.display()
                ))
            })
    };
    let mut out = String::new();
    let _ = writeln!(
        out,
        "### Runtime (criterion, release; median per iteration)\n"
    );
    let _ = writeln!(out, "| benchmark | generated | baseline | ratio | target |");
    let _ = writeln!(out, "| --- | ---: | ---: | ---: | --- |");
    for (group, what, base, limit) in [
        (
            "page100/decode",
            "decode 100-customer page",
            "handwritten",
            1.1,
        ),
        (
            "page100/encode",
            "encode 100-customer page",
            "handwritten",
            1.1,
        ),
        ("request", "GET one customer over loopback", "reqwest", 1.2),
    ] {
        let ours = get(group, "generated")?;
        let theirs = get(group, base)?;
        let ratio = ours / theirs;
        let _ = writeln!(
            out,
            "| {what} (vs {base}) | {:.1} µs | {:.1} µs | {ratio:.2} | ≤ {limit}x: {} |",
            ours / 1000.0,
            theirs / 1000.0,
            if ratio <= limit { "met" } else { "MISSED" }
        );
    }
    for (group, what, limit) in [
        ("page100/decode", "decode 100-customer page", 1.1),
        ("page100/encode", "encode 100-customer page", 1.1),
        ("request", "GET one customer over loopback", 1.2),
    ] {
        if let Some((ratio, rounds)) = paired.get(group) {
            let _ = writeln!(
                out,
                "| {what}, alternating rounds (median of {rounds} per-round ratios) | | | {ratio:.2} | ≤ {limit}x: {} |",
                if *ratio <= limit { "met" } else { "MISSED" }
            );
        }
    }
    if let (Ok(ours), Ok(theirs)) = (
        get("request", "generated-no-timeout"),
        get("request", "reqwest"),
    ) {
        let _ = writeln!(
            out,
            "| diagnostic: GET, generated client with `timeout(None)` (vs reqwest) | {:.1} µs | {:.1} µs | {:.2} | |",
            ours / 1000.0,
            theirs / 1000.0,
            ours / theirs
        );
    }
    Ok(out)
}

/// Every `new/benchmark.json` under `dir`: (group, function) → median ns.
fn collect_estimates(dir: &Path, out: &mut std::collections::BTreeMap<(String, String), f64>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            if path.file_name().is_some_and(|n| n == "new") {
                let bench: Option<serde_json::Value> =
                    std::fs::read_to_string(path.join("benchmark.json"))
                        .ok()
                        .and_then(|s| serde_json::from_str(&s).ok());
                let est: Option<serde_json::Value> =
                    std::fs::read_to_string(path.join("estimates.json"))
                        .ok()
                        .and_then(|s| serde_json::from_str(&s).ok());
                if let (Some(b), Some(e)) = (bench, est) {
                    let g = b["group_id"].as_str().unwrap_or_default().to_string();
                    let f = b["function_id"].as_str().unwrap_or_default().to_string();
                    if let Some(m) = e["median"]["point_estimate"].as_f64() {
                        out.insert((g, f), m);
                    }
                }
            } else {
                collect_estimates(&path, out);
            }
        }
    }
}
