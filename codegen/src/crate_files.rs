//! The whole pipeline for one spec into the files of a standalone crate.

use crate::diag::{Diagnostic, Severity};
use crate::emit::Emitter;
use crate::ir::{Api, TypeKind};
use crate::{load, lower, render, Options};

/// How the generated crate is packaged.
#[derive(Debug, Clone)]
pub struct CrateOptions {
    /// Cargo package name, e.g. `dintero-customers`.
    pub crate_name: String,
    /// The spec's name as shown in the `@generated` header (not an absolute path).
    pub spec_name: String,
    /// Path to the `codegen-runtime` crate as written into `Cargo.toml`.
    pub runtime_path: String,
    /// Add an empty `[workspace]` so the crate builds on its own wherever it is written.
    pub standalone: bool,
}

/// Counts for the summary line of `cargo xtask codegen`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Summary {
    pub structs: usize,
    pub enums: usize,
    pub newtypes: usize,
    pub unions: usize,
    pub aliases: usize,
    pub operations: usize,
    pub examples: usize,
    pub warnings: usize,
}

impl Summary {
    fn of(api: &Api, warnings: usize) -> Self {
        let mut s = Summary {
            operations: api.operations.len(),
            examples: api.examples.len(),
            warnings,
            ..Summary::default()
        };
        for t in &api.types {
            match t.kind {
                TypeKind::Struct(_) => s.structs += 1,
                TypeKind::Enum(_) => s.enums += 1,
                TypeKind::Newtype(_) => s.newtypes += 1,
                TypeKind::Tagged { .. } | TypeKind::Untagged { .. } => s.unions += 1,
                TypeKind::Alias(_) => s.aliases += 1,
            }
        }
        s
    }

    pub fn types(&self) -> usize {
        self.structs + self.enums + self.newtypes + self.unions + self.aliases
    }
}

/// Every file of a generated crate, relative to its root, plus what happened.
#[derive(Debug, Clone)]
pub struct GeneratedCrate {
    pub files: Vec<(String, String)>,
    pub summary: Summary,
    /// Warnings (errors make [`generate_crate`] fail instead).
    pub warnings: Vec<Diagnostic>,
}

/// Parse, lower, emit and render `spec_text` into a crate, with default generator options.
pub fn generate_crate(
    spec_text: &str,
    options: &CrateOptions,
) -> Result<GeneratedCrate, Vec<Diagnostic>> {
    generate_crate_with(spec_text, options, &Options::default())
}

/// [`generate_crate`] with generator options.
pub fn generate_crate_with(
    spec_text: &str,
    options: &CrateOptions,
    generator: &Options,
) -> Result<GeneratedCrate, Vec<Diagnostic>> {
    let spec = load::parse(spec_text)?;
    let (api, diags) = lower::lower_with(&spec, generator);
    if diags.has_errors() {
        return Err(diags.into_vec());
    }
    let warnings: Vec<Diagnostic> = diags
        .into_vec()
        .into_iter()
        .filter(|d| d.severity == Severity::Warning)
        .collect();
    let emitter = Emitter::new(&api).extra_derives(&generator.extra_derives);
    let internal = |what: &str, e: &syn::Error| {
        vec![Diagnostic::internal(format!(
            "the generated {what} does not parse: {e}"
        ))]
    };
    let render = |tokens, what: &str| {
        render::file(tokens, &options.spec_name).map_err(|e| internal(what, &e))
    };
    // Rendering dominates generation time: the body builders (about 40% of the output) are
    // emitted and rendered on a second thread while this one does the rest; they share nothing
    // mutable. Their text is joined to the types' (top-level items format independently).
    let (builders, rest) = std::thread::scope(|scope| {
        // Balanced by output size: builders and the examples test there, the types' items and
        // the client here.
        let builders = scope.spawn(|| {
            let tokens = emitter.builders();
            let builders = if tokens.is_empty() {
                String::new()
            } else {
                render::items(tokens).map_err(|e| internal("types.rs (builders)", &e))?
            };
            let examples = render(emitter.examples_test(&options.crate_name), "examples test")?;
            Ok((builders, examples))
        });
        let rest = (|| {
            Ok::<_, Vec<Diagnostic>>([
                render(emitter.lib(), "lib.rs")?,
                render(emitter.type_items(), "types.rs")?,
                render(emitter.client(), "client.rs")?,
            ])
        })();
        let builders = builders
            .join()
            .unwrap_or_else(|_| Err(vec![Diagnostic::internal("emitting the builders panicked")]));
        (builders, rest)
    });
    let [lib, mut types, client] = rest?;
    let (builders, examples) = builders?;
    if !builders.is_empty() {
        types.push('\n');
        types.push_str(&builders);
    }
    let files = vec![
        ("Cargo.toml".to_string(), cargo_toml(options)),
        ("src/lib.rs".to_string(), lib),
        ("src/types.rs".to_string(), types),
        ("src/client.rs".to_string(), client),
        ("tests/examples.rs".to_string(), examples),
    ];
    Ok(GeneratedCrate {
        files,
        summary: Summary::of(&api, warnings.len()),
        warnings,
    })
}

fn cargo_toml(options: &CrateOptions) -> String {
    let workspace = if options.standalone {
        "\n[workspace]\n"
    } else {
        ""
    };
    format!(
        r#"# @generated by codegen from `{spec}`. Do not edit by hand; regenerate.
[package]
name = "{name}"
version = "0.1.0"
edition = "2021"
publish = false

[dependencies]
codegen-runtime = {{ path = "{runtime}" }}
chrono = {{ version = "0.4", default-features = false, features = ["serde", "std"] }}
serde = {{ version = "1", features = ["derive"] }}
serde_json = "1"
uuid = {{ version = "1", features = ["serde"] }}

[dev-dependencies]
tokio = {{ version = "1", features = ["macros", "rt"] }}
{workspace}"#,
        spec = options.spec_name,
        name = options.crate_name,
        runtime = options.runtime_path.replace('\\', "/"),
    )
}
