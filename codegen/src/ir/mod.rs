//! The intermediate representation: named Rust types and operations, plain data, final names.
//!
//! Lowering decides everything (names, shapes, boxing); emitting only prints it. This module
//! holds the whole [`Api`]; its types, operations, checked Rust code and media types are in
//! submodules, re-exported here.

mod code;
mod media;
mod operations;
mod types;

pub use code::RustCode;
pub use media::{is_binary_media, is_event_stream, is_json};
pub use operations::{
    Body, BodyKind, Method, MockNames, MultipartBody, MultipartField, Operation, Pagination, Param,
    ParamLocation, ParamShape, ParamStyle, ParamWriter, PartKind, PropEncoding, Response,
    ResponseHeader, Status,
};
pub use types::{
    BodyBuilder, Docs, EnumVariant, Field, Newtype, Presence, Prim, StringEnum, Struct, TypeDef,
    TypeId, TypeKind, TypeRef, Variant,
};

use crate::diag::Pointer;
use serde_json::Value;

/// The whole API, ready to emit.
#[derive(Debug, Clone, PartialEq)]
pub struct Api {
    pub title: String,
    pub version: String,
    pub description: Option<String>,
    /// The servers whose URLs are valid, in spec order; the first is the client's default
    /// base URL.
    pub servers: Vec<Server>,
    /// Indexed by [`TypeId`]; emitted in the order of [`Api::by_name`].
    pub types: Vec<TypeDef>,
    /// Every type, sorted by name: the order of the `types` module and of the `QueryValue`
    /// impls, so the output does not follow lowering order.
    pub by_name: Vec<TypeId>,
    /// In spec order (paths, then methods in `get, put, post, delete, options, head, patch, trace`).
    pub operations: Vec<Operation>,
    /// Every `example` of the spec with the type it must decode into.
    pub examples: Vec<Example>,
    /// A typestate builder per struct, sorted by the struct's name.
    pub builders: Vec<BodyBuilder>,
    /// The user's extra derives for every struct and enum, each a path that parses.
    pub derives: Vec<RustCode>,
    /// The cargo features of `Options::features_by_tag`, sorted (empty without it).
    pub features: Vec<String>,
}

impl Api {
    pub fn type_def(&self, id: TypeId) -> &TypeDef {
        &self.types[id.0]
    }
}

/// One `servers` entry, checked.
#[derive(Debug, Clone, PartialEq)]
pub struct Server {
    /// An absolute URL that parses: the template with every variable at its default (a
    /// relative URL is resolved against `http://localhost`).
    pub url: String,
    /// The URL as written, e.g. `https://{region}.example.com/v1`.
    pub template: String,
    /// The spec's URL is relative: users must give a host.
    pub relative: bool,
    pub description: Option<String>,
    /// The `{variables}` of the template, in spec order.
    pub variables: Vec<ServerVariable>,
}

/// A `{variable}` of a server URL.
#[derive(Debug, Clone, PartialEq)]
pub struct ServerVariable {
    /// As written in the template.
    pub name: String,
    /// Rust parameter name.
    pub ident: String,
    pub default: String,
    /// The allowed values, when the spec lists them.
    pub values: Vec<String>,
    pub description: Option<String>,
    /// The string enum of `values`, for the first server's variables that have them.
    pub ty: Option<TypeId>,
}

/// An `example` of the spec and the type it must round-trip through.
#[derive(Debug, Clone, PartialEq)]
pub struct Example {
    /// The test function's name: after the example's pointer, unique in the examples test.
    pub name: String,
    pub at: Pointer,
    pub ty: TypeRef,
    pub value: Value,
    /// Whether the value decodes into `ty` and comes back unchanged.
    pub fit: Fit,
}

/// How an example fits the type it documents, decided against the lowered types so that it
/// says what the generated code will do with it.
#[derive(Debug, Clone, PartialEq)]
pub enum Fit {
    /// It decodes and encodes back to the same JSON.
    Fits,
    /// It cannot decode (an upstream inconsistency, warned about): `reason` names the spot
    /// inside the example and what is wrong there.
    Fails { reason: String },
    /// It decodes, but loses properties its schema forbids (`additionalProperties: false`).
    Drops { reason: String },
}
