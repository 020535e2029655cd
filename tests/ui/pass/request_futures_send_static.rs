// Request builders and the futures of `send()` are `Send + 'static`: they can be handed to
// `tokio::spawn` (the builder owns a clone of the client, nothing borrows it).
use dintero_customers::types::{AccountId, CustomerCreate, CustomerId, CustomerType};
use dintero_customers::Client;

fn assert_send_static<T: Send + 'static>(_: &T) {}

#[allow(dead_code)]
async fn spawn_requests(client: Client, aid: AccountId, cid: CustomerId) {
    let get = tokio::spawn(client.aid_customers_cid_get(aid.clone(), cid).send());
    let list = tokio::spawn(client.aid_customers_get(aid).limit(10).send());
    let _ = (get.await, list.await);
}

fn main() {
    let client =
        Client::with_bearer_token(Client::DEFAULT_BASE_URL.parse().unwrap(), "token").unwrap();
    let aid = AccountId::new("T12345678").unwrap();
    let cid = CustomerId::new("c1").unwrap();

    let request = client.aid_customers_cid_get(aid.clone(), cid.clone());
    assert_send_static(&request);
    let future = request.send();
    assert_send_static(&future);
    drop(future);

    let body = CustomerCreate::builder()
        .type_(CustomerType::Customer)
        .build();
    let create = client.aid_customers_post(aid.clone(), body).send();
    assert_send_static(&create);
    drop(create);

    // The request builder outlives the `client` it came from.
    let request = {
        let short_lived = client.clone();
        short_lived
            .aid_customers_cid_delete(aid, cid)
            .delete_tokens(true)
    };
    assert_send_static(&request);
}
