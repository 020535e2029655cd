// A required body is a method argument: "create customer" without its `CustomerCreate` does
// not compile.
use dintero_customers::types::AccountId;
use dintero_customers::Client;

fn call(client: &Client, aid: AccountId) {
    let _request = client.aid_customers_post(aid);
}

fn main() {}
