//! `Generator`: the entry point for build scripts and the proc-macro — one spec in, one module out.

use crate::diag::{Diagnostic, Severity};
use crate::emit::Emitter;
use crate::ir::Api;
use crate::{load, lower, parts, render, MethodNames, Options, Runtime, RuntimeVersion};
use proc_macro2::TokenStream;
use std::fmt;
use std::path::{Path, PathBuf};

/// Generates the Rust module for one OpenAPI 3.0 or 3.1 document (and the files it `$ref`s).
///
/// In a build script:
///
/// ```no_run
/// // build.rs
/// let out_dir = std::env::var("OUT_DIR").unwrap();
/// codegen::Generator::new("spec/customers.yaml")
///     .write_to(&out_dir)
///     .unwrap_or_else(|e| panic!("{e}"));
/// // src/lib.rs: `mod customers { include!(concat!(env!("OUT_DIR"), "/customers.rs")); }`
/// ```
#[derive(Debug, Clone)]
pub struct Generator {
    source: Source,
    options: Options,
    runtime: Runtime,
}

#[derive(Debug, Clone)]
enum Source {
    File(PathBuf),
    Text { name: String, text: String },
}

/// A generated module: the items of `types`, `client` and the re-exports.
#[derive(Debug, Clone)]
pub struct Module {
    /// The module's items.
    pub tokens: TokenStream,
    /// What the generator could represent only approximately.
    pub warnings: Vec<Diagnostic>,
    /// The spec's file name, for the `@generated` header.
    header_name: String,
}

impl Module {
    /// Formatted source of these tokens, with the `@generated` header, on one thread
    /// ([`Generator::to_source`] gives the same text, rendered in parts on every core).
    pub fn to_source(&self) -> Result<String, GenerateError> {
        render::file(self.tokens.clone(), &self.header_name).map_err(|e| GenerateError {
            spec: self.header_name.clone(),
            diagnostics: vec![Diagnostic::internal(format!(
                "the generated module does not parse: {e}"
            ))],
        })
    }
}

/// What [`Generator::module_best_effort`] could make of a spec, errors or not.
#[derive(Debug, Clone)]
pub struct BestEffort {
    /// The module's items; `None` when the document could not be read or parsed at all.
    pub tokens: Option<TokenStream>,
    /// Every diagnostic, errors first.
    pub diagnostics: Vec<Diagnostic>,
    /// Every file the spec is made of (the spec, then the files its `$ref`s name, each once):
    /// what a build must watch to regenerate.
    pub files: Vec<PathBuf>,
}

/// A lowered spec and the files it is made of.
struct Lowered {
    lowered: lower::Lowered,
    files: Vec<PathBuf>,
}

/// Generation failed. Every diagnostic of the run is kept, not only the first.
#[derive(Debug, Clone)]
pub struct GenerateError {
    /// The spec as named in messages (its path, or the name given to [`Generator::from_text`]).
    pub spec: String,
    /// Errors first, then warnings.
    pub diagnostics: Vec<Diagnostic>,
}

impl fmt::Display for GenerateError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for d in &self.diagnostics {
            writeln!(f, "{}", d.display_in(&self.spec))?;
        }
        let errors = self
            .diagnostics
            .iter()
            .filter(|d| d.severity == Severity::Error)
            .count();
        write!(f, "{errors} error(s) in {}", self.spec)
    }
}

impl std::error::Error for GenerateError {}

impl Generator {
    /// A generator for the spec at `path` (YAML or JSON), read when generating.
    pub fn new(path: impl Into<PathBuf>) -> Self {
        Generator {
            source: Source::File(path.into()),
            options: Options::default(),
            runtime: Runtime::Version(RuntimeVersion::this_generators()),
        }
    }

    /// A generator for a spec given as text; `name` is how messages refer to it.
    pub fn from_text(name: impl Into<String>, text: impl Into<String>) -> Self {
        Generator {
            source: Source::Text {
                name: name.into(),
                text: text.into(),
            },
            options: Options::default(),
            runtime: Runtime::Version(RuntimeVersion::this_generators()),
        }
    }

    /// Sets the generator options.
    pub fn options(mut self, options: Options) -> Self {
        self.options = options;
        self
    }

    /// Where the client's method names come from ([`Options::method_names`]), keeping the
    /// other options.
    ///
    /// ```no_run
    /// let generator = codegen::Generator::new("spec/customers.yaml")
    ///     .method_names(codegen::MethodNames::Path); // `get_customer`, `list_customers`
    /// ```
    pub fn method_names(mut self, names: MethodNames) -> Self {
        self.options.method_names = names;
        self
    }

    /// Each tag's operations, and the types only they use, behind a cargo feature of the
    /// crate that includes the module ([`Options::features_by_tag`]): declare them in its
    /// `Cargo.toml` (`[features] default = ["pets", "store"]`, `pets = []`, ...).
    pub fn features_by_tag(mut self, on: bool) -> Self {
        self.options.features_by_tag = on;
        self
    }

    /// How the module reaches the runtime. By default (and with [`Runtime::Path`] or
    /// [`Runtime::Version`], which the including crate's `Cargo.toml` spells out) it uses the
    /// crate `codegen_runtime`; with [`Runtime::Embedded`] the module holds the runtime's source
    /// as its module `runtime` (features decided as [`crate::embed::MODULE_FEATURES`] says),
    /// and the including crate depends on the runtime's dependencies instead.
    pub fn runtime(mut self, runtime: Runtime) -> Self {
        self.runtime = runtime;
        self
    }

