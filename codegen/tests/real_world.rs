//! What real descriptions are made of, checked on the IR and the diagnostics: OpenAPI 3.1
//! schemas, documents split over several files, `$ref`s to any place, `allOf` of non-objects,
//! names and values that used to stop generation, server variables, out-of-range bounds.

use codegen::diag::{Diagnostic, Severity};
use codegen::ir::{Api, Field, Prim, TypeKind, TypeRef};
use codegen::load::{self, Files};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// Files served from memory, keyed by path.
struct Memory(BTreeMap<PathBuf, String>);

impl Files for Memory {
    fn read(&self, path: &Path) -> std::io::Result<String> {
        self.0
            .get(path)
            .cloned()
            .ok_or_else(|| std::io::Error::new(std::io::ErrorKind::NotFound, "no such file"))
    }
}

fn files(entries: &[(&str, &str)]) -> Memory {
    Memory(
        entries
            .iter()
            .map(|(p, t)| (PathBuf::from(p), t.to_string()))
            .collect(),
    )
}

/// Load `api/spec.yaml` from `fs` and lower it; every diagnostic, relocated.
fn load_fs(fs: &Memory) -> Result<(Api, Vec<Diagnostic>), Vec<Diagnostic>> {
    let doc = load::load_file(Path::new("api/spec.yaml"), fs)?;
    Ok(codegen::lower::lower(&doc, &Default::default()).best_effort())
}

fn lower_text(text: &str) -> (Api, Vec<Diagnostic>) {
    let doc = load::load_text(text, None).unwrap_or_else(|d| panic!("does not load: {d:#?}"));
    let (api, all) = codegen::lower::lower(&doc, &Default::default()).best_effort();
    assert!(
        all.iter().all(|d| d.severity != Severity::Error),
        "errors: {all:#?}"
    );
    (api, all)
}

fn type_named<'a>(api: &'a Api, name: &str) -> &'a codegen::ir::TypeDef {
    api.types
        .iter()
        .find(|t| t.name == name)
        .unwrap_or_else(|| {
            let names: Vec<&str> = api.types.iter().map(|t| t.name.as_str()).collect();
            panic!("no type `{name}` in {names:?}")
        })
}

fn field<'a>(api: &'a Api, ty: &str, wire: &str) -> &'a Field {
    match &type_named(api, ty).kind {
        TypeKind::Struct(s) => s
            .fields
            .iter()
            .find(|f| f.wire == wire)
            .unwrap_or_else(|| panic!("`{ty}` has no field `{wire}`")),
        other => panic!("`{ty}` is not a struct: {other:?}"),
    }
}

fn spec31(schemas: &str) -> String {
    format!("openapi: 3.1.0\ninfo: {{title: t, version: '1'}}\ncomponents:\n  schemas: {schemas}\n")
}

// ---------------------------------------------------------------------------------------------
// OpenAPI 3.1

#[test]
fn type_lists_with_null_and_null_members_are_nullable() {
    let (api, _) = lower_text(&spec31(
        "{P: {type: object, properties: {a: {type: [string, 'null']}, b: {anyOf: [{$ref: '#/components/schemas/E'}, {type: 'null'}], description: bee}, c: {oneOf: [{type: integer}, {type: 'null'}]}}}, E: {type: string, enum: [x, y]}}",
    ));
    let a = field(&api, "P", "a");
    assert!(a.nullable && a.ty == TypeRef::Prim(Prim::String), "{a:?}");
    let b = field(&api, "P", "b");
    assert!(b.nullable, "{b:?}");
    assert_eq!(
        b.ty,
        TypeRef::Named(
            api.types
                .iter()
                .position(|t| t.name == "E")
                .map(codegen::ir::TypeId)
                .unwrap()
        )
    );
    assert_eq!(b.docs.description.as_deref(), Some("bee"));
    let c = field(&api, "P", "c");
    assert!(c.nullable && c.ty == TypeRef::Prim(Prim::I64), "{c:?}");
}

