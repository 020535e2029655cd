//! Diagnostics: a JSON pointer into the spec, what is wrong, and an optional hint.

use std::fmt;
use std::sync::Arc;

/// An RFC 6901 JSON pointer into the spec, e.g. `#/components/schemas/Customer`.
///
/// Stored unescaped as a list of tokens; escaped (`~0`, `~1`) only when printed. Tokens are
/// shared: lowering makes a pointer for every schema and property it visits, each one token
/// longer than its parent's.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub struct Pointer(Vec<Arc<str>>);

impl Pointer {
    /// The document root, `#`.
    pub fn root() -> Self {
        Pointer(Vec::new())
    }

    /// A pointer from already-split tokens, e.g. `["components", "schemas", "Customer"]`.
    pub fn from_tokens<I: IntoIterator<Item = S>, S: Into<Arc<str>>>(tokens: I) -> Self {
        Pointer(tokens.into_iter().map(Into::into).collect())
    }

    /// Parse a local `$ref` (`#/components/schemas/A~1B`) into a pointer.
    ///
    /// The fragment is URI-encoded as RFC 6901 §6 writes it in a URI (`~1%7Bid%7D` is `/{id}`):
    /// it is percent-decoded before it is split, unless that gives no UTF-8.
    pub fn parse_ref(reference: &str) -> Option<Self> {
        let fragment = reference.strip_prefix('#')?;
        let decoded = percent_encoding::percent_decode_str(fragment).decode_utf8();
        let rest = decoded.as_deref().unwrap_or(fragment);
        if rest.is_empty() {
            return Some(Pointer::root());
        }
        let rest = rest.strip_prefix('/')?;
        Some(Pointer(
            rest.split('/')
                .map(|t| t.replace("~1", "/").replace("~0", "~").into())
                .collect(),
        ))
    }

    /// This pointer with one more token.
    pub fn push(&self, token: impl fmt::Display) -> Self {
        let mut tokens = Vec::with_capacity(self.0.len() + 1);
        tokens.extend(self.0.iter().cloned());
        tokens.push(token.to_string().into());
        Pointer(tokens)
    }

    /// The unescaped tokens.
    pub fn tokens(&self) -> &[Arc<str>] {
        &self.0
    }

    /// The last token, if any.
    pub fn last(&self) -> Option<&str> {
        self.0.last().map(|t| &**t)
    }
}

impl fmt::Display for Pointer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("#")?;
        for token in &self.0 {
            // `%` is the one character [`Pointer::parse_ref`] would read as more than itself.
            let token = token
                .replace('~', "~0")
                .replace('/', "~1")
                .replace('%', "%25");
            write!(f, "/{token}")?;
        }
        Ok(())
    }
}

/// How bad a diagnostic is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    /// Generation went on with a documented fallback.
    Warning,
    /// No output is produced.
    Error,
}

/// One problem found in the spec.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Diagnostic {
    pub severity: Severity,
    /// Where in the document; `None` for whole-file problems (unreadable file).
    pub at: Option<Pointer>,
    /// The file `at` points into when it is not the spec itself (a file reached by a relative
    /// `$ref`), as written relative to the spec's directory.
    pub file: Option<Arc<str>>,
    /// Line and column (1-based) where the parser gave them.
    pub line_col: Option<(usize, usize)>,
    pub message: String,
    pub help: Option<String>,
}

impl Diagnostic {
    pub fn error(at: &Pointer, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Error,
            at: Some(at.clone()),
            file: None,
            line_col: None,
            message: message.into(),
            help: None,
        }
    }

    pub fn warning(at: &Pointer, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            ..Diagnostic::error(at, message)
        }
    }

    /// An error about the run rather than a place in the document (unreadable file, ...).
    pub fn global(message: impl Into<String>) -> Self {
        Diagnostic {
            at: None,
            ..Diagnostic::error(&Pointer::root(), message)
        }
    }

    /// A bug of the generator itself (its output does not parse, a stage panicked).
    pub fn internal(what: impl fmt::Display) -> Self {
        Diagnostic::global(format!("internal error: {what}"))
            .with_help("please report this with the spec")
    }

    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    /// Render as `file#/pointer:line:col: error: message` plus an indented hint.
    pub fn display_in<'a>(&'a self, file: &'a str) -> impl fmt::Display + 'a {
        DisplayIn { diag: self, file }
    }
}

