// Path parameters are validated newtypes: a `String` is not a `CustomerId`.
use dintero_customers::types::AccountId;
use dintero_customers::Client;

fn call(client: &Client, aid: AccountId) {
    let cid = String::from("c1");
    let _request = client.aid_customers_cid_get(aid, cid);
}

fn main() {}
