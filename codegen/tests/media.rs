//! Lowering of parameter styles and request bodies by media type, checked on the IR: every
//! decision (style, explode, shape, body kind, names) is made before emitting.

use codegen::diag::{Diagnostic, Severity};
use codegen::ir::{
    Api, BodyKind, Operation, ParamShape, ParamStyle, ParamWriter, PartKind, PropEncoding, TypeRef,
};

fn lower(paths: &str, schemas: &str) -> (Api, Vec<Diagnostic>) {
    let text = format!(
        "openapi: 3.0.3\ninfo: {{title: t, version: '1'}}\npaths: {paths}\ncomponents:\n  schemas: {schemas}\n"
    );
    let doc =
        codegen::load::load_text(&text, None).unwrap_or_else(|d| panic!("does not load: {d:#?}"));
    let (api, diags) = codegen::lower::lower(&doc, &Default::default()).best_effort();
    assert!(
        diags.iter().all(|d| d.severity != Severity::Error),
        "{diags:#?}"
    );
    (api, diags)
}

fn op<'a>(api: &'a Api, ident: &str) -> &'a Operation {
    api.operations
        .iter()
        .find(|o| o.ident == ident)
        .unwrap_or_else(|| panic!("no operation {ident}"))
}

const SCHEMAS: &str = "{Obj: {type: object, properties: {a: {type: string}}}, \
    Ids: {type: array, items: {type: integer}}}";

#[test]
fn parameters_carry_style_explode_and_shape() {
    let paths = "{'/x/{p}': {get: {operationId: get_x, parameters: [
        {name: p, in: path, required: true, schema: {type: string}},
        {name: q, in: query, schema: {type: array, items: {type: string}}},
        {name: o, in: query, style: deepObject, explode: true, schema: {$ref: '#/components/schemas/Obj'}},
        {name: f, in: query, explode: false, schema: {$ref: '#/components/schemas/Obj'}},
        {name: ids, in: query, style: pipeDelimited, schema: {$ref: '#/components/schemas/Ids'}},
        {name: j, in: query, content: {application/json: {schema: {$ref: '#/components/schemas/Obj'}}}},
        {name: H, in: header, schema: {type: array, items: {type: string}}},
        {name: c, in: cookie, schema: {$ref: '#/components/schemas/Obj'}}
    ], responses: {'204': {description: ok}}}}}";
    let (api, diags) = lower(paths, SCHEMAS);
    assert!(diags.is_empty(), "{diags:#?}");
    let got: Vec<(&str, ParamStyle, bool, ParamShape)> = op(&api, "get_x")
        .params
        .iter()
        .map(|p| (p.wire.as_str(), p.style, p.explode, p.shape))
        .collect();
    use ParamShape::{Array, Object, Scalar};
    use ParamStyle::*;
    assert_eq!(
        got,
        [
            ("p", Simple, false, Scalar),
            ("q", Form, true, Array),
            ("o", DeepObject, true, Object),
            ("f", Form, false, Object),
            // An alias of an array is an array.
            ("ids", PipeDelimited, false, Array),
            ("j", Json, false, Object),
            ("H", Simple, false, Array),
            ("c", Form, true, Object),
        ]
    );
    // Scalars in their plain style and `form` arrays take the short runtime calls.
    let writers: Vec<ParamWriter> = op(&api, "get_x").params.iter().map(|p| p.writer).collect();
    use ParamWriter::{Items, Styled, Text};
    assert_eq!(
        writers,
        [Text, Items, Styled, Styled, Styled, Styled, Styled, Styled]
    );
}

