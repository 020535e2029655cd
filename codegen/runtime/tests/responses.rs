//! Turning responses into values or errors: typed bodies, raw text kept when decoding fails,
//! headers, timeouts, and requests refused before sending.

mod support;

use std::time::Duration;

use codegen_runtime::{
    decode_bytes, decode_empty, decode_json, decode_text, error_response,
    error_response_without_body, unexpected_response, ConstraintError, Error, Method, RequestParts,
    RetryPolicy, StatusCode,
};
use serde::Deserialize;
use serde_json::json;
use support::{config, MockServer, Reply};

const PATH: &str = "/accounts/T12345678/customers/users";

#[derive(Debug, Deserialize)]
struct ErrorBody {
    error: ErrorDetail,
}

#[derive(Debug, Deserialize)]
struct ErrorDetail {
    message: String,
    code: Option<String>,
}

#[derive(Debug, Deserialize, PartialEq)]
struct User {
    id: String,
}

async fn get(server: &MockServer) -> codegen_runtime::Response {
    let transport = config(server).build().unwrap();
    transport
        .execute::<()>(RequestParts::new(Method::GET, PATH, "op"))
        .await
        .unwrap()
}

#[tokio::test]
async fn success_bodies_and_headers_decode() {
    let server = MockServer::start(|_| {
        Reply::json(200, json!([{"id": "u1"}, {"id": "u2"}])).header("total-count", "42")
    })
    .await;
    let users = decode_json::<Vec<User>, ()>(get(&server).await)
        .await
        .unwrap();
    assert_eq!(users.status(), StatusCode::OK);
    assert_eq!(users.header::<u64>("total-count"), Some(42));
    assert_eq!(users.header::<u64>("x-missing"), None);
    assert_eq!(users.len(), 2); // Deref to the body.
    assert_eq!(users.into_inner()[1], User { id: "u2".into() });
}

#[tokio::test]
async fn empty_text_and_binary_bodies() {
    let server = MockServer::start(|request| match request.method.as_str() {
        "DELETE" => Reply::empty(204),
        _ => Reply::text(200, "hello"),
    })
    .await;
    let transport = config(&server).build().unwrap();
    let response = transport
        .execute::<()>(RequestParts::new(Method::DELETE, PATH, "op"))
        .await
        .unwrap();
    let empty = decode_empty::<()>(response).await.unwrap();
    assert_eq!((empty.status(), *empty), (StatusCode::NO_CONTENT, ()));
    assert_eq!(
        *decode_text::<()>(get(&server).await).await.unwrap(),
        "hello"
    );
    assert_eq!(
        *decode_bytes::<()>(get(&server).await).await.unwrap(),
        b"hello"
    );
}

#[tokio::test]
async fn typed_error_bodies_decode() {
    let body = json!({"error": {"message": "user not found", "code": "NOT_FOUND"}});
    let server =
        MockServer::start(move |_| Reply::json(404, body.clone()).header("request-id", "r-1"))
            .await;
    let err = error_response::<ErrorBody>(get(&server).await).await;
    assert_eq!(err.status(), Some(StatusCode::NOT_FOUND));
    assert_eq!(err.headers().unwrap()["request-id"], "r-1");
    let Error::ErrorResponse(response) = &err else {
        panic!("{err:?}")
    };
    assert_eq!(response.error.message, "user not found");
    assert_eq!(
        err.error_body().unwrap().error.code.as_deref(),
        Some("NOT_FOUND")
    );
    assert_eq!(err.to_string(), "server answered 404 Not Found");
}

#[tokio::test]
async fn undecodable_error_bodies_keep_the_raw_text() {
    let page = "<html><body>502 Bad Gateway</body></html>";
    let server = MockServer::start(move |_| Reply::text(500, page)).await;
    let err = error_response::<ErrorBody>(get(&server).await).await;
    assert!(matches!(err, Error::Decode { .. }), "{err:?}");
    assert_eq!(err.status(), Some(StatusCode::INTERNAL_SERVER_ERROR));
    assert_eq!(err.raw_body(), Some(page));
    assert!(std::error::Error::source(&err).is_some());
}

