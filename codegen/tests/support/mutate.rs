//! Structured mutations of OpenAPI documents (as `serde_json::Value` trees), shared by the
//! robustness test (`tests/robustness.rs`) and the cargo-fuzz targets (`fuzz/`) via `#[path]`.
//!
//! Every random decision goes through [`Choices`], so the test drives it with a seeded PRNG and
//! the fuzzer with its input bytes (which lets libFuzzer learn which choices reach new code).

#![allow(dead_code)]

use serde_json::{json, Map, Value};

/// A source of random decisions.
pub trait Choices {
    /// A number in `0..n` (`n > 0`).
    fn below(&mut self, n: usize) -> usize;

    fn chance(&mut self, one_in: usize) -> bool {
        self.below(one_in) == 0
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

/// Choices read from fuzzer bytes; `0` once the bytes run out.
pub struct ByteChoices<'a> {
    bytes: &'a [u8],
}

impl<'a> ByteChoices<'a> {
    pub fn new(bytes: &'a [u8]) -> Self {
        ByteChoices { bytes }
    }

    pub fn is_empty(&self) -> bool {
        self.bytes.is_empty()
    }
}

impl Choices for ByteChoices<'_> {
    fn below(&mut self, n: usize) -> usize {
        let mut x: usize = 0;
        // Two bytes are enough to index any node of the seed documents.
        for _ in 0..2 {
            if let Some((&b, rest)) = self.bytes.split_first() {
                x = (x << 8) | b as usize;
                self.bytes = rest;
            }
        }
        x % n.max(1)
    }
}

/// Names that stress identifier sanitizing: keywords, non-ASCII, empty, digits, separators.
pub const NAMES: &[&str] = &[
    "",
    " ",
    "_",
    "__",
    "type",
    "self",
    "Self",
    "super",
    "crate",
    "fn",
    "r#type",
    "async",
    "gen",
    "try",
    "union",
    "ærlig",
    "日本語",
    "🦀",
    "1abc",
    "123",
    "-",
    "+",
    "a-b",
    "a_b",
    "AB",
    "aB",
    "foo-bar",
    "FooBar",
    "foo_bar",
    "Unknown",
    "Value",
    "Option",
    "Result",
    "Vec",
    "String",
    "Box",
    "Nullable",
    "Client",
    "Error",
    "$ref",
    "a/b",
    "~",
    "{x}",
    "x y",
    "Ω",
    "ǅ",
    "\u{200b}",
    "a\u{301}",
    "new",
    "send",
    "default",
    "main",
    "std",
    "core",
    "serde",
];

/// `$ref` strings, local (existing or not), external and malformed.
pub const REFS: &[&str] = &[
    "#/components/schemas/Nope",
    "other.yaml#/x",
    "other.yaml",
    "#/",
    "#",
    "",
    "#/paths/~1x",
    "#/components",
    "#/components/schemas",
    "#/components/schemas/",
    "#/components/parameters/Nope",
    "#/components/responses/Nope",
    "#/components/schemas/~1~0",
    "#/components/schemas/%20",
    "#/info",
    "http://example.com/x.json#/a",
];

const TYPES: &[&str] = &[
    "string", "integer", "number", "boolean", "object", "array", "null", "strin", "any", "", "file",
];

const FORMATS: &[&str] = &[
    "date-time",
    "date",
    "uuid",
    "int32",
    "int64",
    "float",
    "double",
    "byte",
    "binary",
    "password",
    "^[a-",
    "^x$",
    "^(?<=a)b$",
    "$",
    "^",
    "email",
    "",
];

const PATTERNS: &[&str] = &[
    "[a-",
    "(",
    ")",
    "\\",
    "a{2,1}",
    "(?<n>a)\\k<m>",
    "^\\p{Nope}$",
    "*",
    "",
    "^[\\w-]+$",
    "(?=a)",
    "a{99999999999}",
    "[z-a]",
    "\\u{110000}",
];

const NUMBERS: &[f64] = &[
    -1.0,
    0.0,
    1.5,
    -1e300,
    1e300,
    4294967296.0,
    18446744073709551615.0,
    -9223372036854775808.0,
];

