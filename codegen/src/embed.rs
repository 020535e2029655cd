//! The runtime's source as module `runtime` of the generated code (`Runtime::Embedded`).
//!
//! `codegen/runtime` stays where the runtime is written and tested: its files are compiled into
//! the generator (`include_str!`) and moved under a module on syntax. Its `crate::` paths become
//! relative ones (`self::`, `super::`), so the module works wherever it sits; `#[cfg(test)]` items
//! go (their dev-dependencies with them). A crate keeps the runtime's features (its
//! `Cargo.toml` gets the runtime's `[features]` and `[dependencies]`, copied from
//! `codegen/runtime/Cargo.toml`); a module inside another crate, which has no such features,
//! gets them decided ([`MODULE_FEATURES`]).

use crate::diag::Diagnostic;
use crate::render;
use proc_macro2::{Delimiter, Group, Ident, Span, TokenStream, TokenTree};
use quote::quote;
use syn::visit_mut::{self, VisitMut};

/// The runtime's source files: `lib.rs`, then every module it declares (a test checks that
/// this is every file of `codegen/runtime/src`).
const SOURCES: [(&str, &str); 27] = [
    ("lib.rs", include_str!("../runtime/src/lib.rs")),
    ("auth.rs", include_str!("../runtime/src/auth.rs")),
    ("client.rs", include_str!("../runtime/src/client.rs")),
    (
        "constraint.rs",
        include_str!("../runtime/src/constraint.rs"),
    ),
    ("datetime.rs", include_str!("../runtime/src/datetime.rs")),
    ("encode.rs", include_str!("../runtime/src/encode.rs")),
    ("error.rs", include_str!("../runtime/src/error.rs")),
    ("events.rs", include_str!("../runtime/src/events.rs")),
    ("examples.rs", include_str!("../runtime/src/examples.rs")),
    (
        "extensions.rs",
        include_str!("../runtime/src/extensions.rs"),
    ),
    ("hook.rs", include_str!("../runtime/src/hook.rs")),
    ("http.rs", include_str!("../runtime/src/http.rs")),
    ("lenient.rs", include_str!("../runtime/src/lenient.rs")),
    ("mock.rs", include_str!("../runtime/src/mock.rs")),
    ("multipart.rs", include_str!("../runtime/src/multipart.rs")),
    ("nullable.rs", include_str!("../runtime/src/nullable.rs")),
    ("paging.rs", include_str!("../runtime/src/paging.rs")),
    (
        "properties.rs",
        include_str!("../runtime/src/properties.rs"),
    ),
    ("redact.rs", include_str!("../runtime/src/redact.rs")),
    ("redacted.rs", include_str!("../runtime/src/redacted.rs")),
    ("response.rs", include_str!("../runtime/src/response.rs")),
    ("retry.rs", include_str!("../runtime/src/retry.rs")),
    ("style.rs", include_str!("../runtime/src/style.rs")),
    ("tagged.rs", include_str!("../runtime/src/tagged.rs")),
    ("typestate.rs", include_str!("../runtime/src/typestate.rs")),
    ("unknown.rs", include_str!("../runtime/src/unknown.rs")),
    ("value.rs", include_str!("../runtime/src/value.rs")),
];

/// The runtime's manifest: its `[features]` and `[dependencies]` become an embedding crate's.
pub(crate) const MANIFEST: &str = include_str!("../runtime/Cargo.toml");

/// The runtime's features in a module embedded into another crate, which has no such
/// features: `(feature, enabled)`. All are off, so the crate needs none of the runtime's
/// optional dependencies: HTTPS comes from a TLS feature of `reqwest` that the crate enables
/// (its default features have one), there are no `tracing` spans and no `MockServer`.
pub const MODULE_FEATURES: [(&str, bool); 3] =
    [("rustls-ring", false), ("tracing", false), ("mock", false)];

/// The file names of the runtime's sources, `lib.rs` first.
pub fn source_names() -> impl Iterator<Item = &'static str> {
    SOURCES.iter().map(|(name, _)| *name)
}

/// The body of table `[name]` of the runtime's manifest (comments included), without its
/// header line.
pub(crate) fn manifest_table(name: &str) -> &'static str {
    let header = format!("[{name}]\n");
    let Some(start) = MANIFEST.find(&header) else {
        return "";
    };
    let body = &MANIFEST[start + header.len()..];
    let end = body.find("\n[").map_or(body.len(), |i| i + 1);
    body[..end].trim_end_matches('\n')
}

