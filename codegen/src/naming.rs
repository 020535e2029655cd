//! Naming: spec strings into Rust identifiers (heck cases, keyword escaping, uniquifying).

use heck::{ToSnakeCase, ToUpperCamelCase};
use std::collections::BTreeSet;

/// Words that cannot be plain identifiers in Rust 2021 (strict, reserved and weak-but-awkward).
const KEYWORDS: &[&str] = &[
    "abstract", "as", "async", "await", "become", "box", "break", "const", "continue", "crate",
    "do", "dyn", "else", "enum", "extern", "false", "final", "fn", "for", "gen", "if", "impl",
    "in", "let", "loop", "macro", "match", "mod", "move", "mut", "override", "priv", "pub", "ref",
    "return", "self", "Self", "static", "struct", "super", "trait", "true", "try", "type",
    "typeof", "union", "unsafe", "unsized", "use", "virtual", "where", "while", "yield",
];

/// `true` if `word` is a Rust keyword (so it needs a trailing `_`).
/// What the root of every generated crate or module re-exports from the runtime (besides
/// `Client` and the `runtime` module). A schema may not take one of these names in `types`:
/// `use my_api::*; use my_api::types::*;` would make it ambiguous.
pub const ROOT_REEXPORTS: [&str; 23] = [
    "AuthError",
    "ClientConfig",
    "ClientCredentials",
    "ConfigError",
    "ConstraintError",
    "Error",
    "Event",
    "EventStream",
    "FilePart",
    "HeaderMap",
    "Nullable",
    "Pages",
    "Properties",
    "ResponseValue",
    "RetryPolicy",
    "Secret",
    "StaticToken",
    "StatusCode",
    "Stream",
    "TokenSource",
    "Transport",
    "UnknownValue",
    "Url",
];

/// Whether generated code reserves `name` at the crate root (`Client` and the runtime
/// re-exports).
pub fn is_root_name(name: &str) -> bool {
    name == "Client" || ROOT_REEXPORTS.contains(&name)
}

pub fn is_keyword(word: &str) -> bool {
    KEYWORDS.contains(&word)
}

/// A type or variant name: `UpperCamelCase`, valid, never a keyword.
///
/// `fallback` is used when nothing of `input` survives (e.g. `"+"`).
pub fn type_ident(input: &str, fallback: &str) -> String {
    if is_camel(input) {
        return sanitize(input, fallback, "T");
    }
    if is_snake(input) {
        // heck splits snake case at the underscores only and capitalizes each word.
        let mut camel = String::with_capacity(input.len());
        for word in input.split('_') {
            let (first, rest) = word.split_at(1);
            camel.push_str(&first.to_ascii_uppercase());
            camel.push_str(rest);
        }
        return sanitize(&camel, fallback, "T");
    }
    sanitize(&clean(input).to_upper_camel_case(), fallback, "T")
}

/// A field, parameter or method name: `snake_case`, valid, keyword-escaped with a trailing `_`.
pub fn field_ident(input: &str, fallback: &str) -> String {
    if is_snake(input) {
        return sanitize(input, fallback, "_");
    }
    sanitize(&clean(input).to_snake_case(), fallback, "_")
}

/// Already what heck's `to_upper_camel_case` gives back unchanged (most schema names): ASCII
/// letters, the first upper case, no two upper case in a row (`HTTPServer` would become
/// `HttpServer`). Digits are left to heck: `V2R` becomes `V2r`.
fn is_camel(input: &str) -> bool {
    let b = input.as_bytes();
    b.first().is_some_and(u8::is_ascii_uppercase)
        && b.iter().all(u8::is_ascii_alphabetic)
        && b.windows(2)
            .all(|w| !(w[0].is_ascii_uppercase() && w[1].is_ascii_uppercase()))
}

/// Already what heck's `to_snake_case` gives back unchanged (most property names): lower case
/// ASCII letters and digits in words joined by single underscores.
fn is_snake(input: &str) -> bool {
    !input.is_empty()
        && input.split('_').all(|word| {
            !word.is_empty()
                && word
                    .bytes()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
        })
}

/// Replace characters that are neither letters nor digits by word breaks, so that heck sees
/// words in `x-foo.bar`, `a/b` or `+1`. Keeps Unicode letters that are valid in identifiers.
fn clean(input: &str) -> String {
    input
        .chars()
        .map(|c| {
            if unicode_ident::is_xid_continue(c) {
                c
            } else {
                ' '
            }
        })
        .collect()
}

