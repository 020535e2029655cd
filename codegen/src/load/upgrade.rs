//! Upgrade: OpenAPI 3.1 (JSON Schema 2020-12) constructs rewritten into the OpenAPI 3.0 shape that `openapiv3` reads, and numeric bounds made to fit their types.
//!
//! Each rewrite keeps the meaning: `type: [T, "null"]` is `type: T, nullable: true`; other type
//! lists are a `oneOf` of one schema per type; `oneOf`/`anyOf` with a `null` member is the rest,
//! nullable; `const` is a one-value `enum`; `examples` gives `example`; numeric
//! `exclusiveMinimum` is `minimum` plus `exclusiveMinimum: true`; a `$ref` with siblings is an
//! `allOf` of the reference, with the siblings; `contentEncoding: base64` is `format: byte` and
//! `contentMediaType` is `format: binary`; `prefixItems` gives `items`. What has no 3.0 meaning
//! (webhooks, `mutualTLS`, another dialect) is dropped with a warning.

use crate::diag::{Diagnostic, Pointer};
use serde_json::{Map, Value};
use std::sync::Arc;

/// The dialect a 3.1 document's schemas follow unless it says otherwise.
const DEFAULT_DIALECT: &str = "https://spec.openapis.org/oas/3.1/dialect/base";

/// Document-level rewrites of a 3.1 document.
pub(super) fn document(root: &mut Value, warnings: &mut Vec<Diagnostic>) {
    let Value::Object(doc) = root else { return };
    let at = Pointer::root();
    if let Some(Value::Object(hooks)) = doc.remove("webhooks") {
        if !hooks.is_empty() {
            let names: Vec<&str> = hooks.keys().map(String::as_str).collect();
            warnings.push(
                Diagnostic::warning(
                    &at.push("webhooks"),
                    format!(
                        "webhooks ({}) are requests the API sends, not ones a client makes; no code is generated for them",
                        names.join(", ")
                    ),
                )
                .with_help("type the payloads yourself from their schemas in `components/schemas`"),
            );
        }
    }
    if let Some(Value::String(dialect)) = doc.get("jsonSchemaDialect") {
        if dialect != DEFAULT_DIALECT {
            warnings.push(Diagnostic::warning(
                &at.push("jsonSchemaDialect"),
                format!("schemas are read as OpenAPI 3.1's default dialect, not `{dialect}`"),
            ));
        }
    }
    doc.entry("paths")
        .or_insert_with(|| Value::Object(Map::new()));
    // 3.1 made an operation's `responses` optional (3.0 requires it): none declared is none.
    if let Some(Value::Object(paths)) = doc.get_mut("paths") {
        paths.values_mut().for_each(default_responses);
    }
    if let Some(Value::Object(components)) = doc.get_mut("components") {
        if let Some(Value::Object(items)) = components.get_mut("pathItems") {
            items.values_mut().for_each(default_responses);
        }
        if let Some(Value::Object(callbacks)) = components.get_mut("callbacks") {
            callbacks_default_responses(callbacks);
        }
    }
    // `mutualTLS` has no 3.0 counterpart (and is set up on the transport, not per request).
    if let Some(Value::Object(schemes)) = doc
        .get_mut("components")
        .and_then(|c| c.get_mut("securitySchemes"))
    {
        let mtls: Vec<String> = schemes
            .iter()
            .filter(|(_, s)| s.get("type").and_then(Value::as_str) == Some("mutualTLS"))
            .map(|(k, _)| k.clone())
            .collect();
        for name in mtls {
            schemes.shift_remove(&name);
            warnings.push(
                Diagnostic::warning(
                    &Pointer::from_tokens(["components", "securitySchemes", name.as_str()]),
                    "a `mutualTLS` security scheme is configured on the transport (a client certificate), not per request; it is left out",
                )
                .with_help("give the client a reqwest client with the certificate (`Transport`)"),
            );
        }
    }
}

/// An empty `responses` on each operation of `path_item` (and of its callbacks) that has none.
fn default_responses(path_item: &mut Value) {
    const METHODS: [&str; 8] = [
        "get", "put", "post", "delete", "options", "head", "patch", "trace",
    ];
    let Value::Object(item) = path_item else {
        return;
    };
    for method in METHODS {
        let Some(Value::Object(op)) = item.get_mut(method) else {
            continue;
        };
        op.entry("responses")
            .or_insert_with(|| Value::Object(Map::new()));
        if let Some(Value::Object(callbacks)) = op.get_mut("callbacks") {
            callbacks_default_responses(callbacks);
        }
    }
}

