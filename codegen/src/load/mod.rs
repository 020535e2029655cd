//! Load: the spec's bytes, and the files its `$ref`s name, into one `openapiv3::OpenAPI`. The only module that knows YAML.
//!
//! Three steps: read the text into a JSON tree (`serde_json::Value`); bundle it (module `bundle`:
//! other files and `$ref`s to places outside `components` become components, OpenAPI 3.1
//! schemas are rewritten into 3.0's shape by module `upgrade`); read the tree as `openapiv3` types.
//! A [`SourceMap`] keeps, for every part that moved, the file and pointer where it was written,
//! so later stages' diagnostics still name the place the user edits.

mod bundle;
mod upgrade;

use crate::diag::{Diagnostic, Pointer, Severity};
use std::path::{Path, PathBuf};
use std::sync::Arc;

pub use bundle::SourceMap;

/// Where `load` reads the files that relative `$ref`s name. Entry points pass [`Disk`]; tests
/// can serve files from memory.
pub trait Files {
    /// The text of the file at `path`.
    fn read(&self, path: &Path) -> std::io::Result<String>;
}

/// Reads files from the file system.
#[derive(Debug, Clone, Copy, Default)]
pub struct Disk;

impl Files for Disk {
    fn read(&self, path: &Path) -> std::io::Result<String> {
        std::fs::read_to_string(path)
    }
}

/// A loaded document: the spec as one `openapiv3` document, what loading warned about, and
/// where every part came from.
#[derive(Debug, Clone)]
pub struct Document {
    pub spec: openapiv3::OpenAPI,
    /// Warnings of loading (3.1 constructs approximated, bounds dropped, webhooks skipped).
    pub warnings: Vec<Diagnostic>,
    /// Every file read, the spec first: what a build must watch to regenerate.
    pub files: Vec<PathBuf>,
    /// Where the parts that bundling moved were written.
    pub map: SourceMap,
}

impl Document {
    /// Point diagnostics of later stages (made against the bundled document) at the file and
    /// place where the user wrote what they are about.
    pub fn relocate(&self, diags: &mut [Diagnostic]) {
        for d in diags {
            self.map.relocate(d);
        }
    }
}

/// The OpenAPI version a document declares.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Version {
    V30,
    V31,
}

/// Parse a self-contained OpenAPI 3.0.x or 3.1.x document (YAML or JSON; JSON is YAML),
/// dropping loading's warnings. A `$ref` to another file is an error: use [`load_file`].
pub fn parse(text: &str) -> Result<openapiv3::OpenAPI, Vec<Diagnostic>> {
    load_text(text, None).map(|doc| doc.spec)
}

/// Load the document at `path` and every file its relative `$ref`s name, read by `files`.
pub fn load_file(path: &Path, files: &dyn Files) -> Result<Document, Vec<Diagnostic>> {
    let text = files.read(path).map_err(|e| {
        vec![Diagnostic::global(format!(
            "cannot read the spec `{}`: {e}",
            path.display()
        ))]
    })?;
    load_text(&text, Some((path, files)))
}

/// Load a document given as text. `origin` is the path it was read from and the reader for the
/// files its relative `$ref`s name; without it such a `$ref` is an error.
pub fn load_text(
    text: &str,
    origin: Option<(&Path, &dyn Files)>,
) -> Result<Document, Vec<Diagnostic>> {
    if let Some(spec) = plain_json_30(text) {
        return Ok(Document {
            spec,
            warnings: Vec::new(),
            files: origin
                .map(|(path, _)| path.to_path_buf())
                .into_iter()
                .collect(),
            map: SourceMap::default(),
        });
    }
    let mut value = read_tree(text).map_err(|d| vec![d])?;
    let version = check_version(&value)?;
    let mut changed = false;
    let mut warnings = Vec::new();
    if version == Version::V30 {
        changed |= normalize_type_lists(&mut value);
        // 3.1 made `paths` optional; a 3.0 document of components alone still has types.
        if let Some(root) = value.as_object_mut().filter(|r| !r.contains_key("paths")) {
            root.insert(
                "paths".into(),
                serde_json::Value::Object(Default::default()),
            );
            changed = true;
            warnings.push(Diagnostic::warning(
                &Pointer::root(),
                "an OpenAPI 3.0 document needs `paths`; read as having none (its components become types)",
            ));
        }
    }
    let bundled = bundle::bundle(&mut value, version, origin);
    changed |= bundled.changed;
    warnings.extend(bundled.warnings);
    if !bundled.errors.is_empty() {
        let mut all = bundled.errors;
        all.append(&mut warnings);
        return Err(all);
    }
    let spec = match serde::Deserialize::deserialize(&value) {
        Ok(spec) => spec,
        Err(_) => return Err(vec![typed_read_error(text, value, changed, &bundled.map)]),
    };
    warnings.iter_mut().for_each(|d| bundled.map.relocate(d));
    Ok(Document {
        spec,
        warnings,
        files: bundled.files,
        map: bundled.map,
    })
}

