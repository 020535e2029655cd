//! `MethodNames` over every description at hand: the fixtures, the Customers spec, the
//! real-world example's and `../shared/corpus` (when it is there). Generation only: a naming
//! option must never number a method, add an error, or give two operations one name, and the
//! module it gives must parse.
//!
//! `cargo test -p codegen --test method_names -- --nocapture` prints, per document and choice,
//! how many operations got a derived name and how many shared ones were resolved.

use codegen::diag::{Diagnostic, Severity};
use codegen::ir::Api;
use codegen::load::{self, Disk};
use codegen::{MethodNames, Options};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

/// Every description to generate: each fixture, the Customers spec, the real-world example's
/// entry file, and each document of `../shared/corpus` when that directory exists.
fn documents() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let mut docs = vec![
        root.join("spec/customers.yaml"),
        root.join("examples/realworld-user/spec/api.yaml"),
    ];
    for dir in [
        root.join("codegen/tests/fixtures"),
        root.join("../shared/corpus"),
    ] {
        let Ok(entries) = std::fs::read_dir(&dir) else {
            eprintln!("(no {})", dir.display());
            continue;
        };
        let mut found: Vec<PathBuf> = entries
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| {
                p.extension()
                    .is_some_and(|e| e == "yaml" || e == "yml" || e == "json")
            })
            .collect();
        found.sort();
        docs.extend(found);
    }
    docs
}

/// A warning that an operation's method was numbered (`get_item2`).
fn numbered(d: &Diagnostic) -> bool {
    d.severity == Severity::Warning && d.message.starts_with("this operation becomes the method")
}

/// A warning that a derived name was shared, so the operation kept its operationId's.
fn resolved(d: &Diagnostic) -> bool {
    d.severity == Severity::Warning && d.message.starts_with("this operation's method is")
}

fn lower(doc: &load::Document, names: MethodNames) -> (Api, Vec<Diagnostic>) {
    let options = Options {
        method_names: names,
        ..Default::default()
    };
    codegen::lower::lower(doc, &options).best_effort()
}

#[test]
fn naming_options_introduce_no_collisions() {
    let mut totals = [(0usize, 0usize, 0usize); 2];
    let mut documents_seen = 0;
    for path in documents() {
        let Ok(doc) = load::load_file(&path, &Disk) else {
            continue;
        };
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let (plain, plain_diags) = lower(&doc, MethodNames::OperationId);
        let errors = |diags: &[Diagnostic]| {
            diags
                .iter()
                .filter(|d| d.severity == Severity::Error)
                .map(|d| d.to_string())
                .collect::<Vec<_>>()
        };
        documents_seen += 1;
        for (slot, mode) in [MethodNames::Summary, MethodNames::Path]
            .into_iter()
            .enumerate()
        {
            let (api, diags) = lower(&doc, mode);
            assert_eq!(
                errors(&diags),
                errors(&plain_diags),
                "{name} ({mode}): new errors"
            );
            let count = |f: fn(&Diagnostic) -> bool, diags: &[Diagnostic]| {
                diags.iter().filter(|d| f(d)).count()
            };
            assert_eq!(
                count(numbered, &diags),
                count(numbered, &plain_diags),
                "{name} ({mode}): a derived name was numbered: {:#?}",
                diags.iter().filter(|d| numbered(d)).collect::<Vec<_>>()
            );
            let idents: BTreeSet<&str> = api.operations.iter().map(|o| o.ident.as_str()).collect();
            assert_eq!(
                idents.len(),
                api.operations.len(),
                "{name} ({mode}): a name is shared"
            );
            let builders: BTreeSet<&str> = api
                .operations
                .iter()
                .flat_map(|o| [o.builder.as_str(), o.success.as_str()])
                .collect();
            assert_eq!(builders.len(), 2 * api.operations.len(), "{name} ({mode})");
            let derived = api
                .operations
                .iter()
                .zip(&plain.operations)
                .filter(|(o, p)| o.ident != p.ident)
                .count();
            let shared = count(resolved, &diags);
            // A method not named as its operationId has it as an alias (when the operationId is
            // plain text), and only then.
            for op in &api.operations {
                let id = op.operation_id.as_deref();
                let plain = id.is_some_and(|id| {
                    id.chars()
                        .all(|c| c.is_alphanumeric() || "_-./".contains(c))
                });
                match &op.doc_alias {
                    Some(alias) => assert!(
                        Some(alias.as_str()) == id && *alias != op.ident,
                        "{name}: {}",
                        op.at
                    ),
                    None => assert!(!plain || id == Some(op.ident.as_str()), "{name}: {}", op.at),
                }
            }
            // The module parses (the table, the aliases and every renamed item).
            let tokens = codegen::emit::Emitter::new(&api).module();
            syn::parse2::<syn::File>(tokens)
                .unwrap_or_else(|e| panic!("{name} ({mode}): the module does not parse: {e}"));
            eprintln!(
                "{name:<40} {mode:<8} {:>5} operations, {derived:>5} derived names, {shared:>3} shared ones resolved",
                api.operations.len()
            );
            totals[slot].0 += api.operations.len();
            totals[slot].1 += derived;
            totals[slot].2 += shared;
        }
    }
    for (mode, (ops, derived, shared)) in ["summary", "path"].iter().zip(totals) {
        eprintln!("total ({documents_seen} documents) {mode}: {ops} operations, {derived} derived names, {shared} shared ones resolved");
    }
    // The options do something: most operations of these documents get a derived name.
    let (ops, derived, _) = totals[1];
    assert!(derived * 2 > ops, "path: only {derived} of {ops} renamed");
}
