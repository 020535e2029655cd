//! A raw TCP server on 127.0.0.1 for fault tests: the handler writes whatever bytes it likes
//! (a cut body, a stalled one, a huge one), and the server can be stopped and started again on
//! the same port.

use std::future::Future;
use std::net::SocketAddr;
use std::pin::Pin;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

use codegen_runtime::Url;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};
use tokio::task::{JoinHandle, JoinSet};

/// A request as read off the wire.
#[derive(Debug, Clone)]
pub struct RawRequest {
    /// The request line and headers.
    pub head: String,
    pub body: Vec<u8>,
}

impl RawRequest {
    /// The request line, e.g. `GET /v1/x HTTP/1.1`.
    pub fn line(&self) -> &str {
        self.head.lines().next().unwrap_or_default()
    }
}

type Handler =
    dyn Fn(usize, RawRequest, TcpStream) -> Pin<Box<dyn Future<Output = ()> + Send>> + Send + Sync;

/// The server; dropping it (or [`RawServer::stop`]) closes the listener and every connection.
pub struct RawServer {
    pub addr: SocketAddr,
    pub log: Arc<Mutex<Vec<RawRequest>>>,
    count: Arc<AtomicUsize>,
    handler: Arc<Handler>,
    task: Option<JoinHandle<()>>,
}

impl RawServer {
    /// Start on a free port; `handler(n, request, stream)` answers the `n`-th request (0-based,
    /// one request per connection).
    pub async fn start<F, Fut>(handler: F) -> RawServer
    where
        F: Fn(usize, RawRequest, TcpStream) -> Fut + Send + Sync + 'static,
        Fut: Future<Output = ()> + Send + 'static,
    {
        let handler: Arc<Handler> =
            Arc::new(move |n, request, stream| Box::pin(handler(n, request, stream)));
        let mut server = RawServer {
            addr: "127.0.0.1:0".parse().unwrap(),
            log: Arc::default(),
            count: Arc::default(),
            handler,
            task: None,
        };
        server.listen().await;
        server
    }

    async fn listen(&mut self) {
        let listener = TcpListener::bind(self.addr).await.expect("bind loopback");
        self.addr = listener.local_addr().unwrap();
        let (handler, log, count) = (self.handler.clone(), self.log.clone(), self.count.clone());
        self.task = Some(tokio::spawn(async move {
            let mut connections = JoinSet::new();
            while let Ok((mut stream, _)) = listener.accept().await {
                let (handler, log, count) = (handler.clone(), log.clone(), count.clone());
                connections.spawn(async move {
                    let Some(request) = read_request(&mut stream).await else {
                        return;
                    };
                    log.lock().unwrap().push(request.clone());
                    let n = count.fetch_add(1, Ordering::SeqCst);
                    handler(n, request, stream).await;
                });
            }
        }));
    }

    /// Close the listener and every open connection (a crashed server).
    pub fn stop(&mut self) {
        if let Some(task) = self.task.take() {
            task.abort();
        }
    }

    /// Listen again on the same port.
    pub async fn restart(&mut self) {
        self.stop();
        self.listen().await;
    }

    pub fn base_url(&self) -> Url {
        Url::parse(&format!("http://{}/v1", self.addr)).unwrap()
    }

    pub fn hits(&self) -> usize {
        self.log.lock().unwrap().len()
    }
}

impl Drop for RawServer {
    fn drop(&mut self) {
        self.stop();
    }
}

/// Read one request: head up to the blank line, then `Content-Length` bytes of body.
async fn read_request(stream: &mut TcpStream) -> Option<RawRequest> {
    let mut buffer = Vec::new();
    let mut chunk = [0u8; 4096];
    let head_end = loop {
        if let Some(at) = buffer.windows(4).position(|w| w == b"\r\n\r\n") {
            break at + 4;
        }
        let n = stream.read(&mut chunk).await.ok()?;
        if n == 0 || buffer.len() > 1 << 20 {
            return None;
        }
        buffer.extend_from_slice(&chunk[..n]);
    };
    let head = String::from_utf8_lossy(&buffer[..head_end]).into_owned();
    let length = head
        .lines()
        .find_map(|line| {
            let (name, value) = line.split_once(':')?;
            name.eq_ignore_ascii_case("content-length")
                .then(|| value.trim().parse::<usize>().ok())?
        })
        .unwrap_or(0);
    let mut body = buffer[head_end..].to_vec();
    while body.len() < length {
        let n = stream.read(&mut chunk).await.ok()?;
        if n == 0 {
            return None;
        }
        body.extend_from_slice(&chunk[..n]);
    }
    Some(RawRequest { head, body })
}

/// Write a complete response with a body and `Connection: close`.
pub async fn respond(stream: &mut TcpStream, status: u16, content_type: &str, body: &[u8]) {
    let head = format!(
        "HTTP/1.1 {status} X\r\ncontent-type: {content_type}\r\ncontent-length: {}\r\nconnection: close\r\n\r\n",
        body.len()
    );
    let _ = stream.write_all(head.as_bytes()).await;
    let _ = stream.write_all(body).await;
    let _ = stream.shutdown().await;
}
