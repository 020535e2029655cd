//! The generated client against hostile loopback servers: a login body is not re-sent to
//! another origin by a redirect, a token response that does not decode keeps its secrets out of
//! the error, and an empty path value is refused before anything is sent.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::mpsc;
use std::time::Duration;

use dintero_customers::types::{
    AccountId, AidCustomersLoginPostBody, AidCustomersLoginPostBodyPassword, AuthType, CustomerId,
};
use dintero_customers::{Client, Error};

const PASSWORD: &str = "planted-password-3b7d";
const ACCESS_TOKEN: &str = "planted-access-token-19af";

/// Read one request (head and `Content-Length` body) from `stream`.
fn read_request(stream: &TcpStream) -> (Vec<String>, Vec<u8>) {
    let mut reader = BufReader::new(stream.try_clone().unwrap());
    let mut head = Vec::new();
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line).unwrap_or(0) == 0 || line == "\r\n" {
            break;
        }
        head.push(line.trim_end().to_string());
    }
    let length = head
        .iter()
        .find_map(|h| {
            h.to_ascii_lowercase()
                .strip_prefix("content-length:")
                .map(|v| v.trim().parse().unwrap_or(0))
        })
        .unwrap_or(0);
    let mut body = vec![0; length];
    let _ = reader.read_exact(&mut body);
    (head, body)
}

/// A request as the server read it: request line and headers, then the body.
type Seen = (Vec<String>, Vec<u8>);

/// A server on 127.0.0.1 answering up to `n` requests with `reply(request line)`, reporting
/// each request (head and body) on the channel.
fn serve(n: usize, reply: impl Fn(&str) -> String + Send + 'static) -> (u16, mpsc::Receiver<Seen>) {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        for stream in listener.incoming().take(n) {
            let Ok(mut stream) = stream else { return };
            let (head, body) = read_request(&stream);
            let answer = reply(head.first().map_or("", String::as_str));
            let _ = stream.write_all(answer.as_bytes());
            let _ = tx.send((head, body));
        }
    });
    (port, rx)
}

fn login_body() -> AidCustomersLoginPostBody {
    AidCustomersLoginPostBody::builder()
        .email("ada@example.com")
        .audience("https://api.dintero.com/v1/accounts/T12345678")
        .type_(AuthType::Customer)
        .password(AidCustomersLoginPostBodyPassword::new(PASSWORD).unwrap())
        .build()
}

fn client(port: u16) -> Client {
    let base = format!("http://127.0.0.1:{port}/v1").parse().unwrap();
    Client::from_transport(
        Client::config()
            .base_url(base)
            .bearer_token("t0ken")
            .build()
            .unwrap(),
    )
}

#[tokio::test]
async fn a_redirect_to_another_origin_does_not_carry_the_login_body() {
    // The other origin: `localhost` instead of `127.0.0.1`, another port.
    let (other_port, stolen) = serve(16, |_| {
        "HTTP/1.1 200 OK\r\ncontent-length: 0\r\nconnection: close\r\n\r\n".to_string()
    });
    for status in [302, 307, 308] {
        let location = format!("http://localhost:{other_port}/steal");
        let (port, seen) = serve(1, move |_| {
            format!("HTTP/1.1 {status} X\r\nlocation: {location}\r\ncontent-length: 0\r\nconnection: close\r\n\r\n")
        });
        let aid = AccountId::new("T12345678").unwrap();
        let result = client(port)
            .aid_customers_login_post(aid, login_body())
            .send()
            .await;
        match &result {
            Err(Error::UnexpectedResponse {
                status: got,
                headers,
                ..
            }) => {
                assert_eq!(got.as_u16(), status);
                assert!(headers.get("location").is_some());
            }
            other => panic!("{status}: expected the redirect back unfollowed, got {other:?}"),
        }
        let (_, body) = seen.recv_timeout(Duration::from_secs(5)).unwrap();
        assert!(
            String::from_utf8_lossy(&body).contains(PASSWORD),
            "the login did reach the API"
        );
        assert!(!format!("{result:?}").contains(PASSWORD));
    }
    assert!(
        stolen.recv_timeout(Duration::from_millis(200)).is_err(),
        "the other origin received a request"
    );
}

#[tokio::test]
async fn a_token_response_that_does_not_decode_keeps_the_token_out_of_the_error() {
    let body = format!(
        r#"{{"access_token": "{ACCESS_TOKEN}", "token_type": "Bearer", "expires_in": "never"}}"#
    );
    let (port, _seen) = serve(1, move |_| {
        format!(
            "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: {}\r\nconnection: close\r\n\r\n{body}",
            body.len()
        )
    });
    let aid = AccountId::new("T12345678").unwrap();
    let err = client(port)
        .aid_customers_login_post(aid, login_body())
        .send()
        .await
        .unwrap_err();
    assert!(matches!(err, Error::Decode { .. }), "{err:?}");
    let mut text = format!("{err} {err:?} {:?}", err.raw_body());
    let mut source = std::error::Error::source(&err);
    while let Some(cause) = source {
        text.push_str(&format!(" {cause} {cause:?}"));
        source = cause.source();
    }
    assert!(!text.contains(ACCESS_TOKEN), "{text}");
    assert!(
        text.contains("expires_in"),
        "the rest of the body is kept: {text}"
    );
}

#[tokio::test]
async fn an_empty_customer_id_is_refused_before_sending() {
    let (port, seen) = serve(1, |_| {
        "HTTP/1.1 204 No Content\r\ncontent-length: 0\r\nconnection: close\r\n\r\n".to_string()
    });
    let aid = AccountId::new("T12345678").unwrap();
    let result = client(port)
        .aid_customers_cid_delete(aid, CustomerId::new("").unwrap())
        .send()
        .await;
    assert!(
        matches!(result, Err(Error::InvalidRequest(_))),
        "{result:?}"
    );
    assert!(
        seen.recv_timeout(Duration::from_millis(200)).is_err(),
        "a request was sent"
    );
}

#[tokio::test]
async fn a_per_request_deadline_bounds_a_call_to_a_hung_server() {
    // A server that accepts and never answers.
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    std::thread::spawn(move || {
        let held: Vec<TcpStream> = listener.incoming().take(4).filter_map(Result::ok).collect();
        std::thread::sleep(Duration::from_secs(30));
        drop(held);
    });
    let aid = AccountId::new("T12345678").unwrap();
    let started = std::time::Instant::now();
    let result = client(port)
        .aid_customers_cid_get(aid, CustomerId::new("c1").unwrap())
        .deadline(Some(Duration::from_millis(300)))
        .send()
        .await;
    assert!(matches!(result, Err(Error::Timeout)), "{result:?}");
    assert!(
        started.elapsed() < Duration::from_secs(5),
        "took {:?} (the client's own timeout is 30 s)",
        started.elapsed()
    );
}
