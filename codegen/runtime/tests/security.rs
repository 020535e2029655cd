//! What a hostile server, proxy or caller input cannot do: pull credentials or bodies to
//! another origin, read secrets from error or debug text, get credentials over plain http, or
//! turn an empty or unserializable parameter into a different request.

mod support;

use std::time::Duration;

use codegen_runtime::{
    decode_json, error_response, query_value_via_serde, unexpected_response, ClientConfig,
    ClientCredentials, ConfigError, Error, Method, QueryValue, RequestParts, Url,
};
use serde_json::json;
use support::{config, MockServer, Reply};

const PATH: &str = "/accounts/T12345678/customers/login";

// ---------------------------------------------------------------------------------------------
// Redirects

/// A server that redirects every request to `target` with `status`.
async fn redirector(status: u16, target: String) -> MockServer {
    MockServer::start(move |_| Reply::empty(status).header("location", &target)).await
}

#[tokio::test]
async fn cross_origin_redirects_carry_neither_the_body_nor_the_token() {
    let elsewhere = MockServer::start(|_| Reply::empty(200)).await;
    // `localhost` is another origin than `127.0.0.1`, as another host would be.
    let target = elsewhere
        .base_url()
        .as_str()
        .replace("127.0.0.1", "localhost")
        + "/steal";
    for status in [301, 302, 303, 307, 308] {
        let server = redirector(status, target.clone()).await;
        let transport = config(&server)
            .bearer_token("planted-bearer")
            .build()
            .unwrap();
        let login = RequestParts::new(Method::POST, PATH, "login")
            .json(&json!({"email": "a@example.com", "password": "planted-password"}));
        let response = transport.execute::<()>(login).await.unwrap();
        assert_eq!(
            response.status(),
            status,
            "the redirect comes back unfollowed"
        );
        let err = unexpected_response::<()>(response).await;
        assert_eq!(
            err.headers().and_then(|h| h.get("location")).unwrap(),
            target.as_str()
        );
    }
    assert!(
        elsewhere.requests().is_empty(),
        "the other origin received {:?}",
        elsewhere.requests()
    );
}

#[tokio::test]
async fn same_origin_redirects_are_followed() {
    let server = MockServer::start(|request| {
        if request.path.ends_with("/login") {
            Reply::empty(307).header("location", "/v1/accounts/T12345678/customers/login2")
        } else {
            Reply::json(200, json!({"body": request.json()}))
        }
    })
    .await;
    let transport = config(&server).build().unwrap();
    let response = transport
        .execute::<()>(RequestParts::new(Method::POST, PATH, "login").json(&json!({"a": 1})))
        .await
        .unwrap();
    let body = decode_json::<serde_json::Value, ()>(response)
        .await
        .unwrap();
    assert_eq!(*body, json!({"body": {"a": 1}}));
}

#[tokio::test]
async fn endless_same_origin_redirects_stop() {
    let server = redirector(302, "/v1/again".to_string()).await;
    let transport = config(&server).build().unwrap();
    let err = transport
        .execute::<()>(RequestParts::new(Method::GET, "/again", "op"))
        .await
        .unwrap_err();
    assert!(matches!(err, Error::Transport(_)), "{err:?}");
    assert!(server.requests().len() <= codegen_runtime::MAX_REDIRECTS + 1);
}

// ---------------------------------------------------------------------------------------------
// Secrets in error and debug text

const PLANTED: [&str; 7] = [
    "planted-bearer-7f3a",
    "planted-password-91c2",
    "planted-query-token-55e1",
    "planted-access-token-e4d0",
    "planted-client-secret-0b9d",
    "planted-api-key-aa11",
    "planted-refresh-6c3e",
];

