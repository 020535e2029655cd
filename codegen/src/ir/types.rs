//! The IR's types: named Rust types (structs, enums, unions, newtypes, aliases), references to them, and struct builders.

use super::RustCode;
use crate::diag::Pointer;
use serde_json::Value;

/// A handle to a [`TypeDef`] in [`Api::types`](super::Api::types).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct TypeId(pub usize);

/// Documentation carried from the spec.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Docs {
    pub title: Option<String>,
    pub description: Option<String>,
    pub example: Option<Value>,
    pub default: Option<Value>,
}

/// One named Rust type.
#[derive(Debug, Clone, PartialEq)]
pub struct TypeDef {
    /// Final Rust identifier.
    pub name: String,
    /// The cargo features it is behind, any of which brings it in (`Options::features_by_tag`:
    /// the features whose operations reach it); empty: always there.
    pub features: Vec<String>,
    /// The schema it came from.
    pub at: Pointer,
    pub docs: Docs,
    pub deprecated: bool,
    pub kind: TypeKind,
}

#[derive(Debug, Clone, PartialEq)]
pub enum TypeKind {
    Struct(Struct),
    /// A string enum with a fallback variant for values unknown at generation time.
    Enum(StringEnum),
    /// `oneOf`/discriminator: internally tagged by `tag`, with a fallback variant that keeps
    /// an object whose tag this client does not know.
    Tagged {
        tag: String,
        variants: Vec<Variant>,
        fallback: String,
    },
    /// `oneOf`/`anyOf` without a discriminator: the first variant that decodes wins.
    Untagged {
        variants: Vec<Variant>,
    },
    /// A constrained string that can only be built valid.
    Newtype(Newtype),
    /// A named schema that is just another type (an array, a map, a primitive).
    Alias(TypeRef),
}

