//! Load: bytes of a YAML or JSON document into `openapiv3::OpenAPI`. The only file that knows YAML.

use crate::diag::{Diagnostic, Pointer, Severity};

/// Parse an OpenAPI 3.0.x document (YAML or JSON; JSON is YAML).
///
/// Rejects other versions up front with a diagnostic that says which are supported.
pub fn parse(text: &str) -> Result<openapiv3::OpenAPI, Vec<Diagnostic>> {
    // JSON is YAML, but serde_json reads it about four times faster than serde_yaml (nexus:
    // 3.4 ms vs 13.4 ms). A JSON document that reads as a 3.0 one is taken as read; anything
    // else (a syntax error, a 3.1 `type` list, another version) goes the YAML way below, which
    // says what is wrong and where. (serde_json keeps the last of two equal keys in a map where
    // the YAML reader rejects the document.)
    if text.trim_start().starts_with('{') {
        if let Ok(spec) = serde_json::from_str::<openapiv3::OpenAPI>(text) {
            if spec.openapi.starts_with("3.0.") {
                return Ok(spec);
            }
        }
    }
    let mut value: serde_yaml::Value =
        serde_yaml::from_str(text).map_err(|e| vec![yaml_error(&e)])?;
    check_version(&value)?;
    let rewritten = normalize_type_lists(&mut value);
    // Fast path: read the tree parsed above instead of parsing the text a second time (the
    // second parse was a third of generation before rendering). On error, read again the slow
    // way below, so diagnostics keep their pointer and line/column.
    if let Ok(spec) = serde::Deserialize::deserialize(&value) {
        return Ok(spec);
    }
    let result = if rewritten {
        // Rewritten: read the tree (errors then have a pointer but no line/column).
        serde_path_to_error::deserialize(value)
    } else {
        serde_path_to_error::deserialize(serde_yaml::Deserializer::from_str(text))
    };
    result.map_err(|e| {
        let at = pointer_from_path(e.path());
        let inner = e.into_inner();
        let mut diag = Diagnostic::error(
            &at,
            format!(
                "not a valid OpenAPI 3.0 document: {}",
                strip_location(&inner)
            ),
        );
        diag.line_col = inner.location().map(|l| (l.line(), l.column()));
        vec![diag]
    })
}

fn yaml_error(e: &serde_yaml::Error) -> Diagnostic {
    Diagnostic {
        severity: Severity::Error,
        at: None,
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

fn check_version(value: &serde_yaml::Value) -> Result<(), Vec<Diagnostic>> {
    const HELP: &str =
        "this generator supports OpenAPI 3.0.x documents (`openapi: 3.0.0` to `3.0.4`)";
    let root = Pointer::root();
    let Some(map) = value.as_mapping() else {
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
        Some(serde_yaml::Value::String(v)) if v.starts_with("3.0.") || v == "3.0" => Ok(()),
        Some(serde_yaml::Value::String(v)) => Err(vec![Diagnostic::error(
            &root.push("openapi"),
            format!("unsupported OpenAPI version `{v}`"),
        )
        .with_help(HELP)]),
        Some(v) => {
            let shown = serde_yaml::to_string(v).unwrap_or_default();
            Err(vec![Diagnostic::error(
                &root.push("openapi"),
                format!(
                    "the OpenAPI version must be a string, not `{}`",
                    shown.trim_end()
                ),
            )
            .with_help(format!(
                "{HELP}; quote it, e.g. `openapi: \"3.0.3\"`"
            ))])
        }
        None => Err(vec![Diagnostic::error(
            &root,
            "missing the `openapi` version field",
        )
        .with_help(HELP)]),
    }
}

/// Where a schema's `type` list (OpenAPI 3.1 syntax, e.g. `type: [string, "null"]`) is recorded
/// for lowering, which warns about it.
pub const TYPE_LIST_EXTENSION: &str = "x-codegen-type-list";

/// `openapiv3` cannot read a list as `type`; rewrite `[T, "null"]` to `type: T, nullable: true`
/// and drop other lists (the schema is then untyped), keeping the original list in
/// [`TYPE_LIST_EXTENSION`]. Values (`example`, `default`, `enum`, extensions) are left alone.
/// Returns whether anything was rewritten.
fn normalize_type_lists(value: &mut serde_yaml::Value) -> bool {
    use serde_yaml::Value as Y;
    let mut changed = false;
    match value {
        Y::Mapping(map) => {
            if let Some(Y::Sequence(types)) = map.get("type") {
                let list = Y::Sequence(types.clone());
                let non_null: Vec<Y> = types
                    .iter()
                    .filter(|t| t.as_str() != Some("null"))
                    .cloned()
                    .collect();
                let nullable = non_null.len() < types.len();
                match <[Y; 1]>::try_from(non_null) {
                    Ok([single]) if single.is_string() => {
                        map.insert("type".into(), single);
                        if nullable {
                            map.insert("nullable".into(), Y::Bool(true));
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
                let skip = key.as_str().is_some_and(|k| {
                    matches!(k, "example" | "examples" | "default" | "enum") || k.starts_with("x-")
                });
                if !skip {
                    changed |= normalize_type_lists(child);
                }
            }
        }
        Y::Sequence(items) => {
            for item in items {
                changed |= normalize_type_lists(item);
            }
        }
        Y::Tagged(tagged) => changed |= normalize_type_lists(&mut tagged.value),
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
                "openapi: 3.1.0\ninfo: {title: t, version: v}\npaths: {}",
                "`3.1.0`",
            ),
        ] {
            let errs = parse(doc).unwrap_err();
            assert!(errs[0].message.contains(needle), "{:?}", errs);
            assert!(errs[0].help.as_deref().unwrap().contains("3.0.x"));
        }
    }

    #[test]
    fn reading_the_tree_gives_the_document_that_reading_the_text_gives() {
        let text = include_str!("../../spec/customers.yaml");
        let from_text: openapiv3::OpenAPI = serde_yaml::from_str(text).unwrap();
        assert_eq!(parse(text).unwrap(), from_text);
    }

    #[test]
    fn json_reads_like_the_same_document_in_yaml() {
        let yaml = include_str!("../../spec/customers.yaml");
        let tree: serde_json::Value = serde_yaml::from_str(yaml).unwrap();
        let json = serde_json::to_string_pretty(&tree).unwrap();
        assert_eq!(parse(&json).unwrap(), parse(yaml).unwrap());
        // Not a 3.0 document: the YAML way's diagnostic, not the JSON reader's.
        let errs = parse(&json.replacen("\"3.0.", "\"3.1.", 1)).unwrap_err();
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
}
