// Optional parameters belong to their operation: "get customer" has no `limit`.
use dintero_customers::types::{AccountId, CustomerId};
use dintero_customers::Client;

fn call(client: &Client, aid: AccountId, cid: CustomerId) {
    let _request = client.aid_customers_cid_get(aid, cid).limit(10);
}

fn main() {}
