//! The `mock` module of a generated crate (feature `mock`): `Mock`, and one typed expectation
//! builder per operation over the runtime's `MockServer`.

use super::{docs, Emitter};
use crate::ir::Operation;
use proc_macro2::TokenStream;
use quote::{format_ident, quote};

impl Emitter<'_> {
    /// The body of `src/mock.rs`.
    pub fn mocks(&self) -> TokenStream {
        let allow_deprecated = self.allow_deprecated();
        let alias = self.runtime_alias(quote!(super::));
        let mut methods = TokenStream::new();
        let mut expectations = TokenStream::new();
        for op in &self.api.operations {
            let (method, expectation) = self.mock_of(op);
            let feature = op.feature.as_slice();
            methods.extend(super::gate(feature, method));
            expectations.extend(super::gate(feature, expectation));
        }
        quote! {
            //! Typed mocks for tests of code that uses this crate (feature `mock`): a [`Mock`]
            //! answers a [`Client`](super::Client)'s calls with values you give, matched on typed
            //! parameters and bodies, without a network.
            #allow_deprecated
            #alias

            /// Expectations of calls, each answered with a typed value; [`Mock::client`] makes a
            /// client that asks it instead of sending anything.
            ///
            /// A call no expectation matches panics, naming the operation and what differed per
            /// expectation. [`Mock::verify`] (and dropping the mock) panics unless every
            /// expectation was called as often as it says (by default at least once).
            #[derive(Debug, Default)]
            pub struct Mock {
                server: codegen_runtime::MockServer,
            }

            impl Mock {
                /// A mock without expectations.
                pub fn new() -> Self {
                    Mock::default()
                }

                /// A client whose every call this mock answers; nothing is sent.
                pub fn client(&self) -> super::Client {
                    super::Client::from_transport(self.server.transport(super::Client::config()))
                }

                /// Panics, listing each expectation called too seldom or too often and each
                /// call none matched, unless all is as expected.
                pub fn verify(&self) {
                    self.server.verify();
                }

                #methods
            }

            #expectations
        }
    }

    /// `Mock`'s method expecting a call of `op`, and the expectation builder it returns.
    fn mock_of(&self, op: &Operation) -> (TokenStream, TokenStream) {
        let names = &op.mock;
        let method = format_ident!("{}", names.method);
        let name = format_ident!("{}", names.expectation);
        let builder = format_ident!("{}", op.builder);
        let client_method = &op.ident;
        let op_id = op.operation_id.clone().unwrap_or_else(|| op.ident.clone());
        let (ok_ty, err_ty, cloneable) = self.answer_types(op);
        let inner_ty =
            quote!(codegen_runtime::Expectation<super::client::#builder, #ok_ty, #err_ty>);
        let mock_doc = format!(
            " Expect a call of [`Client::{client_method}`](super::Client::{client_method}); \
             match it on its parameters and body, then give its answer."
        );
        let method = quote! {
            #[doc = #mock_doc]
            pub fn #method(&self) -> #name {
                #name { inner: self.server.expect(#op_id) }
            }
        };

        let params = op.params.iter().map(|p| {
            let n = format_ident!("{}", p.ident);
            let wire = &p.wire;
            let ty = self.ty_in_client(&p.ty);
            let expected = if p.required {
                quote!(value.into())
            } else {
                quote!(Some(value.into()))
            };
            let doc = format!(" Match only calls whose `{}` is `value`.", p.wire);
            quote! {
                #[doc = #doc]
                pub fn #n(self, value: impl Into<#ty>) -> Self {
                    #name { inner: self.inner.matching(#wire, #expected, |r| &r.#n) }
                }
            }
        });
        let body = op.body.as_ref().map(|b| {
            let ty = self.body_ty_outside(b);
            let expected = if b.required {
                quote!(value)
            } else {
                quote!(Some(value))
            };
            quote! {
                /// Match only calls whose body equals `value`.
                pub fn body(self, value: #ty) -> Self {
                    #name { inner: self.inner.matching("body", #expected, |r| &r.body) }
                }
            }
        });
        let times = format_ident!("{}", names.times);
        let fail = format_ident!("{}", names.fail);
        let respond = cloneable.then(|| {
            let respond = format_ident!("{}", names.respond);
            let status = self.mock_status(op, &quote!(value));
            quote! {
                /// Answer matching calls with the success body `value`, with the status the
                /// spec documents for it.
                pub fn #respond(self, value: #ok_ty) {
                    let status = #status;
                    self.inner.respond(status, value);
                }
            }
        });
        let doc = docs::attrs(&format!(
            "The expectation of a call of [`Client::{client_method}`](super::Client::{client_method}), \
             from [`Mock::{}`]: it takes effect once given its answer.",
            names.method
        ));
        let expectation = quote! {
            #doc
            #[derive(Debug)]
            #[must_use = "an expectation takes effect once it is given its answer"]
            pub struct #name {
                // The answer's type is the spec's: `Vec<BTreeMap<String, BTreeMap<..>>>` is
                // "very complex" to clippy and still what the operation returns.
                #[allow(clippy::type_complexity)]
                inner: #inner_ty,
            }

            impl #name {
                #(#params)*
                #body

                /// Expect exactly `times` matching calls (default: at least one).
                pub fn #times(self, times: usize) -> Self {
                    #name { inner: self.inner.times(times) }
                }

                #respond

                /// Answer matching calls with the error status `status` and the typed error body
                /// `body` (`Error::ErrorResponse`, what a documented error status gives).
                pub fn #fail(self, status: u16, body: #err_ty) {
                    self.inner.fail(status, body);
                }
            }
        };
        (method, expectation)
    }
}
