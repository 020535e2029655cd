// The whole create -> get -> update -> list flow type-checks with builders: bodies are built,
// ids are validated newtypes, responses are typed. `flow` is only type-checked and its future
// built, never polled, so nothing touches the network.
use dintero_customers::types::{
    self, AccountId, CustomerCreate, CustomerId, CustomerResponse, CustomerType, CustomerUpdate,
};
use dintero_customers::{Client, Error, ResponseValue};

async fn flow(
    client: Client,
    aid: AccountId,
) -> Result<Vec<CustomerResponse>, Error<types::ApiError>> {
    let body = CustomerCreate::builder()
        .type_(CustomerType::Customer)
        .customer_id(CustomerId::new("c1").expect("valid id"))
        .first_name("Ada")
        .build();
    let created: ResponseValue<CustomerResponse> =
        client.aid_customers_post(aid.clone(), body).send().await?;
    let cid: CustomerId = created.customer_id.clone();

    let fetched = client
        .aid_customers_cid_get(aid.clone(), cid.clone())
        .send()
        .await?;
    let _status: u16 = fetched.status().as_u16();

    let update = CustomerUpdate::builder().last_name("Lovelace").build();
    let updated = client
        .aid_customers_cid_put(aid.clone(), cid, update)
        .send()
        .await?;
    let _name: Option<&String> = updated.last_name.as_ref();

    let first_page: Vec<CustomerResponse> = client
        .aid_customers_get(aid.clone())
        .email("ada@example.com")
        .limit(50)
        .send()
        .await?
        .into_inner();

    let mut everyone = client.aid_customers_get(aid).stream();
    let mut all = first_page;
    while let Some(customer) = everyone.try_next().await? {
        all.push(customer);
    }
    Ok(all)
}

fn main() {
    let client = Client::with_bearer_token(Client::DEFAULT_BASE_URL.parse().unwrap(), "token")
        .expect("a client builds without I/O");
    let aid = AccountId::new("T12345678").expect("valid account id");
    // Built, never polled: no request is sent.
    let future = flow(client, aid);
    drop(future);
}
