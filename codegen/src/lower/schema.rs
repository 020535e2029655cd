//! Schemas into types: `allOf` merging, enums, constrained newtypes, unions, formats.

use super::{Dir, Hint, Interned, Lowerer, Origin};
use crate::diag::{Diagnostic, Pointer};
use crate::ir::{
    self, EnumVariant, Field, Newtype, Prim, Struct, TypeId, TypeKind, TypeRef, Variant,
};
use crate::naming::{self, Scope};
use indexmap::IndexMap;
use openapiv3::{
    AdditionalProperties, IntegerFormat, NumberFormat, ReferenceOr, Schema, SchemaKind,
    StringFormat, Type, VariantOrUnknownOrEmpty,
};
use std::borrow::Borrow;
use std::collections::{BTreeMap, BTreeSet};

type Props = IndexMap<String, ReferenceOr<Box<Schema>>>;

/// What a schema is, with `AnySchema` (a schema openapiv3 could not classify) folded in.
enum Shape<'a> {
    AllOf(&'a [ReferenceOr<Schema>], Option<ObjectView<'a>>),
    OneOf(&'a [ReferenceOr<Schema>]),
    AnyOf(&'a [ReferenceOr<Schema>]),
    Object(ObjectView<'a>),
    Array(Option<&'a ReferenceOr<Box<Schema>>>),
    String(StringView<'a>),
    Integer(Option<&'a str>),
    Number(Option<&'a str>),
    Boolean,
    Not,
    Any,
}

#[derive(Clone, Copy)]
struct ObjectView<'a> {
    properties: &'a Props,
    required: &'a [String],
    additional: Option<&'a AdditionalProperties>,
}

struct StringView<'a> {
    format: Option<&'a str>,
    pattern: Option<&'a str>,
    min_length: Option<usize>,
    max_length: Option<usize>,
    values: Vec<&'a str>,
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

fn shape(schema: &Schema) -> Shape<'_> {
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
        SchemaKind::Type(Type::Number(n)) => Shape::Number(format_str(&n.format, |f| match f {
            NumberFormat::Float => "float",
            NumberFormat::Double => "double",
        })),
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
                    Some("number") => Shape::Number(a.format.as_deref()),
                    Some("boolean") => Shape::Boolean,
                    _ if has_object => Shape::Object(object),
                    _ if a.items.is_some() => Shape::Array(a.items.as_ref()),
                    _ => Shape::Any,
                }
            }
        }
    }
}

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
}