/// Display, alternate Debug and every source's Display of `err`.
fn all_text(err: &(dyn std::error::Error + 'static)) -> String {
    let mut text = format!("{err} {err:?} {err:#?}");
    let mut source = err.source();
    while let Some(cause) = source {
        text.push_str(&format!(" | {cause} {cause:?}"));
        source = cause.source();
    }
    text
}

#[track_caller]
fn assert_no_secret(what: &str, text: &str) {
    for secret in PLANTED {
        assert!(!text.contains(secret), "{what} shows {secret}: {text}");
    }
}

/// A closed port on loopback.
async fn closed_port() -> Url {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    drop(listener);
    Url::parse(&format!("http://{addr}/v1")).unwrap()
}

#[derive(Debug, serde::Deserialize)]
#[allow(dead_code)]
struct AccessToken {
    access_token: String,
    expires_in: u64,
}

#[tokio::test]
async fn planted_secrets_appear_in_no_error_text() {
    let token_body = json!({
        "access_token": "planted-access-token-e4d0",
        "refresh_token": "planted-refresh-6c3e",
        "expires_in": "soon",
    });
    let server = MockServer::start(move |request| match request.path.as_str() {
        "/v1/token" => Reply::json(200, token_body.clone()),
        "/v1/slow" => Reply::empty(200).delay(Duration::from_secs(5)),
        "/v1/error" => Reply::json(
            400,
            json!({"message": 5, "password": "planted-password-91c2"}),
        ),
        "/v1/odd" => Reply::json(418, json!({"client_secret": "planted-client-secret-0b9d"}))
            .header("set-cookie", "session=planted-refresh-6c3e"),
        "/v1/auth" => Reply::json(401, json!({"client_secret": "planted-client-secret-0b9d"})),
        _ => Reply::empty(204),
    })
    .await;
    let transport = config(&server)
        .bearer_token("planted-bearer-7f3a")
        .timeout(Some(Duration::from_millis(200)))
        .retry_policy(codegen_runtime::RetryPolicy::none())
        .build()
        .unwrap();
    let get = |path: &'static str| {
        RequestParts::new(Method::GET, path, "op").query("token_value", "planted-query-token-55e1")
    };
    let mut texts: Vec<(&str, String)> = Vec::new();

    // A token-bearing response that does not decode.
    let response = transport.execute::<()>(get("/token")).await.unwrap();
    let err = decode_json::<AccessToken, ()>(response).await.unwrap_err();
    assert!(matches!(err, Error::Decode { .. }));
    texts.push(("Decode of a token response", all_text(&err)));

    // A documented error whose body does not decode, with a password in it.
    #[derive(Debug, serde::Deserialize)]
    #[allow(dead_code)]
    struct ApiError {
        message: String,
    }
    let response = transport.execute::<ApiError>(get("/error")).await.unwrap();
    let err = error_response::<ApiError>(response).await;
    assert!(matches!(err, Error::Decode { .. }));
    texts.push(("Decode of an error body", all_text(&err)));

    // An unexpected status with a secret in body and cookie.
    let response = transport.execute::<()>(get("/odd")).await.unwrap();
    let err = unexpected_response::<()>(response).await;
    assert!(matches!(err, Error::UnexpectedResponse { .. }));
    texts.push(("UnexpectedResponse", all_text(&err)));

    // A timeout, and a transport error with the secret query in its URL.
    let err = transport.execute::<()>(get("/slow")).await.unwrap_err();
    assert!(matches!(err, Error::Timeout), "{err:?}");
    texts.push(("Timeout", all_text(&err)));
    let refused = ClientConfig::new(closed_port().await, "t/0")
        .bearer_token("planted-bearer-7f3a")
        .retry_policy(codegen_runtime::RetryPolicy::none())
        .build()
        .unwrap();
    let err = refused.execute::<()>(get("/x")).await.unwrap_err();
    assert!(matches!(err, Error::Transport(_)), "{err:?}");
    let text = all_text(&err);
    assert!(text.contains("REDACTED"), "the URL is still shown: {text}");
    texts.push(("Transport", text));

    // A header value that cannot be sent.
    let bad_header = get("/x").header("x-api-key", "planted-api-key-aa11\n");
    texts.push(("RequestParts Debug (bad header)", format!("{bad_header:?}")));
    let err = transport.execute::<()>(bad_header).await.unwrap_err();
    assert!(matches!(err, Error::InvalidRequest(_)));
    texts.push(("InvalidRequest", all_text(&err)));

    // A request with a password body, a secret query parameter and an API key header.
    let request = get("/x")
        .header("x-api-key", "planted-api-key-aa11")
        .json(&json!({"email": "a@b", "password": "planted-password-91c2"}));
    texts.push(("RequestParts Debug", format!("{request:?} {request:#?}")));
    texts.push(("Transport Debug", format!("{transport:?}")));

    // The token endpoint rejecting the client, echoing its secret.
    let credentials = ClientCredentials::new(
        server.base_url().join("v1/auth").unwrap(),
        "id",
        "planted-client-secret-0b9d",
    );
    texts.push(("ClientCredentials Debug", format!("{credentials:?}")));
    let with_credentials = config(&server).token_source(credentials).build().unwrap();
    let err = with_credentials.execute::<()>(get("/x")).await.unwrap_err();
    assert!(matches!(err, Error::Auth(_)), "{err:?}");
    texts.push(("Auth", all_text(&err)));

    for (what, text) in &texts {
        assert_no_secret(what, text);
    }
}

