//! The intermediate representation: named Rust types and operations, plain data, final names.
//!
//! Lowering decides everything (names, shapes, boxing); emitting only prints it.

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

/// A handle to a [`TypeDef`] in [`Api::types`].
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

/// Rust the user wrote in an option (a type override, an extra derive), checked to parse when
/// lowering: only [`RustCode::ty`] and [`RustCode::path`] make one, so emit prints it and has
/// nothing left to check. (The text, not its tokens: `proc_macro2` tokens are not `Sync`, and
/// the IR is shared by the threads that emit a crate's parts.)
#[derive(Clone)]
pub struct RustCode {
    text: String,
}

impl RustCode {
    /// `text` if it parses as a Rust type.
    pub fn ty(text: &str) -> Option<Self> {
        syn::parse_str::<syn::Type>(text).ok()?;
        Some(RustCode {
            text: text.trim().to_string(),
        })
    }

    /// `text` if it parses as a Rust path (a derive macro's).
    pub fn path(text: &str) -> Option<Self> {
        syn::parse_str::<syn::Path>(text).ok()?;
        Some(RustCode {
            text: text.trim().to_string(),
        })
    }

    /// As the user wrote it.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// Its tokens.
    pub fn tokens(&self) -> proc_macro2::TokenStream {
        // Parsed as a type or path when made, so it is valid Rust tokens.
        self.text
            .parse()
            .expect("RustCode is checked to parse when it is made")
    }

    /// The last segment of a path (`Eq` for `std::cmp::Eq`).
    pub fn last_segment(&self) -> &str {
        self.text.rsplit("::").next().unwrap_or(&self.text).trim()
    }
}

impl std::fmt::Debug for RustCode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_tuple("RustCode").field(&self.text).finish()
    }
}

impl PartialEq for RustCode {
    fn eq(&self, other: &Self) -> bool {
        self.text == other.text
    }
}

impl Eq for RustCode {}

impl std::hash::Hash for RustCode {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.text.hash(state);
    }
}

impl PartialOrd for RustCode {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for RustCode {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        self.text.cmp(&other.text)
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
    /// `build` or `additional_property`.
    pub setters: Vec<String>,
    /// Per required field, in field order: the trait `build()` requires (`{Type}Has{Field}`)
    /// and the one its setter requires (`{Type}{Field}IsUnset`); unique across all builders.
    pub has: Vec<String>,
    pub unset: Vec<String>,
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

/// Whether a media type is JSON (`application/json`, `application/problem+json`, with parameters).
pub fn is_json(media_type: &str) -> bool {
    let essence = media_type.split(';').next().unwrap_or("").trim();
    essence == "application/json" || essence.ends_with("+json")
}

/// Whether a media type is `text/event-stream` (server-sent events).
pub fn is_event_stream(media_type: &str) -> bool {
    let essence = media_type.split(';').next().unwrap_or("").trim();
    essence.eq_ignore_ascii_case("text/event-stream")
}

/// Whether a media type is bytes whatever the schema says (`image/*`, `audio/*`, `video/*`,
/// `font/*`, `application/octet-stream`, `application/pdf`, zip, gzip; with parameters).
pub fn is_binary_media(media_type: &str) -> bool {
    let essence = media_type
        .split(';')
        .next()
        .unwrap_or("")
        .trim()
        .to_ascii_lowercase();
    ["image/", "audio/", "video/", "font/"]
        .iter()
        .any(|prefix| essence.starts_with(prefix))
        || matches!(
            essence.as_str(),
            "application/octet-stream" | "application/pdf" | "application/zip" | "application/gzip"
        )
}
