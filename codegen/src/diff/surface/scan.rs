//! Reading the emitted items: which are public, `#[non_exhaustive]` or `Default`, their
//! methods' signatures, and types spelled as a person writes them.

use crate::emit::top_level_items;
use proc_macro2::{Delimiter, TokenStream, TokenTree};
use std::collections::BTreeMap;

use super::{ClientItem, FnSig};

/// What an emitted type item allows.
#[derive(Debug, Clone, Copy, Default)]
pub(super) struct Flags {
    pub(super) non_exhaustive: bool,
    pub(super) default: bool,
}

/// The public items of some emitted parts, by path (`Type::function`).
#[derive(Default)]
pub(super) struct Items {
    /// Structs and enums.
    pub(super) types: BTreeMap<String, Flags>,
    /// Enums and structs with public fields, as declared (the `client` module's own).
    pub(super) client_items: BTreeMap<String, ClientItem>,
    /// Inherent public functions, by `SelfType::name`.
    pub(super) fns: BTreeMap<String, FnSig>,
    /// Inherent public constants and their values, by `SelfType::NAME`.
    pub(super) consts: BTreeMap<String, String>,
}

impl Items {
    /// Reads the public items of `tokens`. Only what a signature needs is parsed (struct and
    /// enum items, function signatures, constants), not function bodies or trait impls: the
    /// bodies are most of the generated code.
    pub(super) fn read(&mut self, tokens: TokenStream) {
        for item in top_level_items(tokens) {
            self.item(item);
        }
    }

    fn item(&mut self, item: Vec<TokenTree>) {
        let Some(keyword) = item_keyword(&item) else {
            return;
        };
        let stream = || item.iter().cloned().collect::<TokenStream>();
        match keyword.as_str() {
            "struct" => {
                if let Ok(s) = syn::parse2::<syn::ItemStruct>(stream()) {
                    if is_pub(&s.vis) {
                        let members = s
                            .fields
                            .iter()
                            .filter(|f| is_pub(&f.vis))
                            .filter_map(|f| Some((f.ident.as_ref()?.to_string(), spell_syn(&f.ty))))
                            .collect();
                        self.declared(s.ident.to_string(), &s.attrs, members, false);
                    }
                }
            }
            "enum" => {
                if let Ok(e) = syn::parse2::<syn::ItemEnum>(stream()) {
                    if is_pub(&e.vis) {
                        let members = e
                            .variants
                            .iter()
                            .map(|v| {
                                let payload: Vec<String> =
                                    v.fields.iter().map(|f| spell_syn(&f.ty)).collect();
                                (v.ident.to_string(), payload.join(", "))
                            })
                            .collect();
                        self.declared(e.ident.to_string(), &e.attrs, members, true);
                    }
                }
            }
            "mod" => {
                if let Some(TokenTree::Group(body)) = item.last() {
                    self.read(body.stream());
                }
            }
            "impl" => self.inherent_impl(&item),
            _ => {}
        }
    }

    fn declared(
        &mut self,
        name: String,
        attrs: &[syn::Attribute],
        members: Vec<(String, String)>,
        is_enum: bool,
    ) {
        let flags = flags(attrs);
        self.types.insert(name.clone(), flags);
        self.client_items.insert(
            name,
            ClientItem {
                non_exhaustive: flags.non_exhaustive,
                members,
                is_enum,
            },
        );
    }

