//! `codegen diff`: what changes for downstream code between the crates two descriptions generate, each change classified and the semver bump it calls for.
//!
//! Both descriptions are lowered by the same generator and compared as the generated crate's
//! user sees them (module `surface`): operations by Rust method name, types by Rust name, fields,
//! variants, arguments, setters and `send()`'s types as the emitter spells them. Each
//! [`Change`] names the Rust item, the spec pointer (in the new description, in the old one
//! for what was removed) and its [`Class`]. Which changes break code that compiles today is
//! decided in module `rules`; growing a struct or an enum is one rule there, read from the emitted
//! item (`#[non_exhaustive]` or not).

mod compare;
mod rules;
mod surface;

use crate::diag::Pointer;
use crate::ir::Api;
use crate::{GenerateError, Generator, Options};
use std::fmt::Write as _;
use std::path::Path;

/// How a change affects code written against the old crate.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Class {
    /// Code that compiles (or works) against the old crate may not against the new one.
    Breaking,
    /// The API grows; code written against the old crate compiles and works unchanged.
    Additive,
    /// Docs or internals (wire names, paths, statuses decoded the same way): no code can tell.
    Docs,
}

impl Class {
    pub fn as_str(self) -> &'static str {
        match self {
            Class::Breaking => "breaking",
            Class::Additive => "additive",
            Class::Docs => "docs",
        }
    }

    /// The bump a release with only changes of this class calls for.
    pub fn bump(self) -> Bump {
        match self {
            Class::Breaking => Bump::Major,
            Class::Additive => Bump::Minor,
            Class::Docs => Bump::Patch,
        }
    }
}

/// A semver bump, with semver 1.x meanings (also while the crate is 0.x).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Bump {
    Major,
    Minor,
    Patch,
}

impl Bump {
    pub fn as_str(self) -> &'static str {
        match self {
            Bump::Major => "major",
            Bump::Minor => "minor",
            Bump::Patch => "patch",
        }
    }
}

/// One change of the generated crate's public API.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    /// What happened, in snake case: `field_added`, `enum_variant_added`, `parameter_made_required`, ...
    pub kind: &'static str,
    /// The Rust item: `types::Customer::email`, `Client::aid_customers_get`,
    /// `client::AidCustomersGetRequest::limit` (a setter), `Client::aid_customers_get(aid)` (an
    /// argument).
    pub item: String,
    /// Where in the spec: the new description's pointer, or the old one's for what is gone.
    pub pointer: Pointer,
    pub class: Class,
    /// What changed and, for breaking changes, what stops compiling.
    pub detail: String,
}

/// The changes between two descriptions, in a deterministic order (class, item, kind).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Report {
    /// `info.title` and `info.version` of the old and the new description.
    pub old: (String, String),
    pub new: (String, String),
    pub changes: Vec<Change>,
}

impl Report {
    /// Major when anything breaks, minor when the API only grows, else patch.
    pub fn bump(&self) -> Bump {
        self.changes
            .iter()
            .map(|c| c.class.bump())
            .min()
            .unwrap_or(Bump::Patch)
    }

    /// How many changes of a class.
    pub fn count(&self, class: Class) -> usize {
        self.changes.iter().filter(|c| c.class == class).count()
    }

    /// `{"bump": .., "old": {..}, "new": {..}, "changes": [{kind, item, pointer, class, detail}]}`.
    pub fn to_json(&self) -> serde_json::Value {
        let changes: Vec<serde_json::Value> = self
            .changes
            .iter()
            .map(|c| {
                serde_json::json!({
                    "kind": c.kind,
                    "item": c.item,
                    "pointer": c.pointer.to_string(),
                    "class": c.class.as_str(),
                    "detail": c.detail,
                })
            })
            .collect();
        let info = |(title, version): &(String, String)| serde_json::json!({ "title": title, "version": version });
        serde_json::json!({
            "bump": self.bump().as_str(),
            "old": info(&self.old),
            "new": info(&self.new),
            "changes": changes,
        })
    }

