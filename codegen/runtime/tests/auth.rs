//! Bearer tokens: static ones, Dintero's client-credentials flow with caching and refresh, and
//! secrets kept out of `Debug`.

mod support;

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use codegen_runtime::{
    AuthError, ClientCredentials, Error, Method, RequestParts, Secret, StaticToken, TokenSource,
    Transport,
};
use serde_json::json;
use support::{config, MockServer, Recorded, Reply};

const ACCOUNT: &str = "T12345678";
const TOKEN_PATH: &str = "/v1/accounts/T12345678/auth/token";
const API_PATH: &str = "/accounts/T12345678/customers/users";
const API_WIRE_PATH: &str = "/v1/accounts/T12345678/customers/users";
const CLIENT_ID: &str = "client-id";
const CLIENT_SECRET: &str = "s3cr3t-value";
/// `base64("client-id:s3cr3t-value")`.
const BASIC: &str = "Basic Y2xpZW50LWlkOnMzY3IzdC12YWx1ZQ==";

/// Why a token request is not what Dintero expects, if it is not.
fn token_request_problem(request: &Recorded) -> Option<String> {
    let host = request.header("host").unwrap_or_default();
    let expected_body = json!({
        "grant_type": "client_credentials",
        "audience": format!("http://{host}/v1/accounts/{ACCOUNT}"),
    });
    if request.method != "POST" {
        Some(format!("method {}", request.method))
    } else if request.header("authorization") != Some(BASIC) {
        Some(format!(
            "authorization {:?}",
            request.header("authorization")
        ))
    } else if request.header("content-type") != Some("application/json") {
        Some(format!("content type {:?}", request.header("content-type")))
    } else if serde_json::from_slice::<serde_json::Value>(&request.body).ok() != Some(expected_body)
    {
        Some(format!("body {}", String::from_utf8_lossy(&request.body)))
    } else {
        None
    }
}

/// A Dintero look-alike: issues `tok-1`, `tok-2`, ... valid for `expires_in` seconds, and
/// answers API requests with `200` and the token they carried, or `401` for `rejected` tokens.
async fn dintero(expires_in: u64, rejected: &'static [&'static str]) -> MockServer {
    let issued = AtomicUsize::new(0);
    MockServer::start(move |request| {
        if request.path == TOKEN_PATH {
            if let Some(problem) = token_request_problem(request) {
                return Reply::json(400, json!({"error": problem}));
            }
            let n = issued.fetch_add(1, Ordering::SeqCst) + 1;
            let token = json!({"access_token": format!("tok-{n}"), "token_type": "Bearer", "expires_in": expires_in});
            return Reply::json(200, token);
        }
        match request.header("authorization").and_then(|h| h.strip_prefix("Bearer ")) {
            Some(token) if !rejected.contains(&token) => Reply::json(200, json!({"token": token})),
            _ => Reply::json(401, json!({"error": {"message": "unauthorized"}})),
        }
    })
    .await
}

fn credentials(server: &MockServer) -> ClientCredentials {
    ClientCredentials::dintero(&server.base_url(), ACCOUNT, CLIENT_ID, CLIENT_SECRET)
}

