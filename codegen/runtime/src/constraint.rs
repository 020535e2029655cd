//! Validation for constrained values: compiled-once ECMA-262 patterns and the error type.

use std::fmt;
use std::sync::OnceLock;

/// An ECMA-262 regular expression (`pattern` in OpenAPI), compiled on first use.
///
/// Generated newtypes hold one in a `static`, so the expression is compiled once per process.
/// The generator has already compiled each pattern with the same engine (`regress`), so a
/// pattern that fails to compile here cannot be emitted; if it happens anyway, no value matches.
pub struct Pattern {
    source: &'static str,
    compiled: OnceLock<Option<regress::Regex>>,
}

impl Pattern {
    /// A pattern from its ECMA-262 source.
    pub const fn new(source: &'static str) -> Self {
        Pattern {
            source,
            compiled: OnceLock::new(),
        }
    }

    /// The pattern's source text.
    pub fn source(&self) -> &'static str {
        self.source
    }

    /// Whether `value` matches (anywhere, as JSON Schema's `pattern` does; anchors are explicit).
    pub fn is_match(&self, value: &str) -> bool {
        self.compiled
            .get_or_init(|| regress::Regex::new(self.source).ok())
            .as_ref()
            .is_some_and(|re| re.find(value).is_some())
    }
}

impl fmt::Debug for Pattern {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("Pattern").field(&self.source).finish()
    }
}

/// A value did not satisfy a constraint of the spec.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConstraintError {
    type_name: &'static str,
    reason: String,
}

impl ConstraintError {
    /// A violated constraint of `type_name`; `reason` says which, in words.
    pub fn new(type_name: &'static str, reason: impl Into<String>) -> Self {
        ConstraintError {
            type_name,
            reason: reason.into(),
        }
    }

    /// The Rust type whose constraint was violated.
    pub fn type_name(&self) -> &'static str {
        self.type_name
    }

    /// What was wrong.
    pub fn reason(&self) -> &str {
        &self.reason
    }

    /// Check the length (in Unicode scalar values, as JSON Schema counts) of `value`.
    pub fn check_length(
        type_name: &'static str,
        value: &str,
        min: Option<usize>,
        max: Option<usize>,
    ) -> Result<(), ConstraintError> {
        let len = value.chars().count();
        if let Some(min) = min.filter(|&min| len < min) {
            return Err(ConstraintError::new(
                type_name,
                format!("must be at least {min} characters long, got {len}"),
            ));
        }
        if let Some(max) = max.filter(|&max| len > max) {
            return Err(ConstraintError::new(
                type_name,
                format!("must be at most {max} characters long, got {len}"),
            ));
        }
        Ok(())
    }

    /// Check `value` against `pattern`.
    pub fn check_pattern(
        type_name: &'static str,
        value: &str,
        pattern: &Pattern,
    ) -> Result<(), ConstraintError> {
        if pattern.is_match(value) {
            Ok(())
        } else {
            Err(ConstraintError::new(
                type_name,
                format!("must match the pattern `{}`", pattern.source()),
            ))
        }
    }

    /// Check that a number lies within inclusive bounds.
    pub fn check_range<N: PartialOrd + fmt::Display + Copy>(
        type_name: &'static str,
        value: N,
        min: Option<N>,
        max: Option<N>,
    ) -> Result<(), ConstraintError> {
        if let Some(min) = min.filter(|&min| value < min) {
            return Err(ConstraintError::new(
                type_name,
                format!("must be at least {min}, got {value}"),
            ));
        }
        if let Some(max) = max.filter(|&max| value > max) {
            return Err(ConstraintError::new(
                type_name,
                format!("must be at most {max}, got {value}"),
            ));
        }
        Ok(())
    }
}

impl fmt::Display for ConstraintError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "invalid {}: {}", self.type_name, self.reason)
    }
}

impl std::error::Error for ConstraintError {}

#[cfg(test)]
mod tests {
    use super::*;

    static ACCOUNT: Pattern = Pattern::new(r"^[PT]{1}\d{8}$");
    static OWNER: Pattern = Pattern::new(r"^[PT]{1}(?=(?:.{3}|.{8})$)[0-9]*$");

    #[test]
    fn patterns_are_ecma_262() {
        assert!(ACCOUNT.is_match("T12345678"));
        assert!(!ACCOUNT.is_match("X12345678"));
        // Lookahead, which Rust's `regex` crate rejects.
        assert!(OWNER.is_match("P123"));
        assert!(OWNER.is_match("T12345678"));
        assert!(!OWNER.is_match("T1234"));
    }

    #[test]
    fn lengths_count_characters_not_bytes() {
        assert!(ConstraintError::check_length("X", "ææ", None, Some(2)).is_ok());
        let err = ConstraintError::check_length("X", "abc", None, Some(2)).unwrap_err();
        assert_eq!(
            err.to_string(),
            "invalid X: must be at most 2 characters long, got 3"
        );
    }
}