/// Most JSON documents are OpenAPI 3.0 whose `$ref`s all name components of the document
/// itself: nothing to bundle or rewrite, so they are read by `serde_json` straight into
/// `openapiv3` types (no tree in between: nexus loads in half the instructions). Anything else,
/// or a document that does not read, takes the tree's way.
fn plain_json_30(text: &str) -> Option<openapiv3::OpenAPI> {
    if !text.trim_start().starts_with('{') || text.contains("\"mapping\"") {
        return None;
    }
    // Every `"$ref": "#/components/<section>/<name>"`, with no escapes to decode.
    let mut rest = text;
    while let Some(at) = rest.find("\"$ref\"") {
        rest = rest[at + 6..].trim_start().strip_prefix(':')?.trim_start();
        let value = rest.strip_prefix('"')?;
        let end = value.find('"')?;
        let reference = &value[..end];
        if reference.contains('\\') || !bundle::is_plain_component_ref(reference) {
            return None;
        }
        rest = &value[end..];
    }
    let spec: openapiv3::OpenAPI = serde_json::from_str(text).ok()?;
    spec.openapi.starts_with("3.0.").then_some(spec)
}

/// Why the tree does not read as an OpenAPI document, with a pointer (and a line and column
/// when the tree is the text as written).
fn typed_read_error(
    text: &str,
    value: serde_json::Value,
    changed: bool,
    map: &SourceMap,
) -> Diagnostic {
    // Unchanged, the tree is the text: read the text again for a line and column (JSON is YAML).
    let (at, message, line_col) = if !changed {
        let result: Result<openapiv3::OpenAPI, _> =
            serde_path_to_error::deserialize(serde_yaml::Deserializer::from_str(text));
        match result {
            Ok(_) => (
                Pointer::root(),
                "the document does not read".to_string(),
                None,
            ),
            Err(e) => {
                let at = pointer_from_path(e.path());
                let inner = e.into_inner();
                let line_col = inner.location().map(|l| (l.line(), l.column()));
                (at, strip_location(&inner), line_col)
            }
        }
    } else {
        let result: Result<openapiv3::OpenAPI, _> = serde_path_to_error::deserialize(value);
        match result {
            Ok(_) => (
                Pointer::root(),
                "the document does not read".to_string(),
                None,
            ),
            Err(e) => {
                let at = pointer_from_path(e.path());
                (at, e.into_inner().to_string(), None)
            }
        }
    };
    let mut diag = Diagnostic::error(&at, format!("not a valid OpenAPI 3.0 document: {message}"));
    diag.line_col = line_col;
    map.relocate(&mut diag);
    diag
}

/// The text as a JSON tree: JSON by `serde_json` (about four times faster), anything else (and
/// JSON with a syntax error, for the YAML reader's diagnostics) by `serde_yaml`.
pub(crate) fn read_tree(text: &str) -> Result<serde_json::Value, Diagnostic> {
    if text.trim_start().starts_with('{') {
        if let Ok(value) = serde_json::from_str(text) {
            return Ok(value);
        }
    }
    let Tree(mut value) = serde_yaml::from_str(text).map_err(|e| yaml_error(&e))?;
    apply_merge_keys(&mut value);
    Ok(value)
}

/// A YAML tree read straight into JSON values: keys become strings (`200:` is `"200"`), tags
/// are dropped, and integers beyond 64 bits (`18446744073709552000`, which serde_yaml's own
/// tree refuses) are read as floats, for bundling to judge as bounds.
struct Tree(serde_json::Value);

impl<'de> serde::Deserialize<'de> for Tree {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(TreeVisitor).map(Tree)
    }
}

struct TreeVisitor;

