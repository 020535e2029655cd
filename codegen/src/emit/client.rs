//! The client: a `Client` with one method per operation, each returning a request builder.
//!
//! Required path/query/header parameters and a required body are method arguments (a call
//! without them does not compile); optional ones are builder setters. `send()` encodes the
//! request through `codegen-runtime` and decodes the response by status.

use super::{braced, docs, Emitter};
use crate::ir::{BodyKind, MultipartBody, Operation, Param, PartKind, TypeKind, TypeRef};
use proc_macro2::TokenStream;
use quote::{format_ident, quote};
use std::ops::Range;

mod decode;
pub(super) use decode::ErrorBody;
mod send;

impl Emitter<'_> {
    /// The body of the `client` module.
    pub fn client(&self) -> TokenStream {
        let mut tokens = self.client_struct();
        tokens.extend(self.request_builders_part(0..self.api.operations.len()));
        tokens.extend(self.query_impls());
        tokens
    }

    /// The module's header, the `Client` struct, and `impl Client` with its constructors and a
    /// method per operation.
    pub(super) fn client_struct(&self) -> TokenStream {
        let (mut tokens, mut items) = self.client_head();
        for op in &self.api.operations {
            items.extend(super::gate(op.feature.as_slice(), self.method(op)));
        }
        let items = braced(items);
        tokens.extend(quote!(impl Client #items));
        tokens
    }

    /// The module's header and the `Client` struct, and the items that open `impl Client`
    /// (the default base URL and the constructors).
    fn client_head(&self) -> (TokenStream, TokenStream) {
        let server = self.api.servers.first();
        let base_url = server.map_or("http://localhost", |s| s.url.as_str());
        let base_doc = match server {
            None => " The spec names no server: give yours with `ClientConfig::base_url`.".to_string(),
            Some(s) if s.relative => format!(
                " The spec's server is relative (`{}`): this is it on `localhost`; give your host with `ClientConfig::base_url`.",
                s.template
            ),
            Some(s) if !s.variables.is_empty() => format!(
                " The first server of the spec, `{}`, with every variable at its default; [`Client::base_url_for`] fills in others.",
                s.template
            ),
            Some(_) => " The first server of the spec.".to_string(),
        };
        let base_url_for = server.filter(|s| !s.variables.is_empty()).map(|s| {
            let idents: Vec<_> = s.variables.iter().map(|v| format_ident!("{}", v.ident)).collect();
            let names = s.variables.iter().map(|v| format!("{{{}}}", v.name));
            let tys: Vec<TokenStream> = s
                .variables
                .iter()
                .map(|v| match v.ty {
                    Some(id) => self.ty_in_client(&TypeRef::Named(id)),
                    None => quote!(&str),
                })
                .collect();
            let texts = s.variables.iter().zip(&idents).map(|(v, ident)| match v.ty {
                Some(_) => quote!(#ident.as_str()),
                None => quote!(#ident),
            });
            let template = &s.template;
            let mut doc = vec![
                format!(" The URL of the server `{template}` with these values for its variables:"),
                String::new(),
            ];
            for v in &s.variables {
                let mut line = format!(" - `{}`: default `{}`", v.ident, v.default);
                if !v.values.is_empty() {
                    let values: Vec<String> = v.values.iter().map(|x| format!("`{x}`")).collect();
                    line.push_str(&format!("; one of {}", values.join(", ")));
                }
                if let Some(d) = &v.description {
                    line.push_str(&format!(". {}", d.replace('\n', " ")));
                }
                doc.push(line);
            }
            quote! {
                #(#[doc = #doc])*
                pub fn base_url_for(#(#idents: #tys),*) -> Result<codegen_runtime::Url, codegen_runtime::url::ParseError> {
                    let url = #template #(.replace(#names, #texts))*;
                    codegen_runtime::Url::parse(&url)
                }
            }
        });
        // Deprecated schemas still have to be named in signatures.
        let allow_deprecated = self.allow_deprecated();
        let alias = self.runtime_alias(quote!(super::));
        let table = docs::inner_attrs(&docs::operations_table(&self.api.operations));
        let head = quote! {
            //! The HTTP client: one method per operation, each returning a request builder.
            #table
            #allow_deprecated
            #alias

            /// The API client. Cheap to clone (one connection pool shared by all clones), `Send + Sync`.
            #[derive(Debug, Clone)]
            pub struct Client {
                transport: codegen_runtime::Transport,
            }
        };
        let items = quote! {
            #[doc = #base_doc]
            pub const DEFAULT_BASE_URL: &'static str = #base_url;

            #base_url_for

            /// A configuration with the default base URL and a `User-Agent` naming the crate
            /// this code is compiled in (`name/version`);
            /// add auth, timeouts and retries, then pass `build()?` to [`Client::from_transport`].
            pub fn config() -> codegen_runtime::ClientConfig {
                let base_url = codegen_runtime::Url::parse(Self::DEFAULT_BASE_URL)
                    .expect("the generator checked that this URL parses");
                codegen_runtime::ClientConfig::new(base_url, concat!(env!("CARGO_PKG_NAME"), "/", env!("CARGO_PKG_VERSION")))
            }

            /// A client over a configured transport.
            pub fn from_transport(transport: codegen_runtime::Transport) -> Self {
                Client { transport }
            }

            /// A client for `base_url` authenticating with a static bearer token.
            pub fn with_bearer_token(
                base_url: codegen_runtime::Url,
                token: impl Into<codegen_runtime::Secret>,
            ) -> Result<Self, codegen_runtime::ConfigError> {
                let transport = Self::config().base_url(base_url).bearer_token(token).build()?;
                Ok(Client { transport })
            }

            /// The underlying transport.
            pub fn transport(&self) -> &codegen_runtime::Transport {
                &self.transport
            }
        };
        (head, items)
    }

    /// The request builders of operations `range`.
    pub(super) fn request_builders_part(&self, range: Range<usize>) -> TokenStream {
        let mut tokens = TokenStream::new();
        for op in &self.api.operations[range] {
            tokens.extend(super::gate(op.feature.as_slice(), self.builder(op)));
        }
        tokens
    }

    /// `QueryValue` for every enum, newtype and union, sorted by name like the types, so the
    /// output does not follow lowering order.
    pub(super) fn query_impls(&self) -> TokenStream {
        let mut tokens = TokenStream::new();
        for t in self.api.by_name.iter().map(|id| self.api.type_def(*id)) {
            let value = match t.kind {
                TypeKind::Enum(_) | TypeKind::Newtype(_) => quote!(self.as_str().to_string()),
                // A union parameter (`oneOf: [integer, string]`) is sent as its variant's JSON
                // text.
                TypeKind::Untagged { .. } => quote!(codegen_runtime::query_value_via_serde(self)),
                _ => continue,
            };
            let name = format_ident!("{}", t.name);
            tokens.extend(super::gate(
                &t.features,
                quote! {
                    impl codegen_runtime::QueryValue for super::types::#name {
                        fn query_value(&self) -> String {
                            #value
                        }
                    }
                },
            ));
        }
        tokens
    }

    /// Required parameters and body, as `(name, type, converts)`: parameters accept anything
    /// that converts into their type (`converts`); the body is taken as its exact type.
    fn required_args(&self, op: &Operation) -> Vec<(proc_macro2::Ident, TokenStream, bool)> {
        let mut args: Vec<_> = op
            .params
            .iter()
            .filter(|p| p.required)
            .map(|p| (format_ident!("{}", p.ident), self.ty_in_client(&p.ty), true))
            .collect();
        if let Some(body) = op.body.as_ref().filter(|b| b.required) {
            args.push((format_ident!("body"), self.body_ty(body), false));
        }
        args
    }

    fn body_ty(&self, body: &crate::ir::Body) -> TokenStream {
        match &body.kind {
            BodyKind::Json(ty) | BodyKind::Form { ty, .. } => self.ty_in_client(ty),
            BodyKind::Multipart(m) => {
                let name = format_ident!("{}", m.name);
                quote!(#name)
            }
            BodyKind::Text => quote!(String),
            BodyKind::Bytes => quote!(Vec<u8>),
        }
    }

    /// The struct of a multipart body, with a constructor taking its required fields.
    fn multipart_struct(&self, op: &Operation, m: &MultipartBody) -> TokenStream {
        let name = format_ident!("{}", m.name);
        let doc = format!(
            " The `multipart/form-data` body of [`Client::{}`]: one part per field.",
            op.ident
        );
        let ty = |f: &crate::ir::MultipartField| {
            let inner = match &f.kind {
                PartKind::Value { ty, .. } => self.ty_in_client(ty),
                PartKind::File { many: false, .. } => quote!(codegen_runtime::FilePart),
                PartKind::File { many: true, .. } => quote!(Vec<codegen_runtime::FilePart>),
            };
            if f.required {
                inner
            } else {
                quote!(Option<#inner>)
            }
        };
        let fields = m.fields.iter().map(|f| {
            let n = format_ident!("{}", f.ident);
            let t = ty(f);
            let text = format!("Part `{}`.", f.wire);
            let text = match &f.description {
                Some(d) => format!("{}\n\n{text}", docs::sanitize(d)),
                None => text,
            };
            let doc = docs::attrs(&text);
            quote!(#doc pub #n: #t,)
        });
        let required: Vec<_> = m.fields.iter().filter(|f| f.required).collect();
        let args = required.iter().map(|f| {
            let n = format_ident!("{}", f.ident);
            let t = ty(f);
            quote!(#n: impl Into<#t>)
        });
        let inits = m.fields.iter().map(|f| {
            let n = format_ident!("{}", f.ident);
            if f.required {
                quote!(#n: #n.into(),)
            } else {
                quote!(#n: None,)
            }
        });
        // With no required part, `new()` is `Default::default()`.
        let default = required.is_empty().then(|| quote!(Default,));
        // One argument per required part, however many the spec has.
        let many = (required.len() > 7).then(|| quote!(#[allow(clippy::too_many_arguments)]));
        quote! {
            #[doc = #doc]
            #[derive(Debug, Clone, PartialEq, #default)]
            #[non_exhaustive]
            pub struct #name {
                #(#fields)*
            }

            impl #name {
                /// A body with the required parts; optional ones are `None`.
                #many
                pub fn new(#(#args),*) -> Self {
                    #name { #(#inits)* }
                }
            }
        }
    }

    fn method(&self, op: &Operation) -> TokenStream {
        let ident = format_ident!("{}", op.ident);
        let builder = format_ident!("{}", op.builder);
        let args = self.required_args(op);
        let names: Vec<_> = args.iter().map(|(n, ..)| n).collect();
        let arg_tys = args.iter().map(|(_, t, converts)| {
            if *converts {
                quote!(impl Into<#t>)
            } else {
                t.clone()
            }
        });
        let inits = args.iter().map(|(n, _, converts)| {
            if *converts {
                quote!(#n: #n.into(),)
            } else {
                quote!(#n,)
            }
        });
        let optional = op
            .params
            .iter()
            .filter(|p| !p.required)
            .map(|p| format_ident!("{}", p.ident));
        let optional_body = op
            .body
            .as_ref()
            .filter(|b| !b.required)
            .map(|_| quote!(body: None,));
        let mut text = String::new();
        if let Some(summary) = &op.summary {
            text.push_str(&docs::sanitize(summary));
        }
        if let Some(description) = &op.description {
            text.push_str("\n\n");
            text.push_str(&docs::sanitize(description));
        }
        let described = |scope: &String| {
            op.description
                .as_deref()
                .is_some_and(|d| d.contains(scope.as_str()))
        };
        if !op.scopes.iter().all(described) {
            let scopes: Vec<String> = op.scopes.iter().map(|s| format!("`{s}`")).collect();
            text.push_str(&format!("\n\nOAuth scopes: {}.", scopes.join(", ")));
        }
        text.push_str(&format!("\n\n`{} {}`", op.method.as_str(), op.path));
        if !op.tags.is_empty() {
            text.push_str(&format!(" (tag: {})", op.tags.join(", ")));
        }
        let doc = docs::attrs(text.trim_start());
        let deprecated = op.deprecated.then(|| quote!(#[deprecated]));
        // An operation called `add` or `next` is the API's word, not a std trait's method.
        let trait_name = super::std_trait_method(&op.ident);
        let alias = op.doc_alias.as_ref().map(|a| quote!(#[doc(alias = #a)]));
        quote! {
            #doc
            #alias
            #deprecated
            #trait_name
            pub fn #ident(&self, #( #names: #arg_tys ),*) -> #builder {
                #builder {
                    client: self.clone(),
                    #( #inits )*
                    #( #optional: None, )*
                    #optional_body
                    deadline: None,
                    extensions: Default::default(),
                }
            }
        }
    }

    fn builder(&self, op: &Operation) -> TokenStream {
        let builder = format_ident!("{}", op.builder);
        let op_id = op.operation_id.clone().unwrap_or_else(|| op.ident.clone());
        let doc = format!(
            " Request builder for [`Client::{}`]: set optional parameters, then `send()`.",
            op.ident
        );
        let required = self.required_args(op);
        // Fields are visible in the crate: the `mock` module's matchers read them.
        let req_fields = required.iter().map(|(n, t, _)| quote!(pub(crate) #n: #t,));
        let optional: Vec<&Param> = op.params.iter().filter(|p| !p.required).collect();
        let opt_fields = optional.iter().map(|p| {
            let n = format_ident!("{}", p.ident);
            let t = self.ty_in_client(&p.ty);
            quote!(pub(crate) #n: Option<#t>,)
        });
        let setters = optional.iter().map(|p| {
            let n = format_ident!("{}", p.ident);
            let t = self.ty_in_client(&p.ty);
            let text = docs::text(&p.docs, &[]);
            let doc = docs::attrs(&text);
            quote! {
                #doc
                pub fn #n(mut self, value: impl Into<#t>) -> Self {
                    self.#n = Some(value.into());
                    self
                }
            }
        });
        let opt_body = op
            .body
            .as_ref()
            .filter(|b| !b.required)
            .map(|b| self.body_ty(b));
        let opt_body_field = opt_body
            .as_ref()
            .map(|t| quote!(pub(crate) body: Option<#t>,));
        let opt_body_setter = opt_body.as_ref().map(|t| {
            quote! {
                /// The request body (optional for this operation).
                pub fn body(mut self, value: #t) -> Self {
                    self.body = Some(value);
                    self
                }
            }
        });
        let multipart = match op.body.as_ref().map(|b| &b.kind) {
            Some(BodyKind::Multipart(m)) => Some(self.multipart_struct(op, m)),
            _ => None,
        };
        let (ok_ty, ok_arms, success_enum) = self.success(op, &op.success);
        let (err_ty, err_arms) = self.failure(op);
        let stream = self.stream(op, &err_ty);
        let send = self.send(op, &op_id, (ok_ty, ok_arms), (err_ty, err_arms));
        let extra_header = format_ident!("{}", op.extra_header);
        let extra_query = format_ident!("{}", op.extra_query);
        quote! {
            #[doc = #doc]
            #[derive(Debug, Clone)]
            #[must_use = "a request does nothing until `send()` is awaited"]
            pub struct #builder {
                client: Client,
                #(#req_fields)*
                #(#opt_fields)*
                #opt_body_field
                deadline: Option<Option<std::time::Duration>>,
                extensions: codegen_runtime::Extensions,
            }

            impl #builder {
                #(#setters)*
                #opt_body_setter

                /// The deadline of this whole call instead of `ClientConfig::deadline`'s (`None`: none).
                pub fn deadline(mut self, deadline: Option<std::time::Duration>) -> Self {
                    self.deadline = Some(deadline);
                    self
                }

                /// Add header `name: value` to this request, beside the spec's parameters (a
                /// trace id, `Prefer: code=404` for a mock server); never printed by `Debug`.
                pub fn #extra_header(mut self, name: &str, value: impl codegen_runtime::QueryValue) -> Self {
                    self.extensions.header(name, value);
                    self
                }

                /// Add query parameter `name=value` to this request, beside the spec's parameters.
                pub fn #extra_query(mut self, name: &str, value: impl codegen_runtime::QueryValue) -> Self {
                    self.extensions.query(name, value);
                    self
                }

                #send
                #stream
            }

            #success_enum
            #multipart
        }
    }

    /// The success and error body types of `op` as spelled from a sibling of the `client`
    /// module, and whether the success type can be cloned (an event stream cannot).
    pub(super) fn answer_types(&self, op: &Operation) -> (TokenStream, TokenStream, bool) {
        let (ok_ty, _, success_enum) = self.success(op, &op.success);
        let ok_ty = match success_enum {
            Some(_) => {
                let name = format_ident!("{}", op.success);
                quote!(super::client::#name)
            }
            None => ok_ty,
        };
        let (err_ty, _) = self.failure(op);
        let streams = op.responses.iter().any(|r| {
            r.status.is_success()
                && r.media_type
                    .as_deref()
                    .is_some_and(crate::ir::is_event_stream)
        });
        (ok_ty, err_ty, !streams)
    }

    /// The status a mock answers `op`'s success value `value` with (a `u16` expression).
    pub(super) fn mock_status(&self, op: &Operation, value: &TokenStream) -> TokenStream {
        self.success_status(op, value)
    }

    /// A body type as spelled from a sibling of the `client` module.
    pub(super) fn body_ty_outside(&self, body: &crate::ir::Body) -> TokenStream {
        match &body.kind {
            BodyKind::Multipart(m) => {
                let name = format_ident!("{}", m.name);
                quote!(super::client::#name)
            }
            _ => self.body_ty(body),
        }
    }

    /// A type as spelled from inside the `client` module.
    pub(super) fn ty_in_client(&self, ty: &TypeRef) -> TokenStream {
        self.ty_from(ty, &quote!(super::types::))
    }
}
