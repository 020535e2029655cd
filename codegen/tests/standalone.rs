//! Generated crates that stand alone: the embedded runtime (`Runtime::Embedded`, the CLI's
//! default), its `Cargo.toml`, and no absolute path in any generated file.

use codegen::{generate_crate, CrateOptions, GeneratedCrate, Generator, Runtime};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

fn customers(runtime: Runtime) -> GeneratedCrate {
    let spec = std::fs::read_to_string(root().join("spec/customers.yaml")).unwrap();
    let options = CrateOptions {
        crate_name: "customers".into(),
        spec_name: "customers.yaml".into(),
        runtime,
        standalone: true,
    };
    generate_crate(&spec, &options).unwrap()
}

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn file<'a>(c: &'a GeneratedCrate, name: &str) -> &'a str {
    c.files
        .iter()
        .find(|(n, _)| n == name)
        .map(|(_, t)| t.as_str())
        .unwrap_or_else(|| panic!("no {name}"))
}

#[test]
fn runtime_option_parses_and_refuses_absolute_paths() {
    assert_eq!("embedded".parse::<Runtime>(), Ok(Runtime::Embedded));
    let path: Runtime = "path:../codegen/runtime".parse().unwrap();
    assert_eq!(path.to_string(), "path:../codegen/runtime");
    assert_eq!(
        "version:0.1".parse::<Runtime>().unwrap().to_string(),
        "version:0.1"
    );
    for bad in [
        "path:/abs/runtime",
        "path:C:\\runtime",
        "path:",
        "version:latest",
        "version:",
        "crate",
        "",
    ] {
        assert!(bad.parse::<Runtime>().is_err(), "{bad} was accepted");
    }
}

#[test]
fn no_absolute_path_in_any_generated_file() {
    let here = std::fs::canonicalize(root()).unwrap();
    let here = here.to_string_lossy();
    let temp = std::env::temp_dir();
    let temp = temp.to_string_lossy();
    for runtime in [
        Runtime::Embedded,
        Runtime::path("../runtime").unwrap(),
        "version:0.1".parse().unwrap(),
    ] {
        let c = customers(runtime.clone());
        for (name, text) in &c.files {
            assert!(!name.starts_with('/'), "{name}");
            for line in text.lines() {
                assert!(
                    !line.contains(here.as_ref()) && !line.contains(temp.as_ref()),
                    "{runtime}: {name} names an absolute path: {line}"
                );
            }
        }
        let manifest = file(&c, "Cargo.toml");
        assert_eq!(
            manifest.contains("path = "),
            matches!(runtime, Runtime::Path(_)),
            "{runtime}: {manifest}"
        );
    }
    let module = Generator::new(root().join("spec/customers.yaml"))
        .runtime(Runtime::Embedded)
        .to_source()
        .unwrap();
    assert!(!module.contains(here.as_ref()));
}

