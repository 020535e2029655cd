//! Path and query parameters reach the server exactly as encoded, and decode back unchanged.

mod support;

use codegen_runtime::{encode_path_segment, Error, Method, RequestParts};
use percent_encoding::percent_decode_str;
use support::{config, MockServer, Reply};

const USERS: &str = "/accounts/T12345678/customers/users";

#[tokio::test]
async fn hostile_path_ids_arrive_as_one_encoded_segment() {
    let server = MockServer::start(|_| Reply::empty(204)).await;
    let transport = config(&server).build().unwrap();
    let cases = [
        ("../../admin", "..%2F..%2Fadmin"),
        ("a b", "a%20b"),
        ("a+b", "a%2Bb"),
        ("what?x=1", "what%3Fx%3D1"),
        ("frag#ment", "frag%23ment"),
        ("100%", "100%25"),
        ("ünï/cødé", "%C3%BCn%C3%AF%2Fc%C3%B8d%C3%A9"),
        ("a;b,c@d:e", "a%3Bb%2Cc%40d%3Ae"),
        ("...", "..."),
    ];
    for (id, encoded) in cases {
        assert_eq!(encode_path_segment(id), encoded);
        let path = format!("{USERS}/{}", encode_path_segment(id));
        let response = transport
            .execute::<()>(RequestParts::new(
                Method::GET,
                path,
                "customers_users_user_id_get",
            ))
            .await
            .unwrap();
        assert_eq!(response.status(), 204);
    }
    let requests = server.requests();
    assert_eq!(requests.len(), cases.len());
    for (request, (id, encoded)) in requests.iter().zip(cases) {
        assert_eq!(request.path, format!("/v1{USERS}/{encoded}"));
        let last = request.path.rsplit('/').next().unwrap();
        assert_eq!(percent_decode_str(last).decode_utf8().unwrap(), id);
    }
}

#[tokio::test]
async fn dot_and_empty_segments_are_refused_before_sending() {
    let server = MockServer::start(|_| Reply::empty(204)).await;
    let transport = config(&server).build().unwrap();
    let paths = [
        format!("{USERS}/{}", encode_path_segment("..")),
        format!("{USERS}/{}", encode_path_segment(".")),
        format!("/accounts/{}/customers/users", encode_path_segment("")),
        format!("{USERS}/%2e%2E"),
        "accounts/no-leading-slash".to_owned(),
    ];
    for path in paths {
        let result = transport
            .execute::<()>(RequestParts::new(Method::DELETE, path.clone(), "op"))
            .await;
        assert!(
            matches!(result, Err(Error::InvalidRequest(_))),
            "{path}: {result:?}"
        );
    }
    assert!(server.requests().is_empty());
}

#[tokio::test]
async fn query_values_are_form_encoded() {
    let server = MockServer::start(|_| Reply::empty(204)).await;
    let transport = config(&server).build().unwrap();
    let created = chrono::DateTime::parse_from_rfc3339("2024-05-01T14:00:00+02:00")
        .unwrap()
        .to_utc();
    let request = RequestParts::new(Method::GET, USERS, "customers_users_get")
        .query("phone_number", "+47 99 999 999")
        .query_exploded("tags", ["vip", "a&b=c"])
        .query_joined("fields", vec!["name", "email"])
        .query("include_total_count", true)
        .query("deleted", false)
        .query("limit", 10u32)
        .query_opt("search", None::<&str>)
        .query_opt("created_after", Some(created))
        .query_exploded("empty", Vec::<String>::new());
    transport.execute::<()>(request).await.unwrap();

    let recorded = &server.requests()[0];
    let raw = recorded.query.as_deref().unwrap();
    assert!(raw.starts_with("phone_number=%2B47+99+999+999&"), "{raw}");
    assert!(raw.contains("tags=vip&tags=a%26b%3Dc&"), "{raw}");
    let expected = [
        ("phone_number", "+47 99 999 999"),
        ("tags", "vip"),
        ("tags", "a&b=c"),
        ("fields", "name,email"),
        ("include_total_count", "true"),
        ("deleted", "false"),
        ("limit", "10"),
        ("created_after", "2024-05-01T12:00:00Z"),
    ];
    let expected: Vec<_> = expected
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
    assert_eq!(recorded.query_pairs(), expected);
}

#[tokio::test]
async fn no_query_means_no_question_mark() {
    let server = MockServer::start(|_| Reply::empty(204)).await;
    let transport = config(&server).build().unwrap();
    transport
        .execute::<()>(RequestParts::new(Method::GET, USERS, "op"))
        .await
        .unwrap();
    assert_eq!(server.requests()[0].query, None);
}

#[test]
fn base_url_path_is_kept_and_trailing_slash_ignored() {
    let base = codegen_runtime::Url::parse("https://api.example.com/v1/").unwrap();
    let transport = codegen_runtime::ClientConfig::new(base, "test/0")
        .build()
        .unwrap();
    let url = transport.url::<()>("/accounts/T1/customers").unwrap();
    assert_eq!(
        url.as_str(),
        "https://api.example.com/v1/accounts/T1/customers"
    );
}