const CONSTRAINTS: &[&str] = &[
    "minLength",
    "maxLength",
    "minimum",
    "maximum",
    "minItems",
    "maxItems",
    "multipleOf",
    "minProperties",
    "maxProperties",
    "exclusiveMinimum",
    "exclusiveMaximum",
];

const COMPOSITIONS: &[&str] = &["oneOf", "allOf", "anyOf", "not", "items", "properties"];

const MEDIA: &[&str] = &[
    "application/json",
    "text/plain",
    "application/x-www-form-urlencoded",
    "multipart/form-data",
    "*/*",
    "",
    "application/problem+json",
];

const PATHS: &[&str] = &[
    "/{}",
    "/{a}{a}",
    "/{",
    "/}",
    "/{ü}",
    "/{type}",
    "",
    "x",
    "/a/{b}/{b}",
    "/{a}/{A}",
    "/{self}/{crate}",
];

/// A segment of a path to a node.
#[derive(Clone, Debug)]
enum Seg {
    Key(String),
    Index(usize),
}

fn node_mut<'v>(root: &'v mut Value, path: &[Seg]) -> Option<&'v mut Value> {
    let mut v = root;
    for seg in path {
        v = match (seg, v) {
            (Seg::Key(k), Value::Object(m)) => m.get_mut(k)?,
            (Seg::Index(i), Value::Array(a)) => a.get_mut(*i)?,
            _ => return None,
        };
    }
    Some(v)
}

/// Paths of every node (the root excluded), depth first, capped so huge documents stay cheap.
fn all_paths(root: &Value) -> Vec<Vec<Seg>> {
    const CAP: usize = 200_000;
    let mut out = Vec::new();
    let mut stack: Vec<(Vec<Seg>, &Value)> = vec![(Vec::new(), root)];
    while let Some((path, v)) = stack.pop() {
        if out.len() >= CAP {
            break;
        }
        match v {
            Value::Object(m) => {
                for (k, child) in m {
                    let mut p = path.clone();
                    p.push(Seg::Key(k.clone()));
                    stack.push((p, child));
                }
            }
            Value::Array(a) => {
                for (i, child) in a.iter().enumerate() {
                    let mut p = path.clone();
                    p.push(Seg::Index(i));
                    stack.push((p, child));
                }
            }
            _ => {}
        }
        if !path.is_empty() {
            out.push(path);
        }
    }
    out
}

/// Does this object look like a schema?
fn is_schema_like(m: &Map<String, Value>) -> bool {
    [
        "type",
        "properties",
        "items",
        "allOf",
        "oneOf",
        "anyOf",
        "enum",
        "$ref",
        "additionalProperties",
        "format",
        "nullable",
    ]
    .iter()
    .any(|k| m.contains_key(*k))
}

fn object_paths(root: &Value, schemas_only: bool) -> Vec<Vec<Seg>> {
    all_paths(root)
        .into_iter()
        .filter(|p| match node_mut_ref(root, p) {
            Some(Value::Object(m)) => !schemas_only || is_schema_like(m),
            _ => false,
        })
        .collect()
}

fn node_mut_ref<'v>(root: &'v Value, path: &[Seg]) -> Option<&'v Value> {
    let mut v = root;
    for seg in path {
        v = match (seg, v) {
            (Seg::Key(k), Value::Object(m)) => m.get(k)?,
            (Seg::Index(i), Value::Array(a)) => a.get(*i)?,
            _ => return None,
        };
    }
    Some(v)
}

fn schema_names(doc: &Value) -> Vec<String> {
    doc.pointer("/components/schemas")
        .and_then(Value::as_object)
        .map(|m| m.keys().cloned().collect())
        .unwrap_or_default()
}

fn escape_token(t: &str) -> String {
    t.replace('~', "~0").replace('/', "~1")
}

/// A `$ref` string: to an existing component half of the time, else one of [`REFS`].
fn random_ref(c: &mut impl Choices, doc: &Value) -> String {
    let names = schema_names(doc);
    if !names.is_empty() && c.chance(2) {
        format!(
            "#/components/schemas/{}",
            escape_token(c.pick(names.as_slice()).as_str())
        )
    } else {
        c.pick(REFS).to_string()
    }
}

