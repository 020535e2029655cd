//! The examples test: every `example` in the spec decodes into its type and encodes back.

use super::Emitter;
use crate::ir::Fit;
use crate::CrateName;
use proc_macro2::TokenStream;
use quote::{format_ident, quote};
use std::ops::Range;

impl Emitter<'_> {
    /// An integration test that round-trips every example of the spec through its type.
    pub fn examples_test(&self, krate: &CrateName) -> TokenStream {
        self.examples_part(krate, 0..self.api.examples.len())
    }

    /// The tests of examples `range`; the first part has the file's header and helper.
    pub(super) fn examples_part(&self, krate: &CrateName, range: Range<usize>) -> TokenStream {
        let tests = self.api.examples[range.clone()].iter().map(|example| {
            let name = format_ident!("{}", example.name);
            let ty = self.ty(&example.ty);
            let json = serde_json::to_string_pretty(&example.value).unwrap_or_default();
            let at = example.at.to_string();
            // A date or date-time itself is read as a field of its type reads it.
            let (round_trip, must_not_decode) = if example.ty.wire_time(&self.api.types).is_some() {
                (quote!(round_trip_wire_time), quote!(must_not_decode_wire_time))
            } else {
                (quote!(round_trip), quote!(must_not_decode))
            };
            let (doc, check) = match &example.fit {
                Fit::Fits => (
                    format!(" `{at}`"),
                    quote!(#round_trip::<#ty>(#at, #json);),
                ),
                Fit::Fails { reason } => (
                    format!(" `{at}` does not fit its schema (an upstream inconsistency): {reason}. Decoding must fail."),
                    quote!(#must_not_decode::<#ty>(#at, #json, #reason);),
                ),
                Fit::Drops { reason } => (
                    format!(" `{at}` decodes, dropping what its schema forbids: {reason}."),
                    quote!(decodes::<#ty>(#at, #json);),
                ),
            };
            super::gate(
                self.features_of(&example.ty),
                quote! {
                    #[doc = #doc]
                    #[test]
                    fn #name() {
                        #check
                    }
                },
            )
        });
        let mut tokens = if range.start == 0 {
            self.examples_header(krate)
        } else {
            TokenStream::new()
        };
        tokens.extend(tests);
        tokens
    }

    fn examples_header(&self, krate: &CrateName) -> TokenStream {
        let krate = format_ident!("{}", krate.lib());
        quote! {
            //! Every `example` of the spec decodes into its generated type and encodes back to
            //! the same JSON (compared as the wire carries it: see
            //! `runtime::examples::round_trip`); an example that does not fit its schema fails to
            //! decode. Deprecated types are tested too.
            #![allow(unused_imports, deprecated)]

            use #krate::runtime::examples::{
                decodes, must_not_decode, must_not_decode_wire_time, round_trip, round_trip_wire_time,
            };
            use #krate::types::*;
        }
    }
}
