//! Doc comments from spec text, made safe for rustdoc (no stray doctests, links or HTML).

use crate::ir::{Docs, Operation};
use proc_macro2::{Literal, TokenStream};
use quote::quote;

/// Markdown from the spec, rewritten so rustdoc renders it and never runs or links it:
/// code fences become `text` blocks, indented code is dedented, `[`, `]`, `<`, `>` are escaped
/// and bare URLs are wrapped in `<...>`.
pub fn sanitize(text: &str) -> String {
    let mut out = Vec::new();
    let mut in_fence = false;
    let mut item_indent = None;
    for line in text.trim_end().lines() {
        let trimmed = line.trim_start();
        if trimmed.starts_with("```") || trimmed.starts_with("~~~") {
            out.push(if in_fence {
                "```".to_string()
            } else {
                "```text".to_string()
            });
            in_fence = !in_fence;
            continue;
        }
        if in_fence {
            out.push(line.to_string());
            continue;
        }
        // A line that continues a list item (Markdown's lazy continuation) is indented under
        // the item's text, as rustdoc's lints want it.
        match (list_marker(trimmed), trimmed.is_empty()) {
            (Some(width), _) => item_indent = Some(width),
            (None, true) => item_indent = None,
            (None, false) => {
                if let Some(width) = item_indent {
                    out.push(format!("{}{}", " ".repeat(width), escape_line(trimmed)));
                    continue;
                }
            }
        }
        out.push(escape_line(trimmed));
    }
    if in_fence {
        out.push("```".to_string());
    }
    out.join("\n")
}

/// Where a list item's text starts (`- a` at 2, `*   a` at 4, `10. a` at 4), if `line` starts
/// one: the marker and the one to four spaces after it.
fn list_marker(line: &str) -> Option<usize> {
    let digits = line.len() - line.trim_start_matches(|c: char| c.is_ascii_digit()).len();
    let marker = match line[digits..].chars().next() {
        Some('-' | '*' | '+') if digits == 0 => 1,
        Some('.' | ')') if digits > 0 && digits < 10 => digits + 1,
        _ => return None,
    };
    let rest = &line[marker..];
    let spaces = rest.len() - rest.trim_start_matches(' ').len();
    (1..=4).contains(&spaces).then_some(marker + spaces)
}

