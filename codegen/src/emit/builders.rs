//! Body builders: `Type::builder()`, a setter per field, and a `build()` that only compiles once
//! every required field is set.
//!
//! The builder's one type parameter is the state of its required fields, a balanced tree of
//! slots (`codegen_runtime::typestate`): `()` while unset, the field's type once set; a setter
//! names its slot by a path, so its signature stays short however many fields the type has.
//! The runtime's two generic traits carry the compiler's messages: a setter requires its slot
//! to be `IsUnset` (only `()` is: setting twice names the field), and `build()` requires each
//! slot to be `IsSet` (only the field's type is: a missing field is named). Both take the
//! struct and a marker type named after the setter (`fields::{setter}`), which is what the
//! messages print, so no item is generated per field but one marker per distinct setter name.
//! Optional fields are plain setters that may be called again.

use std::collections::BTreeSet;

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
        let required: Vec<Vec<&str>> = plans
            .iter()
            .map(|plan| self.required_setters(plan).collect())
            .collect();
        let markers: BTreeSet<&str> = required.iter().flatten().copied().collect();
        match required.iter().map(Vec::len).max().unwrap_or(0) {
            0 => {}
            1 => items.extend(quote!(
                #allow
                use codegen_runtime::typestate::{Held, Here, IsSet, IsUnset, Replace, Slot, With};
            )),
            _ => items.extend(quote!(
                #allow
                use codegen_runtime::typestate::{Held, Here, IsSet, IsUnset, Replace, Slot, With, L, R};
            )),
        }
        for plan in plans {
            let features = &self.api.type_def(plan.ty).features;
            items.extend(super::gate(features, self.builder_for(plan)));
        }
        if !markers.is_empty() {
            let markers = markers.into_iter().map(|m| format_ident!("{m}"));
            // Not `#[doc(hidden)]`: rustc prints a hidden type by its whole path.
            items.extend(quote! {
                /// One type per required field's setter name: the compiler's messages print it
                /// when a builder's field is missing or set twice.
                #[allow(non_camel_case_types)]
                pub mod fields {
                    #(pub enum #markers {})*
                }
            });
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

    /// The setters of `plan`'s required fields, which also name their marker types.
    fn required_setters<'p>(&'p self, plan: &'p BodyBuilder) -> impl Iterator<Item = &'p str> {
        let fields = match &self.api.type_def(plan.ty).kind {
            TypeKind::Struct(s) => &s.fields[..],
            _ => &[],
        };
        fields
            .iter()
            .zip(&plan.setters)
            .filter(|(f, _)| f.required)
            .map(|(_, setter)| setter.as_str())
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

        // A required setter swaps its one slot, whatever the others hold, and compiles only
        // while that slot is `()`.
        let required_setters = required.iter().enumerate().map(|(k, (i, f))| {
            let setter = &setter_names[*i];
            let value_ty = self.ty_from(&f.ty, &sup);
            let boxed_ty = self.field_value_ty(f, &sup);
            let ty = self.field_ty(f, &sup);
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
                    Held<S, #path, #ty>: IsUnset<super::#target, fields::#setter>,
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

        let mut setters: TokenStream = required_setters.collect();
        setters.extend(optional_setters);
        setters.extend(additional_setter);
        let setters = braced(setters);

        // A required setter's return type and bounds spell its field's type three times inside
        // the typestate's: clippy finds them "very complex" from two steps deep, or sooner with a
        // long field type (`Vec<BTreeMap<String, Value>>`); they are what makes the signatures
        // short.
        let complex = (n > 0).then(|| quote!(#[allow(clippy::type_complexity)]));
        let values: Vec<Ident> = (0..n).map(|k| format_ident!("s{k}")).collect();
        let bounds = params.iter().zip(&required).map(|(p, (i, f))| {
            let setter = &setter_names[*i];
            let ty = self.field_ty(f, &sup);
            quote!(#p: IsSet<super::#target, fields::#setter, #ty>)
        });
        let build_fields = s.fields.iter().enumerate().map(|(i, f)| {
            let ident = format_ident!("{}", f.ident);
            match slot(i) {
                Some(k) => {
                    let value = &values[k];
                    quote!(#ident: IsSet::into_field(#value),)
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
            impl #generics #builder #generics #setters

            #allow_deprecated
            impl #build_generics #builder #build_state {
                /// The finished value. Compiles only once every required field is set.
                pub fn build(self) -> super::#target where #(#bounds),* {
                    #take_required
                    super::#target { #(#build_fields)* #build_additional }
                }
            }

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
