//! `generate!`: the generator as a proc-macro — a spec in, the client's modules out.
//!
//! ```ignore
//! // Path relative to the calling crate's Cargo.toml; editing the spec rebuilds.
//! codegen_macro::generate!("spec/customers.yaml", module = customers);
//!
//! let client = customers::Client::with_bearer_token(url, token)?;
//! ```
//!
//! Options, all optional, after the spec:
//! - `module = name`: wrap the items in `pub mod name { .. }` (default: emit them in place);
//! - `derives = [Eq, Hash]`: extra derives on every generated struct and enum;
//! - `types = { "CustomerId" = my::Id, "format:date-time" = time::OffsetDateTime }`: use your
//!   types for a schema or a string format instead of generating one;
//! - `pagination = { "aid_customers_get" = "customer_id" }`: the item field a list operation's
//!   `starting_after` cursor comes from;
//! - `method_names = "path"`: name methods after the HTTP method and path (`list_customers`,
//!   `get_customer`), or `"summary"` after the summary; default `"operation-id"` (see
//!   `codegen::MethodNames`);
//! - `features_by_tag = true`: each tag's operations (and the types only they use) behind a
//!   cargo feature named after the tag, which your `Cargo.toml` declares;
//! - `runtime = "embedded"`: the runtime's source as module `runtime` inside the generated one
//!   (default: the crate `codegen_runtime`, as `"path:.."` or `"version:.."` also say; your
//!   `Cargo.toml` names it).
//!
//! Instead of a path, `inline = "openapi: 3.0.3 ..."` takes the document itself (for tests).
//! The calling crate needs the generated code's dependencies: `codegen-runtime`, `serde`,
//! `serde_json`, `chrono` and `uuid` (with `runtime = "embedded"`: the runtime's own
//! dependencies instead of `codegen-runtime`, see the README). Spec errors become `compile_error!`s at the call, one per
//! problem, each naming the JSON pointer in the document; the parts of the spec that are fine
//! are still generated, so one error does not cascade into a missing type at every use.

use proc_macro2::{Span, TokenStream};
use quote::{quote, quote_spanned};
use syn::parse::{Parse, ParseStream};
use syn::{braced, bracketed, Ident, LitStr, Token};

/// Generates a typed client for an OpenAPI 3.0 or 3.1 document; see the crate docs for the options.
#[proc_macro]
pub fn generate(input: proc_macro::TokenStream) -> proc_macro::TokenStream {
    match syn::parse2::<Args>(input.into()) {
        Ok(args) => expand(args).into(),
        Err(e) => e.to_compile_error().into(),
    }
}

enum Spec {
    Path(LitStr),
    Inline(LitStr),
}

struct Args {
    spec: Spec,
    module: Option<Ident>,
    options: codegen::Options,
    runtime: Option<codegen::Runtime>,
}