/// A regex written in `format` (an upstream habit: `format: ^[PT]{1}\d{8}$`).
fn regex_in_format(format: &str) -> bool {
    format.starts_with('^') || format.ends_with('$')
}

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

    /// Directions matter only for schemas that have `readOnly`/`writeOnly` properties.
    fn effective_dir(&mut self, schema: &'a Schema, at: &Pointer, dir: Dir) -> Dir {
        if !self.is_sensitive(schema, at) {
            Dir::Any
        } else if dir == Dir::Any {
            Dir::Read
        } else {
            dir
        }
    }

    /// Does the schema (transitively) have `readOnly` or `writeOnly` properties?
    fn is_sensitive(&mut self, schema: &'a Schema, at: &Pointer) -> bool {
        if let Some(&known) = self.sensitive.get(at) {
            return known;
        }
        if !self.visiting.insert(at.clone()) {
            // On a cycle: `false` for now, decided by the caller that started the cycle.
            self.provisional = true;
            return false;
        }
        let outer_provisional = std::mem::replace(&mut self.provisional, false);
        let mut found = false;
        let mut check = |cx: &mut Self, s: &'a Schema, p: &Pointer| {
            found = found || cx.is_sensitive(s, p);
        };
        match shape(schema) {
            Shape::AllOf(parts, own) => {
                for (i, part) in parts.iter().enumerate() {
                    let p = at.push("allOf").push(i);
                    if let Some((s, p)) = self.target(part, &p) {
                        check(self, s, &p);
                    }
                }
                if let Some(own) = own {
                    found = found || self.object_sensitive(own, at);
                }
            }
            Shape::OneOf(parts) | Shape::AnyOf(parts) => {
                for (i, part) in parts.iter().enumerate() {
                    let p = at.push(union_key(schema)).push(i);
                    if let Some((s, p)) = self.target(part, &p) {
                        check(self, s, &p);
                    }
                }
            }
            Shape::Object(view) => found = self.object_sensitive(view, at),
            Shape::Array(Some(items)) => {
                if let Some((s, p)) = self.target(items, &at.push("items")) {
                    check(self, s, &p);
                }
            }
            _ => {}
        }
        self.visiting.remove(at);
        // `true` is final; `false` only if no answer on the way was provisional (else the same
        // schema asked again later, outside the cycle, may well be sensitive).
        let provisional = self.provisional;
        if found || !provisional {
            self.sensitive.insert(at.clone(), found);
        }
        self.provisional = outer_provisional || (provisional && !found);
        found
    }

    fn object_sensitive(&mut self, view: ObjectView<'a>, at: &Pointer) -> bool {
        for (name, prop) in view.properties {
            let p = at.push("properties").push(name);
            if let Some((s, p)) = self.target(prop, &p) {
                if s.schema_data.read_only || s.schema_data.write_only || self.is_sensitive(s, &p) {
                    return true;
                }
            }
        }
        if let Some(AdditionalProperties::Schema(s)) = view.additional {
            let p = at.push("additionalProperties");
            if let Some((s, p)) = self.target(s, &p) {
                return self.is_sensitive(s, &p);
            }
        }
        false
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
            Shape::Number(format) => TypeRef::Prim(if format == Some("float") {
                Prim::F32
            } else {
                Prim::F64
            }),
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

    fn struct_def(
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
        let has_map = matches!(
            merged.additional,
            Some((
                AdditionalProperties::Any(true) | AdditionalProperties::Schema(_),
                ..
            ))
        );
        if has_map {
            scope.reserve("additional_properties");
            owners.insert("additional_properties".into(), "additionalProperties");
        }
        let mut fields = Vec::new();
        for (wire, prop) in &merged.props {
            if omit == Some(wire.as_str()) {
                continue;
            }
            // An unresolvable `$ref` (already reported) keeps its field as untyped JSON, so
            // the rest of the API is still usable (the proc-macro emits it beside the error).
            let resolved = self.target(prop.schema, &prop.at).map(|(target, _)| target);
            if let Some(target) = resolved {
                let data = &target.schema_data;
                if (dir == Dir::Write && data.read_only) || (dir == Dir::Read && data.write_only) {
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
            Some((AdditionalProperties::Any(true), ..)) => Some(TypeRef::Json),
            Some((AdditionalProperties::Schema(s), p, owner)) => {
                Some(self.lower_ref_or(s, &p, dir, &owner.suffix("Value")))
            }
            _ => None,
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
        if let Some(additional) = view.additional {
            acc.additional = Some((
                additional,
                at.push("additionalProperties"),
                owner.suffix("Extra"),
            ));
        }
    }

    /// Component string schemas (enums, constrained strings) first, so that an identical inline
    /// one met later in an operation is interned into the component, whatever the order.
    pub(super) fn lower_component_strings(&mut self) {
        let Some(components) = &self.spec.components else {
            return;
        };
        for (name, schema) in &components.schemas {
            if let ReferenceOr::Item(schema) = schema {
                if matches!(shape(schema), Shape::String(_)) {
                    let at = Pointer::from_tokens(["components", "schemas", name.as_str()]);
                    self.named_schema(schema, at, Dir::Read);
                }
            }
        }
    }

    /// A string schema: a date/uuid/... primitive, an enum, a constrained newtype or `String`.
    /// `slot` is the type being defined when the schema is a component (so it takes that name).
    fn string_type(
        &mut self,
        schema: &'a Schema,
        view: StringView<'a>,
        at: &Pointer,
        hint: &Hint,
        slot: Option<TypeId>,
    ) -> TypeRef {
        let format_override = view
            .format
            .and_then(|f| self.override_for(&format!("format:{f}")));
        if let Some(user_type) = format_override {
            return user_type;
        }
        if !view.values.is_empty() {
            let mut scope = Scope::new();
            let mut seen = BTreeSet::new();
            let mut values = Vec::with_capacity(view.values.len());
            for v in &view.values {
                if seen.insert(*v) {
                    values.push(*v);
                } else {
                    self.warn(
                        &at.push("enum"),
                        format!("the enum lists `{v}` more than once; it is one variant"),
                    );
                }
            }
            let variants: Vec<EnumVariant> = values
                .iter()
                .map(|v| EnumVariant {
                    ident: scope.unique(&naming::type_ident(v, "Empty")),
                    wire: v.to_string(),
                })
                .collect();
            let fallback = scope.unique("Unknown");
            let key = Interned::Enum(values.iter().map(|v| v.to_string()).collect());
            return self.interned_type(
                key,
                TypeKind::Enum(ir::StringEnum { variants, fallback }),
                (schema, at),
                hint,
                slot,
            );
        }
        let mut pattern = view.pattern.map(str::to_string);
        let format = view.format;
        if let Some(f) = format.filter(|f| regex_in_format(f)) {
            if pattern.is_none() {
                pattern = Some(f.to_string());
            }
        }
        if let Some(p) = &pattern {
            if let Err(e) = regress::Regex::new(p) {
                self.warn(at, format!("pattern `{p}` is not a valid ECMA-262 regular expression ({e}); not enforced"));
                pattern = None;
            }
        }
        if pattern.is_some() || view.min_length.is_some() || view.max_length.is_some() {
            let key = Interned::Newtype {
                name: hint
                    .prop
                    .as_deref()
                    .map(|p| naming::field_ident(p, "field"))
                    .unwrap_or_else(|| naming::field_ident(&hint.name, "value")),
                min_length: view.min_length,
                max_length: view.max_length,
                pattern: pattern.clone(),
            };
            let newtype = Newtype {
                min_length: view.min_length,
                max_length: view.max_length,
                pattern,
            };
            return self.interned_type(key, TypeKind::Newtype(newtype), (schema, at), hint, slot);
        }
        let prim = match format {
            Some("date-time") => Prim::DateTime,
            Some("date") => Prim::Date,
            Some("uuid") => Prim::Uuid,
            _ => Prim::String,
        };
        TypeRef::Prim(prim)
    }

    /// One type per distinct enum (or per property name and constraints, for newtypes); a new
    /// one is at the schema that declares it first.
    fn interned_type(
        &mut self,
        key: Interned,
        kind: TypeKind,
        (schema, at): (&Schema, &Pointer),
        hint: &Hint,
        slot: Option<TypeId>,
    ) -> TypeRef {
        if let Some(id) = slot {
            // A component keeps its own name and type.
            self.slots[id.0].kind = Some(kind);
            self.interned.entry(key).or_insert(id);
            return TypeRef::Named(id);
        }
        if let Some(&id) = self.interned.get(&key) {
            self.offer_name(id, hint);
            return TypeRef::Named(id);
        }
        let origin = Origin {
            at: at.clone(),
            dir: Dir::Any,
            omit: None,
        };
        let id = self.push_slot(origin, None, Some(hint));
        let slot = &mut self.slots[id.0];
        slot.docs.title = schema.schema_data.title.clone();
        slot.docs.description = schema.schema_data.description.clone();
        slot.kind = Some(kind);
        self.interned.insert(key, id);
        TypeRef::Named(id)
    }

    /// `oneOf`/`anyOf` with a discriminator, or a base schema whose discriminator maps subtypes.
    fn tagged(
        &mut self,
        disc: &'a openapiv3::Discriminator,
        shape: &Shape<'a>,
        at: &Pointer,
        dir: Dir,
        hint: &Hint,
    ) -> TypeKind {
        if let Shape::OneOf(parts) | Shape::AnyOf(parts) = shape {
            if parts.iter().any(|p| matches!(p, ReferenceOr::Item(_))) {
                // Variants of a tagged union are named after their schemas; inline ones have
                // none. Decoded in order instead (the tag stays a field of each variant).
                self.diags.push(
                    Diagnostic::warning(
                        &at.push("discriminator"),
                        "a discriminated union with inline members is decoded as an untagged one (each member tried in order)",
                    )
                    .with_help("move the members into `components/schemas` and list them by `$ref`"),
                );
                let key = if matches!(shape, Shape::AnyOf(_)) {
                    "anyOf"
                } else {
                    "oneOf"
                };
                return self.untagged(parts, &at.push(key), dir, hint);
            }
        }
        let tag = disc.property_name.clone();
        // (tag value, $ref) pairs: the mapping first, then oneOf refs not in it (named after the schema).
        // A mapping value may be a schema name (`dog: Dog`) instead of a reference.
        let schemas = self.spec.components.as_ref().map(|c| &c.schemas);
        let mut targets: Vec<(String, String)> = disc
            .mapping
            .iter()
            .map(|(k, v)| {
                let is_name = !v.contains(['#', '/']) && schemas.is_some_and(|s| s.contains_key(v));
                let reference = if is_name {
                    format!("#/components/schemas/{}", v.replace('~', "~0"))
                } else {
                    v.clone()
                };
                (k.clone(), reference)
            })
            .collect();
        if let Shape::OneOf(parts) | Shape::AnyOf(parts) = shape {
            for part in parts.iter() {
                match part {
                    ReferenceOr::Reference { reference } => {
                        if !targets.iter().any(|(_, r)| r == reference) {
                            let value = reference
                                .rsplit('/')
                                .next()
                                .unwrap_or(reference)
                                .to_string();
                            targets.push((value, reference.clone()));
                        }
                    }
                    ReferenceOr::Item(_) => {}
                }
            }
        }
        let mut scope = Scope::new();
        let mut variants = Vec::new();
        for (value, reference) in targets {
            let p = at.push("discriminator").push("mapping").push(&value);
            let Some((target, ptr)) = self.resolve_schema(&reference, &p) else {
                continue;
            };
            let vdir = self.effective_dir(target, &ptr, dir);
            let origin = Origin {
                at: ptr.clone(),
                dir: vdir,
                omit: Some(tag.clone()),
            };
            let id = match self.by_origin.get(&origin) {
                Some(&id) => id,
                None => {
                    let name = naming::type_ident(ptr.last().unwrap_or("Variant"), "Variant");
                    let id = self.new_slot(origin, Some(name.clone()), None);
                    self.define(id, target, &ptr, vdir, &Hint::new(name), Some(&tag));
                    id
                }
            };
            variants.push(Variant {
                ident: scope.unique(&naming::type_ident(&value, "Variant")),
                wire: Some(value),
                ty: TypeRef::Named(id),
            });
        }
        let fallback = scope.unique("Unknown");
        TypeKind::Tagged {
            tag,
            variants,
            fallback,
        }
    }

    /// An untagged union of `parts`, found at `parts_at` (`.../oneOf` or `.../anyOf`).
    fn untagged(
        &mut self,
        parts: &'a [ReferenceOr<Schema>],
        parts_at: &Pointer,
        dir: Dir,
        hint: &Hint,
    ) -> TypeKind {
        let mut scope = Scope::new();
        let mut variants = Vec::new();
        for (i, part) in parts.iter().enumerate() {
            let p = parts_at.push(i);
            let ty = self.lower_ref_or(part, &p, dir, &hint.suffix(&format!("Variant{i}")));
            let base = match (&ty, part) {
                (_, ReferenceOr::Reference { reference }) => {
                    naming::type_ident(reference.rsplit('/').next().unwrap_or("Variant"), "Variant")
                }
                (_, ReferenceOr::Item(s)) if s.schema_data.title.is_some() => naming::type_ident(
                    s.schema_data.title.as_deref().unwrap_or_default(),
                    "Variant",
                ),
                (TypeRef::Prim(p), _) => format!("{p:?}"),
                (TypeRef::Vec(_), _) => "Array".to_string(),
                (TypeRef::Map(_), _) => "Object".to_string(),
                _ => format!("Variant{i}"),
            };
            variants.push(Variant {
                ident: scope.unique(&base),
                wire: None,
                ty,
            });
        }
        TypeKind::Untagged { variants }
    }
}

/// For a `oneOf`/`anyOf` whose parts are all inline string enums without other constraints: one
/// enum view with every value, in order, once.
fn enum_union(schema: &Schema) -> Option<StringView<'_>> {
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
fn union_key(schema: &Schema) -> &'static str {
    match shape(schema) {
        Shape::AnyOf(_) => "anyOf",
        _ => "oneOf",
    }
}

/// Is `part` merged field by field when it is an `allOf` part (objects), rather than being the
/// whole value (strings, numbers, arrays, unions)?
fn merges(part: &Schema) -> bool {
    matches!(
        shape(part),
        Shape::Object(_) | Shape::AllOf(..) | Shape::Any
    )
}

fn integer_prim(format: Option<&str>) -> Prim {
    match format {
        Some("int32") => Prim::I32,
        _ => Prim::I64,
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