/// Make `n` API calls at once; returns the tokens they were answered with.
async fn burst(transport: &Transport, n: usize) -> Vec<String> {
    let calls: Vec<_> = (0..n)
        .map(|_| {
            let transport = transport.clone();
            tokio::spawn(async move {
                let request = RequestParts::new(Method::GET, API_PATH, "customers_users_get");
                let response = transport
                    .execute::<()>(request)
                    .await
                    .expect("call succeeds");
                let body = codegen_runtime::decode_json::<serde_json::Value, ()>(response)
                    .await
                    .unwrap();
                assert_eq!(body.status(), 200);
                body["token"].as_str().unwrap().to_owned()
            })
        })
        .collect();
    let mut tokens = Vec::new();
    for call in calls {
        tokens.push(call.await.unwrap());
    }
    tokens
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn concurrent_calls_share_one_token_and_refresh_once_after_expiry() {
    const LIFETIME: Duration = Duration::from_secs(2);
    let server = dintero(LIFETIME.as_secs(), &[]).await;
    let source = credentials(&server).refresh_skew(Duration::ZERO);
    let transport = config(&server).token_source(source).build().unwrap();

    let started = Instant::now();
    let tokens = burst(&transport, 50).await;
    let first_burst = started.elapsed();
    assert_eq!(server.hits(API_WIRE_PATH), 50);
    // The token was requested after `started`, so it stays valid until at least
    // `started + LIFETIME`; if the burst ended before that, it had no reason to fetch another.
    if first_burst < LIFETIME {
        assert_eq!(server.hits(TOKEN_PATH), 1);
        assert!(tokens.iter().all(|token| token == "tok-1"));
    } else {
        eprintln!("first burst took {first_burst:?}; machine too slow to check the exact count");
    }
    let after_first = server.hits(TOKEN_PATH);

    // Wait until the token has expired for sure (it was requested before the burst ended).
    tokio::time::sleep(LIFETIME + Duration::from_millis(100)).await;
    let started = Instant::now();
    let tokens = burst(&transport, 50).await;
    let second_burst = started.elapsed();
    assert_eq!(server.hits(API_WIRE_PATH), 100);
    if second_burst < LIFETIME {
        assert_eq!(server.hits(TOKEN_PATH), after_first + 1);
        let expected = format!("tok-{}", after_first + 1);
        assert!(tokens.iter().all(|token| *token == expected));
    } else {
        eprintln!("second burst took {second_burst:?}; machine too slow to check the exact count");
        assert!(server.hits(TOKEN_PATH) > after_first);
    }
    // Every token request had Basic auth and the JSON body (the mock answers 400 otherwise).
    let token_requests: Vec<_> = server
        .requests()
        .into_iter()
        .filter(|r| r.path == TOKEN_PATH)
        .collect();
    assert!(token_requests
        .iter()
        .all(|r| token_request_problem(r).is_none()));
}

#[tokio::test]
async fn unauthorized_drops_the_cached_token_and_retries_once() {
    let server = dintero(3600, &["tok-1"]).await;
    let transport = config(&server)
        .token_source(credentials(&server))
        .build()
        .unwrap();

    let request = || RequestParts::new(Method::POST, API_PATH, "customers_users_post");
    let response = transport.execute::<()>(request()).await.unwrap();
    assert_eq!(response.status(), 200);
    assert_eq!(server.hits(TOKEN_PATH), 2);
    assert_eq!(server.hits(API_WIRE_PATH), 2);

    // The new token is cached.
    transport.execute::<()>(request()).await.unwrap();
    assert_eq!(server.hits(TOKEN_PATH), 2);
    assert_eq!(server.hits(API_WIRE_PATH), 3);
}

#[tokio::test]
async fn a_token_that_stays_unauthorized_is_retried_only_once() {
    let server = dintero(3600, &["tok-1", "tok-2", "tok-3"]).await;
    let transport = config(&server)
        .token_source(credentials(&server))
        .build()
        .unwrap();
    let response = transport
        .execute::<()>(RequestParts::new(Method::GET, API_PATH, "op"))
        .await
        .unwrap();
    assert_eq!(response.status(), 401);
    assert_eq!(server.hits(API_WIRE_PATH), 2);
}

#[tokio::test]
async fn static_tokens_are_sent_as_bearer_and_not_retried_on_401() {
    let server = dintero(3600, &["expired"]).await;
    let transport = config(&server)
        .bearer_token("static-token")
        .build()
        .unwrap();
    let response = transport
        .execute::<()>(RequestParts::new(Method::GET, API_PATH, "op"))
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    assert_eq!(
        server.requests()[0].header("authorization"),
        Some("Bearer static-token")
    );

    let transport = config(&server).bearer_token("expired").build().unwrap();
    let response = transport
        .execute::<()>(RequestParts::new(Method::GET, API_PATH, "op"))
        .await
        .unwrap();
    assert_eq!(response.status(), 401);
    assert_eq!(server.hits(API_WIRE_PATH), 2);
    assert_eq!(server.hits(TOKEN_PATH), 0);
}

#[tokio::test]
async fn rejected_credentials_are_an_auth_error_and_nothing_is_sent() {
    let server = MockServer::start(|request| {
        if request.path == TOKEN_PATH {
            Reply::json(401, json!({"error": "invalid_client"}))
        } else {
            Reply::empty(200)
        }
    })
    .await;
    let transport = config(&server)
        .token_source(credentials(&server))
        .build()
        .unwrap();
    let err = transport
        .execute::<()>(RequestParts::new(Method::GET, API_PATH, "op"))
        .await
        .unwrap_err();
    match err {
        Error::Auth(AuthError::Rejected { status, body }) => {
            assert_eq!(status, 401);
            assert!(body.contains("invalid_client"));
        }
        other => panic!("expected a rejected token request, got {other:?}"),
    }
    assert_eq!(server.hits(API_WIRE_PATH), 0);
}

#[tokio::test]
async fn a_malformed_token_response_is_not_echoed() {
    let server =
        MockServer::start(|_| Reply::json(200, json!({"acces_token": "leaky-token"}))).await;
    let err = credentials(&server).token().await.unwrap_err();
    assert!(matches!(err, AuthError::InvalidResponse(_)), "{err:?}");
    assert!(!format!("{err} {err:?}").contains("leaky-token"));
}

#[tokio::test]
async fn debug_output_never_contains_secrets_or_tokens() {
    let server = dintero(3600, &[]).await;
    let source = Arc::new(credentials(&server));
    let transport = config(&server)
        .token_source(Arc::clone(&source))
        .build()
        .unwrap();
    transport
        .execute::<()>(RequestParts::new(Method::GET, API_PATH, "op"))
        .await
        .unwrap();
    assert_eq!(source.token().await.unwrap().expose(), "tok-1");

    let outputs = [
        format!("{source:?}"),
        format!("{source:#?}"),
        format!("{transport:?}"),
        format!("{:?}", config(&server).token_source(Arc::clone(&source))),
        format!("{:?}", config(&server).bearer_token("static-token")),
        format!("{:?}", StaticToken::new("static-token")),
        format!("{:?}", Secret::new("static-token")),
    ];
    for output in outputs {
        for secret in [CLIENT_SECRET, "tok-1", "static-token"] {
            assert!(!output.contains(secret), "{secret} leaked in {output}");
        }
    }
    assert_eq!(format!("{:?}", Secret::new("x")), "[REDACTED]");
}
