//! Authentication: the `TokenSource` trait, the redacting `Secret`, static bearer tokens and the
//! client-credentials flow.

use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::sync::{Arc, Mutex, OnceLock, PoisonError};
use std::time::{Duration, Instant};

use reqwest::header::{ACCEPT, CONTENT_TYPE};
use reqwest::StatusCode;
use serde::{Deserialize, Serialize};
use url::Url;

use crate::encode::encode_path_segment;
use crate::redact::{error_body_text, redact_reqwest_error};

/// A secret string (client secret, access token) whose `Debug` prints `[REDACTED]`.
///
/// It has no `Display`; [`Secret::expose`] is the one way to read it, so secrets do not end up
/// in logs by accident. Cloning is cheap.
#[derive(Clone, PartialEq, Eq)]
pub struct Secret(Arc<str>);

impl Secret {
    /// Wrap a secret value.
    pub fn new(value: impl Into<String>) -> Self {
        Secret(Arc::from(value.into()))
    }

    /// The secret value itself.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("[REDACTED]")
    }
}

impl From<String> for Secret {
    fn from(value: String) -> Self {
        Secret::new(value)
    }
}

impl From<&str> for Secret {
    fn from(value: &str) -> Self {
        Secret::new(value)
    }
}

/// Why no access token could be obtained.
#[derive(Debug, thiserror::Error)]
pub enum AuthError {
    /// The token request could not be sent or its response not received.
    #[error("the token request failed")]
    Transport(#[source] reqwest::Error),
    /// The token endpoint answered with an error status (wrong credentials, unknown account...).
    #[error("the token endpoint answered {status}")]
    Rejected {
        /// The status received.
        status: StatusCode,
        /// The body as text, usually the server's explanation: at most its first 64 KiB, with
        /// secret-named JSON fields redacted (as [`Error::raw_body`](crate::Error::raw_body)).
        body: String,
    },
    /// The token endpoint answered success but not with a usable token. The response body is
    /// not kept, as it may contain a token.
    #[error("unusable token response: {0}")]
    InvalidResponse(String),
    /// The token contains characters that cannot be sent in an `Authorization` header.
    #[error("the access token is not a valid HTTP header value")]
    InvalidToken,
    /// A custom [`TokenSource`] failed.
    #[error("{0}")]
    Other(#[source] Box<dyn std::error::Error + Send + Sync>),
    /// The token source is misconfigured (e.g. an account id that cannot be a path segment);
    /// nothing was sent.
    #[error("invalid token source configuration: {0}")]
    InvalidConfig(String),
    /// The token request this call waited for, made for several concurrent calls or failed
    /// moments ago (failures are remembered for
    /// [`ClientCredentials::failure_cache`]), failed with this error. (Failures that can be
    /// copied, e.g. [`AuthError::Rejected`], are returned as themselves instead.)
    #[error("the shared token request failed: {0}")]
    Shared(#[source] Arc<AuthError>),
}

impl AuthError {
    /// This error for one more caller: a copy when it can be copied, else [`AuthError::Shared`].
    fn share(err: &Arc<AuthError>) -> AuthError {
        match &**err {
            AuthError::Rejected { status, body } => AuthError::Rejected {
                status: *status,
                body: body.clone(),
            },
            AuthError::InvalidResponse(why) => AuthError::InvalidResponse(why.clone()),
            AuthError::InvalidToken => AuthError::InvalidToken,
            AuthError::InvalidConfig(why) => AuthError::InvalidConfig(why.clone()),
            _ => AuthError::Shared(Arc::clone(err)),
        }
    }
}

/// The future returned by [`TokenSource::token`].
pub type TokenFuture<'a> = Pin<Box<dyn Future<Output = Result<Secret, AuthError>> + Send + 'a>>;

/// Where [`Transport`](crate::Transport) gets the bearer token for each request.
///
/// `token` is called before every attempt, so implementations cache. The token is sent as
/// `Authorization: Bearer <token>`. The trait is object safe (the transport holds an
/// `Arc<dyn TokenSource>`), and its `Debug` must not print secrets.
pub trait TokenSource: fmt::Debug + Send + Sync {
    /// A currently valid access token.
    fn token(&self) -> TokenFuture<'_>;

    /// The API answered `401 Unauthorized` to a request sent with `rejected`.
    ///
    /// Return `true` if asking [`token`](Self::token) again may give a different, working token
    /// (the transport then retries the request once); the default returns `false`.
    fn invalidate(&self, rejected: &Secret) -> bool {
        let _ = rejected;
        false
    }

    /// The URL credentials are sent to to obtain tokens, if any; the default is `None`.
    /// [`ClientConfig::build`](crate::ClientConfig::build) refuses a plain `http` one to a
    /// remote host.
    fn token_url(&self) -> Option<&Url> {
        None
    }
}

impl<T: TokenSource + ?Sized> TokenSource for Arc<T> {
    fn token(&self) -> TokenFuture<'_> {
        (**self).token()
    }

    fn invalidate(&self, rejected: &Secret) -> bool {
        (**self).invalidate(rejected)
    }

    fn token_url(&self) -> Option<&Url> {
        (**self).token_url()
    }
}

/// A fixed bearer token, e.g. one obtained out of band.
#[derive(Debug, Clone)]
pub struct StaticToken(Secret);

impl StaticToken {
    /// A source that always returns `token`.
    pub fn new(token: impl Into<Secret>) -> Self {
        StaticToken(token.into())
    }
}

impl TokenSource for StaticToken {
    fn token(&self) -> TokenFuture<'_> {
        let token = self.0.clone();
        Box::pin(async move { Ok(token) })
    }
}

/// OAuth 2 client credentials as Dintero implements them: tokens fetched from a token endpoint
/// with the client id and secret, cached until shortly before they expire.
///
/// The token request is `POST <token_url>` with HTTP Basic authentication (client id and
/// secret) and the JSON body `{"grant_type": "client_credentials", "audience": "..."}`; the
/// response is `{"access_token": "...", "token_type": "Bearer", "expires_in": 3600}`. It
/// follows no redirect to another origin, and a response over 64 KiB is refused.
///
/// The token is reused until [`refresh_skew`](Self::refresh_skew) (default 60 s, but at most
/// half the token's lifetime) before `expires_in` runs out; a response without `expires_in` is
/// used by the calls waiting for it and not cached. Refreshes are single-flight: the first call
/// that needs a token starts one request (a task of its own, bounded by
/// [`timeout`](Self::timeout)), and every call that needs one meanwhile waits for that same
/// request, so the endpoint sees one request however many calls wait. Each waiting call stays
/// bounded by its own [deadline](crate::ClientConfig::deadline). A failed request is remembered
/// for [`failure_cache`](Self::failure_cache) (default 1 s): calls in that window fail at once
/// with the same error instead of hammering the endpoint. A `401` from the API drops the
/// cached token, so the next request fetches a new one. Neither the secret nor tokens appear in
/// `Debug` output.
pub struct ClientCredentials {
    settings: Arc<Settings>,
    state: Arc<Mutex<State>>,
}

#[derive(Clone)]
struct Settings {
    token_url: Url,
    client_id: String,
    client_secret: Secret,
    audience: Option<String>,
    refresh_skew: Duration,
    timeout: Duration,
    failure_cache: Duration,
    /// Why the configuration cannot work (checked before anything is sent).
    invalid: Option<String>,
    http: OnceLock<reqwest::Client>,
}

/// Longest lifetime believed from `expires_in`: one day.
const MAX_TOKEN_LIFETIME_SECS: u64 = 24 * 60 * 60;

/// Largest token response read.
const MAX_TOKEN_RESPONSE: usize = 64 * 1024;

struct CachedToken {
    token: Secret,
    /// When to fetch a new one; `None` for a token without `expires_in`, which is not reused.
    refresh_at: Option<Instant>,
}

/// What the one in-flight token request ended with, shared by every call waiting for it.
type Outcome = Result<Secret, Arc<AuthError>>;

#[derive(Default)]
struct State {
    cached: Option<CachedToken>,
    /// The last failure and when it happened, for the failure cache.
    failure: Option<(Instant, Arc<AuthError>)>,
    /// The request under way, if any: its number and where its outcome will appear.
    in_flight: Option<(u64, tokio::sync::watch::Receiver<Option<Outcome>>)>,
    requests: u64,
}

/// Clears `in_flight` when the task of request `number` ends in any way (also when its runtime
/// shuts down), so that a later call starts a new request instead of waiting forever.
struct InFlightGuard {
    state: Arc<Mutex<State>>,
    number: u64,
}

impl Drop for InFlightGuard {
    fn drop(&mut self) {
        let mut state = lock(&self.state);
        if state
            .in_flight
            .as_ref()
            .is_some_and(|(number, _)| *number == self.number)
        {
            state.in_flight = None;
        }
    }
}

/// The state, also after a panic elsewhere while it was locked (it stays consistent: every
/// update is a single assignment).
fn lock(state: &Mutex<State>) -> std::sync::MutexGuard<'_, State> {
    state.lock().unwrap_or_else(PoisonError::into_inner)
}

