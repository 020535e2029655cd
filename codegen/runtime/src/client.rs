//! `ClientConfig`, the shared `Transport` and `RequestParts`: how requests are built and sent.

use std::any::Any;
use std::fmt;
use std::net::IpAddr;
use std::sync::Arc;
use std::time::{Duration, Instant, SystemTime};

use bytes::Bytes;
use reqwest::header::{
    HeaderMap, HeaderName, HeaderValue, AUTHORIZATION, CONTENT_TYPE, USER_AGENT,
};
use reqwest::{Method, StatusCode};
use serde::Serialize;
use url::Url;

use crate::auth::{AuthError, Secret, StaticToken, TokenSource};
use crate::encode::{take_serialization_failure, QueryValue};
use crate::error::Error;
use crate::extensions::Extensions;
use crate::hook::{Completed, Hook, Intercept, Prepare};
use crate::http::{http_client_builder, DEFAULT_MAX_RESPONSE_SIZE};
use crate::redact::is_secret_name;
use crate::response::{buffer_body, ReadError};
use crate::retry::{
    is_idempotent, is_retryable_body_error, is_retryable_error, is_retryable_status, RetryPolicy,
};
use crate::value::ResponseValue;

/// Record a field on the current request span (no-op without the `tracing` feature).
macro_rules! record {
    ($field:literal, $value:expr) => {
        #[cfg(feature = "tracing")]
        tracing::Span::current().record($field, $value);
    };
}

/// Whether `url` points at this machine (`localhost`, `127.0.0.0/8`, `::1`).
fn is_loopback(url: &Url) -> bool {
    match url.host() {
        Some(url::Host::Domain(domain)) => {
            domain.eq_ignore_ascii_case("localhost")
                || domain.to_ascii_lowercase().ends_with(".localhost")
        }
        Some(url::Host::Ipv4(ip)) => IpAddr::V4(ip).is_loopback(),
        Some(url::Host::Ipv6(ip)) => IpAddr::V6(ip).is_loopback(),
        None => false,
    }
}

/// The default of [`ClientConfig::deadline`]: 60 s for a whole call.
pub const DEFAULT_DEADLINE: Duration = Duration::from_secs(60);

/// The configuration a generated client is built from.
///
/// Generated code starts from the spec's server URL and its crate name and version:
///
/// ```
/// # use codegen_runtime::{ClientConfig, Url};
/// let config = ClientConfig::new(
///     Url::parse("https://api.dintero.com/v1").unwrap(),
///     concat!(env!("CARGO_PKG_NAME"), "/", env!("CARGO_PKG_VERSION")),
/// );
/// ```
///
/// and callers adjust it with the builder methods before [`ClientConfig::build`]. Defaults:
/// 30 s timeout per attempt, 10 s connect timeout, a 60 s [`deadline`](Self::deadline) for a
/// whole call, [`RetryPolicy::default`], responses of at most 32 MiB
/// ([`max_response_size`](Self::max_response_size)), only same-origin redirects
/// ([`redirect_policy`](crate::redirect_policy)), no authentication.
#[derive(Debug, Clone)]
pub struct ClientConfig {
    base_url: Url,
    user_agent: String,
    timeout: Option<Duration>,
    connect_timeout: Option<Duration>,
    deadline: Option<Duration>,
    max_response_size: Option<u64>,
    retry: RetryPolicy,
    token_source: Option<Arc<dyn TokenSource>>,
    http_client: Option<reqwest::Client>,
    plain_http_hosts: Vec<String>,
    hooks: Vec<Arc<dyn Hook>>,
    intercept: Option<Arc<dyn Intercept>>,
}

impl ClientConfig {
    /// A configuration for the API at `base_url` (the server URL, e.g.
    /// `https://api.dintero.com/v1`; operation paths are appended to it), identifying itself
    /// with the `User-Agent` header `user_agent`.
    pub fn new(base_url: Url, user_agent: impl Into<String>) -> Self {
        ClientConfig {
            base_url,
            user_agent: user_agent.into(),
            timeout: Some(Duration::from_secs(30)),
            connect_timeout: Some(Duration::from_secs(10)),
            deadline: Some(DEFAULT_DEADLINE),
            max_response_size: Some(DEFAULT_MAX_RESPONSE_SIZE),
            retry: RetryPolicy::default(),
            token_source: None,
            http_client: None,
            plain_http_hosts: Vec::new(),
            hooks: Vec::new(),
            intercept: None,
        }
    }

    /// Use another server URL, e.g. a test environment.
    pub fn base_url(mut self, base_url: Url) -> Self {
        self.base_url = base_url;
        self
    }

    /// Replace the `User-Agent` header value.
    pub fn user_agent(mut self, user_agent: impl Into<String>) -> Self {
        self.user_agent = user_agent.into();
        self
    }

