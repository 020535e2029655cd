//! The client: a `Client` with one method per operation, each returning a request builder.
//!
//! Required path/query/header parameters and a required body are method arguments (a call
//! without them does not compile); optional ones are builder setters. `send()` encodes the
//! request through `codegen-runtime` and decodes the response by status.

use super::{braced, docs, Emitter};
use crate::ir::{
    is_event_stream, is_json, BodyKind, MultipartBody, Operation, Param, ParamLocation,
    ParamWriter, PartKind, Response, Status, TypeKind, TypeRef,
};
use proc_macro2::{Literal, TokenStream};
use quote::{format_ident, quote};
use std::ops::Range;

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
            items.extend(self.method(op));
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
        let head = quote! {
            //! The HTTP client: one method per operation, each returning a request builder.
            #allow_deprecated

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
            tokens.extend(self.builder(op));
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
            tokens.extend(quote! {
                impl codegen_runtime::QueryValue for super::types::#name {
                    fn query_value(&self) -> String {
                        #value
                    }
                }
            });
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
        quote! {
            #doc
            #deprecated
            #trait_name
            pub fn #ident(&self, #( #names: #arg_tys ),*) -> #builder {
                #builder {
                    client: self.clone(),
                    #( #inits )*
                    #( #optional: None, )*
                    #optional_body
                    deadline: None,
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
        let req_fields = required.iter().map(|(n, t, _)| quote!(#n: #t,));
        let optional: Vec<&Param> = op.params.iter().filter(|p| !p.required).collect();
        let opt_fields = optional.iter().map(|p| {
            let n = format_ident!("{}", p.ident);
            let t = self.ty_in_client(&p.ty);
            quote!(#n: Option<#t>,)
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
        let opt_body_field = opt_body.as_ref().map(|t| quote!(body: Option<#t>,));
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
            }

            impl #builder {
                #(#setters)*
                #opt_body_setter

                /// The deadline of this whole call instead of `ClientConfig::deadline`'s (`None`: none).
                pub fn deadline(mut self, deadline: Option<std::time::Duration>) -> Self {
                    self.deadline = Some(deadline);
                    self
                }

                #send
                #stream
            }

            #success_enum
            #multipart
        }
    }

    fn send(
        &self,
        op: &Operation,
        op_id: &str,
        (ok_ty, ok_arms): (TokenStream, TokenStream),
        (err_ty, err_arms): (TokenStream, TokenStream),
    ) -> TokenStream {
        // Path: literal pieces and encoded parameters.
        let mut fmt = String::new();
        let mut fmt_args = Vec::new();
        let mut rest = op.path.as_str();
        while let Some(start) = rest.find('{') {
            fmt.push_str(&rest[..start].replace('{', "{{").replace('}', "}}"));
            let Some(len) = rest[start..].find('}') else {
                break;
            };
            let name = &rest[start + 1..start + len];
            match op
                .params
                .iter()
                .find(|p| p.location == ParamLocation::Path && p.wire == name)
            {
                Some(p) => {
                    let n = format_ident!("{}", p.ident);
                    fmt.push_str("{}");
                    if p.writer == ParamWriter::Text {
                        fmt_args.push(quote!(codegen_runtime::encode_path_segment(&codegen_runtime::QueryValue::query_value(&self.#n))));
                    } else {
                        let wire = &p.wire;
                        let (style, explode) = style_args(p);
                        fmt_args.push(
                            quote!(codegen_runtime::path_param(#wire, &self.#n, #style, #explode)?),
                        );
                    }
                }
                None => fmt.push_str(&format!("{{{{{name}}}}}")),
            }
            rest = &rest[start + len + 1..];
        }
        fmt.push_str(&rest.replace('{', "{{").replace('}', "}}"));
        let path = if fmt_args.is_empty() {
            quote!(#fmt.to_string())
        } else {
            quote!(format!(#fmt, #(#fmt_args),*))
        };

        let method = format_ident!("{}", op.method.as_str());
        let params = op
            .params
            .iter()
            .filter(|p| p.location != ParamLocation::Path)
            .map(|p| {
                let n = format_ident!("{}", p.ident);
                let wire = &p.wire;
                let (style, explode) = style_args(p);
                let styled = p.writer == ParamWriter::Styled;
                let is_vec = p.writer == ParamWriter::Items;
                // A `Copy` value is passed as is (clippy: needless borrow); others by reference.
                let value = match p.ty {
                    TypeRef::Prim(prim) if prim != crate::ir::Prim::String => quote!(self.#n),
                    _ => quote!(&self.#n),
                };
                match (p.location, p.required, is_vec) {
                    (ParamLocation::Cookie, ..) => {
                        quote!(let parts = parts.cookie(#wire, &self.#n, #style, #explode);)
                    }
                    (ParamLocation::Header, ..) if styled => {
                        quote!(let parts = parts.header_styled(#wire, &self.#n, #style, #explode);)
                    }
                    _ if styled => {
                        quote!(let parts = parts.query_styled(#wire, &self.#n, #style, #explode);)
                    }
                    (ParamLocation::Header, true, _) => {
                        quote!(let parts = parts.header(#wire, #value);)
                    }
                    (ParamLocation::Header, false, _) => {
                        quote!(let parts = parts.header_opt(#wire, self.#n.as_ref());)
                    }
                    (_, required, true) => {
                        let add = if p.explode {
                            quote!(query_exploded)
                        } else {
                            quote!(query_joined)
                        };
                        if required {
                            quote!(let parts = parts.#add(#wire, &self.#n);)
                        } else {
                            quote! {
                                let parts = match &self.#n {
                                    Some(values) => parts.#add(#wire, values),
                                    None => parts,
                                };
                            }
                        }
                    }
                    (_, true, false) => quote!(let parts = parts.query(#wire, #value);),
                    (_, false, false) => {
                        quote!(let parts = parts.query_opt(#wire, self.#n.as_ref());)
                    }
                }
            });
        let body = op.body.as_ref().map(|b| {
            let media = &b.media_type;
            // JSON and forms are serialized from a reference; text and bytes are moved into
            // the request.
            let (borrow, attach) = match &b.kind {
                BodyKind::Json(_) => (quote!(&), quote!(parts.json(body))),
                BodyKind::Form { encoding, .. } => {
                    let entries = encoding.iter().map(|e| {
                        let wire = &e.wire;
                        let style = format_ident!("{}", e.style.runtime_name());
                        let explode = e.explode;
                        quote!((#wire, codegen_runtime::ParamStyle::#style, #explode))
                    });
                    (quote!(&), quote!(parts.form(body, &[#(#entries),*])))
                }
                BodyKind::Multipart(m) => {
                    let calls = m.fields.iter().map(|f| {
                        let n = format_ident!("{}", f.ident);
                        let wire = &f.wire;
                        match &f.kind {
                            PartKind::Value {
                                content_type,
                                each: false,
                                ..
                            } => {
                                quote!(.text(#wire, &body.#n, #content_type))
                            }
                            PartKind::Value {
                                content_type,
                                each: true,
                                ..
                            } => {
                                quote!(.text_each(#wire, &body.#n, #content_type))
                            }
                            PartKind::File { many, content_type } => {
                                let files = match (f.required, many) {
                                    (true, false) => quote!([&body.#n]),
                                    (true, true) | (false, false) => quote!(&body.#n),
                                    (false, true) => quote!(body.#n.iter().flatten()),
                                };
                                quote!(.file(#wire, #files, #content_type))
                            }
                        }
                    });
                    (
                        quote!(&),
                        quote!(parts.multipart(codegen_runtime::Multipart::new() #(#calls)*)),
                    )
                }
                BodyKind::Text | BodyKind::Bytes => (quote!(), quote!(parts.body(#media, body))),
            };
            if b.required {
                quote! {
                    let body = #borrow self.body;
                    let parts = #attach;
                }
            } else {
                quote! {
                    let parts = match #borrow self.body {
                        Some(body) => #attach,
                        None => parts,
                    };
                }
            }
        });

        // Integer bounds of the spec are checked before anything is sent.
        let checks = op.params.iter().filter_map(|p| {
            let (min, max) = p.int_range;
            if min.is_none() && max.is_none() {
                return None;
            }
            let n = format_ident!("{}", p.ident);
            let wire = &p.wire;
            let bound = |b: Option<i64>| match b {
                Some(b) => {
                    let b = Literal::i64_unsuffixed(b);
                    quote!(Some(#b))
                }
                None => quote!(None),
            };
            let (min, max) = (bound(min), bound(max));
            let widen = p.ty == TypeRef::Prim(crate::ir::Prim::I32);
            let check = |v: TokenStream| {
                let v = if widen { quote!(i64::from(#v)) } else { v };
                quote!(codegen_runtime::ConstraintError::check_range(#wire, #v, #min, #max)?;)
            };
            Some(if p.required {
                check(quote!(self.#n))
            } else {
                let c = check(quote!(value));
                quote!(if let Some(value) = self.#n { #c })
            })
        });
        // Only a `default` response (or none): every status is read the same way, without a
        // one-armed `match` (clippy's `match_single_binding`).
        let dispatch = if op.responses.iter().all(|r| r.status == Status::Default) {
            match op.responses.first() {
                Some(r) if r.ty.is_some() => {
                    quote!(Err(codegen_runtime::error_response(response).await))
                }
                _ => quote!(Err(codegen_runtime::unexpected_response(response).await)),
            }
        } else {
            quote! {
                match response.status().as_u16() {
                    #ok_arms
                    #err_arms
                }
            }
        };
        let doc = format!(" Send the request: `{} {}`.", op.method.as_str(), op.path);
        quote! {
            #[doc = #doc]
            pub async fn send(self) -> Result<codegen_runtime::ResponseValue<#ok_ty>, codegen_runtime::Error<#err_ty>> {
                #(#checks)*
                let parts = codegen_runtime::RequestParts::new(codegen_runtime::Method::#method, #path, #op_id);
                #(#params)*
                #body
                let parts = parts.deadline_if_set(self.deadline);
                let response = self.client.transport.execute(parts).await?;
                #dispatch
            }
        }
    }

    /// `stream()` for a paginated list operation: every item of every page, lazily.
    fn stream(&self, op: &Operation, err_ty: &TokenStream) -> Option<TokenStream> {
        let p = op.pagination.as_ref()?;
        let item = format_ident!("{}", self.api.type_def(p.item).name);
        let limit = format_ident!("{}", p.limit_param);
        let cursor = format_ident!("{}", p.cursor_param);
        let field = format_ident!("{}", p.cursor_field);
        let read = if p.cursor_required {
            quote!(Some(codegen_runtime::QueryValue::query_value(&item.#field)))
        } else {
            quote!(item.#field.as_ref().map(codegen_runtime::QueryValue::query_value))
        };
        let page_size = match p.default_limit {
            Some(n) => {
                let n = Literal::i64_unsuffixed(n);
                quote!(self.#limit.or(Some(#n)))
            }
            None => quote!(self.#limit),
        };
        let default_doc = p
            .default_limit
            .map(|n| format!(" (default {n})"))
            .unwrap_or_default();
        let doc = format!(
            " Every item of every page, fetched lazily: each page holds up to `{limit}` items{default_doc}, \
             and the next one starts after the last item's `{field}`. The stream ends after a \
             short or empty page; the first error ends it too."
        );
        Some(quote! {
            #[doc = #doc]
            pub fn stream(self) -> codegen_runtime::Pages<super::types::#item, #err_ty> {
                let page_size = #page_size.and_then(|n| usize::try_from(n).ok());
                let first = self.#cursor.clone();
                codegen_runtime::Pages::new(
                    first,
                    page_size,
                    |item: &super::types::#item| #read,
                    move |after| {
                        let mut page = self.clone();
                        page.#cursor = after;
                        page.send()
                    },
                )
            }
        })
    }

    /// The success type and the match arms decoding it. One body type (or none) for every 2xx
    /// status is that type; different ones become an enum with a variant per status.
    fn success(
        &self,
        op: &Operation,
        enum_name: &str,
    ) -> (TokenStream, TokenStream, Option<TokenStream>) {
        let successes: Vec<(&Response, SuccessBody)> = op
            .responses
            .iter()
            .filter(|r| r.status.is_success())
            .map(|r| (r, SuccessBody::of(r)))
            .collect();
        let mut distinct: Vec<&SuccessBody> = successes.iter().map(|(_, b)| b).collect();
        distinct.dedup();
        if distinct.len() <= 1 {
            let ok_ty = distinct.first().map_or(quote!(()), |b| self.success_ty(b));
            let arms = successes.iter().map(|(r, b)| {
                let pat = status_pattern(r.status);
                let decode = b.decoder();
                quote!(#pat => #decode(response).await,)
            });
            return (ok_ty, quote!(#(#arms)*), None);
        }
        let name = format_ident!("{enum_name}");
        let mut variants = Vec::new();
        let mut arms = Vec::new();
        for (r, b) in &successes {
            let pat = status_pattern(r.status);
            let variant = format_ident!("{}", status_variant(r.status));
            let doc = format!(" `{}`: {}", status_text(r.status), r.description.trim());
            let decode = b.decoder();
            if *b == SuccessBody::Empty {
                variants.push(quote!(#[doc = #doc] #variant,));
                arms.push(
                    quote!(#pat => #decode(response).await.map(|v| v.map(|()| #name::#variant)),),
                );
            } else {
                let ty = self.success_ty(b);
                let decode = match b {
                    SuccessBody::Json(_) => quote!(codegen_runtime::decode_json::<#ty, _>),
                    SuccessBody::Events(inner) => {
                        let inner = self.ty_in_client(inner);
                        quote!(codegen_runtime::decode_events::<#inner, _>)
                    }
                    _ => decode,
                };
                variants.push(quote!(#[doc = #doc] #variant(#ty),));
                arms.push(quote!(#pat => #decode(response).await.map(|v| v.map(#name::#variant)),));
            }
        }
        let doc = format!(
            " The success bodies of [`Client::{}`], by status.",
            op.ident
        );
        // An event stream is neither `Clone` nor comparable.
        let derives = if successes
            .iter()
            .any(|(_, b)| matches!(b, SuccessBody::Events(_)))
        {
            quote!(Debug)
        } else {
            quote!(Debug, Clone, PartialEq)
        };
        // A decoded body beside a status without one: as large as the body, which the spec
        // decides (see `union_def`).
        let large = successes
            .iter()
            .any(|(_, b)| matches!(b, SuccessBody::Json(TypeRef::Named(_))))
            .then(|| quote!(#[allow(clippy::large_enum_variant)]));
        let def = quote! {
            #[doc = #doc]
            #[derive(#derives)]
            #large
            pub enum #name {
                #(#variants)*
            }
        };
        (quote!(#name), quote!(#(#arms)*), Some(def))
    }

    fn success_ty(&self, body: &SuccessBody) -> TokenStream {
        match body {
            SuccessBody::Json(ty) => self.ty_in_client(ty),
            SuccessBody::Events(ty) => {
                let ty = self.ty_in_client(ty);
                quote!(codegen_runtime::EventStream<#ty>)
            }
            SuccessBody::Text => quote!(String),
            SuccessBody::Bytes => quote!(Vec<u8>),
            SuccessBody::Empty => quote!(()),
        }
    }

    /// The error body type (shared by the error responses, else untyped JSON) and its arms.
    fn failure(&self, op: &Operation) -> (TokenStream, TokenStream) {
        let errors: Vec<_> = op
            .responses
            .iter()
            .filter(|r| !r.status.is_success())
            .collect();
        let typed: Vec<&TypeRef> = errors.iter().filter_map(|r| r.ty.as_ref()).collect();
        let err_ty = match typed.first() {
            Some(first) if typed.iter().all(|t| t == first) => self.ty_in_client(first),
            Some(_) => quote!(serde_json::Value),
            None => quote!(()),
        };
        // One arm per way of decoding, its statuses joined (`400 | 401 | 403 => ...`), as a
        // person would write it; then the default.
        let decode = |typed: bool| {
            if typed {
                quote!(Err(codegen_runtime::error_response(response).await))
            } else {
                quote!(Err(codegen_runtime::unexpected_response(response).await))
            }
        };
        // Codes before ranges (`404` before `4XX`), so a code is never shadowed by a range.
        let mut arms = Vec::new();
        for ranges in [false, true] {
            for typed in [true, false] {
                let statuses: Vec<Status> = errors
                    .iter()
                    .filter(|r| matches!(r.status, Status::Range(_)) == ranges)
                    .filter(|r| r.status != Status::Default && r.ty.is_some() == typed)
                    .map(|r| r.status)
                    .collect();
                let pats = status_patterns(&statuses);
                if !pats.is_empty() {
                    let body = decode(typed);
                    arms.push(quote!(#(#pats)|* => #body,));
                }
            }
        }
        let default = errors.iter().find(|r| r.status == Status::Default);
        let body = decode(default.is_some_and(|r| r.ty.is_some()));
        arms.push(quote!(_ => #body,));
        (err_ty, quote!(#(#arms)*))
    }

    /// A type as spelled from inside the `client` module.
    fn ty_in_client(&self, ty: &TypeRef) -> TokenStream {
        self.ty_from(ty, &quote!(super::types::))
    }
}

/// How a success response's body is read.
#[derive(Debug, Clone, PartialEq)]
enum SuccessBody {
    Json(TypeRef),
    /// Server-sent events whose `data` is the type.
    Events(TypeRef),
    Text,
    Bytes,
    Empty,
}

impl SuccessBody {
    fn of(r: &Response) -> Self {
        match (r.media_type.as_deref(), &r.ty) {
            (None, _) => SuccessBody::Empty,
            (Some(m), Some(ty)) if is_json(m) => SuccessBody::Json(ty.clone()),
            (Some(m), None) if is_json(m) => SuccessBody::Json(TypeRef::Json),
            (Some(m), Some(ty)) if is_event_stream(m) => SuccessBody::Events(ty.clone()),
            (Some(m), _) if m.starts_with("text/") => SuccessBody::Text,
            (Some(_), _) => SuccessBody::Bytes,
        }
    }

    fn decoder(&self) -> TokenStream {
        match self {
            SuccessBody::Json(_) => quote!(codegen_runtime::decode_json),
            SuccessBody::Events(_) => quote!(codegen_runtime::decode_events),
            SuccessBody::Text => quote!(codegen_runtime::decode_text),
            SuccessBody::Bytes => quote!(codegen_runtime::decode_bytes),
            SuccessBody::Empty => quote!(codegen_runtime::decode_empty),
        }
    }
}

/// The runtime `ParamStyle` and `explode` of a parameter, as arguments.
fn style_args(p: &Param) -> (TokenStream, bool) {
    let style = format_ident!("{}", p.style.runtime_name());
    (quote!(codegen_runtime::ParamStyle::#style), p.explode)
}

/// `Status200`, `Status2xx`: the variant of a status in a success enum.
fn status_variant(status: Status) -> String {
    match status {
        Status::Code(c) => format!("Status{c}"),
        Status::Range(r) => format!("Status{r}xx"),
        Status::Default => "Default".to_string(),
    }
}

fn status_text(status: Status) -> String {
    match status {
        Status::Code(c) => c.to_string(),
        Status::Range(r) => format!("{r}XX"),
        Status::Default => "default".to_string(),
    }
}

/// The patterns of sorted statuses, three or more consecutive codes as one range
/// (`400..=403 | 409`, as clippy's `manual_range_patterns` wants it).
fn status_patterns(statuses: &[Status]) -> Vec<TokenStream> {
    let mut pats = Vec::new();
    let mut i = 0;
    while i < statuses.len() {
        let mut j = i;
        while let (Status::Code(a), Some(Status::Code(b))) = (statuses[j], statuses.get(j + 1)) {
            if *b != a + 1 {
                break;
            }
            j += 1;
        }
        match (statuses[i], statuses[j]) {
            (Status::Code(lo), Status::Code(hi)) if j - i >= 2 => {
                let (lo, hi) = (Literal::u16_unsuffixed(lo), Literal::u16_unsuffixed(hi));
                pats.push(quote!(#lo..=#hi));
            }
            _ => {
                pats.extend(statuses[i..=j].iter().map(|s| status_pattern(*s)));
            }
        }
        i = j + 1;
    }
    pats
}

fn status_pattern(status: Status) -> TokenStream {
    match status {
        Status::Code(c) => {
            let c = Literal::u16_unsuffixed(c);
            quote!(#c)
        }
        Status::Range(r) => {
            let (lo, hi) = (
                Literal::u16_unsuffixed(r * 100),
                Literal::u16_unsuffixed(r * 100 + 99),
            );
            quote!(#lo..=#hi)
        }
        Status::Default => quote!(_),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn three_or_more_consecutive_codes_are_one_range() {
        let shown = |codes: &[u16]| {
            let statuses: Vec<Status> = codes.iter().map(|c| Status::Code(*c)).collect();
            let pats = status_patterns(&statuses);
            quote!(#(#pats)|*).to_string()
        };
        assert_eq!(shown(&[400, 401, 402, 403, 409]), "400 ..= 403 | 409");
        assert_eq!(shown(&[400, 401, 404]), "400 | 401 | 404");
        assert_eq!(shown(&[500, 501, 502]), "500 ..= 502");
    }
}
