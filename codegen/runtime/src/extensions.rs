//! `Extensions`: headers and query parameters a caller adds to one request, beyond the spec's.

use std::fmt;

use reqwest::header::{HeaderMap, HeaderName, HeaderValue};

use crate::encode::QueryValue;
use crate::redact::{mark_sensitive_headers, redacted_pairs};

/// Extra headers and query parameters for one request: what a generated request builder's
/// `header()` and `query()` collect (e.g. `Prefer: code=404` for a mock server, a trace id).
///
/// Its `Debug` hides the values of secret-named headers and query parameters (`token`,
/// `authorization`, `api_key`, ...); header values given here are marked sensitive, so no
/// `HeaderMap` debug output shows them either. A name or value that cannot be sent fails the
/// call with [`Error::InvalidRequest`](crate::Error::InvalidRequest) before anything is sent.
#[derive(Clone, Default)]
pub struct Extensions {
    pub(crate) headers: HeaderMap,
    pub(crate) query: Vec<(String, String)>,
    pub(crate) invalid: Option<String>,
}

impl Extensions {
    /// Add header `name: value` (appended: a header the spec's parameters set keeps its value).
    pub fn header(&mut self, name: &str, value: impl QueryValue) {
        let text = value.query_value();
        match (
            HeaderName::from_bytes(name.as_bytes()),
            HeaderValue::from_str(&text),
        ) {
            (Ok(name), Ok(mut value)) => {
                // Values given by hand are never printed: they may be credentials.
                value.set_sensitive(true);
                self.headers.append(name, value);
            }
            _ => {
                self.invalid.get_or_insert(format!(
                    "extra header {name:?} cannot carry the given value ({} bytes)",
                    text.len()
                ));
            }
        }
    }

    /// Add query parameter `name=value`.
    pub fn query(&mut self, name: &str, value: impl QueryValue) {
        self.query.push((name.to_owned(), value.query_value()));
    }

    /// Whether nothing was added.
    pub fn is_empty(&self) -> bool {
        self.headers.is_empty() && self.query.is_empty() && self.invalid.is_none()
    }
}

impl fmt::Debug for Extensions {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut headers = self.headers.clone();
        mark_sensitive_headers(&mut headers);
        let query = redacted_pairs(&self.query);
        f.debug_struct("Extensions")
            .field("headers", &headers)
            .field("query", &query)
            .finish_non_exhaustive()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_hides_header_values_and_secret_query_values() {
        let mut extra = Extensions::default();
        extra.header("x-trace-id", "trace-1234");
        extra.header("x-api-key", "hunter2");
        extra.query("access_token", "s3cr3t");
        extra.query("page", 2);
        let text = format!("{extra:?}");
        assert!(
            !text.contains("hunter2") && !text.contains("trace-1234"),
            "{text}"
        );
        assert!(!text.contains("s3cr3t"), "{text}");
        assert!(
            text.contains("x-api-key") && text.contains("\"page\", \"2\""),
            "{text}"
        );
    }

    #[test]
    fn an_unsendable_header_is_remembered() {
        let mut extra = Extensions::default();
        extra.header("bad header", "v");
        assert!(extra.invalid.is_some());
        assert!(!extra.is_empty());
    }
}
