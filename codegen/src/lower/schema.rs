//! Schemas into types: references, inline schemas by shape, and `define` (a type's kind).

use super::{Dir, Hint, Lowerer, Origin};
use crate::diag::{Diagnostic, Pointer};
use crate::ir::{self, Prim, TypeId, TypeKind, TypeRef};
use crate::naming;
use openapiv3::{AdditionalProperties, ReferenceOr, Schema, SchemaKind};
use std::borrow::Borrow;

mod merge;
mod sensitivity;
mod shape;
mod strings;
mod unions;

use shape::{enum_union, integer_prim, merges, shape, union_key, Shape};

impl<'a> Lowerer<'a> {
    /// The schema a schema-or-reference stands for: itself, or its `$ref` target.
    pub(super) fn target<S: Borrow<Schema>>(
        &mut self,
        schema: &'a ReferenceOr<S>,
        at: &Pointer,
    ) -> Option<(&'a Schema, Pointer)> {
        match schema {
            ReferenceOr::Item(s) => Some((s.borrow(), at.clone())),
            ReferenceOr::Reference { reference } => self.resolve_schema(reference, at),
        }
    }

    /// Lower a schema or reference found at `at` into a type reference.
    pub(super) fn lower_ref_or<S: Borrow<Schema>>(
        &mut self,
        schema: &'a ReferenceOr<S>,
        at: &Pointer,
        dir: Dir,
        hint: &Hint,
    ) -> TypeRef {
        match schema {
            ReferenceOr::Reference { reference } => match self.resolve_schema(reference, at) {
                Some((target, ptr)) => self.named_schema(target, ptr, dir),
                None => TypeRef::Json,
            },
            ReferenceOr::Item(schema) => self.lower_inline(schema.borrow(), at, dir, hint),
        }
    }

    /// A component schema: a type with the component's name, whatever its shape.
    pub(super) fn named_schema(&mut self, schema: &'a Schema, at: Pointer, dir: Dir) -> TypeRef {
        if let [components, schemas, name] = at.tokens() {
            let overridden = (&**components == "components" && &**schemas == "schemas")
                .then(|| self.override_for(name))
                .flatten();
            if let Some(user_type) = overridden {
                return user_type;
            }
        }
        let dir = self.effective_dir(schema, &at, dir);
        let origin = Origin {
            at: at.clone(),
            dir,
            omit: None,
        };
        if let Some(&id) = self.by_origin.get(&origin) {
            return TypeRef::Named(id);
        }
        let name = naming::type_ident(at.last().unwrap_or("Schema"), "Schema");
        let id = self.new_slot(origin, Some(name.clone()), None);
        self.define(id, schema, &at, dir, &Hint::new(name), None);
        TypeRef::Named(id)
    }

    /// Warn about a `type` that OpenAPI 3.0 does not have: unknown words, `null`, and lists
    /// (3.1 syntax, rewritten by `load`, which records the list in an extension).
    fn check_type(&mut self, schema: &'a Schema, at: &Pointer) {
        const TYPES_HELP: &str =
            "OpenAPI 3.0 types are string, number, integer, boolean, array and object";
        if let Some(list) = schema
            .schema_data
            .extensions
            .get(crate::load::TYPE_LIST_EXTENSION)
        {
            let shown = serde_json::to_string(list).unwrap_or_default();
            let diag = match &schema.schema_kind {
                SchemaKind::Any(a) if a.typ.is_none() => Diagnostic::warning(
                    &at.push("type"),
                    format!("a list of types (`{shown}`) is not OpenAPI 3.0; the value is kept as untyped JSON"),
                )
                .with_help("use `oneOf` with one schema per type"),
                _ => Diagnostic::warning(
                    &at.push("type"),
                    format!("`type: {shown}` is OpenAPI 3.1 syntax; read as one type with `nullable: true`"),
                )
                .with_help("write `type: T` and `nullable: true` in OpenAPI 3.0"),
            };
            self.diags.push(diag);
            return;
        }
        if let SchemaKind::Any(a) = &schema.schema_kind {
            match a.typ.as_deref() {
                None | Some("object" | "array" | "string" | "integer" | "number" | "boolean") => {}
                Some("null") => self.diags.push(
                    Diagnostic::warning(
                        &at.push("type"),
                        "`type: null` is not OpenAPI 3.0; the value is kept as untyped JSON",
                    )
                    .with_help("in OpenAPI 3.0, mark the schema that may be null with `nullable: true`"),
                ),
                Some(other) => self.diags.push(
                    Diagnostic::warning(
                        &at.push("type"),
                        format!("unknown type `{other}` is ignored (the schema is read as if it had no `type`)"),
                    )
                    .with_help(TYPES_HELP),
                ),
            }
        }
    }

