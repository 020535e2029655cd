// Each operation takes its own body type: "create customer" does not accept a `CustomerUpdate`.
use dintero_customers::types::{AccountId, CustomerUpdate};
use dintero_customers::Client;

fn call(client: &Client, aid: AccountId) {
    let _request = client.aid_customers_post(aid, CustomerUpdate::default());
}

fn main() {}
