//! The helpers generated code uses to turn a `reqwest::Response` into a `ResponseValue` or an
//! `Error`.

use bytes::Bytes;
use reqwest::header::HeaderMap;
use reqwest::{Response, StatusCode};
use serde::de::DeserializeOwned;

use crate::error::Error;
use crate::http::DEFAULT_MAX_RESPONSE_SIZE;
use crate::redact::{error_body_text, mark_sensitive_headers, Cut, ERROR_BODY_PREFIX};
use crate::value::ResponseValue;

/// Marks a response whose body [`buffer_body`] has read: reading it again is free and cannot
/// fail; `cut` says whether only a prefix was kept.
#[derive(Debug, Clone, Copy)]
struct Buffered {
    cut: Option<Cut>,
}

/// Why [`buffer_body`] gave up.
pub(crate) enum ReadError {
    /// A success body larger than the limit.
    TooLarge { status: StatusCode, limit: u64 },
    /// Reading failed (timeout, connection closed early, ...).
    Reqwest(reqwest::Error),
}

/// Read the body of `response` into memory and give back an equivalent response whose body is
/// that buffer (status, headers, version and extensions such as the URL are kept).
///
/// A success (`2xx`) body may be at most `limit` bytes: a larger `Content-Length`, or more bytes
/// arriving, is [`ReadError::TooLarge`] before or as soon as it shows. Other bodies (errors,
/// redirects) are read up to [`ERROR_BODY_PREFIX`] (or `limit`, if smaller) and cut there, the
/// response marked as cut. Secret-named headers are marked sensitive.
pub(crate) async fn buffer_body(
    mut response: Response,
    limit: Option<u64>,
) -> Result<Response, ReadError> {
    let status = response.status();
    let cap = if status.is_success() {
        limit
    } else {
        Some(limit.map_or(ERROR_BODY_PREFIX as u64, |limit| {
            limit.min(ERROR_BODY_PREFIX as u64)
        }))
    };
    let announced = response.content_length();
    if let (true, Some(limit), Some(length)) = (status.is_success(), limit, announced) {
        if length > limit {
            return Err(ReadError::TooLarge { status, limit });
        }
    }
    let version = response.version();
    let mut headers = std::mem::take(response.headers_mut());
    mark_sensitive_headers(&mut headers);
    let mut extensions = std::mem::take(response.extensions_mut());
    // Most bodies arrive in one chunk: keep it as it is, without a copy or a `Vec`.
    let mut first: Option<Bytes> = None;
    let mut rest: Vec<u8> = Vec::new();
    let mut read: u64 = 0;
    let mut cut = None;
    while let Some(mut chunk) = response.chunk().await.map_err(ReadError::Reqwest)? {
        let size = chunk.len() as u64;
        if let Some(cap) = cap.filter(|cap| read + size > *cap) {
            if status.is_success() {
                return Err(ReadError::TooLarge { status, limit: cap });
            }
            // `cap - read` < `size`, a `usize`.
            let room = usize::try_from(cap - read).unwrap_or(0);
            chunk.truncate(room);
            cut = Some(Cut { total: announced });
        }
        read += chunk.len() as u64;
        match first.take() {
            None if rest.is_empty() => first = Some(chunk),
            earlier => {
                if let Some(earlier) = earlier {
                    rest.reserve(earlier.len() + chunk.len());
                    rest.extend_from_slice(&earlier);
                }
                rest.extend_from_slice(&chunk);
            }
        }
        if cut.is_some() {
            break;
        }
    }
    drop(response);
    let body = match first {
        Some(only) => only,
        None => Bytes::from(rest),
    };
    extensions.insert(Buffered { cut });
    let mut rebuilt = http::Response::new(body);
    *rebuilt.status_mut() = status;
    *rebuilt.version_mut() = version;
    *rebuilt.headers_mut() = headers;
    *rebuilt.extensions_mut() = extensions;
    Ok(Response::from(rebuilt))
}

/// The body of `response`, read by the transport already or read now (with the default size
/// limit, for a response that did not come from a [`Transport`](crate::Transport)).
async fn read_body<E>(
    response: Response,
) -> Result<(StatusCode, HeaderMap, Bytes, Option<Cut>), Error<E>> {
    let response = if response.extensions().get::<Buffered>().is_some() {
        response
    } else {
        buffer_body(response, Some(DEFAULT_MAX_RESPONSE_SIZE))
            .await
            .map_err(|err| match err {
                ReadError::TooLarge { status, limit } => Error::ResponseTooLarge { status, limit },
                ReadError::Reqwest(err) => Error::from_reqwest(err),
            })?
    };
    let mut response = response;
    let cut = response
        .extensions()
        .get::<Buffered>()
        .and_then(|buffered| buffered.cut);
    let status = response.status();
    // Taken, not cloned: nothing reads the headers of the response again.
    let headers = std::mem::take(response.headers_mut());
    let body = response.bytes().await.map_err(Error::from_reqwest)?;
    Ok((status, headers, body, cut))
}