    /// An inline schema: primitives stay primitives; objects, enums and newtypes get types.
    fn lower_inline(&mut self, schema: &'a Schema, at: &Pointer, dir: Dir, hint: &Hint) -> TypeRef {
        self.check_type(schema, at);
        if let Some((i, part)) = self.principal(schema, at) {
            let p = at.push("allOf").push(i);
            return match part {
                ReferenceOr::Reference { reference } => match self.resolve_schema(reference, &p) {
                    Some((target, ptr)) => self.named_schema(target, ptr, dir),
                    None => TypeRef::Json,
                },
                ReferenceOr::Item(part) => self.lower_inline(part, &p, dir, hint),
            };
        }
        match shape(schema) {
            Shape::String(view) => self.string_type(schema, view, at, hint, None),
            Shape::Integer(format) => TypeRef::Prim(integer_prim(format)),
            // `format: float` too: JSON numbers are doubles, and an `f32` would change what
            // the server sent (`0.0007338008770232183` would go back as `0.0007338009`).
            Shape::Number => TypeRef::Prim(Prim::F64),
            Shape::Boolean => TypeRef::Prim(Prim::Bool),
            Shape::Any => TypeRef::Json,
            Shape::Not => {
                self.warn(
                    at,
                    "`not` is not supported; the value is kept as untyped JSON",
                );
                TypeRef::Json
            }
            Shape::Array(items) => match items {
                Some(items) => {
                    let at = at.push("items");
                    let inner = self.lower_ref_or(items, &at, dir, &hint.suffix("Item"));
                    TypeRef::Vec(Box::new(self.nullable_element(items, &at, inner)))
                }
                None => TypeRef::Vec(Box::new(TypeRef::Json)),
            },
            Shape::Object(view) if view.properties.is_empty() => {
                self.map_type(view.additional, at, dir, hint)
            }
            Shape::AllOf([ReferenceOr::Reference { reference }], None) => {
                // `allOf: [$ref]` (often used to add a description to a reference) is the reference.
                match self.resolve_schema(reference, &at.push("allOf").push(0)) {
                    Some((target, ptr)) => self.named_schema(target, ptr, dir),
                    None => TypeRef::Json,
                }
            }
            Shape::AllOf([ReferenceOr::Item(part)], None) if !merges(part) => {
                // `allOf` of one string, array or union (e.g. to give it a title) is that part.
                self.lower_inline(part, &at.push("allOf").push(0), dir, hint)
            }
            Shape::AllOf(..) | Shape::Object(_) | Shape::OneOf(_) | Shape::AnyOf(_) => {
                let dir = self.effective_dir(schema, at, dir);
                let origin = Origin {
                    at: at.clone(),
                    dir,
                    omit: None,
                };
                if let Some(&id) = self.by_origin.get(&origin) {
                    return TypeRef::Named(id);
                }
                let id = self.new_slot(origin, None, Some(hint));
                self.define(id, schema, at, dir, hint, None);
                TypeRef::Named(id)
            }
        }
    }

    /// The part an `allOf` stands for when none of its parts is an object: the first string,
    /// number, array or union among them (the others only add docs, `required` or nothing).
    /// `None` when a part is an object (the parts are merged) or no part says what the value is.
    fn principal(
        &mut self,
        schema: &'a Schema,
        at: &Pointer,
    ) -> Option<(usize, &'a ReferenceOr<Schema>)> {
        let Shape::AllOf(parts, None) = shape(schema) else {
            return None;
        };
        let mut first = None;
        for (i, part) in parts.iter().enumerate() {
            let (target, _) = self.target(part, &at.push("allOf").push(i))?;
            match shape(target) {
                Shape::Any => {}
                Shape::Object(_) | Shape::AllOf(..) => return None,
                _ => {
                    first.get_or_insert((i, part));
                }
            }
        }
        first
    }

    /// An array item or map value that may be `null` is an `Option` (untyped JSON already
    /// holds `null`).
    fn nullable_element<S: Borrow<Schema>>(
        &mut self,
        schema: &'a ReferenceOr<S>,
        at: &Pointer,
        ty: TypeRef,
    ) -> TypeRef {
        let nullable = self
            .target(schema, at)
            .is_some_and(|(s, _)| s.schema_data.nullable);
        if nullable && ty != TypeRef::Json {
            TypeRef::Option(Box::new(ty))
        } else {
            ty
        }
    }

