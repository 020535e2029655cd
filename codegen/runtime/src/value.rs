//! `ResponseValue`: a decoded body with the status and headers it came with.

use std::ops::Deref;
use std::str::FromStr;

use reqwest::header::HeaderMap;
use reqwest::StatusCode;

/// A decoded response body together with the status and headers it came with.
///
/// Generated operations return `ResponseValue<T>` where `T` is the body type the spec gives for
/// the success status (`()` for `204 No Content` and `HEAD`). It dereferences to `T`, so
/// `response.field` works; [`ResponseValue::into_inner`] takes the body out.
#[derive(Debug, Clone)]
pub struct ResponseValue<T> {
    inner: T,
    status: StatusCode,
    headers: HeaderMap,
}

impl<T> ResponseValue<T> {
    /// A response value from its parts.
    pub fn new(inner: T, status: StatusCode, headers: HeaderMap) -> Self {
        ResponseValue {
            inner,
            status,
            headers,
        }
    }

    /// The decoded body.
    pub fn into_inner(self) -> T {
        self.inner
    }

    /// The body, status and headers.
    pub fn into_parts(self) -> (T, StatusCode, HeaderMap) {
        (self.inner, self.status, self.headers)
    }

    /// The HTTP status of the response.
    pub fn status(&self) -> StatusCode {
        self.status
    }

    /// The response headers.
    pub fn headers(&self) -> &HeaderMap {
        &self.headers
    }

    /// The first value of header `name` as text, if present and visible ASCII.
    pub fn header_str(&self, name: &str) -> Option<&str> {
        self.headers.get(name)?.to_str().ok()
    }

    /// The first value of header `name` parsed as `H`; `None` if absent or unparsable.
    ///
    /// For example `response.header::<u64>("total-count")` for a paginated list.
    pub fn header<H: FromStr>(&self, name: &str) -> Option<H> {
        self.header_str(name)?.trim().parse().ok()
    }

    /// The same response with its body transformed by `f`.
    pub fn map<U>(self, f: impl FnOnce(T) -> U) -> ResponseValue<U> {
        ResponseValue {
            inner: f(self.inner),
            status: self.status,
            headers: self.headers,
        }
    }
}

impl<T> Deref for ResponseValue<T> {
    type Target = T;

    fn deref(&self) -> &T {
        &self.inner
    }
}

impl<T> AsRef<T> for ResponseValue<T> {
    fn as_ref(&self) -> &T {
        &self.inner
    }
}
