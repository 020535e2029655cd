// Required path parameters are method arguments: "get customer" without its `customer_id`
// does not compile.
use dintero_customers::types::AccountId;
use dintero_customers::Client;

fn call(client: &Client, aid: AccountId) {
    let _request = client.aid_customers_cid_get(aid);
}

fn main() {}
