//! Snapshot tests: every fixture spec `tests/fixtures/<name>.yaml` is parsed, lowered and its
//! `types` module rendered into `tests/snapshots/<name>.rs`.
//!
//! Accept intended changes with `EXPECTORATE=overwrite cargo test -p codegen --test snapshots`,
//! then review the diff like code: a snapshot is only worth keeping if its output is right.

use codegen::diag::Severity;
use std::path::Path;

/// Render the fixture `name`, compare it with its snapshot, and return its warnings (rendered as
/// `name.yaml#/pointer: warning: message`) so each test states which ones it expects.
fn check(name: &str) -> Vec<String> {
    check_with(name, name, &Default::default())
}

/// [`check`] with `options`, into the snapshot `tests/snapshots/<snapshot>.rs`.
fn check_with(name: &str, snapshot: &str, options: &codegen::Options) -> Vec<String> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests");
    let file = format!("{name}.yaml");
    let text = std::fs::read_to_string(dir.join("fixtures").join(&file))
        .unwrap_or_else(|e| panic!("cannot read fixture {file}: {e}"));
    let doc = codegen::load::load_text(&text, None)
        .unwrap_or_else(|diags| panic!("{file} does not load: {diags:#?}"));
    let (api, diags) = codegen::lower::lower(&doc, options).best_effort();
    let rendered: Vec<String> = diags
        .iter()
        .map(|d| d.display_in(&file).to_string())
        .collect();
    assert!(
        diags.iter().all(|d| d.severity != Severity::Error),
        "{file} has errors:\n{}",
        rendered.join("\n")
    );

    // The whole module: types, builders and the client.
    let tokens = codegen::emit::Emitter::new(&api).module();
    let source = codegen::render::file(tokens, &file)
        .unwrap_or_else(|e| panic!("{file}: output does not parse: {e}"));
    syn::parse_file(&source)
        .unwrap_or_else(|e| panic!("{file}: snapshot is not a valid module: {e}"));
    expectorate::assert_contents(
        dir.join("snapshots").join(format!("{snapshot}.rs")),
        &source,
    );

    // Same input, same output.
    let (again, _) = codegen::lower::lower(&doc, options).best_effort();
    assert_eq!(api, again, "{file}: lowering is not deterministic");

    diags
        .iter()
        .filter(|d| d.severity == Severity::Warning)
        .map(|d| d.display_in(&file).to_string())
        .collect()
}

/// Every fixture, each with its own test below.
const FIXTURES: [&str; 15] = [
    "bodies",
    "composition",
    "constraints",
    "docs",
    "enums",
    "features",
    "method_names",
    "mocks",
    "names",
    "nullable",
    "openapi31",
    "params",
    "readonly",
    "recursion",
    "responses",
];

#[test]
fn every_fixture_has_a_snapshot_test() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let mut found: Vec<String> = std::fs::read_dir(&dir)
        .expect("fixtures directory")
        .filter_map(|entry| {
            let path = entry.ok()?.path();
            (path.extension()? == "yaml").then(|| path.file_stem()?.to_str().map(str::to_string))?
        })
        .collect();
    found.sort();
    assert_eq!(
        found, FIXTURES,
        "add a test (and a FIXTURES entry) for every fixture"
    );
}

/// The fixture with `features_by_tag`: `pets` items behind `#[cfg(feature = "pets")]`,
/// `store_front` ones behind theirs, `Problem` (both reach it) behind either, what no
/// operation reaches (`Catalog`, and its `Address`) ungated. `cargo xtask features` builds it
/// with each feature.
#[test]
fn features() {
    let options = codegen::Options {
        features_by_tag: true,
        ..Default::default()
    };
    assert_eq!(
        check_with("features", "features", &options),
        Vec::<String>::new()
    );
}

#[test]
fn composition() {
    assert_eq!(check("composition"), Vec::<String>::new());
}

#[test]
fn mocks() {
    // Its mock module is checked in `tests/mocks.rs`.
    assert_eq!(check("mocks"), Vec::<String>::new());
}

#[test]
fn enums() {
    assert_eq!(check("enums"), Vec::<String>::new());
}

#[test]
fn nullable() {
    assert_eq!(check("nullable"), Vec::<String>::new());
}

#[test]
fn names() {
    // The fixture's `self`/`Self` properties are meant to collide; the rename is explained.
    let warnings = check("names");
    assert_eq!(warnings.len(), 1, "{warnings:#?}");
    assert!(
        warnings[0].starts_with("names.yaml#/components/schemas/Thing/properties/Self: warning: property `Self` becomes the field `self2`"),
        "{warnings:#?}"
    );
}

