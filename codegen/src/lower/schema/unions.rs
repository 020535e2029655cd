//! `oneOf`/`anyOf`: tagged unions (a discriminator) and untagged ones.

use super::shape::Shape;
use crate::diag::{Diagnostic, Pointer};
use crate::ir::{TypeKind, TypeRef, Variant};
use crate::lower::{Dir, Hint, Lowerer, Origin};
use crate::naming::{self, Scope};
use openapiv3::{ReferenceOr, Schema};

impl<'a> Lowerer<'a> {
    /// `oneOf`/`anyOf` with a discriminator, or a base schema whose discriminator maps subtypes.
    pub(super) fn tagged(
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
    pub(super) fn untagged(
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
