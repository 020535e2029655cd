//! Builders: one per struct, and the names of their setters and per-field traits.

use crate::ir::{Api, BodyBuilder, TypeId, TypeKind};
use crate::naming::{type_ident, Scope};

/// One [`BodyBuilder`] per struct, sorted by the struct's name: callers build what they send
/// with it, and tests build what a server would answer (structs are `#[non_exhaustive]`, so
/// outside the crate a builder is the only way to make one).
/// Builder and trait names share one scope (they live in one module, with the typestate's
/// `Held`, `Here`, `L`, `R`, `Replace`, `Slot` and `With`). They are made of the type's name
/// without a trailing `_` (`Self_` + `Builder` would not be camel case), so two types may give
/// one builder name (`Self_`, `Self`), and per-field traits may collide (`FooBar` + `baz` vs
/// `Foo` + `bar_baz`): builders are named first, then the traits, in the types' order.
pub(super) fn plan(api: &Api) -> Vec<BodyBuilder> {
    let mut structs: Vec<TypeId> = (0..api.types.len())
        .map(TypeId)
        .filter(|id| matches!(api.type_def(*id).kind, TypeKind::Struct(_)))
        .collect();
    structs.sort_by(|a, b| api.type_def(*a).name.cmp(&api.type_def(*b).name));
    let mut scope = Scope::new();
    for name in ["Held", "Here", "L", "R", "Replace", "Slot", "With"] {
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
            let name = def.name.trim_end_matches('_');
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
                name: builder,
                rest,
                setters: s.fields.iter().map(|f| setters.unique(&f.ident)).collect(),
                has,
                unset,
            })
        })
        .collect()
}