/// [`Error::Decode`] for `body`, keeping a bounded, redacted prefix of it, and withholding the
/// decoder's message if it quotes a secret.
fn decode_error<E>(
    status: StatusCode,
    source: serde_json::Error,
    body: &[u8],
    cut: Option<Cut>,
) -> Error<E> {
    let (body, secrets) = error_body_text(body, cut);
    let message = source.to_string();
    let source = if secrets
        .iter()
        .any(|secret| secret.len() >= 3 && message.contains(secret.as_str()))
    {
        <serde_json::Error as serde::de::Error>::custom(format!(
            "the body does not have the expected shape at line {}, column {} (the decoder's \
             message is withheld: it quoted a secret field)",
            source.line(),
            source.column()
        ))
    } else {
        source
    };
    Error::Decode {
        status,
        source,
        body,
    }
}

/// Decode a JSON body into `T`, for a status whose body the spec describes with a schema.
///
/// A body that is not valid JSON of that shape gives [`Error::Decode`] with a bounded, redacted
/// prefix of the raw text kept (see [`Error::raw_body`]).
pub async fn decode_json<T: DeserializeOwned, E>(
    response: Response,
) -> Result<ResponseValue<T>, Error<E>> {
    let (status, headers, body, cut) = read_body(response).await?;
    match serde_json::from_slice(&body) {
        Ok(inner) => Ok(ResponseValue::new(inner, status, headers)),
        Err(source) => Err(decode_error(status, source, &body, cut)),
    }
}

/// Discard the body, for a status the spec gives no body (`204`, `HEAD`, ...).
///
/// The body is still read to the end, so the connection can go back to the pool.
pub async fn decode_empty<E>(response: Response) -> Result<ResponseValue<()>, Error<E>> {
    let (status, headers, _, _) = read_body(response).await?;
    Ok(ResponseValue::new((), status, headers))
}

/// The body as text, for `text/*` responses (invalid UTF-8 replaced by U+FFFD).
pub async fn decode_text<E>(response: Response) -> Result<ResponseValue<String>, Error<E>> {
    let (status, headers, body, _) = read_body(response).await?;
    Ok(ResponseValue::new(
        String::from_utf8_lossy(&body).into_owned(),
        status,
        headers,
    ))
}

/// The body as bytes, for binary responses (`application/octet-stream`, PDFs, ...).
pub async fn decode_bytes<E>(response: Response) -> Result<ResponseValue<Vec<u8>>, Error<E>> {
    let (status, headers, body, _) = read_body(response).await?;
    Ok(ResponseValue::new(body.into(), status, headers))
}

/// The error for a status the spec documents as an error with body schema `E`.
///
/// Gives [`Error::ErrorResponse`] when the body decodes into `E`, otherwise [`Error::Decode`]
/// with the raw text (e.g. an HTML page from a proxy in front of the API).
pub async fn error_response<E: DeserializeOwned>(response: Response) -> Error<E> {
    let (status, headers, body, cut) = match read_body(response).await {
        Ok(parts) => parts,
        Err(err) => return err,
    };
    match serde_json::from_slice(&body) {
        Ok(inner) => Error::ErrorResponse(ResponseValue::new(inner, status, headers)),
        Err(source) => decode_error(status, source, &body, cut),
    }
}

/// The error for a status the spec documents as an error without a body schema: the body is
/// discarded and [`Error::ErrorResponse`] carries `()`.
pub async fn error_response_without_body(response: Response) -> Error<()> {
    match read_body(response).await {
        Ok((status, headers, _, _)) => {
            Error::ErrorResponse(ResponseValue::new((), status, headers))
        }
        Err(err) => err,
    }
}

/// The error for a status the spec does not list for the operation: [`Error::UnexpectedResponse`]
/// with status, headers and raw body.
pub async fn unexpected_response<E>(response: Response) -> Error<E> {
    match read_body(response).await {
        Ok((status, headers, body, cut)) => Error::UnexpectedResponse {
            status,
            headers,
            body: error_body_text(&body, cut).0,
        },
        Err(err) => err,
    }
}
