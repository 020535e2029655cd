//! Responses by status: the success type (one body, or an enum of them) and the error arms.

use crate::emit::Emitter;
use crate::ir::{is_event_stream, is_json, Operation, Response, Status, TypeRef};
use proc_macro2::{Literal, TokenStream};
use quote::{format_ident, quote};

impl Emitter<'_> {
    /// The success type and the match arms decoding it. One body type (or none) for every 2xx
    /// status is that type; different ones become an enum with a variant per status.
    pub(super) fn success(
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
            #[non_exhaustive]
            pub enum #name {
                #(#variants)*
            }
        };
        (quote!(#name), quote!(#(#arms)*), Some(def))
    }

    /// The status a mock answers the success value `value` of `op` with, as a `u16`
    /// expression: the first documented success code, or for an enum of bodies its variant's
    /// status (a range `2XX` as its `x00`).
    pub(super) fn success_status(&self, op: &Operation, value: &TokenStream) -> TokenStream {
        let successes: Vec<&Response> = op
            .responses
            .iter()
            .filter(|r| r.status.is_success())
            .collect();
        let code = |status: Status| match status {
            Status::Code(c) => c,
            Status::Range(r) => r * 100,
            Status::Default => 200,
        };
        let mut distinct: Vec<SuccessBody> = successes.iter().map(|r| SuccessBody::of(r)).collect();
        distinct.dedup();
        if distinct.len() <= 1 {
            let first = successes.first().map_or(200, |r| code(r.status));
            return quote!(#first);
        }
        let name = format_ident!("{}", op.success);
        let arms = successes.iter().map(|r| {
            let variant = format_ident!("{}", status_variant(r.status));
            let status = code(r.status);
            let binding = (SuccessBody::of(r) != SuccessBody::Empty).then(|| quote!((_)));
            quote!(super::client::#name::#variant #binding => #status,)
        });
        quote!(match &#value { #(#arms)* })
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
    pub(super) fn failure(&self, op: &Operation) -> (TokenStream, TokenStream) {
        let errors: Vec<_> = op
            .responses
            .iter()
            .filter(|r| !r.status.is_success())
            .collect();
        let err_ty = self.error_body_ty(&ErrorBody::of(op), &quote!(super::types::));
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
}

/// What an operation's error responses decode into: the one type they share, untyped JSON
/// when they differ, nothing when none has a body.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(in crate::emit) enum ErrorBody<'a> {
    Typed(&'a TypeRef),
    Json,
    Empty,
}

impl<'a> ErrorBody<'a> {
    pub(in crate::emit) fn of(op: &'a Operation) -> Self {
        let mut typed = op
            .responses
            .iter()
            .filter(|r| !r.status.is_success())
            .filter_map(|r| r.ty.as_ref());
        match typed.next() {
            Some(first) if typed.all(|t| t == first) => ErrorBody::Typed(first),
            Some(_) => ErrorBody::Json,
            None => ErrorBody::Empty,
        }
    }
}

impl Emitter<'_> {
    /// [`ErrorBody`] as a type, spelled with `types_path` before the generated types.
    pub(in crate::emit) fn error_body_ty(
        &self,
        body: &ErrorBody<'_>,
        types_path: &TokenStream,
    ) -> TokenStream {
        match body {
            ErrorBody::Typed(ty) => self.ty_from(ty, types_path),
            ErrorBody::Json => quote!(serde_json::Value),
            ErrorBody::Empty => quote!(()),
        }
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
