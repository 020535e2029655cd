//! How much of an API the generated code types: operations, request bodies by kind, untyped JSON.

use crate::ir::{self, Api, TypeKind, TypeRef};

/// Counts over one [`Api`], for `cargo xtask corpus`'s fidelity table.
///
/// A request body is exactly one of typed, raw binary or raw typed: what lowering made of it
/// (its [`ir::BodyKind`]), split by whether bytes are what the spec means.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Fidelity {
    pub operations: usize,
    /// Request bodies sent as a generated type: JSON, form, multipart or text.
    pub typed_bodies: usize,
    /// Request bodies that are bytes in the spec too: no schema, or a binary media type
    /// (`application/octet-stream`, `image/*`, `*/*`, ...).
    pub raw_bodies: usize,
    /// Request bodies the client takes as `Vec<u8>` under a media type that is not binary
    /// (e.g. `application/xml` with an object schema, which lowering warns about): typing lost.
    pub raw_typed_bodies: usize,
    /// Struct fields, union variants, aliases, parameters, JSON request and response bodies
    /// (a JSON response without a schema included) and response headers whose type is
    /// `serde_json::Value` (`TypeRef::Json`), alone or inside a `Vec`, map or `Option` (a
    /// free-form `additionalProperties: true` map counts).
    pub untyped_json: usize,
}

/// The counts for `api`.
pub fn fidelity(api: &Api) -> Fidelity {
    let mut f = Fidelity {
        operations: api.operations.len(),
        ..Fidelity::default()
    };
    let mut json = |ty: &TypeRef| f.untyped_json += usize::from(has_json(ty));
    for def in &api.types {
        match &def.kind {
            TypeKind::Struct(s) => s.fields.iter().for_each(|field| json(&field.ty)),
            TypeKind::Tagged { variants, .. } | TypeKind::Untagged { variants } => {
                variants.iter().for_each(|v| json(&v.ty))
            }
            TypeKind::Alias(ty) => json(ty),
            TypeKind::Enum(_) | TypeKind::Newtype(_) => {}
        }
    }
    for op in &api.operations {
        op.params.iter().for_each(|p| json(&p.ty));
        for r in &op.responses {
            // A JSON response without a schema is decoded as `serde_json::Value` too; a
            // schema under another media type is text or bytes, not JSON.
            match (&r.ty, r.media_type.as_deref()) {
                (Some(ty), Some(m)) if ir::is_json(m) => json(ty),
                (None, Some(m)) if ir::is_json(m) => json(&TypeRef::Json),
                _ => {}
            }
            r.headers.iter().for_each(|h| json(&h.ty));
        }
        if let Some(ir::Body {
            kind: ir::BodyKind::Json(ty),
            ..
        }) = &op.body
        {
            json(ty);
        }
    }
    for body in api.operations.iter().filter_map(|op| op.body.as_ref()) {
        match &body.kind {
            ir::BodyKind::Bytes if ir::is_binary_media(&body.media_type) => f.raw_bodies += 1,
            // Bytes under a media type that is not binary: lowering warned that it could not
            // type the schema (or there is none).
            ir::BodyKind::Bytes => f.raw_typed_bodies += 1,
            ir::BodyKind::Json(_)
            | ir::BodyKind::Form { .. }
            | ir::BodyKind::Multipart(_)
            | ir::BodyKind::Text => f.typed_bodies += 1,
        }
    }
    f
}

/// Whether `ty` is or holds `serde_json::Value` (named types are counted where declared).
fn has_json(ty: &TypeRef) -> bool {
    matches!(ty.innermost(), TypeRef::Json)
}
