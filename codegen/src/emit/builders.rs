//! Body builders: `Type::builder()`, a setter per field, and a `build()` that only compiles once
//! every required field is set.
//!
//! The builder's one type parameter is the state of its required fields, a balanced tree of
//! slots (`codegen_runtime::typestate`): `()` while unset, the field's type once set; a setter
//! names its slot by a path, so its signature stays short however many fields the type has.
//! Two traits per required field carry the compiler's messages: its setter requires the slot to
//! be unset (`…IsUnset`, only `()` has it: setting twice names the field), and `build()`
//! requires it to be set (`…Has…`, only the field's type has it: a missing field is named).
//! Optional fields are plain setters that may be called again.

use super::{allow_deprecated_fields, braced, docs, Emitter};
use crate::ir::{BodyBuilder, Field, Presence, TypeKind};
use proc_macro2::{Ident, TokenStream};
use quote::{format_ident, quote};

impl Emitter<'_> {
    /// The `builders` submodule of `types`, or nothing when no request body has a struct.
    pub fn builders(&self) -> TokenStream {
        let plans = &self.api.builders;
        if plans.is_empty() {
            return TokenStream::new();
        }
        let mut items = self
            .runtime_alias(quote!(super::super::))
            .unwrap_or_default();
        // The typestate's names, as far as some builder uses them (one required field needs no
        // path steps).
        // With per-tag features, the builders that use a name may all be switched off.
        let allow = (!self.api.features.is_empty()).then(|| quote!(#[allow(unused_imports)]));
        match plans.iter().map(|plan| plan.has.len()).max().unwrap_or(0) {
            0 => {}
            1 => items.extend(quote!(
                #allow
                use codegen_runtime::typestate::{Held, Here, Replace, Slot, With};
            )),
            _ => items.extend(quote!(
                #allow
                use codegen_runtime::typestate::{Held, Here, Replace, Slot, With, L, R};
            )),
        }
        for plan in plans {
            let features = &self.api.type_def(plan.ty).features;
            items.extend(super::gate(features, self.builder_for(plan)));
        }
        let items = braced(items);
        quote! {
            /// Builders for the types sent in request bodies: `Type::builder()`, a setter per
            /// field, then `build()`.
            ///
            /// Required fields are tracked in the builder's type: `build()` compiles only once
            /// each of them is set, and a required field cannot be set twice.
            pub mod builders #items
        }
    }

    fn builder_for(&self, plan: &BodyBuilder) -> TokenStream {
        let def = self.api.type_def(plan.ty);
        let TypeKind::Struct(s) = &def.kind else {
            return TokenStream::new();
        };
        let name = &def.name;
        let sup = quote!(super::);
        let target = format_ident!("{name}");
        let builder = format_ident!("{}", plan.name);
        let builder_name = &plan.name;
        let setter_names: Vec<Ident> = plan
            .setters
            .iter()
            .map(|setter| format_ident!("{setter}"))
            .collect();

        let required: Vec<(usize, &Field)> = s
            .fields
            .iter()
            .enumerate()
            .filter(|(_, f)| f.required)
            .collect();
        let slot = |field: usize| required.iter().position(|(i, _)| *i == field);
        let n = required.len();

        // The required fields' state: a balanced tree of `Slot`s (see the runtime's
        // `typestate`), `Slot<()>` while a field is unset.
        let params: Vec<Ident> = (0..n).map(|i| format_ident!("S{i}")).collect();
        let unset_state = tree(n, &|_| quote!(Slot<()>));
        let set_state = tree(n, &|k| {
            let p = &params[k];
            quote!(Slot<#p>)
        });
        let (generics_decl, generics, initial_required) = if n == 0 {
            (None, None, None)
        } else {
            let units = tree(n, &|_| quote!(Slot(())));
            (
                Some(quote!(<S = #unset_state>)),
                Some(quote!(<S>)),
                Some(quote!(required: #units,)),
            )
        };
        let required_field = (n > 0).then(|| quote!(required: S,));

        // The optional fields live in a private struct moved as a whole.
        let rest = format_ident!("{}", plan.rest);
        let rest_fields = s
            .fields
            .iter()
            .enumerate()
            .filter(|(i, _)| slot(*i).is_none())
            .map(|(_, f)| {
                let ident = format_ident!("{}", f.ident);
                let ty = self.field_ty(f, &sup);
                quote!(#ident: #ty,)
            });
        let additional_ty = s.additional.as_ref().map(|t| self.ty_from(t, &sup));
        let additional_storage = additional_ty
            .as_ref()
            .map(|t| quote!(additional_properties: codegen_runtime::Properties<#t>,));
        let has_rest =
            s.additional.is_some() || s.fields.iter().enumerate().any(|(i, _)| slot(i).is_none());
        let (rest_field, rest_init, rest_move, rest_def) = if has_rest {
            (
                Some(quote!(rest: #rest,)),
                Some(quote!(rest: #rest::default(),)),
                Some(quote!(rest: self.rest,)),
                Some(quote! {
                    #[derive(Clone, Default)]
                    struct #rest {
                        #(#rest_fields)*
                        #additional_storage
                    }
                }),
            )
        } else {
            (None, None, None, None)
        };

        // Two traits per required field: `build()` requires each slot to be set (`…Has…`, only
        // the field's type has it) and its setter requires it unset (`…IsUnset`, only `()`),
        // so both mistakes name the field.
        let traits: Vec<Ident> = plan.has.iter().map(|t| format_ident!("{t}")).collect();
        let unset_traits: Vec<Ident> = plan.unset.iter().map(|t| format_ident!("{t}")).collect();
        let trait_defs = required.iter().zip(traits.iter().zip(&unset_traits)).map(
            |((i, f), (tr, unset))| {
                let ty = self.field_ty(f, &sup);
                let setter = &setter_names[*i];
                let message = format!(
                "`{name}` needs its required field `{}`: call `.{setter}(..)` before `.build()`",
                f.wire
            );
                let label = format!("`{}` is not set", f.wire);
                let twice_message = format!(
                "`{name}`'s required field `{}` is already set: each required field is set once",
                f.wire
            );
                let twice_label = format!("`{}` set again here", f.wire);
                let unset_doc = format!(
                " Proof that the required field `{}` of [`{name}`](super::{name}) is not set yet.",
                f.wire
            );
                let doc = format!(
                    " Proof that the required field `{}` of [`{name}`](super::{name}) is set.",
                    f.wire
                );
                quote! {
                    #[doc = #doc]
                    #[diagnostic::on_unimplemented(message = #message, label = #label)]
                    pub trait #tr {
                        #[doc(hidden)]
                        fn into_field(self) -> #ty;
                    }

                    #[diagnostic::do_not_recommend]
                    impl #tr for #ty {
                        fn into_field(self) -> #ty {
                            self
                        }
                    }

                    #[doc = #unset_doc]
                    #[diagnostic::on_unimplemented(message = #twice_message, label = #twice_label)]
                    pub trait #unset {}

                    #[diagnostic::do_not_recommend]
                    impl #unset for () {}
                }
            },
        );

        // A required setter swaps its one slot, whatever the others hold, and compiles only
        // while that slot is `()`.
        let required_setters = required.iter().enumerate().map(|(k, (i, f))| {
            let setter = &setter_names[*i];
            let value_ty = self.ty_from(&f.ty, &sup);
            let boxed_ty = self.field_value_ty(f, &sup);
            let ty = self.field_ty(f, &sup);
            let unset = &unset_traits[k];
            let path = path(k, n);
            let (arg_ty, convert) = setter_conversion(f, &value_ty, &boxed_ty);
            let doc = docs::attrs(&docs::text(
                &f.docs,
                &["Required, and set once.".to_string()],
            ));
            let deprecated = f.deprecated.then(|| quote!(#[deprecated]));
            let trait_name = super::std_trait_method(&setter.to_string());
            quote! {
                #doc
                #deprecated
                #trait_name
                pub fn #setter(self, value: #arg_ty) -> #builder<With<S, #path, #ty>>
                where
                    S: Replace<#path, #ty>,
                    Held<S, #path, #ty>: #unset,
                {
                    #builder {
                        required: self.required.replace(#convert),
                        #rest_move
                    }
                }
            }
        });

        let optional_setters = s
            .fields
            .iter()
            .enumerate()
            .filter(|(i, _)| slot(*i).is_none())
            .map(|(i, f)| {
                let setter = &setter_names[i];
                let ident = format_ident!("{}", f.ident);
                let value_ty = self.ty_from(&f.ty, &sup);
                let boxed_ty = self.field_value_ty(f, &sup);
                let (arg_ty, convert) = setter_conversion(f, &value_ty, &boxed_ty);
                let assign = match f.presence() {
                    Presence::OptionalNullable | Presence::RequiredNullable => quote!(#convert),
                    _ => quote!(Some(#convert)),
                };
                let doc = docs::attrs(&docs::text(&f.docs, &[]));
                let deprecated = f.deprecated.then(|| quote!(#[deprecated]));
                let trait_name = super::std_trait_method(&setter.to_string());
                quote! {
                    #doc
                    #deprecated
                    #trait_name
                    pub fn #setter(mut self, value: #arg_ty) -> Self {
                        self.rest.#ident = #assign;
                        self
                    }
                }
            });
        let additional_setter = additional_ty.as_ref().map(|t| {
            quote! {
                /// Adds a property the spec does not name (kept in `additional_properties`).
                pub fn additional_property(mut self, key: impl Into<String>, value: impl Into<#t>) -> Self {
                    self.rest.additional_properties.insert(key.into(), value.into());
                    self
                }
            }
        });

        // Paths two steps deep and more are "very complex types" to clippy; they are what makes
        // the signatures short.
        let complex = (n > 2).then(|| quote!(#[allow(clippy::type_complexity)]));
        let values: Vec<Ident> = (0..n).map(|k| format_ident!("s{k}")).collect();
        let bounds = params.iter().zip(&traits).map(|(p, tr)| quote!(#p: #tr));
        let build_fields = s.fields.iter().enumerate().map(|(i, f)| {
            let ident = format_ident!("{}", f.ident);
            match slot(i) {
                Some(k) => {
                    let tr = &traits[k];
                    let value = &values[k];
                    quote!(#ident: #tr::into_field(#value),)
                }
                None => quote!(#ident: self.rest.#ident,),
            }
        });
        let build_additional = s
            .additional
            .as_ref()
            .map(|_| quote!(additional_properties: self.rest.additional_properties,));
        let take_required = (n > 0).then(|| {
            let pattern = tree(n, &|k| {
                let v = &values[k];
                quote!(Slot(#v))
            });
            quote!(let #pattern = self.required;)
        });
        let build_generics = (n > 0).then(|| quote!(<#(#params),*>));
        let build_state = (n > 0).then(|| quote!(<#set_state>));
        let required_list = if required.is_empty() {
            " No field is required.".to_string()
        } else {
            let names: Vec<String> = required
                .iter()
                .map(|(i, _)| format!("`{}`", setter_names[*i]))
                .collect();
            format!(" Required fields: {}.", names.join(", "))
        };
        let builder_doc = format!(" A builder for [`{name}`](super::{name}).");
        // `build()` moves deprecated fields too; that must not warn.
        let allow_deprecated = allow_deprecated_fields(s);
        let make_doc = " Starts a builder for this type: set fields, then `build()`.";
        quote! {
            impl super::#target {
                #[doc = #make_doc]
                #[doc = ""]
                #[doc = #required_list]
                pub fn builder() -> #builder {
                    #builder { #initial_required #rest_init }
                }
            }

            #[doc = #builder_doc]
            #[doc = ""]
            #[doc = #required_list]
            #[derive(Clone)]
            #[must_use = "a builder does nothing until `build()` is called"]
            pub struct #builder #generics_decl {
                #required_field
                #rest_field
            }

            #rest_def

            impl #generics std::fmt::Debug for #builder #generics {
                /// Field values are not shown: some may be secrets.
                fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                    f.debug_struct(#builder_name).finish_non_exhaustive()
                }
            }

            #complex
            impl #generics #builder #generics {
                #(#required_setters)*
                #(#optional_setters)*
                #additional_setter
            }

            #allow_deprecated
            impl #build_generics #builder #build_state {
                /// The finished value. Compiles only once every required field is set.
                pub fn build(self) -> super::#target where #(#bounds),* {
                    #take_required
                    super::#target { #(#build_fields)* #build_additional }
                }
            }

            #(#trait_defs)*
        }
    }
}

/// A balanced binary tree of pairs over `n` leaves, the first half on the left: the same
/// nesting for the state's type, its value and the pattern that takes it apart (`()` for none).
fn tree(n: usize, leaf: &dyn Fn(usize) -> TokenStream) -> TokenStream {
    fn go(lo: usize, hi: usize, leaf: &dyn Fn(usize) -> TokenStream) -> TokenStream {
        if hi - lo <= 1 {
            return leaf(lo);
        }
        let mid = lo + (hi - lo).div_ceil(2);
        let (a, b) = (go(lo, mid, leaf), go(mid, hi, leaf));
        quote!((#a, #b))
    }
    if n == 0 {
        return quote!(());
    }
    go(0, n, leaf)
}

/// The path of leaf `k` in [`tree`]`(n, ..)`: `L<R<Here>>` and the like.
fn path(k: usize, n: usize) -> TokenStream {
    let (mut lo, mut hi) = (0, n);
    let mut steps = Vec::new();
    while hi - lo > 1 {
        let mid = lo + (hi - lo).div_ceil(2);
        if k < mid {
            steps.push(quote!(L));
            hi = mid;
        } else {
            steps.push(quote!(R));
            lo = mid;
        }
    }
    steps
        .into_iter()
        .rev()
        .fold(quote!(Here), |inner, step| quote!(#step<#inner>))
}

/// A setter's argument type and the expression turning `value` into what the builder stores;
/// `ty` is the field's type as spelled, `value_ty` the same boxed where the field is boxed
/// ([`Emitter::field_value_ty`]).
fn setter_conversion(
    f: &Field,
    ty: &TokenStream,
    value_ty: &TokenStream,
) -> (TokenStream, TokenStream) {
    match f.presence() {
        Presence::Required | Presence::Optional if f.boxed => {
            (quote!(impl Into<#ty>), quote!(Box::new(value.into())))
        }
        Presence::Required | Presence::Optional => (quote!(impl Into<#ty>), quote!(value.into())),
        Presence::RequiredNullable => (quote!(impl Into<Option<#value_ty>>), quote!(value.into())),
        Presence::OptionalNullable => (
            quote!(impl Into<codegen_runtime::Nullable<#value_ty>>),
            quote!(value.into()),
        ),
    }
}
