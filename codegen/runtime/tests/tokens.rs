//! Token refresh under concurrency and failure: one token request however many calls wait,
//! every waiter bounded by its deadline, and a failure remembered briefly.

mod support;

use std::time::{Duration, Instant};

use codegen_runtime::{AuthError, ClientCredentials, Method, RequestParts, TokenSource, Transport};
use serde_json::json;
use support::{config, MockServer, Reply};

const TOKEN_PATH: &str = "/v1/accounts/T12345678/auth/token";
const API_PATH: &str = "/accounts/T12345678/customers/users";

/// A token endpoint that answers after `delay` (a hung one with a long delay).
async fn slow_token_endpoint(delay: Duration) -> MockServer {
    MockServer::start(move |request| {
        if request.path == TOKEN_PATH {
            Reply::json(200, json!({"access_token": "tok", "expires_in": 3600})).delay(delay)
        } else {
            Reply::empty(204)
        }
    })
    .await
}

fn credentials(server: &MockServer) -> ClientCredentials {
    ClientCredentials::dintero(&server.base_url(), "T12345678", "id", "secret")
}

/// Run 10 calls at once; each result with the time it took.
async fn ten_calls(transport: &Transport) -> Vec<(Result<u16, String>, Duration)> {
    let started = Instant::now();
    let calls: Vec<_> = (0..10)
        .map(|_| {
            let transport = transport.clone();
            tokio::spawn(async move {
                let result = transport
                    .execute::<()>(RequestParts::new(Method::GET, API_PATH, "op"))
                    .await
                    .map(|response| response.status().as_u16())
                    .map_err(|err| format!("{err:?}"));
                (result, started.elapsed())
            })
        })
        .collect();
    let mut results = Vec::new();
    for call in calls {
        results.push(call.await.unwrap());
    }
    results
}

/// A hung token endpoint that times out: ten callers share one token request and its failure,
/// instead of queueing one after another (10 requests, 10 x the timeout).
#[tokio::test]
async fn ten_callers_share_one_token_request_and_its_failure() {
    let server = slow_token_endpoint(Duration::from_secs(30)).await;
    let transport = config(&server)
        .token_source(credentials(&server).timeout(Duration::from_millis(300)))
        .build()
        .unwrap();
    let results = ten_calls(&transport).await;
    for (result, took) in &results {
        assert!(result.is_err(), "{result:?}");
        assert!(
            *took < Duration::from_millis(1500),
            "a caller took {took:?}"
        );
    }
    assert_eq!(server.hits(TOKEN_PATH), 1);
}

/// A hung token endpoint with a long token timeout: every caller is bounded by its deadline.
#[tokio::test]
async fn a_hung_token_endpoint_is_bounded_by_the_deadline() {
    let server = slow_token_endpoint(Duration::from_secs(30)).await;
    let transport = config(&server)
        .token_source(credentials(&server))
        .deadline(Some(Duration::from_millis(400)))
        .build()
        .unwrap();
    let results = ten_calls(&transport).await;
    for (result, took) in &results {
        assert!(
            matches!(result, Err(text) if text == "Timeout"),
            "{result:?}"
        );
        assert!(
            *took < Duration::from_millis(1200),
            "a caller took {took:?}"
        );
    }
    assert_eq!(server.hits(TOKEN_PATH), 1);
}

#[tokio::test]
async fn a_slow_token_is_shared_by_every_waiter() {
    let server = slow_token_endpoint(Duration::from_millis(200)).await;
    let transport = config(&server)
        .token_source(credentials(&server))
        .build()
        .unwrap();
    for (result, _) in ten_calls(&transport).await {
        assert_eq!(result, Ok(204));
    }
    assert_eq!(server.hits(TOKEN_PATH), 1);
}

#[tokio::test]
async fn a_failed_token_request_is_remembered_briefly() {
    let server = MockServer::start(|_| Reply::json(401, json!({"error": "invalid_client"}))).await;
    let source = credentials(&server).failure_cache(Duration::from_millis(300));
    for _ in 0..5 {
        let err = source.token().await.unwrap_err();
        assert!(matches!(err, AuthError::Rejected { .. }), "{err:?}");
    }
    assert_eq!(server.hits(TOKEN_PATH), 1);
    tokio::time::sleep(Duration::from_millis(350)).await;
    assert!(source.token().await.is_err());
    assert_eq!(server.hits(TOKEN_PATH), 2);
}

#[tokio::test]
async fn an_account_id_that_is_not_a_segment_sends_nothing() {
    let server = slow_token_endpoint(Duration::ZERO).await;
    for account in ["..", ".", ""] {
        let source = ClientCredentials::dintero(&server.base_url(), account, "id", "secret");
        let err = source.token().await.unwrap_err();
        assert!(
            matches!(err, AuthError::InvalidConfig(_)),
            "{account:?}: {err:?}"
        );
    }
    assert!(server.requests().is_empty(), "{:?}", server.requests());
    // An ordinary one still works.
    let transport = config(&server)
        .token_source(credentials(&server))
        .build()
        .unwrap();
    let response = transport
        .execute::<()>(RequestParts::new(Method::GET, API_PATH, "op"))
        .await;
    assert!(
        matches!(response, Ok(ref r) if r.status() == 204),
        "{response:?}"
    );
}
