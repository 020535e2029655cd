//! A tour of the generated client: create a customer with a body builder, read it back, update
//! it, and list customers page by page.
//!
//! `cargo run -p dintero-customers --example tour -- http://127.0.0.1:4010` (e.g. against
//! `prism mock spec/customers.yaml`; `cargo xtask test` runs it that way).

use dintero_customers::types::{
    AccountId, CustomerCreate, CustomerId, CustomerType, CustomerUpdate,
};
use dintero_customers::{Client, Error, RetryPolicy};
use std::time::Duration;

#[tokio::main(flavor = "current_thread")]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let base_url = std::env::args()
        .nth(1)
        .unwrap_or_else(|| Client::DEFAULT_BASE_URL.into());
    let transport = Client::config()
        .base_url(base_url.parse()?)
        .bearer_token(std::env::var("DINTERO_TOKEN").unwrap_or_else(|_| "example-token".into()))
        .timeout(Some(Duration::from_secs(10)))
        .retry_policy(RetryPolicy::default())
        .build()?;
    let client = Client::from_transport(transport);
    let aid = AccountId::new("T12345678")?;

    // `build()` compiles only once the required `type` is set.
    let body = CustomerCreate::builder()
        .type_(CustomerType::Customer)
        .customer_id(CustomerId::new("tour-1")?)
        .first_name("Ada")
        .email("ada@example.com")
        .build();
    let created = client.aid_customers_post(aid.clone(), body).send().await?;
    println!(
        "created {} ({}), status {}",
        created.customer_id,
        created.type_,
        created.status()
    );

    let got = client
        .aid_customers_cid_get(aid.clone(), created.customer_id.clone())
        .send()
        .await?;
    println!(
        "read back {}: {:?} {:?}",
        got.customer_id, got.first_name, got.last_name
    );

    // Every field of an update is optional: left out means "unchanged".
    let update = CustomerUpdate::builder().last_name("Lovelace").build();
    match client
        .aid_customers_cid_put(aid.clone(), got.customer_id.clone(), update)
        .send()
        .await
    {
        Ok(updated) => println!("updated {}", updated.customer_id),
        Err(Error::ErrorResponse(e)) => {
            println!("update refused ({}): {}", e.status(), e.error.message)
        }
        Err(other) => return Err(other.into()),
    }

    // Pages are fetched lazily: at most 2 requests for the first 15 customers here.
    let mut pages = client.aid_customers_get(aid).limit(10).stream();
    let mut seen = 0;
    while let Some(customer) = pages.try_next().await? {
        seen += 1;
        if seen == 15 {
            break;
        }
        let _ = customer.customer_id;
    }
    println!("listed {seen} customer(s)");
    Ok(())
}
