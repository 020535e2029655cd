//! Lowering, checked on the IR: names, merged fields, read/write shapes and diagnostics (and, for
//! fixed emitter bugs, the rendered `types` module), each driven by tiny inline specs.
//! Assertions are on what a user sees: Rust names, wire names, and diagnostics that point at
//! the offending node of the document.

use codegen::diag::{Diagnostic, Severity};
use codegen::ir::{Api, Field, Fit, TypeDef, TypeKind, TypeRef};
use codegen::{generate_crate, CrateOptions};
use std::collections::BTreeMap;

/// A document with the given `paths` and `components/schemas`, both flow-style YAML maps.
fn spec(paths: &str, schemas: &str) -> String {
    format!("openapi: 3.0.3\ninfo: {{title: t, version: '1'}}\npaths: {paths}\ncomponents:\n  schemas: {schemas}\n")
}

/// Only component schemas.
fn schemas(schemas: &str) -> String {
    spec("{}", schemas)
}

/// Parse and lower; the document must load.
fn lower(text: &str) -> (Api, Vec<Diagnostic>) {
    let doc = codegen::load::load_text(text, None)
        .unwrap_or_else(|d| panic!("does not load: {d:#?}\n{text}"));
    codegen::lower::lower(&doc, &Default::default()).best_effort()
}

/// Lower a document that must be free of errors.
fn lower_ok(text: &str) -> Api {
    let (api, diags) = lower(text);
    let errors: Vec<String> = diags
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .map(ToString::to_string)
        .collect();
    assert!(errors.is_empty(), "unexpected errors: {errors:#?}\n{text}");
    api
}

fn names(api: &Api) -> Vec<String> {
    let mut names: Vec<String> = api.types.iter().map(|t| t.name.clone()).collect();
    names.sort();
    names
}

fn type_named<'a>(api: &'a Api, name: &str) -> &'a TypeDef {
    api.types
        .iter()
        .find(|t| t.name == name)
        .unwrap_or_else(|| panic!("no type `{name}` in {:?}", names(api)))
}

fn fields<'a>(api: &'a Api, name: &str) -> &'a [Field] {
    match &type_named(api, name).kind {
        TypeKind::Struct(s) => &s.fields,
        other => panic!("`{name}` is not a struct: {other:?}"),
    }
}

/// `(wire name, required)` of every field, in order.
fn wires(api: &Api, name: &str) -> Vec<(String, bool)> {
    fields(api, name)
        .iter()
        .map(|f| (f.wire.clone(), f.required))
        .collect()
}

/// The rendered `types` module.
fn render(api: &Api) -> String {
    codegen::render::file(codegen::emit::Emitter::new(api).types(), "x.yaml")
        .expect("output parses")
}

/// The rendered `types` module of a document that must lower without errors.
fn types(text: &str) -> String {
    render(&lower_ok(text))
}

/// The errors among `diags`, printed.
fn errors(diags: &[Diagnostic]) -> Vec<String> {
    diags
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .map(ToString::to_string)
        .collect()
}

/// A type reference spelled with type names (not ids), e.g. `Vec<OrderLinesItem>`.
fn type_name(api: &Api, ty: &TypeRef) -> String {
    match ty {
        TypeRef::Named(id) => api.type_def(*id).name.clone(),
        TypeRef::Prim(p) => format!("{p:?}"),
        TypeRef::Vec(inner) => format!("Vec<{}>", type_name(api, inner)),
        TypeRef::Map(inner) => format!("Map<{}>", type_name(api, inner)),
        TypeRef::Json => "Json".to_string(),
        TypeRef::External(path) => path.text().to_string(),
        TypeRef::Option(inner) => format!("Option<{}>", type_name(api, inner)),
    }
}

// ---------------------------------------------------------------------------------------------
// Names

#[test]
fn names_are_deterministic() {
    let text = spec(
        "{/a: {post: {operationId: postA, requestBody: {content: {application/json: {schema: {type: object, properties: {kind: {type: string, enum: [x, y]}, inner: {type: object, properties: {v: {type: string}}}}}}}}, responses: {'200': {description: ok, content: {application/json: {schema: {$ref: '#/components/schemas/A'}}}}}}}}",
        "{A: {type: object, properties: {kind: {type: string, enum: [x, y]}, inner: {type: object, properties: {w: {type: string}}}}}, B: {type: object, properties: {inner: {type: object}}}}",
    );
    let first = lower_ok(&text);
    for _ in 0..3 {
        assert_eq!(lower_ok(&text), first);
    }
    // Not just equal to itself: the names are the ones a reader expects.
    // The two `kind` enums are one type, named by its shortest context.
    assert_eq!(
        names(&first),
        ["A", "AInner", "AKind", "B", "PostABody", "PostABodyInner"]
    );
}

#[test]
fn names_do_not_depend_on_component_order() {
    // Components without colliding candidates: any order gives the same types module.
    let parts = [
        "Customer: {type: object, properties: {address: {type: object, properties: {city: {type: string}}}, status: {type: string, enum: [active, gone]}}}",
        "Order: {type: object, properties: {customer: {$ref: '#/components/schemas/Customer'}, lines: {type: array, items: {type: object, properties: {sku: {type: string}}}}}}",
        "Note: {type: string, maxLength: 10}",
    ];
    let orders = [[0, 1, 2], [2, 1, 0], [1, 0, 2], [2, 0, 1]];
    let outputs: Vec<(Vec<String>, String)> = orders
        .iter()
        .map(|order| {
            let api = lower_ok(&schemas(&format!(
                "{{{}}}",
                order.map(|i| parts[i]).join(", ")
            )));
            (names(&api), render(&api))
        })
        .collect();
    for (order, output) in orders.iter().zip(&outputs).skip(1) {
        assert!(
            output == &outputs[0],
            "component order {order:?} changed the output"
        );
    }
    assert_eq!(
        outputs[0].0,
        [
            "Customer",
            "CustomerAddress",
            "CustomerStatus",
            "Note",
            "Order",
            "OrderLinesItem"
        ]
    );
}

