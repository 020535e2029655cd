//! Diagnostics through the whole pipeline (`generate_crate`): each names where in the document
//! the problem is (RFC 6901 pointer; line/column where the parser gives them), what is wrong, and
//! a hint. Extends the table-driven cases of `tests/ir.rs` (not repeated here) with one test per
//! kind of problem.

use codegen::diag::{Diagnostic, Severity};
use codegen::{generate_crate, CrateOptions};

fn options() -> CrateOptions {
    CrateOptions {
        crate_name: "api".into(),
        spec_name: "spec.yaml".into(),
        runtime: codegen::Runtime::path("../codegen/runtime").expect("a relative path"),
        standalone: true,
    }
}

/// A document with the given `paths` and `components/schemas`, both flow-style YAML maps.
/// The generated `src/types.rs` of a spec that generates.
fn types_rs(text: &str) -> String {
    let generated = generate_crate(text, &options()).unwrap();
    let file = generated.files.into_iter().find(|f| f.0 == "src/types.rs");
    file.expect("a crate has src/types.rs").1
}

fn spec(paths: &str, schemas: &str) -> String {
    format!("openapi: 3.0.3\ninfo: {{title: t, version: '1'}}\npaths: {paths}\ncomponents:\n  schemas: {schemas}\n")
}

/// Every diagnostic of a run: the errors when it fails, else the warnings.
fn run(text: &str) -> (bool, Vec<Diagnostic>) {
    match generate_crate(text, &options()) {
        Ok(generated) => (true, generated.warnings),
        Err(diags) => (false, diags),
    }
}

/// The diagnostic of `severity` at `pointer` (`None`: a whole-file one); its message (and
/// hint) must mention every needle. Checks the printed form starts with `spec.yaml<pointer>`.
fn expect<'d>(
    diags: &'d [Diagnostic],
    severity: Severity,
    pointer: Option<&str>,
    needles: &[&str],
) -> &'d Diagnostic {
    let found = diags
        .iter()
        .find(|d| {
            d.severity == severity && d.at.as_ref().map(ToString::to_string).as_deref() == pointer
        })
        .unwrap_or_else(|| panic!("no {severity:?} at {pointer:?}; got {diags:#?}"));
    let all = format!("{} {}", found.message, found.help.as_deref().unwrap_or(""));
    for needle in needles {
        assert!(all.contains(needle), "`{all}` does not mention `{needle}`");
    }
    let shown = found.display_in("spec.yaml").to_string();
    assert!(
        shown.starts_with(&format!("spec.yaml{}", pointer.unwrap_or(""))),
        "{shown}"
    );
    found
}

fn errors(text: &str) -> Vec<Diagnostic> {
    let (ok, diags) = run(text);
    assert!(!ok, "generated despite errors:\n{text}");
    diags
}

fn warnings(text: &str) -> Vec<Diagnostic> {
    let (ok, diags) = run(text);
    assert!(ok, "failed: {diags:#?}\n{text}");
    diags
}

// ---------------------------------------------------------------------------------------------
// Loading

#[test]
fn malformed_yaml_duplicate_key_has_a_line() {
    let diags = errors("openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths: {}\npaths: {}\n");
    let d = expect(
        &diags,
        Severity::Error,
        None,
        &["malformed", "duplicate", "paths"],
    );
    assert!(d.line_col.is_some(), "{d:?}");
}

#[test]
fn malformed_yaml_tab_indentation_has_a_line() {
    let diags = errors("openapi: 3.0.3\ninfo:\n\ttitle: t\n");
    let d = expect(&diags, Severity::Error, None, &["malformed"]);
    let (line, _) = d.line_col.expect("a location");
    assert_eq!(line, 3, "{d:?}");
}

