//! Request bodies by media type: JSON, form, multipart (a struct of its own), text and bytes.

use super::{essence, is_untyped, pick_media, string_kind, StringKind};
use crate::diag::Pointer;
use crate::ir::{self, BodyKind, ParamShape, ParamStyle, PartKind, TypeRef};
use crate::lower::{Dir, Hint, Lowerer};
use crate::naming::{self, Scope};
use openapiv3::{MediaType, QueryStyle, ReferenceOr, Schema, SchemaKind};

impl<'a> Lowerer<'a> {
    pub(super) fn lower_body(
        &mut self,
        body: &'a ReferenceOr<openapiv3::RequestBody>,
        at: &Pointer,
        hint: &Hint,
    ) -> Option<ir::Body> {
        // The multipart struct's name before `name_client_types` makes it unique.
        let multipart_name = hint.suffix("Multipart").name;
        let (body, at, hint) = match body {
            ReferenceOr::Item(b) => (b, at.clone(), hint.suffix("Body")),
            ReferenceOr::Reference { reference } => {
                let (b, ptr) =
                    self.resolve_ref(reference, at, "requestBodies", |c| &c.request_bodies)?;
                let name = naming::type_ident(ptr.last().unwrap_or("Body"), "Body");
                (b, ptr, Hint::new(name))
            }
        };
        let (media, content) = pick_media(&body.content)?;
        let at = at.push("content").push(media);
        let s_at = at.push("schema");
        let essence = essence(media);
        let kind = match &content.schema {
            Some(s) if ir::is_json(media) => {
                BodyKind::Json(self.lower_ref_or(s, &s_at, Dir::Write, &hint))
            }
            None if ir::is_json(media) => BodyKind::Json(TypeRef::Json),
            None if essence.starts_with("text/") => BodyKind::Text,
            None => BodyKind::Bytes,
            Some(s) if essence == "application/x-www-form-urlencoded" => {
                self.form_body(s, content, &at, &hint)
            }
            Some(s) if essence == "multipart/form-data" => {
                self.multipart_body(s, content, &at, &hint, multipart_name)
            }
            Some(s) => {
                let schema = self.target(s, &s_at).map(|(s, _)| s);
                match schema.map(string_kind) {
                    _ if ir::is_binary_media(&essence) => BodyKind::Bytes,
                    // `schema: {}` types nothing.
                    _ if schema.is_some_and(is_untyped) => {
                        if essence.starts_with("text/") {
                            BodyKind::Text
                        } else {
                            BodyKind::Bytes
                        }
                    }
                    Some(Some(StringKind::Binary)) => BodyKind::Bytes,
                    Some(Some(StringKind::Text)) => BodyKind::Text,
                    _ if essence.starts_with("text/") => {
                        self.warn(
                            &s_at,
                            format!("a `{media}` body whose schema is not a string is sent as a `String`"),
                        );
                        BodyKind::Text
                    }
                    _ => {
                        self.warn(
                            &s_at,
                            format!("`{media}` request bodies are not typed yet; this one is raw bytes (`Vec<u8>`)"),
                        );
                        BodyKind::Bytes
                    }
                }
            }
        };
        if let (Some(ty), Some(example)) = (
            match &kind {
                BodyKind::Json(ty) | BodyKind::Form { ty, .. } => Some(ty.clone()),
                _ => None,
            },
            &content.example,
        ) {
            self.record_example(at.push("example"), &ty, example);
        }
        Some(ir::Body {
            media_type: media.clone(),
            kind,
            required: body.required,
            description: body.description.clone(),
        })
    }

    /// `application/x-www-form-urlencoded`: the schema's type, properties encoded per the
    /// media type's `encoding` map.
    fn form_body(
        &mut self,
        schema: &'a ReferenceOr<Schema>,
        content: &'a MediaType,
        at: &Pointer,
        hint: &Hint,
    ) -> BodyKind {
        let s_at = at.push("schema");
        let ty = self.lower_ref_or(schema, &s_at, Dir::Write, hint);
        if self.param_shape(&ty) != ParamShape::Object {
            self.warn(
                &s_at,
                "a form body whose schema is not an object is not typed; it is raw bytes (`Vec<u8>`)",
            );
            return BodyKind::Bytes;
        }
        let mut encoding = Vec::new();
        for (wire, enc) in &content.encoding {
            let json = enc.content_type.as_deref().is_some_and(ir::is_json);
            let style = match (json, &enc.style) {
                (true, _) => ParamStyle::Json,
                (false, None | Some(QueryStyle::Form)) => ParamStyle::Form,
                (false, Some(QueryStyle::SpaceDelimited)) => ParamStyle::SpaceDelimited,
                (false, Some(QueryStyle::PipeDelimited)) => ParamStyle::PipeDelimited,
                (false, Some(QueryStyle::DeepObject)) => ParamStyle::DeepObject,
            };
            // `openapiv3` reads a missing `explode` as `false`; for `form`, whose default is
            // `true`, a missing one is far more common than an explicit `false`.
            let explode = enc.explode || style == ParamStyle::Form;
            if (style, explode) != (ParamStyle::Form, true) {
                encoding.push(ir::PropEncoding {
                    wire: wire.clone(),
                    style,
                    explode,
                });
            }
        }
        BodyKind::Form { ty, encoding }
    }