#[test]
fn colliding_inline_names_are_numbered_deterministically() {
    // The inline response of `getFoo` and the inline `response` of component `GetFoo` are both
    // `GetFooResponse` by context; the one met first (operations are walked first) keeps it.
    let text = spec(
        "{/foo: {get: {operationId: getFoo, responses: {'200': {description: ok, content: {application/json: {schema: {type: object, properties: {a: {type: string}}}}}}}}}}",
        "{GetFoo: {type: object, properties: {response: {type: object, properties: {b: {type: string}}}}}}",
    );
    let api = lower_ok(&text);
    assert_eq!(wires(&api, "GetFooResponse"), [("a".to_string(), false)]);
    assert_eq!(wires(&api, "GetFooResponse2"), [("b".to_string(), false)]);
    assert_eq!(lower_ok(&text), api);
}

#[test]
fn field_idents_escape_keywords_and_keep_wire_names() {
    let cases = [
        ("type", "type_"),
        ("self", "self_"),
        ("match", "match_"),
        ("gen", "gen_"),
        ("async", "async_"),
        ("x-foo", "x_foo"),
        ("2fa", "_2fa"),
        ("$ref", "ref_"),
        ("ærlig", "ærlig"),
        ("camelCase", "camel_case"),
        ("plain", "plain"),
    ];
    let props: Vec<String> = cases
        .iter()
        .map(|(wire, _)| format!("'{wire}': {{type: string}}"))
        .collect();
    let api = lower_ok(&schemas(&format!(
        "{{T: {{type: object, properties: {{{}}}}}}}",
        props.join(", ")
    )));
    let got: Vec<(&str, &str)> = fields(&api, "T")
        .iter()
        .map(|f| (f.wire.as_str(), f.ident.as_str()))
        .collect();
    assert_eq!(got, cases);
}

#[test]
fn field_idents_that_collide_are_numbered() {
    let api = lower_ok(&schemas("{T: {type: object, properties: {self: {type: string}, Self: {type: string}, a-b: {type: string}, a_b: {type: string}}}}"));
    let got: Vec<(&str, &str)> = fields(&api, "T")
        .iter()
        .map(|f| (f.wire.as_str(), f.ident.as_str()))
        .collect();
    assert_eq!(
        got,
        [
            ("self", "self_"),
            ("Self", "self2"),
            ("a-b", "a_b"),
            ("a_b", "a_b2")
        ]
    );
}

/// `(enum values, [(wire, variant)], fallback variant)`.
type EnumCase = (
    &'static str,
    &'static [(&'static str, &'static str)],
    &'static str,
);

#[test]
fn enum_variants_that_collide_are_suffixed() {
    let cases: [EnumCase; 4] = [
        (
            "[a-b, a_b, A B]",
            &[("a-b", "AB"), ("a_b", "AB2"), ("A B", "AB3")],
            "Unknown",
        ),
        (
            "[unknown, other]",
            &[("unknown", "Unknown"), ("other", "Other")],
            "Unknown2",
        ),
        (
            "[type, self, '1', '']",
            &[
                ("type", "Type"),
                ("self", "Self_"),
                ("1", "T1"),
                ("", "Empty"),
            ],
            "Unknown",
        ),
        (
            "[v1, V1, v-1]",
            &[("v1", "V1"), ("V1", "V1_2"), ("v-1", "V1_3")],
            "Unknown",
        ),
    ];
    for (values, expected, fallback) in cases {
        let api = lower_ok(&schemas(&format!(
            "{{E: {{type: string, enum: {values}}}}}"
        )));
        let TypeKind::Enum(e) = &type_named(&api, "E").kind else {
            panic!("`E` is not an enum")
        };
        let got: Vec<(&str, &str)> = e
            .variants
            .iter()
            .map(|v| (v.wire.as_str(), v.ident.as_str()))
            .collect();
        assert_eq!(got, expected, "enum {values}");
        assert_eq!(e.fallback, fallback, "enum {values}");
    }
}

#[test]
fn identical_inline_enums_are_one_type() {
    let api = lower_ok(&schemas(
        "{A: {type: object, properties: {state: {type: string, enum: [on, off]}}}, B: {type: object, properties: {state: {type: string, enum: [on, off]}, other: {type: string, enum: [off, on]}}}}",
    ));
    let a = &fields(&api, "A")[0].ty;
    let b = fields(&api, "B");
    assert_eq!(a, &b[0].ty, "same values, same type");
    assert_ne!(a, &b[1].ty, "same values in another order are another enum");
}

/// An interned type (an inline enum or constrained string used in several places) is at the
/// first schema that declares it, a real place in the document.
#[test]
fn interned_types_are_at_their_first_schema() {
    let api = lower_ok(&schemas(
        "{A: {type: object, properties: {state: {type: string, enum: [on, off]}, code: {type: string, maxLength: 3}}}, B: {type: object, properties: {state: {type: string, enum: [on, off]}, code: {type: string, maxLength: 3}}}}",
    ));
    let at = |field: usize| match &fields(&api, "B")[field].ty {
        TypeRef::Named(id) => api.type_def(*id).at.to_string(),
        other => panic!("not a named type: {other:?}"),
    };
    assert_eq!(at(0), "#/components/schemas/A/properties/state");
    assert_eq!(at(1), "#/components/schemas/A/properties/code");
}

// ---------------------------------------------------------------------------------------------
// allOf merging and read/write shapes

/// `(what, schema of M, [(wire, required)] of M's fields)`.
type MergeCase = (&'static str, &'static str, &'static [(&'static str, bool)]);

#[test]
fn all_of_merges_fields_in_order_with_required_union() {
    let base = "Base: {type: object, required: [id], properties: {id: {type: string}, note: {type: string}}}";
    let cases: [MergeCase; 4] = [
        (
            "own properties after the referenced ones",
            "{allOf: [{$ref: '#/components/schemas/Base'}, {type: object, required: [extra], properties: {extra: {type: integer}}}]}",
            &[("id", true), ("note", false), ("extra", true)],
        ),
        (
            "an override keeps the first position; required is a union",
            "{allOf: [{$ref: '#/components/schemas/Base'}, {type: object, required: [note], properties: {note: {type: integer}, more: {type: boolean}}}]}",
            &[("id", true), ("note", true), ("more", false)],
        ),
        (
            "required may name a property of another part",
            "{allOf: [{$ref: '#/components/schemas/Base'}, {type: object, required: [note]}]}",
            &[("id", true), ("note", true)],
        ),
        (
            "nested allOf is flattened; sibling properties come last",
            "{required: [top], properties: {top: {type: string}}, allOf: [{allOf: [{$ref: '#/components/schemas/Base'}, {properties: {mid: {type: string}}}]}, {properties: {low: {type: string}}}]}",
            &[("id", true), ("note", false), ("mid", false), ("low", false), ("top", true)],
        ),
    ];
    for (what, merged, expected) in cases {
        let api = lower_ok(&schemas(&format!("{{{base}, M: {merged}}}")));
        let expected: Vec<(String, bool)> =
            expected.iter().map(|(w, r)| (w.to_string(), *r)).collect();
        assert_eq!(wires(&api, "M"), expected, "{what}");
    }
}

