//! The README's quick start as a program: a service that depends on the generated Customers
//! crate alone (plus tokio), authenticates with OAuth2 client credentials, creates a customer,
//! reads it back, lists customers by e-mail as a stream and handles a 404 by status.
//!
//! `DINTERO_ACCOUNT`, `DINTERO_CLIENT_ID` and `DINTERO_CLIENT_SECRET` name the account and its
//! credentials; `DINTERO_BASE_URL` another server (a mock, say). Without credentials it says so
//! and exits.

use dintero_customers::types::{AccountId, CustomerCreate, CustomerType};
use dintero_customers::{Client, ClientCredentials, Error, Url};

type BoxError = Box<dyn std::error::Error + Send + Sync>;

#[tokio::main]
async fn main() -> Result<(), BoxError> {
    let (Ok(account), Ok(client_id), Ok(secret)) = (
        std::env::var("DINTERO_ACCOUNT"),
        std::env::var("DINTERO_CLIENT_ID"),
        std::env::var("DINTERO_CLIENT_SECRET"),
    ) else {
        eprintln!("set DINTERO_ACCOUNT, DINTERO_CLIENT_ID and DINTERO_CLIENT_SECRET");
        return Ok(());
    };
    let base: Url = std::env::var("DINTERO_BASE_URL")
        .as_deref()
        .unwrap_or(Client::DEFAULT_BASE_URL)
        .parse()?;
    let client = connect(base, &account, client_id, secret)?;
    let aid = AccountId::new(account.as_str())?;
    run(&client, aid).await
}

/// A client that fetches (and refreshes) its access token with client credentials.
fn connect(
    base: Url,
    account: &str,
    client_id: String,
    secret: String,
) -> Result<Client, BoxError> {
    let credentials = ClientCredentials::dintero(&base, account, client_id, secret);
    let transport = Client::config()
        .base_url(base)
        .token_source(credentials)
        .build()?;
    Ok(Client::from_transport(transport))
}

async fn run(client: &Client, aid: AccountId) -> Result<(), BoxError> {
    // Create: the builder's `build()` compiles only once every required field is set.
    let body = CustomerCreate::builder()
        .type_(CustomerType::Customer)
        .first_name("Ada")
        .email("ada@example.com")
        .build();
    let created = client.aid_customers_post(aid.clone(), body).send().await?;
    let id = created.into_inner().customer_id;
    println!("created {id}");

    // Read it back; a 404 is an error with a status helper, not a panic.
    match client
        .aid_customers_cid_get(aid.clone(), id.clone())
        .send()
        .await
    {
        Ok(customer) => println!("read back: {:?}", customer.into_inner().first_name),
        Err(err) if err.is_not_found() => println!("{id} is gone already"),
        Err(err) => return Err(err.into()),
    }

    // List by e-mail, page after page, as one stream.
    let mut pages = client
        .aid_customers_get(aid)
        .email("ada@example.com")
        .limit(50)
        .stream();
    while let Some(customer) = pages.try_next().await? {
        println!("found {}", customer.customer_id);
    }
    Ok(())
}

/// What a caller of this service sees of an API error: the spec's typed error body when the
/// server sent one.
#[allow(dead_code)]
fn describe(err: &Error<dintero_customers::types::ApiError>) -> String {
    match err.error_body() {
        Some(body) => format!("{err}: {:?}", body.error.message),
        None => err.to_string(),
    }
}
