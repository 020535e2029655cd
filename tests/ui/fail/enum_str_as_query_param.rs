// Enum query parameters are typed too: `aid_customers_get(..).type_` takes an
// `AidCustomersGetType`, not a `&str`.
use dintero_customers::types::AccountId;
use dintero_customers::Client;

fn call(client: &Client, aid: AccountId) {
    let _request = client.aid_customers_get(aid).type_("any");
}

fn main() {}
