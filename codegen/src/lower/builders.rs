//! Body builders: which structs get one, and the names of their setters and per-field traits.

use crate::ir::{Api, BodyBuilder, TypeId, TypeKind, TypeRef};
use crate::naming::{type_ident, Scope};
use std::collections::BTreeSet;

/// One [`BodyBuilder`] per struct a caller builds to make a request, sorted by the struct's
/// name.
/// Builder and trait names share one scope (they live in one module); type names are unique
/// already, so only the per-field traits can collide (`FooBar` + `baz` vs `Foo` + `bar_baz`).
pub(super) fn plan(api: &Api) -> Vec<BodyBuilder> {
    let mut structs: Vec<TypeId> = request_structs(api).into_iter().collect();
    structs.sort_by(|a, b| api.type_def(*a).name.cmp(&api.type_def(*b).name));
    let mut scope = Scope::new();
    for id in &structs {
        let name = &api.type_def(*id).name;
        scope.reserve(&format!("{name}Builder"));
        scope.reserve(&format!("{name}BuilderRest"));
    }
    structs
        .into_iter()
        .filter_map(|id| {
            let def = api.type_def(id);
            let TypeKind::Struct(s) = &def.kind else {
                return None;
            };
            let name = def.name.as_str();
            let mut traits = |pattern: fn(&str, &str) -> String| -> Vec<String> {
                s.fields
                    .iter()
                    .filter(|f| f.required)
                    .map(|f| {
                        let field = type_ident(&f.ident, "Field");
                        scope.unique(&pattern(name, field.trim_end_matches('_')))
                    })
                    .collect()
            };
            let has = traits(|ty, field| format!("{ty}Has{field}"));
            let unset = traits(|ty, field| format!("{ty}{field}IsUnset"));
            let mut setters = Scope::new();
            setters.reserve("build");
            setters.reserve("additional_property");
            Some(BodyBuilder {
                ty: id,
                name: format!("{name}Builder"),
                rest: format!("{name}BuilderRest"),
                setters: s.fields.iter().map(|f| setters.unique(&f.ident)).collect(),
                has,
                unset,
            })
        })
        .collect()
}

/// Structs reachable from a request body or parameter (through fields, union variants and
/// aliases): what a caller builds to make a request.
fn request_structs(api: &Api) -> BTreeSet<TypeId> {
    let mut seen = BTreeSet::new();
    let mut stack: Vec<&TypeRef> = api
        .operations
        .iter()
        .flat_map(|op| {
            let body = op.body.iter().flat_map(|b| b.sent_types());
            body.chain(op.params.iter().map(|p| &p.ty))
        })
        .collect();
    while let Some(ty) = stack.pop() {
        match ty {
            TypeRef::Vec(inner) | TypeRef::Map(inner) | TypeRef::Option(inner) => stack.push(inner),
            TypeRef::Prim(_) | TypeRef::Json | TypeRef::External(_) => {}
            TypeRef::Named(id) => {
                if !seen.insert(*id) {
                    continue;
                }
                match &api.type_def(*id).kind {
                    TypeKind::Struct(s) => {
                        stack.extend(s.fields.iter().map(|f| &f.ty));
                        stack.extend(s.additional.as_ref());
                    }
                    TypeKind::Tagged { variants, .. } | TypeKind::Untagged { variants } => {
                        stack.extend(variants.iter().map(|v| &v.ty))
                    }
                    TypeKind::Alias(inner) => stack.push(inner),
                    TypeKind::Enum(_) | TypeKind::Newtype(_) => {}
                }
            }
        }
    }
    seen.retain(|id| matches!(api.type_def(*id).kind, TypeKind::Struct(_)));
    seen
}