#[test]
fn all_of_override_takes_the_later_type() {
    let api = lower_ok(&schemas(
        "{Base: {type: object, properties: {n: {type: string}}}, M: {allOf: [{$ref: '#/components/schemas/Base'}, {properties: {n: {type: integer, format: int32}}}]}}",
    ));
    assert_eq!(
        fields(&api, "M")[0].ty,
        TypeRef::Prim(codegen::ir::Prim::I32)
    );
}

#[test]
fn all_of_with_a_single_ref_is_that_type() {
    let api = lower_ok(&schemas(
        "{Owner: {type: object, properties: {n: {type: string}}}, Pet: {type: object, properties: {owner: {description: The owner., allOf: [{$ref: '#/components/schemas/Owner'}]}}}}",
    ));
    let owner = &fields(&api, "Pet")[0];
    assert_eq!(type_name(&api, &owner.ty), "Owner");
    assert_eq!(owner.docs.description.as_deref(), Some("The owner."));
    assert_eq!(names(&api), ["Owner", "Pet"]);
}

/// A spec where `User` is both sent and received.
fn read_write_spec(user: &str) -> String {
    spec(
        "{/users: {post: {operationId: createUser, requestBody: {content: {application/json: {schema: {$ref: '#/components/schemas/User'}}}}, responses: {'201': {description: ok, content: {application/json: {schema: {$ref: '#/components/schemas/User'}}}}}}}}",
        &format!("{{User: {user}}}"),
    )
}

#[test]
fn read_only_fields_exist_only_in_the_read_shape() {
    let api = lower_ok(&read_write_spec(
        "{type: object, required: [id, email, password], properties: {id: {type: string, readOnly: true}, email: {type: string}, password: {type: string, writeOnly: true}}}",
    ));
    assert_eq!(names(&api), ["User", "UserRequest"]);
    assert_eq!(
        wires(&api, "User"),
        [("id".to_string(), true), ("email".to_string(), true)]
    );
    assert_eq!(
        wires(&api, "UserRequest"),
        [("email".to_string(), true), ("password".to_string(), true)]
    );
    assert!(fields(&api, "User")[0].read_only);
}

#[test]
fn read_only_in_an_all_of_part_splits_the_merged_type() {
    let text = spec(
        "{/users: {post: {operationId: createUser, requestBody: {content: {application/json: {schema: {$ref: '#/components/schemas/User'}}}}, responses: {'201': {description: ok, content: {application/json: {schema: {$ref: '#/components/schemas/User'}}}}}}}}",
        "{Meta: {type: object, properties: {created_at: {type: string, format: date-time, readOnly: true}}}, User: {allOf: [{$ref: '#/components/schemas/Meta'}, {properties: {email: {type: string}}}]}}",
    );
    let api = lower_ok(&text);
    assert_eq!(
        wires(&api, "User"),
        [
            ("created_at".to_string(), false),
            ("email".to_string(), false)
        ]
    );
    assert_eq!(wires(&api, "UserRequest"), [("email".to_string(), false)]);
}

#[test]
fn one_direction_only_gives_one_type() {
    let user = "{type: object, properties: {id: {type: string, readOnly: true}, secret: {type: string, writeOnly: true}, name: {type: string}}}";
    let request_only = spec(
        "{/u: {post: {requestBody: {content: {application/json: {schema: {$ref: '#/components/schemas/User'}}}}, responses: {'204': {description: ok}}}}}",
        &format!("{{User: {user}}}"),
    );
    let api = lower_ok(&request_only);
    assert_eq!(names(&api), ["User"]);
    assert_eq!(
        wires(&api, "User"),
        [("secret".to_string(), false), ("name".to_string(), false)]
    );

    let response_only = spec(
        "{/u: {get: {responses: {'200': {description: ok, content: {application/json: {schema: {$ref: '#/components/schemas/User'}}}}}}}}",
        &format!("{{User: {user}}}"),
    );
    let api = lower_ok(&response_only);
    assert_eq!(names(&api), ["User"]);
    assert_eq!(
        wires(&api, "User"),
        [("id".to_string(), false), ("name".to_string(), false)]
    );
}

// ---------------------------------------------------------------------------------------------
// Diagnostics

/// `(what, document, severity, pointer, substrings of the message)`: lowering must report it.
type DiagCase = (
    &'static str,
    String,
    Severity,
    &'static str,
    &'static [&'static str],
);

