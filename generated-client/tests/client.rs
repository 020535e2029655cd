//! The generated client over real HTTP on loopback: what goes on the wire and what comes back.

use dintero_customers::types::{AccountId, CustomerId, CustomerType};
use dintero_customers::{Client, Error};
use std::io::{BufRead, BufReader, Write};
use std::net::TcpListener;
use std::sync::mpsc;

/// The request line and headers of the request on `stream` (the body is not read).
fn read_head(stream: &std::net::TcpStream) -> Vec<String> {
    let mut reader = BufReader::new(stream.try_clone().unwrap());
    let mut head = Vec::new();
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line).unwrap() == 0 || line == "\r\n" {
            break;
        }
        head.push(line.trim_end().to_string());
    }
    head
}

/// Answer with `status` and a JSON `body`, then close the connection.
fn respond(mut stream: std::net::TcpStream, status: u16, body: &str) {
    let _ = write!(
        stream,
        "HTTP/1.1 {status} X\r\ncontent-type: application/json\r\ncontent-length: {}\r\nconnection: close\r\n\r\n{body}",
        body.len()
    );
}

/// Serve one request with `status` and `body`; hand back the request line and headers.
fn serve_once(status: u16, body: &'static str) -> (String, mpsc::Receiver<Vec<String>>) {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let base = format!("http://{}/v1", listener.local_addr().unwrap());
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        let (stream, _) = listener.accept().unwrap();
        let head = read_head(&stream);
        respond(stream, status, body);
        tx.send(head).unwrap();
    });
    (base, rx)
}

fn client(base: &str) -> Client {
    Client::with_bearer_token(base.parse().unwrap(), "t0ken").unwrap()
}

