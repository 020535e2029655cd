//! `ResponseValue` and the helpers generated code uses to turn a `reqwest::Response` into one.

use std::ops::Deref;
use std::str::FromStr;

use reqwest::header::HeaderMap;
use reqwest::{Response, StatusCode};
use serde::de::DeserializeOwned;

use crate::error::Error;

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

/// Read the whole body of `response`; errors while reading become [`Error::Transport`] or
/// [`Error::Timeout`].
async fn read_body<E>(response: Response) -> Result<(StatusCode, HeaderMap, Vec<u8>), Error<E>> {
    let status = response.status();
    let headers = response.headers().clone();
    let body = response.bytes().await.map_err(Error::from_reqwest)?;
    Ok((status, headers, body.into()))
}

fn lossy(body: &[u8]) -> String {
    String::from_utf8_lossy(body).into_owned()
}

/// Decode a JSON body into `T`, for a status whose body the spec describes with a schema.
///
/// A body that is not valid JSON of that shape gives [`Error::Decode`] with the raw text kept.
pub async fn decode_json<T: DeserializeOwned, E>(
    response: Response,
) -> Result<ResponseValue<T>, Error<E>> {
    let (status, headers, body) = read_body(response).await?;
    match serde_json::from_slice(&body) {
        Ok(inner) => Ok(ResponseValue::new(inner, status, headers)),
        Err(source) => Err(Error::Decode {
            status,
            source,
            body: lossy(&body),
        }),
    }
}

/// Discard the body, for a status the spec gives no body (`204`, `HEAD`, ...).
///
/// The body is still read to the end, so the connection can go back to the pool.
pub async fn decode_empty<E>(response: Response) -> Result<ResponseValue<()>, Error<E>> {
    let (status, headers, _) = read_body(response).await?;
    Ok(ResponseValue::new((), status, headers))
}

/// The body as text, for `text/*` responses (invalid UTF-8 replaced by U+FFFD).
pub async fn decode_text<E>(response: Response) -> Result<ResponseValue<String>, Error<E>> {
    let (status, headers, body) = read_body(response).await?;
    Ok(ResponseValue::new(lossy(&body), status, headers))
}

/// The body as bytes, for binary responses (`application/octet-stream`, PDFs, ...).
pub async fn decode_bytes<E>(response: Response) -> Result<ResponseValue<Vec<u8>>, Error<E>> {
    let (status, headers, body) = read_body(response).await?;
    Ok(ResponseValue::new(body, status, headers))
}

/// The error for a status the spec documents as an error with body schema `E`.
///
/// Gives [`Error::ErrorResponse`] when the body decodes into `E`, otherwise [`Error::Decode`]
/// with the raw text (e.g. an HTML page from a proxy in front of the API).
pub async fn error_response<E: DeserializeOwned>(response: Response) -> Error<E> {
    let (status, headers, body) = match read_body(response).await {
        Ok(parts) => parts,
        Err(err) => return err,
    };
    match serde_json::from_slice(&body) {
        Ok(inner) => Error::ErrorResponse(ResponseValue::new(inner, status, headers)),
        Err(source) => Error::Decode {
            status,
            source,
            body: lossy(&body),
        },
    }
}

/// The error for a status the spec documents as an error without a body schema: the body is
/// discarded and [`Error::ErrorResponse`] carries `()`.
pub async fn error_response_without_body(response: Response) -> Error<()> {
    match read_body(response).await {
        Ok((status, headers, _)) => Error::ErrorResponse(ResponseValue::new((), status, headers)),
        Err(err) => err,
    }
}

/// The error for a status the spec does not list for the operation: [`Error::UnexpectedResponse`]
/// with status, headers and raw body.
pub async fn unexpected_response<E>(response: Response) -> Error<E> {
    match read_body(response).await {
        Ok((status, headers, body)) => Error::UnexpectedResponse {
            status,
            headers,
            body: lossy(&body),
        },
        Err(err) => err,
    }
}