/// Any JSON value, biased towards what trips generators.
pub fn random_value(c: &mut impl Choices, doc: &Value, depth: usize) -> Value {
    match c.below(if depth > 2 { 10 } else { 14 }) {
        0 => Value::Null,
        1 => json!(*c.pick(NUMBERS)),
        2 => json!(c.below(1000) as i64 - 500),
        3 => json!(*c.pick(NAMES)),
        4 => json!(c.chance(2)),
        5 => json!({}),
        6 => json!([]),
        7 | 8 => json!({ "$ref": random_ref(c, doc) }),
        9 => json!({ "type": *c.pick(TYPES) }),
        10 => {
            let mut m = Map::new();
            for _ in 0..c.below(4) {
                m.insert(c.pick(NAMES).to_string(), random_value(c, doc, depth + 1));
            }
            Value::Object(m)
        }
        11 => Value::Array(
            (0..c.below(4))
                .map(|_| random_value(c, doc, depth + 1))
                .collect(),
        ),
        12 => json!({
            "type": "object",
            "properties": { *c.pick(NAMES): random_value(c, doc, depth + 1) },
            "required": [*c.pick(NAMES)],
        }),
        _ => {
            json!({ *c.pick(COMPOSITIONS): [random_value(c, doc, depth + 1), { "$ref": random_ref(c, doc) }] })
        }
    }
}

/// Apply `n` random mutations to `doc`.
pub fn mutate(c: &mut impl Choices, doc: &mut Value, n: usize) {
    for _ in 0..n {
        mutate_once(c, doc);
    }
}

