//! `Redacted`: how generated `Debug` impls show secret fields.

use std::fmt;

/// Shows whether a secret is there, never what it is: `Some([REDACTED])`, `None`, `[REDACTED]`.
pub struct Redacted {
    present: Option<bool>,
}

impl Redacted {
    /// `None` for a plain value; `Some(is_set)` for an optional one.
    pub fn new(present: Option<bool>) -> Self {
        Redacted { present }
    }
}

impl fmt::Debug for Redacted {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.present {
            None => f.write_str("[REDACTED]"),
            Some(true) => f.write_str("Some([REDACTED])"),
            Some(false) => f.write_str("None"),
        }
    }
}
