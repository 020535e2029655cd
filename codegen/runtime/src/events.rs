//! `text/event-stream` responses: a [`Stream`](futures_core::Stream) of server-sent events whose `data` is decoded.

use std::collections::VecDeque;
use std::fmt;
use std::future::Future;
use std::marker::PhantomData;
use std::pin::Pin;
use std::task::{Context, Poll};

use bytes::Bytes;
use futures_core::Stream;
use reqwest::Response;
use serde::de::DeserializeOwned;

use crate::error::Error;
use crate::value::ResponseValue;

/// One server-sent event, its `data` decoded.
#[derive(Debug, Clone, PartialEq)]
pub struct Event<T> {
    /// The `event:` field (the event type), if sent.
    pub event: Option<String>,
    /// The `id:` field, if sent.
    pub id: Option<String>,
    /// The `retry:` field (reconnection time in milliseconds), if sent.
    pub retry: Option<u64>,
    /// The `data:` lines, joined with `\n` and decoded: as JSON, or else (for string types) as
    /// the text itself.
    pub data: T,
}

/// Why an event could not be had.
#[derive(Debug, thiserror::Error)]
pub enum EventError {
    /// Reading the response failed (connection closed, timeout, ...).
    #[error("reading the event stream failed")]
    Transport(#[source] reqwest::Error),
    /// An event's `data` does not decode into the spec's type; the stream goes on.
    #[error("an event's data does not match the schema")]
    Decode {
        /// What the JSON decoder objected to.
        #[source]
        source: serde_json::Error,
        /// The event's data as received.
        data: String,
    },
}

type Chunk = Pin<Box<dyn Future<Output = (Response, reqwest::Result<Option<Bytes>>)> + Send>>;

/// The events of a `text/event-stream` response, in order; ends when the server closes the
/// stream (an event not yet terminated by a blank line is dropped, per the SSE standard).
///
/// ```no_run
/// # async fn f(response: codegen_runtime::Response) {
/// # #[derive(serde::Deserialize, Debug)] struct Tick { n: u32 }
/// use codegen_runtime::{decode_events, EventStream};
/// let events = decode_events::<Tick, ()>(response).await.unwrap().into_inner();
/// // e.g. with `futures::StreamExt`: while let Some(event) = events.next().await { .. }
/// # let _: EventStream<Tick> = events;
/// # }
/// ```
///
/// Each item is read as it arrives, but the client's per-request timeout
/// ([`ClientConfig::timeout`](crate::ClientConfig::timeout), 30 s by default) still bounds the
/// whole response: for long-lived streams configure a longer one, or `None`.
pub struct EventStream<T>(Box<State<T>>);

/// Boxed, so a stream is one pointer wherever it is held.
struct State<T> {
    response: Option<Response>,
    pending: Option<Chunk>,
    parser: Parser,
    ready: VecDeque<Result<Event<T>, EventError>>,
    done: bool,
    _data: PhantomData<fn() -> T>,
}

/// Nothing is structurally pinned: the read in flight is boxed.
impl<T> Unpin for EventStream<T> {}

impl<T> fmt::Debug for EventStream<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("EventStream")
            .field("buffered", &self.0.ready.len())
            .field("done", &self.0.done)
            .finish_non_exhaustive()
    }
}

/// Read a `text/event-stream` response as a stream of events whose `data` decodes into `T`.
/// Never fails itself: problems arrive as items of the stream.
pub async fn decode_events<T: DeserializeOwned, E>(
    response: Response,
) -> Result<ResponseValue<EventStream<T>>, Error<E>> {
    let status = response.status();
    let headers = response.headers().clone();
    let stream = EventStream(Box::new(State {
        response: Some(response),
        pending: None,
        parser: Parser::default(),
        ready: VecDeque::new(),
        done: false,
        _data: PhantomData,
    }));
    Ok(ResponseValue::new(stream, status, headers))
}

fn decode<T: DeserializeOwned>(raw: RawEvent) -> Result<Event<T>, EventError> {
    let data = match serde_json::from_str(&raw.data) {
        Ok(data) => data,
        Err(source) => match serde_json::from_value(serde_json::Value::String(raw.data.clone())) {
            Ok(data) => data,
            Err(_) => {
                return Err(EventError::Decode {
                    source,
                    data: raw.data,
                })
            }
        },
    };
    Ok(Event {
        event: raw.event,
        id: raw.id,
        retry: raw.retry,
        data,
    })
}

impl<T: DeserializeOwned> Stream for EventStream<T> {
    type Item = Result<Event<T>, EventError>;

