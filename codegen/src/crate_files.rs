//! The whole pipeline for one spec into the files of a standalone crate.

use crate::diag::Diagnostic;
use crate::emit::Emitter;
use crate::ir::{Api, TypeKind};
use crate::{embed, load, lower, parts, render, CrateName, Options, Runtime};

/// How the generated crate is packaged.
#[derive(Debug, Clone)]
pub struct CrateOptions {
    /// Cargo package name, e.g. `dintero-customers`.
    pub crate_name: String,
    /// The spec's name as shown in the `@generated` header (not an absolute path).
    pub spec_name: String,
    /// How the crate reaches the runtime: its source in `src/runtime/`, or the
    /// `codegen-runtime` crate by relative path or by version.
    pub runtime: Runtime,
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
    generate_crate_from(load::load_text(spec_text, None)?, options, generator)
}

/// [`generate_crate_with`] for a loaded document (e.g. [`load::load_file`], which follows
/// `$ref`s into other files).
pub fn generate_crate_from(
    doc: load::Document,
    options: &CrateOptions,
    generator: &Options,
) -> Result<GeneratedCrate, Vec<Diagnostic>> {
    let krate = check_crate_name(&options.crate_name)?;
    let (api, warnings) = lower::lower(&doc, generator).check()?;
    let emitter = Emitter::new(&api)
        .embed_runtime(options.runtime.is_embedded())
        .in_crate(&krate);
    let [lib, types, client, examples, mock] =
        parts::crate_files(&emitter)?.map(|body| render::with_header(&body, &options.spec_name));
    let mut files = vec![
        (
            "Cargo.toml".to_string(),
            cargo_toml(options, &api.title, &api.features),
        ),
        ("src/lib.rs".to_string(), lib),
        ("src/types.rs".to_string(), types),
        ("src/client.rs".to_string(), client),
        ("tests/examples.rs".to_string(), examples),
        ("src/mock.rs".to_string(), mock),
    ];
    if options.runtime.is_embedded() {
        files.extend(embed::crate_files().map_err(|d| vec![d])?);
    }
    Ok(GeneratedCrate {
        files,
        summary: Summary::of(&api, warnings.len()),
        warnings,
    })
}

/// `name` checked to be a crate name (see [`CrateName::new`]), or an error suggesting one.
fn check_crate_name(name: &str) -> Result<CrateName, Vec<Diagnostic>> {
    CrateName::new(name).map_err(|why| {
        vec![
            Diagnostic::global(format!("the crate name `{name}` {why}")).with_help(format!(
                "choose another name, e.g. `--name {}`",
                suggest_crate_name(name)
            )),
        ]
    })
}

/// A valid crate name close to `name`: other characters as `-`, `api-` before a leading digit,
/// `-api` after a keyword.
pub fn suggest_crate_name(name: &str) -> String {
    let cleaned: String = name
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '-'
            }
        })
        .collect();
    // One `-` per run: `a---b` would be the lib name `a___b`, which rustc warns is not snake case.
    let cleaned = cleaned
        .split('-')
        .filter(|part| !part.is_empty())
        .collect::<Vec<_>>()
        .join("-");
    if cleaned.is_empty() || cleaned.starts_with(|c: char| c.is_ascii_digit()) {
        format!("api-{cleaned}").trim_end_matches('-').to_string()
    } else if crate::naming::is_keyword(&crate::options::lib_name(&cleaned)) {
        format!("{cleaned}-api")
    } else {
        cleaned
    }
}

