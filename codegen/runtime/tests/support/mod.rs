//! A loopback HTTP/1.1 server for the integration tests: records every request and answers
//! through a handler closure.

#![allow(dead_code)] // Each test binary uses a different part of it.

use std::convert::Infallible;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use codegen_runtime::url::form_urlencoded;
use codegen_runtime::{ClientConfig, RetryPolicy, Url};
use http_body_util::{BodyExt, Full};
use hyper::body::{Bytes, Incoming};
use hyper::server::conn::http1;
use hyper::service::service_fn;
use hyper_util::rt::TokioIo;
use tokio::net::TcpListener;

pub mod raw;

/// A request as the server received it.
#[derive(Debug, Clone)]
pub struct Recorded {
    pub method: String,
    /// The path exactly as on the wire (still percent-encoded).
    pub path: String,
    /// The query exactly as on the wire.
    pub query: Option<String>,
    pub headers: hyper::HeaderMap,
    pub body: Vec<u8>,
}

impl Recorded {
    /// The query decoded as `application/x-www-form-urlencoded`.
    pub fn query_pairs(&self) -> Vec<(String, String)> {
        let query = self.query.as_deref().unwrap_or("");
        form_urlencoded::parse(query.as_bytes())
            .into_owned()
            .collect()
    }

    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|value| value.to_str().ok())
    }

    pub fn json(&self) -> serde_json::Value {
        serde_json::from_slice(&self.body).expect("request body is JSON")
    }
}

/// What the server answers.
#[derive(Debug, Clone)]
pub struct Reply {
    status: u16,
    headers: Vec<(String, String)>,
    body: Vec<u8>,
    delay: Option<Duration>,
}

impl Reply {
    pub fn empty(status: u16) -> Self {
        Reply {
            status,
            headers: Vec::new(),
            body: Vec::new(),
            delay: None,
        }
    }

    pub fn json(status: u16, body: serde_json::Value) -> Self {
        Reply::empty(status)
            .header("content-type", "application/json")
            .body(body.to_string())
    }

    pub fn text(status: u16, body: &str) -> Self {
        Reply::empty(status)
            .header("content-type", "text/plain")
            .body(body)
    }

    pub fn header(mut self, name: &str, value: &str) -> Self {
        self.headers.push((name.to_owned(), value.to_owned()));
        self
    }

    pub fn body(mut self, body: impl Into<Vec<u8>>) -> Self {
        self.body = body.into();
        self
    }

    /// Wait this long before answering.
    pub fn delay(mut self, delay: Duration) -> Self {
        self.delay = Some(delay);
        self
    }
}

type Handler = dyn Fn(&Recorded) -> Reply + Send + Sync;

/// A server on 127.0.0.1 that lives as long as the test's runtime.
pub struct MockServer {
    addr: SocketAddr,
    log: Arc<Mutex<Vec<Recorded>>>,
}

impl MockServer {
    pub async fn start(handler: impl Fn(&Recorded) -> Reply + Send + Sync + 'static) -> Self {
        let listener = TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind loopback");
        let addr = listener.local_addr().expect("local address");
        let handler: Arc<Handler> = Arc::new(handler);
        let log = Arc::new(Mutex::new(Vec::new()));
        let server_log = Arc::clone(&log);
        tokio::spawn(async move {
            while let Ok((stream, _)) = listener.accept().await {
                let handler = Arc::clone(&handler);
                let log = Arc::clone(&server_log);
                let service = service_fn(move |request: hyper::Request<Incoming>| {
                    let handler = Arc::clone(&handler);
                    let log = Arc::clone(&log);
                    async move { Ok::<_, Infallible>(answer(request, &*handler, &log).await) }
                });
                tokio::spawn(async move {
                    let _ = http1::Builder::new()
                        .serve_connection(TokioIo::new(stream), service)
                        .await;
                });
            }
        });
        MockServer { addr, log }
    }

    /// The base URL clients use: the server plus `/v1`, like Dintero's.
    pub fn base_url(&self) -> Url {
        Url::parse(&format!("http://{}/v1", self.addr)).expect("valid URL")
    }

    pub fn requests(&self) -> Vec<Recorded> {
        self.log.lock().unwrap().clone()
    }

    /// How many requests were made to `path` (as on the wire).
    pub fn hits(&self, path: &str) -> usize {
        self.log
            .lock()
            .unwrap()
            .iter()
            .filter(|request| request.path == path)
            .count()
    }
}

async fn answer(
    request: hyper::Request<Incoming>,
    handler: &Handler,
    log: &Mutex<Vec<Recorded>>,
) -> hyper::Response<Full<Bytes>> {
    let (parts, body) = request.into_parts();
    let body = body
        .collect()
        .await
        .map(|body| body.to_bytes().to_vec())
        .unwrap_or_default();
    let recorded = Recorded {
        method: parts.method.to_string(),
        path: parts.uri.path().to_owned(),
        query: parts.uri.query().map(str::to_owned),
        headers: parts.headers,
        body,
    };
    log.lock().unwrap().push(recorded.clone());
    let reply = handler(&recorded);
    if let Some(delay) = reply.delay {
        tokio::time::sleep(delay).await;
    }
    let mut response = hyper::Response::builder().status(reply.status);
    for (name, value) in &reply.headers {
        response = response.header(name, value);
    }
    response
        .body(Full::new(Bytes::from(reply.body)))
        .expect("valid response")
}

/// A configuration for `server` with fast retries (1 ms backoff, no jitter).
pub fn config(server: &MockServer) -> ClientConfig {
    ClientConfig::new(server.base_url(), "codegen-runtime-tests/0.0.0").retry_policy(fast_retries())
}

pub fn fast_retries() -> RetryPolicy {
    RetryPolicy {
        initial_backoff: Duration::from_millis(1),
        max_backoff: Duration::from_millis(5),
        jitter: false,
        ..RetryPolicy::default()
    }
}