    fn poll_next(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        let this = &mut *self.get_mut().0;
        loop {
            if let Some(item) = this.ready.pop_front() {
                return Poll::Ready(Some(item));
            }
            if this.done {
                return Poll::Ready(None);
            }
            if this.pending.is_none() {
                let Some(mut response) = this.response.take() else {
                    this.done = true;
                    continue;
                };
                this.pending = Some(Box::pin(async move {
                    let chunk = response.chunk().await;
                    (response, chunk)
                }));
            }
            let Some(pending) = this.pending.as_mut() else {
                continue;
            };
            let (response, chunk) = match pending.as_mut().poll(cx) {
                Poll::Pending => return Poll::Pending,
                Poll::Ready(done) => done,
            };
            this.pending = None;
            match chunk {
                Ok(Some(bytes)) => {
                    this.response = Some(response);
                    for raw in this.parser.feed(&bytes) {
                        this.ready.push_back(decode(raw));
                    }
                }
                Ok(None) => this.done = true,
                Err(err) => {
                    this.done = true;
                    this.ready.push_back(Err(EventError::Transport(err)));
                }
            }
        }
    }
}

/// An event as sent, before decoding.
#[derive(Debug, Default, PartialEq)]
struct RawEvent {
    event: Option<String>,
    id: Option<String>,
    retry: Option<u64>,
    data: String,
}

/// The SSE line protocol (WHATWG HTML, "event stream interpretation").
#[derive(Debug, Default)]
struct Parser {
    buffer: Vec<u8>,
    event: RawEvent,
    has_data: bool,
    /// The last chunk ended with `\r`: a `\n` starting the next one belongs to it.
    skip_lf: bool,
}

impl Parser {
    fn feed(&mut self, bytes: &[u8]) -> Vec<RawEvent> {
        let mut bytes = bytes;
        if self.skip_lf {
            self.skip_lf = false;
            if let Some(rest) = bytes.strip_prefix(b"\n") {
                bytes = rest;
            }
        }
        self.buffer.extend_from_slice(bytes);
        let mut events = Vec::new();
        let mut start = 0;
        while let Some(offset) = self.buffer[start..]
            .iter()
            .position(|&b| b == b'\n' || b == b'\r')
        {
            let end = start + offset;
            let line = String::from_utf8_lossy(&self.buffer[start..end]).into_owned();
            start = end + 1;
            if self.buffer[end] == b'\r' {
                match self.buffer.get(start) {
                    Some(b'\n') => start += 1,
                    Some(_) => {}
                    None => self.skip_lf = true,
                }
            }
            if let Some(event) = self.line(&line) {
                events.push(event);
            }
        }
        self.buffer.drain(..start);
        events
    }

    /// Process one line; a blank one dispatches the event gathered so far.
    fn line(&mut self, line: &str) -> Option<RawEvent> {
        if line.is_empty() {
            let event = std::mem::take(&mut self.event);
            let had_data = std::mem::take(&mut self.has_data);
            // The id and retry persist; an event without data is not dispatched.
            self.event.id.clone_from(&event.id);
            return had_data.then_some(event);
        }
        if line.starts_with(':') {
            return None;
        }
        let (field, value) = match line.split_once(':') {
            Some((field, value)) => (field, value.strip_prefix(' ').unwrap_or(value)),
            None => (line, ""),
        };
        match field {
            "event" => self.event.event = Some(value.to_owned()),
            "data" => {
                if self.has_data {
                    self.event.data.push('\n');
                }
                self.event.data.push_str(value);
                self.has_data = true;
            }
            "id" if !value.contains('\0') => self.event.id = Some(value.to_owned()),
            "retry" => {
                if let Ok(ms) = value.parse() {
                    self.event.retry = Some(ms);
                }
            }
            _ => {}
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn raw(event: Option<&str>, id: Option<&str>, data: &str) -> RawEvent {
        RawEvent {
            event: event.map(str::to_owned),
            id: id.map(str::to_owned),
            retry: None,
            data: data.to_owned(),
        }
    }

    #[test]
    fn events_split_across_chunks_and_line_endings() {
        let mut parser = Parser::default();
        let mut events = parser.feed(b": comment\nevent: tick\nid: 1\ndata: {\"n\"");
        assert!(events.is_empty());
        events.extend(parser.feed(b":1}\n\ndata:a\r\ndata: b\r"));
        events.extend(parser.feed(b"\n\r\nretry: 5\n\ndata\rdata: x\r\r"));
        assert_eq!(
            events,
            [
                raw(Some("tick"), Some("1"), "{\"n\":1}"),
                raw(None, Some("1"), "a\nb"),
                raw(None, Some("1"), "\nx"),
            ]
        );
        // Not terminated by a blank line: never dispatched.
        assert!(parser.feed(b"data: cut").is_empty());
    }

    #[test]
    fn data_decodes_as_json_or_as_text() {
        #[derive(serde::Deserialize, Debug, PartialEq)]
        struct Tick {
            n: u32,
        }
        let tick: Event<Tick> = decode(raw(None, None, "{\"n\":1}")).unwrap();
        assert_eq!(tick.data, Tick { n: 1 });
        let text: Event<String> = decode(raw(None, None, "hello world")).unwrap();
        assert_eq!(text.data, "hello world");
        let bad = decode::<Tick>(raw(None, None, "[DONE]"));
        assert!(matches!(bad, Err(EventError::Decode { data, .. }) if data == "[DONE]"));
    }
}
