//! Emit: [`ir::Api`](crate::ir::Api) into token streams. Infallible: every decision was made in lowering.

mod builders;
mod client;
mod docs;
mod examples;
mod mocks;
mod types;

use crate::ir::{Api, TypeRef};
use crate::CrateName;
use proc_macro2::{Delimiter, Group, TokenStream, TokenTree};
use quote::quote;
use std::ops::Range;

pub use docs::sanitize as sanitize_docs;

/// Emits one API; holds it so that type references can be spelled by name.
///
/// Stateless: every name and order is in the IR, so a crate's [`Part`]s are emitted on
/// several threads from one emitter and agree with each other.
pub struct Emitter<'a> {
    api: &'a Api,
    /// The runtime is module `runtime` beside `types` and `client` (else the crate
    /// `codegen_runtime`).
    embedded_runtime: bool,
    /// The crate whose `lib.rs` and examples test [`Part::Lib`] and [`Part::Examples`] are.
    krate: Option<&'a CrateName>,
}

/// Some consecutive top-level items of one generated file, emitted and printed on their own,
/// so that the files of a crate are made on several threads (see `crate::parts`). An item is
/// never split: a module or an `impl` is printed whole.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Part {
    /// `lib.rs`, whole.
    Lib,
    /// Type definitions `range` in name order; the first part carries the module's header.
    Types(Range<usize>),
    /// `pub mod builders { .. }`, the body builders (nothing when no request body has a struct).
    Builders,
    /// The `client` module's header, the `Client` struct and `impl Client` with every method.
    Client,
    /// The request builders of operations `range`.
    RequestBuilders(Range<usize>),
    /// `QueryValue` for the enums, newtypes and unions that can be query parameters.
    QueryImpls,
    /// The examples test's tests `range`; the first part carries its header and helper.
    Examples(Range<usize>),
    /// `pub mod types { .. }` of [`Emitter::module`].
    TypesModule,
    /// `pub mod client { .. }` of [`Emitter::module`].
    ClientModule,
    /// The re-exports after the modules of [`Emitter::module`].
    Reexports,
    /// `pub mod runtime { .. }` of [`Emitter::module`] with an embedded runtime.
    Runtime,
    /// The `mock` module of a crate (`src/mock.rs`, feature `mock`).
    Mocks,
}