#[test]
fn malformed_json_points_at_the_line() {
    let text = "{\n  \"openapi\": \"3.0.3\",\n  \"info\": {\"title\": \"t\", \"version\": \"1\"},\n  \"paths\": {\n    \"/a\": {\"get\": {\"responses\": {\"200\": {\"description\": \"x\"}}}}\n\n";
    let diags = errors(text);
    assert_eq!(diags.len(), 1, "{diags:#?}");
    let d = expect(&diags, Severity::Error, None, &["malformed YAML/JSON"]);
    let (line, col) = d.line_col.expect("a location");
    assert!(line >= 5, "{d:?}");
    assert!(
        d.display_in("spec.json")
            .to_string()
            .starts_with(&format!("spec.json:{line}:{col}: error: malformed")),
        "{d:?}"
    );
}

#[test]
fn malformed_json_trailing_comma_has_a_line_and_column() {
    let diags = errors("{\"openapi\": \"3.0.3\", \"info\": {\"title\": \"t\",, }}");
    let d = expect(&diags, Severity::Error, None, &["malformed"]);
    assert_eq!(d.line_col.map(|(l, _)| l), Some(1), "{d:?}");
}

#[test]
fn wrong_shape_in_json_has_pointer_and_line() {
    let text = "{\n  \"openapi\": \"3.0.3\",\n  \"info\": {\"title\": \"t\", \"version\": \"1\"},\n  \"paths\": {},\n  \"servers\": 5\n}\n";
    let diags = errors(text);
    let d = expect(
        &diags,
        Severity::Error,
        Some("#/servers"),
        &["not a valid OpenAPI 3.0 document"],
    );
    assert_eq!(d.line_col.map(|(l, _)| l), Some(5), "{d:?}");
}

#[test]
fn openapi_3_2_json_names_the_supported_versions() {
    let diags = errors(
        "{\"openapi\": \"3.2.0\", \"info\": {\"title\": \"t\", \"version\": \"1\"}, \"paths\": {}}",
    );
    expect(
        &diags,
        Severity::Error,
        Some("#/openapi"),
        &["`3.2.0`", "3.0.x", "3.1.x"],
    );
}

#[test]
fn swagger_2_json_names_the_supported_versions() {
    let diags = errors(
        "{\"swagger\": \"2.0\", \"info\": {\"title\": \"t\", \"version\": \"1\"}, \"paths\": {}}",
    );
    expect(
        &diags,
        Severity::Error,
        Some("#/swagger"),
        &["Swagger 2.0", "3.0.x", "swagger2openapi"],
    );
}

#[test]
fn unquoted_version_number_asks_for_a_string() {
    // YAML reads `3.0` as a number.
    let diags = errors("openapi: 3.0\ninfo: {title: t, version: '1'}\npaths: {}\n");
    let d = expect(
        &diags,
        Severity::Error,
        Some("#/openapi"),
        &["must be a string", "`3.0`", "quote it", "3.0.x"],
    );
    assert!(!d.message.contains("Number("), "{d:?}");
}

// ---------------------------------------------------------------------------------------------
// References

#[test]
fn missing_ref_in_a_discriminator_mapping() {
    let diags = errors(&spec(
        "{}",
        "{A: {oneOf: [{$ref: '#/components/schemas/B'}], discriminator: {propertyName: k, mapping: {x: '#/components/schemas/Nope'}}}, B: {type: object}}",
    ));
    expect(
        &diags,
        Severity::Error,
        Some("#/components/schemas/A/discriminator/mapping/x"),
        &["`#/components/schemas/Nope`", "missing"],
    );
}

#[test]
fn missing_ref_to_a_response() {
    let diags = errors(&spec(
        "{/a: {get: {responses: {'404': {$ref: '#/components/responses/NotFound'}}}}}",
        "{}",
    ));
    expect(
        &diags,
        Severity::Error,
        Some("#/paths/~1a/get/responses/404"),
        &["`#/components/responses/NotFound`", "missing"],
    );
}

#[test]
fn external_ref_in_a_spec_given_as_text_asks_for_the_file() {
    let diags = errors(&spec(
        "{/a: {get: {responses: {'404': {$ref: 'common.yaml#/components/responses/NotFound'}}}}}",
        "{}",
    ));
    expect(
        &diags,
        Severity::Error,
        Some("#/paths/~1a/get/responses/404/$ref"),
        &["common.yaml", "given as text", "spec's file"],
    );
}

