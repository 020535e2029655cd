//! `Error`: everything that can go wrong in a generated operation, from building to decoding.

use reqwest::header::HeaderMap;
use reqwest::StatusCode;

use crate::auth::AuthError;
use crate::constraint::ConstraintError;
use crate::value::ResponseValue;

/// The error of every generated operation; `E` is the spec's typed error body for it.
///
/// Generated methods return `Result<ResponseValue<T>, Error<E>>`, where `E` is the schema the
/// spec documents for the operation's error statuses (`()` when it documents none). No server
/// response makes the client panic: whatever comes back ends up in one of these variants, with
/// the raw body kept whenever it could not be turned into a typed value.
#[derive(Debug, thiserror::Error)]
pub enum Error<E = ()> {
    /// The request could not be sent or the response not received (connection refused, reset,
    /// TLS failure, a body cut short, ...). Timeouts are reported as [`Error::Timeout`] instead.
    /// The URL it carries has the values of secret-named query parameters redacted.
    #[error("could not complete the HTTP exchange")]
    Transport(#[source] reqwest::Error),

    /// An attempt, or reading its response, took longer than the configured timeout, or the
    /// whole call outlasted its [deadline](crate::ClientConfig::deadline).
    #[error("request timed out")]
    Timeout,

    /// The response body is larger than
    /// [`ClientConfig::max_response_size`](crate::ClientConfig::max_response_size); it was not
    /// read further.
    #[error("the body of the {status} response exceeds the limit of {limit} bytes")]
    ResponseTooLarge {
        /// The status received.
        status: StatusCode,
        /// The limit in effect, in bytes.
        limit: u64,
    },

    /// The server answered with an error status the spec documents, and its body decoded into
    /// the spec's error type `E`.
    #[error("server answered {}", .0.status())]
    ErrorResponse(ResponseValue<E>),

    /// The server answered with a status the spec does not list for this operation.
    #[error("server answered with unexpected status {status}")]
    UnexpectedResponse {
        /// The status received.
        status: StatusCode,
        /// The response headers (secret-named ones, e.g. `Set-Cookie`, marked sensitive so
        /// their `Debug` is hidden).
        headers: HeaderMap,
        /// The body as text: see [`Error::raw_body`].
        body: String,
    },

    /// The response body did not decode into the type the spec gives for its status.
    #[error("could not decode the body of a {status} response")]
    Decode {
        /// The status received.
        status: StatusCode,
        /// What the JSON decoder objected to (its message is replaced by the position alone
        /// when it quoted a secret field's value).
        #[source]
        source: serde_json::Error,
        /// The body as text: see [`Error::raw_body`].
        body: String,
    },

    /// The request was not sent because it is invalid: a value violates a constraint of the spec,
    /// a header value is not representable, a path segment is `.`/`..`, ...
    #[error("invalid request: {0}")]
    InvalidRequest(String),

    /// A page stream could not go on: the last item of a full page had no cursor, or the
    /// server sent the same page again. Items received before were delivered.
    #[error("pagination stopped: {0}")]
    Pagination(String),

    /// No access token could be obtained from the configured [`TokenSource`](crate::TokenSource).
    /// Its `Display` says why (`could not obtain an access token: the token endpoint answered
    /// 401 Unauthorized`); secrets never appear in it.
    #[error("could not obtain an access token: {0}")]
    Auth(AuthError),
}

impl<E> From<AuthError> for Error<E> {
    fn from(err: AuthError) -> Self {
        Error::Auth(err)
    }
}

impl<E> Error<E> {
    /// The HTTP status of the response behind this error, if there was a response.
    pub fn status(&self) -> Option<StatusCode> {
        match self {
            Error::ErrorResponse(response) => Some(response.status()),
            Error::UnexpectedResponse { status, .. }
            | Error::Decode { status, .. }
            | Error::ResponseTooLarge { status, .. } => Some(*status),
            Error::Transport(err) => err.status(),
            Error::Timeout | Error::InvalidRequest(_) | Error::Pagination(_) | Error::Auth(_) => {
                None
            }
        }
    }