#[derive(Serialize)]
struct TokenRequest<'a> {
    grant_type: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    audience: Option<&'a str>,
}

#[derive(Deserialize)]
struct TokenResponse {
    access_token: String,
    #[serde(default)]
    expires_in: Option<u64>,
}

impl ClientCredentials {
    /// Client credentials for the token endpoint at `token_url`, without an audience.
    pub fn new(
        token_url: Url,
        client_id: impl Into<String>,
        client_secret: impl Into<Secret>,
    ) -> Self {
        ClientCredentials {
            settings: Arc::new(Settings {
                token_url,
                client_id: client_id.into(),
                client_secret: client_secret.into(),
                audience: None,
                refresh_skew: Duration::from_secs(60),
                timeout: Duration::from_secs(30),
                failure_cache: Duration::from_secs(1),
                invalid: None,
                http: OnceLock::new(),
            }),
            state: Arc::new(Mutex::new(State::default())),
        }
    }

    /// Dintero's flow for account `account_id`: token endpoint
    /// `{base_url}/accounts/{account_id}/auth/token` and audience
    /// `{base_url}/accounts/{account_id}`, where `base_url` is the API's server URL, e.g.
    /// `https://api.dintero.com/v1` (the same URL the transport uses).
    ///
    /// The account id goes through the same checks as a path parameter: an empty id, `.` or
    /// `..` (which would change the token URL) makes every [`token`](TokenSource::token) call
    /// fail with [`AuthError::InvalidConfig`] without sending anything.
    pub fn dintero(
        base_url: &Url,
        account_id: &str,
        client_id: impl Into<String>,
        client_secret: impl Into<Secret>,
    ) -> Self {
        let account_path = format!(
            "{}/accounts/{}",
            base_url.path().trim_end_matches('/'),
            encode_path_segment(account_id)
        );
        let mut audience = base_url.clone();
        audience.set_query(None);
        audience.set_fragment(None);
        audience.set_path(&account_path);
        let mut token_url = audience.clone();
        token_url.set_path(&format!("{account_path}/auth/token"));
        let mut credentials =
            ClientCredentials::new(token_url, client_id, client_secret).audience(audience.as_str());
        if account_id.is_empty() || audience.path() != account_path {
            credentials.settings_mut().invalid = Some(format!(
                "account id {account_id:?} cannot be a path segment (empty, `.` or `..`)"
            ));
        }
        credentials
    }