    /// The public functions and constants of `impl Type { .. }` (trait impls are left out).
    fn inherent_impl(&mut self, item: &[TokenTree]) {
        let Some(at) = item
            .iter()
            .position(|t| matches!(t, TokenTree::Ident(i) if i == "impl"))
        else {
            return;
        };
        let Some((TokenTree::Group(body), head)) = item[at + 1..].split_last() else {
            return;
        };
        if head
            .iter()
            .any(|t| matches!(t, TokenTree::Ident(i) if i == "for"))
        {
            return;
        }
        // `impl<A, B> Name<A, B>`: the generics are left out of the name.
        let mut depth = 0;
        let mut name = Vec::new();
        for t in head {
            match t {
                TokenTree::Punct(p) if p.as_char() == '<' => depth += 1,
                TokenTree::Punct(p) if p.as_char() == '>' => depth -= 1,
                _ if depth == 0 => name.push(t.clone()),
                _ => {}
            }
        }
        let self_ty = spell(name.into_iter().collect());
        for member in top_level_items(body.stream()) {
            match item_keyword(&member).as_deref() {
                Some("fn") => {
                    // The signature: everything but the attributes and the body.
                    let Some((TokenTree::Group(_), head)) = member.split_last() else {
                        continue;
                    };
                    let tokens: TokenStream = head.iter().cloned().collect();
                    let Ok(f) = syn::parse2::<SigOnly>(tokens) else {
                        continue;
                    };
                    if is_pub(&f.vis) {
                        let sig = sig(&f.sig);
                        self.fns.insert(format!("{self_ty}::{}", f.sig.ident), sig);
                    }
                }
                Some("const") => {
                    let tokens: TokenStream = member.into_iter().collect();
                    if let Ok(c) = syn::parse2::<syn::ImplItemConst>(tokens) {
                        if is_pub(&c.vis) {
                            let value = match &c.expr {
                                syn::Expr::Lit(syn::ExprLit {
                                    lit: syn::Lit::Str(text),
                                    ..
                                }) => text.value(),
                                other => spell(quote::ToTokens::to_token_stream(other)),
                            };
                            self.consts.insert(format!("{self_ty}::{}", c.ident), value);
                        }
                    }
                }
                _ => {}
            }
        }
    }
}

/// A function's attributes, visibility and signature, without its body.
struct SigOnly {
    vis: syn::Visibility,
    sig: syn::Signature,
}

impl syn::parse::Parse for SigOnly {
    fn parse(input: syn::parse::ParseStream) -> syn::Result<Self> {
        input.call(syn::Attribute::parse_outer)?;
        Ok(SigOnly {
            vis: input.parse()?,
            sig: input.parse()?,
        })
    }
}

/// The keyword that says what an item is (`struct`, `enum`, `impl`, `fn`, `mod`, `const`,
/// ...), after its attributes and visibility.
fn item_keyword(item: &[TokenTree]) -> Option<String> {
    const KEYWORDS: [&str; 9] = [
        "struct", "enum", "impl", "fn", "mod", "const", "type", "use", "static",
    ];
    item.iter().find_map(|t| match t {
        TokenTree::Ident(i) => {
            let word = i.to_string();
            KEYWORDS.contains(&word.as_str()).then_some(word)
        }
        _ => None,
    })
}

fn is_pub(vis: &syn::Visibility) -> bool {
    matches!(vis, syn::Visibility::Public(_))
}

/// `#[non_exhaustive]` and `#[derive(.., Default, ..)]` of an item.
fn flags(attrs: &[syn::Attribute]) -> Flags {
    let mut flags = Flags::default();
    for attr in attrs {
        if attr.path().is_ident("non_exhaustive") {
            flags.non_exhaustive = true;
        } else if attr.path().is_ident("derive") {
            let list = spell(quote::ToTokens::to_token_stream(&attr.meta));
            flags.default |= list
                .split(|c: char| !(c.is_alphanumeric() || c == '_'))
                .any(|word| word == "Default");
        }
    }
    flags
}

fn sig(sig: &syn::Signature) -> FnSig {
    let inputs = sig
        .inputs
        .iter()
        .filter_map(|arg| match arg {
            syn::FnArg::Typed(t) => Some((
                spell(quote::ToTokens::to_token_stream(&t.pat)),
                spell_syn(&t.ty),
            )),
            syn::FnArg::Receiver(_) => None,
        })
        .collect();
    let output = match &sig.output {
        syn::ReturnType::Default => "()".to_string(),
        syn::ReturnType::Type(_, ty) => spell_syn(ty),
    };
    FnSig { inputs, output }
}

