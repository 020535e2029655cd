//! Types: structs, string enums with a fallback, validated newtypes, unions and aliases.

use super::{allow_deprecated_fields, docs, Emitter};
use crate::ir::{
    Field, Newtype, Presence, StringEnum, Struct, TypeDef, TypeKind, TypeRef, Variant,
};
use proc_macro2::{Ident, Literal, TokenStream};
use quote::{format_ident, quote};

impl Emitter<'_> {
    pub(super) fn type_def(&self, def: &TypeDef) -> TokenStream {
        let name = format_ident!("{}", def.name);
        let doc = docs::attrs(&docs::text(&def.docs, &[]));
        let deprecated = def.deprecated.then(|| quote!(#[deprecated]));
        let body = match &def.kind {
            TypeKind::Struct(s) => self.struct_def(&name, s),
            TypeKind::Enum(e) => self.enum_def(&name, e),
            TypeKind::Tagged {
                tag,
                variants,
                fallback,
            } => self.tagged_def(&name, tag, variants, fallback),
            TypeKind::Untagged { variants } => {
                self.union_def(&name, variants, quote!(#[serde(untagged)]))
            }
            TypeKind::Newtype(n) => self.newtype_def(&name, n, !doc.is_empty()),
            TypeKind::Alias(ty) if self.alias_reaches(ty, &def.name) => {
                // `type Nested = Vec<Nested>` would be a cyclic alias: a newtype instead.
                let extra = self.derives_beyond(&[
                    "Debug",
                    "Clone",
                    "PartialEq",
                    "Serialize",
                    "Deserialize",
                ]);
                let ty = self.ty(ty);
                quote! {
                    #[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize #extra)]
                    #[serde(transparent)]
                    pub struct #name(pub #ty);
                }
            }
            TypeKind::Alias(ty) => {
                let ty = self.ty(ty);
                quote!(pub type #name = #ty;)
            }
        };
        quote! { #doc #deprecated #body }
    }

    /// Whether `ty` leads back to the type named `name` through arrays, maps and aliases only
    /// (no struct or enum in between), which a type alias cannot express.
    fn alias_reaches(&self, ty: &TypeRef, name: &str) -> bool {
        let mut seen = std::collections::BTreeSet::new();
        let mut next = ty.named();
        while let Some(id) = next {
            let def = self.api.type_def(id);
            if def.name == name {
                return true;
            }
            next = match &def.kind {
                TypeKind::Alias(inner) if seen.insert(id) => inner.named(),
                _ => None,
            };
        }
        false
    }

    /// `, Extra, Derives` for the user's extra derives that `base` does not have yet.
    fn derives_beyond(&self, base: &[&str]) -> TokenStream {
        let extra = self
            .api
            .derives
            .iter()
            .filter(|d| !base.contains(&d.last_segment()))
            .map(|d| d.tokens());
        quote!(#(, #extra)*)
    }

    fn struct_def(&self, name: &Ident, s: &Struct) -> TokenStream {
        let extra = self.derives_beyond(&[
            "Debug",
            "Clone",
            "PartialEq",
            "Default",
            "Serialize",
            "Deserialize",
        ]);
        let fields = s.fields.iter().map(|f| self.field(f));
        let all_optional = s.fields.iter().all(|f| !f.required);
        let default = all_optional.then(|| quote!(Default,));
        let additional = s.additional.as_ref().map(|value| {
            let ty = self.ty(value);
            let ty = match value {
                TypeRef::Json => quote!(codegen_runtime::Properties),
                _ => quote!(codegen_runtime::Properties<#ty>),
            };
            quote! {
                /// Properties the spec does not name, kept as sent (so sending a value back
                /// loses none of them).
                #[serde(flatten)]
                pub additional_properties: #ty,
            }
        });
        let has_secret = s.fields.iter().any(|f| f.secret);
        let derive_debug = (!has_secret).then(|| quote!(Debug,));
        let debug_impl = has_secret.then(|| {
            let type_name = name.to_string();
            let entries = s.fields.iter().map(|f| {
                let ident = format_ident!("{}", f.ident);
                let wire = &f.wire;
                if f.secret {
                    let present = match f.presence() {
                        Presence::Required => quote!(None),
                        Presence::Optional | Presence::RequiredNullable => {
                            quote!(Some(self.#ident.is_some()))
                        }
                        Presence::OptionalNullable => {
                            quote!(Some(self.#ident.as_value().is_some()))
                        }
                    };
                    quote!(.field(#wire, &codegen_runtime::Redacted::new(#present)))
                } else {
                    quote!(.field(#wire, &self.#ident))
                }
            });
            let additional = s
                .additional
                .as_ref()
                .map(|_| quote!(.field("additional_properties", &self.additional_properties)));
            // Reading a deprecated field to show it must not warn.
            let allow = allow_deprecated_fields(s);
            quote! {
                #allow
                impl std::fmt::Debug for #name {
                    /// Secret fields are shown as `[REDACTED]`.
                    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                        f.debug_struct(#type_name) #(#entries)* #additional .finish()
                    }
                }
            }
        });
        quote! {
            #[derive(#derive_debug Clone, PartialEq, #default serde::Serialize, serde::Deserialize #extra)]
            #[non_exhaustive]
            pub struct #name {
                #(#fields)*
                #additional
            }

            #debug_impl
        }
    }

    /// The Rust type of a struct field: its value type, boxed if needed, wrapped per presence.
    pub(crate) fn field_ty(&self, f: &Field, types_path: &TokenStream) -> TokenStream {
        let ty = self.field_value_ty(f, types_path);
        match f.presence() {
            Presence::Required => ty,
            Presence::RequiredNullable | Presence::Optional => quote!(Option<#ty>),
            Presence::OptionalNullable => quote!(codegen_runtime::Nullable<#ty>),
        }
    }

    /// The field's value type, `Box`ed when it breaks a cycle.
    pub(crate) fn field_value_ty(&self, f: &Field, types_path: &TokenStream) -> TokenStream {
        let ty = self.ty_from(&f.ty, types_path);
        if f.boxed {
            quote!(Box<#ty>)
        } else {
            ty
        }
    }

    fn field(&self, f: &Field) -> TokenStream {
        let ident = format_ident!("{}", f.ident);
        let ty = self.field_ty(f, &TokenStream::new());
        let wire = &f.wire;
        let rename = (f.ident != *wire).then(|| quote!(#[serde(rename = #wire)]));
        // A date or date-time is read as servers write it, not only as RFC 3339.
        let lenient = f.wire_time(&self.api.types).map(|_| {
            let with = match f.presence() {
                Presence::Required => "codegen_runtime::lenient::required",
                Presence::RequiredNullable | Presence::Optional => {
                    "codegen_runtime::lenient::optional"
                }
                Presence::OptionalNullable => "codegen_runtime::lenient::nullable",
            };
            quote!(deserialize_with = #with)
        });
        let serde = match f.presence() {
            Presence::Required | Presence::RequiredNullable => {
                lenient.map(|with| quote!(#[serde(#with)]))
            }
            Presence::Optional => {
                let with = lenient.map(|with| quote!(, #with));
                Some(quote!(#[serde(default, skip_serializing_if = "Option::is_none" #with)]))
            }
            Presence::OptionalNullable => {
                let with = lenient.map(|with| quote!(, #with));
                Some(
                    quote!(#[serde(default, skip_serializing_if = "codegen_runtime::Nullable::is_absent" #with)]),
                )
            }
        };
        let mut notes = Vec::new();
        if f.read_only {
            notes.push("Read-only: set by the server, never sent.".to_string());
        }
        match f.presence() {
            Presence::OptionalNullable => notes.push(
                "May be absent, `null` or set: `Nullable::Absent` leaves it out, `Nullable::Null` sends `null`."
                    .to_string(),
            ),
            Presence::RequiredNullable => notes.push("Always sent; `None` is sent as `null`.".to_string()),
            _ => {}
        }
        let doc = docs::attrs(&docs::text(&f.docs, &notes));
        let deprecated = f.deprecated.then(|| quote!(#[deprecated]));
        quote! { #doc #deprecated #rename #serde pub #ident: #ty, }
    }

    fn enum_def(&self, name: &Ident, e: &StringEnum) -> TokenStream {
        let extra = self.derives_beyond(&[
            "Debug",
            "Clone",
            "PartialEq",
            "Eq",
            "Hash",
            "PartialOrd",
            "Ord",
        ]);
        let type_name = name.to_string();
        let idents: Vec<Ident> = e
            .variants
            .iter()
            .map(|v| format_ident!("{}", v.ident))
            .collect();
        let wires: Vec<&str> = e.variants.iter().map(|v| v.wire.as_str()).collect();
        let variant_docs = wires.iter().map(|w| format!(" `{w}`"));
        let fallback = format_ident!("{}", e.fallback);
        let expected = wires
            .iter()
            .map(|w| format!("`{w}`"))
            .collect::<Vec<_>>()
            .join(", ");
        let unknown_msg = format!("unknown value; expected one of {expected}");
        quote! {
            #[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord #extra)]
            #[non_exhaustive]
            pub enum #name {
                #( #[doc = #variant_docs] #idents, )*
                /// A value this client does not know yet, kept exactly as the server sent it.
                #fallback(codegen_runtime::UnknownValue),
            }

            impl #name {
                /// The value as it appears on the wire.
                pub fn as_str(&self) -> &str {
                    match self {
                        #( Self::#idents => #wires, )*
                        Self::#fallback(value) => value.as_str(),
                    }
                }
            }

            impl std::fmt::Display for #name {
                fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                    f.write_str(self.as_str())
                }
            }

            impl std::str::FromStr for #name {
                type Err = codegen_runtime::ConstraintError;

                /// Parses a known value; unknown values are an error (only the server may send them).
                fn from_str(value: &str) -> Result<Self, Self::Err> {
                    match value {
                        #( #wires => Ok(Self::#idents), )*
                        _ => Err(codegen_runtime::ConstraintError::new(#type_name, #unknown_msg)),
                    }
                }
            }

            impl serde::Serialize for #name {
                fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                    serializer.serialize_str(self.as_str())
                }
            }

            impl<'de> serde::Deserialize<'de> for #name {
                fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                    let value = String::deserialize(deserializer)?;
                    Ok(match value.as_str() {
                        #( #wires => Self::#idents, )*
                        _ => Self::#fallback(codegen_runtime::__private::unknown_value(value)),
                    })
                }
            }
        }
    }

    fn tagged_def(
        &self,
        name: &Ident,
        tag: &str,
        variants: &[Variant],
        fallback: &str,
    ) -> TokenStream {
        let extra = self.derives_beyond(&["Debug", "Clone", "PartialEq"]);
        let fallback = format_ident!("{}", fallback);
        let idents: Vec<Ident> = variants
            .iter()
            .map(|v| format_ident!("{}", v.ident))
            .collect();
        let wires: Vec<&str> = variants
            .iter()
            .map(|v| v.wire.as_deref().unwrap_or_default())
            .collect();
        let tys: Vec<TokenStream> = variants.iter().map(|v| self.ty(&v.ty)).collect();
        let variant_docs = wires.iter().map(|w| format!(" `{tag}: {w}`"));
        let fallback_doc = format!(
            " An object whose `{tag}` this client does not know yet, kept exactly as sent."
        );
        // Each variant holds its member's struct beside the small fallback: as for untagged
        // unions, the spec decides the shapes, and the lint would only ask users to box them.
        let large = (!variants.is_empty()).then(|| quote!(#[allow(clippy::large_enum_variant)]));
        quote! {
            #[derive(Debug, Clone, PartialEq #extra)]
            #large
            #[non_exhaustive]
            pub enum #name {
                #( #[doc = #variant_docs] #idents(#tys), )*
                #[doc = #fallback_doc]
                #fallback(serde_json::Map<String, serde_json::Value>),
            }

            impl serde::Serialize for #name {
                fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                    match self {
                        #( Self::#idents(value) => codegen_runtime::tagged::serialize(serializer, #tag, #wires, value), )*
                        Self::#fallback(object) => object.serialize(serializer),
                    }
                }
            }

            impl<'de> serde::Deserialize<'de> for #name {
                fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                    let (tag, object) = codegen_runtime::tagged::split(deserializer, #tag)?;
                    match tag.as_deref() {
                        #( Some(#wires) => codegen_runtime::tagged::decode(object, #tag).map(Self::#idents), )*
                        _ => Ok(Self::#fallback(object)),
                    }
                }
            }
        }
    }

    fn union_def(&self, name: &Ident, variants: &[Variant], repr: TokenStream) -> TokenStream {
        let extra =
            self.derives_beyond(&["Debug", "Clone", "PartialEq", "Serialize", "Deserialize"]);
        // A struct variant beside small ones makes the enum as large as the struct; the spec
        // decides the shapes, so the lint would only ask users to box what they receive.
        let large = (variants.len() > 1
            && variants.iter().any(|v| matches!(v.ty, TypeRef::Named(_))))
        .then(|| quote!(#[allow(clippy::large_enum_variant)]));
        let variants = variants.iter().map(|v| {
            let ident = format_ident!("{}", v.ident);
            let ty = self.ty(&v.ty);
            let rename = v
                .wire
                .as_ref()
                .filter(|w| **w != v.ident)
                .map(|w| quote!(#[serde(rename = #w)]));
            quote! { #rename #ident(#ty), }
        });
        quote! {
            #[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize #extra)]
            #large
            #repr
            #[non_exhaustive]
            pub enum #name {
                #(#variants)*
            }
        }
    }

    fn newtype_def(&self, name: &Ident, n: &Newtype, has_docs: bool) -> TokenStream {
        let extra = self.derives_beyond(&[
            "Debug",
            "Clone",
            "PartialEq",
            "Eq",
            "Hash",
            "PartialOrd",
            "Ord",
            "Serialize",
        ]);
        let type_name = name.to_string();
        let some = |v: Option<usize>| match v {
            Some(v) => {
                let v = Literal::usize_unsuffixed(v);
                quote!(Some(#v))
            }
            None => quote!(None),
        };
        let length = (n.min_length.is_some() || n.max_length.is_some()).then(|| {
            let (min, max) = (some(n.min_length), some(n.max_length));
            quote!(codegen_runtime::ConstraintError::check_length(#type_name, value, #min, #max)?;)
        });
        let pattern = n.pattern.as_ref().map(|p| {
            quote! {
                static PATTERN: codegen_runtime::Pattern = codegen_runtime::Pattern::new(#p);
                codegen_runtime::ConstraintError::check_pattern(#type_name, value, &PATTERN)?;
            }
        });
        let mut rules = Vec::new();
        if let Some(min) = n.min_length {
            rules.push(format!("at least {min} characters"));
        }
        if let Some(max) = n.max_length {
            rules.push(format!("at most {max} characters"));
        }
        if let Some(p) = &n.pattern {
            rules.push(format!("matches `{p}`"));
        }
        let rules_doc = format!(" Valid values: {}.", rules.join(", "));
        let separator = has_docs.then(|| quote!(#[doc = ""]));
        quote! {
            #separator
            #[doc = #rules_doc]
            #[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize #extra)]
            #[serde(transparent)]
            pub struct #name(String);

            impl #name {
                /// Validates `value` against the spec's constraints.
                pub fn new(value: impl Into<String>) -> Result<Self, codegen_runtime::ConstraintError> {
                    let value = value.into();
                    Self::check(&value)?;
                    Ok(Self(value))
                }

                /// Checks the value against the spec's constraints: always `Ok` for values made
                /// by [`Self::new`], and the way to check one the server sent (decoding takes
                /// the server's values as sent).
                pub fn validate(&self) -> Result<(), codegen_runtime::ConstraintError> {
                    Self::check(&self.0)
                }

                fn check(value: &str) -> Result<(), codegen_runtime::ConstraintError> {
                    #length
                    #pattern
                    Ok(())
                }

                /// The value.
                pub fn as_str(&self) -> &str {
                    &self.0
                }

                /// The value, owned.
                pub fn into_inner(self) -> String {
                    self.0
                }
            }

            impl AsRef<str> for #name {
                fn as_ref(&self) -> &str {
                    &self.0
                }
            }

            impl std::fmt::Display for #name {
                fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                    f.write_str(&self.0)
                }
            }

            impl std::str::FromStr for #name {
                type Err = codegen_runtime::ConstraintError;

                fn from_str(value: &str) -> Result<Self, Self::Err> {
                    Self::new(value)
                }
            }

            impl TryFrom<&str> for #name {
                type Error = codegen_runtime::ConstraintError;

                fn try_from(value: &str) -> Result<Self, Self::Error> {
                    Self::new(value)
                }
            }

            impl TryFrom<String> for #name {
                type Error = codegen_runtime::ConstraintError;

                fn try_from(value: String) -> Result<Self, Self::Error> {
                    Self::new(value)
                }
            }

            impl From<#name> for String {
                fn from(value: #name) -> Self {
                    value.0
                }
            }

            /// Decoding accepts any string: a value the server sent is kept as sent, so one
            /// field outside the spec's constraints never makes a whole response unreadable.
            /// [`Self::validate`] tells whether it meets them.
            impl<'de> serde::Deserialize<'de> for #name {
                fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                    String::deserialize(deserializer).map(Self)
                }
            }
        }
    }

    /// The Rust spelling of a type reference.
    /// A type as spelled inside the `types` module.
    pub(super) fn ty(&self, ty: &TypeRef) -> TokenStream {
        self.ty_from(ty, &TokenStream::new())
    }

    /// A type as spelled from a module where the `types` module is reached by `types_path`
    /// (`super::` from `types::builders`, `super::types::` from `client`).
    pub(crate) fn ty_from(&self, ty: &TypeRef, types_path: &TokenStream) -> TokenStream {
        use crate::ir::Prim;
        match ty {
            TypeRef::Named(id) => {
                let name = format_ident!("{}", self.api.type_def(*id).name);
                quote!(#types_path #name)
            }
            TypeRef::Prim(p) => match p {
                Prim::String => quote!(String),
                Prim::Bool => quote!(bool),
                Prim::I32 => quote!(i32),
                Prim::I64 => quote!(i64),
                Prim::F64 => quote!(f64),
                Prim::DateTime => quote!(chrono::DateTime<chrono::FixedOffset>),
                Prim::Date => quote!(chrono::NaiveDate),
                Prim::Uuid => quote!(uuid::Uuid),
            },
            TypeRef::Vec(inner) => {
                let inner = self.ty_from(inner, types_path);
                quote!(Vec<#inner>)
            }
            TypeRef::Map(inner) => {
                let inner = self.ty_from(inner, types_path);
                quote!(std::collections::BTreeMap<String, #inner>)
            }
            TypeRef::Json => quote!(serde_json::Value),
            TypeRef::Option(inner) => {
                let inner = self.ty_from(inner, types_path);
                quote!(Option<#inner>)
            }
            TypeRef::External(ty) => ty.tokens(),
        }
    }
}
