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
}

impl<'a> Emitter<'a> {
    pub fn new(api: &'a Api) -> Self {
        Emitter { api }
    }

    /// The body of the `types` module: every type, sorted by name.
    pub fn types(&self) -> TokenStream {
        let mut defs: Vec<_> = self.api.types.iter().collect();
        defs.sort_by(|a, b| a.name.cmp(&b.name));
        let defs = defs.into_iter().map(|d| self.type_def(d));
        let allow_deprecated = self
            .api
            .types
            .iter()
            .any(|t| t.deprecated)
            .then(|| quote!(#![allow(deprecated)]));
        let builders = self.builders();
        quote! {
            //! Models of the API's schemas, parameters, bodies and responses.
            #allow_deprecated
            #(#defs)*
            #builders
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

            pub use client::Client;
            pub use codegen_runtime::{
                ClientConfig, ClientCredentials, ConstraintError, Error, Nullable, Pages, ResponseValue, RetryPolicy,
                StaticToken, Stream, UnknownValue,
            };
        }
    }
}