/// One mutation; returns what it did (for messages).
pub fn mutate_once(c: &mut impl Choices, doc: &mut Value) -> &'static str {
    let snapshot = doc.clone();
    match c.below(17) {
        0 => {
            // Delete a random key.
            let objects = object_paths(doc, false);
            if let Some(p) = pick_path(c, &objects) {
                if let Some(Value::Object(m)) = node_mut(doc, &p) {
                    if !m.is_empty() {
                        let k = m.keys().nth(c.below(m.len())).cloned().unwrap_or_default();
                        m.shift_remove(&k);
                    }
                }
            }
            "delete a key"
        }
        1 | 2 => {
            // Replace a random value.
            let paths = all_paths(doc);
            if let Some(p) = pick_path(c, &paths) {
                let v = random_value(c, &snapshot, 0);
                if let Some(slot) = node_mut(doc, &p) {
                    *slot = v;
                }
            }
            "replace a value"
        }
        3 => {
            // Duplicate a schema under a (possibly colliding) name.
            let names = schema_names(doc);
            if !names.is_empty() {
                let name = c.pick(&names).clone();
                let new_name = match c.below(4) {
                    0 => name.to_lowercase(),
                    1 => format!("{name}-"),
                    2 => name.replace(|ch: char| ch.is_uppercase(), "_"),
                    _ => c.pick(NAMES).to_string(),
                };
                if let Some(Value::Object(m)) = doc.pointer_mut("/components/schemas") {
                    let v = m.get(&name).cloned().unwrap_or(Value::Null);
                    m.insert(new_name, v);
                }
            }
            "duplicate a schema"
        }
        4 => {
            // Make a component recursive (directly, through properties, items or allOf).
            let names = schema_names(doc);
            if !names.is_empty() {
                let name = c.pick(&names).clone();
                let r = json!({ "$ref": format!("#/components/schemas/{}", escape_token(&name)) });
                if let Some(Value::Object(m)) = doc
                    .pointer_mut("/components/schemas")
                    .and_then(|s| s.as_object_mut())
                    .and_then(|s| s.get_mut(&name))
                {
                    match c.below(5) {
                        0 => {
                            let props = m.entry("properties").or_insert_with(|| json!({}));
                            if let Value::Object(props) = props {
                                props.insert("me".into(), r);
                            }
                            let req = m.entry("required").or_insert_with(|| json!([]));
                            if let Value::Array(req) = req {
                                req.push(json!("me"));
                            }
                        }
                        1 => {
                            m.insert("allOf".into(), json!([r]));
                        }
                        2 => {
                            m.insert("oneOf".into(), json!([r, {"type": "string"}]));
                        }
                        3 => {
                            m.insert("items".into(), r);
                        }
                        _ => {
                            m.insert("additionalProperties".into(), r);
                        }
                    }
                }
            }
            "make a schema recursive"
        }
        5 => {
            // Wrong `type`.
            with_schema(c, doc, |c, m| {
                let t = match c.below(4) {
                    0 => json!(["string", "null"]),
                    1 => json!(c.below(10)),
                    2 => Value::Null,
                    _ => json!(*c.pick(TYPES)),
                };
                m.insert("type".into(), t);
            });
            "change a type"
        }
        6 => {
            // Swap oneOf/allOf/anyOf (or turn one into `not`).
            with_schema(c, doc, |c, m| {
                let from = ["oneOf", "allOf", "anyOf"]
                    .into_iter()
                    .find(|k| m.contains_key(*k));
                let from = from.unwrap_or("properties");
                if let Some(v) = m.shift_remove(from) {
                    let to = *c.pick(&["oneOf", "allOf", "anyOf", "not", "items", "properties"]);
                    m.insert(to.into(), v);
                }
            });
            "swap a composition"
        }
        7 => {
            // Extreme constraints.
            with_schema(c, doc, |c, m| {
                let key = *c.pick(CONSTRAINTS);
                let v = match c.below(3) {
                    0 => json!(*c.pick(NUMBERS)),
                    1 => json!(u64::MAX),
                    _ => json!(-(c.below(5) as i64) - 1),
                };
                m.insert(key.into(), v);
            });
            "extreme constraint"
        }
        8 => {
            // Invalid regex in `pattern` or `format`.
            with_schema(c, doc, |c, m| {
                if c.chance(2) {
                    m.insert("pattern".into(), json!(*c.pick(PATTERNS)));
                } else {
                    m.insert("format".into(), json!(*c.pick(FORMATS)));
                }
                if c.chance(2) {
                    m.insert("type".into(), json!("string"));
                }
            });
            "bad pattern or format"
        }
        9 => {
            // Rename a key of a name map (properties, schemas, paths, responses, ...).
            let objects = object_paths(doc, false);
            if let Some(p) = pick_path(c, &objects) {
                let name = if c.chance(3) {
                    c.pick(PATHS).to_string()
                } else {
                    c.pick(NAMES).to_string()
                };
                if let Some(Value::Object(m)) = node_mut(doc, &p) {
                    if !m.is_empty() {
                        let k = m.keys().nth(c.below(m.len())).cloned().unwrap_or_default();
                        if let Some(v) = m.shift_remove(&k) {
                            m.insert(name, v);
                        }
                    }
                }
            }
            "rename a key"
        }
        10 => {
            // Odd operationIds (keywords, non-ASCII, empty, duplicates).
            let paths = all_paths(doc);
            let ops: Vec<&Vec<Seg>> = paths
                .iter()
                .filter(|p| matches!(p.last(), Some(Seg::Key(k)) if k == "operationId"))
                .collect();
            if !ops.is_empty() {
                let p = (*c.pick(&ops)).clone();
                let v = json!(*c.pick(NAMES));
                if let Some(slot) = node_mut(doc, &p) {
                    *slot = v;
                }
            }
            "odd operationId"
        }
        11 => {
            // Odd enum values.
            with_schema(c, doc, |c, m| {
                let values: Vec<Value> = (0..c.below(5))
                    .map(|_| match c.below(4) {
                        0 => Value::Null,
                        1 => json!(c.below(3)),
                        _ => json!(*c.pick(NAMES)),
                    })
                    .collect();
                m.insert("enum".into(), Value::Array(values));
            });
            "odd enum"
        }
        12 => {
            // A discriminator, sound or not.
            let r = random_ref(c, &snapshot);
            with_schema(c, doc, |c, m| {
                let mut d = json!({ "propertyName": *c.pick(NAMES) });
                if c.chance(2) {
                    d["mapping"] = json!({ *c.pick(NAMES): r });
                }
                m.insert("discriminator".into(), d);
            });
            "discriminator"
        }
        13 => {
            // `required` naming missing, duplicate or odd properties; or `nullable`/`readOnly`.
            with_schema(c, doc, |c, m| match c.below(3) {
                0 => {
                    m.insert(
                        "required".into(),
                        json!([*c.pick(NAMES), *c.pick(NAMES), *c.pick(NAMES)]),
                    );
                }
                1 => {
                    m.insert("nullable".into(), json!(c.chance(2)));
                }
                _ => {
                    let k = *c.pick(&["readOnly", "writeOnly"]);
                    m.insert(k.into(), json!(true));
                }
            });
            "required/nullable/readOnly"
        }
        14 => {
            // Odd path templates and parameters.
            if let Some(Value::Object(paths)) = doc.get_mut("paths") {
                let new_path = c.pick(PATHS).to_string();
                let item = if paths.is_empty() || c.chance(3) {
                    json!({"get": {"responses": {"200": {"description": "x"}}}})
                } else {
                    paths
                        .values()
                        .nth(c.below(paths.len()))
                        .cloned()
                        .unwrap_or(Value::Null)
                };
                paths.insert(new_path, item);
            }
            "odd path"
        }
        15 => {
            // Odd media types and bodies.
            let objects = all_paths(doc);
            let contents: Vec<&Vec<Seg>> = objects
                .iter()
                .filter(|p| matches!(p.last(), Some(Seg::Key(k)) if k == "content"))
                .collect();
            if !contents.is_empty() {
                let p = (*c.pick(&contents)).clone();
                let schema = random_value(c, &snapshot, 1);
                if let Some(Value::Object(m)) = node_mut(doc, &p) {
                    m.insert(c.pick(MEDIA).to_string(), json!({ "schema": schema }));
                }
            }
            "odd media type"
        }
        _ => {
            // Move a subtree somewhere else (mixes schemas, parameters and responses).
            let paths = all_paths(doc);
            if let (Some(from), Some(to)) = (pick_path(c, &paths), pick_path(c, &paths)) {
                let v = node_mut_ref(&snapshot, &from).cloned();
                if let (Some(v), Some(slot)) = (v, node_mut(doc, &to)) {
                    *slot = v;
                }
            }
            "move a subtree"
        }
    }
}