#[test]
fn http_ref_is_refused_with_a_hint() {
    let diags = errors(&spec(
        "{/a: {post: {requestBody: {content: {application/json: {schema: {$ref: 'https://example.com/pet.json'}}}}, responses: {'204': {description: ok}}}}}",
        "{}",
    ));
    expect(
        &diags,
        Severity::Error,
        Some("#/paths/~1a/post/requestBody/content/application~1json/schema/$ref"),
        &["URL", "not fetched", "relative path"],
    );
}

// ---------------------------------------------------------------------------------------------
// Names

#[test]
fn schema_names_colliding_in_rust_are_numbered_with_a_warning_naming_both() {
    let text = spec("{}", "{foo-bar: {type: object}, FooBar: {type: object}}");
    let diags = warnings(&text);
    expect(
        &diags,
        Severity::Warning,
        Some("#/components/schemas/FooBar"),
        &[
            "#/components/schemas/foo-bar",
            "`FooBar2`",
            "`FooBar`",
            "rename",
        ],
    );
    let types = types_rs(&text);
    assert!(
        types.contains("pub struct FooBar {") && types.contains("pub struct FooBar2 {"),
        "{types}"
    );
}

#[test]
fn request_twin_taking_a_component_name_is_a_warning_naming_both() {
    // `U` has a read-only property, so its request shape is `URequest`, which is taken.
    let diags = warnings(&spec(
        "{/a: {post: {requestBody: {content: {application/json: {schema: {$ref: '#/components/schemas/U'}}}}, responses: {'200': {description: ok, content: {application/json: {schema: {$ref: '#/components/schemas/U'}}}}}}}}",
        "{U: {type: object, properties: {id: {type: string, readOnly: true}, n: {type: string}}}, URequest: {type: object}}",
    ));
    expect(
        &diags,
        Severity::Warning,
        Some("#/components/schemas/U"),
        &["`URequest2`", "`URequest`", "#/components/schemas/URequest"],
    );
}

#[test]
fn property_names_colliding_in_rust_are_a_warning_naming_both() {
    let diags = warnings(&spec(
        "{}",
        "{A: {type: object, properties: {foo-bar: {type: string}, foo_bar: {type: string}}}}",
    ));
    expect(
        &diags,
        Severity::Warning,
        Some("#/components/schemas/A/properties/foo_bar"),
        &["`foo_bar2`", "`foo-bar`"],
    );
}

#[test]
fn operation_ids_colliding_in_rust_are_a_warning_naming_both() {
    let diags = warnings(&spec(
        "{/a: {get: {operationId: getFoo, responses: {'204': {description: ok}}}}, /b: {get: {operationId: get_foo, responses: {'204': {description: ok}}}}}",
        "{}",
    ));
    expect(
        &diags,
        Severity::Warning,
        Some("#/paths/~1b/get/operationId"),
        &["`get_foo2`", "#/paths/~1a/get"],
    );
}

#[test]
fn exact_duplicate_operation_ids_are_one_error_not_also_a_rename_warning() {
    let diags = errors(&spec(
        "{/a: {get: {operationId: x, responses: {'204': {description: ok}}}}, /b: {get: {operationId: x, responses: {'204': {description: ok}}}}}",
        "{}",
    ));
    expect(
        &diags,
        Severity::Error,
        Some("#/paths/~1b/get/operationId"),
        &["duplicate operationId `x`", "#/paths/~1a/get", "unique"],
    );
    assert_eq!(diags.len(), 1, "{diags:#?}");
}

// ---------------------------------------------------------------------------------------------
// Parameters

#[test]
fn path_parameter_declared_in_the_query_says_so() {
    let diags = errors(&spec(
        "{'/a/{id}': {get: {parameters: [{name: id, in: query, schema: {type: string}}], responses: {'204': {description: ok}}}}}",
        "{}",
    ));
    expect(
        &diags,
        Severity::Error,
        Some("#/paths/~1a~1{id}/get/parameters"),
        &[
            "`id`",
            "not declared",
            "#/paths/~1a~1{id}/get/parameters/0",
            "in: query",
            "in: path",
        ],
    );
}

// ---------------------------------------------------------------------------------------------
// Unsupported constructs: untyped JSON with a warning where that is sound