impl<'de> serde::de::Visitor<'de> for TreeVisitor {
    type Value = serde_json::Value;

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("any YAML value")
    }
    fn visit_unit<E>(self) -> Result<Self::Value, E> {
        Ok(serde_json::Value::Null)
    }
    fn visit_none<E>(self) -> Result<Self::Value, E> {
        Ok(serde_json::Value::Null)
    }
    fn visit_some<D: serde::Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_any(self)
    }
    fn visit_bool<E>(self, v: bool) -> Result<Self::Value, E> {
        Ok(v.into())
    }
    fn visit_i64<E>(self, v: i64) -> Result<Self::Value, E> {
        Ok(v.into())
    }
    fn visit_u64<E>(self, v: u64) -> Result<Self::Value, E> {
        Ok(v.into())
    }
    fn visit_i128<E>(self, v: i128) -> Result<Self::Value, E> {
        Ok(self.float(v as f64))
    }
    fn visit_u128<E>(self, v: u128) -> Result<Self::Value, E> {
        Ok(self.float(v as f64))
    }
    fn visit_f64<E>(self, v: f64) -> Result<Self::Value, E> {
        Ok(self.float(v))
    }
    fn visit_str<E>(self, v: &str) -> Result<Self::Value, E> {
        Ok(v.into())
    }
    fn visit_string<E>(self, v: String) -> Result<Self::Value, E> {
        Ok(v.into())
    }
    fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        let mut items = Vec::new();
        while let Some(Tree(item)) = seq.next_element()? {
            items.push(item);
        }
        Ok(serde_json::Value::Array(items))
    }
    fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let mut out = serde_json::Map::new();
        while let Some((Tree(key), Tree(value))) = map.next_entry()? {
            let key = match key {
                serde_json::Value::String(s) => s,
                other => other.to_string(),
            };
            if out.contains_key(&key) {
                return Err(serde::de::Error::custom(format_args!(
                    "duplicate entry with key \"{key}\""
                )));
            }
            out.insert(key, value);
        }
        Ok(serde_json::Value::Object(out))
    }
    fn visit_enum<A: serde::de::EnumAccess<'de>>(self, data: A) -> Result<Self::Value, A::Error> {
        // A tagged value (`!tag value`): the tag is dropped.
        use serde::de::VariantAccess;
        let (_, variant): (serde::de::IgnoredAny, _) = data.variant()?;
        variant.newtype_variant::<Tree>().map(|Tree(v)| v)
    }
}

impl TreeVisitor {
    fn float(&self, v: f64) -> serde_json::Value {
        serde_json::Number::from_f64(v).map_or(serde_json::Value::Null, serde_json::Value::Number)
    }
}

/// YAML 1.1 merge keys (`<<: *anchor`, or a list of them): the merged maps' entries that the
/// map does not set itself.
fn apply_merge_keys(value: &mut serde_json::Value) {
    match value {
        serde_json::Value::Object(map) => {
            if let Some(merged) = map.shift_remove("<<") {
                let sources = match merged {
                    serde_json::Value::Array(items) => items,
                    other => vec![other],
                };
                for source in sources {
                    if let serde_json::Value::Object(source) = source {
                        for (k, v) in source {
                            map.entry(k).or_insert(v);
                        }
                    }
                }
            }
            map.values_mut().for_each(apply_merge_keys);
        }
        serde_json::Value::Array(items) => items.iter_mut().for_each(apply_merge_keys),
        _ => {}
    }
}

fn yaml_error(e: &serde_yaml::Error) -> Diagnostic {
    Diagnostic {
        severity: Severity::Error,
        at: None,
        file: None,
        line_col: e.location().map(|l| (l.line(), l.column())),
        message: format!("malformed YAML/JSON: {}", strip_location(e)),
        help: None,
    }
}

/// serde_yaml appends " at line X column Y"; we print the location ourselves.
fn strip_location(e: &serde_yaml::Error) -> String {
    let text = e.to_string();
    match text.find(" at line ") {
        Some(i) => text[..i].to_string(),
        None => text,
    }
}

fn check_version(value: &serde_json::Value) -> Result<Version, Vec<Diagnostic>> {
    const HELP: &str = "this generator reads OpenAPI 3.0.x and 3.1.x documents";
    let root = Pointer::root();
    let Some(map) = value.as_object() else {
        return Err(vec![Diagnostic::error(
            &root,
            "the document is not a YAML/JSON object",
        )
        .with_help(HELP)]);
    };
    if map.contains_key("swagger") {
        return Err(vec![Diagnostic::error(
            &root.push("swagger"),
            "Swagger 2.0 documents are not supported",
        )
        .with_help(format!(
            "{HELP}; convert it first, e.g. with swagger2openapi"
        ))]);
    }
    match map.get("openapi") {
        Some(serde_json::Value::String(v)) if v.starts_with("3.0.") || v == "3.0" => {
            Ok(Version::V30)
        }
        Some(serde_json::Value::String(v)) if v.starts_with("3.1.") || v == "3.1" => {
            Ok(Version::V31)
        }
        Some(serde_json::Value::String(v)) => Err(vec![Diagnostic::error(
            &root.push("openapi"),
            format!("unsupported OpenAPI version `{v}`"),
        )
        .with_help(HELP)]),
        Some(v) => Err(vec![Diagnostic::error(
            &root.push("openapi"),
            format!("the OpenAPI version must be a string, not `{v}`"),
        )
        .with_help(format!("{HELP}; quote it, e.g. `openapi: \"3.0.3\"`"))]),
        None => Err(vec![Diagnostic::error(
            &root,
            "missing the `openapi` version field",
        )
        .with_help(HELP)]),
    }
}