#[tokio::test]
async fn undecodable_success_bodies_keep_the_raw_text() {
    let server = MockServer::start(|_| Reply::json(200, json!({"users": "not a list"}))).await;
    let err = decode_json::<Vec<User>, ErrorBody>(get(&server).await)
        .await
        .unwrap_err();
    let Error::Decode { status, body, .. } = &err else {
        panic!("{err:?}")
    };
    assert_eq!(*status, StatusCode::OK);
    assert_eq!(body, r#"{"users":"not a list"}"#);

    let server = MockServer::start(|_| Reply::empty(200).body(vec![0xff, b'{'])).await;
    let err = decode_json::<User, ()>(get(&server).await)
        .await
        .unwrap_err();
    assert_eq!(err.raw_body(), Some("\u{fffd}{"));
}

#[tokio::test]
async fn unexpected_statuses_keep_status_headers_and_body() {
    let server =
        MockServer::start(|_| Reply::text(418, "I'm a teapot").header("x-why", "tea")).await;
    let err = unexpected_response::<ErrorBody>(get(&server).await).await;
    let Error::UnexpectedResponse {
        status,
        headers,
        body,
    } = &err
    else {
        panic!("{err:?}")
    };
    assert_eq!(*status, StatusCode::IM_A_TEAPOT);
    assert_eq!(headers["x-why"], "tea");
    assert_eq!(body, "I'm a teapot");
}

#[tokio::test]
async fn documented_errors_without_a_body() {
    let server = MockServer::start(|_| Reply::empty(404)).await;
    let err = error_response_without_body(get(&server).await).await;
    assert!(
        matches!(&err, Error::ErrorResponse(r) if r.status() == 404),
        "{err:?}"
    );
}

#[tokio::test]
async fn slow_responses_time_out() {
    let server = MockServer::start(|_| Reply::empty(200).delay(Duration::from_secs(30))).await;
    let transport = config(&server)
        .timeout(Some(Duration::from_millis(200)))
        .retry_policy(RetryPolicy::none())
        .build()
        .unwrap();
    let err = transport
        .execute::<()>(RequestParts::new(Method::GET, PATH, "op"))
        .await
        .unwrap_err();
    assert!(err.is_timeout(), "{err:?}");

    // A per-request timeout overrides the client's.
    let transport = config(&server)
        .timeout(None)
        .retry_policy(RetryPolicy::none())
        .build()
        .unwrap();
    let request = RequestParts::new(Method::GET, PATH, "op").timeout(Duration::from_millis(200));
    assert!(matches!(
        transport.execute::<()>(request).await,
        Err(Error::Timeout)
    ));
}

#[tokio::test]
async fn requests_carry_user_agent_headers_and_json_body() {
    let server = MockServer::start(|_| Reply::empty(201)).await;
    let transport = config(&server)
        .user_agent("dintero-customers/1.2.3")
        .build()
        .unwrap();
    let request = RequestParts::new(Method::POST, PATH, "customers_users_post")
        .header("x-request-id", "abc")
        .header_opt("x-absent", None::<String>)
        .json(&json!({"email": "ola@example.com"}));
    transport.execute::<()>(request).await.unwrap();
    let recorded = &server.requests()[0];
    assert_eq!(recorded.method, "POST");
    assert_eq!(
        recorded.header("user-agent"),
        Some("dintero-customers/1.2.3")
    );
    assert_eq!(recorded.header("x-request-id"), Some("abc"));
    assert_eq!(recorded.header("x-absent"), None);
    assert_eq!(recorded.header("content-type"), Some("application/json"));
    assert_eq!(recorded.header("authorization"), None);
    assert_eq!(recorded.json(), json!({"email": "ola@example.com"}));
}

#[tokio::test]
async fn invalid_requests_are_refused_before_sending() {
    let server = MockServer::start(|_| Reply::empty(200)).await;
    let transport = config(&server).build().unwrap();
    let bad_header = RequestParts::new(Method::GET, PATH, "op").header("x-note", "line\nbreak");
    let bad_body = RequestParts::new(Method::POST, PATH, "op").json(
        &std::collections::HashMap::from([((1, 2), "tuple keys are not JSON")]),
    );
    for request in [bad_header, bad_body] {
        let result = transport.execute::<()>(request).await;
        assert!(
            matches!(result, Err(Error::InvalidRequest(_))),
            "{result:?}"
        );
    }
    assert!(server.requests().is_empty());

    let err: Error = ConstraintError::new("AccountId", "must be 9 characters long").into();
    assert_eq!(
        err.to_string(),
        "invalid request: invalid AccountId: must be 9 characters long"
    );
}

#[test]
fn bad_configuration_is_refused() {
    let base = codegen_runtime::Url::parse("mailto:someone@example.com").unwrap();
    assert!(codegen_runtime::ClientConfig::new(base, "ua")
        .build()
        .is_err());
    let base = codegen_runtime::Url::parse("https://api.example.com/v1").unwrap();
    assert!(codegen_runtime::ClientConfig::new(base, "bad\nagent")
        .build()
        .is_err());
}

#[test]
fn transports_are_cheap_to_share_across_tasks() {
    fn assert_send_sync_clone<T: Send + Sync + Clone + 'static>() {}
    assert_send_sync_clone::<codegen_runtime::Transport>();
    assert_send_sync_clone::<codegen_runtime::ClientConfig>();
    fn assert_error<T: std::error::Error + Send + Sync + 'static>() {}
    assert_error::<Error<ErrorBody>>();
}

#[tokio::test]
async fn event_streams_yield_decoded_events_until_the_server_closes() {
    use codegen_runtime::{decode_events, EventError, Stream};
    #[derive(serde::Deserialize, Debug, PartialEq)]
    struct Tick {
        n: u32,
    }
    let server = MockServer::start(|_| {
        Reply::empty(200)
            .header("content-type", "text/event-stream")
            .body("event: tick\ndata: {\"n\":1}\n\n: keep-alive\n\ndata: {\"n\":2}\n\ndata: [DONE]\n\n")
    })
    .await;
    let transport = config(&server).build().unwrap();
    let response = transport
        .execute::<()>(codegen_runtime::RequestParts::new(
            codegen_runtime::Method::GET,
            "/events",
            "watch",
        ))
        .await
        .unwrap();
    let mut events = decode_events::<Tick, ()>(response)
        .await
        .unwrap()
        .into_inner();
    async fn next(
        events: &mut codegen_runtime::EventStream<Tick>,
    ) -> Option<Result<codegen_runtime::Event<Tick>, EventError>> {
        std::future::poll_fn(|cx| std::pin::Pin::new(&mut *events).poll_next(cx)).await
    }
    let first = next(&mut events).await.unwrap().unwrap();
    assert_eq!(
        (first.event.as_deref(), first.data),
        (Some("tick"), Tick { n: 1 })
    );
    assert_eq!(
        next(&mut events).await.unwrap().unwrap().data,
        Tick { n: 2 }
    );
    assert!(matches!(
        next(&mut events).await,
        Some(Err(EventError::Decode { data, .. })) if data == "[DONE]"
    ));
    assert!(next(&mut events).await.is_none());
}
