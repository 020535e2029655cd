//! `Hook`s on the transport: an idempotency key kept across retries, timings recorded once per
//! call, per-request extensions, and answers given without the network.

mod support;

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use codegen_runtime::{
    ClientConfig, Completed, Extensions, Hook, Method, Prepare, RequestParts, RetryPolicy,
    StatusCode, Url,
};
use support::{config, fast_retries, MockServer, Reply};

const PATH: &str = "/accounts/T12345678/customers/users";

/// A new `Idempotency-Key` per `POST` call.
#[derive(Debug, Default)]
struct IdempotencyKeys {
    next: AtomicU64,
}

impl Hook for IdempotencyKeys {
    fn prepare(&self, call: &mut Prepare<'_>) {
        if call.method == Method::POST {
            let key = self.next.fetch_add(1, Ordering::Relaxed);
            assert!(call.set_header("idempotency-key", &format!("key-{key}")));
        }
    }
}

/// A completed call: operation, status, whether it failed, time taken.
type Call = (&'static str, Option<StatusCode>, bool, Duration);

/// Every completed call.
#[derive(Debug, Default, Clone)]
struct Timings {
    calls: Arc<Mutex<Vec<Call>>>,
}

impl Hook for Timings {
    fn complete(&self, call: &Completed<'_>) {
        let row = (call.operation_id, call.status, call.failed, call.elapsed);
        self.calls.lock().unwrap().push(row);
    }
}

#[tokio::test]
async fn an_idempotency_key_is_the_same_on_every_retry_and_new_per_call() {
    let seen = AtomicU64::new(0);
    let server = MockServer::start(move |_| {
        // The first attempt of each call fails, the retry succeeds.
        if seen.fetch_add(1, Ordering::SeqCst).is_multiple_of(2) {
            Reply::empty(503)
        } else {
            Reply::empty(201).delay(Duration::from_millis(20))
        }
    })
    .await;
    let timings = Timings::default();
    let transport = config(&server)
        .retry_policy(RetryPolicy {
            retry_non_idempotent: true,
            ..fast_retries()
        })
        .hook(IdempotencyKeys::default())
        .hook(timings.clone())
        .build()
        .unwrap();
    for _ in 0..2 {
        let parts = RequestParts::new(Method::POST, PATH, "create_customer");
        let response = transport.execute::<()>(parts).await.unwrap();
        assert_eq!(response.status(), 201);
    }
    let keys: Vec<String> = server
        .requests()
        .iter()
        .map(|r| r.header("idempotency-key").unwrap_or("none").to_owned())
        .collect();
    assert_eq!(keys, ["key-0", "key-0", "key-1", "key-1"]);
    let calls = timings.calls.lock().unwrap().clone();
    assert_eq!(
        calls.len(),
        2,
        "one record per call, not per attempt: {calls:?}"
    );
    for (operation, status, failed, elapsed) in calls {
        assert_eq!(operation, "create_customer");
        assert_eq!(status, Some(StatusCode::CREATED));
        assert!(!failed);
        assert!(elapsed >= Duration::from_millis(20), "{elapsed:?}");
    }
}

/// Answers every attempt itself.
#[derive(Debug)]
struct Canned;

impl Hook for Canned {
    fn respond(&self, attempt: &reqwest::Request) -> Option<reqwest::Response> {
        let echo = attempt.headers().get("x-trace-id")?.clone();
        let response = http::Response::builder()
            .status(200)
            .header("x-trace-id", echo)
            .body(format!(
                "{}?{}",
                attempt.url().path(),
                attempt.url().query().unwrap_or("")
            ))
            .ok()?;
        Some(response.into())
    }
}

#[tokio::test]
async fn a_hook_can_answer_without_the_network_and_extensions_reach_the_request() {
    // Nothing listens on port 9 (discard) of this test's loopback: a sent request would fail.
    let base = Url::parse("http://127.0.0.1:9/v1").unwrap();
    let timings = Timings::default();
    let transport = ClientConfig::new(base, "hooks-test/0")
        .retry_policy(RetryPolicy::none())
        .hook(Canned)
        .hook(timings.clone())
        .build()
        .unwrap();
    let mut extra = Extensions::default();
    extra.header("x-trace-id", "trace-42");
    extra.query("debug", true);
    let parts = RequestParts::new(Method::GET, PATH, "list_customers")
        .query("limit", 10)
        .extend(&extra);
    let response = transport.execute::<()>(parts).await.unwrap();
    assert_eq!(response.headers()["x-trace-id"], "trace-42");
    assert_eq!(
        response.text().await.unwrap(),
        "/v1/accounts/T12345678/customers/users?limit=10&debug=true"
    );

    // Without the header the hook declines, the request is sent and fails: a failed call.
    let parts = RequestParts::new(Method::GET, PATH, "list_customers");
    assert!(transport.execute::<()>(parts).await.is_err());
    let calls = timings.calls.lock().unwrap().clone();
    assert_eq!(calls.len(), 2);
    assert_eq!((calls[0].1, calls[0].2), (Some(StatusCode::OK), false));
    assert_eq!((calls[1].1, calls[1].2), (None, true));
}

#[tokio::test]
async fn an_unsendable_extension_fails_the_call_before_it_is_sent() {
    let server = MockServer::start(|_| Reply::empty(204)).await;
    let transport = config(&server).build().unwrap();
    let mut extra = Extensions::default();
    extra.header("x-note", "line\nbreak");
    let parts = RequestParts::new(Method::GET, PATH, "op").extend(&extra);
    let err = transport.execute::<()>(parts).await.unwrap_err();
    assert!(
        matches!(err, codegen_runtime::Error::InvalidRequest(_)),
        "{err:?}"
    );
    assert!(server.requests().is_empty());
}