#[test]
fn embedded_crate_holds_every_runtime_file_moved_under_runtime() {
    let c = customers(Runtime::Embedded);
    let names: Vec<&str> = c.files.iter().map(|(n, _)| n.as_str()).collect();
    let on_disk: Vec<String> = std::fs::read_dir(root().join("codegen/runtime/src"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    for source in &on_disk {
        let want = if source == "lib.rs" {
            "src/runtime/mod.rs".to_string()
        } else {
            format!("src/runtime/{source}")
        };
        assert!(names.contains(&want.as_str()), "{want} missing: {names:?}");
    }
    assert_eq!(codegen::embed::source_names().count(), on_disk.len());
    let lib = file(&c, "src/lib.rs");
    assert!(lib.contains("pub mod runtime;"), "{lib}");
    assert!(!lib.contains("pub use codegen_runtime as runtime"), "{lib}");
    for (name, text) in c
        .files
        .iter()
        .filter(|(n, _)| n.starts_with("src/runtime/"))
    {
        assert!(text.starts_with("// @generated"), "{name}");
        assert!(!text.contains("cfg(test)"), "{name} keeps a test");
        assert!(!text.contains("mod tests"), "{name} keeps a test");
        let crate_paths = text.replace("pub(crate)", "");
        assert!(
            !crate_paths.contains("crate::"),
            "{name} has a `crate::` path"
        );
        // A crate keeps the runtime's features.
        if name.ends_with("/client.rs") {
            assert!(text.contains("cfg(feature = \"tracing\")"), "{name}");
        }
    }
    // Each generated module reaches the embedded runtime under the name the emitted code uses.
    for (name, alias) in [
        ("src/types.rs", "use super::runtime as codegen_runtime;"),
        ("src/client.rs", "use super::runtime as codegen_runtime;"),
        (
            "src/types.rs",
            "use super::super::runtime as codegen_runtime;",
        ),
    ] {
        assert!(file(&c, name).contains(alias), "{name} lacks `{alias}`");
    }
}

#[test]
fn path_mode_output_has_no_runtime_module() {
    let c = customers(Runtime::path("../runtime").unwrap());
    assert!(c.files.iter().all(|(n, _)| !n.starts_with("src/runtime")));
    assert!(!file(&c, "src/types.rs").contains("as codegen_runtime"));
    assert!(file(&c, "Cargo.toml").contains("publish = false"));
}

#[test]
fn embedded_module_decides_the_runtime_features() {
    let module = Generator::new(root().join("spec/customers.yaml"))
        .runtime(Runtime::Embedded)
        .to_source()
        .unwrap();
    assert!(module.contains("pub mod runtime {"));
    assert!(!module.contains("feature ="), "a feature is left to decide");
    assert!(!module.contains("crate::"), "a `crate::` path is left");
    // What the macro gets is the same module, token for token.
    let tokens = Generator::new(root().join("spec/customers.yaml"))
        .runtime(Runtime::Embedded)
        .module()
        .unwrap()
        .to_source()
        .unwrap();
    assert_eq!(tokens, module);
}

/// `cargo metadata` of a manifest: each normal dependency as `(name, req, features,
/// optional, default-features)`, and the features table.
type Deps = BTreeMap<String, String>;

fn metadata(manifest: &Path, package: &str) -> (Deps, serde_json::Value) {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let out = Command::new(cargo)
        .args([
            "metadata",
            "--no-deps",
            "--offline",
            "--format-version",
            "1",
        ])
        .arg("--manifest-path")
        .arg(manifest)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let pkg = json["packages"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["name"] == package)
        .unwrap()
        .clone();
    let deps = pkg["dependencies"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["kind"].is_null())
        .map(|d| {
            let mut features: Vec<&str> = d["features"]
                .as_array()
                .unwrap()
                .iter()
                .map(|f| f.as_str().unwrap())
                .collect();
            features.sort();
            let shape = format!(
                "{} {:?} optional={} default-features={}",
                d["req"], features, d["optional"], d["uses_default_features"]
            );
            (d["name"].as_str().unwrap().to_string(), shape)
        })
        .collect();
    (deps, pkg["features"].clone())
}

/// The embedded crate's dependencies and features are the runtime's, as Cargo reads both
/// manifests: they are copied from `codegen/runtime/Cargo.toml`, so they cannot drift.
#[test]
fn embedded_manifest_has_the_runtimes_dependencies_and_features() {
    let dir = std::env::temp_dir().join(format!("codegen-standalone-{}", std::process::id()));
    std::fs::create_dir_all(dir.join("src")).unwrap();
    let c = customers(Runtime::Embedded);
    std::fs::write(dir.join("Cargo.toml"), file(&c, "Cargo.toml")).unwrap();
    std::fs::write(dir.join("src/lib.rs"), "").unwrap();
    let (generated, generated_features) = metadata(&dir.join("Cargo.toml"), "customers");
    let (runtime, runtime_features) = metadata(
        &root().join("codegen/runtime/Cargo.toml"),
        "codegen-runtime",
    );
    std::fs::remove_dir_all(&dir).ok();
    assert_eq!(generated, runtime);
    assert_eq!(generated_features, runtime_features);
    // And what the generated code itself needs is among them.
    let path_mode = customers(Runtime::path("../runtime").unwrap());
    for line in file(&path_mode, "Cargo.toml")
        .split("[dependencies]\n")
        .nth(1)
        .unwrap()
        .split("\n\n")
        .next()
        .unwrap()
        .lines()
    {
        let name = line.split([' ', '.']).next().unwrap();
        assert!(
            name == "codegen-runtime" || generated.contains_key(name),
            "{name} is not a runtime dependency"
        );
    }
}

/// The spec's title becomes the package description, quoted for TOML whatever it holds.
#[test]
fn description_is_the_title_quoted() {
    let spec = "openapi: 3.0.3\ninfo:\n  title: \"Say \\\"hi\\\" \\\\ bye\\nnow\"\n  version: '1'\npaths: {}\n";
    let options = CrateOptions {
        crate_name: "hi".into(),
        spec_name: "hi.yaml".into(),
        runtime: Runtime::Embedded,
        standalone: true,
    };
    let c = generate_crate(spec, &options).unwrap();
    let line = file(&c, "Cargo.toml")
        .lines()
        .find(|l| l.starts_with("description = "))
        .unwrap();
    assert_eq!(
        line,
        r#"description = "A typed Rust client for Say \"hi\" \\ bye now""#
    );
}
