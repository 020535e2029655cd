//! Bundle: other files and out-of-`components` `$ref` targets into one document's components, with a map back to where each was written.
//!
//! The walk knows the shape of an OpenAPI document (which node is a schema, a parameter, a
//! response, ...), so every `$ref` is resolved by what it stands for:
//! - a schema, parameter, response, request body, header or example that is not already a
//!   component of the spec becomes one (`#/components/<section>/<name>`), once per target:
//!   a target reached twice is one component, so one Rust type, and cycles (across files too)
//!   just work;
//! - anything else (a path item, an operation, a description) is copied in place.
//!
//! Each file is read once. Names come from the target (a component's name, a file's stem, the
//! meaningful words of a pointer) and are made unique per section, deterministically (walk
//! order is document order). OpenAPI 3.1 schemas are rewritten by [`super::upgrade`] on the way.

use super::{upgrade, Files, Version};
use crate::diag::{Diagnostic, Pointer};
use crate::naming;
use serde_json::{Map, Value};
use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;

mod files;
mod names;
mod shape;

use files::normalize;
use shape::{child, kind_at, section, Kind, Obj};

/// Where the parts that bundling moved were written: for each bundled pointer prefix, the file
/// (`None`: the spec itself) and the pointer in it.
#[derive(Debug, Clone, Default)]
pub struct SourceMap {
    entries: Vec<(Pointer, Option<Arc<str>>, Pointer)>,
}

impl SourceMap {
    /// Rewrite a diagnostic made against the bundled document to name the file and pointer
    /// where the user wrote it.
    pub fn relocate(&self, diag: &mut Diagnostic) {
        if diag.file.is_some() {
            return;
        }
        let Some(at) = &diag.at else { return };
        let best = self
            .entries
            .iter()
            .filter(|(prefix, ..)| at.tokens().starts_with(prefix.tokens()))
            .max_by_key(|(prefix, ..)| prefix.tokens().len());
        if let Some((prefix, file, src)) = best {
            let rest = &at.tokens()[prefix.tokens().len()..];
            let mut tokens = src.tokens().to_vec();
            tokens.extend(rest.iter().cloned());
            diag.at = Some(Pointer::from_tokens(tokens));
            diag.file = file.clone();
        }
    }
}

/// What bundling made of a document.
pub(super) struct Bundled {
    pub map: SourceMap,
    pub files: Vec<PathBuf>,
    pub warnings: Vec<Diagnostic>,
    pub errors: Vec<Diagnostic>,
    /// Whether the tree differs from the text as written.
    pub changed: bool,
}

/// A `$ref` target: a file (0 is the spec) and a pointer in it.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
struct Target {
    file: usize,
    ptr: Pointer,
}

/// Where the walk is: the file and pointer the node was written at, and its pointer in the
/// bundled document.
#[derive(Clone)]
struct Cx {
    file: usize,
    src: Pointer,
    at: Pointer,
}

struct SourceFile {
    path: PathBuf,
    shown: Option<Arc<str>>,
    /// The file as read (for file 0, the spec before bundling).
    tree: Value,
}

