//! What changed upstream since the checked-in client was generated: the `codegen diff` report, printed and added to `generated-client/CHANGELOG.md`.
//!
//! `generated-client/customers.yaml` is a copy of the description the client was generated
//! from. When `spec/customers.yaml` differs from it, `cargo xtask codegen` compares the two
//! (`codegen::diff`), prints the report with the suggested bump, adds a section to the
//! changelog, and then updates the copy; `--check` fails while the copy is not the spec.

use codegen::diff::Report;
use std::path::{Path, PathBuf};

/// The copy of the spec that the checked-in client was generated from.
pub const SPEC_COPY: &str = "generated-client/customers.yaml";
pub const CHANGELOG: &str = "generated-client/CHANGELOG.md";

const CHANGELOG_HEAD: &str = "\
# Changelog of `dintero-customers`

Written by `cargo xtask codegen` each time it regenerates the client from a changed
`spec/customers.yaml`: what changed for code that uses the crate, and the semver bump that calls
for (`major`: something breaks, `minor`: the API only grows, `patch`: docs and internals).
Sections are newest first. Regenerating does not bump the crate's version (its `Cargo.toml` is
generated): whoever releases takes the largest bump of the `Unreleased` sections since the last
release, and renames them after it.
";

/// The spec and its copy, relative to the workspace root.
pub struct Paths {
    pub spec: PathBuf,
    pub copy: PathBuf,
    pub changelog: PathBuf,
}

impl Paths {
    pub fn under(root: &Path) -> Self {
        Paths {
            spec: root.join("spec/customers.yaml"),
            copy: root.join(SPEC_COPY),
            changelog: root.join(CHANGELOG),
        }
    }
}

/// A spec change to report, when the copy exists and differs from the spec.
pub enum Pending {
    /// The copy is the spec: nothing changed upstream.
    Unchanged,
    /// No copy yet: the first regeneration records it.
    NoCopy,
    /// The changes, compared.
    Changed(Report),
    /// One of the two does not generate (the new spec's errors are printed by generation).
    NotCompared(String),
}

/// Compares the copy with the spec (nothing is written).
pub fn pending(paths: &Paths) -> Pending {
    let Ok(copy) = std::fs::read(&paths.copy) else {
        return Pending::NoCopy;
    };
    if std::fs::read(&paths.spec).ok().as_deref() == Some(copy.as_slice()) {
        return Pending::Unchanged;
    }
    match codegen::diff::compare_files(&paths.copy, &paths.spec, &codegen::Options::default()) {
        Ok(report) => Pending::Changed(report),
        Err(e) => Pending::NotCompared(e.to_string()),
    }
}

/// `--check`: the copy must be the spec (a stale copy means the client is stale too).
pub fn check(paths: &Paths) -> Result<(), String> {
    match pending(paths) {
        Pending::Unchanged => Ok(()),
        _ => Err(format!(
            "{SPEC_COPY} is not spec/customers.yaml: the client was generated from another \
             description; run `cargo xtask codegen`"
        )),
    }
}

/// After a successful regeneration: prints the report, adds its section to the changelog and
/// records the spec the client now comes from.
pub fn record(paths: &Paths, pending: Pending) -> Result<(), String> {
    match pending {
        Pending::Unchanged => return Ok(()),
        Pending::NoCopy => {
            println!("recording the spec the client is generated from in {SPEC_COPY}")
        }
        Pending::NotCompared(why) => {
            eprintln!("warning: the previous spec ({SPEC_COPY}) could not be compared:\n{why}")
        }
        Pending::Changed(report) => {
            println!("\nspec/customers.yaml changed since the client was generated:\n");
            print!("{}", report.to_text());
            let old = std::fs::read_to_string(&paths.changelog).unwrap_or_default();
            let section = report.to_markdown("Unreleased");
            std::fs::write(&paths.changelog, with_section(&old, &section))
                .map_err(|e| format!("cannot write {CHANGELOG}: {e}"))?;
            println!(
                "\nadded to {CHANGELOG} (suggested bump: {})",
                report.bump().as_str()
            );
        }
    }
    std::fs::copy(&paths.spec, &paths.copy)
        .map(|_| ())
        .map_err(|e| format!("cannot write {SPEC_COPY}: {e}"))
}

/// The changelog with `section` first after its head (the head is added to a new file).
pub fn with_section(changelog: &str, section: &str) -> String {
    let body = changelog
        .strip_prefix(CHANGELOG_HEAD)
        .unwrap_or(changelog)
        .trim_start_matches('\n');
    let mut out = format!("{CHANGELOG_HEAD}\n{section}");
    if !body.is_empty() {
        out.push('\n');
        out.push_str(body);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A spec change is reported once: in the changelog, then the copy is the spec.
    #[test]
    fn a_changed_spec_is_recorded_once() {
        let root = std::env::temp_dir().join(format!("xtask-spec-changes-{}", std::process::id()));
        let paths = Paths::under(&root);
        std::fs::create_dir_all(paths.spec.parent().unwrap()).unwrap();
        std::fs::create_dir_all(paths.copy.parent().unwrap()).unwrap();
        let spec = include_str!("../../spec/customers.yaml");
        std::fs::write(&paths.copy, spec).unwrap();
        std::fs::write(&paths.spec, spec).unwrap();
        assert!(matches!(pending(&paths), Pending::Unchanged));
        let param = "        - name: search\n";
        let added = "        - name: sort\n          in: query\n          schema:\n            type: string\n";
        let changed = spec.replacen(param, &format!("{added}{param}"), 1);
        std::fs::write(&paths.spec, &changed).unwrap();
        let Pending::Changed(report) = pending(&paths) else {
            panic!("the change is not seen");
        };
        assert_eq!(
            report.bump(),
            codegen::diff::Bump::Minor,
            "{}",
            report.to_text()
        );
        assert!(check(&paths).is_err());
        record(&paths, Pending::Changed(report)).unwrap();
        let log = std::fs::read_to_string(&paths.changelog).unwrap();
        assert!(log.contains("suggested bump: minor"), "{log}");
        assert!(
            log.contains("`client::AidCustomersGet::sort` (parameter_added)"),
            "{log}"
        );
        assert!(matches!(pending(&paths), Pending::Unchanged));
        assert!(check(&paths).is_ok());
        std::fs::remove_dir_all(&root).ok();
    }

    #[test]
    fn sections_go_newest_first_under_one_head() {
        let one = with_section("", "## Unreleased: a\n");
        assert!(one.starts_with(CHANGELOG_HEAD));
        let two = with_section(&one, "## Unreleased: b\n");
        assert_eq!(two.matches("# Changelog").count(), 1);
        let (a, b) = (two.find(": a").unwrap(), two.find(": b").unwrap());
        assert!(b < a, "{two}");
    }
}