#[test]
fn bodies_are_typed_by_media_type() {
    let paths = "{
      /json_over_form: {post: {operationId: json_over_form, requestBody: {content: {
        application/x-www-form-urlencoded: {schema: {$ref: '#/components/schemas/Obj'}},
        application/json: {schema: {$ref: '#/components/schemas/Obj'}}}},
        responses: {'204': {description: ok}}}},
      /form: {post: {operationId: form, requestBody: {content: {
        application/x-www-form-urlencoded: {schema: {$ref: '#/components/schemas/Obj'},
          encoding: {a: {style: form}, b: {style: deepObject, explode: true}, c: {contentType: application/json}}}}},
        responses: {'204': {description: ok}}}},
      /csv: {post: {operationId: csv, requestBody: {content: {
        text/csv: {schema: {type: array, items: {type: string}}}}},
        responses: {'204': {description: ok}}}},
      /png: {post: {operationId: png, requestBody: {content: {
        image/png: {schema: {type: string}}}},
        responses: {'204': {description: ok}}}},
      /any: {post: {operationId: any_json, requestBody: {content: {application/json: {}}},
        responses: {'204': {description: ok}}}}
    }";
    let (api, diags) = lower(paths, SCHEMAS);
    let kind = |ident| &op(&api, ident).body.as_ref().unwrap().kind;
    assert!(matches!(
        kind("json_over_form"),
        BodyKind::Json(TypeRef::Named(_))
    ));
    // Only what differs from the default (`form`, `explode: true`) is listed.
    match kind("form") {
        BodyKind::Form {
            ty: TypeRef::Named(_),
            encoding,
        } => assert_eq!(
            encoding,
            &[
                PropEncoding {
                    wire: "b".into(),
                    style: ParamStyle::DeepObject,
                    explode: true
                },
                PropEncoding {
                    wire: "c".into(),
                    style: ParamStyle::Json,
                    explode: false
                },
            ]
        ),
        other => panic!("{other:?}"),
    }
    assert_eq!(kind("csv"), &BodyKind::Text);
    assert_eq!(kind("png"), &BodyKind::Bytes);
    assert_eq!(kind("any_json"), &BodyKind::Json(TypeRef::Json));
    let warnings: Vec<String> = diags.iter().map(|d| d.to_string()).collect();
    assert_eq!(warnings.len(), 1, "{warnings:#?}");
    assert!(
        warnings[0].contains("/paths/~1csv/post/requestBody/content/text~1csv/schema")
            && warnings[0].contains("is sent as a `String`"),
        "{warnings:#?}"
    );
}

#[test]
fn multipart_bodies_are_structs_named_clear_of_request_builders() {
    let multipart = "{content: {multipart/form-data: {schema: {type: object, required: [file],
        properties: {file: {type: string, format: binary}, pics: {type: array, items: {type: string, format: binary}},
          meta: {$ref: '#/components/schemas/Obj'}, tags: {type: array, items: {type: string}},
          raw: {type: string}}},
        encoding: {raw: {contentType: application/pdf}}}}}";
    let paths = format!(
        "{{/a: {{post: {{operationId: upload, requestBody: {multipart}, responses: {{'204': {{description: ok}}}}}}}},
          /b: {{post: {{operationId: upload_multipart, responses: {{'204': {{description: ok}}}}}}}}}}"
    );
    let (api, diags) = lower(&paths, SCHEMAS);
    assert!(diags.is_empty(), "{diags:#?}");
    let BodyKind::Multipart(m) = &op(&api, "upload").body.as_ref().unwrap().kind else {
        panic!("not multipart");
    };
    // `UploadMultipart` is the request builder of `upload_multipart`.
    assert_eq!(m.name, "UploadMultipart2");
    let fields: Vec<(&str, bool, &PartKind)> = m
        .fields
        .iter()
        .map(|f| (f.wire.as_str(), f.required, &f.kind))
        .collect();
    let file = |many, content_type: &str| PartKind::File {
        many,
        content_type: content_type.into(),
    };
    assert_eq!(
        fields[0],
        ("file", true, &file(false, "application/octet-stream"))
    );
    assert_eq!(
        fields[1],
        ("pics", false, &file(true, "application/octet-stream"))
    );
    assert!(matches!(
        fields[2],
        ("meta", false, PartKind::Value { content_type, each: false, .. }) if content_type == "application/json"
    ));
    assert!(matches!(
        fields[3],
        ("tags", false, PartKind::Value { content_type, each: true, .. }) if content_type == "text/plain"
    ));
    // A string the encoding map gives a binary media type is a file.
    assert_eq!(fields[4], ("raw", false, &file(false, "application/pdf")));
}
