//! The service's logic against the generated crate's typed mocks: no server, no network.

use dintero_customers::mock::Mock;
use dintero_customers::types::{
    AccountId, ApiError, CustomerCreate, CustomerId, CustomerResponse, CustomerType, ErrorError,
};
use downstream::{find_or_create, first_name};

fn aid() -> AccountId {
    AccountId::new("T12345678").unwrap()
}

/// A customer as the server would answer it: response types are `#[non_exhaustive]`, so a
/// test makes them with their builders, as it would any request body.
fn customer(id: &str, email: &str, first_name: &str) -> CustomerResponse {
    CustomerResponse::builder()
        .customer_id(CustomerId::new(id).unwrap())
        .type_(CustomerType::Customer)
        .email(email)
        .first_name(first_name)
        .build()
}

fn api_error(message: &str) -> ApiError {
    ApiError::builder()
        .error(ErrorError::builder().message(message).build())
        .build()
}

#[tokio::test]
async fn an_existing_customer_is_found_and_nothing_is_created() {
    let mock = Mock::new();
    let ada = customer("c-1", "ada@example.com", "Ada");
    mock.expect_aid_customers_get()
        .aid(aid())
        .email("ada@example.com")
        .limit(1)
        .times(1)
        .respond(vec![ada.clone()]);
    // No expectation of `aid_customers_post`: creating would fail the test.

    let (found, created) = find_or_create(&mock.client(), &aid(), "ada@example.com", "Ada")
        .await
        .unwrap();
    assert_eq!(found, ada);
    assert!(!created);
    mock.verify();
}

#[tokio::test]
async fn a_missing_customer_is_created_with_the_typed_body() {
    let mock = Mock::new();
    mock.expect_aid_customers_get()
        .email("grace@example.com")
        .respond(vec![]);
    let expected_body = CustomerCreate::builder()
        .type_(CustomerType::Customer)
        .first_name("Grace")
        .email("grace@example.com")
        .build();
    let grace = customer("c-2", "grace@example.com", "Grace");
    mock.expect_aid_customers_post()
        .aid(aid())
        .body(expected_body)
        .times(1)
        .respond(grace.clone());

    let (made, created) = find_or_create(&mock.client(), &aid(), "grace@example.com", "Grace")
        .await
        .unwrap();
    assert_eq!(made, grace);
    assert!(created);
}

#[tokio::test]
async fn a_failed_create_is_the_typed_api_error() {
    let mock = Mock::new();
    mock.expect_aid_customers_get().respond(vec![]);
    mock.expect_aid_customers_post()
        .fail(400, api_error("email is invalid"));

    let err = find_or_create(&mock.client(), &aid(), "not-an-email", "X")
        .await
        .unwrap_err();
    assert_eq!(err.status().map(|s| s.as_u16()), Some(400));
    assert_eq!(err.error_body().unwrap().error.message, "email is invalid");
}

#[tokio::test]
async fn a_404_is_no_name_and_other_errors_stay_errors() {
    let mock = Mock::new();
    let aid = aid();
    let gone = CustomerId::new("gone").unwrap();
    let here = CustomerId::new("here").unwrap();
    let broken = CustomerId::new("broken").unwrap();
    mock.expect_aid_customers_cid_get()
        .customer_id(gone.clone())
        .fail(404, api_error("no such customer"));
    mock.expect_aid_customers_cid_get()
        .customer_id(here.clone())
        .respond(customer("here", "h@example.com", "Hedy"));
    mock.expect_aid_customers_cid_get()
        .customer_id(broken.clone())
        .fail(500, api_error("database down"));

    let client = mock.client();
    assert_eq!(first_name(&client, &aid, &gone).await.unwrap(), None);
    assert_eq!(
        first_name(&client, &aid, &here).await.unwrap().as_deref(),
        Some("Hedy")
    );
    let err = first_name(&client, &aid, &broken).await.unwrap_err();
    assert_eq!(err.status().map(|s| s.as_u16()), Some(500));
}

#[tokio::test]
#[should_panic(
    expected = "`email` differs: expected Some(\"ada@example.com\"), got Some(\"bob@example.com\")"
)]
async fn a_call_no_expectation_matches_says_what_differed() {
    let mock = Mock::new();
    mock.expect_aid_customers_get()
        .email("ada@example.com")
        .respond(vec![]);
    let _ = find_or_create(&mock.client(), &aid(), "bob@example.com", "Bob").await;
}

#[test]
#[should_panic(
    expected = "expectation #1 of `aid_customers_cid_get` was expected once and was called 0 times"
)]
fn an_expectation_never_called_fails_when_the_mock_is_dropped() {
    let mock = Mock::new();
    mock.expect_aid_customers_cid_get()
        .times(1)
        .respond(customer("c", "c@example.com", "C"));
    drop(mock);
}
