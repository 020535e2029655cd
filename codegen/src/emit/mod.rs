//! Emit: [`ir::Api`](crate::ir::Api) into token streams. Infallible: every decision was made in lowering.

mod builders;
mod client;
mod docs;
mod examples;
mod types;

use crate::ir::Api;
use proc_macro2::{Delimiter, Group, TokenStream};
use quote::quote;
use std::ops::Range;

pub use docs::sanitize as sanitize_docs;

/// Emits one API; holds it so that type references can be spelled by name.
///
/// Stateless: every name and order is in the IR, so a crate's [`Part`]s are emitted on
/// several threads from one emitter and agree with each other.
pub struct Emitter<'a> {
    api: &'a Api,
    extra_derives: &'a [String],
}

/// A slice of one generated file that is emitted and rendered on its own, so that the files of
/// a crate are made on several threads. The parts of a file, in order, are the file's items
/// (see `parts` for how their text is joined).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Part {
    /// `lib.rs`, whole.
    Lib,
    /// Type definitions `range` in name order; the first part carries the module's header.
    Types(Range<usize>),
    /// Body builders `range` in `pub mod builders { .. }` (documented on the first part).
    Builders(Range<usize>),
    /// Methods `range` of `impl Client { .. }`; the first part carries the module's header, the
    /// `Client` struct and its constructors.
    ClientMethods(Range<usize>),
    /// The request builders of operations `range`.
    RequestBuilders(Range<usize>),
    /// `QueryValue` for the enums, newtypes and unions that can be query parameters.
    QueryImpls,
    /// The examples test's tests `range`; the first part carries its header and helper.
    Examples(Range<usize>),
    /// The re-exports after the modules of [`Emitter::module`].
    Reexports,
}

/// A block that encloses a [`Part`] in a generated file, so that parts rendered apart can be
/// joined (see `crate::parts`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Block {
    /// `pub mod types { .. }` of [`Emitter::module`].
    Types,
    /// `pub mod builders { .. }`.
    Builders,
    /// `pub mod client { .. }` of [`Emitter::module`].
    Client,
    /// `impl Client { .. }`.
    ImplClient,
}

impl Part {
    /// The blocks around this part in its file of a crate, outermost first.
    pub fn blocks_in_crate(&self) -> &'static [Block] {
        match self {
            Part::Builders(_) => &[Block::Builders],
            Part::ClientMethods(_) => &[Block::ImplClient],
            _ => &[],
        }
    }

    /// The blocks around this part in [`Emitter::module`], outermost first.
    pub fn blocks_in_module(&self) -> &'static [Block] {
        match self {
            Part::Types(_) => &[Block::Types],
            Part::Builders(_) => &[Block::Types, Block::Builders],
            Part::ClientMethods(_) => &[Block::Client, Block::ImplClient],
            Part::RequestBuilders(_) | Part::QueryImpls => &[Block::Client],
            Part::Lib | Part::Examples(_) | Part::Reexports => &[],
        }
    }
}