    /// A summary for people: the suggested bump, then the changes grouped by class.
    pub fn to_text(&self) -> String {
        let mut out = String::new();
        let _ = writeln!(
            out,
            "{} {} -> {} {}",
            self.old.0, self.old.1, self.new.0, self.new.1
        );
        let _ = writeln!(
            out,
            "suggested bump: {} ({})",
            self.bump().as_str(),
            self.counts()
        );
        for (class, heading) in HEADINGS {
            let changes: Vec<&Change> = self.changes.iter().filter(|c| c.class == class).collect();
            if changes.is_empty() {
                continue;
            }
            let _ = writeln!(out, "\n{heading}:");
            for c in changes {
                let _ = writeln!(out, "  {} {}: {}", c.kind, c.item, c.detail);
                let _ = writeln!(out, "      at {}", c.pointer);
            }
        }
        if self.changes.is_empty() {
            let _ = writeln!(out, "\nno change that the generated crate shows");
        }
        out
    }

    /// A `CHANGELOG.md` section: a heading with the versions and the bump, a list per class.
    pub fn to_markdown(&self, heading: &str) -> String {
        let mut out = format!(
            "## {heading}: upstream {} -> {}, suggested bump: {}\n",
            self.old.1,
            self.new.1,
            self.bump().as_str()
        );
        for (class, title) in HEADINGS {
            let changes: Vec<&Change> = self.changes.iter().filter(|c| c.class == class).collect();
            if changes.is_empty() {
                continue;
            }
            let _ = writeln!(out, "\n### {title}\n");
            for c in changes {
                let _ = writeln!(
                    out,
                    "- `{}` ({}): {} (`{}`)",
                    c.item, c.kind, c.detail, c.pointer
                );
            }
        }
        if self.changes.is_empty() {
            out.push_str("\nNo change that the generated crate shows.\n");
        }
        out
    }

    fn counts(&self) -> String {
        let parts: Vec<String> = [Class::Breaking, Class::Additive, Class::Docs]
            .into_iter()
            .map(|c| format!("{} {}", self.count(c), c.as_str()))
            .collect();
        parts.join(", ")
    }
}

const HEADINGS: [(Class, &str); 3] = [
    (
        Class::Breaking,
        "Breaking (code written against the old crate may not compile or work)",
    ),
    (Class::Additive, "Additive (the API grows)"),
    (Class::Docs, "Docs and internals (no code can tell)"),
];

/// One side of a comparison: a lowered API as the users of its crate see it. Made once, it can
/// be compared with several others.
pub struct Snapshot<'a> {
    api: &'a Api,
    surface: surface::Surface<'a>,
}

impl<'a> Snapshot<'a> {
    /// Emits the API (without rendering it) and reads its public items.
    pub fn of(api: &'a Api) -> Self {
        Snapshot {
            api,
            surface: surface::Surface::of(api),
        }
    }
}

/// Compares two lowered APIs (lowered with the same options).
pub fn compare(old: &Api, new: &Api) -> Report {
    compare_snapshots(&Snapshot::of(old), &Snapshot::of(new))
}

/// [`compare`] for snapshots made already.
pub fn compare_snapshots(old: &Snapshot<'_>, new: &Snapshot<'_>) -> Report {
    let (old, old_surface) = (old.api, &old.surface);
    let (new, new_surface) = (new.api, &new.surface);
    let mut changes = compare::changes(old_surface, new_surface);
    changes.sort_by(|a, b| {
        (a.class, &a.item, a.kind, &a.detail).cmp(&(b.class, &b.item, b.kind, &b.detail))
    });
    changes.dedup();
    Report {
        old: (old.title.clone(), old.version.clone()),
        new: (new.title.clone(), new.version.clone()),
        changes,
    }
}

/// Loads and lowers both descriptions (each may `$ref` other files) and compares them; a
/// description with errors is an error naming each pointer.
pub fn compare_files(old: &Path, new: &Path, options: &Options) -> Result<Report, GenerateError> {
    let old = Generator::new(old).options(options.clone()).api()?;
    let new = Generator::new(new).options(options.clone()).api()?;
    Ok(compare(&old, &new))
}