/// [`default_responses`] on every path item of every callback (name → expression → item).
fn callbacks_default_responses(callbacks: &mut Map<String, Value>) {
    callbacks
        .values_mut()
        .filter_map(Value::as_object_mut)
        .flat_map(|c| c.values_mut())
        .for_each(default_responses);
}

/// Keywords that may sit beside a `$ref` without changing the schema it names.
fn is_ref_neutral(key: &str) -> bool {
    matches!(
        key,
        "$ref" | "$schema" | "$id" | "$comment" | "$anchor" | "$dynamicAnchor" | "summary"
    )
}

/// Rewrite one 3.1 schema object (its children are walked, and rewritten, after it).
pub(super) fn schema(
    map: &mut Map<String, Value>,
    warnings: &mut Vec<Diagnostic>,
    file: &Option<Arc<str>>,
    at: &Pointer,
) {
    // `$ref` with siblings: the siblings apply to the referenced schema.
    if map.contains_key("$ref") {
        if map
            .keys()
            .any(|k| !is_ref_neutral(k) && !k.starts_with("x-"))
        {
            let reference = map.remove("$ref").unwrap_or(Value::Null);
            let mut part = Map::new();
            part.insert("$ref".into(), reference);
            match map.get_mut("allOf") {
                Some(Value::Array(parts)) => parts.insert(0, Value::Object(part)),
                _ => {
                    map.insert("allOf".into(), Value::Array(vec![Value::Object(part)]));
                }
            }
        } else {
            return;
        }
    }
    if let Some(value) = map.remove("const") {
        if !map.contains_key("enum") {
            if !map.contains_key("type") {
                if let Some(t) = json_type(&value) {
                    map.insert("type".into(), Value::String(t.into()));
                }
            }
            map.insert("enum".into(), Value::Array(vec![value]));
        }
    }
    if let Some(Value::Array(examples)) = map.get("examples") {
        if !map.contains_key("example") {
            if let Some(first) = examples.first().cloned() {
                map.insert("example".into(), first);
            }
        }
        map.remove("examples");
    }
    for (exclusive, bound) in [
        ("exclusiveMinimum", "minimum"),
        ("exclusiveMaximum", "maximum"),
    ] {
        if let Some(Value::Number(n)) = map.get(exclusive).cloned() {
            map.insert(bound.into(), Value::Number(n));
            map.insert(exclusive.into(), Value::Bool(true));
        }
    }
    if let Some(Value::Array(values)) = map.get_mut("enum") {
        let before = values.len();
        values.retain(|v| !v.is_null());
        if values.len() < before {
            map.insert("nullable".into(), Value::Bool(true));
        }
    }
    type_list(map, warnings, file, at);
    if map.get("type").and_then(Value::as_str) == Some("null") {
        // Always `null`: an untyped value that may be null.
        map.remove("type");
        map.insert("nullable".into(), Value::Bool(true));
    }
    null_members(map);
    let is_string = map.get("type").and_then(Value::as_str) == Some("string");
    if is_string && !map.contains_key("format") {
        match (map.get("contentEncoding"), map.get("contentMediaType")) {
            (Some(Value::String(e)), _) if e == "base64" || e == "base64url" => {
                map.insert("format".into(), Value::String("byte".into()));
            }
            (None, Some(Value::String(media))) if !crate::ir::is_json(media) => {
                map.insert("format".into(), Value::String("binary".into()));
            }
            _ => {}
        }
    }
    if let Some(Value::Array(prefix)) = map.remove("prefixItems") {
        let has_items = matches!(map.get("items"), Some(Value::Object(_)));
        if !has_items && !prefix.is_empty() {
            let items = if prefix.iter().all(|p| *p == prefix[0]) {
                prefix[0].clone()
            } else {
                let mut union = Map::new();
                union.insert("oneOf".into(), Value::Array(prefix));
                Value::Object(union)
            };
            map.insert("items".into(), items);
        }
    }
    if matches!(map.get("items"), Some(Value::Bool(_))) {
        map.remove("items");
    }
}