/// The fixture under each `MethodNames`: `method_names.rs` (operationIds, the default),
/// `method_names.summary.rs`, `method_names.path.rs`.
#[test]
fn method_names() {
    use codegen::MethodNames;
    let with = |mode: MethodNames| {
        let options = codegen::Options {
            method_names: mode,
            ..Default::default()
        };
        let snapshot = match mode {
            MethodNames::OperationId => "method_names".to_string(),
            other => format!("method_names.{other}"),
        };
        check_with("method_names", &snapshot, &options)
    };
    // The operation without an operationId is named by its method and path either way.
    assert_eq!(with(MethodNames::OperationId), Vec::<String>::new());
    let at = "method_names.yaml#/paths/~1accounts~1{aid}";
    let help = "\n  help: derived names are never numbered: an operation whose name is shared keeps its operationId's name";
    assert_eq!(
        with(MethodNames::Summary),
        [
            format!("{at}~1customers~1{{cid}}/put: warning: this operation's method is `aid_customers_cid_put`: the name `update_customer` that its summary gives is also `#/paths/~1accounts~1{{aid}}~1customers~1{{cid}}/patch`'s{help}"),
            format!("{at}~1customers~1{{cid}}/patch: warning: this operation's method is `aid_customers_cid_patch`: the name `update_customer` that its summary gives is also `#/paths/~1accounts~1{{aid}}~1customers~1{{cid}}/put`'s{help}"),
            format!("{at}~1config/get: warning: this operation's method is `read_config`: the name `config` that its summary gives is also a method of `Client` itself{help}"),
        ]
    );
    // `get_customer` is shared with the legacy path, which takes a longer name; the two
    // `get_customer_tag`s have none.
    assert_eq!(
        with(MethodNames::Path),
        [
            format!("{at}~1customers~1{{cid}}~1tags~1{{tag}}/get: warning: this operation's method is `aid_customers_cid_tags_tag_get`: the name `get_customer_tag` that its method and path gives is also `#/paths/~1accounts~1{{aid}}~1customers~1{{cid}}~1tags~1{{tag}}~1{{version}}/get`'s{help}"),
            format!("{at}~1customers~1{{cid}}~1tags~1{{tag}}~1{{version}}/get: warning: this operation's method is `get_tag_version`: the name `get_customer_tag` that its method and path gives is also `#/paths/~1accounts~1{{aid}}~1customers~1{{cid}}~1tags~1{{tag}}/get`'s{help}"),
        ]
    );
}

#[test]
fn recursion() {
    assert_eq!(check("recursion"), Vec::<String>::new());
}

#[test]
fn readonly() {
    assert_eq!(check("readonly"), Vec::<String>::new());
}

#[test]
fn constraints() {
    let warnings = check("constraints");
    assert_eq!(warnings.len(), 2, "{warnings:#?}");
    assert!(
        warnings[0].starts_with(
            "constraints.yaml#/components/schemas/Account/properties/bad: warning: pattern `[a-`"
        ),
        "{warnings:#?}"
    );
    assert!(warnings[1].starts_with("constraints.yaml#/components/schemas/Account/properties/bad_bounded: warning: pattern `(unclosed`"), "{warnings:#?}");
}

#[test]
fn docs() {
    assert_eq!(check("docs"), Vec::<String>::new());
}

#[test]
fn openapi31() {
    // Webhooks are left out (the loader says so); the enum that lists `dog` twice is one
    // variant; everything else of 3.1 reads silently.
    let warnings = check("openapi31");
    assert_eq!(warnings.len(), 2, "{warnings:#?}");
    assert!(
        warnings[0].starts_with("openapi31.yaml#/webhooks: warning: webhooks (petAdopted)"),
        "{warnings:#?}"
    );
    assert!(
        warnings[1].contains("Species/enum: warning: the enum lists `dog` more than once"),
        "{warnings:#?}"
    );
}

#[test]
fn responses() {
    assert_eq!(check("responses"), Vec::<String>::new());
}

#[test]
fn bodies() {
    // What the spec types but the client does not yet is a warning at its pointer.
    assert_eq!(
        check("bodies"),
        [
            "bodies.yaml#/paths/~1files~1{name}/post/requestBody/content/application~1xml/schema: warning: `application/xml` request bodies are not typed yet; this one is raw bytes (`Vec<u8>`)",
            "bodies.yaml#/paths/~1uploads/post/requestBody/content/multipart~1form-data/schema/additionalProperties: warning: additional properties of a multipart body are not typed; only the declared properties are sent",
        ]
    );
}

#[test]
fn params() {
    assert_eq!(check("params"), Vec::<String>::new());
}