/// The `[dependencies]` lines a crate that includes a module with the embedded runtime needs:
/// the runtime's own, without the optional ones ([`MODULE_FEATURES`] are off) and comments.
pub fn module_dependencies() -> String {
    manifest_table("dependencies")
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty() && !l.contains("optional = true"))
        .map(|l| format!("{l}\n"))
        .collect()
}

/// The runtime's package version, for the header of its embedded files.
pub(crate) fn version() -> &'static str {
    MANIFEST
        .lines()
        .find_map(|l| l.strip_prefix("version = \""))
        .and_then(|v| v.strip_suffix('"'))
        .unwrap_or("?")
}

/// A file of a crate: its path and text.
type File = (String, String);

/// The files of `src/runtime/` for a crate: `mod.rs` (the runtime's `lib.rs`) and one file per
/// module, formatted, each under an `@generated` header.
pub(crate) fn crate_files() -> Result<Vec<File>, Diagnostic> {
    let header = format!(
        "// @generated by codegen: the source of `codegen-runtime` {}, embedded (its tests and\n\
         // comments are in that crate). Do not edit by hand; regenerate.\n\n",
        version()
    );
    let render = |i: usize| {
        let name = SOURCES[i].0;
        let file = relocated(i, None)?;
        let text = render::syntax(file)
            .map_err(|e| internal(format!("the runtime's `{name}` does not print: {e}")))?;
        let path = if i == 0 { "mod.rs" } else { name };
        Ok((format!("src/runtime/{path}"), format!("{header}{text}")))
    };
    // Files are parsed and printed on every core (`CODEGEN_THREADS`), dealt out in turn.
    let threads = crate::parts::threads().min(SOURCES.len());
    let mut done: Vec<(usize, Result<File, Diagnostic>)> = std::thread::scope(|scope| {
        let workers: Vec<_> = (0..threads)
            .map(|t| {
                let render = &render;
                scope.spawn(move || {
                    (t..SOURCES.len())
                        .step_by(threads)
                        .map(|i| (i, render(i)))
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        workers
            .into_iter()
            .flat_map(|w| {
                w.join().unwrap_or_else(|_| {
                    vec![(0, Err(internal("rendering the runtime panicked".into())))]
                })
            })
            .collect()
    });
    done.sort_by_key(|(i, _)| *i);
    done.into_iter().map(|(_, file)| file).collect()
}

/// `pub mod runtime { .. }` for a module embedded into another crate: every file inline, the
/// features decided by [`MODULE_FEATURES`]. The including crate may be a binary that uses a
/// fraction of it, where nothing is exported: unused items and re-exports are allowed, and so
/// is the one clippy lint that spares exported names only (`Error::ErrorResponse`).
pub(crate) fn module_tokens() -> Result<TokenStream, Diagnostic> {
    let mut root = relocated(0, Some(&MODULE_FEATURES))?;
    for item in &mut root.items {
        let syn::Item::Mod(module) = item else {
            continue;
        };
        if module.content.is_some() {
            continue;
        }
        let name = format!("{}.rs", module.ident);
        let Some(i) = SOURCES.iter().position(|(n, _)| *n == name) else {
            return Err(internal(format!(
                "the runtime declares `mod {}` but has no `{name}`",
                module.ident
            )));
        };
        let file = relocated(i, Some(&MODULE_FEATURES))?;
        module.attrs.extend(file.attrs);
        module.content = Some((Default::default(), file.items));
        module.semi = None;
    }
    let attrs = root.attrs;
    let items = root.items;
    Ok(quote! {
        #[allow(dead_code, unused_imports, clippy::enum_variant_names)]
        pub mod runtime {
            #(#attrs)*
            #(#items)*
        }
    })
}

/// Source file `i` parsed and moved under the runtime's module: its `crate::` paths relative,
/// its `#[cfg(test)]` items gone, and with `features`, each `feature = ".."` in a `cfg` decided.
fn relocated(i: usize, features: Option<&[(&str, bool)]>) -> Result<syn::File, Diagnostic> {
    let (name, text) = SOURCES[i];
    let mut file = syn::parse_file(text)
        .map_err(|e| internal(format!("the runtime's `{name}` does not parse: {e}")))?;
    let mut relocate = Relocate {
        depth: usize::from(i != 0),
        features,
    };
    relocate.visit_file_mut(&mut file);
    Ok(file)
}

fn internal(message: String) -> Diagnostic {
    Diagnostic::internal(message)
}

/// Rewrites one file of the runtime for its place under module `runtime`.
struct Relocate<'a> {
    /// Modules between the item being visited and the runtime's root (0 in `lib.rs`).
    depth: usize,
    features: Option<&'a [(&'a str, bool)]>,
}

impl Relocate<'_> {
    /// What `crate` becomes here: `self` at the root, else one `super` per module.
    fn prefix(&self) -> Vec<Ident> {
        let span = Span::call_site();
        if self.depth == 0 {
            vec![Ident::new("self", span)]
        } else {
            (0..self.depth).map(|_| Ident::new("super", span)).collect()
        }
    }

    fn prefix_text(&self) -> String {
        let words: Vec<String> = self.prefix().iter().map(|i| i.to_string()).collect();
        words.join("::")
    }

    /// `crate ::` in macro tokens becomes the prefix; `cfg(..)` groups get their features
    /// decided.
    fn tokens(&self, tokens: TokenStream) -> TokenStream {
        let trees: Vec<TokenTree> = tokens.into_iter().collect();
        let mut out = Vec::with_capacity(trees.len());
        let mut i = 0;
        while i < trees.len() {
            match (&trees[i], trees.get(i + 1)) {
                (TokenTree::Ident(id), Some(TokenTree::Punct(p)))
                    if id == "crate" && p.as_char() == ':' =>
                {
                    for (k, word) in self.prefix().into_iter().enumerate() {
                        if k > 0 {
                            out.extend(quote!(::));
                        }
                        out.push(TokenTree::Ident(word));
                    }
                }
                (TokenTree::Ident(id), Some(TokenTree::Group(g)))
                    if (id == "cfg" || id == "cfg_attr")
                        && g.delimiter() == Delimiter::Parenthesis =>
                {
                    out.push(trees[i].clone());
                    out.push(TokenTree::Group(self.group(g, true)));
                    i += 2;
                    continue;
                }
                (TokenTree::Group(g), _) => out.push(TokenTree::Group(self.group(g, false))),
                (tree, _) => out.push(tree.clone()),
            }
            i += 1;
        }
        out.into_iter().collect()
    }

    /// A group with its tokens rewritten; `in_cfg`: it is the predicate of a `cfg`.
    fn group(&self, g: &Group, in_cfg: bool) -> Group {
        let inner = if in_cfg {
            self.decide(g.stream())
        } else {
            self.tokens(g.stream())
        };
        let mut out = Group::new(g.delimiter(), inner);
        out.set_span(g.span());
        out
    }

    /// A `cfg` predicate with each `feature = "name"` of [`Relocate::features`] replaced by
    /// `all()` (always true) or `any()` (always false).
    fn decide(&self, tokens: TokenStream) -> TokenStream {
        let Some(features) = self.features else {
            return tokens;
        };
        let trees: Vec<TokenTree> = tokens.into_iter().collect();
        let mut out = TokenStream::new();
        let mut i = 0;
        while i < trees.len() {
            if let (TokenTree::Ident(id), Some(TokenTree::Punct(eq)), Some(TokenTree::Literal(l))) =
                (&trees[i], trees.get(i + 1), trees.get(i + 2))
            {
                let name = l.to_string();
                let known = features.iter().find(|(f, _)| {
                    name.strip_prefix('"').and_then(|n| n.strip_suffix('"')) == Some(f)
                });
                if id == "feature" && eq.as_char() == '=' {
                    if let Some((_, on)) = known {
                        out.extend(if *on { quote!(all()) } else { quote!(any()) });
                        i += 3;
                        continue;
                    }
                }
            }
            match &trees[i] {
                TokenTree::Group(g) => out.extend([TokenTree::Group(self.group(g, true))]),
                tree => out.extend([tree.clone()]),
            }
            i += 1;
        }
        out
    }

    /// `doc` text with intra-doc links through `crate::` made relative.
    fn doc(&self, text: &str) -> String {
        let prefix = self.prefix_text();
        text.replace("(crate::", &format!("({prefix}::"))
            .replace("`crate::", &format!("`{prefix}::"))
    }
}

