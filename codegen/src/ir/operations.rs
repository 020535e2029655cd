//! The IR's operations: HTTP methods with their parameters, bodies, responses, pagination and the names of their builders and mocks.

use super::{Docs, TypeId, TypeRef};
use crate::diag::Pointer;

/// One HTTP operation.
#[derive(Debug, Clone, PartialEq)]
pub struct Operation {
    /// Rust method name (by `Options::method_names`: from the operationId, the summary, or
    /// the HTTP method + path).
    pub ident: String,
    /// The operationId as written, if any.
    pub operation_id: Option<String>,
    /// The operationId when it differs from `ident` (and rustdoc accepts it as an alias), so
    /// documentation search finds the method by the spec's name.
    pub doc_alias: Option<String>,
    pub method: Method,
    /// The path template as written, e.g. `/accounts/{aid}/customers/users/{customer_id}`.
    pub path: String,
    pub at: Pointer,
    pub summary: Option<String>,
    pub description: Option<String>,
    pub tags: Vec<String>,
    pub deprecated: bool,
    /// OAuth scopes (from `x-scopes` or the security requirement).
    pub scopes: Vec<String>,
    /// Path parameters in template order, then query, header and cookie ones in spec order.
    pub params: Vec<Param>,
    pub body: Option<Body>,
    /// Sorted: codes ascending, ranges, then `default`.
    pub responses: Vec<Response>,
    /// Set for list operations that page with `limit` + `starting_after`.
    pub pagination: Option<Pagination>,
    /// The request builder's name, unique in the `client` module.
    pub builder: String,
    /// The name of the enum of its success bodies (used when its 2xx responses have different
    /// bodies), unique in the `client` module.
    pub success: String,
    /// The request builder's methods that add a header and a query parameter of the caller's
    /// (`header`, `query`; `extra_header`, `extra_query` where a parameter has the name).
    pub extra_header: String,
    pub extra_query: String,
    /// The names of its typed mock, in the `mock` module.
    pub mock: MockNames,
    /// The cargo feature it is behind (`Options::features_by_tag`).
    pub feature: Option<String>,
}

/// The typed mock of an operation (`mock` module, feature `mock`): `Mock`'s method expecting a
/// call and the expectation builder it returns, whose parameter matchers are named like the
/// request builder's setters (the parameters' `ident`s, and `body`).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct MockNames {
    /// `expect_` + the client method's name: unique beside `Mock`'s own `new`, `client`,
    /// `verify`.
    pub method: String,
    /// The request builder's name + `Expectation`, unique in the `mock` module beside `Mock`.
    pub expectation: String,
    /// The expectation's own methods (`times`, `respond`, `fail`), numbered where a parameter
    /// has the name.
    pub times: String,
    pub respond: String,
    pub fail: String,
}

/// Cursor pagination: the next page starts after the last item's cursor field.
#[derive(Debug, Clone, PartialEq)]
pub struct Pagination {
    /// Rust name of the `limit` parameter.
    pub limit_param: String,
    /// Rust name of the `starting_after` parameter (a string).
    pub cursor_param: String,
    /// The page's item type (a struct).
    pub item: TypeId,
    /// Rust name of the item field holding the cursor, and whether the item always has it.
    pub cursor_field: String,
    pub cursor_required: bool,
    /// The spec's default for `limit`: a page shorter than this is the last one.
    pub default_limit: Option<i64>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Method {
    Get,
    Put,
    Post,
    Delete,
    Options,
    Head,
    Patch,
    Trace,
}

impl Method {
    pub fn as_str(self) -> &'static str {
        match self {
            Method::Get => "GET",
            Method::Put => "PUT",
            Method::Post => "POST",
            Method::Delete => "DELETE",
            Method::Options => "OPTIONS",
            Method::Head => "HEAD",
            Method::Patch => "PATCH",
            Method::Trace => "TRACE",
        }
    }

    /// Whether repeating the request is safe (RFC 9110 section 9.2.2).
    pub fn is_idempotent(self) -> bool {
        !matches!(self, Method::Post | Method::Patch)
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Param {
    pub ident: String,
    pub wire: String,
    pub location: ParamLocation,
    pub ty: TypeRef,
    pub required: bool,
    /// How the value is written: OpenAPI's `style` (defaulted per location), or `content`.
    pub style: ParamStyle,
    /// OpenAPI's `explode` (default: `true` for `form` only).
    pub explode: bool,
    /// Which row of the spec's serialization table applies.
    pub shape: ParamShape,
    /// How generated code writes it (decided from location, style and shape).
    pub writer: ParamWriter,
    /// Inclusive bounds of an integer parameter, checked before sending (`limit` 1..=100).
    pub int_range: (Option<i64>, Option<i64>),
    pub deprecated: bool,
    pub docs: Docs,
    pub at: Pointer,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum ParamLocation {
    Path,
    Query,
    Header,
    Cookie,
}

/// OpenAPI's parameter `style` values (section 4.8.12.4), plus `content: application/json`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum ParamStyle {
    Simple,
    Label,
    Matrix,
    Form,
    SpaceDelimited,
    PipeDelimited,
    DeepObject,
    /// Given with `content: application/json`: the value's JSON text.
    Json,
}

impl ParamStyle {
    /// The name of the matching `codegen_runtime::ParamStyle` variant.
    pub fn runtime_name(self) -> &'static str {
        match self {
            ParamStyle::Simple => "Simple",
            ParamStyle::Label => "Label",
            ParamStyle::Matrix => "Matrix",
            ParamStyle::Form => "Form",
            ParamStyle::SpaceDelimited => "SpaceDelimited",
            ParamStyle::PipeDelimited => "PipeDelimited",
            ParamStyle::DeepObject => "DeepObject",
            ParamStyle::Json => "Json",
        }
    }
}

/// The shape of a parameter's value, which picks its row in the serialization table.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum ParamShape {
    /// A string, number, bool, enum or newtype: one text (`QueryValue`).
    Scalar,
    /// An array.
    Array,
    /// An object, a map, a tagged union or any JSON value: written from its serde form.
    Object,
}