struct Bundler<'f> {
    version: Version,
    files_reader: Option<&'f dyn Files>,
    root_dir: PathBuf,
    files: Vec<SourceFile>,
    by_path: HashMap<PathBuf, usize>,
    /// (section, target) → component name.
    hoisted: HashMap<(&'static str, Target), String>,
    /// Normalised (Rust) names in use, per section.
    taken: HashMap<&'static str, HashSet<String>>,
    /// Components still to copy in: section, name, target, what the target is.
    pending: Vec<(&'static str, String, Target, Obj)>,
    /// New components, in the order they were made.
    made: Vec<(&'static str, String, Value)>,
    map: SourceMap,
    warnings: Vec<Diagnostic>,
    errors: Vec<Diagnostic>,
    /// Depth of in-place copies, to stop a cycle of path items or operations.
    depth: usize,
    changed: bool,
}

/// Bundle `root` in place.
pub(super) fn bundle(
    root: &mut Value,
    version: Version,
    origin: Option<(&Path, &dyn Files)>,
) -> Bundled {
    let (root_path, files_reader) = match origin {
        Some((path, files)) => (path.to_path_buf(), Some(files)),
        None => (PathBuf::new(), None),
    };
    let root_dir = root_path
        .parent()
        .map(Path::to_path_buf)
        .unwrap_or_default();
    let mut b = Bundler {
        version,
        files_reader,
        root_dir,
        files: Vec::new(),
        by_path: HashMap::new(),
        hoisted: HashMap::new(),
        taken: HashMap::new(),
        pending: Vec::new(),
        made: Vec::new(),
        map: SourceMap::default(),
        warnings: Vec::new(),
        errors: Vec::new(),
        depth: 0,
        changed: false,
    };
    let needs_copy = text_has_refs_to_move(root);
    b.files.push(SourceFile {
        path: root_path.clone(),
        shown: None,
        tree: if needs_copy {
            root.clone()
        } else {
            Value::Null
        },
    });
    b.by_path.insert(normalize(&root_path), 0);
    if let Some(components) = root.get("components").and_then(Value::as_object) {
        for (section, entries) in components {
            let Some(section) = section_name(section) else {
                continue;
            };
            if let Some(entries) = entries.as_object() {
                let taken = b.taken.entry(section).or_default();
                taken.extend(entries.keys().map(|k| naming::type_ident(k, "Component")));
            }
        }
    }
    if version == Version::V31 {
        upgrade::document(root, &mut b.warnings);
        b.changed = true;
    }
    if needs_copy {
        b.register_local_targets(root);
    }
    let cx = Cx {
        file: 0,
        src: Pointer::root(),
        at: Pointer::root(),
    };
    b.visit(root, Kind::One(Obj::Document), &cx, false);
    b.drain_pending();
    if !b.made.is_empty() {
        b.changed = true;
        insert_components(root, std::mem::take(&mut b.made));
    }
    if version == Version::V31 {
        root["openapi"] = Value::String("3.0.3".into());
    }
    Bundled {
        map: b.map,
        files: b.files.into_iter().map(|f| f.path).collect(),
        warnings: b.warnings,
        errors: b.errors,
        changed: b.changed,
    }
}

/// Does the document have a `$ref` that bundling must act on (another file, or a place that
/// is not a component)? Most documents have none, and then nothing is copied.
fn text_has_refs_to_move(value: &Value) -> bool {
    match value {
        Value::Object(map) => map.iter().any(|(k, v)| match (k.as_str(), v) {
            ("$ref", Value::String(r)) => !is_plain_component_ref(r),
            ("mapping", Value::Object(m)) => m.values().any(|v| {
                v.as_str()
                    .is_some_and(|r| r.contains('/') && !is_plain_component_ref(r))
            }),
            _ => text_has_refs_to_move(v),
        }),
        Value::Array(items) => items.iter().any(text_has_refs_to_move),
        _ => false,
    }
}

/// `#/components/<section>/<name>`: what `openapiv3` and lowering resolve themselves.
pub(super) fn is_plain_component_ref(r: &str) -> bool {
    Pointer::parse_ref(r).is_some_and(|p| is_component(&p).is_some())
}

/// The section of a pointer that names a component entry (`components/<section>/<name>`).
fn is_component(ptr: &Pointer) -> Option<&'static str> {
    match ptr.tokens() {
        [c, s, _] if &**c == "components" => section_name(s),
        _ => None,
    }
}

fn section_name(s: &str) -> Option<&'static str> {
    [
        "schemas",
        "parameters",
        "headers",
        "requestBodies",
        "responses",
        "examples",
    ]
    .into_iter()
    .find(|known| *known == s)
}

