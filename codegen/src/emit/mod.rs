//! Emit: [`ir::Api`] into token streams. Infallible: every decision was made in lowering.

mod builders;
mod client;
mod docs;
mod examples;
mod types;

use crate::ir::Api;
use proc_macro2::TokenStream;
use quote::quote;

pub use docs::sanitize as sanitize_docs;

/// Emits one API; holds it so that type references can be spelled by name.
pub struct Emitter<'a> {
    api: &'a Api,
    extra_derives: &'a [String],
}

impl<'a> Emitter<'a> {
    pub fn new(api: &'a Api) -> Self {
        Emitter {
            api,
            extra_derives: &[],
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
        let mut defs: Vec<_> = self.api.types.iter().collect();
        defs.sort_by(|a, b| a.name.cmp(&b.name));
        let defs = defs.into_iter().map(|d| self.type_def(d));
        let allow_deprecated = self.allow_deprecated();
        quote! {
            //! Models of the API's schemas, parameters, bodies and responses.
            #allow_deprecated
            #(#defs)*
        }
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
        let types = self.types();
        let client = self.client();
        let reexports = reexports(quote!(#[allow(unused_imports)]));
        // The including crate may be a binary that uses a fraction of the API.
        quote! {
            #[allow(dead_code)]
            pub mod types {
                #types
            }
            #[allow(dead_code)]
            pub mod client {
                #client
            }
            #reexports
        }
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
            ClientConfig, ClientCredentials, ConstraintError, Error, Nullable, Pages, ResponseValue, RetryPolicy,
            StaticToken, Stream, UnknownValue,
        };
    }
}
