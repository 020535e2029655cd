//! The logic of a small service on top of the generated Customers crate: find a customer by
//! e-mail or create one, and read a customer's name where a missing customer is not an error.
//! `tests/mocks.rs` tests it with the crate's typed mocks, without a server.

use dintero_customers::types::{
    AccountId, ApiError, CustomerCreate, CustomerId, CustomerResponse, CustomerType,
};
use dintero_customers::{Client, Error};

/// What every call of the Customers API here can fail with.
pub type ApiResult<T> = Result<T, Error<ApiError>>;

/// The customer with e-mail `email`, created (as a private customer named `first_name`) if
/// there is none yet; `true` when it was created.
pub async fn find_or_create(
    client: &Client,
    aid: &AccountId,
    email: &str,
    first_name: &str,
) -> ApiResult<(CustomerResponse, bool)> {
    let found = client
        .aid_customers_get(aid.clone())
        .email(email)
        .limit(1)
        .send()
        .await?
        .into_inner();
    if let Some(customer) = found.into_iter().next() {
        return Ok((customer, false));
    }
    let body = CustomerCreate::builder()
        .type_(CustomerType::Customer)
        .first_name(first_name)
        .email(email)
        .build();
    let created = client.aid_customers_post(aid.clone(), body).send().await?;
    Ok((created.into_inner(), true))
}

/// The first name of customer `id`: `None` when the customer does not exist (a 404) or has no
/// first name; other errors are errors.
pub async fn first_name(
    client: &Client,
    aid: &AccountId,
    id: &CustomerId,
) -> ApiResult<Option<String>> {
    match client
        .aid_customers_cid_get(aid.clone(), id.clone())
        .send()
        .await
    {
        Ok(customer) => Ok(customer.into_inner().first_name),
        Err(err) if err.is_not_found() => Ok(None),
        Err(err) => Err(err),
    }
}
