//! Body builders: `Type::builder()`, a setter per field, and a `build()` that only compiles once
//! every required field is set.
//!
//! Each required field is a type parameter of the builder: `()` while unset, the field's type
//! once set. Two traits per required field carry the compiler's messages: its setter requires
//! the slot to be unset (`…IsUnset`, only `()` has it: setting twice names the field), and
//! `build()` requires it to be set (`…Has…`, only the field's type has it: a missing field is
//! named). Optional fields are plain setters that may be called again.

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
        for plan in plans {
            items.extend(self.builder_for(plan));
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
        let params: Vec<Ident> = (0..required.len()).map(|i| format_ident!("S{i}")).collect();
        let slot = |field: usize| required.iter().position(|(i, _)| *i == field);
        let unit_defaults = params.iter().map(|p| quote!(#p = ()));
        let generics_decl = quote!(<#(#unit_defaults),*>);
        let generics = quote!(<#(#params),*>);

        // Storage: the required fields in a tuple of slots (`()` or the field's type), the
        // optional ones in a private struct moved as a whole, so changing one slot's type
        // lists the slots, not every field.
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
        // Without required fields there is no tuple of slots (it would never be read).
        let units = params.iter().map(|_| quote!(()));
        let (required_field, required_init) = if params.is_empty() {
            (None, None)
        } else {
            (
                Some(quote!(required: (#(#params,)*),)),
                Some(quote!(required: (#(#units,)*),)),
            )
        };
        // Likewise no `rest` without optional fields.
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
        let initial = quote!(#required_init #rest_init);

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

        // The builder with slot `k` holding `value`, the other slots and the rest moved over.
        let rebuild = |k: usize, value: TokenStream| {
            let slots = (0..params.len()).map(|j| {
                if j == k {
                    value.clone()
                } else {
                    let j = proc_macro2::Literal::usize_unsuffixed(j);
                    quote!(self.required.#j)
                }
            });
            quote!(#builder { required: (#(#slots,)*), #rest_move })
        };

        // Each required setter works in any state, but only compiles while its slot is `()`.
        let required_setters = required.iter().enumerate().map(|(k, (i, f))| {
            let setter = &setter_names[*i];
            let value_ty = self.ty_from(&f.ty, &sup);
            let boxed_ty = self.field_value_ty(f, &sup);
            let ty = self.field_ty(f, &sup);
            let unset = &unset_traits[k];
            let p = &params[k];
            let state_out =
                params.iter().enumerate().map(
                    |(j, p)| {
                        if j == k {
                            ty.clone()
                        } else {
                            quote!(#p)
                        }
                    },
                );
            let (arg_ty, convert) = setter_conversion(f, &value_ty, &boxed_ty);
            let value = rebuild(k, convert);
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
                pub fn #setter(self, value: #arg_ty) -> #builder<#(#state_out),*>
                where
                    #p: #unset,
                {
                    #value
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

        let bounds = params.iter().zip(&traits).map(|(p, tr)| quote!(#p: #tr));
        let build_fields = s.fields.iter().enumerate().map(|(i, f)| {
            let ident = format_ident!("{}", f.ident);
            match slot(i) {
                Some(k) => {
                    let tr = &traits[k];
                    let k = proc_macro2::Literal::usize_unsuffixed(k);
                    quote!(#ident: #tr::into_field(self.required.#k),)
                }
                None => quote!(#ident: self.rest.#ident,),
            }
        });
        let build_additional = s
            .additional
            .as_ref()
            .map(|_| quote!(additional_properties: self.rest.additional_properties,));
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
                    #builder { #initial }
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

            #allow_deprecated
            impl #generics #builder #generics {
                #(#required_setters)*
                #(#optional_setters)*
                #additional_setter

                /// The finished value. Compiles only once every required field is set.
                pub fn build(self) -> super::#target where #(#bounds),* {
                    super::#target { #(#build_fields)* #build_additional }
                }
            }

            #(#trait_defs)*
        }
    }
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
