//! `UnknownValue`: an enum value the server sent that this client does not know yet.

use std::fmt;

/// A string enum value that was not in the spec when the client was generated.
///
/// Generated enums carry it in their `Unknown` variant, so a new server-side value decodes
/// instead of failing, and is sent back unchanged. Only decoding creates one: a caller cannot
/// build `Unknown("customer")` and make it differ from the known variant.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct UnknownValue(String);

/// Used by generated code when decoding; not part of the public API. A free function in a
/// hidden module, so the compiler never suggests it as a way to build an `UnknownValue`.
#[doc(hidden)]
pub mod __private {
    pub fn unknown_value(value: String) -> super::UnknownValue {
        super::UnknownValue(value)
    }
}

impl UnknownValue {
    /// The value exactly as the server sent it.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for UnknownValue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl AsRef<str> for UnknownValue {
    fn as_ref(&self) -> &str {
        &self.0
    }
}
