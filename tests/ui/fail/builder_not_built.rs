// An operation takes the finished body, not its builder: forgetting `.build()` is a type error.
use dintero_customers::types::{AccountId, CustomerCreate, CustomerType};
use dintero_customers::Client;

fn call(client: &Client, aid: AccountId) {
    let _request =
        client.aid_customers_post(aid, CustomerCreate::builder().type_(CustomerType::Customer));
}

fn main() {}
