//! Responses by status: their media, body types and headers.

use super::{essence, is_untyped, pick_media, string_kind};
use crate::diag::Pointer;
use crate::ir::{self, Status, TypeRef};
use crate::lower::{Dir, Hint, Lowerer};
use crate::naming::{self, Scope};
use openapiv3::{Operation, ParameterSchemaOrContent, ReferenceOr, Schema};

impl<'a> Lowerer<'a> {
    /// A non-JSON response is a `String` (`text/*`) or bytes: warn where that drops a type.
    fn check_response_media(&mut self, media: &str, schema: &'a ReferenceOr<Schema>, at: &Pointer) {
        let essence = essence(media);
        let Some((schema, _)) = self.target(schema, at) else {
            return;
        };
        let kind = string_kind(schema);
        let message = if is_untyped(schema)
            || ir::is_event_stream(media)
            || kind.is_some()
            || ir::is_binary_media(&essence)
        {
            return;
        } else if essence.starts_with("text/") {
            format!("a `{media}` response whose schema is not a string is returned as a `String`")
        } else {
            format!("`{media}` responses are not typed yet; this one is raw bytes (`Vec<u8>`)")
        };
        self.warn(at, message);
    }

    pub(super) fn lower_responses(
        &mut self,
        op: &'a Operation,
        at: &Pointer,
        hint: &Hint,
    ) -> Vec<ir::Response> {
        let mut out = Vec::new();
        let successes = op
            .responses
            .responses
            .keys()
            .filter(|s| status(s).is_success())
            .count();
        let entries = op
            .responses
            .responses
            .iter()
            .map(|(code, r)| (status(code), code.to_string(), r))
            .chain(
                op.responses
                    .default
                    .iter()
                    .map(|r| (Status::Default, "default".to_string(), r)),
            );
        for (status, key, response) in entries {
            let r_at = at.push("responses").push(&key);
            let suffix = if status.is_success() && successes == 1 {
                "Response".to_string()
            } else {
                format!("Response{}", naming::type_ident(&key, ""))
            };
            let (response, r_at, r_hint) = match response {
                ReferenceOr::Item(r) => (r, r_at, hint.suffix(&suffix)),
                ReferenceOr::Reference { reference } => {
                    let Some((r, ptr)) =
                        self.resolve_ref(reference, &r_at, "responses", |c| &c.responses)
                    else {
                        continue;
                    };
                    let name = naming::type_ident(ptr.last().unwrap_or("Response"), "Response");
                    (r, ptr, Hint::new(name))
                }
            };
            let picked = pick_media(&response.content);
            let ty = picked.and_then(|(media, content)| {
                let c_at = r_at.push("content").push(media);
                let ty = content
                    .schema
                    .as_ref()
                    .map(|s| self.lower_ref_or(s, &c_at.push("schema"), Dir::Read, &r_hint));
                if let (Some(ty), Some(example)) = (&ty, &content.example) {
                    self.record_example(c_at.push("example"), ty, example);
                }
                if let Some(s) = content.schema.as_ref().filter(|_| !ir::is_json(media)) {
                    self.check_response_media(media, s, &c_at.push("schema"));
                }
                ty
            });
            let mut headers = Vec::new();
            let mut scope = Scope::new();
            for (name, header) in &response.headers {
                let h_at = r_at.push("headers").push(name);
                let header = match header {
                    ReferenceOr::Item(h) => h,
                    ReferenceOr::Reference { reference } => {
                        match self.resolve_ref(reference, &h_at, "headers", |c| &c.headers) {
                            Some((h, _)) => h,
                            None => continue,
                        }
                    }
                };
                let ty = match &header.format {
                    ParameterSchemaOrContent::Schema(s) => {
                        self.lower_ref_or(s, &h_at.push("schema"), Dir::Read, &r_hint.prop(name))
                    }
                    ParameterSchemaOrContent::Content(_) => TypeRef::Prim(ir::Prim::String),
                };
                headers.push(ir::ResponseHeader {
                    wire: name.clone(),
                    ident: scope.unique(&naming::field_ident(name, "header")),
                    ty,
                    description: header.description.clone(),
                });
            }
            out.push(ir::Response {
                status,
                description: response.description.clone(),
                media_type: picked.map(|(m, _)| m.clone()),
                ty,
                headers,
            });
        }
        out.sort_by_key(|r| r.status);
        out
    }
}

pub(super) fn status(code: &openapiv3::StatusCode) -> Status {
    match code {
        openapiv3::StatusCode::Code(c) => Status::Code(*c),
        openapiv3::StatusCode::Range(r) => Status::Range(*r),
    }
}
