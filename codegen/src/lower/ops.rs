//! Operations: paths and methods into [`ir::Operation`]s with typed params, bodies, responses.

use super::{names, Dir, Hint, Lowerer};
use crate::diag::{Diagnostic, Pointer};
use crate::ir::{
    self, BodyKind, Method, Param, ParamLocation, ParamShape, ParamStyle, ParamWriter, TypeKind,
    TypeRef,
};
use crate::naming::{self, Scope};
use openapiv3::{
    Operation, Parameter, ParameterSchemaOrContent, QueryStyle, ReferenceOr, Schema, SchemaKind,
};
use std::collections::BTreeMap;

mod bodies;
mod responses;

const METHODS: [(&str, Method); 8] = [
    ("get", Method::Get),
    ("put", Method::Put),
    ("post", Method::Post),
    ("delete", Method::Delete),
    ("options", Method::Options),
    ("head", Method::Head),
    ("patch", Method::Patch),
    ("trace", Method::Trace),
];

/// The media type to use from a `content` map: JSON if offered, else the first.
fn pick_media<T>(content: &indexmap::IndexMap<String, T>) -> Option<(&String, &T)> {
    content
        .iter()
        .find(|(m, _)| ir::is_json(m))
        .or_else(|| content.iter().next())
}

impl<'a> Lowerer<'a> {
    pub(super) fn lower_operations(&mut self) -> Vec<ir::Operation> {
        let spec = self.spec;
        let mut names = Vec::new();
        let mut found = Vec::new();
        let mut operation_ids: BTreeMap<&'a str, Pointer> = BTreeMap::new();
        for (path, item) in &spec.paths.paths {
            let path_at = Pointer::root().push("paths").push(path);
            let item = match item {
                ReferenceOr::Item(item) => item,
                ReferenceOr::Reference { .. } => {
                    self.error(&path_at, "a path item `$ref` is not supported");
                    continue;
                }
            };
            for (key, method) in METHODS {
                let op = match key {
                    "get" => &item.get,
                    "put" => &item.put,
                    "post" => &item.post,
                    "delete" => &item.delete,
                    "options" => &item.options,
                    "head" => &item.head,
                    "patch" => &item.patch,
                    _ => &item.trace,
                };
                let Some(op) = op else { continue };
                let at = path_at.push(key);
                let mut duplicate = false;
                if let Some(id) = &op.operation_id {
                    if let Some(first) = operation_ids.get(id.as_str()) {
                        duplicate = true;
                        self.diags.push(
                            Diagnostic::error(
                                &at.push("operationId"),
                                format!("duplicate operationId `{id}`, first used at `{first}`"),
                            )
                            .with_help("operationIds must be unique in the document"),
                        );
                    } else {
                        operation_ids.insert(id, at.clone());
                    }
                }
                names.push(names::OpName {
                    at,
                    method,
                    path,
                    operation_id: op.operation_id.as_deref(),
                    summary: op.summary.as_deref(),
                    duplicate,
                });
                found.push((op, &item.parameters));
            }
        }
        // Every name is known before any operation names its inline types after its method.
        let idents = names::methods(&names, self.options.method_names, &mut self.diags);
        let mut ops: Vec<ir::Operation> = found
            .into_iter()
            .zip(names)
            .zip(idents)
            .map(|(((op, params), name), ident)| {
                self.lower_operation(op, params, (name.method, name.path), name.at, ident)
            })
            .collect();
        name_client_types(&mut ops);
        super::extras::name(&mut ops);
        ops
    }