    fn settings_mut(&mut self) -> &mut Settings {
        Arc::make_mut(&mut self.settings)
    }

    /// The `audience` sent in the token request.
    pub fn audience(mut self, audience: impl Into<String>) -> Self {
        self.settings_mut().audience = Some(audience.into());
        self
    }

    /// How long before expiry a cached token is replaced (default 60 s; never more than half
    /// the token's lifetime, so short-lived tokens are still reused).
    pub fn refresh_skew(mut self, skew: Duration) -> Self {
        self.settings_mut().refresh_skew = skew;
        self
    }

    /// Timeout of the token request (default 30 s).
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.settings_mut().timeout = timeout;
        self
    }

    /// How long a failed token request is remembered (default 1 s): calls needing a token in
    /// that time fail at once with its error. `Duration::ZERO` disables it.
    pub fn failure_cache(mut self, duration: Duration) -> Self {
        self.settings_mut().failure_cache = duration;
        self
    }

    /// The HTTP client for token requests (by default one of its own is built on first use,
    /// with [`redirect_policy`](crate::redirect_policy)).
    pub fn http_client(mut self, client: reqwest::Client) -> Self {
        let settings = self.settings_mut();
        settings.http = OnceLock::new();
        let _ = settings.http.set(client);
        self
    }

    /// The token, waiting for the one request in flight or starting it.
    async fn shared_token(&self) -> Result<Secret, AuthError> {
        if let Some(problem) = &self.settings.invalid {
            return Err(AuthError::InvalidConfig(problem.clone()));
        }
        let mut outcome = {
            let mut state = lock(&self.state);
            if let Some(cached) = &state.cached {
                if cached.refresh_at.is_some_and(|at| Instant::now() < at) {
                    return Ok(cached.token.clone());
                }
            }
            if let Some((at, err)) = &state.failure {
                if at.elapsed() < self.settings.failure_cache {
                    return Err(AuthError::share(err));
                }
            }
            match &state.in_flight {
                Some((_, outcome)) => outcome.clone(),
                None => self.start_request(&mut state),
            }
        };
        let shared = outcome
            .wait_for(Option::is_some)
            .await
            .map_err(|_| AuthError::Other("the token request was cancelled".into()))?;
        match shared.as_ref() {
            Some(Ok(token)) => Ok(token.clone()),
            Some(Err(err)) => Err(AuthError::share(err)),
            None => Err(AuthError::Other("the token request was cancelled".into())),
        }
    }

    /// Start the token request in a task of its own, so that it completes (or times out) for
    /// every waiter even if the call that started it is dropped.
    fn start_request(&self, state: &mut State) -> tokio::sync::watch::Receiver<Option<Outcome>> {
        let (sender, receiver) = tokio::sync::watch::channel(None);
        state.requests += 1;
        let number = state.requests;
        state.in_flight = Some((number, receiver.clone()));
        let settings = Arc::clone(&self.settings);
        let shared_state = Arc::clone(&self.state);
        tokio::spawn(async move {
            let _guard = InFlightGuard {
                state: Arc::clone(&shared_state),
                number,
            };
            let result = settings.fetch().await;
            let outcome = {
                let mut state = lock(&shared_state);
                match result {
                    Ok(fresh) => {
                        let token = fresh.token.clone();
                        state.cached = Some(fresh);
                        state.failure = None;
                        Ok(token)
                    }
                    Err(err) => {
                        let err = Arc::new(err);
                        state.failure = Some((Instant::now(), Arc::clone(&err)));
                        Err(err)
                    }
                }
            };
            let _ = sender.send(Some(outcome));
        });
        receiver
    }
}

