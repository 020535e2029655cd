//! `Pages`: every item of a cursor-paginated list operation, fetched lazily page by page.

use std::collections::{HashSet, VecDeque};
use std::future::{poll_fn, Future};
use std::pin::Pin;
use std::task::{Context, Poll};

use futures_core::Stream;

use crate::error::Error;
use crate::value::ResponseValue;

type PageFuture<T, E> =
    Pin<Box<dyn Future<Output = Result<ResponseValue<Vec<T>>, Error<E>>> + Send>>;
type Fetch<T, E> = Box<dyn FnMut(Option<String>) -> PageFuture<T, E> + Send>;

/// A [`Stream`] of the items of every page of a list operation.
///
/// The first page is requested on the first poll; each further page starts after the cursor of
/// the last item of the page before. The stream ends after an empty page or one shorter than
/// the page size. Nothing is fetched twice: a server that hands back any cursor seen before (the
/// same page again, or an `A, B, A` cycle) ends the stream with [`Error::Pagination`] instead
/// of looping. A server with fresh cursors forever is bounded by [`Pages::max_pages`] (an
/// error once reached) and [`Pages::max_items`] (the stream just ends there); neither is set
/// by default. After an error the stream ends.
///
/// Without a stream combinator crate, use [`Pages::try_next`] or [`Pages::collect_all`].
#[must_use = "a stream does nothing until polled"]
pub struct Pages<T, E> {
    fetch: Fetch<T, E>,
    cursor_of: fn(&T) -> Option<String>,
    page_size: Option<usize>,
    buffered: VecDeque<T>,
    pending: Option<PageFuture<T, E>>,
    next: Next,
    /// Every cursor fetched after so far.
    seen: HashSet<String>,
    pages: usize,
    items: usize,
    max_pages: Option<usize>,
    max_items: Option<usize>,
}

enum Next {
    Fetch(Option<String>),
    Fail(String),
    Done,
}

// No field is ever pinned in place: futures are boxed and items are moved out by value.
impl<T, E> Unpin for Pages<T, E> {}

impl<T, E> Pages<T, E> {
    /// Pages starting after `first_cursor` (`None`: from the start). `page_size` is the
    /// `limit` in effect, if known; `cursor_of` reads the cursor from an item; `fetch` requests
    /// the page after the given cursor.
    pub fn new<F, Fut>(
        first_cursor: Option<String>,
        page_size: Option<usize>,
        cursor_of: fn(&T) -> Option<String>,
        mut fetch: F,
    ) -> Self
    where
        F: FnMut(Option<String>) -> Fut + Send + 'static,
        Fut: Future<Output = Result<ResponseValue<Vec<T>>, Error<E>>> + Send + 'static,
    {
        Pages {
            fetch: Box::new(move |cursor| Box::pin(fetch(cursor))),
            cursor_of,
            page_size,
            buffered: VecDeque::new(),
            pending: None,
            seen: first_cursor.iter().cloned().collect(),
            next: Next::Fetch(first_cursor),
            pages: 0,
            items: 0,
            max_pages: None,
            max_items: None,
        }
    }

    /// Fetch at most `max_pages` pages: when that many were fetched and the server has more, the
    /// stream ends with [`Error::Pagination`] (after the items received).
    pub fn max_pages(mut self, max_pages: usize) -> Self {
        self.max_pages = Some(max_pages);
        self
    }

    /// Yield at most `max_items` items, then end (no error; no further page is fetched).
    pub fn max_items(mut self, max_items: usize) -> Self {
        self.max_items = Some(max_items);
        self
    }

    /// The next item, fetching the next page when needed; `Ok(None)` after the last one.
    pub async fn try_next(&mut self) -> Result<Option<T>, Error<E>> {
        poll_fn(|cx| Pin::new(&mut *self).poll_next(cx))
            .await
            .transpose()
    }

    /// Every remaining item of every page.
    pub async fn collect_all(mut self) -> Result<Vec<T>, Error<E>> {
        let mut items = Vec::new();
        while let Some(item) = self.try_next().await? {
            items.push(item);
        }
        Ok(items)
    }

    /// What to do after `page` arrived, given the cursor it was fetched after.
    fn after(&mut self, page: &[T], previous: Option<&str>) -> Next {
        let short = self.page_size.is_some_and(|size| page.len() < size);
        let Some(last) = page.last().filter(|_| !short) else {
            return Next::Done;
        };
        let delivered = self.items + self.buffered.len() + page.len();
        if self.max_items.is_some_and(|max| delivered >= max) {
            return Next::Done;
        }
        match (self.cursor_of)(last) {
            None => Next::Fail("the last item of a full page has no cursor value".into()),
            Some(cursor) if Some(cursor.as_str()) == previous => Next::Fail(format!(
                "the server returned the page after `{cursor}` again"
            )),
            Some(cursor) if self.seen.contains(&cursor) => Next::Fail(format!(
                "the server's cursors went round in a cycle (`{cursor}` was seen before)"
            )),
            Some(_) if self.max_pages.is_some_and(|max| self.pages >= max) => Next::Fail(format!(
                "stopped after max_pages ({}) pages; the server has more",
                self.pages
            )),
            Some(cursor) => {
                self.seen.insert(cursor.clone());
                Next::Fetch(Some(cursor))
            }
        }
    }
}