    /// Timeout of each attempt, from connecting until the response body is read; `None` for
    /// none. A timed-out attempt of a request that may be retried (see [`RetryPolicy`]) is
    /// retried like a connection failure, also when the headers had arrived and the body stalled.
    pub fn timeout(mut self, timeout: Option<Duration>) -> Self {
        self.timeout = timeout;
        self
    }

    /// Deadline of a whole call (default 60 s; `None` for none): every attempt, the waits
    /// between them and the wait for an access token together. When it passes, the call fails
    /// with [`Error::Timeout`]; a retry whose wait would end after it is not made (the last
    /// response or error is returned instead). [`RequestParts::deadline`] overrides it per call.
    pub fn deadline(mut self, deadline: Option<Duration>) -> Self {
        self.deadline = deadline;
        self
    }

    /// The largest response body read, in bytes (default 32 MiB; `None` for no limit).
    ///
    /// A success response announcing a larger `Content-Length`, or growing beyond the limit
    /// while it is read, fails with [`Error::ResponseTooLarge`] without being read further.
    /// Bodies of other statuses (errors, redirects) are read only up to 64 KiB (or the limit, if
    /// smaller): the error keeps that prefix, marked as truncated, and the rest is dropped.
    pub fn max_response_size(mut self, limit: Option<u64>) -> Self {
        self.max_response_size = limit;
        self
    }

    /// Allow credentials (a bearer token, a token request) to be sent over plain `http://` to
    /// `host` (a name or IP address as it appears in the URL).
    ///
    /// By default [`build`](Self::build) refuses a base URL or token URL with the `http`
    /// scheme when a token source is configured, unless the host is loopback (`localhost`,
    /// `127.0.0.0/8`, `::1`): anyone on the path could read the credentials.
    pub fn allow_plain_http_credentials(mut self, host: impl Into<String>) -> Self {
        self.plain_http_hosts.push(host.into());
        self
    }

    /// Timeout for establishing a connection; `None` for none. Ignored with
    /// [`http_client`](Self::http_client), which brings its own.
    pub fn connect_timeout(mut self, timeout: Option<Duration>) -> Self {
        self.connect_timeout = timeout;
        self
    }

    /// When and how to retry; [`RetryPolicy::none`] disables retries.
    pub fn retry_policy(mut self, retry: RetryPolicy) -> Self {
        self.retry = retry;
        self
    }

    /// Authenticate every request with a bearer token from `source`, e.g.
    /// [`ClientCredentials`](crate::ClientCredentials).
    pub fn token_source(mut self, source: impl TokenSource + 'static) -> Self {
        self.token_source = Some(Arc::new(source));
        self
    }

    /// Authenticate every request with the fixed bearer token `token`.
    pub fn bearer_token(self, token: impl Into<Secret>) -> Self {
        self.token_source(StaticToken::new(token))
    }

    /// Send requests through `client` (to share its connection pool, or configure proxies,
    /// certificates, ...) instead of one built from this configuration.
    ///
    /// Its redirect policy is its own: build it with
    /// `.redirect(codegen_runtime::redirect_policy())` to keep credentials and bodies on the
    /// configured origin (reqwest's default follows up to 10 redirects anywhere).
    pub fn http_client(mut self, client: reqwest::Client) -> Self {
        self.http_client = Some(client);
        self
    }

    /// Run `hook` around every call (tracing, metrics, idempotency keys, canned answers): see
    /// [`Hook`]. Hooks run in the order they were added.
    pub fn hook(mut self, hook: impl Hook + 'static) -> Self {
        self.hooks.push(Arc::new(hook));
        self
    }

    /// Answer generated operations with typed values before anything is encoded or sent (what
    /// the generated crates' mocks do).
    #[doc(hidden)]
    pub fn intercept(mut self, intercept: Arc<dyn Intercept>) -> Self {
        self.intercept = Some(intercept);
        self
    }

