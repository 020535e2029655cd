//! What downstream code sees of a lowered API: its types, fields, variants and method signatures, spelled as the emitter writes them.
//!
//! Names and shapes come from the IR (with their spec pointers); every Rust type is spelled by
//! the emitter, and what the items allow downstream (`#[non_exhaustive]`, `Default`,
//! `builder()`, method arguments and setters, `send()`'s types) is read from the emitted
//! items themselves, so the comparison follows the generator when it changes.

use crate::diag::Pointer;
use crate::emit::{Emitter, Part};
use crate::ir::{Api, Docs, Newtype, Operation, Presence, TypeDef, TypeId, TypeKind, TypeRef};
use proc_macro2::TokenStream;
use std::collections::BTreeMap;

mod scan;

use scan::Items;
pub(super) use scan::{renamed, spell};

/// The public surface of one generated crate.
pub(super) struct Surface<'a> {
    /// The crate root's docs: title, version, description.
    pub crate_docs: String,
    /// `Client::DEFAULT_BASE_URL`.
    pub default_base_url: Option<String>,
    /// `Client::base_url_for`'s arguments, when it exists.
    pub base_url_for: Option<Vec<(String, String)>>,
    /// By Rust name.
    pub types: BTreeMap<String, TypeSurface<'a>>,
    /// By Rust method name.
    pub ops: BTreeMap<String, OpSurface<'a>>,
}

/// One generated type.
pub(super) struct TypeSurface<'a> {
    pub def: &'a TypeDef,
    /// Where it is declared: its schema, or for an inline schema that several places share
    /// (an enum, a validated string) the first place that uses it.
    pub at: Pointer,
    pub shape: Shape<'a>,
    /// The emitted item is `#[non_exhaustive]`: it may grow without breaking downstream code.
    pub non_exhaustive: bool,
    /// The emitted item derives `Default` (`..Default::default()` completes a literal).
    pub default: bool,
    /// `Type::builder()` exists.
    pub builder: bool,
}

/// What a type is made of, as downstream code uses it.
pub(super) enum Shape<'a> {
    /// Fields in declaration order (`additional_properties` last, when there is one).
    Struct(Vec<FieldSurface<'a>>),
    /// A string enum: `(variant, JSON value)`, and the fallback variant.
    Enum {
        variants: Vec<(String, String)>,
        fallback: String,
    },
    /// A `oneOf`/`anyOf` enum: tagged (`tag`, a fallback) or untagged.
    Union {
        tag: Option<String>,
        variants: Vec<VariantSurface>,
        fallback: Option<String>,
    },
    Newtype(&'a Newtype),
    /// `pub type Name = ...;` (or a newtype around it, for a cyclic alias).
    Alias(String),
}

impl Shape<'_> {
    pub fn kind_name(&self) -> &'static str {
        match self {
            Shape::Struct(_) => "struct",
            Shape::Enum { .. } => "string enum",
            Shape::Union { tag: Some(_), .. } => "tagged union",
            Shape::Union { tag: None, .. } => "untagged union",
            Shape::Newtype(_) => "validated string",
            Shape::Alias(_) => "type alias",
        }
    }
}

/// One struct field.
pub(super) struct FieldSurface<'a> {
    pub ident: String,
    pub wire: String,
    /// The value's type (`Box`ed when it breaks a cycle), without the presence wrapper.
    pub value_ty: String,
    /// The field's whole type as declared (`Option<..>`, `Nullable<..>`, ...).
    pub ty: String,
    pub presence: Presence,
    pub docs: Option<&'a Docs>,
    pub deprecated: bool,
    pub at: Pointer,
}

/// One variant of a union.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct VariantSurface {
    pub ident: String,
    pub wire: Option<String>,
    pub ty: String,
}

/// A public function's parameters (receiver left out) and return type.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct FnSig {
    pub inputs: Vec<(String, String)>,
    pub output: String,
}

/// A public enum or struct declared for one operation in the `client` module (its success
/// enum, its multipart body).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct ClientItem {
    pub non_exhaustive: bool,
    /// Enum variants `(name, payload)` or public struct fields `(name, type)`.
    pub members: Vec<(String, String)>,
    pub is_enum: bool,
}

