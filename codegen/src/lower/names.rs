//! Settling type and method names once every candidate is known, and boxing recursive fields.

use super::{Dir, Slot};
use crate::diag::{Diagnostic, Diagnostics, Pointer};
use crate::ir::{Example, TypeDef, TypeId, TypeKind, TypeRef};
use crate::naming::{field_ident, Scope};
use std::collections::{BTreeMap, BTreeSet};

mod methods;
pub(super) use methods::{doc_alias, methods, OpName};

/// Pick one name per slot, deterministically:
/// 1. components take their own name (two components mapping to one name is an error);
///    the write-side twin of a component that also has a read side gets `Request` appended;
/// 2. every other type takes, in creation order, its first free candidate: the bare property
///    name (`PhoneNumber`) when it has one, else the shortest context name
///    (`CustomerType` before `BasicUserType`), else a numbered one.
pub(super) fn settle(slots: &[Slot], diags: &mut Diagnostics) -> Vec<String> {
    let mut scope = Scope::new();
    // Prelude types the emitted code spells unqualified: a schema named `Result` becomes
    // `Result2` rather than shadowing them in the `types` module.
    for prelude in ["Box", "Option", "Result", "String", "Vec"] {
        scope.reserve(prelude);
    }
    // Names the crate root re-exports: a schema `Error` beside the runtime's `Error` would make
    // `use my_api::*; use my_api::types::*;` ambiguous.
    for root in crate::naming::ROOT_REEXPORTS {
        scope.reserve(root);
    }
    scope.reserve("Client");
    let mut names: Vec<Option<String>> = vec![None; slots.len()];
    let mut owners: BTreeMap<String, &Pointer> = BTreeMap::new();
    let dirs: BTreeMap<&Pointer, BTreeSet<Dir>> = slots.iter().fold(BTreeMap::new(), |mut m, s| {
        m.entry(&s.origin.at).or_default().insert(s.origin.dir);
        m
    });
    let twin =
        |slot: &Slot| slot.origin.dir == Dir::Write && dirs[&slot.origin.at].contains(&Dir::Read);

    for slot in slots {
        // The payload of a tagged union (the component without its tag property) never takes
        // the component's own name from the component as written.
        let own = |slot: &Slot| !twin(slot) && slot.origin.omit.is_none();
        let Some(required) = slot.required_name.as_ref().filter(|_| own(slot)) else {
            continue;
        };
        if !owners.contains_key(required) {
            owners.insert(required.clone(), &slot.origin.at);
        }
    }
    // Component names first, so that inline types never take them. Two schemas whose names
    // make one Rust name (`user` and `User`) are both kept: the later one, in document order,
    // gets a number.
    for (i, slot) in slots.iter().enumerate() {
        if let Some(required) = slot
            .required_name
            .as_ref()
            .filter(|_| !twin(slot) && slot.origin.omit.is_none())
        {
            if crate::naming::is_root_name(required) {
                let name = scope.unique(&format!("Api{required}"));
                diags.push(
                    Diagnostic::warning(
                        &slot.origin.at,
                        format!("this schema becomes the Rust type `{name}`: `{required}` is what the crate root re-exports from the runtime"),
                    )
                    .with_help("`use my_api::*;` and `use my_api::types::*;` together would make the name ambiguous"),
                );
                names[i] = Some(name);
                continue;
            }
            let name = scope.unique(required);
            if name != *required {
                if let Some(first) = owners.get(required).filter(|p| **p != &slot.origin.at) {
                    diags.push(
                        Diagnostic::warning(
                            &slot.origin.at,
                            format!("this schema becomes the Rust type `{name}`: `{first}` is already `{required}`"),
                        )
                        .with_help("schema names that differ only in case or separators make one Rust name; rename one for nicer names"),
                    );
                }
            }
            names[i] = Some(name);
        }
    }
    // Enums and newtypes before structs: `PhoneNumber` should name the phone number, not an
    // object that happens to sit under a `phone_number` property.
    let mut order: Vec<usize> = (0..slots.len()).collect();
    // Among them, the most used first.
    order.sort_by_key(|&i| {
        (
            !matches!(
                slots[i].kind,
                Some(TypeKind::Enum(_) | TypeKind::Newtype(_))
            ),
            std::cmp::Reverse(slots[i].sites),
        )
    });
    for i in order {
        let slot = &slots[i];
        if names[i].is_some() {
            continue;
        }
        if let Some(required) = &slot.required_name {
            let base = if twin(slot) {
                // `Self_` (an escaped keyword) + `Request` is `SelfRequest`, not `Self_Request`.
                format!("{}Request", required.trim_end_matches('_'))
            } else {
                required.clone()
            };
            let name = scope.unique(&base);
            if twin(slot) && name != base {
                let taken_by = owners
                    .get(&base)
                    .map(|p| format!(" by `{p}`"))
                    .unwrap_or_default();
                diags.push(
                    Diagnostic::warning(
                        &slot.origin.at,
                        format!("the request shape of this schema (without its read-only properties) is named `{name}`: `{base}` is taken{taken_by}"),
                    )
                    .with_help("rename one of the schemas"),
                );
            }
            names[i] = Some(name);
            continue;
        }
        let suffix = if twin(slot) { "Request" } else { "" };
        let bare = (slot.bare.len() == 1)
            .then(|| slot.bare.iter().next())
            .flatten();
        let mut candidates: Vec<&String> = slot.candidates.iter().collect();
        candidates.sort_by_key(|c| (c.len(), c.as_str().to_owned()));
        let pick = bare
            .into_iter()
            .chain(candidates.iter().copied())
            .map(|c| format!("{c}{suffix}"))
            .find(|c| !scope.is_taken(c))
            .or_else(|| candidates.first().map(|c| format!("{c}{suffix}")))
            .unwrap_or_else(|| "Type".to_string());
        names[i] = Some(scope.unique(&pick));
    }
    names.into_iter().map(|n| n.unwrap_or_default()).collect()
}