    /// The response headers, for [`Error::ErrorResponse`] and [`Error::UnexpectedResponse`].
    pub fn headers(&self) -> Option<&HeaderMap> {
        match self {
            Error::ErrorResponse(response) => Some(response.headers()),
            Error::UnexpectedResponse { headers, .. } => Some(headers),
            _ => None,
        }
    }

    /// The decoded error body, for [`Error::ErrorResponse`].
    pub fn error_body(&self) -> Option<&E> {
        match self {
            Error::ErrorResponse(response) => Some(response.as_ref()),
            _ => None,
        }
    }

    /// The raw response body, for [`Error::UnexpectedResponse`] and [`Error::Decode`].
    ///
    /// It is the body as text (invalid UTF-8 replaced by U+FFFD), at most its first 64 KiB
    /// followed by `… [truncated: …]` when the body was longer, with the string values of
    /// secret-named JSON fields (`access_token`, `password`, `client_secret`, ...) replaced by
    /// `[REDACTED]`.
    pub fn raw_body(&self) -> Option<&str> {
        match self {
            Error::UnexpectedResponse { body, .. } | Error::Decode { body, .. } => Some(body),
            _ => None,
        }
    }

    /// Whether this is [`Error::Timeout`].
    pub fn is_timeout(&self) -> bool {
        matches!(self, Error::Timeout)
    }

    /// Whether the server answered `404 Not Found`.
    pub fn is_not_found(&self) -> bool {
        self.status() == Some(StatusCode::NOT_FOUND)
    }

    /// Whether the server answered `401 Unauthorized` or `403 Forbidden`, or no token could be
    /// obtained.
    pub fn is_unauthorized(&self) -> bool {
        matches!(self, Error::Auth(_))
            || matches!(
                self.status(),
                Some(StatusCode::UNAUTHORIZED | StatusCode::FORBIDDEN)
            )
    }

    /// Whether the server answered `409 Conflict`.
    pub fn is_conflict(&self) -> bool {
        self.status() == Some(StatusCode::CONFLICT)
    }

    /// Whether the server answered `429 Too Many Requests`.
    pub fn is_rate_limited(&self) -> bool {
        self.status() == Some(StatusCode::TOO_MANY_REQUESTS)
    }

    /// Whether the server answered with a `4xx` status: the request needs to change.
    pub fn is_client_error(&self) -> bool {
        self.status().is_some_and(|s| s.is_client_error())
    }

    /// Whether the server answered with a `5xx` status.
    pub fn is_server_error(&self) -> bool {
        self.status().is_some_and(|s| s.is_server_error())
    }

    /// An error from `reqwest`, sorting timeouts into [`Error::Timeout`] and redacting secret
    /// query values in its URL.
    pub(crate) fn from_reqwest(err: reqwest::Error) -> Self {
        if err.is_timeout() {
            Error::Timeout
        } else {
            Error::Transport(crate::redact::redact_reqwest_error(err))
        }
    }
}

/// A constraint of the spec violated by a value about to be sent.
impl<E> From<ConstraintError> for Error<E> {
    fn from(err: ConstraintError) -> Self {
        Error::InvalidRequest(err.to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn answered(status: u16) -> Error {
        Error::UnexpectedResponse {
            status: StatusCode::from_u16(status).unwrap(),
            headers: HeaderMap::new(),
            body: String::new(),
        }
    }

    #[test]
    fn status_helpers_sort_errors_by_status() {
        assert!(answered(404).is_not_found() && answered(404).is_client_error());
        assert!(!answered(404).is_server_error() && !answered(500).is_not_found());
        assert!(answered(401).is_unauthorized() && answered(403).is_unauthorized());
        assert!(answered(409).is_conflict() && answered(429).is_rate_limited());
        assert!(answered(503).is_server_error());
        assert!(!Error::<()>::Timeout.is_client_error() && Error::<()>::Timeout.is_timeout());
    }

    #[test]
    fn an_auth_error_says_why_and_stays_one_error() {
        let err: Error = AuthError::InvalidResponse("no access_token".into()).into();
        assert!(err.is_unauthorized());
        assert_eq!(
            err.to_string(),
            "could not obtain an access token: unusable token response: no access_token"
        );
        // The cause is in `Display`, so it is not repeated as a source by error reporters.
        assert!(std::error::Error::source(&err).is_none());
    }
}
