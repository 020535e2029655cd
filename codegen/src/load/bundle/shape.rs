//! The shape of an OpenAPI document: what kind of object each node is (a schema, a response, ...).

use crate::diag::Pointer;

/// The object kinds of an OpenAPI document that the walk tells apart.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(super) enum Obj {
    Document,
    Components,
    PathItem,
    Operation,
    Callback,
    Parameter,
    Header,
    RequestBody,
    Response,
    MediaType,
    Encoding,
    Example,
    Schema,
    Discriminator,
    /// Anything else: walked for `$ref`s to other files, which are copied in.
    Other,
}

/// What a node is: one object, a map or list of them, or a value never walked (examples,
/// defaults, enums, extensions).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Kind {
    One(Obj),
    MapOf(Obj),
    ListOf(Obj),
    Value,
}

/// The component section an object kind is kept in when a `$ref` to it is bundled.
pub(super) fn section(obj: Obj) -> Option<&'static str> {
    Some(match obj {
        Obj::Schema => "schemas",
        Obj::Parameter => "parameters",
        Obj::Header => "headers",
        Obj::RequestBody => "requestBodies",
        Obj::Response => "responses",
        Obj::Example => "examples",
        _ => return None,
    })
}

const METHODS: [&str; 8] = [
    "get", "put", "post", "delete", "options", "head", "patch", "trace",
];

/// The kind of the child `key` of a node of kind `kind`.
pub(super) fn child(kind: Kind, key: &str) -> Kind {
    use Kind::{ListOf, MapOf, One, Value as V};
    let obj = match kind {
        V => return V,
        ListOf(obj) => return One(obj),
        // Paths and Responses objects take extensions; other maps are names (`x-request-id`).
        MapOf(Obj::PathItem | Obj::Response) if key.starts_with("x-") => return V,
        MapOf(obj) => return One(obj),
        One(obj) => obj,
    };
    if key.starts_with("x-") {
        return V;
    }
    match (obj, key) {
        (Obj::Document, "paths" | "webhooks") => MapOf(Obj::PathItem),
        (Obj::Document, "components") => One(Obj::Components),
        (Obj::Components, "schemas") => MapOf(Obj::Schema),
        (Obj::Components, "responses") => MapOf(Obj::Response),
        (Obj::Components, "parameters") => MapOf(Obj::Parameter),
        (Obj::Components, "examples") => MapOf(Obj::Example),
        (Obj::Components, "requestBodies") => MapOf(Obj::RequestBody),
        (Obj::Components, "headers") => MapOf(Obj::Header),
        (Obj::Components, "callbacks") => MapOf(Obj::Callback),
        (Obj::Components, "pathItems") => MapOf(Obj::PathItem),
        (Obj::PathItem, m) if METHODS.contains(&m) => One(Obj::Operation),
        (Obj::PathItem | Obj::Operation, "parameters") => ListOf(Obj::Parameter),
        (Obj::Operation, "requestBody") => One(Obj::RequestBody),
        (Obj::Operation, "responses") => MapOf(Obj::Response),
        (Obj::Operation, "callbacks") => MapOf(Obj::Callback),
        (Obj::Callback, _) => One(Obj::PathItem),
        (Obj::Parameter | Obj::Header | Obj::MediaType, "schema") => One(Obj::Schema),
        (Obj::Parameter | Obj::Header | Obj::RequestBody | Obj::Response, "content") => {
            MapOf(Obj::MediaType)
        }
        (Obj::Parameter | Obj::Header | Obj::MediaType | Obj::Schema, "example") => V,
        (Obj::Parameter | Obj::Header | Obj::MediaType, "examples") => MapOf(Obj::Example),
        (Obj::MediaType, "encoding") => MapOf(Obj::Encoding),
        (Obj::Response | Obj::Encoding, "headers") => MapOf(Obj::Header),
        (Obj::Example, "value") => V,
        (
            Obj::Schema,
            "properties" | "patternProperties" | "$defs" | "definitions" | "dependentSchemas",
        ) => MapOf(Obj::Schema),
        (Obj::Schema, "allOf" | "oneOf" | "anyOf" | "prefixItems") => ListOf(Obj::Schema),
        (
            Obj::Schema,
            "items"
            | "additionalProperties"
            | "not"
            | "contains"
            | "propertyNames"
            | "if"
            | "then"
            | "else"
            | "unevaluatedProperties"
            | "unevaluatedItems"
            | "additionalItems"
            | "contentSchema",
        ) => One(Obj::Schema),
        (Obj::Schema, "discriminator") => One(Obj::Discriminator),
        (Obj::Schema, "examples" | "default" | "enum" | "const") => V,
        (Obj::Discriminator, "mapping") => V,
        _ => One(Obj::Other),
    }
}

/// The kind of the node a pointer into the spec names.
pub(super) fn kind_at(ptr: &Pointer) -> Kind {
    ptr.tokens()
        .iter()
        .fold(Kind::One(Obj::Document), |kind, token| child(kind, token))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_follow_the_document_shape() {
        let p = |s: &str| Pointer::parse_ref(s).unwrap();
        assert_eq!(
            kind_at(&p(
                "#/components/responses/Conflict/content/application~1json/schema"
            )),
            Kind::One(Obj::Schema)
        );
        assert_eq!(
            kind_at(&p("#/components/schemas/A/allOf/1/properties/inputs/items")),
            Kind::One(Obj::Schema)
        );
        assert_eq!(
            kind_at(&p("#/paths/~1a/get/parameters/0")),
            Kind::One(Obj::Parameter)
        );
        assert_eq!(kind_at(&p("#/components/schemas/A/example")), Kind::Value);
    }
}