    /// The spec file, when the generator reads one.
    pub fn spec_path(&self) -> Option<&Path> {
        match &self.source {
            Source::File(path) => Some(path),
            Source::Text { .. } => None,
        }
    }

    fn spec_name(&self) -> String {
        match &self.source {
            Source::File(path) => path.display().to_string(),
            Source::Text { name, .. } => name.clone(),
        }
    }

    /// The generated module, or every error.
    pub fn module(&self) -> Result<Module, GenerateError> {
        let (api, warnings) = self.lowered()?;
        Ok(Module {
            tokens: self.emitter(&api).module(),
            warnings,
            header_name: self.display_name(),
        })
    }

    /// The lowered API (what would be emitted), or every error: what `codegen diff` compares.
    pub fn api(&self) -> Result<Api, GenerateError> {
        self.lowered().map(|(api, _)| api)
    }

    /// The module even when the spec has errors, as far as it could be lowered (unresolvable
    /// parts become untyped JSON), with every diagnostic; no tokens when the document could not
    /// be read or parsed at all. The proc-macro uses this so one spec error is one compiler
    /// error, not one per use of a type that would otherwise be missing.
    pub fn module_best_effort(&self) -> BestEffort {
        match self.lower() {
            Ok(Lowered { lowered, files }) => {
                let (api, diagnostics) = lowered.best_effort();
                BestEffort {
                    tokens: Some(self.emitter(&api).module()),
                    diagnostics,
                    files,
                }
            }
            Err(diagnostics) => BestEffort {
                tokens: None,
                diagnostics,
                files: self
                    .spec_path()
                    .map(Path::to_path_buf)
                    .into_iter()
                    .collect(),
            },
        }
    }

    /// The lowered API and its warnings, or every diagnostic (errors first) when one is an
    /// error.
    fn lowered(&self) -> Result<(Api, Vec<Diagnostic>), GenerateError> {
        let Lowered { lowered, .. } = self.lower().map_err(|d| self.error(d))?;
        lowered.check().map_err(|d| self.error(d))
    }

    fn error(&self, diagnostics: Vec<Diagnostic>) -> GenerateError {
        GenerateError {
            spec: self.spec_name(),
            diagnostics,
        }
    }

    fn emitter<'a>(&'a self, api: &'a Api) -> Emitter<'a> {
        Emitter::new(api).embed_runtime(self.runtime.is_embedded())
    }

    fn lower(&self) -> Result<Lowered, Vec<Diagnostic>> {
        let doc = self.load()?;
        Ok(Lowered {
            lowered: lower::lower(&doc, &self.options),
            files: doc.files,
        })
    }

    fn load(&self) -> Result<load::Document, Vec<Diagnostic>> {
        match &self.source {
            Source::Text { text, .. } => load::load_text(text, None),
            Source::File(path) => load::load_file(path, &load::Disk).map_err(|mut diags| {
                for d in &mut diags {
                    if d.at.is_none() && d.message.starts_with("cannot read the spec") {
                        d.help = Some(
                            "paths are relative to the crate's directory (CARGO_MANIFEST_DIR)"
                                .into(),
                        );
                    }
                }
                diags
            }),
        }
    }

    /// Formatted source of the module, with the `@generated` header: the text of
    /// [`Module::to_source`], emitted and rendered in parts on every core.
    pub fn to_source(&self) -> Result<String, GenerateError> {
        let (api, _) = self.lowered()?;
        self.render(&api)
    }

    fn render(&self, api: &Api) -> Result<String, GenerateError> {
        let body = parts::module(&self.emitter(api)).map_err(|d| self.error(d))?;
        Ok(render::with_header(&body, &self.display_name()))
    }

    /// For build scripts: writes the module to `<out_dir>/<spec stem>.rs` and returns that
    /// path. Prints `cargo:rerun-if-changed` for the spec and every file its `$ref`s name (also
    /// when one of them has an error), so editing any of them regenerates, and each warning as
    /// `cargo:warning`.
    pub fn write_to(&self, out_dir: impl AsRef<Path>) -> Result<PathBuf, GenerateError> {
        if let Some(path) = self.spec_path() {
            println!("cargo:rerun-if-changed={}", path.display());
        }
        let Lowered { lowered, files } = self.lower().map_err(|d| self.error(d))?;
        if self.spec_path().is_some() {
            for other in files.iter().skip(1) {
                println!("cargo:rerun-if-changed={}", other.display());
            }
        }
        let (api, warnings) = lowered.check().map_err(|d| self.error(d))?;
        let source = self.render(&api)?;
        for w in &warnings {
            println!("cargo:warning={}", w.display_in(&self.spec_name()));
        }
        let name = self.display_name();
        let stem = Path::new(&name)
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        let file = out_dir
            .as_ref()
            .join(format!("{}.rs", heck::AsSnakeCase(stem)));
        std::fs::write(&file, source).map_err(|e| GenerateError {
            spec: self.spec_name(),
            diagnostics: vec![Diagnostic::global(format!(
                "cannot write `{}`: {e}",
                file.display()
            ))],
        })?;
        Ok(file)
    }

    /// The spec's name for the `@generated` header: its file name, never an absolute path.
    fn display_name(&self) -> String {
        match &self.source {
            Source::File(path) => path
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_else(|| "spec".into()),
            Source::Text { name, .. } => name.clone(),
        }
    }
}
