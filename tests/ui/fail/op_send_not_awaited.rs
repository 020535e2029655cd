// `send()` is async: its result is only there after `.await`.
use dintero_customers::types::{AccountId, CustomerId};
use dintero_customers::Client;

async fn call(client: &Client, aid: AccountId, cid: CustomerId) {
    let response = client.aid_customers_cid_get(aid, cid).send();
    let _status = response.unwrap().status();
}

fn main() {}
