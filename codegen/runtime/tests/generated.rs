//! The generated clients of the `params` and `bodies` fixtures (their snapshots, compiled here)
//! against a loopback server: parameters and bodies reach the wire as the spec describes them.

mod support;

// Generated text (prettyplease's layout), checked by the snapshot tests: not rustfmt's to change.
#[rustfmt::skip]
#[path = "../../tests/snapshots/bodies.rs"]
mod bodies;
#[rustfmt::skip]
#[path = "../../tests/snapshots/params.rs"]
mod params;

use support::{config, MockServer, Reply};

#[tokio::test]
async fn every_parameter_style_reaches_the_server() {
    use params::types::{Color, Filter, FilterStatus, Point};
    let server = MockServer::start(|_| Reply::json(200, serde_json::json!(["a"]))).await;
    let client = params::Client::from_transport(config(&server).build().unwrap());
    let items = client
        .list_items(
            vec![1, 2],
            Point::builder().x(1.5).y(-2.0).build(),
            Color::builder().r(100).g(200).build(),
            "abc 1",
        )
        .filter(Filter::builder().status(FilterStatus::Open).build())
        .point(Point::builder().x(1.0).y(2.5).build())
        .tags(vec!["a".to_owned(), "b".to_owned()])
        .words(vec!["blue".to_owned(), "black".to_owned()])
        .ids2(vec![3, 4])
        .where_(Filter::builder().owner("me").build())
        .x_trace(vec!["t1".to_owned(), "t2".to_owned()])
        .x_point(Point::builder().x(1.0).y(2.0).build())
        .prefs(Color::builder().r(1).g(2).build())
        .send()
        .await
        .unwrap();
    assert_eq!(items.into_inner(), ["a"]);

    let recorded = &server.requests()[0];
    assert_eq!(recorded.path, "/v1/items/.1.2/;coords=x,1.5,y,-2.0");
    let pairs: Vec<String> = recorded
        .query_pairs()
        .into_iter()
        .map(|(k, v)| format!("{k}={v}"))
        .collect();
    assert_eq!(
        pairs,
        [
            "filter[status]=open",
            "color=R,100,G,200",
            "x=1.0",
            "y=2.5",
            "tags=a|b",
            "words=blue black",
            "ids=3,4",
            r#"where={"owner":"me"}"#,
        ]
    );
    assert_eq!(recorded.header("x-trace"), Some("t1,t2"));
    assert_eq!(recorded.header("x-point"), Some("x=1.0,y=2.0"));
    assert_eq!(
        recorded.header("cookie"),
        Some("session=abc%201; prefs=R,1,G,2")
    );
}

#[tokio::test]
async fn form_multipart_and_text_bodies_reach_the_server() {
    use bodies::client::UploadAvatarMultipart;
    use bodies::types::{Crop, GrantType, TokenRequest, TokenRequestFilter};
    use codegen_runtime::FilePart;
    let server = MockServer::start(|request| match request.path.as_str() {
        "/v1/tokens" => Reply::json(200, serde_json::json!({"access_token": "t"})),
        "/v1/notes" => Reply::empty(201),
        _ => Reply::empty(204),
    })
    .await;
    let client = bodies::Client::from_transport(config(&server).build().unwrap());

    let token = TokenRequest::builder()
        .grant_type(GrantType::ClientCredentials)
        .scope(vec!["read".to_owned(), "write".to_owned()])
        .audience(vec!["a".to_owned(), "b".to_owned()])
        .filter(TokenRequestFilter::builder().status("open").build())
        .context([("k".to_owned(), "v".to_owned())])
        .build();
    let response = client.create_token(token).send().await.unwrap();
    assert_eq!(response.into_inner().access_token.as_deref(), Some("t"));

    let mut avatar = UploadAvatarMultipart::new(
        FilePart::new(vec![1, 2, 3])
            .file_name("me.png")
            .content_type("image/png"),
        "Me",
    );
    avatar.tags = Some(vec!["x".to_owned(), "y".to_owned()]);
    avatar.crop = Some(Crop::builder().x(1).y(2).build());
    client.upload_avatar("p1", avatar).send().await.unwrap();

    client
        .create_note()
        .body("hello".to_owned())
        .send()
        .await
        .unwrap();

    let requests = server.requests();
    assert_eq!(
        requests[0].header("content-type"),
        Some("application/x-www-form-urlencoded")
    );
    assert_eq!(
        String::from_utf8_lossy(&requests[0].body),
        "grant_type=client_credentials&scope=read+write&audience=a&audience=b\
         &filter%5Bstatus%5D=open&context=%7B%22k%22%3A%22v%22%7D"
    );

    let content_type = requests[1].header("content-type").unwrap();
    let boundary = content_type
        .strip_prefix("multipart/form-data; boundary=")
        .unwrap();
    let expected = [
        "Content-Disposition: form-data; name=\"avatar\"; filename=\"me.png\"\r\nContent-Type: image/png\r\n\r\n\u{1}\u{2}\u{3}\r\n",
        "Content-Disposition: form-data; name=\"title\"\r\n\r\nMe\r\n",
        "Content-Disposition: form-data; name=\"tags\"\r\n\r\nx\r\n",
        "Content-Disposition: form-data; name=\"tags\"\r\n\r\ny\r\n",
        "Content-Disposition: form-data; name=\"crop\"\r\nContent-Type: application/json\r\n\r\n{\"x\":1,\"y\":2}\r\n",
    ]
    .map(|part| format!("--{boundary}\r\n{part}"))
    .concat();
    assert_eq!(
        String::from_utf8_lossy(&requests[1].body),
        format!("{expected}--{boundary}--\r\n")
    );

    assert_eq!(requests[2].header("content-type"), Some("text/plain"));
    assert_eq!(requests[2].body, b"hello");
}

#[tokio::test]
async fn event_stream_responses_are_streams_of_typed_events() {
    use bodies::types::Crop;
    use codegen_runtime::Stream;
    let server = MockServer::start(|_| {
        Reply::empty(200)
            .header("content-type", "text/event-stream")
            .body("id: 7\ndata: {\"x\":1,\ndata: \"y\":2}\n\n")
    })
    .await;
    let client = bodies::Client::from_transport(config(&server).build().unwrap());
    let mut events = client.watch_events().send().await.unwrap().into_inner();
    let event = std::future::poll_fn(|cx| std::pin::Pin::new(&mut events).poll_next(cx))
        .await
        .unwrap()
        .unwrap();
    assert_eq!(event.id.as_deref(), Some("7"));
    assert_eq!(event.data, Crop::builder().x(1).y(2).build());
}
