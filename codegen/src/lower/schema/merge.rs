//! Objects and `allOf`: properties merged from every part into one struct.

use super::shape::{shape, union_key, ObjectView, Shape};
use crate::diag::{Diagnostic, Pointer};
use crate::ir::{self, Field, Struct, TypeRef};
use crate::lower::{Dir, Hint, Lowerer};
use crate::naming::{self, Scope};
use indexmap::IndexMap;
use openapiv3::{
    AdditionalProperties, ReferenceOr, Schema, SchemaKind, StringFormat, Type,
    VariantOrUnknownOrEmpty,
};
use std::collections::{BTreeMap, BTreeSet};

/// A property gathered by `allOf` merging, with the name of the schema that declares it.
struct MergedProp<'a> {
    schema: &'a ReferenceOr<Box<Schema>>,
    at: Pointer,
    owner: Hint,
}

#[derive(Default)]
struct Merged<'a> {
    props: IndexMap<String, MergedProp<'a>>,
    required: BTreeSet<String>,
    additional: Option<(&'a AdditionalProperties, Pointer, Hint)>,
    /// Some part says `additionalProperties: false`: nothing beyond the named properties.
    closed: bool,
}

impl<'a> Lowerer<'a> {
    pub(super) fn struct_def(
        &mut self,
        schema: &'a Schema,
        at: &Pointer,
        dir: Dir,
        hint: &Hint,
        omit: Option<&str>,
    ) -> Struct {
        let mut merged = Merged::default();
        let mut stack = BTreeSet::new();
        self.collect(schema, at, hint, &mut merged, &mut stack);
        let mut scope = Scope::new();
        // Which property each field name went to, to explain numbered names.
        let mut owners: BTreeMap<String, &str> = BTreeMap::new();
        // The emitter names the flattened map of additional properties `additional_properties`.
        // Every object has one unless the schema closes it: JSON Schema allows properties a
        // schema does not name, real servers send them, and dropping them would lose data
        // in a read-modify-write.
        let has_map = !merged.closed;
        if has_map {
            scope.reserve("additional_properties");
            owners.insert("additional_properties".into(), "additionalProperties");
        }
        let mut fields = Vec::new();
        let mut closed_for_write = false;
        for (wire, prop) in &merged.props {
            if omit == Some(wire.as_str()) {
                continue;
            }
            // An unresolvable `$ref` (already reported) keeps its field as untyped JSON, so
            // the rest of the API is still usable (the proc-macro emits it beside the error).
            let resolved = self.target(prop.schema, &prop.at).map(|(target, _)| target);
            if let Some(target) = resolved {
                let data = &target.schema_data;
                if dir == Dir::Write && data.read_only {
                    // A request type keeps nothing beyond what it may send: a read-only
                    // property must not come back through the map of undeclared ones.
                    closed_for_write = true;
                    continue;
                }
                if dir == Dir::Read && data.write_only {
                    continue;
                }
            }
            let prop_hint = prop.owner.prop(wire);
            let ty = match resolved {
                Some(_) => self.lower_ref_or(prop.schema, &prop.at, dir, &prop_hint),
                None => TypeRef::Json,
            };
            // Descriptions live on the property; for a `$ref` property, on nothing (3.0 ignores
            // siblings of `$ref`), and the referenced type carries its own docs.
            let own = match prop.schema {
                ReferenceOr::Item(s) => Some(&s.schema_data),
                ReferenceOr::Reference { .. } => None,
            };
            if let Some(example) = own.and_then(|d| d.example.as_ref()) {
                self.record_example(prop.at.push("example"), &ty, example);
            }
            let base = naming::field_ident(wire, "field");
            let ident = scope.unique(&base);
            if ident == base {
                owners.insert(base, wire);
            } else {
                let taken_by = match owners.get(&base) {
                    Some(&"additionalProperties") => {
                        " for the map of `additionalProperties`".to_string()
                    }
                    Some(first) => format!(" by property `{first}`"),
                    None => String::new(),
                };
                self.diags.push(
                    Diagnostic::warning(
                        &prop.at,
                        format!("property `{wire}` becomes the field `{ident}`: `{base}` is already taken{taken_by}"),
                    )
                    .with_help("the wire names are kept; rename a property for nicer Rust names"),
                );
            }
            fields.push(Field {
                ident,
                wire: wire.clone(),
                ty,
                required: merged.required.contains(wire),
                nullable: resolved.is_some_and(|t| t.schema_data.nullable),
                boxed: false,
                read_only: resolved.is_some_and(|t| t.schema_data.read_only),
                secret: resolved.is_some_and(|t| is_secret(wire, t)),
                deprecated: resolved.is_some_and(|t| t.schema_data.deprecated),
                docs: ir::Docs {
                    title: own.and_then(|d| d.title.clone()),
                    description: own.and_then(|d| d.description.clone()),
                    example: own.and_then(|d| d.example.clone()),
                    default: own.and_then(|d| d.default.clone()),
                },
                at: prop.at.clone(),
            });
        }
        let additional = match merged.additional {
            _ if merged.closed || closed_for_write => None,
            Some((AdditionalProperties::Schema(s), p, owner)) => {
                Some(self.lower_ref_or(s, &p, dir, &owner.suffix("Value")))
            }
            Some((AdditionalProperties::Any(_), ..)) | None => Some(TypeRef::Json),
        };
        Struct { fields, additional }
    }