struct DisplayIn<'a> {
    diag: &'a Diagnostic,
    file: &'a str,
}

impl fmt::Display for DisplayIn<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let d = self.diag;
        match &d.file {
            Some(other) => {
                // Beside the spec: `dir/spec.yaml` and `models/a.yml` give `dir/models/a.yml`.
                let dir = std::path::Path::new(self.file).parent();
                match dir.filter(|d| !d.as_os_str().is_empty()) {
                    Some(dir) => write!(f, "{}", dir.join(&**other).display())?,
                    None => f.write_str(other)?,
                }
            }
            None => f.write_str(self.file)?,
        }
        if let Some(at) = &d.at {
            write!(f, "{at}")?;
        }
        if let Some((line, col)) = d.line_col {
            write!(f, ":{line}:{col}")?;
        }
        let level = match d.severity {
            Severity::Warning => "warning",
            Severity::Error => "error",
        };
        write!(f, ": {level}: {}", d.message)?;
        if let Some(help) = &d.help {
            write!(f, "\n  help: {help}")?;
        }
        Ok(())
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.display_in("").fmt(f)
    }
}

/// Every diagnostic of one run, in the order found. Lowering pushes and carries on.
#[derive(Debug, Default, Clone)]
pub struct Diagnostics {
    items: Vec<Diagnostic>,
    seen: std::collections::HashSet<Diagnostic>,
}

impl Diagnostics {
    /// Record `diag`, unless the very same diagnostic is already recorded (a node reached on
    /// several walks, e.g. the sensitivity check and the lowering, is reported once).
    pub fn push(&mut self, diag: Diagnostic) {
        if self.seen.insert(diag.clone()) {
            self.items.push(diag);
        }
    }

    pub fn has_errors(&self) -> bool {
        self.items.iter().any(|d| d.severity == Severity::Error)
    }

    pub fn iter(&self) -> impl Iterator<Item = &Diagnostic> {
        self.items.iter()
    }

    pub fn warnings(&self) -> impl Iterator<Item = &Diagnostic> {
        self.items
            .iter()
            .filter(|d| d.severity == Severity::Warning)
    }

    pub fn into_vec(self) -> Vec<Diagnostic> {
        self.items
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pointer_escapes_rfc_6901() {
        let p = Pointer::root().push("paths").push("/a/{b}").push("x~y");
        assert_eq!(p.to_string(), "#/paths/~1a~1{b}/x~0y");
        assert_eq!(Pointer::parse_ref(&p.to_string()), Some(p));
        assert_eq!(Pointer::parse_ref("other.yaml#/x"), None);
    }

    /// A `$ref` written URI-encoded, as RFC 6901 §6 has it in a URI fragment (and as published
    /// descriptions do for path templates), points where its decoded form does; a token with a
    /// `%` of its own prints so that it reads back as itself.
    #[test]
    fn refs_are_uri_decoded() {
        let p = Pointer::parse_ref("#/paths/~1incidents~1%7Bincident_id%7D~1meeting/post").unwrap();
        assert_eq!(
            p.tokens().iter().map(|t| &**t).collect::<Vec<_>>(),
            ["paths", "/incidents/{incident_id}/meeting", "post"]
        );
        assert_eq!(
            p.to_string(),
            "#/paths/~1incidents~1{incident_id}~1meeting/post"
        );
        let odd = Pointer::root().push("components").push("100%7B");
        assert_eq!(odd.to_string(), "#/components/100%257B");
        assert_eq!(Pointer::parse_ref(&odd.to_string()), Some(odd));
        // Not UTF-8 once decoded: read as written.
        assert_eq!(
            Pointer::parse_ref("#/a%FF").unwrap().tokens()[0].as_ref(),
            "a%FF"
        );
    }
}