    /// Build the transport; fails on an unusable base URL or `User-Agent`, on credentials over
    /// plain `http` to a remote host (see
    /// [`allow_plain_http_credentials`](Self::allow_plain_http_credentials)), or if the HTTP
    /// client cannot be built (e.g. TLS setup).
    pub fn build(self) -> Result<Transport, ConfigError> {
        if self.base_url.cannot_be_a_base() || !matches!(self.base_url.scheme(), "http" | "https") {
            return Err(ConfigError::InvalidBaseUrl(self.base_url));
        }
        if let Some(source) = &self.token_source {
            let urls = std::iter::once(&self.base_url).chain(source.token_url());
            for url in urls {
                let host = url.host_str().unwrap_or_default();
                if url.scheme() == "http"
                    && !is_loopback(url)
                    && !self.plain_http_hosts.iter().any(|allowed| allowed == host)
                {
                    return Err(ConfigError::PlainHttpCredentials(host.to_owned()));
                }
            }
        }
        let user_agent = HeaderValue::from_str(&self.user_agent)
            .map_err(|_| ConfigError::InvalidUserAgent(self.user_agent.clone()))?;
        let client = match self.http_client {
            Some(client) => client,
            None => {
                let mut builder = http_client_builder();
                if let Some(timeout) = self.connect_timeout {
                    builder = builder.connect_timeout(timeout);
                }
                builder.build().map_err(ConfigError::HttpClient)?
            }
        };
        let mut base_url = self.base_url;
        base_url.set_query(None);
        base_url.set_fragment(None);
        Ok(Transport {
            inner: Arc::new(Inner {
                base_url,
                user_agent,
                timeout: self.timeout,
                deadline: self.deadline,
                max_response_size: self.max_response_size,
                retry: self.retry,
                token_source: self.token_source,
                client,
                hooks: self.hooks,
                intercept: self.intercept,
            }),
        })
    }
}

/// Why a [`ClientConfig`] could not be built.
#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    /// The base URL is not an `http`/`https` URL that paths can be appended to.
    #[error("base URL {0} is not an http(s) URL with a path")]
    InvalidBaseUrl(Url),
    /// The `User-Agent` contains characters not allowed in a header.
    #[error("invalid User-Agent {0:?}")]
    InvalidUserAgent(String),
    /// The HTTP client could not be built.
    #[error("could not build the HTTP client")]
    HttpClient(#[source] reqwest::Error),
    /// Credentials would go over plain `http` to this remote host; see
    /// [`ClientConfig::allow_plain_http_credentials`].
    #[error(
        "refusing to send credentials over plain http to {0} (use https, or opt in with \
         ClientConfig::allow_plain_http_credentials)"
    )]
    PlainHttpCredentials(String),
}

/// The HTTP machinery a generated client holds: base URL, connection pool, auth and retries.
///
/// Cloning is cheap (one `Arc`), and clones share the connection pool and the token cache, so a
/// generated client is `Clone + Send + Sync`. Generated operations build a [`RequestParts`],
/// [`execute`](Self::execute) it, and match on the status of the response:
///
/// ```no_run
/// use codegen_runtime::{
///     decode_json, encode_path_segment, error_response, unexpected_response, Error, Method,
///     RequestParts, ResponseValue, Transport,
/// };
/// # #[derive(serde::Deserialize)] struct Customer {}
/// # #[derive(serde::Deserialize)] struct ApiError {}
///
/// async fn get_customer(
///     transport: &Transport,
///     aid: &str,
///     customer_id: &str,
///     include_deleted: Option<bool>,
/// ) -> Result<ResponseValue<Customer>, Error<ApiError>> {
///     let path = format!(
///         "/accounts/{}/customers/{}",
///         encode_path_segment(aid),
///         encode_path_segment(customer_id),
///     );
///     let request = RequestParts::new(Method::GET, path, "customers_customer_id_get")
///         .query_opt("include_deleted", include_deleted);
///     let response = transport.execute(request).await?;
///     match response.status().as_u16() {
///         200 => decode_json(response).await,
///         400 | 403 | 404 => Err(error_response(response).await),
///         _ => Err(unexpected_response(response).await),
///     }
/// }
/// ```
#[derive(Clone)]
pub struct Transport {
    inner: Arc<Inner>,
}

struct Inner {
    base_url: Url,
    user_agent: HeaderValue,
    timeout: Option<Duration>,
    deadline: Option<Duration>,
    max_response_size: Option<u64>,
    retry: RetryPolicy,
    token_source: Option<Arc<dyn TokenSource>>,
    client: reqwest::Client,
    hooks: Vec<Arc<dyn Hook>>,
    intercept: Option<Arc<dyn Intercept>>,
}

impl fmt::Debug for Transport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let inner = &*self.inner;
        f.debug_struct("Transport")
            .field("base_url", &inner.base_url.as_str())
            .field("user_agent", &inner.user_agent)
            .field("timeout", &inner.timeout)
            .field("deadline", &inner.deadline)
            .field("max_response_size", &inner.max_response_size)
            .field("retry", &inner.retry)
            .field("token_source", &inner.token_source)
            .field("hooks", &inner.hooks)
            .field("intercept", &inner.intercept)
            .finish_non_exhaustive()
    }
}

impl Transport {
    /// The server URL operation paths are appended to.
    pub fn base_url(&self) -> &Url {
        &self.inner.base_url
    }

    /// The underlying `reqwest` client (e.g. to share its pool with other code).
    pub fn http_client(&self) -> &reqwest::Client {
        &self.inner.client
    }

