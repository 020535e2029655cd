//! The comparison itself: two [`Surface`]s into a list of [`Change`]s.

use super::rules::{self, Grown, Growth};
use super::surface::{renamed, FieldSurface, OpSurface, Shape, Surface, TypeSurface};
use super::{Change, Class};
use crate::diag::Pointer;
use crate::ir::{Presence, Status};
use std::collections::{BTreeMap, BTreeSet};

mod operations;

/// Collects changes; knows the types renamed between the two versions.
struct Diff<'s, 'a> {
    old: &'s Surface<'a>,
    new: &'s Surface<'a>,
    /// Old type name -> new type name, for types that only changed their name.
    renames: BTreeMap<String, String>,
    out: Vec<Change>,
}

pub(super) fn changes(old: &Surface<'_>, new: &Surface<'_>) -> Vec<Change> {
    let mut d = Diff {
        old,
        new,
        renames: BTreeMap::new(),
        out: Vec::new(),
    };
    d.crate_level();
    d.types();
    d.operations();
    d.out
}

impl Diff<'_, '_> {
    fn push(
        &mut self,
        kind: &'static str,
        item: impl Into<String>,
        pointer: &Pointer,
        class: Class,
        detail: impl Into<String>,
    ) {
        self.out.push(Change {
            kind,
            item: item.into(),
            pointer: pointer.clone(),
            class,
            detail: detail.into(),
        });
    }

    /// Whether an old spelled type is the new one (types renamed in between count as equal:
    /// the rename is its own change).
    fn same_ty(&self, old: &str, new: &str) -> bool {
        renamed(old, &self.renames) == new
    }

    fn crate_level(&mut self) {
        let root = Pointer::root().push("info");
        if self.old.crate_docs != self.new.crate_docs {
            self.push(
                "crate_docs_changed",
                "crate",
                &root,
                Class::Docs,
                "the crate's docs (title, version, description) changed",
            );
        }
        let servers = Pointer::root().push("servers");
        if self.old.default_base_url != self.new.default_base_url {
            self.push(
                "base_url_changed",
                "Client::DEFAULT_BASE_URL",
                &servers,
                Class::Docs,
                format!(
                    "`{}` -> `{}`: clients built with `Client::config()` call the new server",
                    self.old.default_base_url.as_deref().unwrap_or("none"),
                    self.new.default_base_url.as_deref().unwrap_or("none")
                ),
            );
        }
        match (&self.old.base_url_for, &self.new.base_url_for) {
            (a, b) if a == b => {}
            (None, Some(_)) => self.push(
                "method_added",
                "Client::base_url_for",
                &servers,
                Class::Additive,
                "server variables: a new function",
            ),
            _ => self.push(
                "method_changed",
                "Client::base_url_for",
                &servers,
                Class::Breaking,
                "its arguments (the server variables) changed or it is gone",
            ),
        }
    }

    // ---- types ----