/// One line of prose: inline code spans and `<https://...>` autolinks are kept as written,
/// bare URLs (at a word start or after `(`) are wrapped in `<...>`, and `[`, `]`, `<`, `>`
/// elsewhere are escaped.
fn escape_line(line: &str) -> String {
    let mut out = String::with_capacity(line.len() + 8);
    let mut rest = line;
    while let Some(c) = rest.chars().next() {
        if c == '`' {
            let ticks = rest.len() - rest.trim_start_matches('`').len();
            let fence = &rest[..ticks];
            let span = rest[ticks..]
                .find(fence)
                .map_or(ticks, |end| ticks + end + ticks);
            out.push_str(&rest[..span]);
            rest = &rest[span..];
            continue;
        }
        if rest.starts_with("<http://") || rest.starts_with("<https://") {
            if let Some(end) = rest.find('>').filter(|&end| !rest[..end].contains(' ')) {
                out.push_str(&rest[..=end]);
                rest = &rest[end + 1..];
                continue;
            }
        }
        let word_start = out.is_empty() || out.ends_with(|p: char| p.is_whitespace() || p == '(');
        if word_start && (rest.starts_with("http://") || rest.starts_with("https://")) {
            let end = rest.find(char::is_whitespace).unwrap_or(rest.len());
            let (url, _) = split_url(&rest[..end]);
            out.push('<');
            out.push_str(url);
            out.push('>');
            rest = &rest[url.len()..];
            continue;
        }
        match c {
            '[' => out.push_str("\\["),
            ']' => out.push_str("\\]"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            _ => out.push(c),
        }
        rest = &rest[c.len_utf8()..];
    }
    out
}

/// Split trailing punctuation off a URL (`https://x.com/a.` → `https://x.com/a`, `.`).
fn split_url(word: &str) -> (&str, &str) {
    let end = word.trim_end_matches(['.', ',', ')', ';', ':']).len();
    word.split_at(end)
}

/// Inline code for a JSON value: `` `"x"` `` (double backticks when the value has one).
fn code(value: &serde_json::Value) -> String {
    code_span(&value.to_string())
}

/// Inline code for `text` (double backticks when it has one).
fn code_span(text: &str) -> String {
    if text.contains('`') {
        format!("`` {text} ``")
    } else {
        format!("`{text}`")
    }
}

/// The `client` module's table: each operation's operationId, its method on `Client` (linked)
/// and its HTTP method and path, in spec order. One short row per operation, so it stays
/// readable (and cheap for rustdoc) for specs with a thousand operations. Starts with a
/// blank line; empty without operations.
pub fn operations_table(ops: &[Operation]) -> String {
    if ops.is_empty() {
        return String::new();
    }
    // Inline code in a table cell: a `|` would end the cell, a line break the row.
    let cell = |text: &str| code_span(&text.replace('|', "\\|").replace(['\r', '\n'], " "));
    let mut table = String::from(
        "\nEvery operation, its method on [`Client`], and its request:\n\n\
         | operationId | method | request |\n|---|---|---|\n",
    );
    for op in ops {
        let id = op.operation_id.as_deref().map(cell).unwrap_or_default();
        let request = cell(&format!("{} {}", op.method.as_str(), op.path));
        let ident = &op.ident;
        table.push_str(&format!(
            "| {id} | [`{ident}`](Client::{ident}) | {request} |\n"
        ));
    }
    table
}

/// The doc text of an item: title, description, default, example, extra notes.
pub fn text(docs: &Docs, notes: &[String]) -> String {
    let mut parts = Vec::new();
    if let Some(title) = &docs.title {
        parts.push(sanitize(title));
    }
    if let Some(description) = &docs.description {
        parts.push(sanitize(description));
    }
    if let Some(default) = &docs.default {
        parts.push(format!("Defaults to {}.", code(default)));
    }
    if let Some(example) = &docs.example {
        parts.push(format!("Example: {}", code(example)));
    }
    parts.extend(notes.iter().cloned());
    parts.join("\n\n")
}

/// `#[doc = "..."]` attributes, one per line (so prettyplease prints `///` lines).
pub fn attrs(text: &str) -> TokenStream {
    if text.is_empty() {
        return TokenStream::new();
    }
    let lines = doc_lines(text);
    quote! { #( #[doc = #lines] )* }
}

/// `#![doc = "..."]` attributes, one per line (so prettyplease prints `//!` lines).
pub fn inner_attrs(text: &str) -> TokenStream {
    let lines = doc_lines(text);
    quote! { #( #![doc = #lines] )* }
}

/// The lines of a doc comment, each after a space as `///` and `//!` write them; a tab is four
/// spaces (clippy's `tabs_in_doc_comments`).
fn doc_lines(text: &str) -> impl Iterator<Item = Literal> + '_ {
    text.lines().map(|l| {
        if l.is_empty() {
            doc_literal("")
        } else if l.contains('\t') {
            doc_literal(&format!(" {}", l.replace('\t', "    ")))
        } else {
            doc_literal(&format!(" {l}"))
        }
    })
}

/// A doc line as a raw string literal (`r" text"`, `r#"say "hi""#`). Its value is the line,
/// as with `Literal::string`, which escapes it char by char; the raw form is copied as it is,
/// here and when syn and prettyplease read it back (docs are a fifth of the output's text).
/// A line with a carriage return (not allowed bare in a raw string) is escaped.
fn doc_literal(line: &str) -> Literal {
    if !line.contains('\r') {
        let hashes = "#".repeat(raw_hashes(line));
        if let Ok(literal) = format!("r{hashes}\"{line}\"{hashes}").parse() {
            return literal;
        }
    }
    Literal::string(line)
}

/// How many `#` a raw string of `text` needs: one more than the longest run after a `"`.
fn raw_hashes(text: &str) -> usize {
    text.match_indices('"')
        .map(|(at, _)| 1 + text[at + 1..].len() - text[at + 1..].trim_start_matches('#').len())
        .max()
        .unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use quote::ToTokens;

    #[test]
    fn list_items_continued_on_the_next_line_are_indented() {
        assert_eq!(
            sanitize("Fields:\n- `a`: the a\nthat wraps\n10. b\nwraps\n*   c\nwraps\n\nAfter."),
            "Fields:\n- `a`: the a\n  that wraps\n10. b\n    wraps\n*   c\n    wraps\n\nAfter."
        );
    }

    #[test]
    fn code_is_never_a_doctest() {
        let text = sanitize(
            "Call it:\n```\nlet x = 1;\n```\n    indented();\nsee [a] <b> https://x.com/y.",
        );
        assert_eq!(
            text,
            "Call it:\n```text\nlet x = 1;\n```\nindented();\nsee \\[a\\] &lt;b&gt; <https://x.com/y>."
        );
    }

    #[test]
    fn tabs_are_four_spaces() {
        let attrs = attrs("a\tb").to_string();
        assert!(attrs.contains("a    b"), "{attrs}");
    }

    /// A doc line's literal has the line as its value, whatever quotes, hashes, backslashes
    /// or carriage returns it holds.
    #[test]
    fn doc_literals_hold_the_line() {
        for line in [
            "",
            " plain",
            r#" a "quoted" word"#,
            r##" r#"raw"# and "# and \n"##,
            " ends in a quote\"",
            " a\rb",
            " ünïcode ✓",
        ] {
            let literal = syn::parse2::<syn::LitStr>(doc_literal(line).into_token_stream());
            assert_eq!(literal.expect("a string literal").value(), line, "{line:?}");
        }
    }
}