impl Parse for Args {
    fn parse(input: ParseStream) -> syn::Result<Self> {
        let mut spec = None;
        if input.peek(LitStr) {
            spec = Some(Spec::Path(input.parse()?));
            if !input.is_empty() {
                input.parse::<Token![,]>()?;
            }
        }
        let mut module = None;
        let mut options = codegen::Options::default();
        let mut runtime = None;
        while !input.is_empty() {
            let key: Ident = input.parse()?;
            input.parse::<Token![=]>()?;
            match key.to_string().as_str() {
                "spec" => spec = Some(Spec::Path(input.parse()?)),
                "inline" => spec = Some(Spec::Inline(input.parse()?)),
                "module" => module = Some(input.parse()?),
                "derives" => {
                    let content;
                    bracketed!(content in input);
                    let paths = content.parse_terminated(syn::Path::parse, Token![,])?;
                    options.extra_derives = paths.iter().map(|p| quote!(#p).to_string()).collect();
                }
                "types" => {
                    for (key, ty) in map(input, |c| c.parse::<syn::Type>())? {
                        options.type_overrides.insert(key, quote!(#ty).to_string());
                    }
                }
                "pagination" => {
                    for (key, field) in map(input, |c| c.parse::<LitStr>())? {
                        options.pagination_cursors.insert(key, field.value());
                    }
                }
                "features_by_tag" => {
                    let on: syn::LitBool = input.parse()?;
                    options.features_by_tag = on.value;
                }
                "method_names" => {
                    let how: LitStr = input.parse()?;
                    let parsed = how.value().parse::<codegen::MethodNames>();
                    options.method_names = parsed.map_err(|e| syn::Error::new(how.span(), e))?;
                }
                "runtime" => {
                    let how: LitStr = input.parse()?;
                    let parsed = how.value().parse::<codegen::Runtime>();
                    runtime = Some(parsed.map_err(|e| syn::Error::new(how.span(), e))?);
                }
                other => {
                    return Err(syn::Error::new(
                        key.span(),
                        format!(
                            "unknown option `{other}`; expected one of: spec, inline, module, \
                             derives, types, pagination, method_names, features_by_tag, runtime"
                        ),
                    ))
                }
            }
            if !input.is_empty() {
                input.parse::<Token![,]>()?;
            }
        }
        let spec = spec.ok_or_else(|| {
            input.error(
                "expected the spec: `generate!(\"path/to/spec.yaml\")` or `inline = \"...\"`",
            )
        })?;
        Ok(Args {
            spec,
            module,
            options,
            runtime,
        })
    }
}

/// `{ "key" = value, ... }`
fn map<T>(
    input: ParseStream,
    value: impl Fn(ParseStream) -> syn::Result<T>,
) -> syn::Result<Vec<(String, T)>> {
    let content;
    braced!(content in input);
    let mut entries = Vec::new();
    while !content.is_empty() {
        let key: LitStr = content.parse()?;
        content.parse::<Token![=]>()?;
        entries.push((key.value(), value(&content)?));
        if !content.is_empty() {
            content.parse::<Token![,]>()?;
        }
    }
    Ok(entries)
}

fn expand(args: Args) -> TokenStream {
    let (generator, span, track) = match &args.spec {
        Spec::Inline(text) => (
            codegen::Generator::from_text("inline spec", text.value()),
            text.span(),
            TokenStream::new(),
        ),
        Spec::Path(path) => {
            let root = std::env::var("CARGO_MANIFEST_DIR").unwrap_or_default();
            let full = std::path::Path::new(&root).join(path.value());
            (
                codegen::Generator::new(full),
                path.span(),
                TokenStream::new(),
            )
        }
    };
    let mut generator = generator.options(args.options);
    if let Some(runtime) = args.runtime {
        generator = generator.runtime(runtime);
    }
    let codegen::BestEffort {
        tokens: items,
        diagnostics,
        files,
    } = generator.module_best_effort();
    // Makes cargo rebuild the calling crate when the spec, or a file its `$ref`s name, changes
    // (an inline spec has no file).
    let shown = files
        .iter()
        .filter(|f| f.is_file())
        .map(|f| f.display().to_string());
    let track = quote!(
        #track
        #(const _: &[u8] = include_bytes!(#shown);)*
    );
    let name = match &args.spec {
        Spec::Path(path) => path.value(),
        Spec::Inline(_) => "inline spec".to_string(),
    };
    let errors = diagnostics
        .iter()
        .filter(|d| d.severity == codegen::diag::Severity::Error)
        .map(|d| compile_error(span, &d.display_in(&name).to_string()));
    let items = items.unwrap_or_default();
    let body = quote! {
        #(#errors)*
        #track
        #items
    };
    match args.module {
        Some(module) => quote!(pub mod #module { #body }),
        None => body,
    }
}

fn compile_error(span: Span, message: &str) -> TokenStream {
    quote_spanned!(span=> compile_error!(#message);)
}
