//! Huge response bodies: a 200 MiB body, announced or streamed, on a success or an error
//! status, costs the client a bounded amount of memory. In its own test binary, so that the
//! peak RSS it checks belongs to these tests alone.

mod support;

use std::time::{Duration, Instant};

use codegen_runtime::{
    decode_json, unexpected_response, ClientConfig, Error, Method, RequestParts,
};
use support::raw::RawServer;
use tokio::io::AsyncWriteExt;

const HUGE: u64 = 200 * 1024 * 1024;

/// Peak resident set size of this process in MiB (`VmHWM`), if the platform tells.
fn peak_rss_mib() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|line| line.starts_with("VmHWM:"))?;
    let kib: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kib / 1024)
}

/// A server answering `status` with 200 MiB of `[` (not JSON), announced with
/// `Content-Length` or sent chunked, for as long as the client reads.
async fn huge(status: u16, announced: bool) -> RawServer {
    RawServer::start(move |_, _, mut stream| async move {
        let framing = if announced {
            format!("content-length: {HUGE}")
        } else {
            "transfer-encoding: chunked".to_string()
        };
        let head =
            format!("HTTP/1.1 {status} X\r\ncontent-type: application/json\r\n{framing}\r\n\r\n");
        if stream.write_all(head.as_bytes()).await.is_err() {
            return;
        }
        let chunk = vec![b'['; 256 * 1024];
        let mut sent = 0;
        while sent < HUGE {
            let written = if announced {
                stream.write_all(&chunk).await
            } else {
                let mut framed = format!("{:x}\r\n", chunk.len()).into_bytes();
                framed.extend_from_slice(&chunk);
                framed.extend_from_slice(b"\r\n");
                stream.write_all(&framed).await
            };
            if written.is_err() {
                return; // the client stopped reading
            }
            sent += chunk.len() as u64;
        }
        if !announced {
            let _ = stream.write_all(b"0\r\n\r\n").await;
        }
    })
    .await
}

#[tokio::test]
async fn a_200_mib_body_costs_a_bounded_amount_of_memory() {
    let started = Instant::now();
    for (status, announced) in [(200, true), (200, false), (418, true), (418, false)] {
        let server = huge(status, announced).await;
        let transport = ClientConfig::new(server.base_url(), "size/0")
            .max_response_size(Some(8 * 1024 * 1024))
            .build()
            .unwrap();
        let result = transport
            .execute::<()>(RequestParts::new(Method::GET, "/big", "op"))
            .await;
        let case = format!("{status}, announced: {announced}");
        if status == 200 {
            assert!(
                matches!(result, Err(Error::ResponseTooLarge { limit: 8388608, .. })),
                "{case}: {result:?}"
            );
        } else {
            let err = unexpected_response::<()>(result.unwrap()).await;
            let body = err.raw_body().unwrap();
            assert!(body.len() < 70 * 1024, "{case}: kept {} bytes", body.len());
            assert!(
                body.ends_with(" bytes kept]"),
                "{case}: not marked truncated"
            );
        }
    }
    let peak = peak_rss_mib();
    eprintln!("peak RSS {peak:?} MiB, {:?}", started.elapsed());
    if let Some(peak) = peak {
        assert!(peak < 64, "peak RSS {peak} MiB for 200 MiB bodies");
    }
}

/// With the default configuration, a 200 MiB error body is read only as far as the 64 KiB the
/// error keeps.
#[tokio::test]
async fn a_200_mib_error_body_is_cut_to_a_marked_prefix() {
    let server = huge(500, false).await;
    let transport = ClientConfig::new(server.base_url(), "size/0")
        .build()
        .unwrap();
    let response = transport
        .execute::<()>(RequestParts::new(Method::GET, "/big", "op"))
        .await
        .unwrap();
    let err = unexpected_response::<()>(response).await;
    let body = err.raw_body().unwrap();
    assert!(body.len() < 70 * 1024, "kept {} bytes", body.len());
    assert!(
        body.ends_with("… [truncated: first 65536 bytes kept]"),
        "not marked truncated"
    );
    if let Some(peak) = peak_rss_mib() {
        assert!(peak < 64, "peak RSS {peak} MiB for a 200 MiB body");
    }
}

#[tokio::test]
async fn the_default_limit_applies_and_none_lifts_it() {
    // 200 MiB announced: refused by the default limit before reading.
    let server = huge(200, true).await;
    let transport = ClientConfig::new(server.base_url(), "size/0")
        .build()
        .unwrap();
    let started = Instant::now();
    let result = transport
        .execute::<()>(RequestParts::new(Method::GET, "/big", "op"))
        .await;
    assert!(
        matches!(result, Err(Error::ResponseTooLarge { limit, .. }) if limit == codegen_runtime::DEFAULT_MAX_RESPONSE_SIZE),
        "{result:?}"
    );
    assert!(started.elapsed() < Duration::from_secs(2));

    // A small body with no limit at all decodes as before.
    let server = RawServer::start(|_, _, mut stream| async move {
        support::raw::respond(&mut stream, 200, "application/json", b"[1,2,3]").await;
    })
    .await;
    let transport = ClientConfig::new(server.base_url(), "size/0")
        .max_response_size(None)
        .build()
        .unwrap();
    let response = transport
        .execute::<()>(RequestParts::new(Method::GET, "/small", "op"))
        .await
        .unwrap();
    let items = decode_json::<Vec<u8>, ()>(response).await.unwrap();
    assert_eq!(*items, [1, 2, 3]);
}