/// `pub mod name { items }` of [`Emitter::module`], with `#[allow(dead_code)]` where the module
/// `opens` (in its first part): the including crate may be a binary that uses a fraction of the
/// API.
fn module_block(name: &str, opens: bool, items: TokenStream) -> TokenStream {
    let name = quote::format_ident!("{name}");
    let attr = opens.then(|| quote!(#[allow(dead_code)]));
    let body = braced(items);
    quote!(#attr pub mod #name #body)
}

/// `{ items }`, moving the tokens (interpolating `#items` into `quote!` would copy them).
fn braced(items: TokenStream) -> Group {
    Group::new(Delimiter::Brace, items)
}

impl<'a> Emitter<'a> {
    pub fn new(api: &'a Api) -> Self {
        Emitter {
            api,
            extra_derives: &[],
        }
    }

    /// How many items [`Part::Types`], [`Part::Builders`], [`Part::ClientMethods`] (and
    /// [`Part::RequestBuilders`]) and [`Part::Examples`] range over.
    pub fn part_lens(&self) -> [usize; 4] {
        [
            self.api.types.len(),
            self.api.builders.len(),
            self.api.operations.len(),
            self.api.examples.len(),
        ]
    }

    /// The tokens of one part; `crate_name` is the package that the examples test imports.
    pub fn part(&self, part: &Part, crate_name: &str) -> TokenStream {
        match part {
            Part::Lib => self.lib(),
            Part::Types(range) => self.types_part(range.clone()),
            Part::Builders(range) => self.builders_part(range.clone()),
            Part::ClientMethods(range) => self.methods_part(range.clone()),
            Part::RequestBuilders(range) => self.request_builders_part(range.clone()),
            Part::QueryImpls => self.query_impls(),
            Part::Examples(range) => self.examples_part(crate_name, range.clone()),
            Part::Reexports => reexports(quote!(#[allow(unused_imports)])),
        }
    }

    /// The tokens of one part of [`Emitter::module`], in the modules that enclose it there
    /// ([`Part::blocks_in_module`]); a module's attributes are on its first part only. Nothing
    /// for a part of no items.
    pub fn module_part(&self, part: &Part) -> TokenStream {
        let inner = self.part(part, "");
        if inner.is_empty() {
            return inner;
        }
        let name = match part.blocks_in_module().first() {
            Some(Block::Types) => "types",
            Some(Block::Client) => "client",
            _ => return inner,
        };
        let opens = matches!(part, Part::Types(r) | Part::ClientMethods(r) if r.start == 0);
        module_block(name, opens, inner)
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

    /// Adds derives (type paths such as `Eq` or `schemars::JsonSchema`) to every struct and enum.
    pub fn extra_derives(mut self, derives: &'a [String]) -> Self {
        self.extra_derives = derives;
        self
    }

    /// The body of the `types` module: every type, sorted by name, then the `builders` module.
    pub fn types(&self) -> TokenStream {
        let mut tokens = self.type_items();
        tokens.extend(self.builders());
        tokens
    }

    /// [`Emitter::types`] without the `builders` module (which [`Emitter::builders`] gives), so
    /// the two can be rendered apart and their text joined.
    pub fn type_items(&self) -> TokenStream {
        self.types_part(0..self.api.types.len())
    }

    fn types_part(&self, range: Range<usize>) -> TokenStream {
        let mut tokens = if range.start == 0 {
            let allow_deprecated = self.allow_deprecated();
            quote! {
                //! Models of the API's schemas, parameters, bodies and responses.
                #allow_deprecated
            }
        } else {
            TokenStream::new()
        };
        for id in &self.api.by_name[range] {
            tokens.extend(self.type_def(self.api.type_def(*id)));
        }
        tokens
    }

    /// The crate root: docs from `info`, the modules, and runtime re-exports.
    pub fn lib(&self) -> TokenStream {
        let api = self.api;
        let mut text = format!("{} (version {})", api.title, api.version);
        if let Some(description) = &api.description {
            text.push_str("\n\n");
            text.push_str(&docs::sanitize(description));
        }
        let reexports = reexports(TokenStream::new());
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
            pub mod types;

            #reexports
        }
    }

    /// The whole API as the items of one module, for the proc-macro and build scripts:
    /// `types` and `client` inline, then the re-exports (no crate-level attributes).
    pub fn module(&self) -> TokenStream {
        let mut tokens = module_block("types", true, self.types());
        tokens.extend(module_block("client", true, self.client()));
        tokens.extend(self.part(&Part::Reexports, ""));
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

/// What the root of a generated crate or module re-exports, each `use` with `attrs`.
fn reexports(attrs: TokenStream) -> TokenStream {
    quote! {
        #attrs
        pub use client::Client;
        #attrs
        pub use codegen_runtime::{
            AuthError, ClientConfig, ClientCredentials, ConfigError, ConstraintError, Error, Event, EventStream,
            FilePart, HeaderMap, Nullable, Pages, ResponseValue, RetryPolicy, Secret, StaticToken, StatusCode,
            Stream, TokenSource, Transport, UnknownValue, Url,
        };
        /// The runtime every generated client shares (HTTP transport, auth, errors, paging),
        /// so a downstream crate needs no dependency of its own on it.
        #attrs
        pub use codegen_runtime as runtime;
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