fn lowering_cases() -> Vec<DiagCase> {
    let get_ok = "{responses: {'204': {description: ok}}}";
    vec![
        (
            "missing $ref in a property",
            schemas("{A: {type: object, properties: {b: {$ref: '#/components/schemas/Missing'}}}}"),
            Severity::Error,
            "#/components/schemas/A/properties/b",
            &["`#/components/schemas/Missing`", "missing"],
        ),
        (
            "missing $ref in array items",
            schemas("{A: {type: object, properties: {list: {type: array, items: {$ref: '#/components/schemas/Missing'}}}}}"),
            Severity::Error,
            "#/components/schemas/A/properties/list/items",
            &["`#/components/schemas/Missing`"],
        ),
        (
            "missing $ref in allOf",
            schemas("{A: {allOf: [{$ref: '#/components/schemas/Missing'}, {properties: {x: {type: string}}}]}}"),
            Severity::Error,
            "#/components/schemas/A/allOf/0",
            &["`#/components/schemas/Missing`"],
        ),
        (
            "missing $ref in a request body",
            spec(
                "{/a: {post: {requestBody: {content: {application/json: {schema: {$ref: '#/components/schemas/Missing'}}}}, responses: {'204': {description: ok}}}}}",
                "{}",
            ),
            Severity::Error,
            "#/paths/~1a/post/requestBody/content/application~1json/schema",
            &["`#/components/schemas/Missing`"],
        ),
        (
            "missing $ref to a parameter",
            spec(&format!("{{/a: {{get: {{parameters: [{{$ref: '#/components/parameters/Nope'}}], {}}}}}}}", &get_ok[1..get_ok.len() - 1]), "{}"),
            Severity::Error,
            "#/paths/~1a/get/parameters/0",
            &["`#/components/parameters/Nope`"],
        ),
        (
            "$ref cycle between components",
            schemas("{A: {$ref: '#/components/schemas/B'}, B: {$ref: '#/components/schemas/A'}, C: {type: object, properties: {a: {$ref: '#/components/schemas/A'}}}}"),
            Severity::Error,
            "#/components/schemas/C/properties/a",
            &["cycle"],
        ),
        (
            "duplicate operationId",
            spec("{/a: {get: {operationId: same, responses: {'204': {description: ok}}}}, /b: {get: {operationId: same, responses: {'204': {description: ok}}}}}", "{}"),
            Severity::Error,
            "#/paths/~1b/get/operationId",
            &["duplicate operationId `same`", "#/paths/~1a/get"],
        ),
        (
            "path parameter not declared",
            spec(&format!("{{'/a/{{id}}': {{get: {get_ok}}}}}"), "{}"),
            Severity::Error,
            "#/paths/~1a~1{id}/get/parameters",
            &["`id`", "not declared"],
        ),
        (
            "path parameter declared on another operation only",
            spec(
                &format!("{{'/a/{{id}}': {{get: {{parameters: [{{name: id, in: path, required: true, schema: {{type: string}}}}], responses: {{'204': {{description: ok}}}}}}, delete: {get_ok}}}}}"),
                "{}",
            ),
            Severity::Error,
            "#/paths/~1a~1{id}/delete/parameters",
            &["`id`"],
        ),
        (
            "path parameter not in the template",
            spec("{/a: {get: {parameters: [{name: id, in: path, required: true, schema: {type: string}}], responses: {'204': {description: ok}}}}}", "{}"),
            Severity::Error,
            "#/paths/~1a/get/parameters/0",
            &["`id`", "does not appear"],
        ),
        (
            "component names that differ only in case and separators",
            schemas("{foo_bar: {type: string}, FooBar: {type: integer}}"),
            Severity::Warning,
            "#/components/schemas/FooBar",
            &["#/components/schemas/foo_bar", "`FooBar`"],
        ),
        (
            "component names that differ only in separators",
            schemas("{a-b: {type: object}, a.b: {type: object}}"),
            Severity::Warning,
            "#/components/schemas/a.b",
            &["#/components/schemas/a-b", "`AB`"],
        ),
        (
            "invalid pattern",
            schemas("{A: {type: object, properties: {code: {type: string, pattern: '[a-'}}}}"),
            Severity::Warning,
            "#/components/schemas/A/properties/code",
            &["`[a-`", "not enforced"],
        ),
        (
            "invalid regex written in format",
            schemas("{A: {type: string, format: '^(x$'}}"),
            Severity::Warning,
            "#/components/schemas/A",
            &["`^(x$`"],
        ),
        (
            "`not` is not supported",
            schemas("{A: {type: object, properties: {x: {not: {type: string}}}}}"),
            Severity::Warning,
            "#/components/schemas/A/properties/x",
            &["`not`"],
        ),
    ]
}

#[test]
fn lowering_reports_problems_at_the_referencing_node() {
    for (what, text, severity, at, needles) in lowering_cases() {
        let (_, diags) = lower(&text);
        let found = diags
            .iter()
            .find(|d| d.severity == severity && d.at.as_ref().is_some_and(|p| p.to_string() == at));
        let Some(found) = found else {
            panic!("{what}: no {severity:?} at `{at}`; got {diags:#?}");
        };
        for needle in needles {
            assert!(
                found.message.contains(needle),
                "{what}: `{}` does not mention {needle}",
                found.message
            );
        }
        // The pointer is printed after the file name, so the user can find the node.
        assert!(
            found
                .display_in("spec.yaml")
                .to_string()
                .starts_with(&format!("spec.yaml{at}")),
            "{what}"
        );
    }
}

#[test]
fn generate_crate_fails_on_lowering_errors_only() {
    let opts = options();
    for (what, text, severity, ..) in lowering_cases() {
        match (generate_crate(&text, &opts), severity) {
            (Err(diags), Severity::Error) => assert!(
                diags.iter().any(|d| d.severity == Severity::Error),
                "{what}"
            ),
            (Ok(generated), Severity::Warning) => assert!(!generated.warnings.is_empty(), "{what}"),
            (Ok(_), Severity::Error) => panic!("{what}: generated despite an error"),
            (Err(diags), Severity::Warning) => panic!("{what}: failed on a warning: {diags:#?}"),
        }
    }
}

/// `(what, document, pointer, substrings of message or help, has a line/column)`: loading must
/// reject it with one error.
type LoadCase = (
    &'static str,
    &'static str,
    Option<&'static str>,
    &'static [&'static str],
    bool,
);

#[test]
fn loading_rejects_what_it_cannot_read() {
    let cases: [LoadCase; 9] = [
        ("Swagger 2.0", "swagger: '2.0'\ninfo: {title: t, version: '1'}\npaths: {}\n", Some("#/swagger"), &["Swagger 2.0", "3.0.x"], false),
        ("OpenAPI 3.2", "openapi: 3.2.0\ninfo: {title: t, version: '1'}\npaths: {}\n", Some("#/openapi"), &["`3.2.0`", "3.0.x"], false),
        ("external $ref in a text", "openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths: {}\ncomponents: {schemas: {A: {type: object, properties: {b: {$ref: 'other.yaml#/components/schemas/B'}}}}}\n", Some("#/components/schemas/A/properties/b/$ref"), &["`other.yaml`", "given as text"], false),
        ("OpenAPI 2.x number", "openapi: 2.0\ninfo: {title: t, version: '1'}\npaths: {}\n", Some("#/openapi"), &["3.0.x"], false),
        ("no version", "info: {title: t, version: '1'}\npaths: {}\n", Some("#"), &["`openapi`", "3.0.x"], false),
        ("not an object", "- a\n- b\n", Some("#"), &["object"], false),
        ("malformed YAML", "openapi: 3.0.3\ninfo: [\n", None, &["malformed"], true),
        ("bad indentation", "openapi: 3.0.3\ninfo:\n  title: t\n   version: '1'\npaths: {}\n", None, &["malformed"], true),
        ("wrong shape", "openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths:\n  /a:\n    get:\n      responses: 5\n", Some("#/paths"), &["not a valid OpenAPI 3.0 document", "Responses"], true),
    ];
    for (what, text, at, needles, has_line) in cases {
        let Err(diags) = codegen::load::parse(text) else {
            panic!("{what}: loaded")
        };
        assert_eq!(diags.len(), 1, "{what}: {diags:#?}");
        let d = &diags[0];
        assert_eq!(d.severity, Severity::Error, "{what}");
        assert_eq!(
            d.at.as_ref().map(ToString::to_string).as_deref(),
            at,
            "{what}: {d:#?}"
        );
        let all = format!("{} {}", d.message, d.help.as_deref().unwrap_or(""));
        for needle in needles {
            assert!(
                all.contains(needle),
                "{what}: `{all}` does not mention {needle}"
            );
        }
        assert_eq!(d.line_col.is_some(), has_line, "{what}: {d:#?}");
        // Same through the whole pipeline.
        assert!(generate_crate(text, &options()).is_err(), "{what}");
    }
}