impl<T, E> Stream for Pages<T, E> {
    type Item = Result<T, Error<E>>;

    fn poll_next(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        let this = self.get_mut();
        loop {
            if this.max_items.is_some_and(|max| this.items >= max) {
                this.buffered.clear();
                this.next = Next::Done;
                return Poll::Ready(None);
            }
            if let Some(item) = this.buffered.pop_front() {
                this.items += 1;
                return Poll::Ready(Some(Ok(item)));
            }
            if let Some(pending) = this.pending.as_mut() {
                let result = match pending.as_mut().poll(cx) {
                    Poll::Pending => return Poll::Pending,
                    Poll::Ready(result) => result,
                };
                this.pending = None;
                match result {
                    Err(err) => {
                        this.next = Next::Done;
                        return Poll::Ready(Some(Err(err)));
                    }
                    Ok(page) => {
                        this.pages += 1;
                        let page = page.into_inner();
                        let previous = match &this.next {
                            Next::Fetch(cursor) => cursor.clone(),
                            _ => None,
                        };
                        this.next = this.after(&page, previous.as_deref());
                        let room = this
                            .max_items
                            .map_or(usize::MAX, |max| max.saturating_sub(this.items));
                        this.buffered.extend(page.into_iter().take(room));
                        continue;
                    }
                }
            }
            match std::mem::replace(&mut this.next, Next::Done) {
                Next::Done => return Poll::Ready(None),
                Next::Fail(reason) => return Poll::Ready(Some(Err(Error::Pagination(reason)))),
                Next::Fetch(cursor) => {
                    this.pending = Some((this.fetch)(cursor.clone()));
                    this.next = Next::Fetch(cursor);
                }
            }
        }
    }
}

impl<T, E> std::fmt::Debug for Pages<T, E> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Pages")
            .field("page_size", &self.page_size)
            .field("buffered", &self.buffered.len())
            .field("fetching", &self.pending.is_some())
            .finish_non_exhaustive()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use reqwest::header::HeaderMap;
    use reqwest::StatusCode;
    use std::sync::{Arc, Mutex};

    type Item = Option<&'static str>;
    type Asked = Arc<Mutex<Vec<Option<String>>>>;

    /// Pages served from `pages` in order, whatever the cursor; records the cursors asked for.
    fn scripted(pages: Vec<Vec<Item>>, page_size: Option<usize>) -> (Pages<Item, ()>, Asked) {
        let asked = Arc::new(Mutex::new(Vec::new()));
        let log = asked.clone();
        let mut pages = pages.into_iter();
        let stream = Pages::new(
            None,
            page_size,
            |item: &Option<&str>| item.map(str::to_string),
            move |cursor| {
                log.lock().unwrap().push(cursor);
                let page = pages.next().unwrap_or_default();
                async move { Ok(ResponseValue::new(page, StatusCode::OK, HeaderMap::new())) }
            },
        );
        (stream, asked)
    }

    #[tokio::test]
    async fn a_server_that_ignores_the_cursor_ends_the_stream_with_an_error() {
        let (mut pages, asked) = scripted(
            vec![vec![Some("a"), Some("b")], vec![Some("a"), Some("b")]],
            Some(2),
        );
        let mut items = Vec::new();
        let err = loop {
            match pages.try_next().await {
                Ok(Some(item)) => items.push(item),
                Ok(None) => panic!("the stream must not end quietly"),
                Err(err) => break err,
            }
        };
        assert_eq!(
            items.len(),
            4,
            "items received before the repeat are delivered"
        );
        assert!(
            matches!(err, Error::Pagination(ref m) if m.contains("`b` again")),
            "{err}"
        );
        assert_eq!(*asked.lock().unwrap(), [None, Some("b".to_string())]);
        assert!(
            pages.try_next().await.unwrap().is_none(),
            "the stream ends after an error"
        );
    }

    #[tokio::test]
    async fn a_full_page_whose_last_item_has_no_cursor_is_an_error() {
        let (pages, _) = scripted(vec![vec![Some("a"), None]], Some(2));
        let err = pages.collect_all().await.unwrap_err();
        assert!(matches!(err, Error::Pagination(_)), "{err}");
    }

    #[tokio::test]
    async fn without_a_page_size_only_an_empty_page_ends_the_stream() {
        let (pages, asked) = scripted(vec![vec![Some("a")], vec![Some("b")], vec![]], None);
        assert_eq!(pages.collect_all().await.unwrap(), [Some("a"), Some("b")]);
        assert_eq!(asked.lock().unwrap().len(), 3);
    }
}
