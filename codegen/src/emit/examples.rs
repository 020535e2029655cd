//! The examples test: every `example` in the spec decodes into its type and encodes back.

use super::Emitter;
use proc_macro2::TokenStream;
use quote::{format_ident, quote};
use std::ops::Range;

impl Emitter<'_> {
    /// An integration test that round-trips every example of the spec through its type.
    pub fn examples_test(&self, crate_name: &str) -> TokenStream {
        self.examples_part(crate_name, 0..self.api.examples.len())
    }

    /// The tests of examples `range`; the first part has the file's header and helper.
    pub(super) fn examples_part(&self, crate_name: &str, range: Range<usize>) -> TokenStream {
        let tests = self.api.examples[range.clone()].iter().map(|example| {
            let name = format_ident!("{}", example.name);
            let ty = self.ty(&example.ty);
            let json = serde_json::to_string_pretty(&example.value).unwrap_or_default();
            let at = example.at.to_string();
            if example.mismatch {
                let doc = format!(" `{at}` does not fit its schema (an upstream inconsistency): decoding must fail.");
                quote! {
                    #[doc = #doc]
                    #[test]
                    fn #name() {
                        assert!(serde_json::from_str::<#ty>(#json).is_err());
                    }
                }
            } else {
                let doc = format!(" `{at}`");
                quote! {
                    #[doc = #doc]
                    #[test]
                    fn #name() {
                        round_trip::<#ty>(#at, #json);
                    }
                }
            }
        });
        let mut tokens = if range.start == 0 {
            self.examples_header(crate_name)
        } else {
            TokenStream::new()
        };
        tokens.extend(tests);
        tokens
    }

    fn examples_header(&self, crate_name: &str) -> TokenStream {
        let krate = format_ident!("{}", crate_name.replace('-', "_"));
        let round_trip = self.api.examples.iter().any(|e| !e.mismatch).then(|| {
            quote! {
                fn round_trip<T: serde::Serialize + serde::de::DeserializeOwned>(at: &str, json: &str) {
                    let expected: serde_json::Value = serde_json::from_str(json).expect("the example is JSON");
                    let typed: T = match serde_json::from_value(expected.clone()) {
                        Ok(typed) => typed,
                        Err(e) => panic!("{at}: the example does not decode: {e}"),
                    };
                    let encoded = serde_json::to_value(&typed).expect("generated types always encode");
                    assert_eq!(encoded, expected, "{at}: the example changed in a round trip");
                }
            }
        });
        quote! {
            //! Every `example` of the spec decodes into its generated type and encodes back unchanged.
            #![allow(unused_imports)]

            use #krate::types::*;

            #round_trip
        }
    }
}