impl Bundler<'_> {
    fn error(&mut self, cx: &Cx, message: impl Into<String>, help: Option<&str>) {
        let mut d = Diagnostic::error(&cx.src, message);
        d.file = self.files[cx.file].shown.clone();
        d.help = help.map(str::to_string);
        self.errors.push(d);
    }

    /// `$ref`s of the spec to its own places outside `components` (a response's schema,
    /// another schema's property): those places become components, so the place itself and
    /// every reference to it are one type.
    fn register_local_targets(&mut self, root: &Value) {
        let mut refs = Vec::new();
        collect_local_refs(root, &mut refs);
        for r in refs {
            let Some(ptr) = Pointer::parse_ref(&r) else {
                continue;
            };
            if is_component(&ptr).is_some() {
                continue;
            }
            if let Kind::One(obj) = kind_at(&ptr) {
                if let Some(section) = section(obj) {
                    let cx = Cx {
                        file: 0,
                        src: Pointer::root(),
                        at: Pointer::root(),
                    };
                    let target = self.locate(Target { file: 0, ptr }, &cx);
                    if target.file == 0 && self.tree_at(&target).is_some() {
                        self.hoist(section, target, obj);
                    }
                }
            }
        }
    }

    fn visit(&mut self, value: &mut Value, kind: Kind, cx: &Cx, home: bool) {
        match kind {
            Kind::Value => {}
            Kind::MapOf(_) | Kind::ListOf(_) if is_lone_ref(value) => {
                // A whole map or list written elsewhere (`properties: {$ref: ...}`): copied in.
                let reference = value["$ref"].as_str().unwrap_or_default().to_string();
                let ref_cx = push(cx, "$ref");
                let Some(target) = self.resolve(&reference, &ref_cx) else {
                    return;
                };
                self.copy_in(value, kind, &target, &reference, cx);
            }
            Kind::MapOf(_) => {
                if let Value::Object(map) = value {
                    for (key, v) in map.iter_mut() {
                        let cx = push(cx, key);
                        self.visit(v, child(kind, key), &cx, false);
                    }
                }
            }
            Kind::ListOf(_) => {
                if let Value::Array(items) = value {
                    for (i, v) in items.iter_mut().enumerate() {
                        let cx = push(cx, &i.to_string());
                        self.visit(v, child(kind, ""), &cx, false);
                    }
                }
            }
            Kind::One(obj) => self.visit_object(value, obj, cx, home),
        }
    }

    fn visit_object(&mut self, value: &mut Value, obj: Obj, cx: &Cx, home: bool) {
        if let (Value::Array(items), Obj::Other) = (&mut *value, obj) {
            for (i, v) in items.iter_mut().enumerate() {
                self.visit_object(v, Obj::Other, &push(cx, &i.to_string()), false);
            }
            return;
        }
        if !value.is_object() {
            return;
        }
        // A place of the spec that a `$ref` elsewhere made a component: a reference here too.
        if let (Some(section), false) = (section(obj), home) {
            let here = Target {
                file: cx.file,
                ptr: cx.src.clone(),
            };
            if let Some(name) = self.hoisted.get(&(section, here)) {
                *value = component_ref(section, name);
                self.changed = true;
                return;
            }
        }
        let Value::Object(map) = value else { return };
        if obj == Obj::Schema {
            let file = self.files[cx.file].shown.clone();
            if self.version == Version::V31 {
                upgrade::schema(map, &mut self.warnings, &file, &cx.src);
            }
            self.changed |= upgrade::bounds(map, &mut self.warnings, &file, &cx.src);
        }
        if let Some(Value::String(reference)) = map.get("$ref") {
            let reference = reference.clone();
            self.reference(value, &reference, obj, cx);
            return;
        }
        let Value::Object(map) = value else { return };
        if obj == Obj::Discriminator {
            self.mapping(map, cx);
        }
        for (key, v) in map.iter_mut() {
            let kind = child(Kind::One(obj), key);
            if kind != Kind::Value {
                let cx = push(cx, key);
                self.visit(v, kind, &cx, false);
            }
        }
    }

    /// Discriminator mapping values name schemas by `$ref` (or by bare name).
    fn mapping(&mut self, disc: &mut Map<String, Value>, cx: &Cx) {
        let Some(Value::Object(mapping)) = disc.get_mut("mapping") else {
            return;
        };
        let mut dropped = Vec::new();
        for (key, v) in mapping.iter_mut() {
            let Value::String(r) = v else { continue };
            if !r.contains('/') && !r.contains('#') {
                continue; // a schema name
            }
            if cx.file == 0 && is_plain_component_ref(r) {
                continue;
            }
            let cx = push(&push(cx, "mapping"), key);
            let errors = self.errors.len();
            let Some(target) = self.resolve(r, &cx) else {
                // An upstream slip (a mapping to nowhere) costs one variant, not the API.
                for mut d in self.errors.drain(errors..).collect::<Vec<_>>() {
                    d.severity = crate::diag::Severity::Warning;
                    d.message.push_str("; this mapping is left out");
                    self.warnings.push(d);
                }
                dropped.push(key.clone());
                continue;
            };
            let name = self.hoist("schemas", target, Obj::Schema);
            *v = component_ref("schemas", &name)["$ref"].clone();
            self.changed = true;
        }
        for key in dropped {
            mapping.shift_remove(&key);
        }
    }

    /// A node `{$ref: ...}` standing for an `obj`.
    fn reference(&mut self, value: &mut Value, reference: &str, obj: Obj, cx: &Cx) {
        let ref_cx = push(cx, "$ref");
        if cx.file == 0 && reference.starts_with('#') {
            if let Some(ptr) = Pointer::parse_ref(reference) {
                if let Some(found) = is_component(&ptr) {
                    if section(obj).is_none_or(|own| own == found) {
                        return; // resolved by `openapiv3` and lowering
                    }
                }
            }
        }
        let Some(target) = self.resolve(reference, &ref_cx) else {
            return;
        };
        self.changed = true;
        match section(obj) {
            Some(section) => {
                let name = self.hoist(section, target, obj);
                if let Value::Object(map) = value {
                    map.insert(
                        "$ref".into(),
                        Value::String(format!("#/components/{section}/{}", escape(&name))),
                    );
                }
            }
            // A path item, an operation, a description: copied in place.
            None => self.copy_in(value, Kind::One(obj), &target, reference, cx),
        }
    }

    /// Replace `value` (a `$ref` to `target`) by a copy of the target, walked as `kind` in
    /// its own file, and remember where the copy came from.
    fn copy_in(
        &mut self,
        value: &mut Value,
        kind: Kind,
        target: &Target,
        reference: &str,
        cx: &Cx,
    ) {
        if self.depth > 64 {
            let ref_cx = push(cx, "$ref");
            let message = format!("`$ref` `{reference}` is part of a reference cycle");
            self.error(&ref_cx, message, None);
            return;
        }
        let Some(mut content) = self.tree_at(target).cloned() else {
            return;
        };
        self.changed = true;
        self.map.entries.push((
            cx.at.clone(),
            self.files[target.file].shown.clone(),
            target.ptr.clone(),
        ));
        let inner = Cx {
            file: target.file,
            src: target.ptr.clone(),
            at: cx.at.clone(),
        };
        self.depth += 1;
        self.visit(&mut content, kind, &inner, false);
        self.depth -= 1;
        *value = content;
    }

    /// The component name for `target` in `section`, made (and queued for copying) on first use.
    fn hoist(&mut self, section: &'static str, target: Target, obj: Obj) -> String {
        if let Some(name) = self.hoisted.get(&(section, target.clone())) {
            return name.clone();
        }
        let name = self.fresh_name(section, &target);
        self.hoisted.insert((section, target.clone()), name.clone());
        self.pending.push((section, name.clone(), target, obj));
        name
    }

    fn drain_pending(&mut self) {
        let mut next = 0;
        while next < self.pending.len() {
            let (section, name, target, obj) = self.pending[next].clone();
            next += 1;
            let Some(mut content) = self.tree_at(&target).cloned() else {
                continue;
            };
            let at = Pointer::from_tokens(["components", section, name.as_str()]);
            self.map.entries.push((
                at.clone(),
                self.files[target.file].shown.clone(),
                target.ptr.clone(),
            ));
            let cx = Cx {
                file: target.file,
                src: target.ptr.clone(),
                at,
            };
            self.visit(&mut content, Kind::One(obj), &cx, true);
            self.made.push((section, name, content));
        }
    }
}

