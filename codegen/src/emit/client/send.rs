//! `send()`: the request encoded from parameters and body, its response decoded; `stream()`.

use crate::emit::Emitter;
use crate::ir::{
    BodyKind, Operation, Param, ParamLocation, ParamWriter, PartKind, Status, TypeRef,
};
use proc_macro2::{Literal, TokenStream};
use quote::{format_ident, quote};

impl Emitter<'_> {
    pub(super) fn send(
        &self,
        op: &Operation,
        op_id: &str,
        (ok_ty, ok_arms): (TokenStream, TokenStream),
        (err_ty, err_arms): (TokenStream, TokenStream),
    ) -> TokenStream {
        // Path: literal pieces and encoded parameters, each bound to a local first, so the
        // `format!` names them inline (prettyplease leaves macro arguments as they come).
        let mut fmt = String::new();
        let mut segments = Vec::new();
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
                    fmt.push_str(&format!("{{{n}}}"));
                    let value = if p.writer == ParamWriter::Text {
                        quote!(codegen_runtime::encode_path_segment(&codegen_runtime::QueryValue::query_value(&self.#n)))
                    } else {
                        let wire = &p.wire;
                        let (style, explode) = style_args(p);
                        quote!(codegen_runtime::path_param(#wire, &self.#n, #style, #explode)?)
                    };
                    segments.push(quote!(let #n = #value;));
                }
                None => fmt.push_str(&format!("{{{{{name}}}}}")),
            }
            rest = &rest[start + len + 1..];
        }
        fmt.push_str(&rest.replace('{', "{{").replace('}', "}}"));
        let path = if segments.is_empty() {
            quote!(#fmt.to_string())
        } else {
            quote!(format!(#fmt))
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
                if let Some(answer) = self.client.transport.intercepted(#op_id, &self) {
                    return answer;
                }
                #(#segments)*
                let parts = codegen_runtime::RequestParts::new(codegen_runtime::Method::#method, #path, #op_id);
                #(#params)*
                #body
                let parts = parts.extend(&self.extensions).deadline_if_set(self.deadline);
                let response = self.client.transport.execute(parts).await?;
                #dispatch
            }
        }
    }

    /// `stream()` for a paginated list operation: every item of every page, lazily.
    pub(super) fn stream(&self, op: &Operation, err_ty: &TokenStream) -> Option<TokenStream> {
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
}

/// The runtime `ParamStyle` and `explode` of a parameter, as arguments.
fn style_args(p: &Param) -> (TokenStream, bool) {
    let style = format_ident!("{}", p.style.runtime_name());
    (quote!(codegen_runtime::ParamStyle::#style), p.explode)
}