impl TypeKind {
    /// The type references it holds: its fields' and additional properties', its variants', or
    /// the aliased one.
    pub fn refs(&self) -> Vec<&TypeRef> {
        match self {
            TypeKind::Struct(s) => s
                .fields
                .iter()
                .map(|f| &f.ty)
                .chain(s.additional.as_ref())
                .collect(),
            TypeKind::Tagged { variants, .. } | TypeKind::Untagged { variants } => {
                variants.iter().map(|v| &v.ty).collect()
            }
            TypeKind::Alias(inner) => vec![inner],
            TypeKind::Enum(_) | TypeKind::Newtype(_) => Vec::new(),
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Struct {
    pub fields: Vec<Field>,
    /// The type of properties beyond `fields`, kept in a flattened map: the
    /// `additionalProperties` schema's, or any JSON when the schema gives none (JSON Schema
    /// allows them unless told otherwise). `None` for `additionalProperties: false`.
    pub additional: Option<TypeRef>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Field {
    /// Rust identifier.
    pub ident: String,
    /// JSON property name.
    pub wire: String,
    pub ty: TypeRef,
    pub required: bool,
    pub nullable: bool,
    /// Behind a `Box` to break a cycle of by-value containment.
    pub boxed: bool,
    pub read_only: bool,
    /// A secret (password, pin, token, `format: password`): never shown by `Debug`.
    pub secret: bool,
    pub deprecated: bool,
    pub docs: Docs,
    pub at: Pointer,
}

impl Field {
    /// The date or date-time the field holds itself (through aliases; not one inside a `Vec`,
    /// a map or an `Option`). Generated code reads it as servers write it, not only as RFC 3339
    /// (`codegen_runtime::lenient`), and the examples' check reads it the same way.
    pub fn wire_time(&self, types: &[TypeDef]) -> Option<Prim> {
        self.ty.wire_time(types)
    }

    /// How the field is represented: the one place that decides optional vs nullable.
    pub fn presence(&self) -> Presence {
        match (self.required, self.nullable) {
            (true, false) => Presence::Required,
            (true, true) => Presence::RequiredNullable,
            (false, false) => Presence::Optional,
            (false, true) => Presence::OptionalNullable,
        }
    }
}

/// The four combinations of required and nullable, each with its own Rust shape.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Presence {
    /// `T`
    Required,
    /// `Option<T>`, always sent (`null` for `None`).
    RequiredNullable,
    /// `Option<T>`, skipped when `None`.
    Optional,
    /// `Nullable<T>`: absent, `null` or a value.
    OptionalNullable,
}

#[derive(Debug, Clone, PartialEq)]
pub struct StringEnum {
    pub variants: Vec<EnumVariant>,
    /// Name of the variant that keeps unknown values (`Unknown` unless a spec value took it).
    pub fallback: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct EnumVariant {
    pub ident: String,
    pub wire: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Variant {
    pub ident: String,
    /// The discriminator value (tagged) or `None` (untagged).
    pub wire: Option<String>,
    pub ty: TypeRef,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Newtype {
    pub min_length: Option<usize>,
    pub max_length: Option<usize>,
    /// ECMA-262 source, already checked to compile.
    pub pattern: Option<String>,
}

/// A reference to a Rust type.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum TypeRef {
    Named(TypeId),
    Prim(Prim),
    Vec(Box<TypeRef>),
    /// A JSON object with arbitrary keys.
    Map(Box<TypeRef>),
    /// Any JSON value.
    Json,
    /// `Option<T>`: an array item or map value whose schema is `nullable`.
    Option(Box<TypeRef>),
    /// A Rust type named by the user in place of a schema or format (a type override).
    External(RustCode),
}

impl TypeRef {
    /// What it holds inside its `Vec`s, maps and `Option`s (itself when it is none of them).
    pub fn innermost(&self) -> &TypeRef {
        match self {
            TypeRef::Vec(inner) | TypeRef::Map(inner) | TypeRef::Option(inner) => inner.innermost(),
            TypeRef::Named(_) | TypeRef::Prim(_) | TypeRef::Json | TypeRef::External(_) => self,
        }
    }

    /// The named type it refers to, inside its `Vec`s, maps and `Option`s (at most one).
    pub fn named(&self) -> Option<TypeId> {
        match self.innermost() {
            TypeRef::Named(id) => Some(*id),
            _ => None,
        }
    }

    /// The date or date-time it is itself, through aliases (not one inside a `Vec`, a map or an
    /// `Option`): what [`Field::wire_time`] and the examples test read leniently.
    pub fn wire_time(&self, types: &[TypeDef]) -> Option<Prim> {
        match self.through_aliases(types) {
            TypeRef::Prim(p @ (Prim::Date | Prim::DateTime)) => Some(*p),
            _ => None,
        }
    }

    /// What it stands for once the aliases it names are followed (itself when it names none;
    /// after at most 64 hops, where a malformed chain loops).
    pub fn through_aliases<'t>(&'t self, types: &'t [TypeDef]) -> &'t TypeRef {
        let mut ty = self;
        for _ in 0..64 {
            match ty {
                TypeRef::Named(id) => match &types[id.0].kind {
                    TypeKind::Alias(inner) => ty = inner,
                    _ => break,
                },
                _ => break,
            }
        }
        ty
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Prim {
    String,
    Bool,
    I32,
    I64,
    /// Every `number`, `format: float` included (JSON numbers are doubles).
    F64,
    DateTime,
    Date,
    Uuid,
}

/// The typestate builder of a struct (`Type::builder()`).
#[derive(Debug, Clone, PartialEq)]
pub struct BodyBuilder {
    /// The struct it builds.
    pub ty: TypeId,
    /// `{Type}Builder`.
    pub name: String,
    /// `{Type}BuilderRest`: the storage of its optional fields.
    pub rest: String,
    /// The setter of each field, in field order: the field's name unless it would shadow
    /// `build` or `additional_property`. A required field's setter also names its marker type
    /// (`builders::fields::{setter}`), which the compiler's messages print.
    pub setters: Vec<String>,
}

#[cfg(test)]
mod tests {
    use super::{Prim, TypeId, TypeRef};

    #[test]
    fn a_reference_names_the_type_inside_its_wrappers() {
        let wrapped = TypeRef::Vec(Box::new(TypeRef::Option(Box::new(TypeRef::Map(Box::new(
            TypeRef::Named(TypeId(3)),
        ))))));
        assert_eq!(wrapped.named(), Some(TypeId(3)));
        assert_eq!(wrapped.innermost(), &TypeRef::Named(TypeId(3)));
        let json = TypeRef::Map(Box::new(TypeRef::Json));
        assert_eq!(json.named(), None);
        assert_eq!(json.innermost(), &TypeRef::Json);
        assert_eq!(TypeRef::Prim(Prim::Bool).named(), None);
    }
}