    /// Gather the properties of an object or an `allOf` chain into one flat list.
    fn collect(
        &mut self,
        schema: &'a Schema,
        at: &Pointer,
        owner: &Hint,
        acc: &mut Merged<'a>,
        stack: &mut BTreeSet<Pointer>,
    ) {
        if !stack.insert(at.clone()) {
            self.error(at, "`allOf` includes itself");
            return;
        }
        match shape(schema) {
            Shape::AllOf(parts, own) => {
                for (i, part) in parts.iter().enumerate() {
                    let p = at.push("allOf").push(i);
                    match part {
                        ReferenceOr::Reference { reference } => {
                            if let Some((target, ptr)) = self.resolve_schema(reference, &p) {
                                let hint = Hint::new(naming::type_ident(
                                    ptr.last().unwrap_or("Schema"),
                                    "Schema",
                                ));
                                self.collect(target, &ptr, &hint, acc, stack);
                            }
                        }
                        ReferenceOr::Item(s) => self.collect(s, &p, owner, acc, stack),
                    }
                }
                if let Some(own) = own {
                    self.collect_object(own, at, owner, acc);
                }
            }
            Shape::Object(view) => self.collect_object(view, at, owner, acc),
            // A part like `{required: [note]}` (no `type`, no properties) still makes the
            // properties of the other parts required.
            Shape::Any => {
                if let SchemaKind::Any(any) = &schema.schema_kind {
                    acc.required.extend(any.required.iter().cloned());
                }
            }
            // `anyOf: [{required: [a]}, {required: [b]}]`: "one of these is set", a check the
            // server makes; the properties stay optional in the merged struct.
            Shape::OneOf(members) | Shape::AnyOf(members)
                if members.iter().enumerate().all(|(i, m)| {
                    let p = at.push(union_key(schema)).push(i);
                    self.target(m, &p)
                        .is_some_and(|(s, _)| matches!(shape(s), Shape::Any))
                }) => {}
            _ => self.warn(
                at,
                "an `allOf` part that is not an object is ignored in the merged struct",
            ),
        }
        stack.remove(at);
    }

    fn collect_object(
        &mut self,
        view: ObjectView<'a>,
        at: &Pointer,
        owner: &Hint,
        acc: &mut Merged<'a>,
    ) {
        for (name, prop) in view.properties {
            acc.props.insert(
                name.clone(),
                MergedProp {
                    schema: prop,
                    at: at.push("properties").push(name),
                    owner: owner.clone(),
                },
            );
        }
        acc.required.extend(view.required.iter().cloned());
        if let Some(AdditionalProperties::Any(false)) = view.additional {
            acc.closed = true;
        } else if let Some(additional) = view.additional {
            acc.additional = Some((
                additional,
                at.push("additionalProperties"),
                owner.suffix("Extra"),
            ));
        }
    }
}

/// Properties whose values must never be printed: `format: password`, or a name that says so.
fn is_secret(wire: &str, schema: &Schema) -> bool {
    if let SchemaKind::Type(Type::String(s)) = &schema.schema_kind {
        if matches!(
            s.format,
            VariantOrUnknownOrEmpty::Item(StringFormat::Password)
        ) {
            return true;
        }
    }
    let name = naming::field_ident(wire, "field");
    let name = name.trim_end_matches('_');
    [
        "password",
        "secret",
        "pin",
        "access_token",
        "refresh_token",
        "id_token",
        "api_key",
        "client_secret",
        "private_key",
    ]
    .iter()
    .any(|s| {
        // `name == s` or `name` ends with `_{s}`, without allocating that suffix per property.
        name.strip_suffix(s)
            .is_some_and(|rest| rest.is_empty() || rest.ends_with('_'))
    })
}