#[derive(serde::Serialize)]
struct Color {
    #[serde(rename = "R")]
    r: u8,
    #[serde(rename = "G")]
    g: u8,
}

#[tokio::test]
async fn styled_parameters_reach_the_server_as_the_spec_table_writes_them() {
    use codegen_runtime::ParamStyle;
    let server = MockServer::start(|_| Reply::empty(204)).await;
    let transport = config(&server).build().unwrap();
    let color = Color { r: 100, g: 200 };
    let path = format!(
        "/items/{}/{}",
        codegen_runtime::path_param::<_, ()>("ids", &[1, 2], ParamStyle::Label, true).unwrap(),
        codegen_runtime::path_param::<_, ()>("color", &color, ParamStyle::Matrix, false).unwrap(),
    );
    let request = RequestParts::new(Method::GET, path, "op")
        .query_styled("color", &color, ParamStyle::DeepObject, true)
        .query_styled("rgb", &color, ParamStyle::Form, false)
        .query_styled(
            "words",
            &["blue", "black"],
            ParamStyle::SpaceDelimited,
            false,
        )
        .query_styled("tags", &["a", "b|c"], ParamStyle::PipeDelimited, false)
        .query_styled("where", &Some(&color), ParamStyle::Json, false)
        .query_styled("absent", &None::<Color>, ParamStyle::DeepObject, true)
        .header_styled("X-Color", &color, ParamStyle::Simple, true)
        .header_styled("X-Tags", &["a", "b"], ParamStyle::Simple, false)
        .cookie("session", &"abc 1", ParamStyle::Form, true)
        .cookie("prefs", &color, ParamStyle::Form, false);
    transport.execute::<()>(request).await.unwrap();

    let recorded = &server.requests()[0];
    assert_eq!(recorded.path, "/v1/items/.1.2/;color=R,100,G,200");
    assert_eq!(
        recorded.query.as_deref(),
        Some(
            "color%5BR%5D=100&color%5BG%5D=200&rgb=R%2C100%2CG%2C200&words=blue+black\
             &tags=a%7Cb%7Cc&where=%7B%22R%22%3A100%2C%22G%22%3A200%7D"
        )
    );
    let pairs: Vec<String> = recorded
        .query_pairs()
        .into_iter()
        .map(|(k, v)| format!("{k}={v}"))
        .collect();
    assert_eq!(
        pairs,
        [
            "color[R]=100",
            "color[G]=200",
            "rgb=R,100,G,200",
            "words=blue black",
            "tags=a|b|c",
            r#"where={"R":100,"G":200}"#,
        ]
    );
    assert_eq!(recorded.header("x-color"), Some("R=100,G=200"));
    assert_eq!(recorded.header("x-tags"), Some("a,b"));
    assert_eq!(
        recorded.header("cookie"),
        Some("session=abc%201; prefs=R,100,G,200")
    );
}

#[tokio::test]
async fn form_and_multipart_bodies_are_sent_with_their_content_types() {
    use codegen_runtime::{FilePart, Multipart, ParamStyle};
    let server = MockServer::start(|_| Reply::empty(204)).await;
    let transport = config(&server).build().unwrap();
    let body = serde_json::json!({"grant_type": "client_credentials", "scope": ["a", "b"]});
    let form = RequestParts::new(Method::POST, "/token", "op")
        .form(&body, &[("scope", ParamStyle::SpaceDelimited, false)]);
    transport.execute::<()>(form).await.unwrap();
    let multipart = RequestParts::new(Method::POST, "/upload", "op").multipart(
        Multipart::with_boundary("B0undary")
            .text("title", &"Hi", "text/plain")
            .file(
                "f",
                [&FilePart::new(vec![1, 2]).file_name("x.bin")],
                "application/octet-stream",
            ),
    );
    transport.execute::<()>(multipart).await.unwrap();
    let not_an_object = RequestParts::new(Method::POST, "/token", "op").form(&[1, 2], &[]);
    let result = transport.execute::<()>(not_an_object).await;
    assert!(
        matches!(result, Err(Error::InvalidRequest(_))),
        "{result:?}"
    );

    let requests = server.requests();
    assert_eq!(requests.len(), 2);
    assert_eq!(
        requests[0].header("content-type"),
        Some("application/x-www-form-urlencoded")
    );
    assert_eq!(requests[0].body, b"grant_type=client_credentials&scope=a+b");
    assert_eq!(
        requests[1].header("content-type"),
        Some("multipart/form-data; boundary=B0undary")
    );
    assert_eq!(
        requests[1].body,
        b"--B0undary\r\nContent-Disposition: form-data; name=\"title\"\r\n\r\nHi\r\n\
          --B0undary\r\nContent-Disposition: form-data; name=\"f\"; filename=\"x.bin\"\r\n\
          Content-Type: application/octet-stream\r\n\r\n\x01\x02\r\n--B0undary--\r\n"
    );
}
