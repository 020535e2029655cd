// Optional query parameters are typed: `limit` is an integer, not a string.
use dintero_customers::types::AccountId;
use dintero_customers::Client;

fn call(client: &Client, aid: AccountId) {
    let _request = client.aid_customers_get(aid).limit("50");
}

fn main() {}
