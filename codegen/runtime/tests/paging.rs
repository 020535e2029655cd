//! Pagination against a loopback server whose cursors never end or go round in a cycle: the
//! stream stops, with an error, instead of looping or growing without bound.

mod support;

use std::time::Duration;

use codegen_runtime::{decode_json, Error, Method, Pages, RequestParts, Transport};
use serde_json::json;
use support::{config, MockServer, Reply};

const PAGE_SIZE: usize = 2;

/// Pages of `GET /items?starting_after=...`, two items each, the cursor being the item.
fn pages(transport: &Transport) -> Pages<String, ()> {
    let transport = transport.clone();
    Pages::new(
        None,
        Some(PAGE_SIZE),
        |item: &String| Some(item.clone()),
        move |after| {
            let transport = transport.clone();
            async move {
                let request = RequestParts::new(Method::GET, "/items", "list")
                    .query_opt("starting_after", after);
                decode_json(transport.execute(request).await?).await
            }
        },
    )
}

/// The page after `after` (a number): two fresh, ever larger numbers, forever.
fn endless(after: Option<&str>) -> Vec<String> {
    let n: u64 = after.and_then(|a| a.parse().ok()).unwrap_or(0);
    vec![(n + 1).to_string(), (n + 2).to_string()]
}

fn starting_after(request: &support::Recorded) -> Option<String> {
    request
        .query_pairs()
        .into_iter()
        .find(|(name, _)| name == "starting_after")
        .map(|(_, value)| value)
}

#[tokio::test]
async fn cyclic_cursors_end_the_stream_with_an_error() {
    // a,b -> c,d -> a,b -> ...: each cursor differs from the one before, but they cycle.
    let server = MockServer::start(|request| {
        let page = match starting_after(request).as_deref() {
            Some("b") => json!(["c", "d"]),
            _ => json!(["a", "b"]),
        };
        Reply::json(200, page)
    })
    .await;
    let transport = config(&server).build().unwrap();
    let result = tokio::time::timeout(Duration::from_secs(3), pages(&transport).collect_all())
        .await
        .expect("the stream must end, not loop");
    assert!(
        matches!(result, Err(Error::Pagination(ref m)) if m.contains("cycle")),
        "{result:?}"
    );
    assert_eq!(server.requests().len(), 3);
}

#[tokio::test]
async fn endless_fresh_cursors_stop_at_max_pages() {
    let server = MockServer::start(|request| {
        Reply::json(200, json!(endless(starting_after(request).as_deref())))
    })
    .await;
    let transport = config(&server).build().unwrap();
    let mut stream = pages(&transport).max_pages(20);
    let mut items = 0;
    let err = loop {
        match stream.try_next().await {
            Ok(Some(_)) => items += 1,
            Ok(None) => panic!("an endless list must not end quietly"),
            Err(err) => break err,
        }
    };
    assert!(
        matches!(err, Error::Pagination(ref m) if m.contains("max_pages")),
        "{err:?}"
    );
    assert_eq!(
        items,
        20 * PAGE_SIZE,
        "the items of the pages fetched are delivered"
    );
    assert_eq!(server.requests().len(), 20);
}

#[tokio::test]
async fn max_items_ends_the_stream_quietly() {
    let server = MockServer::start(|request| {
        Reply::json(200, json!(endless(starting_after(request).as_deref())))
    })
    .await;
    let transport = config(&server).build().unwrap();
    let items = pages(&transport).max_items(5).collect_all().await.unwrap();
    assert_eq!(items, ["1", "2", "3", "4", "5"]);
    assert_eq!(
        server.requests().len(),
        3,
        "no page is fetched beyond the last item needed"
    );
}
