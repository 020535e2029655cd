//! What downstream code sees of a lowered API: its types, fields, variants and method signatures, spelled as the emitter writes them.
//!
//! Names and shapes come from the IR (with their spec pointers); every Rust type is spelled by
//! the emitter, and what the items allow downstream (`#[non_exhaustive]`, `Default`,
//! `builder()`, method arguments and setters, `send()`'s types) is read from the emitted
//! items themselves, so the comparison follows the generator when it changes.

use crate::diag::Pointer;
use crate::emit::{Emitter, Part};
use crate::ir::{Api, Docs, Newtype, Operation, Presence, TypeDef, TypeId, TypeKind, TypeRef};
use proc_macro2::{Delimiter, TokenStream, TokenTree};
use std::collections::BTreeMap;

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
        items.read(emitter.part(&Part::Types(0..types_len), ""));
        items.read(emitter.part(&Part::Builders, ""));
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
        head.read(emitter.part(&Part::Client, ""));
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
                part.read(emitter.part(&Part::RequestBuilders(i..i + 1), ""));
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
        let mut stack = vec![ty];
        while let Some(ty) = stack.pop() {
            match ty {
                TypeRef::Named(id) => {
                    uses.entry(*id).or_insert_with(|| at.clone());
                }
                TypeRef::Vec(inner) | TypeRef::Map(inner) | TypeRef::Option(inner) => {
                    stack.push(inner)
                }
                TypeRef::Prim(_) | TypeRef::Json | TypeRef::External(_) => {}
            }
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

/// What an emitted type item allows.
#[derive(Debug, Clone, Copy, Default)]
struct Flags {
    non_exhaustive: bool,
    default: bool,
}

/// The public items of some emitted parts, by path (`Type::function`).
#[derive(Default)]
struct Items {
    /// Structs and enums.
    types: BTreeMap<String, Flags>,
    /// Enums and structs with public fields, as declared (the `client` module's own).
    client_items: BTreeMap<String, ClientItem>,
    /// Inherent public functions, by `SelfType::name`.
    fns: BTreeMap<String, FnSig>,
    /// Inherent public constants and their values, by `SelfType::NAME`.
    consts: BTreeMap<String, String>,
}

impl Items {
    /// Reads the public items of `tokens`. Only what a signature needs is parsed (struct and
    /// enum items, function signatures, constants), not function bodies or trait impls: the
    /// bodies are most of the generated code.
    fn read(&mut self, tokens: TokenStream) {
        for item in split_items(tokens) {
            self.item(item);
        }
    }

    fn item(&mut self, item: Vec<TokenTree>) {
        let Some(keyword) = item_keyword(&item) else {
            return;
        };
        let stream = || item.iter().cloned().collect::<TokenStream>();
        match keyword.as_str() {
            "struct" => {
                if let Ok(s) = syn::parse2::<syn::ItemStruct>(stream()) {
                    if is_pub(&s.vis) {
                        let members = s
                            .fields
                            .iter()
                            .filter(|f| is_pub(&f.vis))
                            .filter_map(|f| Some((f.ident.as_ref()?.to_string(), spell_syn(&f.ty))))
                            .collect();
                        self.declared(s.ident.to_string(), &s.attrs, members, false);
                    }
                }
            }
            "enum" => {
                if let Ok(e) = syn::parse2::<syn::ItemEnum>(stream()) {
                    if is_pub(&e.vis) {
                        let members = e
                            .variants
                            .iter()
                            .map(|v| {
                                let payload: Vec<String> =
                                    v.fields.iter().map(|f| spell_syn(&f.ty)).collect();
                                (v.ident.to_string(), payload.join(", "))
                            })
                            .collect();
                        self.declared(e.ident.to_string(), &e.attrs, members, true);
                    }
                }
            }
            "mod" => {
                if let Some(TokenTree::Group(body)) = item.last() {
                    self.read(body.stream());
                }
            }
            "impl" => self.inherent_impl(&item),
            _ => {}
        }
    }

    fn declared(
        &mut self,
        name: String,
        attrs: &[syn::Attribute],
        members: Vec<(String, String)>,
        is_enum: bool,
    ) {
        let flags = flags(attrs);
        self.types.insert(name.clone(), flags);
        self.client_items.insert(
            name,
            ClientItem {
                non_exhaustive: flags.non_exhaustive,
                members,
                is_enum,
            },
        );
    }

    /// The public functions and constants of `impl Type { .. }` (trait impls are left out).
    fn inherent_impl(&mut self, item: &[TokenTree]) {
        let Some(at) = item
            .iter()
            .position(|t| matches!(t, TokenTree::Ident(i) if i == "impl"))
        else {
            return;
        };
        let Some((TokenTree::Group(body), head)) = item[at + 1..].split_last() else {
            return;
        };
        if head
            .iter()
            .any(|t| matches!(t, TokenTree::Ident(i) if i == "for"))
        {
            return;
        }
        // `impl<A, B> Name<A, B>`: the generics are left out of the name.
        let mut depth = 0;
        let mut name = Vec::new();
        for t in head {
            match t {
                TokenTree::Punct(p) if p.as_char() == '<' => depth += 1,
                TokenTree::Punct(p) if p.as_char() == '>' => depth -= 1,
                _ if depth == 0 => name.push(t.clone()),
                _ => {}
            }
        }
        let self_ty = spell(name.into_iter().collect());
        for member in split_items(body.stream()) {
            match item_keyword(&member).as_deref() {
                Some("fn") => {
                    // The signature: everything but the attributes and the body.
                    let Some((TokenTree::Group(_), head)) = member.split_last() else {
                        continue;
                    };
                    let tokens: TokenStream = head.iter().cloned().collect();
                    let Ok(f) = syn::parse2::<SigOnly>(tokens) else {
                        continue;
                    };
                    if is_pub(&f.vis) {
                        let sig = sig(&f.sig);
                        self.fns.insert(format!("{self_ty}::{}", f.sig.ident), sig);
                    }
                }
                Some("const") => {
                    let tokens: TokenStream = member.into_iter().collect();
                    if let Ok(c) = syn::parse2::<syn::ImplItemConst>(tokens) {
                        if is_pub(&c.vis) {
                            let value = match &c.expr {
                                syn::Expr::Lit(syn::ExprLit {
                                    lit: syn::Lit::Str(text),
                                    ..
                                }) => text.value(),
                                other => spell(quote::ToTokens::to_token_stream(other)),
                            };
                            self.consts.insert(format!("{self_ty}::{}", c.ident), value);
                        }
                    }
                }
                _ => {}
            }
        }
    }
}

/// A function's attributes, visibility and signature, without its body.
struct SigOnly {
    vis: syn::Visibility,
    sig: syn::Signature,
}

impl syn::parse::Parse for SigOnly {
    fn parse(input: syn::parse::ParseStream) -> syn::Result<Self> {
        input.call(syn::Attribute::parse_outer)?;
        Ok(SigOnly {
            vis: input.parse()?,
            sig: input.parse()?,
        })
    }
}

/// Top-level items of a token stream: each runs to a `;` or a `{ .. }` at its level.
fn split_items(tokens: TokenStream) -> Vec<Vec<TokenTree>> {
    let mut items = Vec::new();
    let mut current = Vec::new();
    for t in tokens {
        // Attributes are bracketed: only a braced body ends an item, or a `;`.
        let ends = match &t {
            TokenTree::Punct(p) => p.as_char() == ';',
            TokenTree::Group(g) => g.delimiter() == Delimiter::Brace,
            _ => false,
        };
        current.push(t);
        if ends {
            items.push(std::mem::take(&mut current));
        }
    }
    items
}

/// The keyword that says what an item is (`struct`, `enum`, `impl`, `fn`, `mod`, `const`,
/// ...), after its attributes and visibility.
fn item_keyword(item: &[TokenTree]) -> Option<String> {
    const KEYWORDS: [&str; 9] = [
        "struct", "enum", "impl", "fn", "mod", "const", "type", "use", "static",
    ];
    item.iter().find_map(|t| match t {
        TokenTree::Ident(i) => {
            let word = i.to_string();
            KEYWORDS.contains(&word.as_str()).then_some(word)
        }
        _ => None,
    })
}

fn is_pub(vis: &syn::Visibility) -> bool {
    matches!(vis, syn::Visibility::Public(_))
}

/// `#[non_exhaustive]` and `#[derive(.., Default, ..)]` of an item.
fn flags(attrs: &[syn::Attribute]) -> Flags {
    let mut flags = Flags::default();
    for attr in attrs {
        if attr.path().is_ident("non_exhaustive") {
            flags.non_exhaustive = true;
        } else if attr.path().is_ident("derive") {
            let list = spell(quote::ToTokens::to_token_stream(&attr.meta));
            flags.default |= list
                .split(|c: char| !(c.is_alphanumeric() || c == '_'))
                .any(|word| word == "Default");
        }
    }
    flags
}

fn sig(sig: &syn::Signature) -> FnSig {
    let inputs = sig
        .inputs
        .iter()
        .filter_map(|arg| match arg {
            syn::FnArg::Typed(t) => Some((
                spell(quote::ToTokens::to_token_stream(&t.pat)),
                spell_syn(&t.ty),
            )),
            syn::FnArg::Receiver(_) => None,
        })
        .collect();
    let output = match &sig.output {
        syn::ReturnType::Default => "()".to_string(),
        syn::ReturnType::Type(_, ty) => spell_syn(ty),
    };
    FnSig { inputs, output }
}

fn spell_syn(ty: &syn::Type) -> String {
    spell(quote::ToTokens::to_token_stream(ty))
}

/// Module paths that only say where an item lives, left out of spelled types: the generated
/// crate's own modules as seen from inside it, and the runtime it re-exports at its root.
const PATHS_LEFT_OUT: [&str; 4] = [
    "super::types::",
    "super::",
    "codegen_runtime::",
    "std::collections::",
];

/// Tokens as one line of Rust, spaced the way people write types (`Vec<Option<String>>`,
/// `BTreeMap<String, Value>`, `impl Into<String>`), module paths of [`PATHS_LEFT_OUT`] left out.
pub(super) fn spell(tokens: TokenStream) -> String {
    fn walk(tokens: TokenStream, out: &mut String) {
        for tt in tokens {
            match tt {
                TokenTree::Group(g) => {
                    let (open, close) = match g.delimiter() {
                        Delimiter::Parenthesis => ("(", ")"),
                        Delimiter::Bracket => ("[", "]"),
                        Delimiter::Brace => ("{ ", " }"),
                        Delimiter::None => ("", ""),
                    };
                    out.push_str(open);
                    walk(g.stream(), out);
                    out.push_str(close);
                }
                TokenTree::Punct(p) => {
                    out.push(p.as_char());
                    if p.as_char() == ',' {
                        out.push(' ');
                    }
                }
                TokenTree::Ident(_) | TokenTree::Literal(_) => {
                    if out.ends_with(|c: char| c.is_alphanumeric() || c == '_' || c == '"') {
                        out.push(' ');
                    }
                    out.push_str(&tt.to_string());
                }
            }
        }
    }
    let mut out = String::new();
    walk(tokens, &mut out);
    for path in PATHS_LEFT_OUT {
        out = out.replace(path, "");
    }
    // A trailing comma is not part of how a type is written.
    out.replace(", >", ">").replace(", )", ")")
}

/// `text` with every identifier found in `names` replaced by its value (types renamed
/// between two versions).
pub(super) fn renamed(text: &str, names: &BTreeMap<String, String>) -> String {
    if names.is_empty() {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len());
    let mut word = String::new();
    for c in text.chars().map(Some).chain([None]) {
        match c {
            Some(c) if c.is_alphanumeric() || c == '_' => word.push(c),
            _ => {
                out.push_str(names.get(&word).unwrap_or(&word));
                word.clear();
                out.extend(c);
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use quote::quote;

    #[test]
    fn spelling_drops_module_paths_and_spaces_like_a_person() {
        // As text: rustfmt would add a trailing comma inside `quote!(..)`.
        let t: TokenStream = "Result<codegen_runtime::ResponseValue<Vec<super::types::Customer>>, \
             codegen_runtime::Error<std::collections::BTreeMap<String, i64>>>"
            .parse()
            .unwrap();
        assert_eq!(
            spell(t),
            "Result<ResponseValue<Vec<Customer>>, Error<BTreeMap<String, i64>>>"
        );
        assert_eq!(
            spell(quote!(impl Into<&'static str>)),
            "impl Into<&'static str>"
        );
        assert_eq!(
            result_types("Result<ResponseValue<Vec<A>>, Error<B<C>>>"),
            ("Vec<A>".to_string(), "B<C>".to_string())
        );
    }

    #[test]
    fn renaming_replaces_whole_identifiers_only() {
        let names = BTreeMap::from([("Error".to_string(), "Problem".to_string())]);
        assert_eq!(
            renamed("Result<ErrorKind, Error>", &names),
            "Result<ErrorKind, Problem>"
        );
    }
}