impl Settings {
    fn client(&self) -> Result<&reqwest::Client, AuthError> {
        if let Some(client) = self.http.get() {
            return Ok(client);
        }
        let client = crate::http::http_client_builder()
            .connect_timeout(Duration::from_secs(10))
            .build()
            .map_err(AuthError::Transport)?;
        Ok(self.http.get_or_init(|| client))
    }

    async fn fetch(&self) -> Result<CachedToken, AuthError> {
        let body = TokenRequest {
            grant_type: "client_credentials",
            audience: self.audience.as_deref(),
        };
        let body = serde_json::to_vec(&body).map_err(|err| AuthError::Other(err.into()))?;
        let sent_at = Instant::now();
        let transport = |err: reqwest::Error| AuthError::Transport(redact_reqwest_error(err));
        let mut response = self
            .client()?
            .post(self.token_url.clone())
            .basic_auth(&self.client_id, Some(self.client_secret.expose()))
            .header(CONTENT_TYPE, "application/json")
            .header(ACCEPT, "application/json")
            .timeout(self.timeout)
            .body(body)
            .send()
            .await
            .map_err(transport)?;
        let status = response.status();
        if response
            .content_length()
            .is_some_and(|length| length > MAX_TOKEN_RESPONSE as u64)
        {
            return Err(AuthError::InvalidResponse(format!(
                "the {status} response is larger than {MAX_TOKEN_RESPONSE} bytes"
            )));
        }
        let mut body = Vec::new();
        while let Some(chunk) = response.chunk().await.map_err(transport)? {
            if body.len() + chunk.len() > MAX_TOKEN_RESPONSE {
                if status.is_success() {
                    return Err(AuthError::InvalidResponse(format!(
                        "the {status} response is larger than {MAX_TOKEN_RESPONSE} bytes"
                    )));
                }
                break;
            }
            body.extend_from_slice(&chunk);
        }
        if !status.is_success() {
            let (body, _) = error_body_text(&body, None);
            return Err(AuthError::Rejected { status, body });
        }
        let parsed: TokenResponse = serde_json::from_slice(&body).map_err(|err| {
            // The serde message may quote parts of the body, which may be the token: keep
            // only the position.
            AuthError::InvalidResponse(format!(
                "expected JSON with a string `access_token` (line {}, column {})",
                err.line(),
                err.column()
            ))
        })?;
        let refresh_at = parsed.expires_in.map(|seconds| {
            // Capped so that a silly `expires_in` cannot overflow `Instant`.
            let lifetime = Duration::from_secs(seconds.min(MAX_TOKEN_LIFETIME_SECS));
            sent_at + lifetime - self.refresh_skew.min(lifetime / 2)
        });
        Ok(CachedToken {
            token: Secret::new(parsed.access_token),
            refresh_at,
        })
    }
}

impl TokenSource for ClientCredentials {
    fn token(&self) -> TokenFuture<'_> {
        Box::pin(self.shared_token())
    }

    fn invalidate(&self, rejected: &Secret) -> bool {
        let mut state = lock(&self.state);
        if state
            .cached
            .as_ref()
            .is_some_and(|cached| cached.token == *rejected)
        {
            state.cached = None;
        }
        true
    }

    fn token_url(&self) -> Option<&Url> {
        Some(&self.settings.token_url)
    }
}

impl fmt::Debug for ClientCredentials {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let settings = &*self.settings;
        f.debug_struct("ClientCredentials")
            .field("token_url", &settings.token_url.as_str())
            .field("client_id", &settings.client_id)
            .field("client_secret", &settings.client_secret)
            .field("audience", &settings.audience)
            .field("refresh_skew", &settings.refresh_skew)
            .finish_non_exhaustive()
    }
}
