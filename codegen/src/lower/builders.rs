//! Builders: one per struct, and the names of their setters.

use crate::ir::{Api, BodyBuilder, TypeId, TypeKind};
use crate::naming::Scope;

/// One [`BodyBuilder`] per struct, sorted by the struct's name: callers build what they send
/// with it, and tests build what a server would answer (structs are `#[non_exhaustive]`, so
/// outside the crate a builder is the only way to make one).
/// Builder names share one scope (they live in one module, with the typestate's `Held`,
/// `Here`, `IsSet`, `IsUnset`, `L`, `R`, `Replace`, `Slot` and `With`). They are made of the
/// type's name without a trailing `_` (`Self_` + `Builder` would not be camel case), so two
/// types may give one builder name (`Self_`, `Self`): they are numbered in the types' order.
/// A required field's marker type is named after its setter, in a module of its own
/// (`fields`), shared by every builder with a field of that name.
pub(super) fn plan(api: &Api) -> Vec<BodyBuilder> {
    let mut structs: Vec<TypeId> = (0..api.types.len())
        .map(TypeId)
        .filter(|id| matches!(api.type_def(*id).kind, TypeKind::Struct(_)))
        .collect();
    structs.sort_by(|a, b| api.type_def(*a).name.cmp(&api.type_def(*b).name));
    let mut scope = Scope::new();
    for name in [
        "Held", "Here", "IsSet", "IsUnset", "L", "R", "Replace", "Slot", "With",
    ] {
        scope.reserve(name);
    }
    let names: Vec<(String, String)> = structs
        .iter()
        .map(|id| {
            let stem = api.type_def(*id).name.trim_end_matches('_');
            let builder = scope.unique(&format!("{stem}Builder"));
            let rest = scope.unique(&format!("{builder}Rest"));
            (builder, rest)
        })
        .collect();
    structs
        .into_iter()
        .zip(names)
        .filter_map(|(id, (builder, rest))| {
            let def = api.type_def(id);
            let TypeKind::Struct(s) = &def.kind else {
                return None;
            };
            let mut setters = Scope::new();
            setters.reserve("build");
            setters.reserve("additional_property");
            Some(BodyBuilder {
                ty: id,
                name: builder,
                rest,
                setters: s.fields.iter().map(|f| setters.unique(&f.ident)).collect(),
            })
        })
        .collect()
}