/// The runtime call that writes a parameter. The plain ones keep the code for the default
/// styles short; `Styled` handles every row of the table from the value's serde form.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum ParamWriter {
    /// A scalar's `QueryValue` text: `query`/`query_opt`, `header`/`header_opt`,
    /// `encode_path_segment`.
    Text,
    /// A `form` array, item by item: `query_exploded` (`explode`) or `query_joined`.
    Items,
    /// Any value by style and `explode`: `query_styled`, `header_styled`, `cookie`,
    /// `path_param`.
    Styled,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Body {
    pub media_type: String,
    pub kind: BodyKind,
    pub required: bool,
    pub description: Option<String>,
}

impl Body {
    /// The schema type the body is serialized from (JSON and form bodies).
    pub fn ty(&self) -> Option<&TypeRef> {
        match &self.kind {
            BodyKind::Json(ty) | BodyKind::Form { ty, .. } => Some(ty),
            BodyKind::Multipart(_) | BodyKind::Text | BodyKind::Bytes => None,
        }
    }

    /// Every schema type a caller builds to send this body: the body's own, or a multipart
    /// body's value parts.
    pub fn sent_types(&self) -> Vec<&TypeRef> {
        match &self.kind {
            BodyKind::Multipart(m) => m
                .fields
                .iter()
                .filter_map(|f| match &f.kind {
                    PartKind::Value { ty, .. } => Some(ty),
                    PartKind::File { .. } => None,
                })
                .collect(),
            _ => self.ty().into_iter().collect(),
        }
    }
}

/// How a request body is typed and encoded, decided by its media type and schema.
#[derive(Debug, Clone, PartialEq)]
pub enum BodyKind {
    /// JSON (`application/json`, `*+json`): the schema's type (`Json` without a schema).
    Json(TypeRef),
    /// `application/x-www-form-urlencoded`: the schema's type (an object), each property
    /// written like a query parameter; `encoding` lists the properties whose style is not
    /// the default (`form`, `explode: true`).
    Form {
        ty: TypeRef,
        encoding: Vec<PropEncoding>,
    },
    /// `multipart/form-data`: a struct of its own (in the `client` module) with text fields and
    /// file parts.
    Multipart(MultipartBody),
    /// `text/*` with a string schema (or none): a `String`.
    Text,
    /// Binary media (or media without a schema): raw bytes.
    Bytes,
}

/// The `encoding` of one property of a form body.
#[derive(Debug, Clone, PartialEq)]
pub struct PropEncoding {
    pub wire: String,
    pub style: ParamStyle,
    pub explode: bool,
}

/// A `multipart/form-data` body: one part (or one per item) per property.
#[derive(Debug, Clone, PartialEq)]
pub struct MultipartBody {
    /// Final Rust name of its struct, unique in the `client` module.
    pub name: String,
    pub fields: Vec<MultipartField>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct MultipartField {
    /// Rust identifier.
    pub ident: String,
    /// The part's name.
    pub wire: String,
    pub required: bool,
    pub kind: PartKind,
    pub description: Option<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum PartKind {
    /// A value sent as text (scalars) or JSON (`content_type` JSON, objects); an array is one
    /// part per item when `each`.
    Value {
        ty: TypeRef,
        content_type: String,
        each: bool,
    },
    /// A file (`format: binary`): a `FilePart`, or several when `many`.
    File { many: bool, content_type: String },
}

#[derive(Debug, Clone, PartialEq)]
pub struct Response {
    pub status: Status,
    pub description: String,
    pub media_type: Option<String>,
    /// `None`: no body (or a body without schema).
    pub ty: Option<TypeRef>,
    pub headers: Vec<ResponseHeader>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Status {
    Code(u16),
    /// `2XX` is `Range(2)`.
    Range(u16),
    Default,
}

impl Status {
    pub fn is_success(self) -> bool {
        match self {
            Status::Code(c) => (200..300).contains(&c),
            Status::Range(r) => r == 2,
            Status::Default => false,
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct ResponseHeader {
    pub wire: String,
    pub ident: String,
    pub ty: TypeRef,
    pub description: Option<String>,
}