fn spell_syn(ty: &syn::Type) -> String {
    spell(quote::ToTokens::to_token_stream(ty))
}

/// Module paths that only say where an item lives, left out of spelled types: the generated
/// crate's own modules as seen from inside it, and the runtime it re-exports at its root.
const PATHS_LEFT_OUT: [&str; 4] = [
    "super::types::",
    "super::",
    "codegen_runtime::",
    "std::collections::",
];

/// Tokens as one line of Rust, spaced the way people write types (`Vec<Option<String>>`,
/// `BTreeMap<String, Value>`, `impl Into<String>`), module paths of [`PATHS_LEFT_OUT`] left out.
pub(in crate::diff) fn spell(tokens: TokenStream) -> String {
    fn walk(tokens: TokenStream, out: &mut String) {
        for tt in tokens {
            match tt {
                TokenTree::Group(g) => {
                    let (open, close) = match g.delimiter() {
                        Delimiter::Parenthesis => ("(", ")"),
                        Delimiter::Bracket => ("[", "]"),
                        Delimiter::Brace => ("{ ", " }"),
                        Delimiter::None => ("", ""),
                    };
                    out.push_str(open);
                    walk(g.stream(), out);
                    out.push_str(close);
                }
                TokenTree::Punct(p) => {
                    out.push(p.as_char());
                    if p.as_char() == ',' {
                        out.push(' ');
                    }
                }
                TokenTree::Ident(_) | TokenTree::Literal(_) => {
                    if out.ends_with(|c: char| c.is_alphanumeric() || c == '_' || c == '"') {
                        out.push(' ');
                    }
                    out.push_str(&tt.to_string());
                }
            }
        }
    }
    let mut out = String::new();
    walk(tokens, &mut out);
    for path in PATHS_LEFT_OUT {
        out = out.replace(path, "");
    }
    // A trailing comma is not part of how a type is written.
    out.replace(", >", ">").replace(", )", ")")
}

/// `text` with every identifier found in `names` replaced by its value (types renamed
/// between two versions).
pub(in crate::diff) fn renamed(text: &str, names: &BTreeMap<String, String>) -> String {
    if names.is_empty() {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len());
    let mut word = String::new();
    for c in text.chars().map(Some).chain([None]) {
        match c {
            Some(c) if c.is_alphanumeric() || c == '_' => word.push(c),
            _ => {
                out.push_str(names.get(&word).unwrap_or(&word));
                word.clear();
                out.extend(c);
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::super::result_types;
    use super::*;
    use quote::quote;

    #[test]
    fn spelling_drops_module_paths_and_spaces_like_a_person() {
        // As text: rustfmt would add a trailing comma inside `quote!(..)`.
        let t: TokenStream = "Result<codegen_runtime::ResponseValue<Vec<super::types::Customer>>, \
             codegen_runtime::Error<std::collections::BTreeMap<String, i64>>>"
            .parse()
            .unwrap();
        assert_eq!(
            spell(t),
            "Result<ResponseValue<Vec<Customer>>, Error<BTreeMap<String, i64>>>"
        );
        assert_eq!(
            spell(quote!(impl Into<&'static str>)),
            "impl Into<&'static str>"
        );
        assert_eq!(
            result_types("Result<ResponseValue<Vec<A>>, Error<B<C>>>"),
            ("Vec<A>".to_string(), "B<C>".to_string())
        );
    }

    #[test]
    fn renaming_replaces_whole_identifiers_only() {
        let names = BTreeMap::from([("Error".to_string(), "Problem".to_string())]);
        assert_eq!(
            renamed("Result<ErrorKind, Error>", &names),
            "Result<ErrorKind, Problem>"
        );
    }
}