    fn map_type(
        &mut self,
        additional: Option<&'a AdditionalProperties>,
        at: &Pointer,
        dir: Dir,
        hint: &Hint,
    ) -> TypeRef {
        let value = match additional {
            Some(AdditionalProperties::Schema(s)) => {
                let at = at.push("additionalProperties");
                let value = self.lower_ref_or(s, &at, dir, &hint.suffix("Value"));
                self.nullable_element(s, &at, value)
            }
            _ => TypeRef::Json,
        };
        TypeRef::Map(Box::new(value))
    }

    /// Fill in slot `id` from `schema`. `omit` drops the discriminator of a union payload.
    pub(super) fn define(
        &mut self,
        id: TypeId,
        schema: &'a Schema,
        at: &Pointer,
        dir: Dir,
        hint: &Hint,
        omit: Option<&str>,
    ) {
        self.check_type(schema, at);
        let data = &schema.schema_data;
        {
            let slot = &mut self.slots[id.0];
            slot.docs = ir::Docs {
                title: data.title.clone(),
                description: data.description.clone(),
                example: data.example.clone(),
                default: data.default.clone(),
            };
            slot.deprecated = data.deprecated;
        }
        if let Some((i, part)) = self.principal(schema, at) {
            // `allOf` of a string, array or union (plus parts that only document it) is that
            // part, with the outer docs.
            let p = at.push("allOf").push(i);
            match part {
                ReferenceOr::Item(part) => self.define(id, part, &p, dir, hint, omit),
                ReferenceOr::Reference { reference } => {
                    let ty = match self.resolve_schema(reference, &p) {
                        Some((target, ptr)) => self.named_schema(target, ptr, dir),
                        None => TypeRef::Json,
                    };
                    self.slots[id.0].kind = Some(TypeKind::Alias(ty));
                }
            }
            let slot = &mut self.slots[id.0];
            if data.title.is_some() || data.description.is_some() {
                slot.docs.title = data.title.clone();
                slot.docs.description = data.description.clone();
            }
            return;
        }
        if let (None, Some(view)) = (&data.discriminator, enum_union(schema)) {
            // A `oneOf` of string enums (one value each, with its own description, as schemars
            // writes documented enums) is one string enum of all the values.
            let kind = match self.string_type(schema, view, at, hint, Some(id)) {
                TypeRef::Named(other) if other == id => self.slots[id.0]
                    .kind
                    .take()
                    .unwrap_or(TypeKind::Alias(TypeRef::Prim(Prim::String))),
                other => TypeKind::Alias(other),
            };
            if let Some(example) = &data.example {
                self.record_example(at.push("example"), &TypeRef::Named(id), example);
            }
            self.slots[id.0].kind = Some(kind);
            return;
        }
        let kind = match (&data.discriminator, shape(schema)) {
            (
                Some(disc),
                shape @ (Shape::OneOf(_) | Shape::AnyOf(_) | Shape::Object(_) | Shape::AllOf(..)),
            ) if omit.is_none()
                && (matches!(shape, Shape::OneOf(_) | Shape::AnyOf(_))
                    || !disc.mapping.is_empty()) =>
            {
                self.tagged(disc, &shape, at, dir, hint)
            }
            (_, Shape::OneOf(parts)) | (_, Shape::AnyOf(parts)) => {
                self.untagged(parts, &at.push(union_key(schema)), dir, hint)
            }
            (_, Shape::AllOf(..)) | (_, Shape::Object(_)) => {
                TypeKind::Struct(self.struct_def(schema, at, dir, hint, omit))
            }
            (_, Shape::String(view)) => match self.string_type(schema, view, at, hint, Some(id)) {
                TypeRef::Named(other) if other == id => match self.slots[id.0].kind.take() {
                    Some(kind) => kind,
                    None => TypeKind::Alias(TypeRef::Prim(Prim::String)),
                },
                other => TypeKind::Alias(other),
            },
            (_, _) => {
                let inner = self.lower_inline(schema, at, dir, hint);
                TypeKind::Alias(inner)
            }
        };
        if let Some(example) = &data.example {
            self.record_example(at.push("example"), &TypeRef::Named(id), example);
        }
        self.slots[id.0].kind = Some(kind);
    }
}
