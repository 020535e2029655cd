//! Typed mocks and per-request extensions: the names lowering gives them where the spec's
//! parameters take the obvious ones, and the `mock` module of a crate (snapshot
//! `snapshots/mocks.mock.rs`, compiled with `--features mock` by `cargo xtask corpus`).

use codegen::ir::{Api, Operation};
use codegen::{generate_crate, CrateOptions, Runtime};
use std::path::Path;

fn fixture() -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/mocks.yaml");
    std::fs::read_to_string(path).expect("fixture mocks.yaml")
}

fn api() -> Api {
    let doc = codegen::load::load_text(&fixture(), None).expect("loads");
    let (api, _) = codegen::lower::lower(&doc, &Default::default())
        .check()
        .expect("lowers");
    api
}

fn op<'a>(api: &'a Api, ident: &str) -> &'a Operation {
    api.operations
        .iter()
        .find(|o| o.ident == ident)
        .unwrap_or_else(|| panic!("no operation {ident}"))
}

#[test]
fn spec_parameters_keep_their_names_and_the_extras_step_aside() {
    let api = api();
    let search = op(&api, "search");
    let params: Vec<&str> = search.params.iter().map(|p| p.ident.as_str()).collect();
    assert_eq!(params, ["query", "times", "fail", "header"]);
    assert_eq!(
        (search.extra_header.as_str(), search.extra_query.as_str()),
        ("extra_header", "extra_query")
    );
    let mock = &search.mock;
    assert_eq!(mock.method, "expect_search");
    assert_eq!(mock.expectation, "SearchExpectation");
    assert_eq!(
        (
            mock.times.as_str(),
            mock.respond.as_str(),
            mock.fail.as_str()
        ),
        ("times2", "respond", "fail2")
    );
    // Without such parameters, the plain names.
    let create = op(&api, "create_hit");
    assert_eq!(
        (create.extra_header.as_str(), create.extra_query.as_str()),
        ("header", "query")
    );
    assert_eq!(
        (create.mock.times.as_str(), create.mock.fail.as_str()),
        ("times", "fail")
    );
}

#[test]
fn the_mock_module_matches_its_snapshot() {
    let options = CrateOptions {
        crate_name: "mocks".into(),
        spec_name: "mocks.yaml".into(),
        runtime: "path:../runtime"
            .parse::<Runtime>()
            .expect("a relative path"),
        standalone: true,
    };
    let generated = generate_crate(&fixture(), &options).expect("generates");
    let file = |name: &str| {
        generated
            .files
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, text)| text.clone())
            .unwrap_or_else(|| panic!("no {name}"))
    };
    let mock = file("src/mock.rs");
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/snapshots");
    expectorate::assert_contents(dir.join("mocks.mock.rs"), &mock);
    // An event stream cannot be cloned into answers: that operation can only `fail`.
    let events = mock
        .split("impl EventsExpectation")
        .nth(1)
        .expect("the events expectation");
    assert!(!events.contains("pub fn respond"), "{events}");
    // Behind the feature, which the manifest declares.
    assert!(file("src/lib.rs").contains("#[cfg(feature = \"mock\")]\npub mod mock;"));
    assert!(file("Cargo.toml").contains("mock = [\"codegen-runtime/mock\"]"));
}
