// Path parameters are validated newtypes: a `&str` is not an `AccountId`; validate it first
// with `AccountId::new` / `try_into()`.
use dintero_customers::Client;

fn call(client: &Client) {
    let _request = client.aid_customers_get("T12345678");
}

fn main() {}