    fn lower_operation(
        &mut self,
        op: &'a Operation,
        path_params: &'a [ReferenceOr<Parameter>],
        (method, path): (Method, &str),
        at: Pointer,
        ident: String,
    ) -> ir::Operation {
        let hint = Hint::new(naming::type_ident(&ident, "Operation"));
        // Operation-level parameters override path-level ones with the same name and location.
        let mut merged: Vec<(&'a ReferenceOr<Parameter>, Pointer)> = Vec::new();
        let path_at = Pointer::from_tokens(at.tokens().iter().take(2).cloned());
        for (i, p) in path_params.iter().enumerate() {
            merged.push((p, path_at.push("parameters").push(i)));
        }
        for (i, p) in op.parameters.iter().enumerate() {
            merged.push((p, at.push("parameters").push(i)));
        }
        let mut resolved: Vec<(&'a Parameter, Pointer, Option<String>)> = Vec::new();
        for (p, p_at) in merged {
            let (param, component) = match p {
                ReferenceOr::Item(param) => (param, None),
                ReferenceOr::Reference { reference } => {
                    match self.resolve_ref(reference, &p_at, "parameters", |c| &c.parameters) {
                        Some((param, ptr)) => (param, ptr.last().map(str::to_string)),
                        None => continue,
                    }
                }
            };
            let data = param.parameter_data_ref();
            let loc = location(param);
            resolved.retain(|(q, ..)| {
                !(q.parameter_data_ref().name == data.name && location(q) == loc)
            });
            resolved.push((param, p_at, component));
        }

        let mut scope = Scope::new();
        // Names the request builder uses itself: its client, its body, its methods.
        for own in ["client", "body", "send", "stream", "deadline", "extensions"] {
            scope.reserve(own);
        }
        let mut params = Vec::new();
        for (param, p_at, component) in resolved {
            let data = param.parameter_data_ref();
            let loc = location(param);
            let param_hint = match &component {
                Some(key) => Hint {
                    name: naming::type_ident(key, "Param"),
                    prop: Some(naming::field_ident(key, "param")),
                },
                None => hint.prop(&data.name),
            };
            let mut json_content = false;
            let ty = match &data.format {
                ParameterSchemaOrContent::Schema(s) => {
                    self.lower_ref_or(s, &p_at.push("schema"), Dir::Write, &param_hint)
                }
                ParameterSchemaOrContent::Content(content) => match pick_media(content) {
                    Some((media, m)) => {
                        json_content = ir::is_json(media);
                        let c_at = p_at.push("content").push(media);
                        match &m.schema {
                            Some(s) => {
                                self.lower_ref_or(s, &c_at.push("schema"), Dir::Write, &param_hint)
                            }
                            None if json_content => TypeRef::Json,
                            None => TypeRef::Prim(ir::Prim::String),
                        }
                    }
                    None => TypeRef::Prim(ir::Prim::String),
                },
            };
            let shape = self.param_shape(&ty);
            let mut style = if json_content {
                ParamStyle::Json
            } else {
                param_style(param)
            };
            // OpenAPI writes no array of objects (or of arrays) in a `form` query; the APIs that
            // take one read it as JSON text (`mdfilters=[{"scope":...}]`).
            let items = self.param_items(&ty).map(|items| self.param_shape(items));
            if loc == ParamLocation::Query
                && style == ParamStyle::Form
                && items.is_some_and(|items| items != ParamShape::Scalar)
            {
                self.warn(
                    &p_at.push("schema"),
                    "a query array of objects or arrays has no `form` serialization; it is sent as JSON text",
                );
                style = ParamStyle::Json;
            }
            if let ParameterSchemaOrContent::Content(content) = &data.format {
                if !json_content && shape != ParamShape::Scalar {
                    let media = content.keys().next().map_or("", String::as_str);
                    self.warn(
                        &p_at.push("content"),
                        format!("parameter content `{media}` is not JSON; the value is written in the default style of its location"),
                    );
                }
            }
            if let Some(example) = &data.example {
                self.record_example(p_at.push("example"), &ty, example);
            }
            if loc == ParamLocation::Path && !data.required {
                self.warn(
                    &p_at.push("required"),
                    "path parameters are always required; treated as required",
                );
            }
            params.push(Param {
                ident: scope.unique(&naming::field_ident(&data.name, "param")),
                wire: data.name.clone(),
                location: loc,
                ty,
                required: data.required || loc == ParamLocation::Path,
                style,
                explode: data.explode.unwrap_or(style == ParamStyle::Form),
                shape,
                writer: param_writer(loc, style, shape),
                deprecated: data.deprecated.unwrap_or(false),
                int_range: match &data.format {
                    ParameterSchemaOrContent::Schema(ReferenceOr::Item(s)) => int_range(s),
                    _ => (None, None),
                },
                docs: ir::Docs {
                    description: data.description.clone(),
                    example: data.example.clone(),
                    default: match &data.format {
                        ParameterSchemaOrContent::Schema(ReferenceOr::Item(s)) => {
                            s.schema_data.default.clone()
                        }
                        _ => None,
                    },
                    ..Default::default()
                },
                at: p_at,
            });
        }
        self.check_path_params(path, &params, &at);
        // Path parameters in template order first.
        let order: Vec<String> = template_names(path);
        params.sort_by_key(|p| match p.location {
            ParamLocation::Path => (
                0,
                order
                    .iter()
                    .position(|n| *n == p.wire)
                    .unwrap_or(usize::MAX),
            ),
            other => (other as usize + 1, 0),
        });

        let body = op
            .request_body
            .as_ref()
            .and_then(|b| self.lower_body(b, &at.push("requestBody"), &hint));
        let responses = self.lower_responses(op, &at, &hint);
        let scopes = match op.extensions.get("x-scopes").and_then(|v| v.as_array()) {
            Some(list) => list
                .iter()
                .filter_map(|v| v.as_str().map(str::to_string))
                .collect(),
            None => op
                .security
                .iter()
                .chain(self.spec.security.iter())
                .flatten()
                .flat_map(|req| req.values().flatten().cloned())
                .collect(),
        };
        ir::Operation {
            doc_alias: names::doc_alias(op.operation_id.as_deref(), &ident),
            ident,
            operation_id: op.operation_id.clone(),
            method,
            path: path.to_string(),
            at,
            summary: op.summary.clone(),
            description: op.description.clone(),
            tags: op.tags.clone(),
            deprecated: op.deprecated,
            scopes,
            params,
            body,
            responses,
            pagination: None,
            // Settled with every operation's (`name_client_types`).
            builder: String::new(),
            success: String::new(),
            // Settled with the parameters' names (`extras::name`).
            extra_header: String::new(),
            extra_query: String::new(),
            mock: ir::MockNames::default(),
            // Settled with every type's (`features::assign`).
            feature: None,
        }
    }

    fn check_path_params(&mut self, path: &str, params: &[Param], at: &Pointer) {
        let names = template_names(path);
        for name in &names {
            if !params
                .iter()
                .any(|p| p.location == ParamLocation::Path && p.wire == *name)
            {
                let elsewhere = params.iter().find(|p| p.wire == *name);
                let help = match elsewhere {
                    Some(p) => format!(
                        "`{name}` is declared at `{}` with `in: {}`; a path template needs `in: path`",
                        p.at,
                        location_name(p.location)
                    ),
                    None => format!(
                        "add `{{name: {name}, in: path, required: true, schema: {{type: string}}}}`"
                    ),
                };
                self.diags.push(
                    Diagnostic::error(
                        &at.push("parameters"),
                        format!("path parameter `{name}` of `{path}` is not declared"),
                    )
                    .with_help(help),
                );
            }
        }
        for p in params.iter().filter(|p| p.location == ParamLocation::Path) {
            if !names.contains(&p.wire) {
                self.error(
                    &p.at,
                    format!(
                        "path parameter `{}` does not appear in the path `{path}`",
                        p.wire
                    ),
                );
            }
        }
    }

    /// A parameter's type with its `Option`s and aliases taken off.
    fn param_end<'t>(&'t self, ty: &'t TypeRef) -> &'t TypeRef {
        let mut ty = ty;
        // Aliases of aliases end; the bound only guards against a malformed cycle.
        for _ in 0..64 {
            match ty {
                TypeRef::Option(inner) => ty = inner,
                TypeRef::Named(id) => match self.slots.get(id.0).and_then(|s| s.kind.as_ref()) {
                    Some(TypeKind::Alias(inner)) => ty = inner,
                    _ => break,
                },
                _ => break,
            }
        }
        ty
    }

    /// The items of an array parameter's type.
    fn param_items<'t>(&'t self, ty: &'t TypeRef) -> Option<&'t TypeRef> {
        match self.param_end(ty) {
            TypeRef::Vec(items) => Some(items),
            _ => None,
        }
    }

    /// Which row of the serialization table a parameter of type `ty` takes.
    fn param_shape(&self, ty: &TypeRef) -> ParamShape {
        match self.param_end(ty) {
            TypeRef::Vec(_) => ParamShape::Array,
            TypeRef::Map(_) | TypeRef::Json => ParamShape::Object,
            TypeRef::Named(id) => match self.slots.get(id.0).and_then(|s| s.kind.as_ref()) {
                Some(TypeKind::Struct(_) | TypeKind::Tagged { .. }) => ParamShape::Object,
                _ => ParamShape::Scalar,
            },
            _ => ParamShape::Scalar,
        }
    }
}

/// Name the types each operation declares in the `client` module, unique there beside
/// `Client`: its request builder (`type_ident` of the method name), its success enum (the
/// builder's name + `Success`) and its multipart struct.
fn name_client_types(ops: &mut [ir::Operation]) {
    let mut scope = Scope::new();
    scope.reserve("Client");
    for op in ops.iter_mut() {
        op.builder = scope.unique(&naming::type_ident(&op.ident, "Request"));
    }
    for op in ops.iter_mut() {
        op.success = scope.unique(&format!("{}Success", op.builder));
    }
    for op in ops.iter_mut() {
        if let Some(BodyKind::Multipart(m)) = op.body.as_mut().map(|b| &mut b.kind) {
            m.name = scope.unique(&m.name);
        }
    }
}

/// The runtime call for a parameter: the short ones for a scalar in its location's plain style
/// (any query style writes a scalar as `name=value`) and for `form` arrays, the serde-driven
/// one for everything else.
fn param_writer(loc: ParamLocation, style: ParamStyle, shape: ParamShape) -> ParamWriter {
    match (loc, style, shape) {
        (_, ParamStyle::Json, _) | (_, _, ParamShape::Object) => ParamWriter::Styled,
        (ParamLocation::Path | ParamLocation::Header, ParamStyle::Simple, ParamShape::Scalar) => {
            ParamWriter::Text
        }
        (ParamLocation::Query, _, ParamShape::Scalar) => ParamWriter::Text,
        (ParamLocation::Query, ParamStyle::Form, ParamShape::Array) => ParamWriter::Items,
        _ => ParamWriter::Styled,
    }
}

/// The spec's `style` of a parameter (each location has its default).
fn param_style(param: &Parameter) -> ParamStyle {
    match param {
        Parameter::Path { style, .. } => match style {
            openapiv3::PathStyle::Simple => ParamStyle::Simple,
            openapiv3::PathStyle::Label => ParamStyle::Label,
            openapiv3::PathStyle::Matrix => ParamStyle::Matrix,
        },
        Parameter::Query { style, .. } => match style {
            QueryStyle::Form => ParamStyle::Form,
            QueryStyle::SpaceDelimited => ParamStyle::SpaceDelimited,
            QueryStyle::PipeDelimited => ParamStyle::PipeDelimited,
            QueryStyle::DeepObject => ParamStyle::DeepObject,
        },
        Parameter::Header { .. } => ParamStyle::Simple,
        Parameter::Cookie { .. } => ParamStyle::Form,
    }
}

/// A media type without parameters, lower case: `text/plain; charset=utf-8` is `text/plain`.
fn essence(media_type: &str) -> String {
    media_type
        .split(';')
        .next()
        .unwrap_or("")
        .trim()
        .to_ascii_lowercase()
}

/// `schema: {}`: any value, which types nothing.
fn is_untyped(schema: &Schema) -> bool {
    matches!(&schema.schema_kind, SchemaKind::Any(any) if *any == openapiv3::AnySchema::default())
}

/// What a string schema holds.
enum StringKind {
    /// `format: binary`: raw bytes.
    Binary,
    Text,
}

/// `Some` for a `type: string` schema.
fn string_kind(schema: &Schema) -> Option<StringKind> {
    match &schema.schema_kind {
        SchemaKind::Type(openapiv3::Type::String(s)) => Some(match &s.format {
            openapiv3::VariantOrUnknownOrEmpty::Item(openapiv3::StringFormat::Binary) => {
                StringKind::Binary
            }
            _ => StringKind::Text,
        }),
        _ => None,
    }
}

fn location(param: &Parameter) -> ParamLocation {
    match param {
        Parameter::Path { .. } => ParamLocation::Path,
        Parameter::Query { .. } => ParamLocation::Query,
        Parameter::Header { .. } => ParamLocation::Header,
        Parameter::Cookie { .. } => ParamLocation::Cookie,
    }
}

/// The `in:` keyword of a location.
fn location_name(loc: ParamLocation) -> &'static str {
    match loc {
        ParamLocation::Path => "path",
        ParamLocation::Query => "query",
        ParamLocation::Header => "header",
        ParamLocation::Cookie => "cookie",
    }
}

/// The `{name}`s of a path template, in order.
/// The inclusive bounds of an integer schema (exclusive ones moved inward by one).
fn int_range(schema: &openapiv3::Schema) -> (Option<i64>, Option<i64>) {
    match &schema.schema_kind {
        openapiv3::SchemaKind::Type(openapiv3::Type::Integer(t)) => (
            t.minimum.map(|m| {
                if t.exclusive_minimum {
                    m.saturating_add(1)
                } else {
                    m
                }
            }),
            t.maximum.map(|m| {
                if t.exclusive_maximum {
                    m.saturating_sub(1)
                } else {
                    m
                }
            }),
        ),
        _ => (None, None),
    }
}

fn template_names(path: &str) -> Vec<String> {
    path.split('{')
        .skip(1)
        .filter_map(|rest| rest.split_once('}').map(|(name, _)| name.to_string()))
        .collect()
}