#[test]
fn malformed_yaml_points_at_the_line() {
    let Err(diags) =
        codegen::load::parse("openapi: 3.0.3\ninfo:\n  title: t\n  version: [1\npaths: {}\n")
    else {
        panic!("loaded");
    };
    let (line, col) = diags[0].line_col.expect("a location");
    assert!((4..=5).contains(&line) && col >= 1, "{:?}", diags[0]);
    let shown = diags[0].display_in("spec.yaml").to_string();
    assert!(
        shown.starts_with(&format!("spec.yaml:{line}:{col}: error: malformed")),
        "{shown}"
    );
}

#[test]
fn hostile_documents_do_not_panic() {
    // Odd but loadable documents: whatever they produce, lowering and emitting must not panic.
    let docs = [
        schemas("{A: {allOf: [{$ref: '#/components/schemas/A'}]}}"),
        schemas("{A: {allOf: [{$ref: '#/components/schemas/B'}]}, B: {allOf: [{$ref: '#/components/schemas/A'}]}}"),
        schemas("{A: {$ref: '#/components/schemas/A'}}"),
        schemas("{A: {type: object, properties: {x: {$ref: '#'}}}}"),
        schemas("{A: {type: object, properties: {x: {$ref: '#/components'}}}}"),
        schemas("{A: {type: object, properties: {x: {$ref: ''}}}}"),
        schemas("{A: {oneOf: [{type: string}], discriminator: {propertyName: k}}}"),
        schemas("{A: {oneOf: [], discriminator: {propertyName: k, mapping: {x: '#/components/schemas/Nope'}}}}"),
        schemas("{A: {type: object, properties: {'': {type: string}, '+': {type: string}, '_': {type: string}}}}"),
        schemas("{'': {type: object}, '+': {type: string, enum: ['', ' ', '+', '-']}}"),
        schemas("{A: {type: string, enum: []}}"),
        schemas("{A: {type: array}, B: {type: object, additionalProperties: false}, C: {}}"),
        spec("{'/{a}/{a}': {get: {parameters: [{name: a, in: path, required: true, schema: {type: string}}], responses: {'204': {description: ok}}}}}", "{}"),
        spec("{/a: {get: {parameters: [{name: q, in: query, content: {text/plain: {}}}], responses: {default: {description: ok}}}}}", "{}"),
    ];
    for text in docs {
        let outcome = std::panic::catch_unwind(|| {
            let Ok(doc) = codegen::load::load_text(&text, None) else {
                return;
            };
            let lowered = codegen::lower::lower(&doc, &Default::default());
            let errors = lowered.has_errors();
            let (api, _) = lowered.best_effort();
            let rendered =
                codegen::render::file(codegen::emit::Emitter::new(&api).types(), "x.yaml");
            // Without errors, the output must at least be a valid module.
            if !errors {
                if let Err(e) = rendered {
                    panic!("no errors, but the output does not parse: {e}");
                }
            }
            // A panic on a rendering thread comes back as an "internal error" diagnostic, not
            // as a panic: the whole pipeline must reject these documents cleanly or generate.
            if let Err(diags) = generate_crate(&text, &options()) {
                let internal: Vec<String> = diags
                    .iter()
                    .filter(|d| d.message.starts_with("internal error"))
                    .map(ToString::to_string)
                    .collect();
                assert!(internal.is_empty(), "{internal:#?}");
            }
        });
        assert!(
            outcome.is_ok(),
            "panicked (or an internal error) on:\n{text}"
        );
    }
}

// ---------------------------------------------------------------------------------------------
// Determinism of the whole pipeline

fn options() -> CrateOptions {
    CrateOptions {
        crate_name: "dintero-customers".into(),
        spec_name: "spec/customers.yaml".into(),
        runtime: codegen::Runtime::path("../codegen/runtime").expect("a relative path"),
        standalone: false,
    }
}

#[test]
fn customers_spec_generates_byte_identical_crates() {
    let text = include_str!(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../spec/customers.yaml"
    ));
    let first = generate_crate(text, &options()).unwrap_or_else(|d| panic!("{d:#?}"));
    let second = generate_crate(text, &options()).unwrap_or_else(|d| panic!("{d:#?}"));
    assert!(!first.files.is_empty());
    assert_eq!(first.files, second.files);
    assert_eq!(first.summary, second.summary);
    for (path, contents) in &first.files {
        assert!(
            !contents.contains(env!("CARGO_MANIFEST_DIR")),
            "{path} contains an absolute path"
        );
    }
}

// ---------------------------------------------------------------------------------------------
// Fidelity: what `cargo xtask corpus` reports per document

