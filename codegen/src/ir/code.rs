//! Rust written by the user in an option, checked to parse when it is made.

/// Rust the user wrote in an option (a type override, an extra derive), checked to parse when
/// lowering: only [`RustCode::ty`] and [`RustCode::path`] make one, so emit prints it and has
/// nothing left to check. (The text, not its tokens: `proc_macro2` tokens are not `Sync`, and
/// the IR is shared by the threads that emit a crate's parts.)
#[derive(Clone)]
pub struct RustCode {
    text: String,
}

impl RustCode {
    /// `text` if it parses as a Rust type.
    pub fn ty(text: &str) -> Option<Self> {
        syn::parse_str::<syn::Type>(text).ok()?;
        Some(RustCode {
            text: text.trim().to_string(),
        })
    }

    /// `text` if it parses as a Rust path (a derive macro's).
    pub fn path(text: &str) -> Option<Self> {
        syn::parse_str::<syn::Path>(text).ok()?;
        Some(RustCode {
            text: text.trim().to_string(),
        })
    }

    /// As the user wrote it.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// Its tokens.
    pub fn tokens(&self) -> proc_macro2::TokenStream {
        // Parsed as a type or path when made, so it is valid Rust tokens.
        self.text
            .parse()
            .expect("RustCode is checked to parse when it is made")
    }

    /// The last segment of a path (`Eq` for `std::cmp::Eq`).
    pub fn last_segment(&self) -> &str {
        self.text.rsplit("::").next().unwrap_or(&self.text).trim()
    }
}

impl std::fmt::Debug for RustCode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_tuple("RustCode").field(&self.text).finish()
    }
}

impl PartialEq for RustCode {
    fn eq(&self, other: &Self) -> bool {
        self.text == other.text
    }
}

impl Eq for RustCode {}

impl std::hash::Hash for RustCode {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.text.hash(state);
    }
}

impl PartialOrd for RustCode {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for RustCode {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        self.text.cmp(&other.text)
    }
}