    /// The answer of the configured [`Intercept`] (a mock) to a call of `operation_id` whose
    /// request builder is `request`; `None` (always, without one) sends the call as usual.
    #[doc(hidden)]
    pub fn intercepted<R: Any, T: 'static, E: 'static>(
        &self,
        operation_id: &'static str,
        request: &R,
    ) -> Option<Result<ResponseValue<T>, Error<E>>> {
        let answer = self
            .inner
            .intercept
            .as_ref()?
            .answer(operation_id, request)?;
        match answer.downcast::<Result<ResponseValue<T>, Error<E>>>() {
            Ok(answer) => Some(*answer),
            Err(_) => Some(Err(Error::InvalidRequest(format!(
                "the mock's answer to {operation_id} has another type than the operation's"
            )))),
        }
    }

    /// The base URL joined with `encoded_path`, an operation path whose parameters went through
    /// [`encode_path_segment`](crate::encode_path_segment), e.g.
    /// `/accounts/T12345678/customers/users/a%2Fb`. The base URL's own path is kept:
    /// `https://api.dintero.com/v1` + `/accounts/...` gives `https://api.dintero.com/v1/accounts/...`.
    ///
    /// Fails with [`Error::InvalidRequest`] unless the path starts with `/`, has no empty
    /// segment (an empty path parameter; only the path `/` itself may end with `/`), and
    /// survives URL normalisation unchanged (a `.` or `..` segment would not).
    pub fn url<E>(&self, encoded_path: &str) -> Result<Url, Error<E>> {
        let invalid = |why: &str| {
            Err(Error::InvalidRequest(format!(
                "path {encoded_path:?} {why}"
            )))
        };
        let Some(relative) = encoded_path.strip_prefix('/') else {
            return invalid("does not start with '/'");
        };
        if !relative.is_empty() && relative.split('/').any(str::is_empty) {
            return invalid("has an empty segment (is a path parameter empty?)");
        }
        let base_path = self.inner.base_url.path().trim_end_matches('/');
        let mut expected = String::with_capacity(base_path.len() + encoded_path.len());
        expected.push_str(base_path);
        expected.push_str(encoded_path);
        let mut url = self.inner.base_url.clone();
        url.set_path(&expected);
        if url.path() != expected {
            return invalid(
                "would be changed by URL normalisation (is a path parameter '.' or '..'?)",
            );
        }
        Ok(url)
    }

    /// Send `request`: build the URL, add `User-Agent`, the bearer token and the body, and
    /// retry per the [`RetryPolicy`].
    ///
    /// Returns the response of the last attempt, whatever its status, with its body already
    /// read (so reading it again cannot fail); the caller decodes it with
    /// [`decode_json`](crate::decode_json), [`error_response`](crate::error_response),
    /// [`unexpected_response`](crate::unexpected_response), ... Fails with
    /// [`Error::InvalidRequest`] for an invalid request (nothing is sent), [`Error::Auth`] if
    /// no token could be had, [`Error::ResponseTooLarge`] past
    /// [`ClientConfig::max_response_size`], [`Error::Timeout`] when an attempt timed out or the
    /// [deadline](ClientConfig::deadline) passed, or [`Error::Transport`] if the last attempt
    /// got no complete response. Never returns [`Error::ErrorResponse`], hence any `E`.
    ///
    /// Requests are retried only when idempotent: by method (see
    /// [`is_idempotent`](crate::is_idempotent)) unless [`RequestParts::idempotent`] says
    /// otherwise, or always with [`RetryPolicy::retry_non_idempotent`]. An attempt is retried
    /// after a connection failure, a timeout or a body cut short (also after the headers
    /// arrived), and after a `429`, `502`, `503` or `504`. Independently of that, a `401` makes
    /// the token source [`invalidate`](TokenSource::invalidate) its token, and the request is
    /// sent once more with a new one if the source has one.
    ///
    /// With the `tracing` feature, each call runs in an `http.request` span with the fields
    /// `operation_id`, `method`, `path` (no query, no credentials), `attempt` and `status`.
    ///
    /// Each [`Hook`] of the configuration [prepares](Hook::prepare) the request first and sees
    /// how the call [completed](Hook::complete) last.
    pub async fn execute<E>(&self, request: RequestParts) -> Result<reqwest::Response, Error<E>> {
        if self.inner.hooks.is_empty() {
            return self.execute_prepared(request).await;
        }
        let mut request = request;
        let mut call = Prepare {
            operation_id: request.operation_id,
            method: &request.method,
            path: &request.path,
            headers: &mut request.headers,
            query: &mut request.query,
        };
        for hook in &self.inner.hooks {
            hook.prepare(&mut call);
        }
        let started = Instant::now();
        let (method, path, operation_id) = (
            request.method.clone(),
            request.path.clone(),
            request.operation_id,
        );
        let outcome = self.execute_prepared(request).await;
        let status = match &outcome {
            Ok(response) => Some(response.status()),
            Err(err) => err.status(),
        };
        let call = Completed {
            operation_id,
            method: &method,
            path: &path,
            status,
            failed: status.is_none(),
            elapsed: started.elapsed(),
        };
        for hook in &self.inner.hooks {
            hook.complete(&call);
        }
        outcome
    }