/// `#[cfg(test)]`.
fn is_test_only(attrs: &[syn::Attribute]) -> bool {
    attrs.iter().any(|a| match &a.meta {
        syn::Meta::List(list) => list.path.is_ident("cfg") && list.tokens.to_string() == "test",
        _ => false,
    })
}

impl VisitMut for Relocate<'_> {
    fn visit_file_mut(&mut self, file: &mut syn::File) {
        file.items.retain(|item| !is_test_only(item_attrs(item)));
        visit_mut::visit_file_mut(self, file);
    }

    fn visit_item_mod_mut(&mut self, module: &mut syn::ItemMod) {
        let inline = module.content.is_some();
        if let Some((_, items)) = &mut module.content {
            items.retain(|item| !is_test_only(item_attrs(item)));
        }
        self.depth += usize::from(inline);
        visit_mut::visit_item_mod_mut(self, module);
        self.depth -= usize::from(inline);
    }

    fn visit_item_impl_mut(&mut self, item: &mut syn::ItemImpl) {
        item.items.retain(|item| match item {
            syn::ImplItem::Fn(f) => !is_test_only(&f.attrs),
            syn::ImplItem::Const(c) => !is_test_only(&c.attrs),
            syn::ImplItem::Type(t) => !is_test_only(&t.attrs),
            _ => true,
        });
        visit_mut::visit_item_impl_mut(self, item);
    }

    fn visit_path_mut(&mut self, path: &mut syn::Path) {
        if path.leading_colon.is_none()
            && path.segments.len() > 1
            && path.segments.first().is_some_and(|s| s.ident == "crate")
        {
            let rest = std::mem::take(&mut path.segments).into_iter().skip(1);
            path.segments = self
                .prefix()
                .into_iter()
                .map(syn::PathSegment::from)
                .chain(rest)
                .collect();
        }
        visit_mut::visit_path_mut(self, path);
    }

    fn visit_item_use_mut(&mut self, item: &mut syn::ItemUse) {
        if let syn::UseTree::Path(path) = &mut item.tree {
            if path.ident == "crate" && item.leading_colon.is_none() {
                let mut words = self.prefix();
                let first = words.remove(0);
                let placeholder = syn::UseTree::Glob(syn::UseGlob {
                    star_token: Default::default(),
                });
                let mut tree = std::mem::replace(&mut path.tree, Box::new(placeholder));
                for word in words.into_iter().rev() {
                    tree = Box::new(syn::UseTree::Path(syn::UsePath {
                        ident: word,
                        colon2_token: Default::default(),
                        tree,
                    }));
                }
                path.ident = first;
                path.tree = tree;
            }
        }
        visit_mut::visit_item_use_mut(self, item);
    }

    fn visit_attribute_mut(&mut self, attr: &mut syn::Attribute) {
        match &mut attr.meta {
            syn::Meta::NameValue(nv) if nv.path.is_ident("doc") => {
                if let syn::Expr::Lit(syn::ExprLit {
                    lit: syn::Lit::Str(s),
                    ..
                }) = &mut nv.value
                {
                    let text = self.doc(&s.value());
                    *s = syn::LitStr::new(&text, s.span());
                }
            }
            syn::Meta::List(list)
                if list.path.is_ident("cfg") || list.path.is_ident("cfg_attr") =>
            {
                list.tokens = self.decide(std::mem::take(&mut list.tokens));
            }
            _ => {}
        }
    }

    fn visit_macro_mut(&mut self, mac: &mut syn::Macro) {
        mac.tokens = self.tokens(std::mem::take(&mut mac.tokens));
        visit_mut::visit_macro_mut(self, mac);
    }
}

/// An item's attributes (none for the kinds the runtime does not mark `#[cfg(test)]`).
fn item_attrs(item: &syn::Item) -> &[syn::Attribute] {
    match item {
        syn::Item::Mod(i) => &i.attrs,
        syn::Item::Fn(i) => &i.attrs,
        syn::Item::Use(i) => &i.attrs,
        syn::Item::Impl(i) => &i.attrs,
        syn::Item::Struct(i) => &i.attrs,
        syn::Item::Enum(i) => &i.attrs,
        syn::Item::Const(i) => &i.attrs,
        syn::Item::Static(i) => &i.attrs,
        syn::Item::Trait(i) => &i.attrs,
        syn::Item::Type(i) => &i.attrs,
        syn::Item::Macro(i) => &i.attrs,
        _ => &[],
    }
}