// ---------------------------------------------------------------------------------------------
// Credentials over plain http

#[test]
fn credentials_over_plain_http_to_a_remote_host_are_refused() {
    let remote = Url::parse("http://api.example.com/v1").unwrap();
    let err = ClientConfig::new(remote.clone(), "t/0")
        .bearer_token("tok")
        .build()
        .unwrap_err();
    assert!(err.to_string().contains("plain http"), "{err}");
    assert!(
        matches!(err, ConfigError::PlainHttpCredentials(ref host) if host == "api.example.com")
    );

    // A token URL over http, behind an https API.
    let https = Url::parse("https://api.example.com/v1").unwrap();
    let credentials = ClientCredentials::dintero(&remote, "T12345678", "id", "secret");
    let err = ClientConfig::new(https.clone(), "t/0")
        .token_source(credentials)
        .build()
        .unwrap_err();
    assert!(err.to_string().contains("plain http"), "{err}");

    // Opting in by host name, https, loopback, and no credentials at all are fine.
    let opted_in = ClientConfig::new(remote.clone(), "t/0")
        .bearer_token("tok")
        .allow_plain_http_credentials("api.example.com");
    assert!(opted_in.build().is_ok());
    assert!(ClientConfig::new(https, "t/0")
        .bearer_token("t")
        .build()
        .is_ok());
    for local in [
        "http://127.0.0.1:1/v1",
        "http://localhost:1/v1",
        "http://[::1]:1/v1",
    ] {
        let url = Url::parse(local).unwrap();
        assert!(
            ClientConfig::new(url, "t/0")
                .bearer_token("t")
                .build()
                .is_ok(),
            "{local}"
        );
    }
    assert!(ClientConfig::new(remote, "t/0").build().is_ok());
}

// ---------------------------------------------------------------------------------------------
// Caller input

#[tokio::test]
async fn an_empty_last_path_value_is_refused_before_sending() {
    let server = MockServer::start(|_| Reply::empty(204)).await;
    let transport = config(&server).build().unwrap();
    let user_id = "";
    let path = format!(
        "/accounts/T12345678/customers/users/{}",
        codegen_runtime::encode_path_segment(user_id)
    );
    let err = transport
        .execute::<()>(RequestParts::new(Method::DELETE, path, "op"))
        .await
        .unwrap_err();
    assert!(matches!(err, Error::InvalidRequest(_)), "{err:?}");
    assert!(server.requests().is_empty());
    // The root path itself is fine.
    let ok = transport
        .execute::<()>(RequestParts::new(Method::GET, "/", "op"))
        .await;
    assert!(ok.is_ok(), "{ok:?}");
}

/// A value whose `Serialize` fails.
struct Unserializable;

impl serde::Serialize for Unserializable {
    fn serialize<S: serde::Serializer>(&self, _: S) -> Result<S::Ok, S::Error> {
        Err(serde::ser::Error::custom("no wire form"))
    }
}

impl QueryValue for Unserializable {
    fn query_value(&self) -> String {
        query_value_via_serde(self)
    }
}

#[tokio::test]
async fn a_query_value_that_fails_to_serialize_is_an_invalid_request() {
    let server = MockServer::start(|_| Reply::empty(204)).await;
    let transport = config(&server).build().unwrap();
    for request in [
        RequestParts::new(Method::GET, "/x", "op").query("status", Unserializable),
        RequestParts::new(Method::GET, "/x", "op").query_joined("status", [Unserializable]),
        RequestParts::new(Method::GET, "/x", "op").header("x-status", Unserializable),
    ] {
        let err = transport.execute::<()>(request).await.unwrap_err();
        assert!(
            matches!(err, Error::InvalidRequest(ref m) if m.contains("no wire form")),
            "{err:?}"
        );
    }
    assert!(server.requests().is_empty(), "{:?}", server.requests());
    // A failure does not leak into the next request on the same thread.
    let _ = query_value_via_serde(&Unserializable);
    let fine = RequestParts::new(Method::GET, "/x", "op").query("limit", 2);
    assert!(transport.execute::<()>(fine).await.is_ok());
}