    async fn execute_prepared<E>(
        &self,
        request: RequestParts,
    ) -> Result<reqwest::Response, Error<E>> {
        if let Some(problem) = request.invalid {
            return Err(Error::InvalidRequest(problem));
        }
        let mut url = self.url(&request.path)?;
        if !request.query.is_empty() {
            url.query_pairs_mut().extend_pairs(&request.query);
        }
        #[cfg(feature = "tracing")]
        {
            use tracing::Instrument;
            let span = tracing::info_span!(
                "http.request",
                operation_id = request.operation_id,
                method = %request.method,
                path = url.path(),
                attempt = tracing::field::Empty,
                status = tracing::field::Empty,
            );
            self.send_within_deadline(&request, url)
                .instrument(span)
                .await
        }
        #[cfg(not(feature = "tracing"))]
        self.send_within_deadline(&request, url).await
    }

    /// The call under its deadline, if any. The deadline is not a timer of its own around the
    /// whole call (that would cost a timer registration per call): it caps each attempt's
    /// timeout, bounds the token wait, and stops retries whose wait would pass it.
    async fn send_within_deadline<E>(
        &self,
        request: &RequestParts,
        url: Url,
    ) -> Result<reqwest::Response, Error<E>> {
        let deadline = request
            .deadline
            .unwrap_or(self.inner.deadline)
            // A deadline too far to represent is no deadline.
            .and_then(|deadline| Instant::now().checked_add(deadline));
        self.send_with_retries(request, url, deadline).await
    }

    async fn send_with_retries<E>(
        &self,
        request: &RequestParts,
        url: Url,
        deadline: Option<Instant>,
    ) -> Result<reqwest::Response, Error<E>> {
        let inner = &*self.inner;
        let policy = &inner.retry;
        let idempotent = request
            .idempotent
            .unwrap_or_else(|| is_idempotent(&request.method));
        let may_retry = idempotent || policy.retry_non_idempotent;
        let mut retries = 0;
        let mut reauthenticated = false;
        loop {
            record!("attempt", retries + u32::from(reauthenticated) + 1);
            let token = match (&inner.token_source, deadline) {
                (Some(source), Some(end)) => {
                    // A token that is ready (cached) never touches the timer.
                    match tokio::time::timeout_at(end.into(), source.token()).await {
                        Ok(token) => Some(token?),
                        Err(_) => return Err(Error::Timeout),
                    }
                }
                (Some(source), None) => Some(source.token().await?),
                (None, _) => None,
            };
            let mut attempt = self.build_request(request, &url, token.as_ref())?;
            if let Some(end) = deadline {
                let left = end.saturating_duration_since(Instant::now());
                if left.is_zero() {
                    return Err(Error::Timeout);
                }
                let timeout = attempt.timeout_mut();
                *timeout = Some(timeout.map_or(left, |timeout| timeout.min(left)));
            }
            let can_retry = may_retry && retries < policy.max_retries;
            let answered = inner.hooks.iter().find_map(|hook| hook.respond(&attempt));
            let sent = match answered {
                Some(response) => Ok(response),
                None => inner.client.execute(attempt).await,
            };
            let (outcome, wait) = match sent {
                Ok(response) => {
                    let status = response.status();
                    record!("status", status.as_u16());
                    if status == StatusCode::UNAUTHORIZED && !reauthenticated {
                        if let (Some(source), Some(token)) = (&inner.token_source, &token) {
                            if source.invalidate(token) {
                                reauthenticated = true;
                                continue;
                            }
                        }
                    }
                    let wait = (can_retry && is_retryable_status(status)).then(|| {
                        policy
                            .retry_after(response.headers(), SystemTime::now())
                            .unwrap_or_else(|| policy.backoff(retries + 1))
                    });
                    // The body is read here, inside the loop, so that a body that stalls or is
                    // cut short is retried like a failed connection.
                    match buffer_body(response, inner.max_response_size).await {
                        Ok(response) => (Ok(response), wait),
                        Err(ReadError::TooLarge { status, limit }) => {
                            return Err(Error::ResponseTooLarge { status, limit })
                        }
                        Err(ReadError::Reqwest(err)) => {
                            let wait = (can_retry && is_retryable_body_error(&err))
                                .then(|| policy.backoff(retries + 1));
                            (Err(Error::from_reqwest(err)), wait)
                        }
                    }
                }
                Err(err) => {
                    let wait = (can_retry && is_retryable_error(&err))
                        .then(|| policy.backoff(retries + 1));
                    (Err(Error::from_reqwest(err)), wait)
                }
            };
            let Some(wait) = wait else {
                return outcome;
            };
            let wait_ends = Instant::now().checked_add(wait);
            if deadline.is_some_and(|end| wait_ends.is_none_or(|at| at >= end)) {
                // The retry could not finish in time: what we have is the answer.
                return outcome;
            }
            drop(outcome);
            retries += 1;
            #[cfg(feature = "tracing")]
            tracing::debug!(
                retry = retries,
                wait_ms = wait.as_millis() as u64,
                "retrying request"
            );
            tokio::time::sleep(wait).await;
        }
    }