#[test]
fn fidelity_counts_bodies_by_kind_and_untyped_json() {
    let ok = "responses: {'204': {description: ok}}";
    let text = spec(
        &format!("{{\
            /json: {{post: {{requestBody: {{required: true, content: {{application/json: {{schema: {{$ref: '#/components/schemas/Pet'}}}}}}}}, responses: {{'200': {{description: ok, content: {{application/json: {{}}}}}}}}}}}}, \
            /form: {{post: {{requestBody: {{required: true, content: {{application/x-www-form-urlencoded: {{schema: {{type: object, properties: {{name: {{type: string}}}}}}}}}}}}, {ok}}}}}, \
            /upload: {{put: {{requestBody: {{required: true, content: {{application/octet-stream: {{schema: {{type: string, format: binary}}}}}}}}, {ok}}}}}, \
            /note: {{post: {{requestBody: {{required: true, content: {{text/plain: {{}}}}}}, {ok}}}, get: {{{ok}}}}}}}"),
        "{Pet: {type: object, properties: {name: {type: string}, extra: {}, tags: {type: array, items: {}}, meta: {type: object, additionalProperties: true}, kind: {type: string, enum: [a]}}}}",
    );
    let api = lower_ok(&text);
    assert_eq!(
        codegen::fidelity::fidelity(&api),
        codegen::fidelity::Fidelity {
            operations: 5,
            // `/json`, `/form` (the schema's struct, form-encoded) and `/note` (`text/plain`:
            // a `String`).
            typed_bodies: 3,
            // `/upload` (binary media type).
            raw_bodies: 1,
            raw_typed_bodies: 0,
            // `Pet.extra`, `Pet.tags`, `Pet.meta` and the schema-less JSON response of `/json`.
            untyped_json: 4,
        }
    );
}

// ---------------------------------------------------------------------------------------------
// Fixed bugs (formerly `known_bugs.rs`): lowering

/// `nullable` is honoured on struct fields only: array items and map values that may be `null`
/// lose it, so `{"a": null}` or `[null]` fails to decode.
#[test]
fn nullable_items_and_map_values_are_options() {
    let src = types(&spec(
        "{}",
        "{S: {type: object, properties: {by_name: {type: object, additionalProperties: {type: integer, nullable: true}}, list: {type: array, items: {type: string, nullable: true}}}}}",
    ));
    assert!(
        src.contains("std::collections::BTreeMap<String, Option<i64>>"),
        "{src}"
    );
    assert!(src.contains("Vec<Option<String>>"), "{src}");
}

/// `is_sensitive` caches a provisional `false` for schemas on a cycle that is still being
/// visited. With `A { b: B, id (readOnly) }` and `B { a: A }`, `B` is judged insensitive, so
/// `ARequest.b` is the one `B`, whose `a` is the *read* shape `A` (with the read-only `id`):
/// a request type that sends a read-only field. Listing `id` before `b` gives the right
/// `BRequest { a: ARequest }`.
#[test]
fn read_only_through_a_cycle_is_order_independent() {
    for a in [
        "A: {type: object, properties: {b: {$ref: '#/components/schemas/B'}, id: {type: string, readOnly: true}}}",
        "A: {type: object, properties: {id: {type: string, readOnly: true}, b: {$ref: '#/components/schemas/B'}}}",
    ] {
        let text = spec(
            "{/a: {post: {requestBody: {content: {application/json: {schema: {$ref: '#/components/schemas/A'}}}}, responses: {'200': {description: ok, content: {application/json: {schema: {$ref: '#/components/schemas/A'}}}}}}}}",
            &format!("{{{a}, B: {{type: object, properties: {{a: {{$ref: '#/components/schemas/A'}}}}}}}}"),
        );
        let src = types(&text);
        assert!(src.contains("pub struct BRequest"), "{a}\n{src}");
    }
}

/// Interning makes identical enums one type, but a component enum only joins the table when it
/// is lowered: an inline copy met earlier keeps its own, identical type.
#[test]
fn identical_component_enum_is_reused_whatever_the_order() {
    let (api, _) = lower(&spec(
        "{/a: {post: {requestBody: {content: {application/json: {schema: {type: object, properties: {urgency: {type: string, enum: [low, high]}, priority: {$ref: '#/components/schemas/Priority'}}}}}}, responses: {'204': {description: ok}}}}}",
        "{Priority: {type: string, enum: [low, high]}}",
    ));
    let enums: Vec<&str> = api
        .types
        .iter()
        .filter(|t| matches!(t.kind, TypeKind::Enum(_)))
        .map(|t| t.name.as_str())
        .collect();
    assert_eq!(enums, ["Priority"]);
}

/// An `allOf` part without `type` or `properties` (`{required: [note]}`, a common way to make
/// inherited properties required) is classified as "any" and its `required` list is dropped.
#[test]
fn untyped_all_of_part_contributes_required() {
    let (api, _) = lower(&spec(
        "{}",
        "{Base: {type: object, properties: {note: {type: string}}}, M: {allOf: [{$ref: '#/components/schemas/Base'}, {required: [note]}]}}",
    ));
    let def = api.types.iter().find(|t| t.name == "M").unwrap();
    let TypeKind::Struct(s) = &def.kind else {
        panic!()
    };
    assert!(s.fields[0].required);
}

/// OpenAPI 3.0 lets discriminator mapping values be schema names (`dog: Dog`) as well as
/// references; names are rejected as "external $ref".
#[test]
fn discriminator_mapping_accepts_schema_names() {
    let (api, diags) = lower(&spec(
        "{}",
        "{Pet: {oneOf: [{$ref: '#/components/schemas/Dog'}], discriminator: {propertyName: kind, mapping: {dog: Dog}}}, Dog: {type: object, properties: {kind: {type: string}}}}",
    ));
    assert_eq!(errors(&diags), Vec::<String>::new());
    let pet = api.types.iter().find(|t| t.name == "Pet").unwrap();
    let TypeKind::Tagged { variants, .. } = &pet.kind else {
        panic!("{pet:?}")
    };
    let wires: Vec<_> = variants.iter().map(|v| v.wire.as_deref()).collect();
    assert_eq!(wires, [Some("dog")]);
}

/// A keyword-escaped variant that is then numbered (`self` and `Self` in one enum give `Self_`
/// and `Self_2`) trips `non_camel_case_types` (an `_` next to a letter), a warning in every
/// generated client. The same goes for a write-side twin of a component named `self`
/// (`Self_Request`).
#[test]
fn numbered_keyword_variants_are_camel_case() {
    let (api, _) = lower(&spec("{}", "{K: {type: string, enum: [self, Self]}}"));
    let TypeKind::Enum(e) = &api.types[0].kind else {
        panic!()
    };
    for v in &e.variants {
        let t: Vec<char> = v.ident.trim_matches('_').chars().collect();
        let camel = !t.windows(2).any(|w| {
            (w[0] == '_' && w[1].is_alphabetic()) || (w[0].is_alphabetic() && w[1] == '_')
        });
        assert!(camel, "`{}` is not camel case", v.ident);
    }
}