    /// `multipart/form-data`: a struct of text fields and file parts (`format: binary`).
    fn multipart_body(
        &mut self,
        schema: &'a ReferenceOr<Schema>,
        content: &'a MediaType,
        at: &Pointer,
        hint: &Hint,
        name: String,
    ) -> BodyKind {
        let Some((schema, s_at)) = self.target(schema, &at.push("schema")) else {
            return BodyKind::Bytes;
        };
        let (properties, required, additional) = match &schema.schema_kind {
            SchemaKind::Type(openapiv3::Type::Object(o)) => (
                &o.properties,
                &o.required,
                o.additional_properties.is_some(),
            ),
            SchemaKind::Any(any) if !any.properties.is_empty() => (
                &any.properties,
                &any.required,
                any.additional_properties.is_some(),
            ),
            _ => {
                self.warn(
                    &s_at,
                    "a multipart body whose schema is not an object with `properties` is not typed; it is raw bytes (`Vec<u8>`)",
                );
                return BodyKind::Bytes;
            }
        };
        if additional {
            self.warn(
                &s_at.push("additionalProperties"),
                "additional properties of a multipart body are not typed; only the declared properties are sent",
            );
        }
        let mut scope = Scope::new();
        let mut fields = Vec::new();
        for (wire, prop) in properties {
            let p_at = s_at.push("properties").push(wire);
            let Some((resolved, _)) = self.target(prop, &p_at) else {
                continue;
            };
            if resolved.schema_data.read_only {
                continue;
            }
            let declared = content
                .encoding
                .get(wire)
                .and_then(|e| e.content_type.clone());
            // Of a list of media types (`image/png, image/jpeg`), the first concrete one is the
            // default (the user's `FilePart::content_type` picks another); a range names none.
            let declared_one = declared.as_deref().and_then(|c| {
                c.split(',')
                    .map(str::trim)
                    .find(|m| !m.is_empty() && !m.contains('*'))
                    .map(str::to_string)
            });
            let (items, many) = match &resolved.schema_kind {
                SchemaKind::Type(openapiv3::Type::Array(array)) => {
                    match array
                        .items
                        .as_ref()
                        .and_then(|i| self.target(i, &p_at.push("items")).map(|(s, _)| s))
                    {
                        Some(items) => (items, true),
                        None => (resolved, false),
                    }
                }
                _ => (resolved, false),
            };
            let declared_binary = declared
                .as_deref()
                .is_some_and(|c| !ir::is_json(c) && !essence(c).starts_with("text/"));
            let file = match string_kind(items) {
                Some(StringKind::Binary) => true,
                Some(StringKind::Text) => declared_binary,
                None => false,
            };
            let kind = if file {
                PartKind::File {
                    many,
                    content_type: declared_one
                        .unwrap_or_else(|| "application/octet-stream".to_string()),
                }
            } else {
                let ty = self.lower_ref_or(prop, &p_at, Dir::Write, &hint.prop(wire));
                let object = matches!(self.param_shape(&ty), ParamShape::Object)
                    || (many
                        && matches!(
                            items.schema_kind,
                            SchemaKind::Type(openapiv3::Type::Object(_))
                                | SchemaKind::AllOf { .. }
                                | SchemaKind::OneOf { .. }
                                | SchemaKind::AnyOf { .. }
                        ));
                let default = if object {
                    "application/json"
                } else {
                    "text/plain"
                };
                // An array is one part per item unless the spec says the whole is JSON.
                let each = many && !declared.as_deref().is_some_and(ir::is_json);
                PartKind::Value {
                    ty,
                    content_type: declared_one.unwrap_or_else(|| default.to_string()),
                    each,
                }
            };
            fields.push(ir::MultipartField {
                ident: scope.unique(&naming::field_ident(wire, "field")),
                wire: wire.clone(),
                required: required.contains(wire),
                kind,
                description: resolved.schema_data.description.clone(),
            });
        }
        BodyKind::Multipart(ir::MultipartBody { name, fields })
    }
}
