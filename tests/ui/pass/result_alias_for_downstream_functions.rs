// The crate's `Result<T>`: a downstream function returns what `send()` gives, naming only the
// success type; after `use dintero_customers::*`, `Result<T, E>` is still std's `Result`.
use dintero_customers::types::{AccountId, CustomerId, CustomerResponse};
use dintero_customers::*;

async fn customer(
    client: &Client,
    aid: AccountId,
    id: CustomerId,
) -> Result<ResponseValue<CustomerResponse>> {
    let response = client.aid_customers_cid_get(aid, id).send().await?;
    Ok(response)
}

fn digits(text: &str) -> Result<u8, std::num::ParseIntError> {
    text.parse()
}

fn main() {
    let _ = customer;
    assert_eq!(digits("7"), Ok(7));
}