// ---------------------------------------------------------------------------------------------
// Fixed bugs (formerly `known_bugs.rs`): the emitted `types` module

/// A property literally named `additional_properties` next to `additionalProperties` gives a
/// struct two fields of that name (E0124): the flattened map's field name is not reserved in
/// the struct's field scope.
#[test]
fn additional_properties_field_name_is_reserved() {
    let src = types(&spec(
        "{}",
        "{E: {type: object, properties: {additional_properties: {type: string}}, additionalProperties: true}}",
    ));
    assert_eq!(
        src.matches("pub additional_properties:").count(),
        1,
        "{src}"
    );
}

/// Components named like prelude types the emitter spells unqualified (`Result`, `Option`,
/// `String`, `Vec`, `Box`) shadow them in the `types` module: `-> Result<Self, ..>` in every
/// enum/newtype impl, `Option<T>` fields, `String` fields all resolve to the spec's type.
#[test]
fn prelude_names_are_not_shadowed() {
    for name in ["Result", "Option", "String", "Vec", "Box"] {
        let src = types(&spec(
            "{}",
            &format!("{{{name}: {{type: object, properties: {{ok: {{type: boolean}}}}}}, Code: {{type: string, maxLength: 3}}, Holder: {{type: object, properties: {{s: {{type: string}}, l: {{type: array, items: {{type: string}}}}, r: {{$ref: '#/components/schemas/Holder'}}}}}}}}"),
        ));
        let declared = src.contains(&format!("pub struct {name} "));
        assert!(
            !(declared && uses_unqualified(&src, name)),
            "`{name}` is declared and used as the prelude type:\n{src}"
        );
    }
}

/// Whether `name` appears as a path's first segment (not after `::`), e.g. `-> Result<`.
fn uses_unqualified(src: &str, name: &str) -> bool {
    src.match_indices(name).any(|(i, _)| {
        let before = &src[..i];
        let after = &src[i + name.len()..];
        let starts_word = !before.ends_with(|c: char| c.is_alphanumeric() || c == '_' || c == ':');
        starts_word && (after.starts_with('<') || after.starts_with(',') || after.starts_with('>'))
    })
}

/// An array schema whose items are itself becomes `pub type Nested = Vec<Nested>;`, a cyclic
/// type alias (E0391). It needs a newtype (`struct Nested(Vec<Nested>)`) or an error.
#[test]
fn recursive_array_alias_is_not_emitted() {
    let text = spec(
        "{}",
        "{Nested: {type: array, items: {$ref: '#/components/schemas/Nested'}}}",
    );
    let (api, diags) = lower(&text);
    if errors(&diags).is_empty() {
        let src =
            codegen::render::file(codegen::emit::Emitter::new(&api).types(), "x.yaml").unwrap();
        assert!(!src.contains("pub type Nested = Vec<Nested>;"), "{src}");
    }
}

/// A struct with a secret field gets a hand-written `Debug` impl that reads every field; a
/// `deprecated` field then warns (`use of deprecated field`), because `#![allow(deprecated)]`
/// is emitted only when some *type* is deprecated. Fails `clippy -D warnings` on the client.
#[test]
fn deprecated_fields_do_not_warn_in_debug() {
    let src = types(&spec(
        "{}",
        "{Login: {type: object, properties: {password: {type: string}, legacy: {type: string, deprecated: true}}}}",
    ));
    assert!(src.contains("impl std::fmt::Debug for Login"), "{src}");
    assert!(src.contains("allow(deprecated)"), "{src}");
}

/// Doc sanitizing escapes inside inline code spans, where backslashes and entities are shown
/// literally: `` `w[0]` `` renders as `w\[0\]`, `` `a<b>` `` as `a&lt;b&gt;`.
#[test]
fn docs_leave_inline_code_alone() {
    assert_eq!(
        codegen::emit::sanitize_docs("Use `w[0]` or `a<b>`."),
        "Use `w[0]` or `a<b>`."
    );
}

/// A markdown autolink `<https://...>` in the spec is escaped into `&lt;https://...&gt;`, which
/// leaves a bare URL in the docs (the `rustdoc::bare_urls` lint the sanitizer exists to avoid).
/// Same for a URL right after `(`: `(https://x.com)`.
#[test]
fn docs_keep_autolinks() {
    assert_eq!(
        codegen::emit::sanitize_docs("See <https://x.com/a>."),
        "See <https://x.com/a>."
    );
    assert_eq!(
        codegen::emit::sanitize_docs("(https://x.com/a)"),
        "(<https://x.com/a>)"
    );
}

/// A component used directly *and* as the payload of a discriminated union is two types (with
/// and without the tag property): the component as written keeps its name whatever the order of
/// the components; the payload takes another.
#[test]
fn union_payload_does_not_take_the_component_name() {
    let dog = "Dog: {type: object, required: [kind], properties: {kind: {type: string}, bark: {type: boolean}}}";
    let pet =
        "Pet: {oneOf: [{$ref: '#/components/schemas/Dog'}], discriminator: {propertyName: kind}}";
    let kennel = "Kennel: {type: object, properties: {dog: {$ref: '#/components/schemas/Dog'}}}";
    for order in [[dog, pet, kennel], [pet, dog, kennel], [kennel, pet, dog]] {
        let (api, diags) = lower(&spec("{}", &format!("{{{}}}", order.join(", "))));
        assert!(
            diags.iter().all(|d| d.severity != Severity::Error),
            "{diags:#?}"
        );
        assert_eq!(
            field_wires(&api, "Dog"),
            ["kind", "bark"],
            "order {order:?}"
        );
    }
}

fn field_wires(api: &Api, name: &str) -> Vec<String> {
    let def = api
        .types
        .iter()
        .find(|t| t.name == name)
        .unwrap_or_else(|| panic!("no type `{name}`"));
    match &def.kind {
        TypeKind::Struct(s) => s.fields.iter().map(|f| f.wire.clone()).collect(),
        other => panic!("`{name}` is not a struct: {other:?}"),
    }
}