#[test]
fn other_type_lists_are_untagged_unions() {
    let (api, _) = lower_text(&spec31("{V: {type: [string, integer]}}"));
    match &type_named(&api, "V").kind {
        TypeKind::Untagged { variants } => {
            let tys: Vec<&TypeRef> = variants.iter().map(|v| &v.ty).collect();
            assert_eq!(
                tys,
                [&TypeRef::Prim(Prim::String), &TypeRef::Prim(Prim::I64)]
            );
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn const_is_a_one_value_enum_and_examples_are_examples() {
    let (api, _) = lower_text(&spec31(
        "{K: {const: dog, examples: [dog]}, N: {type: object, properties: {n: {type: integer, exclusiveMinimum: 0, exclusiveMaximum: 10}}}}",
    ));
    match &type_named(&api, "K").kind {
        TypeKind::Enum(e) => assert_eq!(
            e.variants
                .iter()
                .map(|v| v.wire.as_str())
                .collect::<Vec<_>>(),
            ["dog"]
        ),
        other => panic!("{other:?}"),
    }
    assert_eq!(
        type_named(&api, "K").docs.example,
        Some(serde_json::json!("dog"))
    );
    assert!(api
        .examples
        .iter()
        .any(|e| e.value == serde_json::json!("dog")));
}

#[test]
fn webhooks_and_another_dialect_are_warned_about() {
    let text = "openapi: 3.1.0\ninfo: {title: t, version: '1'}\njsonSchemaDialect: 'https://example.com/dialect'\nwebhooks: {newPet: {post: {responses: {'200': {description: ok}}}}}\n";
    let (_, diags) = lower_text(text);
    for (at, needle) in [("#/webhooks", "newPet"), ("#/jsonSchemaDialect", "dialect")] {
        assert!(
            diags.iter().any(|d| d.severity == Severity::Warning
                && d.at.as_ref().map(ToString::to_string).as_deref() == Some(at)
                && d.message.contains(needle)),
            "{at}: {diags:#?}"
        );
    }
}

#[test]
fn binary_content_and_prefix_items() {
    let (api, _) = lower_text(&spec31(
        "{F: {type: object, properties: {data: {type: string, contentEncoding: base64}, pair: {type: array, prefixItems: [{type: string}, {type: string}]}}}}",
    ));
    assert_eq!(
        field(&api, "F", "pair").ty,
        TypeRef::Vec(Box::new(TypeRef::Prim(Prim::String)))
    );
}

/// 3.1 made an operation's `responses` optional: one without (a callback's too) is an
/// operation with no documented response, not a document that fails to read.
#[test]
fn operations_without_responses_are_read() {
    let text = "openapi: 3.1.0\ninfo: {title: t, version: '1'}\npaths:\n  /ping:\n    post:\n      operationId: ping\n      callbacks: {done: {'{$request.body#/url}': {post: {operationId: done}}}}\n";
    let (api, _) = lower_text(text);
    assert_eq!(api.operations.len(), 1);
    assert_eq!(api.operations[0].ident, "ping");
    assert!(api.operations[0].responses.is_empty());
}

#[test]
fn path_items_in_components_are_used_by_paths() {
    let text = "openapi: 3.1.0\ninfo: {title: t, version: '1'}\npaths: {/pets: {$ref: '#/components/pathItems/Pets'}}\ncomponents: {pathItems: {Pets: {get: {operationId: listPets, responses: {'200': {description: ok, content: {application/json: {schema: {type: array, items: {type: string}}}}}}}}}}\n";
    let (api, _) = lower_text(text);
    assert_eq!(api.operations.len(), 1);
    assert_eq!(api.operations[0].ident, "list_pets");
}

// ---------------------------------------------------------------------------------------------
// `$ref` to any place

#[test]
fn a_ref_into_another_schemas_property_is_that_type() {
    let text = "openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths: {}\ncomponents:\n  responses: {Conflict: {description: c, content: {application/json: {schema: {type: object, properties: {code: {type: string}}}}}}}\n  schemas: {A: {type: object, properties: {b: {type: object, properties: {x: {type: string}}}, c: {$ref: '#/components/schemas/A/properties/b'}, d: {$ref: '#/components/responses/Conflict/content/application~1json/schema'}}}}\n";
    let (api, _) = lower_text(text);
    let b = field(&api, "A", "b");
    let c = field(&api, "A", "c");
    assert_eq!(b.ty, c.ty, "one type for the place and the reference to it");
    let TypeRef::Named(id) = &field(&api, "A", "d").ty else {
        panic!()
    };
    assert_eq!(api.types[id.0].name, "Conflict");
}

/// A `$ref` into a path template written URI-encoded (`%7B` for `{`, as RFC 6901 puts a pointer
/// in a URI fragment, and as PagerDuty's descriptions do) finds the parameter it names.
#[test]
fn a_uri_encoded_ref_into_a_path_is_followed() {
    let text = r##"{"openapi": "3.0.3", "info": {"title": "t", "version": "1"}, "paths": {
      "/incidents/{incident_id}/meeting": {"post": {"operationId": "meet",
        "parameters": [{"name": "incident_id", "in": "path", "required": true, "schema": {"type": "string"}}],
        "responses": {"204": {"description": "ok"}}}},
      "/incidents/{incident_id}/chat": {"get": {"operationId": "chat",
        "parameters": [{"$ref": "#/paths/~1incidents~1%7Bincident_id%7D~1meeting/post/parameters/0"}],
        "responses": {"204": {"description": "ok"}}}}}}"##;
    let (api, _) = lower_text(text);
    let chat = api.operations.iter().find(|o| o.ident == "chat").unwrap();
    let names: Vec<&str> = chat.params.iter().map(|p| p.wire.as_str()).collect();
    assert_eq!(names, ["incident_id"]);
}

/// A query array of objects (Box's `mdfilters`) has no `form` serialization in OpenAPI: it is
/// sent as JSON text, with a warning, so that the client compiles and sends what such APIs read.
#[test]
fn a_query_array_of_objects_is_sent_as_json() {
    let text = "openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths:\n  /search:\n    get:\n      operationId: search\n      parameters:\n        - {name: mdfilters, in: query, schema: {type: array, items: {$ref: '#/components/schemas/Filter'}}}\n        - {name: ids, in: query, schema: {type: array, items: {type: string}}}\n      responses: {'204': {description: ok}}\ncomponents:\n  schemas:\n    Filter: {type: object, properties: {scope: {type: string}}}\n";
    let (api, diags) = lower_text(text);
    let params = &api.operations[0].params;
    assert_eq!(params[0].style, codegen::ir::ParamStyle::Json);
    assert_eq!(params[0].writer, codegen::ir::ParamWriter::Styled);
    // An array of strings keeps its `form` style, item by item.
    assert_eq!(params[1].style, codegen::ir::ParamStyle::Form);
    assert_eq!(params[1].writer, codegen::ir::ParamWriter::Items);
    assert!(
        diags.iter().any(|d| d.message.contains("sent as JSON text")
            && d.at
                .as_ref()
                .is_some_and(|at| at.to_string().ends_with("/parameters/0/schema"))),
        "{diags:#?}"
    );
}

/// A 3.0 document of components alone (no `paths`, which 3.0 requires and 3.1 does not) is
/// read as having no operations, with a warning, and its schemas become types.
#[test]
fn a_3_0_document_without_paths_has_types() {
    let doc = load::load_text(
        "openapi: 3.0.3\ninfo: {title: t, version: '1'}\ncomponents: {schemas: {Pet: {type: object, properties: {name: {type: string}}}}}\n",
        None,
    )
    .expect("loads");
    assert!(
        doc.warnings
            .iter()
            .any(|d| d.message.contains("needs `paths`")),
        "{:#?}",
        doc.warnings
    );
    let (api, _) = codegen::lower::lower(&doc, &Default::default()).best_effort();
    assert!(api.operations.is_empty());
    type_named(&api, "Pet");
}

#[test]
fn a_discriminator_mapping_through_a_reference_is_followed() {
    let text = "openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths: {}\ncomponents:\n  schemas:\n    Wrap: {type: object, properties: {pet: {$ref: '#/components/schemas/Pet'}}}\n    Pet: {oneOf: [{$ref: '#/components/schemas/Dog'}], discriminator: {propertyName: kind, mapping: {dog: '#/components/schemas/Wrap/properties/pet/oneOf/0'}}}\n    Dog: {type: object, properties: {kind: {type: string}, bark: {type: boolean}}}\n";
    let (api, diags) = lower_text(text);
    match &type_named(&api, "Pet").kind {
        TypeKind::Tagged { variants, .. } => assert_eq!(variants.len(), 1, "{variants:?}"),
        other => panic!("{other:?} {diags:#?}"),
    }
}

// ---------------------------------------------------------------------------------------------
// Several files

#[test]
fn files_are_bundled_once_with_readable_names_and_cycles() {
    let fs = files(&[
        ("api/spec.yaml", "openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths:\n  /nodes:\n    get:\n      $ref: 'paths/nodes_get.yaml'\n"),
        ("api/paths/nodes_get.yaml", "operationId: listNodes\nparameters:\n  - $ref: '../shared/params.yaml#/per_page'\nresponses:\n  '200':\n    description: ok\n    content:\n      application/json:\n        schema:\n          type: array\n          items:\n            $ref: '../models/node.yaml'\n"),
        ("api/shared/params.yaml", "per_page:\n  name: per_page\n  in: query\n  schema: {type: integer}\n"),
        ("api/models/node.yaml", "type: object\nproperties:\n  name: {type: string}\n  children:\n    type: array\n    items:\n      $ref: 'node.yaml'\n  parent:\n    $ref: './other.yaml#/components/schemas/Parent'\n"),
        ("api/models/other.yaml", "components:\n  schemas:\n    Parent:\n      type: object\n      properties:\n        child: {$ref: 'node.yaml'}\n"),
    ]);
    let (api, diags) = load_fs(&fs).unwrap_or_else(|d| panic!("{d:#?}"));
    assert!(
        diags.iter().all(|d| d.severity != Severity::Error),
        "{diags:#?}"
    );
    let op = &api.operations[0];
    assert_eq!(op.ident, "list_nodes");
    assert_eq!(op.params[0].wire, "per_page");
    let children = field(&api, "Node", "children");
    let parent = field(&api, "Node", "parent");
    let TypeRef::Named(parent_id) = parent.ty else {
        panic!("{parent:?}")
    };
    assert_eq!(api.types[parent_id.0].name, "Parent");
    let child = field(&api, "Parent", "child");
    let node_id = api.types.iter().position(|t| t.name == "Node").unwrap();
    assert_eq!(child.ty, TypeRef::Named(codegen::ir::TypeId(node_id)));
    assert_eq!(
        children.ty,
        TypeRef::Vec(Box::new(TypeRef::Named(codegen::ir::TypeId(node_id))))
    );
    let doc = load::load_file(Path::new("api/spec.yaml"), &fs).unwrap();
    assert_eq!(doc.files.len(), 5, "{:?}", doc.files);
}

#[test]
fn a_missing_file_names_the_referencing_file_and_pointer() {
    let fs = files(&[
        ("api/spec.yaml", "openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths: {}\ncomponents: {schemas: {A: {$ref: 'models/a.yaml'}}}\n"),
        ("api/models/a.yaml", "type: object\nproperties:\n  b: {$ref: 'b.yaml'}\n"),
    ]);
    let errs = load_fs(&fs).unwrap_err();
    let d = errs
        .iter()
        .find(|d| d.message.contains("b.yaml"))
        .unwrap_or_else(|| panic!("{errs:#?}"));
    assert_eq!(d.file.as_deref(), Some("models/a.yaml"));
    assert_eq!(d.at.as_ref().unwrap().to_string(), "#/properties/b/$ref");
    assert!(
        d.display_in("api/spec.yaml")
            .to_string()
            .starts_with("api/models/a.yaml#/properties/b/$ref: error: cannot read"),
        "{}",
        d.display_in("api/spec.yaml")
    );
}

#[test]
fn lowering_diagnostics_name_the_file_they_are_about() {
    let fs = files(&[
        ("api/spec.yaml", "openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths: {}\ncomponents: {schemas: {A: {$ref: 'models/a.yaml'}}}\n"),
        ("api/models/a.yaml", "type: object\nproperties:\n  n: {not: {type: string}}\n"),
    ]);
    let (_, diags) = load_fs(&fs).unwrap();
    let d = diags
        .iter()
        .find(|d| d.message.contains("`not`"))
        .unwrap_or_else(|| panic!("{diags:#?}"));
    assert_eq!(d.file.as_deref(), Some("models/a.yaml"));
    assert_eq!(d.at.as_ref().unwrap().to_string(), "#/properties/n");
}

#[test]
fn a_cycle_of_path_item_references_is_an_error_not_a_hang() {
    let fs = files(&[
        (
            "api/spec.yaml",
            "openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths:\n  /a: {$ref: 'a.yaml'}\n",
        ),
        ("api/a.yaml", "$ref: 'b.yaml'\n"),
        ("api/b.yaml", "$ref: 'a.yaml'\n"),
    ]);
    let errs = load_fs(&fs).unwrap_err();
    assert!(
        errs.iter().any(|d| d.message.contains("cycle")),
        "{errs:#?}"
    );
}

// ---------------------------------------------------------------------------------------------
// allOf, names, values, servers, bounds

#[test]
fn all_of_a_non_object_is_that_type_with_its_docs() {
    let (api, diags) = lower_text(
        "openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths: {}\ncomponents: {schemas: {S: {type: string, enum: [a, b]}, P: {type: object, properties: {s: {allOf: [{$ref: '#/components/schemas/S'}, {description: the s}], nullable: true}}}}}\n",
    );
    assert!(
        !diags.iter().any(|d| d.message.contains("ignored")),
        "{diags:#?}"
    );
    let s = field(&api, "P", "s");
    let TypeRef::Named(id) = s.ty else {
        panic!("{s:?}")
    };
    assert_eq!(api.types[id.0].name, "S");
    assert!(s.nullable);
}

#[test]
fn an_enum_value_listed_twice_is_one_variant_with_a_warning() {
    let (api, diags) = lower_text(
        "openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths: {}\ncomponents: {schemas: {S: {type: string, enum: [a, b, a]}}}\n",
    );
    match &type_named(&api, "S").kind {
        TypeKind::Enum(e) => assert_eq!(e.variants.len(), 2),
        other => panic!("{other:?}"),
    }
    assert!(
        diags.iter().any(|d| d.message.contains("more than once")),
        "{diags:#?}"
    );
}

#[test]
fn server_variables_take_their_defaults_and_bad_servers_are_left_out() {
    let (api, diags) = lower_text(
        "openapi: 3.0.3\ninfo: {title: t, version: '1'}\nservers: [{url: 'https://{host}:{port}/api'}, {url: 'https://{region}.example.com/{v}', variables: {region: {default: eu, enum: [eu, us]}, v: {default: v1}}}, {url: '/relative'}]\npaths: {}\n",
    );
    assert!(
        diags
            .iter()
            .any(|d| d.message.contains("without a default")),
        "{diags:#?}"
    );
    assert_eq!(api.servers.len(), 2);
    assert_eq!(api.servers[0].url, "https://eu.example.com/v1");
    assert_eq!(api.servers[0].variables[0].values, ["eu", "us"]);
    // A variable with an `enum` is typed: a string enum of its values.
    let region = api.servers[0].variables[0].ty.expect("typed");
    match &api.types[region.0].kind {
        TypeKind::Enum(e) => assert_eq!(
            e.variants
                .iter()
                .map(|v| v.wire.as_str())
                .collect::<Vec<_>>(),
            ["eu", "us"]
        ),
        other => panic!("{other:?}"),
    }
    assert_eq!(api.types[region.0].name, "Region");
    assert_eq!(api.servers[0].variables[1].ty, None);
    assert!(api.servers[1].relative);
    assert_eq!(api.servers[1].url, "http://localhost/relative");
}

#[test]
fn integer_bounds_beyond_i64_load_and_are_dropped_with_a_warning() {
    let (_, diags) = lower_text(
        "openapi: 3.1.0\ninfo: {title: t, version: '1'}\ncomponents: {schemas: {N: {type: integer, minimum: -9223372036854776000, maximum: 18446744073709552000}}}\n",
    );
    let dropped = diags
        .iter()
        .filter(|d| d.message.contains("does not fit a 64-bit integer"))
        .count();
    assert_eq!(dropped, 2, "{diags:#?}");
}

#[test]
fn a_crate_named_after_a_keyword_is_a_usage_error_naming_the_fix() {
    let options = codegen::CrateOptions {
        crate_name: "type".into(),
        spec_name: "type.yaml".into(),
        runtime: codegen::Runtime::path("../runtime").expect("a relative path"),
        standalone: true,
    };
    let errs = codegen::generate_crate(
        "openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths: {}\n",
        &options,
    )
    .unwrap_err();
    assert!(errs[0].message.contains("keyword"), "{errs:#?}");
    assert!(
        errs[0].help.as_deref().unwrap().contains("type-api"),
        "{errs:#?}"
    );
    assert_eq!(codegen::suggest_crate_name("type"), "type-api");
    assert_eq!(codegen::suggest_crate_name("3d models"), "api-3d-models");
    assert_eq!(
        codegen::suggest_crate_name("Xero Payroll - NZ (v2)"),
        "xero-payroll-nz-v2"
    );
}

#[test]
fn an_extra_derive_that_is_not_a_path_is_an_error() {
    let options = codegen::CrateOptions {
        crate_name: "api".into(),
        spec_name: "api.yaml".into(),
        runtime: codegen::Runtime::path("../runtime").expect("a relative path"),
        standalone: true,
    };
    let generator = codegen::Options {
        extra_derives: vec!["not a path!".into()],
        ..Default::default()
    };
    let errs = codegen::generate_crate_with(
        "openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths: {}\n",
        &options,
        &generator,
    )
    .unwrap_err();
    assert!(
        errs.iter().any(|d| d.message.contains("`not a path!`")),
        "{errs:#?}"
    );
}

#[test]
fn all_of_with_a_one_of_these_is_required_part_merges_without_a_warning() {
    let (api, diags) = lower_text(
        "openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths: {}\ncomponents: {schemas: {Rules: {allOf: [{type: object, properties: {inbound: {type: string}, outbound: {type: string}}}, {anyOf: [{required: [inbound]}, {required: [outbound]}]}]}}}\n",
    );
    assert!(diags.is_empty(), "{diags:#?}");
    assert!(!field(&api, "Rules", "inbound").required);
    assert!(!field(&api, "Rules", "outbound").required);
}