/// One operation: `Client::<ident>` and its request builder.
pub(super) struct OpSurface<'a> {
    pub op: &'a Operation,
    /// The method's arguments (required parameters, then a required body).
    pub args: Vec<(String, String)>,
    /// The request builder's type name.
    pub builder: String,
    /// The builder's setters (optional parameters, an optional `body`), by name.
    pub setters: BTreeMap<String, String>,
    /// `send()`'s success and error types.
    pub ok: String,
    pub err: String,
    /// `stream()`'s return type, for list operations.
    pub stream: Option<String>,
    /// Other public enums and structs declared for this operation, by name.
    pub items: BTreeMap<String, ClientItem>,
    /// Their public functions (`Multipart::new`), by `Type::fn`.
    pub item_fns: BTreeMap<String, FnSig>,
}

impl<'a> Surface<'a> {
    pub fn of(api: &'a Api) -> Self {
        let emitter = Emitter::new(api);
        let [types_len, ops_len, _] = emitter.part_lens();
        let mut items = Items::default();
        items.read(emitter.part(&Part::Types(0..types_len)));
        items.read(emitter.part(&Part::Builders));
        let used_at = first_uses(api);
        let types = api
            .types
            .iter()
            .enumerate()
            .map(|(id, def)| {
                let flags = items.types.get(&def.name).copied().unwrap_or_default();
                let at = match def.at.tokens().first() {
                    Some(first) if first.starts_with('#') => used_at.get(&TypeId(id)).cloned(),
                    _ => None,
                };
                let ts = TypeSurface {
                    at: at.unwrap_or_else(|| def.at.clone()),
                    def,
                    shape: shape(&emitter, def),
                    non_exhaustive: flags.non_exhaustive,
                    default: flags.default,
                    builder: items.fns.contains_key(&format!("{}::builder", def.name)),
                };
                (def.name.clone(), ts)
            })
            .collect();

        let mut head = Items::default();
        // The `Client` struct and every method: each operation takes its own below.
        head.read(emitter.part(&Part::Client));
        let default_base_url = head.consts.get("Client::DEFAULT_BASE_URL").cloned();
        let base_url_for = head
            .fns
            .get("Client::base_url_for")
            .map(|sig| sig.inputs.clone());

        let ops = (0..ops_len)
            .map(|i| {
                let op = &api.operations[i];
                let mut part = Items::default();
                let method = format!("Client::{}", op.ident);
                if let Some(sig) = head.fns.get(&method) {
                    part.fns.insert(method, sig.clone());
                }
                part.read(emitter.part(&Part::RequestBuilders(i..i + 1)));
                (op.ident.clone(), OpSurface::of(op, part))
            })
            .collect();

        let mut crate_docs = format!("{} (version {})", api.title, api.version);
        if let Some(d) = &api.description {
            crate_docs.push_str("\n\n");
            crate_docs.push_str(d);
        }
        Surface {
            crate_docs,
            default_base_url,
            base_url_for,
            types,
            ops,
        }
    }
}

impl<'a> OpSurface<'a> {
    fn of(op: &'a Operation, mut part: Items) -> Self {
        let method = part
            .fns
            .remove(&format!("Client::{}", op.ident))
            .unwrap_or(FnSig {
                inputs: Vec::new(),
                output: String::new(),
            });
        let builder = method.output;
        let prefix = format!("{builder}::");
        let mut setters = BTreeMap::new();
        let mut ok = String::new();
        let mut err = String::new();
        let mut stream = None;
        let mut item_fns = BTreeMap::new();
        for (path, sig) in part.fns {
            let Some(name) = path.strip_prefix(&prefix) else {
                if !path.starts_with("Client::") {
                    item_fns.insert(path, sig);
                }
                continue;
            };
            match name {
                "send" => (ok, err) = result_types(&sig.output),
                "stream" => stream = Some(sig.output),
                "deadline" => {}
                _ => {
                    let ty = sig.inputs.into_iter().next().map(|(_, t)| t);
                    setters.insert(name.to_string(), ty.unwrap_or_default());
                }
            }
        }
        let items = part
            .client_items
            .into_iter()
            .filter(|(name, _)| *name != builder && name != "Client")
            .collect();
        OpSurface {
            op,
            args: method.inputs,
            builder,
            setters,
            ok,
            err,
            stream,
            items,
            item_fns,
        }
    }
}