fn sanitize(cased: &str, fallback: &str, digit_prefix: &str) -> String {
    let mut ident: String = cased
        .chars()
        .filter(|&c| unicode_ident::is_xid_continue(c))
        .collect();
    if ident.is_empty() || ident.chars().all(|c| c == '_') {
        ident = fallback.to_string();
    }
    if ident
        .chars()
        .next()
        .is_some_and(|c| !unicode_ident::is_xid_start(c) && c != '_')
    {
        ident = format!("{digit_prefix}{ident}");
    }
    if is_keyword(&ident) || ident == "_" {
        ident.push('_');
    }
    ident
}

/// Hands out names that are unique within one scope (a module, a struct's fields, an enum's
/// variants). A taken name gets the smallest numeric suffix from 2 that is free.
#[derive(Debug, Default)]
pub struct Scope {
    taken: BTreeSet<String>,
}

impl Scope {
    pub fn new() -> Self {
        Scope::default()
    }

    /// Reserve `name` exactly; `false` if it was taken.
    pub fn reserve(&mut self, name: &str) -> bool {
        self.taken.insert(name.to_string())
    }

    pub fn is_taken(&self, name: &str) -> bool {
        self.taken.contains(name)
    }

    /// `name`, or `name2`, `name3`, ... whichever is free first; reserved on return. An
    /// escaped keyword drops its `_` before the number (`Self_` → `Self2`, `type_` → `type2`),
    /// which keeps type names camel case.
    pub fn unique(&mut self, name: &str) -> String {
        if self.reserve(name) {
            return name.to_string();
        }
        let stem = match name.strip_suffix('_') {
            Some(stem) if !stem.is_empty() && !stem.ends_with('_') => stem,
            _ => name,
        };
        let sep = if stem.ends_with(|c: char| c.is_ascii_digit()) {
            "_"
        } else {
            ""
        };
        (2..)
            .map(|n| format!("{stem}{sep}{n}"))
            .find(|candidate| self.reserve(candidate))
            .expect("an unbounded range always has a free suffix")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn idents_are_valid_rust() {
        assert_eq!(type_ident("HMAC-SHA256", "V"), "HmacSha256");
        assert_eq!(type_ident("date-time", "V"), "DateTime");
        assert_eq!(type_ident("+", "Plus"), "Plus");
        assert_eq!(type_ident("3d", "V"), "T3d");
        assert_eq!(type_ident("self", "V"), "Self_");
        assert_eq!(field_ident("type", "f"), "type_");
        assert_eq!(field_ident("total-count", "f"), "total_count");
        assert_eq!(field_ident("$ref", "f"), "ref_");
        assert_eq!(field_ident("2fa", "f"), "_2fa");
        assert_eq!(
            field_ident("aid_customers_atributes_get", "f"),
            "aid_customers_atributes_get"
        );
        assert_eq!(field_ident("gen", "f"), "gen_");
        assert_eq!(field_ident("ærlig", "f"), "ærlig");
    }

    #[test]
    fn fast_paths_agree_with_heck() {
        let inputs = [
            "customer_id",
            "id",
            "a",
            "v2",
            "address_line1",
            "sha256_hash",
            "x_1",
            "2fa",
            "type",
            "self",
            "a1b2",
            "_private",
            "trailing_",
            "double__under",
            "Customer",
            "CustomerResponse",
            "A",
            "V",
            "HTTPServer",
            "AbC",
            "Self",
            "ABc",
            "Type",
            "Sha256Hash",
            "V2Response",
            "V2R",
            "aB",
            "a_B",
            "",
            "_",
            "é",
            "Ærlig",
            "x-y",
        ];
        for input in inputs {
            assert_eq!(
                field_ident(input, "f"),
                sanitize(&clean(input).to_snake_case(), "f", "_"),
                "{input}"
            );
            assert_eq!(
                type_ident(input, "V"),
                sanitize(&clean(input).to_upper_camel_case(), "V", "T"),
                "{input}"
            );
        }
    }

    #[test]
    fn scope_suffixes_deterministically() {
        let mut scope = Scope::new();
        assert_eq!(scope.unique("Type"), "Type");
        assert_eq!(scope.unique("Type"), "Type2");
        assert_eq!(scope.unique("Type"), "Type3");
        assert_eq!(scope.unique("V1"), "V1");
        assert_eq!(scope.unique("V1"), "V1_2");
    }
}