/// `type: [..]`: `null` makes the schema nullable; one other type is the type; several are a
/// `oneOf` of one schema per type, each with the keywords that apply to it.
fn type_list(
    map: &mut Map<String, Value>,
    warnings: &mut Vec<Diagnostic>,
    file: &Option<Arc<str>>,
    at: &Pointer,
) {
    let Some(Value::Array(types)) = map.get("type") else {
        return;
    };
    let names: Vec<String> = types
        .iter()
        .filter_map(Value::as_str)
        .filter(|t| *t != "null")
        .map(str::to_string)
        .collect();
    let nullable = types.iter().any(|t| t.as_str() == Some("null"));
    map.remove("type");
    if nullable {
        map.insert("nullable".into(), Value::Bool(true));
    }
    match names.as_slice() {
        [] => {}
        [one] => {
            map.insert("type".into(), Value::String(one.clone()));
        }
        several => {
            if map.contains_key("oneOf") || map.contains_key("anyOf") {
                let mut d = Diagnostic::warning(
                    &at.push("type"),
                    "a list of types beside `oneOf`/`anyOf` is kept as untyped JSON",
                );
                d.file = file.clone();
                warnings.push(d);
                return;
            }
            let mut parts = Vec::new();
            for t in several {
                let mut part = Map::new();
                part.insert("type".into(), Value::String(t.clone()));
                for key in keywords_of(t) {
                    if let Some(v) = map.get(*key) {
                        part.insert((*key).to_string(), v.clone());
                    }
                }
                if let Some(Value::Array(values)) = map.get("enum") {
                    let fitting: Vec<Value> = values
                        .iter()
                        .filter(|v| {
                            json_type(v)
                                .is_some_and(|vt| vt == t || (t == "number" && vt == "integer"))
                        })
                        .cloned()
                        .collect();
                    if !fitting.is_empty() {
                        part.insert("enum".into(), Value::Array(fitting));
                    }
                }
                parts.push(Value::Object(part));
            }
            for t in several {
                for key in keywords_of(t) {
                    map.remove(*key);
                }
            }
            map.remove("enum");
            map.insert("oneOf".into(), Value::Array(parts));
        }
    }
}

/// The keywords that apply to one JSON type.
fn keywords_of(t: &str) -> &'static [&'static str] {
    match t {
        "string" => &[
            "format",
            "pattern",
            "minLength",
            "maxLength",
            "contentEncoding",
            "contentMediaType",
        ],
        "integer" | "number" => &[
            "format",
            "minimum",
            "maximum",
            "exclusiveMinimum",
            "exclusiveMaximum",
            "multipleOf",
        ],
        "array" => &[
            "items",
            "prefixItems",
            "minItems",
            "maxItems",
            "uniqueItems",
        ],
        "object" => &[
            "properties",
            "required",
            "additionalProperties",
            "minProperties",
            "maxProperties",
            "discriminator",
        ],
        _ => &[],
    }
}

/// Is this union member only `null`?
fn is_null_schema(v: &Value) -> bool {
    let Value::Object(m) = v else { return false };
    let only_null_type = match m.get("type") {
        Some(Value::String(t)) => t == "null",
        Some(Value::Array(ts)) => !ts.is_empty() && ts.iter().all(|t| t.as_str() == Some("null")),
        _ => false,
    };
    let only_null_value = matches!(m.get("const"), Some(Value::Null))
        || matches!(m.get("enum"), Some(Value::Array(vs)) if vs.len() == 1 && vs[0].is_null());
    only_null_type || only_null_value
}

/// `oneOf`/`anyOf` with a `null` member: the other members, nullable. One member left is the
/// schema itself (a reference kept as `allOf: [$ref]`, so siblings such as `description` stay).
fn null_members(map: &mut Map<String, Value>) {
    for key in ["oneOf", "anyOf"] {
        let Some(Value::Array(parts)) = map.get_mut(key) else {
            continue;
        };
        let before = parts.len();
        parts.retain(|p| !is_null_schema(p));
        if parts.len() == before {
            continue;
        }
        map.insert("nullable".into(), Value::Bool(true));
        let Some(Value::Array(parts)) = map.get(key) else {
            continue;
        };
        if parts.len() != 1 {
            continue;
        }
        let Some(Value::Object(only)) = parts.first().cloned() else {
            continue;
        };
        map.remove(key);
        if only.contains_key("$ref") {
            match map.get_mut("allOf") {
                Some(Value::Array(all)) => all.push(Value::Object(only)),
                _ => {
                    map.insert("allOf".into(), Value::Array(vec![Value::Object(only)]));
                }
            }
        } else {
            for (k, v) in only {
                map.entry(k).or_insert(v);
            }
        }
    }
}

/// The JSON type of a value, as a schema's `type` names it.
fn json_type(v: &Value) -> Option<&'static str> {
    Some(match v {
        Value::String(_) => "string",
        Value::Bool(_) => "boolean",
        Value::Number(n) if n.is_i64() || n.is_u64() => "integer",
        Value::Number(_) => "number",
        Value::Array(_) => "array",
        Value::Object(_) => "object",
        Value::Null => return None,
    })
}