/// `pub mod name { items }` of [`Emitter::module`], with `#[allow(dead_code)]`: the including
/// crate may be a binary that uses a fraction of the API.
fn module_block(name: &str, items: TokenStream) -> TokenStream {
    let name = quote::format_ident!("{name}");
    let body = braced(items);
    quote!(#[allow(dead_code)] pub mod #name #body)
}

/// `{ items }`, moving the tokens (interpolating `#items` into `quote!` would copy them).
fn braced(items: TokenStream) -> Group {
    Group::new(Delimiter::Brace, items)
}

impl<'a> Emitter<'a> {
    pub fn new(api: &'a Api) -> Self {
        Emitter {
            api,
            embedded_runtime: false,
            krate: None,
        }
    }

    /// How many items [`Part::Types`], [`Part::RequestBuilders`] and [`Part::Examples`] range
    /// over.
    pub fn part_lens(&self) -> [usize; 3] {
        [
            self.api.types.len(),
            self.api.operations.len(),
            self.api.examples.len(),
        ]
    }

    /// How many body builders [`Part::Builders`] holds.
    pub fn builder_count(&self) -> usize {
        self.api.builders.len()
    }

    /// The tokens of one part. [`Part::Lib`] and [`Part::Examples`] are a crate's: they need
    /// [`Emitter::in_crate`].
    pub fn part(&self, part: &Part) -> TokenStream {
        match part {
            Part::Lib => self.crate_part(|krate| self.lib(krate)),
            Part::Examples(range) => {
                self.crate_part(|krate| self.examples_part(krate, range.clone()))
            }
            Part::Types(range) => self.types_part(range.clone()),
            Part::Builders => self.builders(),
            Part::Client => self.client_struct(),
            Part::RequestBuilders(range) => self.request_builders_part(range.clone()),
            Part::QueryImpls => self.query_impls(),
            Part::TypesModule => module_block("types", self.types()),
            Part::ClientModule => module_block("client", self.client()),
            Part::Reexports => self.reexports(quote!(#[allow(unused_imports)])),
            Part::Mocks => self.mocks(),
            Part::Runtime => crate::embed::module_tokens().unwrap_or_else(|d| {
                let message = d.message;
                quote!(compile_error!(#message);)
            }),
        }
    }

    /// `#![allow(deprecated)]` when some type is deprecated: a module that names every type
    /// must not warn.
    fn allow_deprecated(&self) -> Option<TokenStream> {
        self.api
            .types
            .iter()
            .any(|t| t.deprecated)
            .then(|| quote!(#![allow(deprecated)]))
    }

    /// Makes the runtime module `runtime` beside `types` and `client` (the runtime's source in
    /// `src/runtime/` of a crate, inline in [`Emitter::module`]), which the generated code
    /// reaches as `codegen_runtime` through a `use` in each module.
    pub fn embed_runtime(mut self, embedded: bool) -> Self {
        self.embedded_runtime = embedded;
        self
    }

    /// Emits the parts of crate `krate` ([`Part::Lib`], [`Part::Examples`]) too.
    pub fn in_crate(mut self, krate: &'a CrateName) -> Self {
        self.krate = Some(krate);
        self
    }

    /// `emit` of the crate of [`Emitter::in_crate`]; without one, a `compile_error!` saying so
    /// (a caller's mistake, never the spec's).
    fn crate_part(&self, emit: impl FnOnce(&CrateName) -> TokenStream) -> TokenStream {
        match self.krate {
            Some(krate) => emit(krate),
            None => quote!(compile_error!("a crate's part emitted without `Emitter::in_crate`");),
        }
    }

    /// Whether [`Emitter::embed_runtime`] is on.
    pub fn embeds_runtime(&self) -> bool {
        self.embedded_runtime
    }

    /// `use <up>runtime as codegen_runtime;` in a module `up` below the runtime's parent, with
    /// an embedded runtime: the generated code names it `codegen_runtime` either way.
    fn runtime_alias(&self, up: TokenStream) -> Option<TokenStream> {
        self.embedded_runtime.then(|| {
            quote! {
                #[allow(unused_imports)]
                use #up runtime as codegen_runtime;
            }
        })
    }

    /// The body of the `types` module: every type, sorted by name, then the `builders` module.
    pub fn types(&self) -> TokenStream {
        let mut tokens = self.type_items();
        tokens.extend(self.builders());
        tokens
    }

    /// [`Emitter::types`] without the `builders` module (which [`Emitter::builders`] gives), so
    /// the two can be printed apart.
    pub fn type_items(&self) -> TokenStream {
        self.types_part(0..self.api.types.len())
    }

    fn types_part(&self, range: Range<usize>) -> TokenStream {
        let mut tokens = if range.start == 0 {
            let allow_deprecated = self.allow_deprecated();
            let alias = self.runtime_alias(quote!(super::));
            quote! {
                //! Models of the API's schemas, parameters, bodies and responses.
                #allow_deprecated
                #alias
            }
        } else {
            TokenStream::new()
        };
        for id in &self.api.by_name[range] {
            let def = self.api.type_def(*id);
            tokens.extend(gate(&def.features, self.type_def(def)));
        }
        tokens
    }

    /// The features a type reference is behind: its named type's (through `Vec`, maps and
    /// `Option`), none for the rest.
    fn features_of(&self, ty: &TypeRef) -> &[String] {
        ty.named()
            .map_or(&[], |id| self.api.type_def(id).features.as_slice())
    }

    /// The crate root: docs from `info` and a quick start, the modules, and runtime
    /// re-exports.
    pub fn lib(&self, krate: &CrateName) -> TokenStream {
        let api = self.api;
        let mut text = format!("{} (version {})", api.title, api.version);
        if let Some(description) = &api.description {
            text.push_str("\n\n");
            text.push_str(&docs::sanitize(description));
        }
        text.push_str("\n\n");
        text.push_str(&self.quick_start(krate));
        text.push_str(
            "\n\nThe [`client`] module lists every operation: operationId, method, request.",
        );
        let reexports = self.reexports(TokenStream::new());
        let result = self.result_alias();
        let runtime = self.embedded_runtime.then(|| {
            quote! {
                pub mod runtime;
            }
        });
        let lines = text.lines().map(|l| {
            if l.is_empty() {
                String::new()
            } else {
                format!(" {l}")
            }
        });
        quote! {
            #( #![doc = #lines] )*
            #![forbid(unsafe_code)]

            pub mod client;
            #[cfg(feature = "mock")]
            pub mod mock;
            #runtime
            pub mod types;

            #reexports
            #result
        }
    }

    /// `Result<T>` for the crate's operations, when most of them (more than half) fail with one
    /// typed error: the signature a caller's own functions write (`-> my_api::Result<Customer>`).
    /// The error type is the commonest, the first in spec order on a tie.
    fn result_alias(&self) -> Option<TokenStream> {
        let ops = &self.api.operations;
        let mut counts: Vec<(client::ErrorBody<'_>, usize)> = Vec::new();
        for body in ops.iter().map(client::ErrorBody::of) {
            match counts.iter_mut().find(|(b, _)| *b == body) {
                Some((_, n)) => *n += 1,
                None => counts.push((body, 1)),
            }
        }
        let (body, n) = counts
            .into_iter()
            .filter(|(b, _)| matches!(b, client::ErrorBody::Typed(_)))
            .fold(
                None,
                |best: Option<(client::ErrorBody<'_>, usize)>, (b, n)| match best {
                    Some((_, m)) if m >= n => best,
                    _ => Some((b, n)),
                },
            )?;
        if n * 2 <= ops.len() {
            return None;
        }
        let ty = self.error_body_ty(&body, &quote!(types::));
        let spelled = ty.to_string().replace(' ', "");
        let which = if n == ops.len() {
            "every operation".to_string()
        } else {
            format!("{n} of the {} operations", ops.len())
        };
        let lines = [
            format!(" The result of `send()` for {which}: `Result<ResponseValue<T>>`, failing"),
            format!(" with [`Error<{spelled}>`](Error). Other errors are named:"),
            " `Result<T, Error<E>>`, and after a glob import `Result<T, E>` is still".to_string(),
            " `std::result::Result<T, E>`.".to_string(),
        ];
        // With per-tag features the error type may be behind one: so is the alias then.
        let features = match body {
            client::ErrorBody::Typed(ty) => self.features_of(ty),
            _ => &[],
        };
        Some(gate(
            features,
            quote! {
                #( #[doc = #lines] )*
                pub type Result<T, E = Error<#ty>> = std::result::Result<T, E>;
            },
        ))
    }

    /// The crate docs' quick start: the `Cargo.toml` lines, a client, and a call of the first
    /// operation that needs no argument (a `GET` if there is one). Compiled as a doctest
    /// (`no_run`: it needs a server), so it cannot go stale.
    fn quick_start(&self, krate: &CrateName) -> String {
        let (package, lib) = (krate.package(), krate.lib());
        let no_args = |op: &&crate::ir::Operation| {
            !op.deprecated
                && op.params.iter().all(|p| !p.required)
                && op.body.as_ref().is_none_or(|b| !b.required)
        };
        let ops = &self.api.operations;
        let call = ops
            .iter()
            .filter(no_args)
            .find(|op| op.method == crate::ir::Method::Get)
            .or_else(|| ops.iter().find(no_args))
            .map(|op| {
                format!(
                    "// {} {}\nlet response = client.{}().send().await?;\nprintln!(\"{{}}\", response.status());\n",
                    op.method.as_str(),
                    op.path,
                    op.ident
                )
            })
            .unwrap_or_default();
        format!(
            "# Quick start\n\n\
             Add this crate and an async runtime to your `Cargo.toml`:\n\n\
             ```toml\n\
             [dependencies]\n\
             {package} = {{ path = \"../{package}\" }}\n\
             tokio = {{ version = \"1\", features = [\"macros\", \"rt-multi-thread\"] }}\n\
             ```\n\n\
             Then build a [`Client`] (see [`Client::config`] for OAuth2 client credentials, \
             timeouts and retries) and call an operation:\n\n\
             ```no_run\n\
             # async fn example() -> Result<(), Box<dyn std::error::Error + Send + Sync>> {{\n\
             use {lib}::Client;\n\n\
             let client = Client::with_bearer_token(Client::DEFAULT_BASE_URL.parse()?, \"TOKEN\")?;\n\
             {call}\
             # let _ = client;\n\
             # Ok(())\n\
             # }}\n\
             ```"
        )
    }

    /// The whole API as the items of one module, for the proc-macro and build scripts:
    /// `types` and `client` inline, then the re-exports (no crate-level attributes).
    pub fn module(&self) -> TokenStream {
        let mut tokens = self.part(&Part::TypesModule);
        tokens.extend(self.part(&Part::ClientModule));
        if self.embedded_runtime {
            tokens.extend(self.part(&Part::Runtime));
        }
        tokens.extend(self.part(&Part::Reexports));
        tokens
    }
}

/// `#[allow(deprecated)]` for code that reads or writes every field of `s`, when one is
/// deprecated.
fn allow_deprecated_fields(s: &crate::ir::Struct) -> Option<TokenStream> {
    s.fields
        .iter()
        .any(|f| f.deprecated)
        .then(|| quote!(#[allow(deprecated)]))
}

impl Emitter<'_> {
    /// What the root of a generated crate or module re-exports, each `use` with `attrs`: the
    /// runtime's items, and the runtime itself as `runtime` (with an embedded runtime, that is
    /// the module `runtime`).
    fn reexports(&self, attrs: TokenStream) -> TokenStream {
        let names = crate::naming::ROOT_REEXPORTS.map(|n| quote::format_ident!("{n}"));
        let (from, runtime) = if self.embedded_runtime {
            (quote!(self::runtime), None)
        } else {
            let runtime = quote! {
                /// The runtime every generated client shares (HTTP transport, auth, errors, paging),
                /// so a downstream crate needs no dependency of its own on it.
                #attrs
                pub use codegen_runtime as runtime;
            };
            (quote!(codegen_runtime), Some(runtime))
        };
        quote! {
            #attrs
            pub use client::Client;
            #attrs
            pub use #from::{#(#names),*};
            #runtime
        }
    }
}

/// Method names that clippy's `should_implement_trait` reserves for std traits.
const STD_TRAIT_METHODS: [&str; 30] = [
    "add",
    "as_mut",
    "as_ref",
    "bitand",
    "bitor",
    "bitxor",
    "borrow",
    "borrow_mut",
    "clone",
    "cmp",
    "default",
    "deref",
    "deref_mut",
    "div",
    "drop",
    "eq",
    "from_iter",
    "from_str",
    "hash",
    "index",
    "index_mut",
    "into_iter",
    "mul",
    "neg",
    "next",
    "not",
    "rem",
    "shl",
    "shr",
    "sub",
];

/// `#[allow(clippy::should_implement_trait)]` for a method named like a std trait's (`add`,
/// `next`): the API's word, not the trait's.
fn std_trait_method(name: &str) -> Option<TokenStream> {
    STD_TRAIT_METHODS
        .contains(&name)
        .then(|| quote!(#[allow(clippy::should_implement_trait)]))
}

/// `items` behind cargo `features`, any of which brings them in (`Options::features_by_tag`):
/// `#[cfg(feature = ..)]` or `#[cfg(any(feature = .., ..))]` before each of its
/// [`top_level_items`]; as they are without a feature.
pub(crate) fn gate(features: &[String], items: TokenStream) -> TokenStream {
    let cfg = match features {
        [] => return items,
        [one] => quote!(#[cfg(feature = #one)]),
        many => quote!(#[cfg(any(#(feature = #many),*))]),
    };
    top_level_items(items)
        .into_iter()
        .flat_map(|item| quote!(#cfg #(#item)*))
        .collect()
}

/// The top-level items of a token stream: each runs to a `;` or a `{ .. }` at its level, and
/// takes the `;` after a braced body along (`const X: T = T { .. };`). Attributes are bracketed,
/// so they stay with their item; tokens after the last end are one more item.
pub(crate) fn top_level_items(tokens: TokenStream) -> Vec<Vec<TokenTree>> {
    let mut items = Vec::new();
    let mut current: Vec<TokenTree> = Vec::new();
    let mut ended = false;
    for t in tokens {
        let semi = matches!(&t, TokenTree::Punct(p) if p.as_char() == ';');
        if ended && !semi {
            items.push(std::mem::take(&mut current));
        }
        ended = semi || matches!(&t, TokenTree::Group(g) if g.delimiter() == Delimiter::Brace);
        current.push(t);
    }
    if !current.is_empty() {
        items.push(current);
    }
    items
}

#[cfg(test)]
mod tests {
    use super::{gate, top_level_items};
    use quote::quote;

    #[test]
    fn top_level_items_end_at_a_semicolon_or_a_body_and_keep_the_semicolon_after_one() {
        let items = top_level_items(quote! {
            #[derive(Debug)]
            pub struct A { x: u8 }
            pub struct B(u8);
            const C: A = A { x: 1 };
            impl A { fn f() {} }
            mod d;
            trailing tokens
        });
        let texts: Vec<String> = items
            .into_iter()
            .map(|item| {
                item.into_iter()
                    .collect::<proc_macro2::TokenStream>()
                    .to_string()
            })
            .collect();
        assert_eq!(
            texts,
            [
                "# [derive (Debug)] pub struct A { x : u8 }",
                "pub struct B (u8) ;",
                "const C : A = A { x : 1 } ;",
                "impl A { fn f () { } }",
                "mod d ;",
                "trailing tokens",
            ]
        );
    }

    #[test]
    fn gate_puts_the_cfg_before_every_item() {
        let features = ["a".to_string(), "b".to_string()];
        let gated = gate(
            &features,
            quote!(
                struct S;
                const C: S = S {};
            ),
        );
        assert_eq!(
            gated.to_string(),
            quote!(
                #[cfg(any(feature = "a", feature = "b"))]
                struct S;
                #[cfg(any(feature = "a", feature = "b"))]
                const C: S = S {};
            )
            .to_string()
        );
        assert_eq!(
            gate(
                &[],
                quote!(
                    struct S;
                )
            )
            .to_string(),
            "struct S ;"
        );
    }
}
