// Only list operations page: "get customer" has no `.stream()`.
use dintero_customers::types::{AccountId, CustomerId};
use dintero_customers::Client;

fn call(client: &Client, aid: AccountId, cid: CustomerId) {
    let _pages = client.aid_customers_cid_get(aid, cid).stream();
}

fn main() {}