    fn types(&mut self) {
        let old: BTreeSet<&String> = self.old.types.keys().collect();
        let new: BTreeSet<&String> = self.new.types.keys().collect();
        let removed: Vec<&String> = old.difference(&new).copied().collect();
        let added: Vec<&String> = new.difference(&old).copied().collect();
        // A rename: one removed type and one added type of the same shape, each the other's
        // only match.
        let matches =
            |r: &String, among: &[&String], from: &Surface, to: &Surface| -> Vec<String> {
                among
                    .iter()
                    .filter(|a| same_shape(&from.types[r].shape, &to.types[**a].shape))
                    .map(|a| a.to_string())
                    .collect()
            };
        for r in &removed {
            if let [a] = matches(r, &added, self.old, self.new).as_slice() {
                if matches(a, &removed, self.new, self.old).len() == 1 {
                    self.renames.insert(r.to_string(), a.clone());
                }
            }
        }
        for r in removed {
            let ts = &self.old.types[r];
            match self.renames.get(r).cloned() {
                Some(a) => {
                    let at = self.new.types[&a].at.clone();
                    self.push(
                        "type_renamed",
                        format!("types::{r}"),
                        &at,
                        Class::Breaking,
                        format!("now `types::{a}` (same shape; `{r}` no longer exists)"),
                    );
                }
                None => self.push(
                    "type_removed",
                    format!("types::{r}"),
                    &ts.at,
                    Class::Breaking,
                    format!("the {} `{r}` no longer exists", ts.shape.kind_name()),
                ),
            }
        }
        let renamed_to: BTreeSet<String> = self.renames.values().cloned().collect();
        for a in added {
            if renamed_to.contains(a) {
                continue;
            }
            let ts = &self.new.types[a];
            self.push(
                "type_added",
                format!("types::{a}"),
                &ts.at,
                Class::Additive,
                format!("a new {}", ts.shape.kind_name()),
            );
        }
        let (old_s, new_s) = (self.old, self.new);
        let pairs: Vec<(&TypeSurface, &TypeSurface)> = old_s
            .types
            .iter()
            .filter_map(|(name, o)| {
                let to = self.renames.get(name).unwrap_or(name);
                Some((o, new_s.types.get(to)?))
            })
            .collect();
        for (o, n) in pairs {
            self.type_pair(o, n);
        }
    }