/// The dependencies of the generated code itself (the runtime's come with it).
const GENERATED_CODE_DEPENDENCIES: [(&str, &str); 4] = [
    (
        "chrono",
        r#"{ version = "0.4", default-features = false, features = ["serde", "std"] }"#,
    ),
    ("serde", r#"{ version = "1", features = ["derive"] }"#),
    ("serde_json", r#""1""#),
    ("uuid", r#"{ version = "1", features = ["serde"] }"#),
];

/// `text` as a TOML basic string: quoted, `\` and `"` escaped, control characters as spaces.
fn toml_string(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '\\' | '"' => {
                out.push('\\');
                out.push(c);
            }
            c if c.is_control() => out.push(' '),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// `[features]` lines of `Options::features_by_tag`: one per tag, and `default` enabling all
/// of them besides `defaults` (the embedded runtime's own, whose `default` line it replaces).
fn tag_features(features: &[String], defaults: &[String]) -> String {
    if features.is_empty() {
        return String::new();
    }
    let quoted: Vec<String> = defaults
        .iter()
        .cloned()
        .chain(features.iter().map(|f| toml_string(f)))
        .collect();
    let mut lines = format!(
        "# One feature per tag (--features-by-tag): its operations and the types only they use.\n\
         default = [{}]\n",
        quoted.join(", ")
    );
    for feature in features {
        lines.push_str(&format!("{feature} = []\n"));
    }
    lines
}

fn cargo_toml(options: &CrateOptions, title: &str, features: &[String]) -> String {
    // The embedded runtime's `default` features, to keep in the crate's own `default`.
    let runtime_features = embed::manifest_table("features");
    let runtime_defaults: Vec<String> = runtime_features
        .lines()
        .find_map(|l| l.strip_prefix("default = ["))
        .and_then(|rest| rest.strip_suffix(']'))
        .map(|list| {
            list.split(',')
                .map(|f| f.trim().to_string())
                .filter(|f| !f.is_empty())
                .collect()
        })
        .unwrap_or_default();
    let embedded_tags = !features.is_empty() && options.runtime.is_embedded();
    let tags = tag_features(
        features,
        if embedded_tags {
            &runtime_defaults
        } else {
            &[]
        },
    );
    let workspace = if options.standalone {
        "\n[workspace]\n"
    } else {
        ""
    };
    let mut tables = String::new();
    let mut own = String::new();
    let publish = match &options.runtime {
        Runtime::Embedded => {
            // With tag features, their `default` line stands for the runtime's.
            let runtime_features: String = runtime_features
                .lines()
                .filter(|l| !(embedded_tags && l.starts_with("default = [")))
                .map(|l| format!("{l}\n"))
                .collect();
            tables = format!(
                "[features]\n{tags}{}\n\n[dependencies]\n{}\n",
                runtime_features.trim_end(),
                embed::manifest_table("dependencies")
            );
            ""
        }
        Runtime::Path(dir) => {
            own = format!("codegen-runtime = {{ path = \"{}\" }}\n", dir.as_str());
            "publish = false\n"
        }
        Runtime::Version(req) => {
            own = format!("codegen-runtime = \"{}\"\n", req.as_str());
            ""
        }
    };
    if !options.runtime.is_embedded() {
        // The runtime's features, for the generated crate's users (an embedded runtime's are
        // the crate's own, copied above).
        tables.push_str("[features]\n");
        tables.push_str(&tags);
        tables.push_str(
            "# Typed mocks for downstream tests: module `mock` (no network).\n\
             mock = [\"codegen-runtime/mock\"]\n\
             # A `tracing` span per HTTP request.\n\
             tracing = [\"codegen-runtime/tracing\"]\n\n",
        );
        tables.push_str("[dependencies]\n");
        tables.push_str(&own);
    }
    let embedded = embed::manifest_table("dependencies");
    for (name, spec) in GENERATED_CODE_DEPENDENCIES {
        let listed = embedded
            .lines()
            .any(|l| l.starts_with(&format!("{name} ")) || l.starts_with(&format!("{name}.")));
        if !(options.runtime.is_embedded() && listed) {
            tables.push_str(&format!("{name} = {spec}\n"));
        }
    }
    format!(
        r#"# @generated by codegen from `{spec}`. Do not edit by hand; regenerate.
[package]
name = "{name}"
version = "0.1.0"
description = {description}
edition = "2021"
{publish}
{tables}
[dev-dependencies]
tokio = {{ version = "1", features = ["macros", "rt"] }}
{workspace}"#,
        spec = options.spec_name,
        name = options.crate_name,
        description = toml_string(&match title.trim() {
            "" => "A typed Rust client".to_string(),
            title => format!("A typed Rust client for {title}"),
        }),
    )
}
