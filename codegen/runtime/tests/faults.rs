//! Faults after the headers and whole-server restarts: a `GET` whose body stalls or is cut is
//! retried, a server down for a second is ridden out by the default retry budget, and a call's
//! deadline bounds retries and waits together.

mod support;

use std::time::{Duration, Instant};

use codegen_runtime::{decode_json, ClientConfig, Error, Method, RequestParts, RetryPolicy};
use serde_json::json;
use support::raw::{respond, RawServer};
use support::{config, fast_retries, MockServer, Reply};
use tokio::io::AsyncWriteExt;

const PATH: &str = "/accounts/T12345678/customers/users";

fn raw_config(server: &RawServer) -> ClientConfig {
    ClientConfig::new(server.base_url(), "faults/0").retry_policy(fast_retries())
}

/// Headers announcing 100 bytes of JSON, then only 10 of them.
async fn cut_after_headers(stream: &mut tokio::net::TcpStream) {
    let head = "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: 100\r\n\r\n";
    let _ = stream.write_all(head.as_bytes()).await;
    let _ = stream.write_all(b"{\"items\": ").await;
    let _ = stream.flush().await;
}

#[tokio::test]
async fn a_get_whose_body_is_cut_after_the_headers_is_retried() {
    let server = RawServer::start(|n, _, mut stream| async move {
        if n == 0 {
            cut_after_headers(&mut stream).await; // and the connection closes
        } else {
            respond(
                &mut stream,
                200,
                "application/json",
                br#"{"items": [1, 2]}"#,
            )
            .await;
        }
    })
    .await;
    let transport = raw_config(&server).build().unwrap();
    let response = transport
        .execute::<()>(RequestParts::new(Method::GET, PATH, "op"))
        .await
        .unwrap();
    let body = decode_json::<serde_json::Value, ()>(response)
        .await
        .unwrap();
    assert_eq!(*body, json!({"items": [1, 2]}));
    assert_eq!(server.hits(), 2);
}

#[tokio::test]
async fn a_get_whose_body_stalls_after_the_headers_is_retried() {
    let server = RawServer::start(|n, _, mut stream| async move {
        if n == 0 {
            cut_after_headers(&mut stream).await;
            tokio::time::sleep(Duration::from_secs(10)).await; // stall, connection open
        } else {
            respond(&mut stream, 200, "application/json", br#"{"ok": true}"#).await;
        }
    })
    .await;
    let transport = raw_config(&server)
        .timeout(Some(Duration::from_millis(300)))
        .build()
        .unwrap();
    let started = Instant::now();
    let response = transport
        .execute::<()>(RequestParts::new(Method::GET, PATH, "op"))
        .await
        .unwrap();
    let body = decode_json::<serde_json::Value, ()>(response)
        .await
        .unwrap();
    assert_eq!(*body, json!({"ok": true}));
    assert_eq!(server.hits(), 2);
    assert!(
        started.elapsed() < Duration::from_secs(5),
        "{:?}",
        started.elapsed()
    );
}

#[tokio::test]
async fn a_post_whose_body_is_cut_is_not_retried() {
    let server = RawServer::start(|_, _, mut stream| async move {
        cut_after_headers(&mut stream).await;
    })
    .await;
    let transport = raw_config(&server).build().unwrap();
    let result = transport
        .execute::<()>(RequestParts::new(Method::POST, PATH, "op").json(&json!({})))
        .await;
    assert!(matches!(result, Err(Error::Transport(_))), "{result:?}");
    assert_eq!(server.hits(), 1);
}

/// Calls keep going while the server is down for 1 s: every one succeeds with the default
/// retry policy (jitter included).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn calls_survive_a_server_restarted_for_one_second() {
    let mut server = RawServer::start(|_, _, mut stream| async move {
        respond(&mut stream, 200, "application/json", b"[]").await;
    })
    .await;
    let transport = ClientConfig::new(server.base_url(), "faults/0")
        .build()
        .unwrap();
    let stop_at = Instant::now() + Duration::from_millis(300);
    let end = stop_at + Duration::from_millis(1600);
    let mut callers = Vec::new();
    for _ in 0..8 {
        let transport = transport.clone();
        callers.push(tokio::spawn(async move {
            let (mut ok, mut failed) = (0, Vec::new());
            while Instant::now() < end {
                let call = transport.execute::<()>(RequestParts::new(Method::GET, PATH, "op"));
                match call.await {
                    Ok(response) if response.status() == 200 => ok += 1,
                    other => failed.push(format!("{other:?}")),
                }
                tokio::time::sleep(Duration::from_millis(20)).await;
            }
            (ok, failed)
        }));
    }
    tokio::time::sleep_until(stop_at.into()).await;
    server.stop();
    tokio::time::sleep(Duration::from_secs(1)).await;
    server.restart().await;
    let mut calls = 0;
    for caller in callers {
        let (ok, failed) = caller.await.unwrap();
        assert!(failed.is_empty(), "failed calls: {failed:?}");
        calls += ok;
    }
    assert!(calls >= 16, "only {calls} calls");
}

