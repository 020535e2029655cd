//! Pagination: which list operations page with `limit` + `starting_after`, and by which field.

use crate::diag::{Diagnostic, Diagnostics};
use crate::ir::{Api, Operation, Pagination, ParamLocation, Prim, TypeKind, TypeRef};
use crate::Options;

/// Marks every list operation that pages by cursor; warns where no cursor field is found.
pub(crate) fn detect(api: &mut Api, options: &Options, diags: &mut Diagnostics) {
    for i in 0..api.operations.len() {
        let pagination = pagination(api, &api.operations[i], options, diags);
        api.operations[i].pagination = pagination;
    }
}

fn pagination(
    api: &Api,
    op: &Operation,
    options: &Options,
    diags: &mut Diagnostics,
) -> Option<Pagination> {
    let query = |wire: &str| {
        op.params
            .iter()
            .find(|p| p.location == ParamLocation::Query && p.wire == wire && !p.required)
    };
    let limit = query("limit").filter(|p| matches!(p.ty, TypeRef::Prim(Prim::I32 | Prim::I64)))?;
    let cursor = query("starting_after").filter(|p| p.ty == TypeRef::Prim(Prim::String))?;
    let page = op.responses.iter().find(|r| r.status.is_success())?;
    // Every success status must answer with the same page type.
    let same_page = op
        .responses
        .iter()
        .filter(|r| r.status.is_success())
        .all(|r| r.ty == page.ty && r.media_type == page.media_type);
    if !same_page {
        return None;
    }
    let TypeRef::Vec(item) = page.ty.as_ref()? else {
        return None;
    };
    let TypeRef::Named(item) = **item else {
        return None;
    };
    let TypeKind::Struct(s) = &api.type_def(item).kind else {
        return None;
    };
    // A cursor is any scalar field the server can be handed back as a query value.
    let usable = |wire: &str| {
        s.fields.iter().find(|f| {
            f.wire == wire
                && !f.nullable
                && match &f.ty {
                    TypeRef::Prim(p) => *p != Prim::F64,
                    TypeRef::Named(id) => matches!(
                        api.type_def(*id).kind,
                        TypeKind::Newtype(_) | TypeKind::Enum(_)
                    ),
                    _ => false,
                }
        })
    };
    let configured = op
        .operation_id
        .as_ref()
        .and_then(|id| options.pagination_cursors.get(id));
    let field = match configured {
        Some(wire) => match usable(wire) {
            Some(field) => field,
            None => {
                diags.push(Diagnostic::error(
                    &op.at,
                    format!(
                        "the pagination cursor `{wire}` configured for this operation is not a \
                         scalar, non-nullable property of `{}`",
                        api.type_def(item).name
                    ),
                ));
                return None;
            }
        },
        None => {
            let segments = op
                .path
                .split('/')
                .rev()
                .filter(|s| !s.is_empty() && !s.starts_with('{'));
            let found = segments
                .map(|s| format!("{}_id", s.strip_suffix('s').unwrap_or(s)))
                .chain(["id".to_string()])
                .find_map(|wire| usable(&wire));
            match found {
                Some(field) => field,
                None => {
                    diags.push(Diagnostic::warning(
                        &op.at,
                        format!(
                            "list operation with `limit` and `starting_after` but no cursor field \
                             found on `{}`: no page stream is generated",
                            api.type_def(item).name
                        ),
                    ).with_help(format!(
                        "name the item field: `--cursor {op}=FIELD` (CLI), `pagination = {{ \"{op}\" = \"FIELD\" }}` \
                         (generate!) or `Options::pagination_cursors`",
                        op = op.operation_id.as_deref().unwrap_or(&op.ident)
                    )));
                    return None;
                }
            }
        }
    };
    Some(Pagination {
        limit_param: limit.ident.clone(),
        cursor_param: cursor.ident.clone(),
        item,
        cursor_field: field.ident.clone(),
        cursor_required: field.required,
        default_limit: limit.docs.default.as_ref().and_then(|v| v.as_i64()),
    })
}
