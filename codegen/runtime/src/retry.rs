//! `RetryPolicy`: which failures are retried, and how long to wait (backoff, `Retry-After`).

use std::time::{Duration, SystemTime};

use reqwest::header::{HeaderMap, RETRY_AFTER};
use reqwest::{Method, StatusCode};

/// When and how often [`Transport`](crate::Transport) retries a request.
///
/// A request is retried when it is idempotent (see [`is_idempotent`]; `POST` and `PATCH` only if
/// [`retry_non_idempotent`](Self::retry_non_idempotent) is set) and either
/// - sending it failed (connection refused, reset or closed before the response, timeout),
/// - reading the response body failed (timeout, connection closed before its end), or
/// - the server answered `429`, `502`, `503` or `504`.
///
/// Before retry *n* (1-based) it waits what the response's `Retry-After` header asks for (seconds
/// or HTTP date, capped at [`max_retry_after`](Self::max_retry_after)), or else an exponential
/// backoff: `initial_backoff * 2^(n-1)`, capped at `max_backoff`, and with "equal jitter" (a
/// uniformly random duration between half of that and all of it) when [`jitter`](Self::jitter)
/// is set. When the retries are used up, or the call's
/// [deadline](crate::ClientConfig::deadline) would pass during the wait, the last response (or
/// error) is returned as it is.
///
/// The default (5 retries, 100 ms doubling to at most 2 s) waits between 1.55 s and 3.1 s in
/// all before its last attempt, so idempotent calls ride out a server restart of about 1.5 s;
/// the worst case of a call is 6 attempts plus 3.1 s of backoff, bounded by the deadline (60 s
/// by default).
///
/// Fields are public; change some with struct update syntax:
/// `RetryPolicy { max_retries: 5, ..RetryPolicy::default() }`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RetryPolicy {
    /// How many times a request may be retried after the first attempt (default 5).
    pub max_retries: u32,
    /// Backoff before the first retry (default 100 ms); it doubles for each further one.
    pub initial_backoff: Duration,
    /// Upper bound of the exponential backoff (default 2 s).
    pub max_backoff: Duration,
    /// Whether to wait a random duration between half the backoff and all of it ("equal
    /// jitter", default `true`), so that clients retrying together spread out while the
    /// total wait keeps a known floor.
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
            max_retries: 5,
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
            Duration::from_nanos(fastrand::u64(nanos / 2..=nanos))
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

/// Whether a transport error is worth retrying: connection failures (refused, reset, closed
/// before the response) and timeouts.
pub(crate) fn is_retryable_error(err: &reqwest::Error) -> bool {
    err.is_connect() || err.is_timeout() || err.is_request()
}

/// Whether an error while reading a response body is worth retrying: a timeout, or a body cut
/// short (the connection closed before its end).
pub(crate) fn is_retryable_body_error(err: &reqwest::Error) -> bool {
    err.is_timeout() || err.is_body() || err.is_decode() || err.is_request()
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
    fn jitter_stays_between_half_the_ceiling_and_the_ceiling() {
        let policy = RetryPolicy::default();
        assert!((0..100).all(|_| {
            let wait = policy.backoff(3);
            Duration::from_millis(200) <= wait && wait <= Duration::from_millis(400)
        }));
    }

    #[test]
    fn the_default_budget_waits_at_least_1_5_seconds_in_all() {
        let policy = RetryPolicy::default();
        for _ in 0..100 {
            let total: Duration = (1..=policy.max_retries).map(|n| policy.backoff(n)).sum();
            assert!(total >= Duration::from_millis(1550), "{total:?}");
            assert!(total <= Duration::from_millis(3100), "{total:?}");
        }
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
