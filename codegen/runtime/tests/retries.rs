//! Which failures are retried, how often, and what comes back when retries run out.

mod support;

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use codegen_runtime::{error_response, Error, Method, RequestParts, RetryPolicy};
use serde_json::json;
use support::{config, fast_retries, MockServer, Reply};

const PATH: &str = "/accounts/T12345678/customers/users";
const WIRE_PATH: &str = "/v1/accounts/T12345678/customers/users";

/// A server that answers `first` to the first `n` requests and `then` afterwards.
async fn flaky(n: usize, first: Reply, then: Reply) -> MockServer {
    let seen = AtomicUsize::new(0);
    MockServer::start(move |_| {
        if seen.fetch_add(1, Ordering::SeqCst) < n {
            first.clone()
        } else {
            then.clone()
        }
    })
    .await
}

#[tokio::test]
async fn get_503_then_200_succeeds_on_the_second_attempt() {
    let server = flaky(1, Reply::empty(503), Reply::json(200, json!([]))).await;
    let transport = config(&server).build().unwrap();
    let response = transport
        .execute::<()>(RequestParts::new(Method::GET, PATH, "op"))
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    assert_eq!(server.hits(WIRE_PATH), 2);
}

#[tokio::test]
async fn every_retryable_status_is_retried() {
    for status in [429, 502, 503, 504] {
        let server = flaky(1, Reply::empty(status), Reply::empty(204)).await;
        let transport = config(&server).build().unwrap();
        let response = transport
            .execute::<()>(RequestParts::new(Method::PUT, PATH, "op"))
            .await
            .unwrap();
        assert_eq!(response.status(), 204, "after {status}");
        assert_eq!(server.hits(WIRE_PATH), 2, "after {status}");
    }
}

#[tokio::test]
async fn other_errors_are_not_retried() {
    for status in [400, 404, 409, 500] {
        let server = MockServer::start(move |_| Reply::empty(status)).await;
        let transport = config(&server).build().unwrap();
        let response = transport
            .execute::<()>(RequestParts::new(Method::GET, PATH, "op"))
            .await
            .unwrap();
        assert_eq!(response.status(), status);
        assert_eq!(server.hits(WIRE_PATH), 1, "{status}");
    }
}

#[tokio::test]
async fn retry_after_seconds_is_honoured() {
    let server = flaky(
        1,
        Reply::empty(429).header("retry-after", "1"),
        Reply::empty(204),
    )
    .await;
    let transport = config(&server).build().unwrap();
    let started = Instant::now();
    let response = transport
        .execute::<()>(RequestParts::new(Method::GET, PATH, "op"))
        .await
        .unwrap();
    assert_eq!(response.status(), 204);
    assert_eq!(server.hits(WIRE_PATH), 2);
    // A lower bound only: the backoff alone would have been 1 ms.
    assert!(
        started.elapsed() >= Duration::from_secs(1),
        "{:?}",
        started.elapsed()
    );
}

#[tokio::test]
async fn post_is_not_retried_by_default() {
    let server = flaky(1, Reply::empty(503), Reply::empty(201)).await;
    let transport = config(&server).build().unwrap();
    let request = RequestParts::new(Method::POST, PATH, "op").json(&json!({"email": "a@b.c"}));
    let response = transport.execute::<()>(request).await.unwrap();
    assert_eq!(response.status(), 503);
    assert_eq!(server.hits(WIRE_PATH), 1);
}

#[tokio::test]
async fn post_is_retried_when_opted_in() {
    // For the whole client...
    let server = flaky(1, Reply::empty(503), Reply::empty(201)).await;
    let policy = RetryPolicy {
        retry_non_idempotent: true,
        ..fast_retries()
    };
    let transport = config(&server).retry_policy(policy).build().unwrap();
    let request = RequestParts::new(Method::POST, PATH, "op").json(&json!({"email": "a@b.c"}));
    let response = transport.execute::<()>(request).await.unwrap();
    assert_eq!(response.status(), 201);
    let requests = server.requests();
    assert_eq!(requests.len(), 2);
    // The body is sent again in full.
    assert!(requests
        .iter()
        .all(|r| r.json() == json!({"email": "a@b.c"})));

    // ...or for one request.
    let server = flaky(1, Reply::empty(503), Reply::empty(200)).await;
    let transport = config(&server).build().unwrap();
    let request = RequestParts::new(Method::POST, PATH, "search").idempotent(true);
    assert_eq!(
        transport.execute::<()>(request).await.unwrap().status(),
        200
    );
    assert_eq!(server.hits(WIRE_PATH), 2);
}

#[tokio::test]
async fn exhausted_retries_return_the_last_error_status() {
    let body = json!({"error": {"message": "down for maintenance"}});
    let server = MockServer::start(move |_| Reply::json(503, body.clone())).await;
    let policy = RetryPolicy {
        max_retries: 2,
        ..fast_retries()
    };
    let transport = config(&server).retry_policy(policy).build().unwrap();
    let response = transport
        .execute::<()>(RequestParts::new(Method::GET, PATH, "op"))
        .await
        .unwrap();
    assert_eq!(server.hits(WIRE_PATH), 3);
    let err = error_response::<serde_json::Value>(response).await;
    assert_eq!(
        err.status(),
        Some(codegen_runtime::StatusCode::SERVICE_UNAVAILABLE)
    );
    assert_eq!(
        err.error_body().unwrap()["error"]["message"],
        "down for maintenance"
    );
}

#[tokio::test]
async fn retry_policy_none_sends_once() {
    let server = MockServer::start(|_| Reply::empty(503)).await;
    let transport = config(&server)
        .retry_policy(RetryPolicy::none())
        .build()
        .unwrap();
    let response = transport
        .execute::<()>(RequestParts::new(Method::GET, PATH, "op"))
        .await
        .unwrap();
    assert_eq!(response.status(), 503);
    assert_eq!(server.hits(WIRE_PATH), 1);
}

#[tokio::test]
async fn timed_out_attempts_are_retried() {
    let seen = Arc::new(AtomicUsize::new(0));
    let counter = Arc::clone(&seen);
    let server = MockServer::start(move |_| {
        if counter.fetch_add(1, Ordering::SeqCst) == 0 {
            Reply::empty(200).delay(Duration::from_secs(30))
        } else {
            Reply::empty(204)
        }
    })
    .await;
    let transport = config(&server)
        .timeout(Some(Duration::from_millis(500)))
        .build()
        .unwrap();
    let response = transport
        .execute::<()>(RequestParts::new(Method::GET, PATH, "op"))
        .await
        .unwrap();
    assert_eq!(response.status(), 204);
    // At least 2: on a very busy machine a quick attempt could time out too.
    assert!(seen.load(Ordering::SeqCst) >= 2);
}

#[tokio::test]
async fn connection_refused_is_a_transport_error() {
    // Bind, note the port, and close it again so nothing listens there.
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    drop(listener);
    let base = codegen_runtime::Url::parse(&format!("http://{addr}/v1")).unwrap();
    let transport = codegen_runtime::ClientConfig::new(base, "test/0")
        .retry_policy(fast_retries())
        .build()
        .unwrap();
    let err = transport
        .execute::<()>(RequestParts::new(Method::GET, PATH, "op"))
        .await
        .unwrap_err();
    assert!(matches!(err, Error::Transport(_)), "{err:?}");
    assert_eq!(err.status(), None);
}
