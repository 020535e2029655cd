//! Authentication: the `TokenSource` trait, the redacting `Secret`, static bearer tokens and the
//! client-credentials flow.

use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::sync::{Arc, OnceLock};
use std::time::{Duration, Instant};

use reqwest::header::{ACCEPT, CONTENT_TYPE};
use reqwest::StatusCode;
use serde::{Deserialize, Serialize};
use url::Url;

use crate::encode::encode_path_segment;

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
        /// The body as text, usually the server's explanation.
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
}

impl<T: TokenSource + ?Sized> TokenSource for Arc<T> {
    fn token(&self) -> TokenFuture<'_> {
        (**self).token()
    }

    fn invalidate(&self, rejected: &Secret) -> bool {
        (**self).invalidate(rejected)
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
/// response is `{"access_token": "...", "token_type": "Bearer", "expires_in": 3600}`.
///
/// The token is reused until [`refresh_skew`](Self::refresh_skew) (default 60 s, but at most
/// half the token's lifetime) before `expires_in` runs out; a response without `expires_in` is
/// used once and not cached. The cache sits behind an async mutex: when many requests need a
/// token at once, one of them fetches it and the others wait for and reuse that token, so the
/// endpoint sees one request. A `401` from the API drops the cached token, so the next request
/// fetches a new one. Neither the secret nor tokens appear in `Debug` output.
pub struct ClientCredentials {
    token_url: Url,
    client_id: String,
    client_secret: Secret,
    audience: Option<String>,
    refresh_skew: Duration,
    timeout: Duration,
    http: OnceLock<reqwest::Client>,
    cache: tokio::sync::Mutex<Option<CachedToken>>,
}

/// Longest lifetime believed from `expires_in`: one day.
const MAX_TOKEN_LIFETIME_SECS: u64 = 24 * 60 * 60;

struct CachedToken {
    token: Secret,
    /// When to fetch a new one; `None` for a token without `expires_in`, which is not reused.
    refresh_at: Option<Instant>,
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
            token_url,
            client_id: client_id.into(),
            client_secret: client_secret.into(),
            audience: None,
            refresh_skew: Duration::from_secs(60),
            timeout: Duration::from_secs(30),
            http: OnceLock::new(),
            cache: tokio::sync::Mutex::new(None),
        }
    }

    /// Dintero's flow for account `account_id`: token endpoint
    /// `{base_url}/accounts/{account_id}/auth/token` and audience
    /// `{base_url}/accounts/{account_id}`, where `base_url` is the API's server URL, e.g.
    /// `https://api.dintero.com/v1` (the same URL the transport uses).
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
        ClientCredentials::new(token_url, client_id, client_secret).audience(audience.as_str())
    }

    /// The `audience` sent in the token request.
    pub fn audience(mut self, audience: impl Into<String>) -> Self {
        self.audience = Some(audience.into());
        self
    }

    /// How long before expiry a cached token is replaced (default 60 s; never more than half
    /// the token's lifetime, so short-lived tokens are still reused).
    pub fn refresh_skew(mut self, skew: Duration) -> Self {
        self.refresh_skew = skew;
        self
    }

    /// Timeout of the token request (default 30 s).
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = timeout;
        self
    }

    /// The HTTP client for token requests (by default one of its own is built on first use).
    pub fn http_client(self, client: reqwest::Client) -> Self {
        let _ = self.http.set(client);
        self
    }

    fn client(&self) -> Result<&reqwest::Client, AuthError> {
        if let Some(client) = self.http.get() {
            return Ok(client);
        }
        let client = crate::client::http_client_builder()
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
        let response = self
            .client()?
            .post(self.token_url.clone())
            .basic_auth(&self.client_id, Some(self.client_secret.expose()))
            .header(CONTENT_TYPE, "application/json")
            .header(ACCEPT, "application/json")
            .timeout(self.timeout)
            .body(body)
            .send()
            .await
            .map_err(AuthError::Transport)?;
        let status = response.status();
        let body = response.bytes().await.map_err(AuthError::Transport)?;
        if !status.is_success() {
            let body = String::from_utf8_lossy(&body).into_owned();
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
        Box::pin(async move {
            let mut cache = self.cache.lock().await;
            if let Some(cached) = cache.as_ref() {
                if cached.refresh_at.is_some_and(|at| Instant::now() < at) {
                    return Ok(cached.token.clone());
                }
            }
            let fresh = self.fetch().await?;
            let token = fresh.token.clone();
            *cache = Some(fresh);
            Ok(token)
        })
    }

    fn invalidate(&self, rejected: &Secret) -> bool {
        // If the cache is locked, a refresh is under way and will produce a new token anyway.
        if let Ok(mut cache) = self.cache.try_lock() {
            if cache
                .as_ref()
                .is_some_and(|cached| cached.token == *rejected)
            {
                *cache = None;
            }
        }
        true
    }
}

impl fmt::Debug for ClientCredentials {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ClientCredentials")
            .field("token_url", &self.token_url.as_str())
            .field("client_id", &self.client_id)
            .field("client_secret", &self.client_secret)
            .field("audience", &self.audience)
            .field("refresh_skew", &self.refresh_skew)
            .finish_non_exhaustive()
    }
}
