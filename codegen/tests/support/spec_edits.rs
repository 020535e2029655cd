//! Edits of a parsed description (`serde_yaml::Value`) that spell a spec change in one line,
//! shared by the `codegen diff` scenarios (`tests/diff.rs`), the Customers edits
//! (`customers_edits.rs`) and `cargo xtask semver` via `#[path]`.
//!
//! Each helper panics when the document has not the shape the edit expects: a scenario written
//! for another document is a bug in the scenario (`cargo xtask semver` reports it as one).

#![allow(dead_code)]

use serde_yaml::{Mapping, Value};

/// The node at `path` (mapping keys, or sequence indexes), which must exist.
pub fn at<'v>(doc: &'v mut Value, path: &[&str]) -> &'v mut Value {
    path.iter().fold(doc, |node, key| match node {
        Value::Sequence(items) => &mut items[key.parse::<usize>().unwrap()],
        Value::Mapping(map) => map
            .get_mut(*key)
            .unwrap_or_else(|| panic!("no `{key}` in the document")),
        _ => panic!("`{key}` is not in a mapping or a sequence"),
    })
}

/// `a/b/c` as a path of keys (for paths without `/` in a key).
pub fn split(path: &str) -> Vec<&str> {
    path.split('/').collect()
}

pub fn yaml(text: &str) -> Value {
    serde_yaml::from_str(text).unwrap()
}

/// Inserts `key: value` into the mapping at `path`.
pub fn insert(doc: &mut Value, path: &[&str], key: &str, value: Value) {
    at(doc, path)
        .as_mapping_mut()
        .unwrap()
        .insert(key.into(), value);
}

/// Removes `key` from the mapping at `path`, which must have it.
pub fn remove(doc: &mut Value, path: &[&str], key: &str) {
    assert!(at(doc, path)
        .as_mapping_mut()
        .unwrap()
        .remove(key)
        .is_some());
}

/// Sets `maxLength` of the component parameter `param`'s schema.
pub fn max_length(doc: &mut Value, param: &str, n: u64) {
    *at(
        doc,
        &["components", "parameters", param, "schema", "maxLength"],
    ) = n.into();
}

pub fn push(doc: &mut Value, path: &[&str], value: Value) {
    at(doc, path).as_sequence_mut().unwrap().push(value);
}

/// Every `$ref` equal to `from` becomes `to`.
pub fn replace_refs(node: &mut Value, from: &str, to: &str) {
    match node {
        Value::Mapping(map) => {
            for (k, v) in map.iter_mut() {
                if k.as_str() == Some("$ref") && v.as_str() == Some(from) {
                    *v = Value::String(to.into());
                } else {
                    replace_refs(v, from, to);
                }
            }
        }
        Value::Sequence(items) => items.iter_mut().for_each(|v| replace_refs(v, from, to)),
        _ => {}
    }
}

pub fn rename_key(map: &mut Mapping, from: &str, to: &str) {
    let value = map.remove(from).unwrap();
    map.insert(to.into(), value);
}

/// Renames the schema `from` to `to`, and every `$ref` to it.
pub fn rename_schema(doc: &mut Value, from: &str, to: &str) {
    let schemas = at(doc, &["components", "schemas"])
        .as_mapping_mut()
        .unwrap();
    rename_key(schemas, from, to);
    replace_refs(
        doc,
        &format!("#/components/schemas/{from}"),
        &format!("#/components/schemas/{to}"),
    );
}