fn pick_path(c: &mut impl Choices, paths: &[Vec<Seg>]) -> Option<Vec<Seg>> {
    if paths.is_empty() {
        None
    } else {
        Some(paths[c.below(paths.len())].clone())
    }
}

/// Run `f` on a random schema-like object of `doc`.
fn with_schema<C: Choices>(
    c: &mut C,
    doc: &mut Value,
    f: impl FnOnce(&mut C, &mut Map<String, Value>),
) {
    let schemas = object_paths(doc, true);
    if let Some(p) = pick_path(c, &schemas) {
        if let Some(Value::Object(m)) = node_mut(doc, &p) {
            f(c, m);
        }
    }
}

/// A YAML value as JSON (non-string keys stringified), so any loadable seed can be mutated.
pub fn yaml_to_json(v: &serde_yaml::Value) -> Value {
    use serde_yaml::Value as Y;
    match v {
        Y::Null => Value::Null,
        Y::Bool(b) => Value::Bool(*b),
        Y::Number(n) => {
            if let Some(i) = n.as_i64() {
                json!(i)
            } else if let Some(u) = n.as_u64() {
                json!(u)
            } else {
                json!(n.as_f64())
            }
        }
        Y::String(s) => Value::String(s.clone()),
        Y::Sequence(s) => Value::Array(s.iter().map(yaml_to_json).collect()),
        Y::Mapping(m) => Value::Object(
            m.iter()
                .map(|(k, v)| {
                    let key = match k {
                        Y::String(s) => s.clone(),
                        other => serde_yaml::to_string(other)
                            .unwrap_or_default()
                            .trim_end()
                            .to_string(),
                    };
                    (key, yaml_to_json(v))
                })
                .collect(),
        ),
        Y::Tagged(t) => yaml_to_json(&t.value),
    }
}

/// Serialize a mutated document as JSON or YAML (both go through the same loader).
pub fn to_text(c: &mut impl Choices, doc: &Value) -> String {
    if c.chance(3) {
        serde_yaml::to_string(doc).unwrap_or_default()
    } else {
        serde_json::to_string_pretty(doc).unwrap_or_default()
    }
}