#[test]
fn type_list_with_null_is_read_as_nullable_with_a_warning() {
    let text = spec(
        "{}",
        "{A: {type: object, properties: {x: {type: [string, 'null']}}}}",
    );
    let diags = warnings(&text);
    expect(
        &diags,
        Severity::Warning,
        Some("#/components/schemas/A/properties/x/type"),
        &["OpenAPI 3.1", "nullable"],
    );
    let types = &types_rs(&text);
    assert!(types.contains("Nullable<String>"), "{types}");
}

#[test]
fn type_list_of_several_types_is_untyped_json_with_a_warning() {
    let text = spec(
        "{}",
        "{A: {type: object, properties: {x: {type: [string, integer]}}}}",
    );
    let diags = warnings(&text);
    expect(
        &diags,
        Severity::Warning,
        Some("#/components/schemas/A/properties/x/type"),
        &["list of types", "untyped JSON", "oneOf"],
    );
    let types = &types_rs(&text);
    assert!(types.contains("serde_json::Value"), "{types}");
}

#[test]
fn type_lists_inside_examples_are_left_alone() {
    let diags = warnings(&spec(
        "{}",
        "{A: {type: object, properties: {x: {type: object}}, example: {x: {type: [a, b]}}}}",
    ));
    assert!(
        diags.iter().all(|d| !d.message.contains("list of types")),
        "{diags:#?}"
    );
}

#[test]
fn unknown_type_is_a_warning() {
    let diags = warnings(&spec(
        "{}",
        "{A: {type: object, properties: {x: {type: strnig}}}}",
    ));
    expect(
        &diags,
        Severity::Warning,
        Some("#/components/schemas/A/properties/x/type"),
        &["unknown type `strnig`", "string, number"],
    );
}

#[test]
fn type_null_is_a_warning_pointing_to_nullable() {
    let diags = warnings(&spec("{}", "{N: {type: 'null'}}"));
    expect(
        &diags,
        Severity::Warning,
        Some("#/components/schemas/N/type"),
        &["`type: null`", "nullable: true"],
    );
}

#[test]
fn one_of_mixed_primitives_is_an_untagged_enum_without_diagnostics() {
    // Sound as it is: serde tries the variants in order.
    let text = spec("{}", "{A: {oneOf: [{type: string}, {type: integer}]}}");
    assert_eq!(warnings(&text), Vec::new());
    let types = &types_rs(&text);
    assert!(
        types.contains("#[serde(untagged)]") && types.contains("String(String)"),
        "{types}"
    );
}

// ---------------------------------------------------------------------------------------------
// All problems of a run

#[test]
fn every_error_of_a_document_is_reported_once() {
    let diags = errors(&spec(
        "{/a: {get: {operationId: x, responses: {'204': {description: ok}}}}, /b: {get: {operationId: x, responses: {'204': {description: ok}}}}, '/c/{id}': {get: {responses: {'204': {description: ok}}}}}",
        "{A: {$ref: '#/components/schemas/Nope'}, B: {type: object, properties: {c: {$ref: '#/components/schemas/A'}}}}",
    ));
    expect(
        &diags,
        Severity::Error,
        Some("#/paths/~1b/get/operationId"),
        &["duplicate"],
    );
    expect(
        &diags,
        Severity::Error,
        Some("#/paths/~1c~1{id}/get/parameters"),
        &["`id`"],
    );
    expect(
        &diags,
        Severity::Error,
        Some("#/components/schemas/A"),
        &["`#/components/schemas/Nope`"],
    );
    // Reached through `B`'s property too: reported there as well, each place once.
    expect(
        &diags,
        Severity::Error,
        Some("#/components/schemas/B/properties/c"),
        &["`#/components/schemas/Nope`"],
    );
    assert_eq!(diags.len(), 4, "{diags:#?}");
}