/// `{$ref: "..."}` and nothing else.
fn is_lone_ref(value: &Value) -> bool {
    matches!(value, Value::Object(map) if map.len() == 1 && map.get("$ref").is_some_and(Value::is_string))
}

fn push(cx: &Cx, token: &str) -> Cx {
    Cx {
        file: cx.file,
        src: cx.src.push(token),
        at: cx.at.push(token),
    }
}

/// Every `$ref` (and discriminator mapping value) that is local to the spec.
fn collect_local_refs(value: &Value, out: &mut Vec<String>) {
    match value {
        Value::Object(map) => {
            for (k, v) in map {
                match (k.as_str(), v) {
                    ("$ref", Value::String(r)) if r.starts_with("#/") => out.push(r.clone()),
                    ("mapping", Value::Object(m)) => out.extend(
                        m.values()
                            .filter_map(Value::as_str)
                            .filter(|r| r.starts_with("#/"))
                            .map(str::to_string),
                    ),
                    _ => collect_local_refs(v, out),
                }
            }
        }
        Value::Array(items) => items.iter().for_each(|v| collect_local_refs(v, out)),
        _ => {}
    }
}

/// A pointer as `serde_json::Value::pointer` takes it (no leading `#`).
fn ptr_text(ptr: &Pointer) -> String {
    let shown = ptr.to_string();
    shown[1..].to_string()
}

fn escape(name: &str) -> String {
    name.replace('~', "~0").replace('/', "~1")
}

fn component_ref(section: &str, name: &str) -> Value {
    let mut map = Map::new();
    map.insert(
        "$ref".into(),
        Value::String(format!("#/components/{section}/{}", escape(name))),
    );
    Value::Object(map)
}

fn insert_components(root: &mut Value, made: Vec<(&'static str, String, Value)>) {
    let Value::Object(doc) = root else { return };
    let components = doc
        .entry("components")
        .or_insert_with(|| Value::Object(Map::new()));
    if !components.is_object() {
        *components = Value::Object(Map::new());
    }
    let Value::Object(components) = components else {
        return;
    };
    for (section, name, value) in made {
        let entries = components
            .entry(section)
            .or_insert_with(|| Value::Object(Map::new()));
        if let Value::Object(entries) = entries {
            entries.insert(name, value);
        }
    }
}
