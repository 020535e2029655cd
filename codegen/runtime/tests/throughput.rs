//! Throughput of `Transport::execute` + `decode_json` against a bare `reqwest::Client` at
//! concurrency 1 to 256, in alternating rounds against one loopback server. A measurement, not
//! a check (ignored by default); run it in release:
//! `cargo test --release -p codegen-runtime --test throughput -- --ignored --nocapture`.

use std::convert::Infallible;
use std::sync::Arc;
use std::time::{Duration, Instant};

use codegen_runtime::{decode_json, ClientConfig, Method, RequestParts, Transport, Url};
use http_body_util::Full;
use hyper::body::{Bytes, Incoming};
use hyper::server::conn::http1;
use hyper::service::service_fn;
use hyper_util::rt::TokioIo;

const BODY: &str = r#"{"customer_id":"customer-1","type":"customer","first_name":"Ada","last_name":"Lovelace","email":"ada@example.com","phone_number":"+4799999999"}"#;
const PATH: &str = "/accounts/T12345678/customers/users/customer-1";

async fn serve() -> std::net::SocketAddr {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move {
        while let Ok((stream, _)) = listener.accept().await {
            let service = service_fn(|_request: hyper::Request<Incoming>| async {
                Ok::<_, Infallible>(
                    hyper::Response::builder()
                        .header("content-type", "application/json")
                        .body(Full::new(Bytes::from_static(BODY.as_bytes())))
                        .unwrap(),
                )
            });
            tokio::spawn(async move {
                let _ = http1::Builder::new()
                    .serve_connection(TokioIo::new(stream), service)
                    .await;
            });
        }
    });
    addr
}

#[derive(Clone)]
enum Side {
    Runtime(Transport),
    Bare(reqwest::Client, Arc<str>),
}

impl Side {
    async fn call(&self) {
        match self {
            Side::Runtime(transport) => {
                let response = transport
                    .execute::<()>(RequestParts::new(Method::GET, PATH, "op"))
                    .await
                    .unwrap();
                assert_eq!(response.status(), 200);
                let value = decode_json::<serde_json::Value, ()>(response)
                    .await
                    .unwrap();
                std::hint::black_box(value);
            }
            Side::Bare(client, url) => {
                let response = client
                    .get(&**url)
                    .bearer_auth("token")
                    .send()
                    .await
                    .unwrap();
                assert!(response.status().is_success());
                let body = response.bytes().await.unwrap();
                let value: serde_json::Value = serde_json::from_slice(&body).unwrap();
                std::hint::black_box(value);
            }
        }
    }
}

/// `requests` calls, `concurrency` at a time; requests per second.
async fn run(side: &Side, concurrency: usize, requests: usize) -> f64 {
    let started = Instant::now();
    let per_task = requests / concurrency;
    let tasks: Vec<_> = (0..concurrency)
        .map(|_| {
            let side = side.clone();
            tokio::spawn(async move {
                for _ in 0..per_task {
                    side.call().await;
                }
            })
        })
        .collect();
    for task in tasks {
        task.await.unwrap();
    }
    (per_task * concurrency) as f64 / started.elapsed().as_secs_f64()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore]
async fn throughput_against_bare_reqwest() {
    let addr = serve().await;
    let base = Url::parse(&format!("http://{addr}/v1")).unwrap();
    let url: Arc<str> = format!("{base}{PATH}").into();
    let variants: Vec<(&str, Side)> = vec![
        (
            "runtime (defaults)",
            Side::Runtime(
                ClientConfig::new(base.clone(), "bench/0")
                    .bearer_token("token")
                    .build()
                    .unwrap(),
            ),
        ),
        (
            "runtime, no deadline",
            Side::Runtime(
                ClientConfig::new(base.clone(), "bench/0")
                    .bearer_token("token")
                    .deadline(None)
                    .build()
                    .unwrap(),
            ),
        ),
        (
            "runtime, no deadline, no timeout",
            Side::Runtime(
                ClientConfig::new(base.clone(), "bench/0")
                    .bearer_token("token")
                    .deadline(None)
                    .timeout(None)
                    .build()
                    .unwrap(),
            ),
        ),
    ];
    let bare = Side::Bare(reqwest::Client::new(), url);
    let rounds: usize = std::env::var("ROUNDS")
        .ok()
        .and_then(|r| r.parse().ok())
        .unwrap_or(5);
    let requests: usize = std::env::var("REQUESTS")
        .ok()
        .and_then(|r| r.parse().ok())
        .unwrap_or(5120);
    for concurrency in [1, 16, 64, 256] {
        // Warm up both pools.
        run(&bare, concurrency, concurrency * 4).await;
        for (_, side) in &variants {
            run(side, concurrency, concurrency * 4).await;
        }
        for (name, side) in &variants {
            let mut ratios = Vec::new();
            for _ in 0..rounds {
                let ours = run(side, concurrency, requests).await;
                let theirs = run(&bare, concurrency, requests).await;
                ratios.push(ours / theirs);
            }
            ratios.sort_by(f64::total_cmp);
            eprintln!(
                "concurrency {concurrency:>3}: {name}: {:.3}x bare reqwest (median of {rounds} rounds, {requests} requests each; min {:.3}, max {:.3})",
                ratios[rounds / 2],
                ratios[0],
                ratios[rounds - 1]
            );
        }
    }
    tokio::time::sleep(Duration::from_millis(1)).await;
}