    fn build_request(
        &self,
        request: &RequestParts,
        url: &Url,
        token: Option<&Secret>,
    ) -> Result<reqwest::Request, AuthError> {
        let mut attempt = reqwest::Request::new(request.method.clone(), url.clone());
        let headers = attempt.headers_mut();
        headers.insert(USER_AGENT, self.inner.user_agent.clone());
        headers.extend(request.headers.clone());
        if let Some(token) = token {
            let mut value = HeaderValue::from_str(&format!("Bearer {}", token.expose()))
                .map_err(|_| AuthError::InvalidToken)?;
            value.set_sensitive(true);
            headers.insert(AUTHORIZATION, value);
        }
        if let Some(body) = &request.body {
            headers.insert(CONTENT_TYPE, body.content_type.clone());
            *attempt.body_mut() = Some(body.bytes.clone().into());
        }
        *attempt.timeout_mut() = request.timeout.or(self.inner.timeout);
        Ok(attempt)
    }
}

/// One request as generated code describes it, for [`Transport::execute`].
///
/// Built with chained methods; none of them fails: a problem (an unrepresentable header value,
/// a body or query value that does not serialize) is remembered and reported by `execute` as
/// [`Error::InvalidRequest`] without sending anything.
///
/// Its `Debug` shows the body's size only, and `[REDACTED]` for the values of secret-named
/// query parameters and headers (`token`, `password`, `secret`, `api_key`, ...).
///
/// Query parameters follow OpenAPI's default `style: form`: [`query`](Self::query) for one
/// value, [`query_opt`](Self::query_opt) for an optional one (absent adds nothing),
/// [`query_exploded`](Self::query_exploded) for an array with `explode: true` (the default:
/// `tags=a&tags=b`) and [`query_joined`](Self::query_joined) for `explode: false`
/// (`tags=a,b`). Values are kept raw and form-urlencoded when the URL is built, so `+` is sent
/// as `%2B` and a space as `+`.
#[derive(Clone)]
pub struct RequestParts {
    method: Method,
    path: String,
    operation_id: &'static str,
    query: Vec<(String, String)>,
    headers: HeaderMap,
    body: Option<Body>,
    idempotent: Option<bool>,
    timeout: Option<Duration>,
    deadline: Option<Option<Duration>>,
    invalid: Option<String>,
}

#[derive(Clone)]
struct Body {
    content_type: HeaderValue,
    bytes: Bytes,
}

impl fmt::Debug for Body {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Body")
            .field("content_type", &self.content_type)
            .field("len", &self.bytes.len())
            .finish_non_exhaustive()
    }
}

impl fmt::Debug for RequestParts {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let query = crate::redact::redacted_pairs(&self.query);
        let mut headers = self.headers.clone();
        crate::redact::mark_sensitive_headers(&mut headers);
        f.debug_struct("RequestParts")
            .field("method", &self.method)
            .field("path", &self.path)
            .field("operation_id", &self.operation_id)
            .field("query", &query)
            .field("headers", &headers)
            .field("body", &self.body)
            .field("idempotent", &self.idempotent)
            .field("timeout", &self.timeout)
            .field("deadline", &self.deadline)
            .field("invalid", &self.invalid)
            .finish()
    }
}

impl RequestParts {
    /// A request for `method` on `encoded_path` (relative to the base URL, starting with `/`,
    /// parameters encoded with [`encode_path_segment`](crate::encode_path_segment)), for the
    /// spec's operation `operation_id` (used in tracing).
    pub fn new(
        method: Method,
        encoded_path: impl Into<String>,
        operation_id: &'static str,
    ) -> Self {
        RequestParts {
            method,
            path: encoded_path.into(),
            operation_id,
            query: Vec::new(),
            headers: HeaderMap::new(),
            body: None,
            idempotent: None,
            timeout: None,
            deadline: None,
            invalid: None,
        }
    }

    /// Add query parameter `name=value`.
    pub fn query(mut self, name: &str, value: impl QueryValue) -> Self {
        let text = self.text_of(name, &value);
        self.query.push((name.to_owned(), text));
        self
    }

