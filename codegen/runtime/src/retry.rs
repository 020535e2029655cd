//! `RetryPolicy`: which failures are retried, and how long to wait (backoff, `Retry-After`).

use std::time::{Duration, SystemTime};

use reqwest::header::{HeaderMap, RETRY_AFTER};
use reqwest::{Method, StatusCode};

/// When and how often [`Transport`](crate::Transport) retries a request.
///
/// A request is retried when it is idempotent (see [`is_idempotent`]; `POST` and `PATCH` only if
/// [`retry_non_idempotent`](Self::retry_non_idempotent) is set) and either
/// - sending it failed (connection refused or reset, timeout), or
/// - the server answered `429`, `502`, `503` or `504`.
///
/// Before retry *n* (1-based) it waits what the response's `Retry-After` header asks for (seconds
/// or HTTP date, capped at [`max_retry_after`](Self::max_retry_after)), or else an exponential
/// backoff: `initial_backoff * 2^(n-1)`, capped at `max_backoff`, and with "full jitter" (a
/// uniformly random duration between zero and that) when [`jitter`](Self::jitter) is set.
/// When the retries are used up, the last response (or error) is returned as it is.
///
/// Fields are public; change some with struct update syntax:
/// `RetryPolicy { max_retries: 5, ..RetryPolicy::default() }`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RetryPolicy {
    /// How many times a request may be retried after the first attempt (default 3).
    pub max_retries: u32,
    /// Backoff before the first retry (default 100 ms); it doubles for each further one.
    pub initial_backoff: Duration,
    /// Upper bound of the exponential backoff (default 2 s).
    pub max_backoff: Duration,
    /// Whether to wait a random fraction of the backoff ("full jitter", default `true`).
    pub jitter: bool,
    /// Upper bound on the wait a `Retry-After` header can impose (default 30 s).
    pub max_retry_after: Duration,
    /// Whether `POST` and `PATCH` are retried too (default `false`: they may not be safe to
    /// repeat, e.g. creating a customer twice).
    pub retry_non_idempotent: bool,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        RetryPolicy {
            max_retries: 3,
            initial_backoff: Duration::from_millis(100),
            max_backoff: Duration::from_secs(2),
            jitter: true,
            max_retry_after: Duration::from_secs(30),
            retry_non_idempotent: false,
        }
    }
}

impl RetryPolicy {
    /// A policy that never retries.
    pub fn none() -> Self {
        RetryPolicy {
            max_retries: 0,
            ..RetryPolicy::default()
        }
    }

    /// The wait before retry number `retry` (1-based) when the server did not say.
    pub(crate) fn backoff(&self, retry: u32) -> Duration {
        let factor = 2u32.saturating_pow(retry.saturating_sub(1));
        let ceiling = self
            .initial_backoff
            .saturating_mul(factor)
            .min(self.max_backoff);
        if self.jitter {
            let nanos = u64::try_from(ceiling.as_nanos()).unwrap_or(u64::MAX);
            Duration::from_nanos(fastrand::u64(0..=nanos))
        } else {
            ceiling
        }
    }

    /// The wait a `Retry-After` header asks for, capped at `max_retry_after`; `None` if the
    /// header is absent or unparsable.
    pub(crate) fn retry_after(&self, headers: &HeaderMap, now: SystemTime) -> Option<Duration> {
        let value = headers.get(RETRY_AFTER)?.to_str().ok()?.trim();
        let wait = match value.parse::<u64>() {
            Ok(seconds) => Duration::from_secs(seconds),
            Err(_) => parse_http_date(value)?
                .duration_since(now)
                .unwrap_or(Duration::ZERO),
        };
        Some(wait.min(self.max_retry_after))
    }
}

/// Whether a status is worth retrying: `429 Too Many Requests` and the gateway/overload errors
/// `502`, `503`, `504`.
pub(crate) fn is_retryable_status(status: StatusCode) -> bool {
    matches!(status.as_u16(), 429 | 502 | 503 | 504)
}

/// Whether a transport error is worth retrying: connection failures and timeouts.
pub(crate) fn is_retryable_error(err: &reqwest::Error) -> bool {
    err.is_connect() || err.is_timeout() || err.is_request()
}

/// Whether repeating `method` is safe by HTTP semantics: `GET`, `HEAD`, `PUT`, `DELETE`,
/// `OPTIONS` and `TRACE` are; `POST` and `PATCH` are not.
pub fn is_idempotent(method: &Method) -> bool {
    [
        Method::GET,
        Method::HEAD,
        Method::PUT,
        Method::DELETE,
        Method::OPTIONS,
        Method::TRACE,
    ]
    .contains(method)
}

/// An HTTP date in the preferred IMF-fixdate form, e.g. `Wed, 21 Oct 2015 07:28:00 GMT`.
fn parse_http_date(text: &str) -> Option<SystemTime> {
    // IMF-fixdate (RFC 9110 section 5.6.7), e.g. `Sun, 06 Nov 1994 08:49:37 GMT`.
    let date = chrono::DateTime::parse_from_rfc2822(text).ok()?;
    Some(SystemTime::from(date.to_utc()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use reqwest::header::HeaderValue;

    fn headers(retry_after: &str) -> HeaderMap {
        let mut headers = HeaderMap::new();
        headers.insert(RETRY_AFTER, HeaderValue::from_str(retry_after).unwrap());
        headers
    }

    #[test]
    fn backoff_doubles_up_to_the_cap() {
        let policy = RetryPolicy {
            jitter: false,
            ..RetryPolicy::default()
        };
        let waits: Vec<_> = (1..=7).map(|n| policy.backoff(n).as_millis()).collect();
        assert_eq!(waits, [100, 200, 400, 800, 1600, 2000, 2000]);
        assert_eq!(policy.backoff(u32::MAX), Duration::from_secs(2));
    }

    #[test]
    fn jitter_stays_below_the_ceiling() {
        let policy = RetryPolicy::default();
        assert!((0..100).all(|_| policy.backoff(3) <= Duration::from_millis(400)));
    }

    #[test]
    fn retry_after_in_seconds_and_as_date() {
        let policy = RetryPolicy::default();
        let now = SystemTime::from(
            chrono::DateTime::parse_from_rfc3339("2015-10-21T07:27:50Z")
                .unwrap()
                .to_utc(),
        );
        assert_eq!(
            policy.retry_after(&headers("2"), now),
            Some(Duration::from_secs(2))
        );
        assert_eq!(
            policy.retry_after(&headers("Wed, 21 Oct 2015 07:28:00 GMT"), now),
            Some(Duration::from_secs(10))
        );
        // A date in the past means "now".
        assert_eq!(
            policy.retry_after(&headers("Wed, 21 Oct 2015 07:00:00 GMT"), now),
            Some(Duration::ZERO)
        );
        assert_eq!(
            policy.retry_after(&headers("3600"), now),
            Some(Duration::from_secs(30))
        );
        assert_eq!(policy.retry_after(&headers("soon"), now), None);
        assert_eq!(policy.retry_after(&HeaderMap::new(), now), None);
    }

    #[test]
    fn idempotent_methods() {
        assert!(is_idempotent(&Method::GET) && is_idempotent(&Method::PUT));
        assert!(is_idempotent(&Method::DELETE) && is_idempotent(&Method::HEAD));
        assert!(!is_idempotent(&Method::POST) && !is_idempotent(&Method::PATCH));
    }
}
