//! Load: bytes of a YAML or JSON document into `openapiv3::OpenAPI`. The only file that knows YAML.

use crate::diag::{Diagnostic, Pointer, Severity};

/// Parse an OpenAPI 3.0.x document (YAML or JSON; JSON is YAML).
///
/// Rejects other versions up front with a diagnostic that says which are supported.
pub fn parse(text: &str) -> Result<openapiv3::OpenAPI, Vec<Diagnostic>> {
    let value: serde_yaml::Value = serde_yaml::from_str(text).map_err(|e| vec![yaml_error(&e)])?;
    check_version(&value)?;
    let de = serde_yaml::Deserializer::from_str(text);
    serde_path_to_error::deserialize(de).map_err(|e| {
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
        Some(v) => {
            let shown = match v {
                serde_yaml::Value::String(s) => s.clone(),
                other => format!("{other:?}"),
            };
            Err(vec![Diagnostic::error(
                &root.push("openapi"),
                format!("unsupported OpenAPI version `{shown}`"),
            )
            .with_help(HELP)])
        }
        None => Err(vec![Diagnostic::error(
            &root,
            "missing the `openapi` version field",
        )
        .with_help(HELP)]),
    }
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
    fn malformed_yaml_has_a_line() {
        let errs = parse("openapi: 3.0.0\ninfo: [\n").unwrap_err();
        assert!(errs[0].line_col.is_some(), "{:?}", errs);
    }
}