    fn type_pair(&mut self, o: &TypeSurface, n: &TypeSurface) {
        let path = format!("types::{}", n.def.name);
        let at = &n.at;
        if o.def.docs != n.def.docs {
            self.push(
                "type_docs_changed",
                &path,
                at,
                Class::Docs,
                "its docs changed",
            );
        }
        self.deprecation(o.def.deprecated, n.def.deprecated, &path, at);
        match (&o.shape, &n.shape) {
            (Shape::Struct(of), Shape::Struct(nf)) => self.fields(&path, n, of, nf),
            (
                Shape::Enum {
                    variants: ov,
                    fallback: ofb,
                },
                Shape::Enum {
                    variants: nv,
                    fallback: nfb,
                },
            ) => {
                let olds: BTreeMap<&String, &String> = ov.iter().map(|(i, w)| (i, w)).collect();
                let news: BTreeMap<&String, &String> = nv.iter().map(|(i, w)| (i, w)).collect();
                for (ident, wire) in &news {
                    match olds.get(ident) {
                        None => {
                            let (class, why) = rules::growth(&grown(&path, n), Growth::Variant);
                            self.push(
                                "enum_variant_added",
                                format!("{path}::{ident}"),
                                at,
                                class,
                                format!("new value `{wire}`: {why}"),
                            );
                        }
                        Some(old_wire) if old_wire != wire => self.push(
                            "enum_value_changed",
                            format!("{path}::{ident}"),
                            at,
                            Class::Breaking,
                            format!("the variant now reads and writes `{wire}` (was `{old_wire}`)"),
                        ),
                        Some(_) => {}
                    }
                }
                for (ident, wire) in &olds {
                    if !news.contains_key(ident) {
                        self.push(
                            "enum_variant_removed",
                            format!("{path}::{ident}"),
                            &o.at,
                            Class::Breaking,
                            format!(
                                "value `{wire}` is gone: code naming `{ident}` does not compile (the value now decodes as `{nfb}`)"
                            ),
                        );
                    }
                }
                if ofb != nfb {
                    self.push(
                        "enum_variant_renamed",
                        format!("{path}::{ofb}"),
                        at,
                        Class::Breaking,
                        format!("the fallback for unknown values is now `{nfb}`"),
                    );
                }
            }
            (
                Shape::Union {
                    tag: ot,
                    variants: ov,
                    fallback: ofb,
                },
                Shape::Union {
                    tag: nt,
                    variants: nv,
                    fallback: nfb,
                },
            ) if ot.is_some() == nt.is_some() => {
                if ot != nt {
                    self.push(
                        "union_tag_changed",
                        &path,
                        at,
                        Class::Breaking,
                        format!(
                            "the discriminator is now `{}` (was `{}`): values decode differently",
                            nt.as_deref().unwrap_or(""),
                            ot.as_deref().unwrap_or("")
                        ),
                    );
                }
                if ofb != nfb {
                    self.push(
                        "union_variant_renamed",
                        &path,
                        at,
                        Class::Breaking,
                        format!(
                            "the fallback variant is now `{}`",
                            nfb.as_deref().unwrap_or("")
                        ),
                    );
                }
                for v in nv {
                    match ov.iter().find(|x| x.ident == v.ident) {
                        None => {
                            let (class, why) = rules::growth(&grown(&path, n), Growth::Variant);
                            self.push(
                                "union_variant_added",
                                format!("{path}::{}", v.ident),
                                at,
                                class,
                                format!("new variant `{}({})`: {why}", v.ident, v.ty),
                            );
                        }
                        Some(x) if !self.same_ty(&x.ty, &v.ty) || x.wire != v.wire => self.push(
                            "union_variant_retyped",
                            format!("{path}::{}", v.ident),
                            at,
                            Class::Breaking,
                            format!("now `{}({})` (was `{}({})`)", v.ident, v.ty, x.ident, x.ty),
                        ),
                        Some(_) => {}
                    }
                }
                for x in ov {
                    if !nv.iter().any(|v| v.ident == x.ident) {
                        self.push(
                            "union_variant_removed",
                            format!("{path}::{}", x.ident),
                            &o.at,
                            Class::Breaking,
                            format!("`{}({})` is gone", x.ident, x.ty),
                        );
                    }
                }
                let order = |vs: &[super::surface::VariantSurface],
                             other: &[super::surface::VariantSurface]|
                 -> Vec<String> {
                    vs.iter()
                        .filter(|v| other.iter().any(|x| x.ident == v.ident))
                        .map(|v| v.ident.clone())
                        .collect()
                };
                if nt.is_none() && order(ov, nv) != order(nv, ov) {
                    self.push(
                        "union_variants_reordered",
                        &path,
                        at,
                        Class::Breaking,
                        "the first variant that decodes wins: the same JSON may decode to another variant",
                    );
                }
            }
            (Shape::Newtype(a), Shape::Newtype(b)) => {
                for (class, kind, detail) in rules::constraints(a, b) {
                    self.push(kind, &path, at, class, detail);
                }
            }
            (Shape::Alias(a), Shape::Alias(b)) => {
                if !self.same_ty(a, b) {
                    self.push(
                        "alias_retyped",
                        &path,
                        at,
                        Class::Breaking,
                        format!("now `{b}` (was `{a}`)"),
                    );
                }
            }
            (a, b) => self.push(
                "type_kind_changed",
                &path,
                at,
                Class::Breaking,
                format!("now a {} (was a {})", b.kind_name(), a.kind_name()),
            ),
        }
    }

    fn deprecation(&mut self, old: bool, new: bool, path: &str, at: &Pointer) {
        match (old, new) {
            (false, true) => self.push(
                "deprecated",
                path,
                at,
                Class::Additive,
                "now `#[deprecated]`: uses warn",
            ),
            (true, false) => self.push(
                "undeprecated",
                path,
                at,
                Class::Docs,
                "no longer `#[deprecated]`",
            ),
            _ => {}
        }
    }

