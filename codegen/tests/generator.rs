//! The `Generator` API used by build scripts and the proc-macro: the same code as the
//! checked-in client, options that change it, and errors that name the spec.

use codegen::{Generator, Options};
use quote::quote;
use std::path::{Path, PathBuf};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .unwrap()
        .to_path_buf()
}

/// The items of `pub mod <name> { .. }` in `tokens`, rendered like a generated file.
fn rendered_module(tokens: proc_macro2::TokenStream, name: &str) -> String {
    let file: syn::File = syn::parse2(tokens).expect("the module parses");
    let module = file
        .items
        .into_iter()
        .find_map(|item| match item {
            syn::Item::Mod(m) if m.ident == name => Some(m),
            _ => None,
        })
        .unwrap_or_else(|| panic!("no `mod {name}`"));
    // The file's inner attributes (docs); the module's outer ones (lint allowances) are not in it.
    let attrs = module
        .attrs
        .into_iter()
        .filter(|a| matches!(a.style, syn::AttrStyle::Inner(_)));
    let items = module.content.expect("an inline module").1;
    codegen::render::file(quote!(#(#attrs)* #(#items)*), "spec/customers.yaml").unwrap()
}

#[test]
fn module_mode_emits_exactly_the_checked_in_client() {
    let module = Generator::new(root().join("spec/customers.yaml"))
        .module()
        .unwrap();
    for name in ["types", "client"] {
        let checked_in =
            std::fs::read_to_string(root().join(format!("generated-client/src/{name}.rs")))
                .unwrap();
        let generated = rendered_module(module.tokens.clone(), name);
        assert!(
            generated == checked_in,
            "`{name}` differs between the macro/build.rs output and generated-client/src/{name}.rs"
        );
    }
}

#[test]
fn a_missing_spec_file_names_the_path_tried() {
    let err = Generator::new("no/such/spec.yaml").module().unwrap_err();
    let text = err.to_string();
    assert!(
        text.contains("cannot read the spec `no/such/spec.yaml`"),
        "{text}"
    );
    assert!(text.contains("CARGO_MANIFEST_DIR"), "{text}");
}

const SPEC: &str = r##"
openapi: 3.0.3
info: { title: t, version: "1" }
paths:
  /things:
    get:
      operationId: list_things
      parameters:
        - { name: limit, in: query, schema: { type: integer, default: 20 } }
        - { name: starting_after, in: query, schema: { type: string } }
      responses:
        "200":
          description: ok
          content:
            application/json:
              schema: { type: array, items: { $ref: "#/components/schemas/Thing" } }
components:
  schemas:
    Thing:
      type: object
      required: [handle]
      properties:
        handle: { type: string }
        seen: { type: string, format: date-time }
        owner: { $ref: "#/components/schemas/Owner" }
    Owner:
      type: object
      properties:
        name: { type: string }
"##;

#[test]
fn type_overrides_replace_schemas_and_formats() {
    let mut options = Options::default();
    options
        .type_overrides
        .insert("Owner".into(), "my_crate::Owner".into());
    options
        .type_overrides
        .insert("format:date-time".into(), "time::OffsetDateTime".into());
    let source = Generator::from_text("t.yaml", SPEC)
        .options(options)
        .to_source()
        .unwrap();
    assert!(
        source.contains("pub owner: Option<my_crate::Owner>"),
        "{source}"
    );
    assert!(
        source.contains("pub seen: Option<time::OffsetDateTime>"),
        "{source}"
    );
    assert!(
        !source.contains("pub struct Owner"),
        "an overridden schema is not generated"
    );
}

#[test]
fn a_bad_override_is_an_error_naming_it() {
    let mut options = Options::default();
    options
        .type_overrides
        .insert("Owner".into(), "not a type!".into());
    let err = Generator::from_text("t.yaml", SPEC)
        .options(options)
        .module()
        .unwrap_err();
    assert!(
        err.to_string()
            .contains("type override `Owner`: `not a type!` is not a Rust type"),
        "{err}"
    );
}

#[test]
fn extra_derives_are_added_once() {
    let options = Options {
        extra_derives: vec!["Eq".into(), "Hash".into(), "Debug".into()],
        ..Options::default()
    };
    let source = Generator::from_text("t.yaml", SPEC)
        .options(options)
        .to_source()
        .unwrap();
    let squashed: String = source.chars().filter(|c| !c.is_whitespace()).collect();
    assert!(
        squashed.contains(
            "#[derive(Debug,Clone,PartialEq,Default,serde::Serialize,serde::Deserialize,Eq,Hash)]#[non_exhaustive]pubstructOwner"
        ),
        "{source}"
    );
}

#[test]
fn pagination_cursor_defaults_and_can_be_configured() {
    let source = Generator::from_text("t.yaml", SPEC).to_source().unwrap();
    assert!(
        !source.contains("pub fn stream"),
        "no `thing_id` or `id`: no stream without config"
    );
    let mut options = Options::default();
    options
        .pagination_cursors
        .insert("list_things".into(), "handle".into());
    let source = Generator::from_text("t.yaml", SPEC)
        .options(options)
        .to_source()
        .unwrap();
    assert!(source.contains("pub fn stream(self)"), "{source}");
    assert!(source.contains("item.handle"), "{source}");
    let squashed: String = source.chars().filter(|c| !c.is_whitespace()).collect();
    assert!(
        squashed.contains("self.limit.or(Some(20))"),
        "the spec's default page size: {source}"
    );

    let mut options = Options::default();
    options
        .pagination_cursors
        .insert("list_things".into(), "owner".into());
    let err = Generator::from_text("t.yaml", SPEC)
        .options(options)
        .module()
        .unwrap_err();
    assert!(err.to_string().contains("cursor `owner`"), "{err}");
}

#[test]
fn build_scripts_get_a_file_named_after_the_spec_and_a_rerun_hint() {
    let out = std::env::temp_dir().join(format!("codegen-write-to-{}", std::process::id()));
    std::fs::create_dir_all(&out).unwrap();
    let spec = out.join("My Things.yaml");
    std::fs::write(&spec, SPEC).unwrap();
    let file = Generator::new(&spec).write_to(&out).unwrap();
    assert_eq!(file, out.join("my_things.rs"));
    let text = std::fs::read_to_string(&file).unwrap();
    assert!(
        text.starts_with("// @generated by codegen from `My Things.yaml`"),
        "{text}"
    );
    assert!(text.contains("pub mod types {") && text.contains("pub mod client {"));
    std::fs::remove_dir_all(&out).unwrap();
}

#[test]
fn different_success_bodies_become_an_enum_by_status() {
    let text = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/responses.yaml"),
    )
    .unwrap();
    let source = Generator::from_text("responses.yaml", text)
        .to_source()
        .unwrap();
    let squashed: String = source.chars().filter(|c| !c.is_whitespace()).collect();
    for expected in [
        "pubenumPutThingSuccess{",
        "Status200(super::types::Thing),",
        "Status201(String),",
        "Status204,",
        "codegen_runtime::decode_json::<super::types::Thing,_>(response).await.map(|v|v.map(PutThingSuccess::Status200))",
        "codegen_runtime::decode_text(response).await.map(|v|v.map(PutThingSuccess::Status201))",
        "codegen_runtime::decode_empty(response).await.map(|v|v.map(|()|PutThingSuccess::Status204))",
        // A PDF is bytes, a HEAD has no body.
        "codegen_runtime::ResponseValue<Vec<u8>>",
        "200=>codegen_runtime::decode_bytes(response).await,",
        "200=>codegen_runtime::decode_empty(response).await,",
    ] {
        assert!(squashed.contains(expected), "missing `{expected}` in:\n{source}");
    }
}

/// `generate_crate` and `Generator::to_source` emit and render in parts on several threads; the
/// text must be what rendering each file whole gives, for every fixture (the join is line
/// surgery on blocks such as `pub mod types { pub mod builders { .. } }` and `impl Client`).
#[test]
fn files_rendered_in_parts_equal_whole_files() {
    use codegen::emit::Emitter;
    use codegen::{generate_crate, CrateOptions};
    let fixtures = root().join("codegen/tests/fixtures");
    let mut specs: Vec<PathBuf> = std::fs::read_dir(&fixtures)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    specs.sort();
    specs.push(root().join("spec/customers.yaml"));
    for spec in specs {
        let text = std::fs::read_to_string(&spec).unwrap();
        let options = CrateOptions {
            crate_name: "demo-api".into(),
            spec_name: "x.yaml".into(),
            runtime: codegen::Runtime::path("../runtime").expect("a relative path"),
            standalone: true,
        };
        let generated = generate_crate(&text, &options).unwrap();
        let file = |name: &str| {
            &generated
                .files
                .iter()
                .find(|(path, _)| path == name)
                .unwrap()
                .1
        };
        let spec_doc = codegen::load::load_text(&text, None).unwrap();
        let (api, _) = codegen::lower::lower(&spec_doc, &Options::default())
            .check()
            .unwrap();
        let emitter = Emitter::new(&api);
        let krate = codegen::CrateName::new("demo-api").unwrap();
        let whole = |tokens| codegen::render::file(tokens, "x.yaml").unwrap();
        let mut types = whole(emitter.type_items());
        let builders = emitter.builders();
        if !builders.is_empty() {
            types.push('\n');
            types.push_str(&codegen::render::items(builders).unwrap());
        }
        for (name, expected) in [
            ("src/lib.rs", whole(emitter.lib(&krate))),
            ("src/types.rs", types),
            ("src/client.rs", whole(emitter.client())),
            ("tests/examples.rs", whole(emitter.examples_test(&krate))),
        ] {
            assert!(
                file(name) == &expected,
                "{}: {name} rendered in parts differs from the whole file",
                spec.display()
            );
        }
        let generator = Generator::from_text("x.yaml", text.as_str());
        assert!(
            generator.to_source().unwrap() == generator.module().unwrap().to_source().unwrap(),
            "{}: the module rendered in parts differs from the whole module",
            spec.display()
        );
    }
}

/// What the proc-macro relies on for "one spec error is one compiler error": the module is
/// still generated around the error, the broken property as untyped JSON. (The trybuild case
/// `macro_broken_inline_spec` cannot see this: rustc reports no errors for paths into a module
/// that holds a `compile_error!`, so an empty module would print the same.)
#[test]
fn a_spec_error_still_gives_the_rest_of_the_module() {
    let spec = "openapi: 3.0.3\ninfo: {title: broken, version: '1'}\npaths: {}\ncomponents:\n  schemas:\n    Thing: {type: object, properties: {owner: {$ref: '#/components/schemas/Nobody'}, name: {type: string}}}\n";
    let codegen::BestEffort {
        tokens: items,
        diagnostics,
        ..
    } = Generator::from_text("inline spec", spec).module_best_effort();
    let errors: Vec<String> = diagnostics
        .iter()
        .filter(|d| d.severity == codegen::diag::Severity::Error)
        .map(ToString::to_string)
        .collect();
    assert_eq!(errors.len(), 1, "{errors:#?}");
    assert!(errors[0].contains("Nobody"), "{errors:#?}");
    let module = quote!(pub mod api { #items });
    let types = rendered_module(rendered_module_tokens(module), "types");
    assert!(types.contains("pub struct Thing"), "{types}");
    assert!(
        types.contains("pub owner: Option<serde_json::Value>"),
        "{types}"
    );
    assert!(types.contains("pub name: Option<String>"), "{types}");
}

/// `pub mod api { pub mod types { .. } .. }` as the tokens of `api`'s items.
fn rendered_module_tokens(tokens: proc_macro2::TokenStream) -> proc_macro2::TokenStream {
    let file: syn::File = syn::parse2(tokens).expect("the module parses");
    let syn::Item::Mod(api) = &file.items[0] else {
        panic!("not a module")
    };
    let items = &api.content.as_ref().expect("inline").1;
    quote!(#(#items)*)
}
