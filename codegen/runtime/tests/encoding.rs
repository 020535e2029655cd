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