    fn fields(&mut self, path: &str, n: &TypeSurface, of: &[FieldSurface], nf: &[FieldSurface]) {
        for f in nf {
            let item = format!("{path}::{}", f.ident);
            let Some(o) = of.iter().find(|o| o.ident == f.ident) else {
                let growth = if f.presence == Presence::Required
                    || f.presence == Presence::RequiredNullable
                {
                    Growth::RequiredField
                } else {
                    Growth::OptionalField
                };
                let (class, why) = rules::growth(&grown(path, n), growth);
                self.push(
                    "field_added",
                    item,
                    &f.at,
                    class,
                    format!("`{}: {}`: {why}", f.ident, f.ty),
                );
                continue;
            };
            if o.presence != f.presence {
                let kind = match (is_required(o.presence), is_required(f.presence)) {
                    (false, true) => "field_made_required",
                    (true, false) => "field_made_optional",
                    _ => "field_nullability_changed",
                };
                self.push(
                    kind,
                    &item,
                    &f.at,
                    Class::Breaking,
                    format!("now `{}` (was `{}`)", f.ty, o.ty),
                );
            } else if !self.same_ty(&o.value_ty, &f.value_ty) {
                self.push(
                    "field_retyped",
                    &item,
                    &f.at,
                    Class::Breaking,
                    format!("now `{}` (was `{}`)", f.ty, o.ty),
                );
            }
            if o.wire != f.wire {
                self.push(
                    "field_wire_name_changed",
                    &item,
                    &f.at,
                    Class::Docs,
                    format!("sent and read as `{}` (was `{}`)", f.wire, o.wire),
                );
            }
            if o.docs != f.docs {
                self.push(
                    "field_docs_changed",
                    &item,
                    &f.at,
                    Class::Docs,
                    "its docs changed",
                );
            }
            self.deprecation(o.deprecated, f.deprecated, &item, &f.at);
        }
        for o in of {
            if !nf.iter().any(|f| f.ident == o.ident) {
                self.push(
                    "field_removed",
                    format!("{path}::{}", o.ident),
                    &o.at,
                    Class::Breaking,
                    format!(
                        "`{}: {}` is gone: code reading or setting it does not compile",
                        o.ident, o.ty
                    ),
                );
            }
        }
    }
}

/// How a member of a client item is shown: `Variant(Payload)`, `field: Type`.
type Show = fn(&str, &str) -> String;

/// How a status is written in the spec (`200`, `4XX`, `default`).
fn status_key(status: Status) -> String {
    match status {
        Status::Code(c) => c.to_string(),
        Status::Range(r) => format!("{r}XX"),
        Status::Default => "default".into(),
    }
}

fn is_required(p: Presence) -> bool {
    matches!(p, Presence::Required | Presence::RequiredNullable)
}

/// Where an argument or setter comes from: its parameter, or the request body.
fn input_pointer(s: &OpSurface, name: &str) -> Option<Pointer> {
    if name == "body" && s.op.body.is_some() {
        return Some(s.op.at.push("requestBody"));
    }
    s.op.params
        .iter()
        .find(|p| p.ident == name)
        .map(|p| p.at.clone())
}

fn grown<'s>(path: &'s str, t: &TypeSurface) -> Grown<'s> {
    Grown {
        path,
        non_exhaustive: t.non_exhaustive,
        default: t.default,
        builder: t.builder,
    }
}

/// Whether two types are the same but for their name (and docs): a rename.
fn same_shape(a: &Shape, b: &Shape) -> bool {
    match (a, b) {
        (Shape::Struct(x), Shape::Struct(y)) => {
            x.len() == y.len()
                && x.iter().zip(y).all(|(f, g)| {
                    (&f.ident, &f.wire, &f.ty, f.presence) == (&g.ident, &g.wire, &g.ty, g.presence)
                })
        }
        (
            Shape::Enum {
                variants: x,
                fallback: fx,
            },
            Shape::Enum {
                variants: y,
                fallback: fy,
            },
        ) => x == y && fx == fy,
        (
            Shape::Union {
                tag: tx,
                variants: x,
                fallback: fx,
            },
            Shape::Union {
                tag: ty,
                variants: y,
                fallback: fy,
            },
        ) => tx == ty && x == y && fx == fy,
        (Shape::Newtype(x), Shape::Newtype(y)) => x == y,
        (Shape::Alias(x), Shape::Alias(y)) => x == y,
        _ => false,
    }
}
