//! What a schema is, read once: its `Shape` and the views of objects and strings.

use crate::ir::Prim;
use indexmap::IndexMap;
use openapiv3::{
    AdditionalProperties, IntegerFormat, ReferenceOr, Schema, SchemaKind, StringFormat, Type,
    VariantOrUnknownOrEmpty,
};

pub(super) type Props = IndexMap<String, ReferenceOr<Box<Schema>>>;

/// What a schema is, with `AnySchema` (a schema openapiv3 could not classify) folded in.
pub(super) enum Shape<'a> {
    AllOf(&'a [ReferenceOr<Schema>], Option<ObjectView<'a>>),
    OneOf(&'a [ReferenceOr<Schema>]),
    AnyOf(&'a [ReferenceOr<Schema>]),
    Object(ObjectView<'a>),
    Array(Option<&'a ReferenceOr<Box<Schema>>>),
    String(StringView<'a>),
    Integer(Option<&'a str>),
    Number,
    Boolean,
    Not,
    Any,
}

#[derive(Clone, Copy)]
pub(super) struct ObjectView<'a> {
    pub(super) properties: &'a Props,
    pub(super) required: &'a [String],
    pub(super) additional: Option<&'a AdditionalProperties>,
}

pub(super) struct StringView<'a> {
    pub(super) format: Option<&'a str>,
    pub(super) pattern: Option<&'a str>,
    pub(super) min_length: Option<usize>,
    pub(super) max_length: Option<usize>,
    pub(super) values: Vec<&'a str>,
}

fn format_str<T: std::fmt::Debug>(
    f: &VariantOrUnknownOrEmpty<T>,
    known: impl Fn(&T) -> &'static str,
) -> Option<&str> {
    match f {
        VariantOrUnknownOrEmpty::Item(item) => Some(known(item)),
        VariantOrUnknownOrEmpty::Unknown(s) => Some(s.as_str()),
        VariantOrUnknownOrEmpty::Empty => None,
    }
}

pub(super) fn shape(schema: &Schema) -> Shape<'_> {
    match &schema.schema_kind {
        SchemaKind::AllOf { all_of } => Shape::AllOf(all_of, None),
        SchemaKind::OneOf { one_of } => Shape::OneOf(one_of),
        SchemaKind::AnyOf { any_of } => Shape::AnyOf(any_of),
        SchemaKind::Not { .. } => Shape::Not,
        SchemaKind::Type(Type::Object(o)) => Shape::Object(ObjectView {
            properties: &o.properties,
            required: &o.required,
            additional: o.additional_properties.as_ref(),
        }),
        SchemaKind::Type(Type::Array(a)) => Shape::Array(a.items.as_ref()),
        SchemaKind::Type(Type::String(s)) => Shape::String(StringView {
            format: format_str(&s.format, |f| match f {
                StringFormat::Date => "date",
                StringFormat::DateTime => "date-time",
                StringFormat::Password => "password",
                StringFormat::Byte => "byte",
                StringFormat::Binary => "binary",
            }),
            pattern: s.pattern.as_deref(),
            min_length: s.min_length,
            max_length: s.max_length,
            values: s.enumeration.iter().flatten().map(String::as_str).collect(),
        }),
        SchemaKind::Type(Type::Integer(i)) => Shape::Integer(format_str(&i.format, |f| match f {
            IntegerFormat::Int32 => "int32",
            IntegerFormat::Int64 => "int64",
        })),
        SchemaKind::Type(Type::Number(_)) => Shape::Number,
        SchemaKind::Type(Type::Boolean(_)) => Shape::Boolean,
        SchemaKind::Any(a) => {
            let object = ObjectView {
                properties: &a.properties,
                required: &a.required,
                additional: a.additional_properties.as_ref(),
            };
            let has_object = !a.properties.is_empty() || a.additional_properties.is_some();
            if !a.all_of.is_empty() {
                Shape::AllOf(&a.all_of, has_object.then_some(object))
            } else if !a.one_of.is_empty() {
                Shape::OneOf(&a.one_of)
            } else if !a.any_of.is_empty() {
                Shape::AnyOf(&a.any_of)
            } else if a.not.is_some() {
                Shape::Not
            } else {
                match a.typ.as_deref() {
                    Some("object") => Shape::Object(object),
                    Some("array") => Shape::Array(a.items.as_ref()),
                    Some("string") => Shape::String(StringView {
                        format: a.format.as_deref(),
                        pattern: a.pattern.as_deref(),
                        min_length: a.min_length,
                        max_length: a.max_length,
                        values: a.enumeration.iter().filter_map(|v| v.as_str()).collect(),
                    }),
                    Some("integer") => Shape::Integer(a.format.as_deref()),
                    Some("number") => Shape::Number,
                    Some("boolean") => Shape::Boolean,
                    _ if has_object => Shape::Object(object),
                    _ if a.items.is_some() => Shape::Array(a.items.as_ref()),
                    _ => Shape::Any,
                }
            }
        }
    }
}

/// A regex written in `format` (an upstream habit: `format: ^[PT]{1}\d{8}$`).
pub(super) fn regex_in_format(format: &str) -> bool {
    format.starts_with('^') || format.ends_with('$')
}

/// For a `oneOf`/`anyOf` whose parts are all inline string enums without other constraints: one
/// enum view with every value, in order, once.
pub(super) fn enum_union(schema: &Schema) -> Option<StringView<'_>> {
    let (Shape::OneOf(parts) | Shape::AnyOf(parts)) = shape(schema) else {
        return None;
    };
    let mut values: Vec<&str> = Vec::new();
    for part in parts {
        let ReferenceOr::Item(part) = part else {
            return None;
        };
        let Shape::String(view) = shape(part) else {
            return None;
        };
        if view.values.is_empty()
            || view.pattern.is_some()
            || view.min_length.is_some()
            || view.max_length.is_some()
        {
            return None;
        }
        for v in view.values {
            if !values.contains(&v) {
                values.push(v);
            }
        }
    }
    (!values.is_empty()).then_some(StringView {
        format: None,
        pattern: None,
        min_length: None,
        max_length: None,
        values,
    })
}

/// The keyword that holds a union's parts: `anyOf` or (also for anything else) `oneOf`.
pub(super) fn union_key(schema: &Schema) -> &'static str {
    match shape(schema) {
        Shape::AnyOf(_) => "anyOf",
        _ => "oneOf",
    }
}

/// Is `part` merged field by field when it is an `allOf` part (objects), rather than being the
/// whole value (strings, numbers, arrays, unions)?
pub(super) fn merges(part: &Schema) -> bool {
    matches!(
        shape(part),
        Shape::Object(_) | Shape::AllOf(..) | Shape::Any
    )
}

pub(super) fn integer_prim(format: Option<&str>) -> Prim {
    match format {
        Some("int32") => Prim::I32,
        _ => Prim::I64,
    }
}