/// Bounds that `openapiv3` reads as integers: an integer schema's `minimum`/`maximum`/
/// `multipleOf` (i64) and the lengths and counts (usize). A bound written as a float or beyond
/// the type's range is made to fit, or dropped with a warning. Returns whether anything changed.
pub(super) fn bounds(
    map: &mut Map<String, Value>,
    warnings: &mut Vec<Diagnostic>,
    file: &Option<Arc<str>>,
    at: &Pointer,
) -> bool {
    let mut changed = false;
    let mut drop = |map: &mut Map<String, Value>, key: &str, why: &str| {
        if let Some(v) = map.remove(key) {
            let mut d = Diagnostic::warning(
                &at.push(key),
                format!("`{key}: {v}` {why}; the bound is not checked"),
            );
            d.file = file.clone();
            warnings.push(d);
        }
    };
    if map.get("type").and_then(Value::as_str) == Some("integer") {
        for key in ["minimum", "maximum", "multipleOf"] {
            let Some(Value::Number(n)) = map.get(key) else {
                continue;
            };
            if n.is_i64() {
                continue;
            }
            let f = n.as_f64().unwrap_or(f64::NAN);
            let f = match key {
                "minimum" => f.ceil(),
                "maximum" => f.floor(),
                _ => f,
            };
            // Beyond ±2^63 (often i64's bound written as a float) is no bound for an i64.
            if f.is_finite() && f.fract() == 0.0 && f.abs() < 9.223_372_036_854_775e18 {
                map.insert(key.into(), Value::from(f as i64));
            } else if key == "multipleOf" {
                drop(map, key, "is not an integer");
            } else {
                drop(map, key, "does not fit a 64-bit integer");
            }
            changed = true;
        }
    }
    for key in [
        "minLength",
        "maxLength",
        "minItems",
        "maxItems",
        "minProperties",
        "maxProperties",
    ] {
        let Some(Value::Number(n)) = map.get(key) else {
            continue;
        };
        if n.is_u64() {
            continue;
        }
        match n.as_f64() {
            Some(f) if f >= 0.0 && f.fract() == 0.0 && f < 1.8e19 => {
                map.insert(key.into(), Value::from(f as u64));
            }
            _ => drop(map, key, "is not a count"),
        }
        changed = true;
    }
    changed
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn upgraded(v: Value) -> Value {
        let Value::Object(mut map) = v else { panic!() };
        schema(&mut map, &mut Vec::new(), &None, &Pointer::root());
        Value::Object(map)
    }

    #[test]
    fn type_lists_become_nullable_or_unions() {
        assert_eq!(
            upgraded(json!({"type": ["string", "null"], "format": "uuid"})),
            json!({"format": "uuid", "nullable": true, "type": "string"})
        );
        assert_eq!(
            upgraded(json!({"type": ["string", "integer"], "maxLength": 3})),
            json!({"oneOf": [{"type": "string", "maxLength": 3}, {"type": "integer"}]})
        );
    }

    #[test]
    fn null_members_make_the_rest_nullable() {
        assert_eq!(
            upgraded(
                json!({"anyOf": [{"$ref": "#/components/schemas/A"}, {"type": "null"}], "description": "d"})
            ),
            json!({"description": "d", "nullable": true, "allOf": [{"$ref": "#/components/schemas/A"}]})
        );
    }

    #[test]
    fn const_examples_and_exclusive_bounds() {
        assert_eq!(
            upgraded(json!({"const": "a", "examples": ["a"], "exclusiveMinimum": 0})),
            json!({"type": "string", "enum": ["a"], "example": "a", "minimum": 0, "exclusiveMinimum": true})
        );
    }

    #[test]
    fn ref_siblings_apply_to_the_reference() {
        assert_eq!(
            upgraded(json!({"$ref": "#/components/schemas/A", "description": "d"})),
            json!({"description": "d", "allOf": [{"$ref": "#/components/schemas/A"}]})
        );
    }

    #[test]
    fn integer_bounds_fit_or_go() {
        let mut warnings = Vec::new();
        let Value::Object(mut map) = json!({"type": "integer", "minimum": -9.223372036854776e18, "maximum": 10.0, "minLength": 2.0})
        else {
            panic!()
        };
        assert!(bounds(&mut map, &mut warnings, &None, &Pointer::root()));
        assert_eq!(
            Value::Object(map),
            json!({"type": "integer", "maximum": 10, "minLength": 2})
        );
        assert_eq!(warnings.len(), 1, "{warnings:?}");
    }
}