/// For callgrind (instruction counts do not drift with the host's load): `REQUESTS` calls, one at
/// a time on a current-thread runtime, through `SIDE` (`runtime`, `runtime-untimed` or `bare`).
/// Run twice with different `REQUESTS` and divide the difference to get instructions per call.
#[test]
#[ignore]
fn calls_for_callgrind() {
    let side = std::env::var("SIDE").unwrap_or_else(|_| "runtime".into());
    let requests: usize = std::env::var("REQUESTS")
        .ok()
        .and_then(|r| r.parse().ok())
        .unwrap_or(1000);
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    rt.block_on(async {
        let addr = serve().await;
        let base = Url::parse(&format!("http://{addr}/v1")).unwrap();
        let url: Arc<str> = format!("{base}{PATH}").into();
        let config = ClientConfig::new(base, "bench/0").bearer_token("token");
        let side = match side.as_str() {
            "bare" => {
                let _ = config.build().unwrap(); // installs the crypto provider
                Side::Bare(reqwest::Client::new(), url)
            }
            "runtime-untimed" => {
                Side::Runtime(config.timeout(None).deadline(None).build().unwrap())
            }
            _ => Side::Runtime(config.build().unwrap()),
        };
        for _ in 0..requests {
            side.call().await;
        }
    });
}

/// CPU time (user + system) of this process so far, from `/proc/self/stat` (Linux; 10 ms ticks).
fn process_cpu() -> Option<Duration> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    // Fields after the command name (which may contain spaces) start at field 3.
    let rest = &stat[stat.rfind(')')? + 2..];
    let fields: Vec<&str> = rest.split_whitespace().collect();
    let ticks: u64 = fields.get(11)?.parse::<u64>().ok()? + fields.get(12)?.parse::<u64>().ok()?;
    Some(Duration::from_millis(ticks * 10))
}

/// CPU per call, which the host's other load does not inflate the way it does wall time:
/// `REQUESTS` calls through `SIDE` (`runtime` or `bare`), `CONCURRENCY` at a time, 2 worker
/// threads; prints `cpu <side> <concurrency> <µs per call>`. Run each side in its own process.
#[test]
#[ignore]
fn cpu_per_call() {
    let side = std::env::var("SIDE").unwrap_or_else(|_| "runtime".into());
    let env = |name: &str, default: usize| {
        std::env::var(name)
            .ok()
            .and_then(|value| value.parse().ok())
            .unwrap_or(default)
    };
    let (requests, concurrency) = (env("REQUESTS", 20_000), env("CONCURRENCY", 16));
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap();
    rt.block_on(async {
        let addr = serve().await;
        let base = Url::parse(&format!("http://{addr}/v1")).unwrap();
        let url: Arc<str> = format!("{base}{PATH}").into();
        let transport = ClientConfig::new(base, "bench/0")
            .bearer_token("token")
            .build()
            .unwrap();
        let side = match side.as_str() {
            "bare" => Side::Bare(reqwest::Client::new(), url),
            _ => Side::Runtime(transport),
        };
        run(&side, concurrency, concurrency * 8).await; // warm up the pool
        let before = process_cpu().unwrap();
        let rate = run(&side, concurrency, requests).await;
        let cpu = process_cpu().unwrap() - before;
        let calls = (requests / concurrency * concurrency) as f64;
        println!(
            "cpu {} {concurrency} {:.1} us/call, {rate:.0} calls/s",
            match side {
                Side::Bare(..) => "bare",
                Side::Runtime(_) => "runtime",
            },
            cpu.as_secs_f64() * 1e6 / calls
        );
    });
}
