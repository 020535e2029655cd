//! `codegen diff OLD NEW`: the command line around `codegen::diff` (formats, exit statuses, errors).

use std::path::PathBuf;
use std::process::{Command, Output};

const SPEC: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../spec/customers.yaml");

fn codegen(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_codegen"))
        .args(args)
        .output()
        .unwrap()
}

/// A copy of the Customers spec with `edit` applied to its text, in a fresh temporary file.
fn edited(name: &str, edit: impl Fn(&str) -> String) -> PathBuf {
    let text = std::fs::read_to_string(SPEC).unwrap();
    let changed = edit(&text);
    assert_ne!(changed, text, "the edit must change the spec");
    let path =
        std::env::temp_dir().join(format!("codegen-diff-{}-{name}.yaml", std::process::id()));
    std::fs::write(&path, changed).unwrap();
    path
}

#[test]
fn json_names_the_bump_and_each_change() {
    // A new value of `Customer.type`: compatible on the wire, a new variant in Rust, additive
    // since enums are `#[non_exhaustive]`. The bump is major all the same: `BasicUser.type` no
    // longer lists the same values, so it gets an enum of its own (a retyped field).
    let new = edited("enum", |t| {
        t.replacen("                - employee\n                - other\n    CustomerResponse:", "                - employee\n                - other\n                - robot\n    CustomerResponse:", 1)
    });
    let out = codegen(&["diff", SPEC, new.to_str().unwrap(), "--format", "json"]);
    std::fs::remove_file(&new).ok();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["bump"], "major");
    let change = json["changes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["item"] == "types::CustomerType::Robot")
        .unwrap_or_else(|| panic!("{json}"));
    assert_eq!(change["kind"], "enum_variant_added");
    assert_eq!(change["class"], "additive");
    assert_eq!(
        change["pointer"],
        "#/components/schemas/Customer/allOf/3/properties/type"
    );
}

/// The Customers spec with a `GET /accounts/{aid}/ping` operation (`ping`) added.
fn with_ping(name: &str) -> PathBuf {
    edited(name, |t| {
        t.replacen(
            "components:\n  securitySchemes:",
            "  /accounts/{aid}/ping:\n    get:\n      operationId: ping\n      parameters:\n        - $ref: '#/components/parameters/accountId'\n      responses:\n        '204':\n          description: Alive\ncomponents:\n  securitySchemes:",
            1,
        )
    })
}

#[test]
fn text_is_grouped_by_class_with_the_bump_first() {
    let new = with_ping("op");
    let out = codegen(&["diff", SPEC, new.to_str().unwrap()]);
    std::fs::remove_file(&new).ok();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        text.contains("suggested bump: minor (0 breaking, 1 additive, 0 docs)"),
        "{text}"
    );
    assert!(
        text.contains("Additive (the API grows):\n  operation_added Client::ping:"),
        "{text}"
    );
    assert!(!text.contains("Breaking"), "{text}");
}

#[test]
fn methods_are_named_as_the_crate_is_generated() {
    let new = with_ping("names");
    let out = codegen(&[
        "diff",
        SPEC,
        new.to_str().unwrap(),
        "--method-names",
        "path",
    ]);
    std::fs::remove_file(&new).ok();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        text.contains("Additive (the API grows):\n  operation_added Client::get_ping:"),
        "{text}"
    );
}

#[test]
fn a_description_with_errors_is_an_error_naming_the_pointer() {
    let new = edited("broken", |t| {
        t.replacen(
            "$ref: '#/components/schemas/CustomerTag'",
            "$ref: '#/components/schemas/Nobody'",
            1,
        )
    });
    let out = codegen(&["diff", SPEC, new.to_str().unwrap(), "--format", "json"]);
    std::fs::remove_file(&new).ok();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(out.stdout.is_empty());
    assert!(stderr.contains("#/paths/"), "{stderr}");
    assert!(stderr.contains("Nobody"), "{stderr}");
}

#[test]
fn bad_arguments_exit_with_2() {
    assert_eq!(codegen(&["diff", SPEC]).status.code(), Some(2));
    assert_eq!(
        codegen(&["diff", SPEC, SPEC, "--format", "yaml"])
            .status
            .code(),
        Some(2)
    );
    let help = codegen(&["diff", "--help"]);
    assert!(String::from_utf8_lossy(&help.stdout).contains("--format json"));
}