/// Where a schema's `type` list (OpenAPI 3.1 syntax in a 3.0 document, e.g.
/// `type: [string, "null"]`) is recorded for lowering, which warns about it.
pub const TYPE_LIST_EXTENSION: &str = "x-codegen-type-list";

/// In a 3.0 document, `openapiv3` cannot read a list as `type`: rewrite `[T, "null"]` to
/// `type: T, nullable: true` and drop other lists (the schema is then untyped), keeping the
/// original list in [`TYPE_LIST_EXTENSION`]. (3.1 documents are rewritten by [`upgrade`].)
/// Values (`example`, `default`, `enum`, extensions) are left alone. Returns whether anything
/// was rewritten.
fn normalize_type_lists(value: &mut serde_json::Value) -> bool {
    use serde_json::Value as J;
    let mut changed = false;
    match value {
        J::Object(map) => {
            if let Some(J::Array(types)) = map.get("type") {
                let list = J::Array(types.clone());
                let non_null: Vec<J> = types
                    .iter()
                    .filter(|t| t.as_str() != Some("null"))
                    .cloned()
                    .collect();
                let nullable = non_null.len() < types.len();
                match <[J; 1]>::try_from(non_null) {
                    Ok([single]) if single.is_string() => {
                        map.insert("type".into(), single);
                        if nullable {
                            map.insert("nullable".into(), J::Bool(true));
                        }
                    }
                    _ => {
                        map.remove("type");
                    }
                }
                map.insert(TYPE_LIST_EXTENSION.into(), list);
                changed = true;
            }
            for (key, child) in map.iter_mut() {
                let skip = matches!(key.as_str(), "example" | "examples" | "default" | "enum")
                    || key.starts_with("x-");
                if !skip {
                    changed |= normalize_type_lists(child);
                }
            }
        }
        J::Array(items) => {
            for item in items {
                changed |= normalize_type_lists(item);
            }
        }
        _ => {}
    }
    changed
}

fn pointer_from_path(path: &serde_path_to_error::Path) -> Pointer {
    use serde_path_to_error::Segment;
    Pointer::from_tokens(path.iter().filter_map(|seg| match seg {
        Segment::Seq { index } => Some(index.to_string()),
        Segment::Map { key } => Some(key.clone()),
        Segment::Enum { variant } => Some(variant.clone()),
        Segment::Unknown => None,
    }))
}

/// A file's name as diagnostics show it: relative to the spec's directory.
fn shown(path: &Path) -> Arc<str> {
    path.to_string_lossy().replace('\\', "/").into()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rejects_other_versions_with_a_hint() {
        for (doc, needle) in [
            (
                "swagger: '2.0'\ninfo: {title: t, version: v}\npaths: {}",
                "Swagger 2.0",
            ),
            (
                "openapi: 3.2.0\ninfo: {title: t, version: v}\npaths: {}",
                "`3.2.0`",
            ),
        ] {
            let errs = parse(doc).unwrap_err();
            assert!(errs[0].message.contains(needle), "{:?}", errs);
            assert!(errs[0].help.as_deref().unwrap().contains("3.0.x"));
        }
    }

    #[test]
    fn reading_the_tree_gives_the_document_that_reading_the_text_gives() {
        let text = include_str!("../../../spec/customers.yaml");
        let from_text: openapiv3::OpenAPI = serde_yaml::from_str(text).unwrap();
        assert_eq!(parse(text).unwrap(), from_text);
    }

    #[test]
    fn json_reads_like_the_same_document_in_yaml() {
        let yaml = include_str!("../../../spec/customers.yaml");
        let tree: serde_json::Value = serde_yaml::from_str(yaml).unwrap();
        let json = serde_json::to_string_pretty(&tree).unwrap();
        assert_eq!(parse(&json).unwrap(), parse(yaml).unwrap());
        let errs = parse(&json.replacen("\"3.0.", "\"4.0.", 1)).unwrap_err();
        assert!(
            errs[0].message.contains("unsupported OpenAPI version"),
            "{errs:?}"
        );
    }

    #[test]
    fn malformed_yaml_has_a_line() {
        let errs = parse("openapi: 3.0.0\ninfo: [\n").unwrap_err();
        assert!(errs[0].line_col.is_some(), "{:?}", errs);
    }

    #[test]
    fn a_wrong_field_has_a_pointer_and_a_line() {
        let errs =
            parse("openapi: 3.0.0\ninfo:\n  title: [1]\n  version: v\npaths: {}\n").unwrap_err();
        assert_eq!(errs[0].at.as_ref().unwrap().to_string(), "#/info/title");
        assert_eq!(errs[0].line_col.map(|l| l.0), Some(3), "{errs:?}");
    }
}