#[test]
fn errors_and_warnings_are_reported_together() {
    let (ok, diags) = run(&spec(
        "{}",
        "{A: {type: object, properties: {x: {not: {type: string}}, y: {$ref: '#/components/schemas/Nope'}}}}",
    ));
    assert!(!ok);
    expect(
        &diags,
        Severity::Warning,
        Some("#/components/schemas/A/properties/x"),
        &["`not`"],
    );
    expect(
        &diags,
        Severity::Error,
        Some("#/components/schemas/A/properties/y"),
        &["missing"],
    );
}

/// Each schema is lowered once per direction (and walked once more to find `readOnly`), and
/// each pass reports again: the same error or warning appears several times.
#[test]
fn each_problem_is_reported_once() {
    let (_, diags) = run(&spec(
        "{/a: {post: {requestBody: {content: {application/json: {schema: {$ref: '#/components/schemas/A'}}}}, responses: {'200': {description: ok, content: {application/json: {schema: {$ref: '#/components/schemas/A'}}}}}}}}",
        "{A: {type: object, properties: {id: {type: string, readOnly: true}, bad: {type: string, pattern: '[a-'}, missing: {$ref: '#/components/schemas/Nope'}}}}",
    ));
    let shown: Vec<String> = diags.iter().map(ToString::to_string).collect();
    let mut unique = shown.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(shown.len(), unique.len(), "{shown:#?}");
}

/// Variants of `anyOf` are reported at `.../oneOf/<i>`, a pointer that does not exist in the
/// document.
#[test]
fn any_of_diagnostics_point_into_any_of() {
    let (_, diags) = run(&spec(
        "{}",
        "{A: {anyOf: [{$ref: '#/components/schemas/Gone'}]}}",
    ));
    let at: Vec<String> = diags
        .iter()
        .filter_map(|d| d.at.as_ref().map(ToString::to_string))
        .collect();
    assert!(
        at.iter().all(|p| p == "#/components/schemas/A/anyOf/0"),
        "{at:?}"
    );
    assert!(!at.is_empty());
}

// ---------------------------------------------------------------------------------------------
// Found by `cargo xtask corpus` (progenitor-nexus.json, `NameOrId`)

#[test]
fn all_of_of_one_string_is_that_string_not_an_empty_struct() {
    // `allOf` used to give a single non-object schema a title: no warning, no empty struct.
    let text = spec(
        "{}",
        "{NameOrId: {oneOf: [{title: id, allOf: [{type: string, format: uuid}]}, {title: name, allOf: [{$ref: '#/components/schemas/Name'}]}]}, Name: {type: string, maxLength: 63}, Id: {title: An id, allOf: [{type: string, format: uuid}]}}",
    );
    assert_eq!(warnings(&text), Vec::new());
    let types = &types_rs(&text);
    // Variants are named by their titles.
    assert!(types.contains("Id(uuid::Uuid)"), "{types}");
    assert!(types.contains("Name(Name)"), "{types}");
    assert!(!types.contains("pub struct NameOrIdVariant0 {}"), "{types}");
    assert!(types.contains("pub type Id = uuid::Uuid"), "{types}");
}

#[test]
fn one_of_string_enums_is_one_string_enum() {
    // progenitor-nexus.json `NameOrIdSortMode`: documented values as a `oneOf` of enums.
    let text = spec(
        "{/a: {get: {parameters: [{name: sort, in: query, schema: {$ref: '#/components/schemas/Sort'}}, {name: dir, in: query, schema: {oneOf: [{type: string, enum: [up]}, {type: string, enum: [down]}]}}], responses: {'204': {description: ok}}}}}",
        "{Sort: {description: Sort order, oneOf: [{description: by name, type: string, enum: [name_ascending]}, {description: by id, type: string, enum: [id_ascending, name_ascending]}]}}",
    );
    assert_eq!(warnings(&text), Vec::new());
    let types = &types_rs(&text);
    assert!(types.contains("pub enum Sort {"), "{types}");
    assert!(
        types.contains("NameAscending,") && types.contains("IdAscending,"),
        "{types}"
    );
    // Each value once, though two parts list it.
    assert_eq!(types.matches("/// `name_ascending`").count(), 1, "{types}");
    assert!(types.contains("Up,") && types.contains("Down,"), "{types}");
    assert!(!types.contains("#[serde(untagged)]"), "{types}");
}