/// Every name the `client` module and the builders declare is settled in lowering: request
/// builders and success enums unique beside `Client`, setters that never shadow `build`,
/// examples named after their pointers.
#[test]
fn emitted_names_are_in_the_ir() {
    let api = lower_ok(&spec(
        "{/c: {post: {operationId: client, requestBody: {content: {application/json: {schema: {$ref: '#/components/schemas/FooBar'}}}}, responses: {'200': {description: ok}}}}, /d: {post: {operationId: clientSuccess, requestBody: {content: {application/json: {schema: {$ref: '#/components/schemas/Foo'}}}}, responses: {'200': {description: ok}}}}}",
        "{FooBar: {type: object, required: [baz, build], properties: {baz: {type: string}, build: {type: string}}}, Foo: {type: object, required: [bar_baz], properties: {bar_baz: {type: string, example: x}}}}",
    ));
    let ops: Vec<(&str, &str)> = api
        .operations
        .iter()
        .map(|op| (op.builder.as_str(), op.success.as_str()))
        .collect();
    assert_eq!(
        ops,
        [
            ("Client2", "Client2Success"),
            ("ClientSuccess", "ClientSuccessSuccess")
        ]
    );
    let builders: Vec<(&str, &[String])> = api
        .builders
        .iter()
        .map(|b| (b.name.as_str(), &b.setters[..]))
        .collect();
    // A setter never shadows `build`; it also names its field's marker type.
    assert_eq!(
        builders,
        [
            ("FooBuilder", &["bar_baz".to_string()][..]),
            (
                "FooBarBuilder",
                &["baz".to_string(), "build2".to_string()][..]
            ),
        ]
    );
    let sorted: Vec<&str> = api
        .by_name
        .iter()
        .map(|id| api.type_def(*id).name.as_str())
        .collect();
    assert_eq!(sorted, ["Foo", "FooBar"]);
    let examples: Vec<&str> = api.examples.iter().map(|e| e.name.as_str()).collect();
    assert_eq!(examples, ["foo_bar_baz"]);
}

/// Each component's example and how it fits, by schema name.
fn fits(api: &Api) -> BTreeMap<String, Fit> {
    api.examples
        .iter()
        .map(|e| (e.at.tokens()[2].to_string(), e.fit.clone()))
        .collect()
}

#[test]
fn examples_are_checked_against_the_types_they_decode_into() {
    let (api, diags) = lower(&schemas(
        r##"{
        Id: {type: object, required: [id], properties: {id: {type: string}}, example: {id: 7}},
        Money: {type: object, properties: {total: {type: number}}, example: {total: "50.00"}},
        Holder: {type: object, required: [inner], properties: {inner: {$ref: "#/components/schemas/Id"}}, example: {inner: null}},
        Loose: {type: object, properties: {inner: {$ref: "#/components/schemas/Id"}}, example: {inner: null}},
        Person: {type: object, required: [id, name], properties: {id: {type: string}, name: {type: string}}, example: {id: x}},
        Closed: {type: object, additionalProperties: false, properties: {id: {type: string}}, example: {id: x, extra: 1}},
        Open: {type: object, properties: {n: {type: number}, at: {type: string, format: date-time}}, example: {n: 50, at: "2014-08-09T08:02:04+12:00", other: [1]}},
        When: {type: string, format: date-time, example: yesterday},
        Day: {type: string, format: date, example: "2015-07-01T00:00:00"},
        Slip: {type: object, properties: {start: {type: string, format: date}, edited: {type: string, format: date-time}}, example: {start: "2019-06-10T00:00:00", edited: "2019-09-23T02:13:29"}},
        Days: {type: array, items: {type: string, format: date}, example: ["2019-06-10T00:00:00"]},
        Small: {type: integer, format: int32, example: 3000000000},
        Code: {type: string, maxLength: 3, example: abcd}
    }"##,
    ));
    let fits = fits(&api);
    let reason = |name: &str| match &fits[name] {
        Fit::Fails { reason } => reason.clone(),
        other => panic!("{name}: expected a failure, got {other:?}"),
    };
    assert_eq!(
        reason("Id"),
        "at `/id`: an integer where a string is expected"
    );
    assert_eq!(
        reason("Money"),
        "at `/total`: a string where a number is expected"
    );
    assert!(
        reason("Holder").contains("`null` where `Id` (an object) is expected"),
        "{}",
        reason("Holder")
    );
    assert_eq!(
        reason("Person"),
        "the required property `name` of `Person` is missing"
    );
    assert!(reason("When").contains("`yesterday` is not a date-time"));
    assert_eq!(reason("Small"), "`3000000000` where an `i32` is expected");
    assert!(reason("Code").contains("4 characters"));
    // `null` for an optional property decodes (as `None`); extra properties are kept.
    assert_eq!(fits["Loose"], Fit::Fits);
    // A date or date-time itself and a struct's field of that type are read as servers write
    // them (`codegen_runtime::lenient`); one inside a `Vec` is read by chrono, strictly.
    assert_eq!(fits["Day"], Fit::Fits);
    assert_eq!(fits["Slip"], Fit::Fits);
    assert!(
        reason("Days").contains("is not a date"),
        "{}",
        reason("Days")
    );
    assert_eq!(fits["Open"], Fit::Fits);
    match &fits["Closed"] {
        Fit::Drops { reason } => assert!(reason.contains("`/extra` is not a property of `Closed`")),
        other => panic!("Closed: {other:?}"),
    }
    // Each misfit is a warning at the example's pointer.
    let warned: Vec<String> = diags
        .iter()
        .filter(|d| d.message.starts_with("example "))
        .map(|d| d.at.as_ref().map(ToString::to_string).unwrap_or_default())
        .collect();
    assert_eq!(warned.len(), 9, "{warned:#?}");
    assert!(warned.contains(&"#/components/schemas/Person/example".to_string()));
}

#[test]
fn schemas_named_like_root_reexports_get_an_api_prefix() {
    let (api, diags) = lower(&schemas(
        "{Error: {type: object, properties: {message: {type: string}}}, Client: {type: string, enum: [a]}, ErrorList: {type: array, items: {$ref: '#/components/schemas/Error'}}}",
    ));
    let names = names(&api);
    assert!(names.contains(&"ApiError".to_string()), "{names:?}");
    assert!(names.contains(&"ApiClient".to_string()), "{names:?}");
    assert!(
        !names.iter().any(|n| n == "Error" || n == "Client"),
        "{names:?}"
    );
    let warned: Vec<&str> = diags.iter().map(|d| d.message.as_str()).collect();
    assert!(
        warned
            .iter()
            .any(|m| m.contains("becomes the Rust type `ApiError`")),
        "{warned:#?}"
    );
}