#[tokio::test]
async fn the_deadline_bounds_retries_and_their_waits() {
    // Every attempt takes 200 ms and ends in a 503: with 10 retries allowed, only the deadline
    // stops the call.
    let server = MockServer::start(|_| Reply::empty(503).delay(Duration::from_millis(200))).await;
    let transport = config(&server)
        .retry_policy(RetryPolicy {
            max_retries: 10,
            ..fast_retries()
        })
        .deadline(Some(Duration::from_millis(500)))
        .build()
        .unwrap();
    let started = Instant::now();
    let result = transport
        .execute::<()>(RequestParts::new(Method::GET, PATH, "op"))
        .await;
    assert!(matches!(result, Err(Error::Timeout)), "{result:?}");
    let elapsed = started.elapsed();
    // Unbounded, 11 attempts of 200 ms would take over 2.2 s.
    assert!(elapsed < Duration::from_millis(1500), "{elapsed:?}");

    // A per-request deadline overrides the configured one.
    let started = Instant::now();
    let result = transport
        .execute::<()>(
            RequestParts::new(Method::GET, PATH, "op").deadline(Some(Duration::from_millis(250))),
        )
        .await;
    assert!(matches!(result, Err(Error::Timeout)), "{result:?}");
    assert!(started.elapsed() < Duration::from_millis(1200));
}

#[tokio::test]
async fn a_retry_after_beyond_the_deadline_returns_the_response_at_once() {
    let server = MockServer::start(|_| Reply::empty(503).header("retry-after", "20")).await;
    let transport = config(&server)
        .deadline(Some(Duration::from_secs(2)))
        .build()
        .unwrap();
    let started = Instant::now();
    let response = transport
        .execute::<()>(RequestParts::new(Method::GET, PATH, "op"))
        .await
        .unwrap();
    assert_eq!(response.status(), 503);
    assert!(started.elapsed() < Duration::from_secs(1));
    assert_eq!(server.requests().len(), 1);
}

/// Measurement for SECURITY.md/BENCHMARKS.md, not run by default: 500 calls spread over 2 s, 50
/// at a time, against a server down for 1 s; prints how many failed and the slowest call.
/// `cargo test -p codegen-runtime --test faults -- --ignored --nocapture`
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore]
async fn measure_a_one_second_restart() {
    let mut server = RawServer::start(|_, _, mut stream| async move {
        respond(&mut stream, 200, "application/json", b"[]").await;
    })
    .await;
    let transport = ClientConfig::new(server.base_url(), "faults/0")
        .build()
        .unwrap();
    let started = Instant::now();
    let mut callers = Vec::new();
    for caller in 0..50u64 {
        let transport = transport.clone();
        callers.push(tokio::spawn(async move {
            let mut results = Vec::new();
            for call in 0..10u64 {
                // Calls start evenly over 2 s.
                let at = started + Duration::from_millis((call * 50 + caller) * 4);
                tokio::time::sleep_until(at.into()).await;
                let t = Instant::now();
                let ok = transport
                    .execute::<()>(RequestParts::new(Method::GET, PATH, "op"))
                    .await
                    .is_ok_and(|response| response.status() == 200);
                results.push((ok, t.elapsed()));
            }
            results
        }));
    }
    tokio::time::sleep(Duration::from_millis(500)).await;
    server.stop();
    tokio::time::sleep(Duration::from_secs(1)).await;
    server.restart().await;
    let mut results = Vec::new();
    for caller in callers {
        results.extend(caller.await.unwrap());
    }
    let failed = results.iter().filter(|(ok, _)| !ok).count();
    let slowest = results.iter().map(|(_, took)| *took).max().unwrap();
    eprintln!(
        "restart for 1 s: {failed} of {} calls failed, slowest call {slowest:?}",
        results.len()
    );
}

#[tokio::test]
async fn a_deadline_too_far_to_represent_is_no_deadline() {
    let server = MockServer::start(|_| Reply::empty(204)).await;
    let transport = config(&server)
        .deadline(Some(Duration::MAX))
        .retry_policy(RetryPolicy {
            max_backoff: Duration::MAX,
            ..fast_retries()
        })
        .build()
        .unwrap();
    let response = transport
        .execute::<()>(RequestParts::new(Method::GET, PATH, "op"))
        .await
        .unwrap();
    assert_eq!(response.status(), 204);
}
