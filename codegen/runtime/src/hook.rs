//! `Hook`: code of the application run around every call of a client (tracing, metrics,
//! idempotency keys, canned answers), and `Intercept`, the typed short cut mocks take.

use std::any::Any;
use std::fmt;
use std::time::Duration;

use reqwest::header::{HeaderMap, HeaderName, HeaderValue};
use reqwest::{Method, StatusCode};

/// Code run around every call a client makes, configured with
/// [`ClientConfig::hook`](crate::ClientConfig::hook); every method has a default that does
/// nothing.
///
/// A hook sees a call three times: [`prepare`](Self::prepare) once before the first attempt (to
/// add or change headers and query parameters: an idempotency key added there is the same on
/// every retry), [`respond`](Self::respond) before each attempt is sent (to answer it without
/// the network, e.g. a canned response in a test) and [`complete`](Self::complete) once the call
/// has its outcome (to log or measure it). Hooks run in the order they were added.
///
/// ```
/// use std::sync::atomic::{AtomicU64, Ordering};
/// use codegen_runtime::{Hook, Method, Prepare};
///
/// /// Sends a new `Idempotency-Key` with every `POST`, the same one on each of its retries.
/// #[derive(Debug, Default)]
/// struct IdempotencyKeys {
///     next: AtomicU64,
/// }
///
/// impl Hook for IdempotencyKeys {
///     fn prepare(&self, call: &mut Prepare<'_>) {
///         if call.method == Method::POST {
///             let key = self.next.fetch_add(1, Ordering::Relaxed);
///             call.set_header("idempotency-key", &format!("order-service-{key}"));
///         }
///     }
/// }
/// ```
pub trait Hook: fmt::Debug + Send + Sync {
    /// Before the first attempt: change the request's headers and query parameters.
    fn prepare(&self, call: &mut Prepare<'_>) {
        let _ = call;
    }

    /// Before each attempt: `Some` answers it with that response instead of sending it (the
    /// response goes through retries, size limits and decoding like a received one; build one
    /// with `reqwest::Response::from(http::Response<_>)`).
    fn respond(&self, attempt: &reqwest::Request) -> Option<reqwest::Response> {
        let _ = attempt;
        None
    }

    /// After the call: what was asked, how it ended and how long it took.
    fn complete(&self, call: &Completed<'_>) {
        let _ = call;
    }
}

/// A call about to be made, as [`Hook::prepare`] sees it: what it is, and its headers and
/// query parameters to change.
#[derive(Debug)]
#[non_exhaustive]
pub struct Prepare<'a> {
    /// The spec's operation id.
    pub operation_id: &'static str,
    /// The HTTP method.
    pub method: &'a Method,
    /// The encoded path, relative to the base URL.
    pub path: &'a str,
    /// The headers (`User-Agent`, `Authorization` and `Content-Type` are set later, per
    /// attempt).
    pub headers: &'a mut HeaderMap,
    /// The query parameters, raw (encoded when the URL is built).
    pub query: &'a mut Vec<(String, String)>,
}

impl Prepare<'_> {
    /// Set header `name: value`, replacing values it had; `false` (and nothing set) when the
    /// name or value cannot be sent. The value is marked sensitive: `Debug` never shows it.
    pub fn set_header(&mut self, name: &str, value: &str) -> bool {
        match (
            HeaderName::from_bytes(name.as_bytes()),
            HeaderValue::from_str(value),
        ) {
            (Ok(name), Ok(mut value)) => {
                value.set_sensitive(true);
                self.headers.insert(name, value);
                true
            }
            _ => false,
        }
    }
}

/// A finished call, as [`Hook::complete`] sees it.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct Completed<'a> {
    /// The spec's operation id.
    pub operation_id: &'static str,
    /// The HTTP method.
    pub method: &'a Method,
    /// The encoded path, relative to the base URL (no query: it may hold secrets).
    pub path: &'a str,
    /// The status of the last response, if one arrived.
    pub status: Option<StatusCode>,
    /// Whether the call failed before a response was had (a connection failure, a timeout, an
    /// invalid request, no access token).
    pub failed: bool,
    /// From the start of the call until its outcome, waits between retries included.
    pub elapsed: Duration,
}

/// Answers a generated operation's call with a typed value before anything is encoded; what
/// the generated crates' mocks (feature `mock`) install in a transport.
///
/// Generated `send()`s ask it first: `request` is the operation's request builder, and an
/// answer is the `Result<ResponseValue<T>, Error<E>>` that `send()` returns, boxed.
#[doc(hidden)]
pub trait Intercept: fmt::Debug + Send + Sync {
    /// The answer to a call of `operation_id`, or `None` to send it as usual.
    fn answer(&self, operation_id: &'static str, request: &dyn Any) -> Option<Box<dyn Any>>;
}