    /// The text of `value`, remembering a value that could not be serialized.
    fn text_of(&mut self, name: &str, value: &impl QueryValue) -> String {
        let _stale = take_serialization_failure();
        let text = value.query_value();
        if let Some(problem) = take_serialization_failure() {
            self.reject(format!(
                "parameter {name:?} cannot be serialized: {problem}"
            ));
        }
        text
    }

    /// Add query parameter `name=value` if `value` is `Some`.
    pub fn query_opt(self, name: &str, value: Option<impl QueryValue>) -> Self {
        match value {
            Some(value) => self.query(name, value),
            None => self,
        }
    }

    /// Add an array parameter as `name=a&name=b` (`style: form, explode: true`). An empty
    /// array adds nothing.
    pub fn query_exploded<I>(self, name: &str, values: I) -> Self
    where
        I: IntoIterator,
        I::Item: QueryValue,
    {
        values
            .into_iter()
            .fold(self, |request, value| request.query(name, value))
    }

    /// Add an array parameter as `name=a,b` (`style: form, explode: false`). An empty array
    /// adds nothing. (The comma goes on the wire as `%2C`, which servers decode to `,`.)
    pub fn query_joined<I>(mut self, name: &str, values: I) -> Self
    where
        I: IntoIterator,
        I::Item: QueryValue,
    {
        let values: Vec<String> = values
            .into_iter()
            .map(|value| self.text_of(name, &value))
            .collect();
        if values.is_empty() {
            return self;
        }
        self.query(name, values.join(","))
    }

    /// Add header parameter `name: value`.
    pub fn header(mut self, name: &str, value: impl QueryValue) -> Self {
        let text = self.text_of(name, &value);
        match (
            HeaderName::from_bytes(name.as_bytes()),
            HeaderValue::from_str(&text),
        ) {
            (Ok(name), Ok(mut value)) => {
                if is_secret_name(name.as_str()) {
                    value.set_sensitive(true);
                }
                self.headers.append(name, value);
            }
            // The value is not quoted: it may be a secret (an API key header).
            _ => self.reject(format!(
                "header {name:?} cannot carry the given value ({} bytes; control characters \
                 or non-ASCII?)",
                text.len()
            )),
        }
        self
    }

    /// Add header parameter `name: value` if `value` is `Some`.
    pub fn header_opt(self, name: &str, value: Option<impl QueryValue>) -> Self {
        match value {
            Some(value) => self.header(name, value),
            None => self,
        }
    }

    /// Send `body` as JSON (`Content-Type: application/json`).
    pub fn json<T: Serialize + ?Sized>(mut self, body: &T) -> Self {
        match serde_json::to_vec(body) {
            Ok(bytes) => {
                let content_type = HeaderValue::from_static("application/json");
                self.body = Some(Body {
                    content_type,
                    bytes: bytes.into(),
                });
            }
            Err(err) => self.reject(format!("the body cannot be serialized: {err}")),
        }
        self
    }

    /// Send `bytes` as the body with media type `content_type`.
    pub fn body(mut self, content_type: &str, bytes: impl Into<Vec<u8>>) -> Self {
        match HeaderValue::from_str(content_type) {
            Ok(content_type) => {
                self.body = Some(Body {
                    content_type,
                    bytes: bytes.into().into(),
                })
            }
            Err(_) => self.reject(format!("invalid content type {content_type:?}")),
        }
        self
    }

    /// Whether the request may be repeated safely, overriding the method's default (e.g. a
    /// `POST` search that changes nothing).
    pub fn idempotent(mut self, idempotent: bool) -> Self {
        self.idempotent = Some(idempotent);
        self
    }

    /// Timeout of each attempt of this request, overriding [`ClientConfig::timeout`].
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = Some(timeout);
        self
    }

    /// Deadline of this whole call (attempts, waits between them, token wait), overriding
    /// [`ClientConfig::deadline`]; `None` for none.
    pub fn deadline(mut self, deadline: Option<Duration>) -> Self {
        self.deadline = Some(deadline);
        self
    }

    /// [`RequestParts::deadline`] when a request builder's `deadline()` was called (`Some`),
    /// else the client's: what generated `send()`s call, in one line.
    #[doc(hidden)]
    pub fn deadline_if_set(self, deadline: Option<Option<Duration>>) -> Self {
        match deadline {
            Some(deadline) => self.deadline(deadline),
            None => self,
        }
    }

    /// The HTTP method.
    pub fn method(&self) -> &Method {
        &self.method
    }

    /// The encoded path, relative to the base URL.
    pub fn path(&self) -> &str {
        &self.path
    }

    /// The spec's operation id.
    pub fn operation_id(&self) -> &'static str {
        self.operation_id
    }

    /// The query parameters added so far, raw (not yet encoded).
    pub fn query_pairs(&self) -> &[(String, String)] {
        &self.query
    }

    fn reject(&mut self, problem: String) {
        self.invalid.get_or_insert(problem);
    }

    /// Add what a caller gave a request builder's `header()` and `query()`.
    pub fn extend(mut self, extensions: &Extensions) -> Self {
        if let Some(problem) = &extensions.invalid {
            self.reject(problem.clone());
        }
        self.query.extend(extensions.query.iter().cloned());
        for (name, value) in &extensions.headers {
            self.headers.append(name, value.clone());
        }
        self
    }
}