/// The first place (a property, a parameter's schema, a body, a response) that names each
/// type, in the order of the types, then of the operations.
fn first_uses(api: &Api) -> BTreeMap<TypeId, Pointer> {
    let mut uses = BTreeMap::new();
    let mut note = |ty: &TypeRef, at: &Pointer| {
        if let Some(id) = ty.named() {
            uses.entry(id).or_insert_with(|| at.clone());
        }
    };
    for def in &api.types {
        match &def.kind {
            TypeKind::Struct(s) => {
                for f in &s.fields {
                    note(&f.ty, &f.at);
                }
            }
            TypeKind::Tagged { variants, .. } | TypeKind::Untagged { variants } => {
                for v in variants {
                    note(&v.ty, &def.at);
                }
            }
            TypeKind::Alias(ty) => note(ty, &def.at),
            TypeKind::Enum(_) | TypeKind::Newtype(_) => {}
        }
    }
    for op in &api.operations {
        for p in &op.params {
            note(&p.ty, &p.at.push("schema"));
        }
        if let Some(ty) = op.body.as_ref().and_then(|b| b.ty()) {
            note(ty, &op.at.push("requestBody"));
        }
        for r in &op.responses {
            if let Some(ty) = &r.ty {
                note(ty, &op.at.push("responses"));
            }
        }
    }
    uses
}

/// `(T, E)` of `Result<ResponseValue<T>, Error<E>>`, as spelled.
fn result_types(output: &str) -> (String, String) {
    let inner = output
        .strip_prefix("Result<ResponseValue<")
        .and_then(|s| s.strip_suffix(">>"));
    match inner.and_then(|s| s.rsplit_once(">, Error<")) {
        Some((ok, err)) => (ok.to_string(), err.to_string()),
        None => (output.to_string(), String::new()),
    }
}

fn shape<'a>(emitter: &Emitter<'_>, def: &'a TypeDef) -> Shape<'a> {
    let spell_ty = |ty| spell(emitter.ty_from(ty, &TokenStream::new()));
    match &def.kind {
        TypeKind::Struct(s) => {
            let none = TokenStream::new();
            let mut fields: Vec<FieldSurface<'a>> = s
                .fields
                .iter()
                .map(|f| FieldSurface {
                    ident: f.ident.clone(),
                    wire: f.wire.clone(),
                    value_ty: spell(emitter.field_value_ty(f, &none)),
                    ty: spell(emitter.field_ty(f, &none)),
                    presence: f.presence(),
                    docs: Some(&f.docs),
                    deprecated: f.deprecated,
                    at: f.at.clone(),
                })
                .collect();
            if let Some(extra) = &s.additional {
                let ty = format!("BTreeMap<String, {}>", spell_ty(extra));
                fields.push(FieldSurface {
                    ident: "additional_properties".into(),
                    wire: String::new(),
                    value_ty: ty.clone(),
                    ty,
                    presence: Presence::Required,
                    docs: None,
                    deprecated: false,
                    at: def.at.push("additionalProperties"),
                });
            }
            Shape::Struct(fields)
        }
        TypeKind::Enum(e) => Shape::Enum {
            variants: e
                .variants
                .iter()
                .map(|v| (v.ident.clone(), v.wire.clone()))
                .collect(),
            fallback: e.fallback.clone(),
        },
        TypeKind::Tagged {
            tag,
            variants,
            fallback,
        } => Shape::Union {
            tag: Some(tag.clone()),
            variants: variants
                .iter()
                .map(|v| VariantSurface {
                    ident: v.ident.clone(),
                    wire: v.wire.clone(),
                    ty: spell_ty(&v.ty),
                })
                .collect(),
            fallback: Some(fallback.clone()),
        },
        TypeKind::Untagged { variants } => Shape::Union {
            tag: None,
            variants: variants
                .iter()
                .map(|v| VariantSurface {
                    ident: v.ident.clone(),
                    wire: None,
                    ty: spell_ty(&v.ty),
                })
                .collect(),
            fallback: None,
        },
        TypeKind::Newtype(n) => Shape::Newtype(n),
        TypeKind::Alias(ty) => Shape::Alias(spell_ty(ty)),
    }
}
