//! Per-tag cargo features (`Options::features_by_tag`): each operation's feature, and the
//! features each type is behind (those whose operations reach it).

use crate::ir::{Api, Operation, TypeId, TypeRef};
use heck::ToSnakeCase;
use std::collections::BTreeSet;

/// The feature of operations without a tag.
pub const UNTAGGED: &str = "untagged";

/// Sets every operation's `feature`, every type's `features`, and `Api::features`.
///
/// An operation is behind the feature of its first tag. A type is behind the features whose
/// operations reach it (through parameters, bodies, responses and their headers, then fields,
/// variants, aliases and map values), any of which brings it in; a type no operation reaches
/// (a component nothing uses), and what it reaches, is always there. What a type reaches is
/// reached by at least its features, so an item never names one that can be missing.
pub(super) fn assign(api: &mut Api) {
    let features: Vec<String> = api
        .operations
        .iter()
        .map(|op| feature_name(op.tags.first().map(String::as_str)))
        .collect();
    // Per type: which features reach it; `None` stands for "always".
    let mut reach: Vec<BTreeSet<Option<&str>>> = vec![BTreeSet::new(); api.types.len()];
    for (op, feature) in api.operations.iter().zip(&features) {
        walk(api, roots(op), Some(feature), &mut reach);
    }
    for id in 0..api.types.len() {
        if reach[id].is_empty() {
            reach[id].insert(None);
            walk(api, children(api, TypeId(id)), None, &mut reach);
        }
    }
    // Behind the features that reach it, unless something always there does.
    let gated: Vec<Vec<String>> = reach
        .iter()
        .map(|set| match set.contains(&None) {
            true => Vec::new(),
            false => set.iter().flatten().map(|f| f.to_string()).collect(),
        })
        .collect();
    for (def, features) in api.types.iter_mut().zip(gated) {
        def.features = features;
    }
    let mut all: Vec<String> = features.clone();
    all.sort();
    all.dedup();
    for (op, feature) in api.operations.iter_mut().zip(features) {
        op.feature = Some(feature);
    }
    api.features = all;
}

/// A tag as a cargo feature: snake case (`Pull Requests` → `pull_requests`); `default` and
/// `mock`, which generated crates define themselves, get a `_tag` suffix.
fn feature_name(tag: Option<&str>) -> String {
    let name = tag.map(|t| t.to_snake_case()).unwrap_or_default();
    let name: String = name
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || *c == '_')
        .collect();
    match name.as_str() {
        "" => UNTAGGED.to_string(),
        "default" | "mock" => format!("{name}_tag"),
        _ => name,
    }
}

/// The types an operation names directly.
fn roots(op: &Operation) -> Vec<TypeId> {
    let params = op.params.iter().map(|p| &p.ty);
    let body = op.body.iter().flat_map(|b| b.sent_types());
    let responses = op.responses.iter().flat_map(|r| {
        r.ty.iter()
            .chain(r.headers.iter().map(|h| &h.ty))
            .collect::<Vec<_>>()
    });
    params
        .chain(body)
        .chain(responses)
        .filter_map(TypeRef::named)
        .collect()
}

/// Adds `feature` to every type reachable from `stack`.
fn walk<'a>(
    api: &Api,
    mut stack: Vec<TypeId>,
    feature: Option<&'a str>,
    reach: &mut [BTreeSet<Option<&'a str>>],
) {
    while let Some(id) = stack.pop() {
        if reach[id.0].insert(feature) {
            stack.extend(children(api, id));
        }
    }
}

/// The types a type names: its fields', variants' or alias's.
fn children(api: &Api, id: TypeId) -> Vec<TypeId> {
    let refs = api.type_def(id).kind.refs();
    refs.into_iter().filter_map(TypeRef::named).collect()
}

#[cfg(test)]
mod tests {
    use super::feature_name;

    #[test]
    fn tags_become_feature_names() {
        assert_eq!(feature_name(Some("Pull Requests")), "pull_requests");
        assert_eq!(feature_name(Some("repos")), "repos");
        assert_eq!(feature_name(Some("default")), "default_tag");
        assert_eq!(feature_name(Some("✓")), "untagged");
        assert_eq!(feature_name(None), "untagged");
    }
}
