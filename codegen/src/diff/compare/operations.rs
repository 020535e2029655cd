//! Operations compared: methods added and removed, their inputs (arguments, setters, body) and
//! outputs (`send()`'s success and error types), and the client items they own.

use super::{input_pointer, status_key, Diff, Show};
use crate::diag::Pointer;
use crate::diff::rules::{self, Grown, Growth};
use crate::diff::surface::OpSurface;
use crate::diff::Class;
use crate::ir::Status;
use std::collections::{BTreeMap, BTreeSet};

impl Diff<'_, '_> {
    pub(super) fn operations(&mut self) {
        let (old_s, new_s) = (self.old, self.new);
        let endpoint = |s: &OpSurface| (s.op.method, s.op.path.clone());
        let removed: Vec<&OpSurface> = old_s
            .ops
            .iter()
            .filter(|(k, _)| !new_s.ops.contains_key(*k))
            .map(|(_, v)| v)
            .collect();
        let added: Vec<&OpSurface> = new_s
            .ops
            .iter()
            .filter(|(k, _)| !old_s.ops.contains_key(*k))
            .map(|(_, v)| v)
            .collect();
        let mut renamed_to = BTreeSet::new();
        for o in removed {
            let twin = added.iter().find(|a| endpoint(a) == endpoint(o));
            match twin {
                Some(a) => {
                    renamed_to.insert(a.op.ident.clone());
                    self.push(
                        "operation_renamed",
                        format!("Client::{}", o.op.ident),
                        &a.op.at,
                        Class::Breaking,
                        format!(
                            "now `Client::{}` (same `{} {}`; the operationId changed)",
                            a.op.ident,
                            a.op.method.as_str(),
                            a.op.path
                        ),
                    );
                }
                None => self.push(
                    "operation_removed",
                    format!("Client::{}", o.op.ident),
                    &o.op.at,
                    Class::Breaking,
                    format!(
                        "`{} {}` is gone, with its method",
                        o.op.method.as_str(),
                        o.op.path
                    ),
                ),
            }
        }
        for a in added {
            if !renamed_to.contains(&a.op.ident) {
                self.push(
                    "operation_added",
                    format!("Client::{}", a.op.ident),
                    &a.op.at,
                    Class::Additive,
                    format!("`{} {}`: a new method", a.op.method.as_str(), a.op.path),
                );
            }
        }
        for (name, o) in &old_s.ops {
            if let Some(n) = new_s.ops.get(name) {
                self.operation(o, n);
            }
        }
    }

    fn operation(&mut self, o: &OpSurface, n: &OpSurface) {
        let (oo, no) = (o.op, n.op);
        let method = format!("Client::{}", no.ident);
        let at = &no.at;
        if (oo.method, &oo.path) != (no.method, &no.path) {
            self.push(
                "operation_endpoint_changed",
                &method,
                at,
                Class::Docs,
                format!(
                    "now `{} {}` (was `{} {}`); calls compile unchanged",
                    no.method.as_str(),
                    no.path,
                    oo.method.as_str(),
                    oo.path
                ),
            );
        }
        if (&oo.summary, &oo.description, &oo.tags, &oo.scopes)
            != (&no.summary, &no.description, &no.tags, &no.scopes)
        {
            self.push(
                "operation_docs_changed",
                &method,
                at,
                Class::Docs,
                "its docs changed",
            );
        }
        self.deprecation(oo.deprecated, no.deprecated, &method, at);
        self.inputs(o, n);
        self.outputs(o, n);
    }