/// Name each example's test function after its pointer, without the pointer's structural
/// words (`components`, `schemas`, `properties`, ...); unique in the examples test.
pub(super) fn examples(examples: &mut [Example]) {
    let mut scope = Scope::new();
    for example in examples {
        let tokens = example.at.tokens();
        let meaningful: Vec<&str> = tokens
            .iter()
            .map(|t| &**t)
            .filter(|t| {
                !matches!(
                    *t,
                    "components"
                        | "schemas"
                        | "properties"
                        | "example"
                        | "content"
                        | "application/json"
                        | "schema"
                        | "allOf"
                )
            })
            .collect();
        example.name = scope.unique(&field_ident(&meaningful.join("_"), "example"));
    }
}

/// Box struct fields that would otherwise make a type contain itself by value.
pub(super) fn box_cycles(types: &mut [TypeDef]) {
    let mut to_box = Vec::new();
    for (i, def) in types.iter().enumerate() {
        if let TypeKind::Struct(s) = &def.kind {
            for (f, field) in s.fields.iter().enumerate() {
                if let TypeRef::Named(target) = &field.ty {
                    if reaches(types, *target, TypeId(i), &mut BTreeSet::new()) {
                        to_box.push((i, f));
                    }
                }
            }
        }
    }
    for (i, f) in to_box {
        if let TypeKind::Struct(s) = &mut types[i].kind {
            s.fields[f].boxed = true;
        }
    }
}

/// Does `from` contain `target` by value (not behind a `Vec` or map)?
fn reaches(types: &[TypeDef], from: TypeId, target: TypeId, seen: &mut BTreeSet<TypeId>) -> bool {
    if from == target {
        return true;
    }
    if !seen.insert(from) {
        return false;
    }
    let direct = |ty: &TypeRef| match ty {
        TypeRef::Named(id) => Some(*id),
        _ => None,
    };
    let next: Vec<TypeId> = match &types[from.0].kind {
        TypeKind::Struct(s) => s
            .fields
            .iter()
            .filter(|f| !f.boxed)
            .filter_map(|f| direct(&f.ty))
            .collect(),
        TypeKind::Tagged { variants, .. } | TypeKind::Untagged { variants } => {
            variants.iter().filter_map(|v| direct(&v.ty)).collect()
        }
        TypeKind::Alias(ty) => direct(ty).into_iter().collect(),
        TypeKind::Enum(_) | TypeKind::Newtype(_) => Vec::new(),
    };
    next.into_iter().any(|n| reaches(types, n, target, seen))
}
