//! String schemas: primitives by format, enums and constrained newtypes, interned by shape.

use super::shape::{regex_in_format, shape, Shape, StringView};
use crate::diag::Pointer;
use crate::ir::{self, EnumVariant, Newtype, Prim, TypeId, TypeKind, TypeRef};
use crate::lower::{Dir, Hint, Interned, Lowerer, Origin};
use crate::naming::{self, Scope};
use openapiv3::{ReferenceOr, Schema};
use std::collections::BTreeSet;

impl<'a> Lowerer<'a> {
    /// Component string schemas (enums, constrained strings) first, so that an identical inline
    /// one met later in an operation is interned into the component, whatever the order.
    pub(in crate::lower) fn lower_component_strings(&mut self) {
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
    pub(super) fn string_type(
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
}
