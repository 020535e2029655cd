// Request builders are `Clone + Debug`: a prepared request can be kept and sent again (each
// `send()` consumes one clone). Body builders are `Clone + Debug` too, without showing values.
use dintero_customers::types::{AccountId, CustomerCreate, CustomerType};
use dintero_customers::Client;

fn main() {
    let client =
        Client::with_bearer_token(Client::DEFAULT_BASE_URL.parse().unwrap(), "token").unwrap();
    let aid = AccountId::new("T12345678").unwrap();
    let request = client
        .aid_customers_get(aid)
        .email("ada@example.com")
        .limit(5);
    let again = request.clone();
    drop((request.send(), again.send())); // built, never polled

    let builder = CustomerCreate::builder()
        .password("hunter2")
        .first_name("Ada");
    let debug = format!("{:?}", builder);
    assert!(!debug.contains("hunter2"), "{debug}");
    let a = builder.clone().type_(CustomerType::Customer).build();
    let b = builder.type_(CustomerType::Customer).build();
    assert_eq!(a, b);
    assert!(!format!("{a:?}").contains("hunter2"));
}