/// Parameters in any OpenAPI style, and form, multipart and text bodies (see
/// [`ParamStyle`](crate::ParamStyle)); the methods above cover the default styles.
impl RequestParts {
    /// Add the query parameter `name` written in `style` with `explode`, from any `Serialize`
    /// value: an object in `DeepObject` style gives `name[p]=v` pairs, an array in
    /// `PipeDelimited` style `name=a|b`, ... `None` adds nothing.
    pub fn query_styled<T: Serialize + ?Sized>(
        mut self,
        name: &str,
        value: &T,
        style: crate::ParamStyle,
        explode: bool,
    ) -> Self {
        match crate::style::query_pairs(name, value, style, explode) {
            Ok(pairs) => self.query.extend(pairs),
            Err(err) => self.reject(format!("query parameter {name:?}: {err}")),
        }
        self
    }

    /// Add the header parameter `name` written in `style` (`Simple` or `Json`) with `explode`:
    /// `a,b` for an array, `R,100,G,200` (or `R=100,G=200`) for an object. `None` adds nothing.
    pub fn header_styled<T: Serialize + ?Sized>(
        mut self,
        name: &str,
        value: &T,
        style: crate::ParamStyle,
        explode: bool,
    ) -> Self {
        match crate::style::header_text(value, style, explode) {
            Ok(Some(text)) => self.header(name, text),
            Ok(None) => self,
            Err(err) => {
                self.reject(format!("header {name:?}: {err}"));
                self
            }
        }
    }

    /// Add the cookie parameter `name` written in `style` (`Form` or `Json`) with `explode` to
    /// the request's one `Cookie` header (`a=1; b=2`). `None` adds nothing.
    pub fn cookie<T: Serialize + ?Sized>(
        mut self,
        name: &str,
        value: &T,
        style: crate::ParamStyle,
        explode: bool,
    ) -> Self {
        let text = match crate::style::cookie_text(name, value, style, explode) {
            Ok(Some(text)) => text,
            Ok(None) => return self,
            Err(err) => {
                self.reject(err.to_string());
                return self;
            }
        };
        let cookie = reqwest::header::COOKIE;
        let text = match self.headers.get(&cookie).map(HeaderValue::to_str) {
            Some(Ok(before)) => format!("{before}; {text}"),
            _ => text,
        };
        match HeaderValue::from_str(&text) {
            Ok(value) => {
                self.headers.insert(cookie, value);
            }
            Err(_) => self.reject(format!("cookie {name:?} cannot carry the value {text:?}")),
        }
        self
    }

    /// Send `body` (a struct or map) as `application/x-www-form-urlencoded`, each property
    /// written per `encoding` (the spec's `encoding` map; unlisted properties use `form` with
    /// `explode: true`), see [`encode_form`](crate::encode_form).
    pub fn form<T: Serialize + ?Sized>(
        mut self,
        body: &T,
        encoding: &[crate::FormEncoding],
    ) -> Self {
        match crate::style::encode_form(body, encoding) {
            Ok(text) => {
                self.body = Some(Body {
                    content_type: HeaderValue::from_static("application/x-www-form-urlencoded"),
                    bytes: text.into(),
                });
            }
            Err(err) => self.reject(format!("the form body cannot be encoded: {err}")),
        }
        self
    }

    /// Send `form` as the `multipart/form-data` body.
    pub fn multipart(self, form: crate::Multipart) -> Self {
        match form.finish() {
            Ok((content_type, bytes)) => self.body(&content_type, bytes),
            Err(problem) => {
                let mut parts = self;
                parts.reject(format!("the multipart body cannot be encoded: {problem}"));
                parts
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn loopback_hosts() {
        for text in [
            "http://localhost:1/",
            "http://127.0.0.2/",
            "http://[::1]/",
            "http://a.localhost/",
        ] {
            assert!(is_loopback(&Url::parse(text).unwrap()), "{text}");
        }
        for text in [
            "http://10.0.0.1/",
            "http://example.com/",
            "http://localhost.example.com/",
        ] {
            assert!(!is_loopback(&Url::parse(text).unwrap()), "{text}");
        }
    }
}