#[tokio::test]
async fn hostile_customer_ids_stay_one_path_segment() {
    let (base, head) = serve_once(200, r#"{"customer_id":"a/b c?#+æ","type":"customer"}"#);
    let aid = AccountId::new("T12345678").unwrap();
    let id = CustomerId::new("a/b c?#+æ").unwrap();
    let got = client(&base)
        .aid_customers_cid_get(aid, id)
        .send()
        .await
        .unwrap();
    assert_eq!(got.customer_id.as_str(), "a/b c?#+æ");
    assert_eq!(got.type_, CustomerType::Customer);
    let head = head.recv().unwrap();
    assert_eq!(
        head[0],
        "GET /v1/accounts/T12345678/customers/users/a%2Fb%20c%3F%23%2B%C3%A6 HTTP/1.1"
    );
    assert!(
        head.iter()
            .any(|h| h.eq_ignore_ascii_case("authorization: Bearer t0ken")),
        "{head:?}"
    );
}

#[tokio::test]
async fn plus_in_a_phone_number_search_is_percent_encoded_and_unset_options_are_not_sent() {
    let (base, head) = serve_once(200, "[]");
    let aid = AccountId::new("T12345678").unwrap();
    let page = client(&base)
        .aid_customers_get(aid)
        .phone_number("+4799999999")
        .type_(dintero_customers::types::AidCustomersGetType::Any)
        .limit(2)
        .send()
        .await
        .unwrap();
    assert!(page.is_empty());
    let line = &head.recv().unwrap()[0];
    assert_eq!(line, "GET /v1/accounts/T12345678/customers/users?phone_number=%2B4799999999&type=any&limit=2 HTTP/1.1");
}

#[tokio::test]
async fn error_statuses_decode_into_the_spec_error_body() {
    let (base, _head) = serve_once(
        404,
        r#"{"error":{"message":"no such customer","code":"NOT_FOUND"}}"#,
    );
    let aid = AccountId::new("T12345678").unwrap();
    let err = client(&base)
        .aid_customers_cid_get(aid, CustomerId::new("x").unwrap())
        .send()
        .await
        .unwrap_err();
    assert_eq!(err.status().map(|s| s.as_u16()), Some(404));
    match err {
        Error::ErrorResponse(body) => assert_eq!(body.error.message, "no such customer"),
        other => panic!("expected a typed error body, got {other:?}"),
    }
}

#[tokio::test]
async fn a_body_that_does_not_decode_keeps_the_raw_text() {
    let (base, _head) = serve_once(200, r#"{"customer_id": 5}"#);
    let aid = AccountId::new("T12345678").unwrap();
    let err = client(&base)
        .aid_customers_cid_get(aid, CustomerId::new("x").unwrap())
        .send()
        .await
        .unwrap_err();
    assert_eq!(err.raw_body(), Some(r#"{"customer_id": 5}"#));
}

#[test]
fn client_is_clone_send_sync_and_static() {
    fn check<T: Clone + Send + Sync + 'static>() {}
    check::<Client>();
}

/// A server holding customers `c00`, `c01`, ... that pages them like the API does: `limit`
/// items after `starting_after`. Hands back every request line it served.
fn serve_pages(total: usize) -> (String, std::sync::Arc<std::sync::Mutex<Vec<String>>>) {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let base = format!("http://{}/v1", listener.local_addr().unwrap());
    let seen = std::sync::Arc::new(std::sync::Mutex::new(Vec::new()));
    let log = seen.clone();
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(stream) = stream else { return };
            let head = read_head(&stream);
            let line = head.first().cloned().unwrap_or_default();
            let target = line.split(' ').nth(1).unwrap_or_default().to_string();
            log.lock().unwrap().push(target.clone());
            let query = codegen_runtime::Url::parse(&format!("http://x{target}")).unwrap();
            let param = |name: &str| {
                query
                    .query_pairs()
                    .find(|(k, _)| k == name)
                    .map(|(_, v)| v.into_owned())
            };
            let limit: usize = param("limit").map_or(10, |l| l.parse().unwrap());
            let start =
                param("starting_after").map_or(0, |after| after[1..].parse::<usize>().unwrap() + 1);
            let items: Vec<String> = (start..total.max(start))
                .take(limit)
                .map(|i| format!(r#"{{"customer_id":"c{i:02}","type":"customer"}}"#))
                .collect();
            let body = format!("[{}]", items.join(","));
            respond(stream, 200, &body);
        }
    });
    (base, seen)
}

#[tokio::test]
async fn the_page_stream_fetches_every_page_once_in_order() {
    let (base, seen) = serve_pages(25);
    let aid = AccountId::new("T12345678").unwrap();
    let all = client(&base)
        .aid_customers_get(aid)
        .limit(10)
        .stream()
        .collect_all()
        .await
        .unwrap();
    let ids: Vec<&str> = all.iter().map(|c| c.customer_id.as_str()).collect();
    let expected: Vec<String> = (0..25).map(|i| format!("c{i:02}")).collect();
    assert_eq!(ids, expected);
    assert_eq!(
        *seen.lock().unwrap(),
        [
            "/v1/accounts/T12345678/customers/users?limit=10",
            "/v1/accounts/T12345678/customers/users?limit=10&starting_after=c09",
            "/v1/accounts/T12345678/customers/users?limit=10&starting_after=c19",
        ],
        "a short page ends the stream"
    );
}

#[tokio::test]
async fn the_page_stream_stops_on_an_empty_page_and_is_lazy() {
    let (base, seen) = serve_pages(4);
    let aid = AccountId::new("T12345678").unwrap();
    let mut pages = client(&base).aid_customers_get(aid).limit(2).stream();
    assert!(
        seen.lock().unwrap().is_empty(),
        "nothing is fetched before the first poll"
    );
    assert_eq!(
        pages
            .try_next()
            .await
            .unwrap()
            .unwrap()
            .customer_id
            .as_str(),
        "c00"
    );
    assert_eq!(seen.lock().unwrap().len(), 1);
    let rest = pages.collect_all().await.unwrap();
    assert_eq!(rest.len(), 3);
    // Pages of 2, 2, then an empty one: the only way to know the list ended.
    assert_eq!(seen.lock().unwrap().len(), 3);
    assert!(seen.lock().unwrap()[2].ends_with("starting_after=c03"));
}

#[tokio::test]
async fn the_page_stream_uses_the_spec_default_limit_when_none_is_set() {
    let (base, seen) = serve_pages(10);
    let aid = AccountId::new("T12345678").unwrap();
    let all = client(&base)
        .aid_customers_get(aid)
        .stream()
        .collect_all()
        .await
        .unwrap();
    assert_eq!(all.len(), 10);
    // The server's default page size is the spec's `default: 10`: a full page, so one more fetch.
    assert_eq!(seen.lock().unwrap().len(), 2);
}

/// A Dintero-like server: `POST .../auth/token` hands out `tok-N` (counted); every other request
/// must carry the newest token and gets a customer back.
fn serve_with_tokens() -> (String, std::sync::Arc<std::sync::atomic::AtomicUsize>) {
    use std::sync::atomic::{AtomicUsize, Ordering};
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let base = format!("http://{}/v1", listener.local_addr().unwrap());
    let issued = std::sync::Arc::new(AtomicUsize::new(0));
    let count = issued.clone();
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(stream) = stream else { return };
            let head = read_head(&stream);
            let (status, body) = if head[0].starts_with("POST /v1/accounts/T12345678/auth/token ") {
                let n = count.fetch_add(1, Ordering::SeqCst) + 1;
                (
                    200,
                    format!(
                        r#"{{"access_token":"tok-{n}","token_type":"Bearer","expires_in":3600}}"#
                    ),
                )
            } else {
                let expected =
                    format!("authorization: Bearer tok-{}", count.load(Ordering::SeqCst));
                if head.iter().any(|h| h.eq_ignore_ascii_case(&expected)) {
                    (200, r#"{"customer_id":"c1","type":"customer"}"#.to_string())
                } else {
                    (401, r#"{"error":{"message":"bad token"}}"#.to_string())
                }
            };
            respond(stream, status, &body);
        }
    });
    (base, issued)
}

#[tokio::test]
async fn client_credentials_fetch_one_token_for_fifty_concurrent_calls() {
    let (base, issued) = serve_with_tokens();
    let base: codegen_runtime::Url = base.parse().unwrap();
    let credentials =
        dintero_customers::ClientCredentials::dintero(&base, "T12345678", "client-id", "s3cret");
    let transport = Client::config()
        .base_url(base)
        .token_source(credentials)
        .build()
        .unwrap();
    let client = Client::from_transport(transport);
    let calls: Vec<_> = (0..50)
        .map(|_| {
            let call = client
                .aid_customers_cid_get(
                    AccountId::new("T12345678").unwrap(),
                    CustomerId::new("c1").unwrap(),
                )
                .send();
            tokio::spawn(call)
        })
        .collect();
    for call in calls {
        let customer = call.await.unwrap().expect("every call is authorized");
        assert_eq!(customer.customer_id.as_str(), "c1");
    }
    assert_eq!(
        issued.load(std::sync::atomic::Ordering::SeqCst),
        1,
        "one token for all fifty calls"
    );
    assert!(
        !format!("{client:?}").contains("s3cret"),
        "the secret never shows in Debug"
    );
}

#[tokio::test]
async fn a_limit_outside_the_spec_bounds_is_refused_before_sending() {
    // Nothing listens on this port: a request that got sent would be a transport error.
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let base = format!("http://{}/v1", listener.local_addr().unwrap());
    drop(listener);
    let aid = AccountId::new("T12345678").unwrap();
    for (limit, message) in [
        (0, "must be at least 1, got 0"),
        (101, "must be at most 100, got 101"),
    ] {
        let err = client(&base)
            .aid_customers_get(aid.clone())
            .limit(limit)
            .send()
            .await
            .unwrap_err();
        match err {
            Error::InvalidRequest(text) => {
                assert!(text.contains(message) && text.contains("limit"), "{text}")
            }
            other => panic!("expected InvalidRequest, got {other:?}"),
        }
    }
}
