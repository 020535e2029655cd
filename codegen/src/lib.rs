//! The generator library: OpenAPI 3.0 or 3.1 document (one file or several) in, formatted Rust source out.
//!
//! Pipeline: [`load`] (bytes into `openapiv3::OpenAPI`) → [`lower`] (into the [`ir`], with
//! [`diag::Diagnostics`]) → [`emit`] (IR into tokens; infallible) → [`render`] (prettyplease).
//! Files are emitted and rendered in parts on every core (`parts`), with the text of a whole
//! render.

pub mod diag;
pub mod diff;
pub mod emit;
pub mod fidelity;
pub mod ir;
pub mod load;
pub mod lower;
pub mod naming;
mod options;
pub mod render;

mod crate_files;
pub mod embed;
mod generator;
mod parts;

pub use crate_files::{
    generate_crate, generate_crate_from, generate_crate_with, suggest_crate_name, CrateOptions,
    GeneratedCrate, Summary,
};
pub use generator::{BestEffort, GenerateError, Generator, Module};
pub use options::{CrateName, MethodNames, Options, Runtime, RuntimePath, RuntimeVersion};