    /// Arguments and setters: required parameters (and a required body) are arguments of the
    /// method, optional ones setters of the request builder.
    fn inputs(&mut self, o: &OpSurface, n: &OpSurface) {
        let method = format!("Client::{}", n.op.ident);
        let arg = |s: &OpSurface, name: &str| {
            s.args
                .iter()
                .find(|(a, _)| a == name)
                .map(|(_, t)| t.clone())
        };
        let mut names: BTreeSet<&String> = BTreeSet::new();
        for s in [o, n] {
            names.extend(s.args.iter().map(|(a, _)| a));
            names.extend(s.setters.keys());
        }
        for name in names {
            let what = if name == "body" { "body" } else { "parameter" };
            let kind = |k: &str| -> &'static str {
                match (what, k) {
                    ("body", "added") => "body_added",
                    ("body", "removed") => "body_removed",
                    ("body", "retyped") => "body_retyped",
                    ("body", "required") => "body_made_required",
                    ("body", "optional") => "body_made_optional",
                    (_, "added") => "parameter_added",
                    (_, "removed") => "parameter_removed",
                    (_, "retyped") => "parameter_retyped",
                    (_, "required") => "parameter_made_required",
                    _ => "parameter_made_optional",
                }
            };
            let at = input_pointer(n, name)
                .unwrap_or_else(|| input_pointer(o, name).unwrap_or_else(|| n.op.at.clone()));
            let as_arg = format!("{method}({name})");
            let as_setter = format!("client::{}::{name}", n.builder);
            let old = (arg(o, name), o.setters.get(name));
            let new = (arg(n, name), n.setters.get(name));
            match (old, new) {
                ((Some(a), _), (Some(b), _)) => {
                    if !self.same_ty(&a, &b) {
                        self.push(kind("retyped"), &as_arg, &at, Class::Breaking, format!("argument `{name}` is now `{b}` (was `{a}`)"));
                    }
                }
                ((_, Some(a)), (_, Some(b))) => {
                    if !self.same_ty(a, b) {
                        self.push(kind("retyped"), &as_setter, &at, Class::Breaking, format!("the setter now takes `{b}` (was `{a}`)"));
                    }
                }
                ((Some(_), _), (_, Some(b))) => self.push(
                    kind("optional"),
                    &as_arg,
                    &at,
                    Class::Breaking,
                    format!("no longer an argument of `{method}` but a setter `.{name}({b})`: calls passing it do not compile"),
                ),
                ((_, Some(_)), (Some(b), _)) => self.push(
                    kind("required"),
                    &as_arg,
                    &at,
                    Class::Breaking,
                    format!("now an argument `{name}: {b}` of `{method}`: calls without it do not compile"),
                ),
                ((None, None), (Some(b), _)) => self.push(
                    kind("added"),
                    &as_arg,
                    &at,
                    Class::Breaking,
                    format!("a new required argument `{name}: {b}`: existing calls do not compile"),
                ),
                ((None, None), (_, Some(b))) => self.push(
                    kind("added"),
                    &as_setter,
                    &at,
                    Class::Additive,
                    format!("a new optional setter `.{name}({b})`"),
                ),
                ((Some(a), _), (None, None)) => self.push(
                    kind("removed"),
                    &as_arg,
                    &at,
                    Class::Breaking,
                    format!("argument `{name}: {a}` is gone: existing calls do not compile"),
                ),
                ((_, Some(a)), (None, None)) => self.push(
                    kind("removed"),
                    &as_setter,
                    &at,
                    Class::Breaking,
                    format!("setter `.{name}({a})` is gone"),
                ),
                ((None, None), (None, None)) => {}
            }
        }
        let order = |s: &OpSurface, other: &OpSurface| -> Vec<String> {
            s.args
                .iter()
                .filter(|(a, _)| other.args.iter().any(|(b, _)| a == b))
                .map(|(a, _)| a.clone())
                .collect()
        };
        if order(o, n) != order(n, o) {
            self.push(
                "parameters_reordered",
                &method,
                &n.op.at,
                Class::Breaking,
                format!(
                    "arguments are now ({}) (were ({}))",
                    order(n, o).join(", "),
                    order(o, n).join(", ")
                ),
            );
        }
        // What no signature shows: how parameters are written, their documented bounds.
        for p in &n.op.params {
            let Some(q) = o.op.params.iter().find(|q| q.ident == p.ident) else {
                continue;
            };
            let item = if p.required {
                format!("{method}({})", p.ident)
            } else {
                format!("client::{}::{}", n.builder, p.ident)
            };
            if (q.location, &q.wire, q.style, q.explode)
                != (p.location, &p.wire, p.style, p.explode)
            {
                self.push(
                    "parameter_encoding_changed",
                    &item,
                    &p.at,
                    Class::Docs,
                    format!(
                        "now sent as `{}` in {:?} ({:?}, explode {})",
                        p.wire, p.location, p.style, p.explode
                    ),
                );
            }
            for (class, kind, detail) in rules::int_range(q.int_range, p.int_range) {
                self.push(kind, &item, &p.at, class, detail);
            }
            if q.docs != p.docs {
                self.push(
                    "parameter_docs_changed",
                    &item,
                    &p.at,
                    Class::Docs,
                    "its docs changed",
                );
            }
        }
        if let (Some(a), Some(b)) = (&o.op.body, &n.op.body) {
            if a.media_type != b.media_type {
                self.push(
                    "body_encoding_changed",
                    &method,
                    &n.op.at.push("requestBody"),
                    Class::Docs,
                    format!("sent as `{}` (was `{}`)", b.media_type, a.media_type),
                );
            }
        }
    }

    /// `send()`'s types, the success enum, `stream()`, multipart bodies, response statuses.
    fn outputs(&mut self, o: &OpSurface, n: &OpSurface) {
        let send = format!("client::{}::send", n.builder);
        let responses = n.op.at.push("responses");
        let ok_changed = !self.same_ty(&o.ok, &n.ok);
        let err_changed = !self.same_ty(&o.err, &n.err);
        if ok_changed {
            self.push(
                "success_type_changed",
                &send,
                &responses,
                Class::Breaking,
                format!(
                    "`send()` now returns `ResponseValue<{}>` (was `ResponseValue<{}>`)",
                    n.ok, o.ok
                ),
            );
        }
        if err_changed {
            self.push(
                "error_type_changed",
                &send,
                &responses,
                Class::Breaking,
                format!(
                    "`send()`'s error is now `Error<{}>` (was `Error<{}>`)",
                    n.err, o.err
                ),
            );
        }
        match (&o.stream, &n.stream) {
            (None, Some(s)) => self.push(
                "stream_added",
                format!("client::{}::stream", n.builder),
                &n.op.at,
                Class::Additive,
                format!("`stream()` returns `{s}`"),
            ),
            (Some(s), None) => self.push(
                "stream_removed",
                format!("client::{}::stream", n.builder),
                &n.op.at,
                Class::Breaking,
                format!("`stream()` (`{s}`) is gone"),
            ),
            (Some(a), Some(b)) if !ok_changed && !err_changed && !self.same_ty(a, b) => self.push(
                "stream_retyped",
                format!("client::{}::stream", n.builder),
                &n.op.at,
                Class::Breaking,
                format!("`stream()` now returns `{b}` (was `{a}`)"),
            ),
            _ => {}
        }
        self.client_items(o, n);
        for (name, sig) in &n.item_fns {
            if let Some(old) = o.item_fns.get(name) {
                if old.inputs.len() != sig.inputs.len()
                    || old
                        .inputs
                        .iter()
                        .zip(&sig.inputs)
                        .any(|(a, b)| a.0 != b.0 || !self.same_ty(&a.1, &b.1))
                {
                    let args: Vec<String> = sig
                        .inputs
                        .iter()
                        .map(|(a, t)| format!("{a}: {t}"))
                        .collect();
                    self.push(
                        "constructor_changed",
                        format!("client::{name}"),
                        &n.op.at.push("requestBody"),
                        Class::Breaking,
                        format!("now takes ({})", args.join(", ")),
                    );
                }
            }
        }
        // Statuses: each is decoded by `send()`; the signature changes above say whether it shows.
        let statuses = |s: &OpSurface| -> BTreeMap<Status, Pointer> {
            s.op.responses
                .iter()
                .map(|r| {
                    (
                        r.status,
                        s.op.at.push("responses").push(status_key(r.status)),
                    )
                })
                .collect()
        };
        let (os, ns) = (statuses(o), statuses(n));
        let shows = if ok_changed || err_changed {
            "; see the change of `send()`'s types"
        } else {
            "; `send()`'s types are unchanged"
        };
        for (status, at) in &ns {
            if !os.contains_key(status) {
                self.push(
                    "response_added",
                    &send,
                    at,
                    Class::Docs,
                    format!("status {} is decoded{shows}", status_key(*status)),
                );
            }
        }
        for (status, at) in &os {
            if !ns.contains_key(status) {
                self.push(
                    "response_removed",
                    &send,
                    at,
                    Class::Docs,
                    format!("status {} is no longer listed{shows}", status_key(*status)),
                );
            }
        }
    }

    /// The operation's own enums (success by status) and structs (multipart bodies).
    fn client_items(&mut self, o: &OpSurface, n: &OpSurface) {
        for (name, ni) in &n.items {
            let Some(oi) = o.items.get(name) else {
                continue;
            };
            let path = format!("client::{name}");
            let grown_item = Grown {
                path: &path,
                non_exhaustive: ni.non_exhaustive,
                default: false,
                builder: n.item_fns.contains_key(&format!("{name}::new")),
            };
            // `Variant(Payload)` of a success enum, `field: Type` of a multipart body.
            let (kinds, at, shown): ([&'static str; 3], Pointer, Show) = if ni.is_enum {
                let shown: Show = |m, t| match t {
                    "" => m.to_string(),
                    _ => format!("{m}({t})"),
                };
                let kinds = [
                    "success_variant_added",
                    "success_variant_retyped",
                    "success_variant_removed",
                ];
                (kinds, n.op.at.push("responses"), shown)
            } else {
                let kinds = ["field_added", "field_retyped", "field_removed"];
                (kinds, n.op.at.push("requestBody"), |m, t| {
                    format!("{m}: {t}")
                })
            };
            for (member, ty) in &ni.members {
                let item = format!("{path}::{member}");
                match oi.members.iter().find(|(m, _)| m == member) {
                    None => {
                        let growth = if ni.is_enum {
                            Growth::Variant
                        } else if ty.starts_with("Option<") {
                            Growth::OptionalField
                        } else {
                            Growth::RequiredField
                        };
                        let (class, why) = rules::growth(&grown_item, growth);
                        let detail = format!("`{}`: {why}", shown(member, ty));
                        self.push(kinds[0], &item, &at, class, detail);
                    }
                    Some((_, old_ty)) if !self.same_ty(old_ty, ty) => {
                        let detail = format!(
                            "now `{}` (was `{}`)",
                            shown(member, ty),
                            shown(member, old_ty)
                        );
                        self.push(kinds[1], &item, &at, Class::Breaking, detail);
                    }
                    Some(_) => {}
                }
            }
            for (member, ty) in &oi.members {
                if !ni.members.iter().any(|(m, _)| m == member) {
                    let detail = format!("`{}` is gone", shown(member, ty));
                    self.push(
                        kinds[2],
                        format!("{path}::{member}"),
                        &at,
                        Class::Breaking,
                        detail,
                    );
                }
            }
        }
    }
}
